"""The question box on a messaging channel: the same answer, shorter, with a link.

A message to the alerts' number that is no keyword is a question: it gets
the question box's own answer (or its honest decline), cut to what a phone
shows at once, and the address of the page that cites its rows. Registered
with the alerts' inbound handler when the portal starts.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.alerts.texts import absolute
from ruta.portal.questions.answers import question_ask

# A phone shows about this much at once; the page has the rest.
MESSAGE_MAX = 700


def message_answer(text: str) -> str:
    """Return the reply to a question sent by message, with its link."""
    answer = question_ask(text)
    body = _shortened(answer.text)
    if not answer.answered and answer.suggestions:
        body += " " + _("Puede preguntar, por ejemplo: «%(example)s».") % {
            "example": answer.suggestions[0]
        }
    if answer.answered and answer.sources:
        link = absolute(answer.sources[0].url)
    else:
        link = absolute(f"{reverse('portal:question')}?{urlencode({'q': text})}")
    return f"{body}\n{link}"


def _shortened(text: str) -> str:
    """Return ``text`` whole if short, else its sentences that fit, and "…"."""
    if len(text) <= MESSAGE_MAX:
        return text
    kept = ""
    for sentence in text.split(". "):
        candidate = f"{kept}{sentence}. " if kept or sentence else kept
        if len(candidate) > MESSAGE_MAX - 1:
            break
        kept = candidate
    return (kept.strip() or text[: MESSAGE_MAX - 1]) + "…"
