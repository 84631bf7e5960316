"""What answers a message to the alerts' number that is no keyword: a question.

Registered by the layer that can answer it (the portal's question box, when
it starts), since this app sits below it; each answerer takes the text and
returns the reply.
"""

from __future__ import annotations

from collections.abc import Callable

FREE_TEXT_ANSWERERS: list[Callable[[str], str]] = []


def free_text_answerer_register(answer: Callable[[str], str]) -> None:
    """Let ``answer`` reply to messages that are no keyword (once)."""
    if answer not in FREE_TEXT_ANSWERERS:
        FREE_TEXT_ANSWERERS.append(answer)
