"""WSGI entry point (gunicorn sync workers)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
application = get_wsgi_application()

# Imported after Django is set up, as the worker's own loading ends.
from ruta.common.fast.workers import startup_frozen  # noqa: E402

startup_frozen()
