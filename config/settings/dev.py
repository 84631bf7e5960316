"""Development and demo settings: the default when nothing else is chosen."""

from .base import *  # noqa: F403

# Notices are printed, not sent, unless an SMTP backend is chosen.
EMAIL_BACKEND = os.environ.get(  # noqa: F405
    "RUTA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
