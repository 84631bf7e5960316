"""Every environment queues its mail; only development prints it."""

import config.settings.base as base
import config.settings.dev as dev
from ruta.common.mail import OUTBOX_BACKEND


def test_every_environment_queues_its_mail():
    assert base.EMAIL_BACKEND == dev.EMAIL_BACKEND == OUTBOX_BACKEND


def test_the_worker_hands_mail_to_smtp_unless_development_prints_it():
    assert base.RUTA_EMAIL_DELIVERY_BACKEND.endswith("smtp.EmailBackend")
    assert dev.RUTA_EMAIL_DELIVERY_BACKEND.endswith("console.EmailBackend")
