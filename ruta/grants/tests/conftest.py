"""The grants' tests' fixtures: a local SMTP server that keeps what arrives."""

from testkit.smtp import smtp  # noqa: F401 - the local SMTP server fixture
