"""The signal that published data changed, so what is built from it follows.

Domain services that make data public (a validator approving a work or a
quarter, an import, a call's result) call ``data_published_notify``; the
signal goes out once their transaction commits, so a rolled-back write
announces nothing. The layers above listen (the open-data files are
regenerated in the background); the domain apps never import them.
"""

from __future__ import annotations

from django.db import transaction
from django.dispatch import Signal

# Sent with ``sender`` naming what was published ("works", "programs", …).
data_published = Signal()


def data_published_notify(*, what: str) -> None:
    """Announce, after the current transaction commits, that ``what`` changed."""
    transaction.on_commit(lambda: data_published.send(sender=what))
