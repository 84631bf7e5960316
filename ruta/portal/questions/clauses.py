"""Split a question that asks two things into the questions it asks.

"¿Cuántas obras hay en Navojoa y cuánto se invirtió?" asks twice: the box
answers each part, the second read with what the first named (its place,
year, kind of work). Only two things are split apart: question marks
("¿Hay convenio con Álamos? ¿por cuánto?") and "y" followed by a question
word ("y cuánto", "y quién", "y a qué empresas"). Pure: text in, clauses out.
"""

from __future__ import annotations

import re

from ruta.common.text.folding import fold
from ruta.portal.questions.lexicon import WORDS, Role

# A question word that opens a second question after "y" / "and".
_ASKING = (
    r"(?:(?:a|en|de|por|con|para)\s+)?"
    r"(?:cu[aá]nt[oa]s?|qui[eé]n(?:es)?|qu[eé]|cu[aá]l(?:es)?|d[oó]nde|cu[aá]ndo"
    r"|c[oó]mo|how much|how many|who|which|what|where|when)\b"
)
# Where one question ends and another begins.
CLAUSE_BREAK = re.compile(
    r"\s*\?+\s*¿?\s*|\s*¿\s*"
    rf"|\s*[,;]?\s+(?:y|and)\s+(?={_ASKING})",
    re.IGNORECASE,
)
# A question split into more parts than this is not split at all.
CLAUSES_MOST = 3


def question_clauses(text: str) -> list[str]:
    """Return the questions ``text`` asks, in order; one when it asks one."""
    parts = [part.strip(" ,;.") for part in CLAUSE_BREAK.split(text)]
    clauses = [part for part in parts if part]
    if not 1 < len(clauses) <= CLAUSES_MOST:
        return [text]
    return clauses


# A follow-up that only asks again ("¿por cuánto?", "y cuántos") asks what
# the question before it was answered with: it adds nothing to answer.
ASKING_ONLY = frozenset({Role.FILLER, Role.HOW_MUCH, Role.COUNT, Role.LIST})
_WORD = re.compile(r"[a-z0-9ñ]+")


# After an answer about contracts, which names the companies that hold
# them, "¿y a qué empresas?" asks again too; after the works' money or
# count, which says both, "¿y cuántas obras hay?".
NAMED_BY = {
    "contracts": frozenset({Role.WHO, Role.GROUP}),
    "works_amount": frozenset({Role.WORKS, Role.MONEY}),
    "works_count": frozenset({Role.WORKS, Role.MONEY}),
}
# "¿y en qué municipio?" asks where, which an answer about other things
# does not say: never asked again.
WHERE = frozenset({"municipio", "municipios", "ciudad", "donde", "lugar", "where"})


def asks_again(clause: str, asked: str = "") -> bool:
    """Return whether ``clause`` only asks again what the answer to
    ``asked`` says, naming nothing of its own."""
    words = _WORD.findall(fold(clause))
    again = ASKING_ONLY | NAMED_BY.get(asked, frozenset())
    return bool(words) and all(
        WORDS.get(word) in again and word not in WHERE for word in words
    )
