"""How a write says no: one ``ValidationError`` shape for every service.

A refusal names what was refused in words a person can act on, with a code
tests and views can rely on, and optionally the form field it belongs to.
Services are atomic, so raising it leaves nothing half-written.

A refusal of who acts (the permission rules') is a ``Refused``: a
``PermissionDenied`` whose ``str()`` stays the internal message logs and
commands print, and whose ``sentence`` is what a page tells the person, in
their language (``refusal_sentence`` reads either kind).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext, gettext_noop

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


def refusal(
    message: str | StrPromise, code: str, field: str = "", /, **params: Any
) -> ValidationError:
    """Return the error a service raises to refuse (on ``field`` when given).

    The first three are positional, so ``params`` may name any placeholder of
    the message, ``code`` and ``field`` included.
    """
    error = ValidationError(message, code=code, params=params or None)
    return ValidationError({field: [error]}) if field else error


class Refused(PermissionDenied):
    """A refusal of the person acting, with the sentence that tells them why.

    ``message`` is the sentence's Spanish source, marked with
    ``gettext_noop`` and translated when it is read, so a page shows it in
    its own language and a stored refusal (an import job's) can be worded
    again later: ``words`` are placeholders that are themselves marked
    sentences (an action's name), ``values`` plain ones.
    """

    code = "refused"

    def __init__(
        self,
        internal: str,
        message: str = "",
        *,
        code: str = "",
        words: Mapping[str, str] | None = None,
        values: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(internal)
        self.message = message or GENERIC
        self.code = code or self.code
        self.words = dict(words or {})
        self.values = dict(values or {})

    @property
    def sentence(self) -> str:
        """Return why, in the active language."""
        return refused_text(self.as_dict())

    def as_dict(self) -> dict[str, Any]:
        """Return the refusal as JSON, to be worded again (``refused_text``)."""
        return {
            "code": self.code,
            "message": self.message,
            "words": self.words,
            "values": self.values,
        }


GENERIC = gettext_noop("Su cuenta no tiene permiso para hacer esto.")


def refused_text(refused: Mapping[str, Any]) -> str:
    """Return a refusal kept as JSON (``Refused.as_dict``) in the active language."""
    params = {
        **(refused.get("values") or {}),
        **{name: gettext(word) for name, word in (refused.get("words") or {}).items()},
    }
    message = gettext(str(refused.get("message") or GENERIC))
    return message % params if params else message


def refusal_sentence(error: BaseException) -> str:
    """Return what a person is told of a service's refusal, translated.

    A ``Refused`` says why; a ``ValidationError`` carries its own translated
    messages; any other refusal of the actor (a bare ``PermissionDenied``,
    whose text is internal) is the generic sentence.
    """
    if isinstance(error, Refused):
        return error.sentence
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return gettext(GENERIC)
