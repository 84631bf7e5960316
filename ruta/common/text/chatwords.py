"""Words a page tells people to send to the WhatsApp number, declared once.

Pure (no Django): the alerts' keyword rules read the same word the budgets'
pages offer, and budgets sit below alerts.
"""

from __future__ import annotations

# The word that asks where to vote (``ruta.alerts.rules.VOTE_WORDS``).
VOTE_WORD = "VOTAR"


def vote_keyword(slug: str) -> str:
    """Return the message that asks for the vote of period ``slug``."""
    return f"{VOTE_WORD} {slug.upper()}"
