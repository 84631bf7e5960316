"""Names misspelt the way a scan misreads them.

One word of a name changes: a letter read as a look-alike, a letter dropped
or doubled, or its accents lost.
"""

from __future__ import annotations

import random
import unicodedata

from ruta.common.text.folding import strip_accents

# What a scan confuses a letter with (upper and lower case alike).
LOOKALIKE = {"A": "J", "C": "Z", "E": "F", "I": "L", "O": "Q", "U": "J", "N": "M"}
LOOKALIKE |= {"R": "B", "S": "Z", "T": "I", "L": "I", "M": "N", "D": "O"}


def misspell(text: str, rng: random.Random) -> str:
    """Return ``text`` with one word misspelt as a scanner would misread it."""
    words = text.split(" ")
    long = [i for i, word in enumerate(words) if sum(ch.isalpha() for ch in word) >= 4]
    if not long:
        return text
    at = rng.choice(long)
    edits = [_lookalike, _drop_letter, _double_letter]
    if _bare(words[at]) != words[at]:
        edits.append(_lose_accents)
    words[at] = rng.choice(edits)(words[at], rng)
    return " ".join(words)


def _bare(word: str) -> str:
    """Return ``word`` without its accents."""
    return unicodedata.normalize("NFC", strip_accents(word))


def _lose_accents(word: str, rng: random.Random) -> str:
    """Return ``word`` as a scan that loses accents prints it."""
    return _bare(word)


def _letters(word: str) -> list[int]:
    return [i for i, ch in enumerate(word) if ch.isalpha()]


def _lookalike(word: str, rng: random.Random) -> str:
    confusable = [i for i in _letters(word) if word[i].upper() in LOOKALIKE]
    if not confusable:
        return _drop_letter(word, rng)
    i = rng.choice(confusable)
    swap = LOOKALIKE[word[i].upper()]
    return word[:i] + (swap if word[i].isupper() else swap.lower()) + word[i + 1 :]


def _drop_letter(word: str, rng: random.Random) -> str:
    i = rng.choice(_letters(word)[1:])
    return word[:i] + word[i + 1 :]


def _double_letter(word: str, rng: random.Random) -> str:
    i = rng.choice(_letters(word))
    return word[: i + 1] + word[i:]
