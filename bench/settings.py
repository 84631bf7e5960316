"""Settings of the concurrency benchmark's server: the site and a minimal view."""

from config.settings.dev import *  # noqa: F403

ROOT_URLCONF = "bench.scale"
