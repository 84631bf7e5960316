"""Development and demo settings: the default when nothing else is chosen."""

from .base import *  # noqa: F403

# Mail is printed by the worker, not sent, unless an SMTP backend is chosen.
RUTA_EMAIL_DELIVERY_BACKEND = os.environ.get(  # noqa: F405
    "RUTA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
