"""The problems' background task: erase reporters' contact past its retention.

Procrastinate defers it once a day (``ruta worker`` runs it); the same
function runs from ``ruta problems expire-contacts``. A second run the same
day erases nothing more.
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ruta.accounts.actors import command_actor
from ruta.problems.services import contacts_expire

EXPIRE_TASK, EXPIRE_QUEUE = "ruta.problems.expire_contacts", "problems"


@app.periodic(cron="40 4 * * *", periodic_id="problems-expire-contacts")
@app.task(name=EXPIRE_TASK, queue=EXPIRE_QUEUE, pass_context=False)
def contacts_expire_task(timestamp: int) -> int:
    """Erase expired reporters' contact data; return how many reports."""
    return contacts_expire(actor=command_actor("problems expire-contacts"))
