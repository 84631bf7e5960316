"""Settings of the ``ruta serve`` the served-site tests start: ``make demo``'s.

The development settings, which ``make demo`` serves with ``RUTA_DEBUG=0``,
read from the environment the test gives (its database, ``RUTA_MEDIA_ROOT``,
``RUTA_PRIVATE_ROOT``). One difference: static files are found in the apps'
folders by WhiteNoise instead of a ``collectstatic`` run into the checkout's
``staticfiles/``, which the test would otherwise write first.
"""

from config.settings.dev import *  # noqa: F403
from config.settings.dev import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
