"""Settings for the test suite: fast hashing, no manifest for static files."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# The suite calls the API thousands of times from one address; the limit
# itself is tested with a lower one.
RUTA_API_REQUESTS_PER_MINUTE = 1_000_000
