"""Development and demo settings: the default when nothing else is chosen."""

from .base import *  # noqa: F403
