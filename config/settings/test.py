"""Settings for the test suite: fast hashing, no manifest for static files."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "private": {"BACKEND": "ruta.common.files.privatefiles.PrivateInMemoryStorage"},
    "imports": {"BACKEND": "ruta.common.files.privatefiles.PrivateInMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# The suite calls the API thousands of times from one address; the limit
# itself is tested with a lower one.
RUTA_API_REQUESTS_PER_MINUTE = 1_000_000
# Usage counts are written only when a test asks (``usage_flush``): a flush
# on a timer would add a query to whichever test happened to be running.
RUTA_USAGE_FLUSH_HITS = 100_000
RUTA_USAGE_FLUSH_SECONDS = 3600
# Nothing the suite queues reaches a real mail server; a test that sends
# points the delivery at its own local server (testkit.smtp).
RUTA_EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A transactional test ends with Django's flush; the suite's backend empties
# the tables by DELETE instead of TRUNCATE, the same database in a twentieth
# of the time (testkit/postgresql/base.py).
DATABASES["default"]["ENGINE"] = "testkit.postgresql"  # noqa: F405
# The request and job lines stay out of the suite's output; a test that reads
# them raises their level (caplog).
LOGGING["loggers"] = {  # noqa: F405
    "ruta.requests": {"level": "WARNING"},
    "ruta.jobs": {"level": "WARNING"},
}
