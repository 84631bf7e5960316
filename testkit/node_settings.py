"""Settings of the processes the several-machines test starts (serve, worker).

The suite's settings, but with files where the environment says
(``RUTA_STORAGE_URL``, as a deployment reads it: ``config.settings.base``)
instead of each process's memory, so the nodes share them; and the shared
cache's keys under a prefix of the test's own, so no other run on the same
Redis reads them.
"""

import os

from config.settings import base
from config.settings.test import *  # noqa: F403
from config.settings.test import CACHES, STORAGES

STORAGES = {**base.STORAGES, "staticfiles": STORAGES["staticfiles"]}
CACHES["default"]["KEY_PREFIX"] = os.environ.get("RUTA_TEST_CACHE_PREFIX", "ruta")
