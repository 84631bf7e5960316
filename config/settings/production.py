"""Production settings: every secret from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50 or "insecure" in SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set to 50+ random chars")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured(
        "DATABASE_URL must name the production PostgreSQL server "
        "(the embedded server is for development and tests only)"
    )

# nginx sends the public files under /media/ (deploy/nginx); the
# application's workers are kept for pages.
RUTA_SERVE_MEDIA = env_bool("RUTA_SERVE_MEDIA", False)

SECURE_SSL_REDIRECT = env_bool("RUTA_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("RUTA_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
