"""The system actor tests write as when they set up data (trusted, named)."""

from ruta.accounts.actors import SystemActor

TEST_ACTOR = SystemActor("tests")
