"""Read the figures the report's prose states about quantities its tables hold.

Each pattern is anchored on the wording around a figure ("… obras con una
inversión de $144.6 mdp"), and the program it speaks of is part of that
wording; subprograms are recognised by the table's own subprogram names inside
the phrase. Where the words do not say whose money a figure counts (the
"$150 mdp" released for concerted works, the "más de 150 mdp" invested: the
state's part or the three parties' total), the claim carries both columns and
the checks show each beside it, choosing neither.

Every other sentence that states money ("… $6.1 mdp", "… 306,484.20 pesos")
is returned as unread, so a report worded differently says what it did not
check instead of silently checking less.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from ruta.common.text.folding import normalize_key
from ruta.common.text.money import parse_decimal
from ruta.ingest.cecop.document import Document
from ruta.ingest.cecop.model import (
    Place,
    Program,
    ProseClaim,
    Quantity,
    Subject,
    UnreadSentence,
)

_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_QUALIFIER = r"(?P<qualifier>m[aá]s (?:de |menos )?)?"
_BOTH = (Program.TSAM, Program.GSE)
# The works tables' columns a figure of unstated scope may be about.
_STATE_OR_TOTAL = ("cecop", "total")
_MONEY = re.compile(
    r"(?:\$\s?)?\d[\d,]*(?:\.\d+)?\s*(?:mdp|millones de pesos|pesos)\b",
    re.IGNORECASE,
)
# A sentence ends at a period or semicolon before a space (not "144.6", nor
# an initial or the abbreviations reports print: "No. 1", "Profra. Rosario P.").
_ABBREVIATIONS = "".join(
    f"(?<!\\b{word})"
    for word in ("[A-ZÁÉÍÓÚÑ]", "No", "Núm", "Profra", "Prof", "Dr", "Lic", "Ing")
)
_SENTENCE = re.compile(rf"\S.*?(?:{_ABBREVIATIONS}[.;](?=\s)|$)")
_EXCERPT = 300


@dataclass(frozen=True)
class _Spec:
    """A sentence shape: its pattern, subject and the programs its words name."""

    pattern: re.Pattern[str]
    subject: Subject
    programs: tuple[Program, ...]
    items: re.Pattern[str] | None = None  # per-subprogram list after the match
    columns: tuple[str, ...] = ()  # when the words leave the column open


def _compile(*parts: str) -> re.Pattern[str]:
    text = "".join(parts)
    for name in ("count", "amount", "beneficiaries"):
        text = text.replace(f"<{name}>", f"(?P<{name}>{_NUMBER})")
    return re.compile(text, re.IGNORECASE)


_GSE_ITEMS = _compile(r"\(<count>\)\s*(?P<phrase>[^;$]*?)\$<amount> mdp")
_TSAM_ITEMS = _compile(r"(?P<phrase>[^;$]*?)\$<amount> mdp")

_SPECS = (
    _Spec(
        _compile(
            r"<count> obras contratadas directamente a trav[eé]s del Programa ",
            r"Gesti[oó]n Emergente.*?\$<amount> mdp, en beneficio de <beneficiaries>",
        ),
        Subject.WORKS,
        (Program.GSE,),
    ),
    _Spec(
        _compile(
            r"ejecut[oó] directamente <count> obras p[uú]blicas con una ",
            r"inversi[oó]n de \$<amount> mdp",
        ),
        Subject.WORKS,
        (Program.GSE,),
    ),
    _Spec(
        _compile(
            r"Gesti[oó]n Emergente se realizaron <count> obras, inversi[oó]n ",
            r"estatal total de \$<amount> mdp",
        ),
        Subject.WORKS,
        (Program.GSE,),
    ),
    _Spec(
        _compile(
            r"Gesti[oó]n Social Emergente.*?se realizaron <count> obras en ",
            r"beneficio de ",
            _QUALIFIER,
            r"<beneficiaries>",
        ),
        Subject.WORKS,
        (Program.GSE,),
        items=_GSE_ITEMS,
    ),
    _Spec(
        _compile(
            r"concertaci[oó]n con los 72 municipios.*?invirti[oó] <amount> mdp ",
            r"para <count> obras",
        ),
        Subject.WORKS,
        (Program.TSAM,),
        items=_TSAM_ITEMS,
    ),
    _Spec(
        _compile(
            r"lograron concertar <count> obras con una inversi[oó]n de ",
            r"\$<amount> mdp",
        ),
        Subject.WORKS,
        (Program.TSAM,),
    ),
    _Spec(
        _compile(
            r"concertaci[oó]n con los 72 Ayuntamientos.*?subprograma de ",
            r"(?P<phrase>[^,]+), se ejecutaron <count> \w+, con una inversi[oó]n ",
            r"de \$<amount> mdp, beneficiando a <beneficiaries>",
        ),
        Subject.WORKS,
        (Program.TSAM,),
    ),
    _Spec(
        _compile(
            r"(?P<phrase>Instalaciones deportivas).*?participaci[oó]n ",
            r"municipalista.*?invirti[oó] \$<amount> mdp, beneficiando a ",
            r"<beneficiaries>",
        ),
        Subject.WORKS,
        (Program.TSAM,),
    ),
    _Spec(
        _compile(
            r"Programas Transforma Sonora se realizaron <count> acciones ",
            r"encaminadas a la (?P<phrase>[^$]*?), con una inversi[oó]n estatal ",
            r"de \$<amount> mdp",
        ),
        Subject.WORKS,
        _BOTH,
    ),
    _Spec(
        _compile(
            r"Programas Transforma Sonora.*?; y <amount> mdp invertidos en ",
            r"<count> obras relacionadas con (?P<phrase>[^,]+), beneficiando a ",
            _QUALIFIER,
            r"<beneficiaries>",
        ),
        Subject.WORKS,
        _BOTH,
    ),
    _Spec(
        _compile(
            r"programas Transforma Sonora.*?(?P<phrase>mejoramiento de ",
            r"edificios escolares).*?rehabilitaci[oó]n de <count> escuelas.*?",
            r"invirti[eé]ndose <amount> mdp para ",
            _QUALIFIER,
            r"<beneficiaries>",
        ),
        Subject.WORKS,
        _BOTH,
    ),
    _Spec(
        _compile(
            r"programas Transforma Sonora.*?como: la (?P<phrase>.*?), con ",
            r"Inversi[oó]n Estatal \$<amount> mdp, con <count> obras p[uú]blicas ",
            r"para ",
            _QUALIFIER,
            r"<beneficiaries>",
        ),
        Subject.WORKS,
        _BOTH,
    ),
    _Spec(
        _compile(
            r"ayudas diversas con una inversi[oó]n estatal de \$<amount> mdp",
            r".*?atendiendo ",
            _QUALIFIER,
            r"<count> solicitudes",
        ),
        Subject.AID,
        (),
    ),
    _Spec(
        _compile(
            r"<count> ayudas (?:sociales|diversas)[^$]*?inversi[oó]n ",
            r"(?:total|estatal) de \$<amount> mdp",
        ),
        Subject.AID,
        (),
    ),
    _Spec(
        _compile(r"Declaratoria.*?por un monto de \$?<amount> mdp"),
        Subject.DROUGHT,
        (),
    ),
    _Spec(
        _compile(r"total de <count> comit[eé]s ciudadanos"),
        Subject.COMMITTEES,
        (),
    ),
    _Spec(
        _compile(r"Presupuesto Autorizado de \$<amount> mdp"),
        Subject.BUDGET,
        (),
    ),
    _Spec(
        _compile(
            r"liberaci[oó]n de recursos para la ejecuci[oó]n de obras ",
            r"concertadas de un monto de \$<amount> mdp",
        ),
        Subject.WORKS,
        (Program.TSAM,),
        columns=_STATE_OR_TOTAL,
    ),
    _Spec(
        _compile(
            r"concertaci[oó]n de obras p[uú]blicas.*?invirtiendo ",
            _QUALIFIER,
            r"<amount> mdp",
        ),
        Subject.WORKS,
        (Program.TSAM,),
        columns=_STATE_OR_TOTAL,
    ),
)

_QUANTITIES = (
    ("count", Quantity.COUNT),
    ("amount", Quantity.AMOUNT),
    ("beneficiaries", Quantity.BENEFICIARIES),
)


@dataclass(frozen=True)
class ProseReading:
    """The claims read from the prose, and the money sentences not read."""

    claims: tuple[ProseClaim, ...]
    unread: tuple[UnreadSentence, ...]


# (line, position in the line, claim, span of the words it was read from)
_Found = tuple[int, int, ProseClaim, tuple[int, int]]


def read_prose(
    doc: Document, subprograms: dict[Program, tuple[str, ...]]
) -> ProseReading:
    """Return the prose claims in reading order, and the sentences left unread.

    ``subprograms`` gives each program's subprogram keys, as its table prints
    them, to recognise subprograms named in a sentence.
    """
    found: list[_Found] = []
    unread: list[UnreadSentence] = []
    for number in doc.numbers():
        if doc.is_table_line(number):
            continue
        text = doc.text(number)
        try:
            line = [
                item
                for spec in _SPECS
                for match in spec.pattern.finditer(text)
                for item in _from_match(spec, match, number, subprograms, text)
            ]
        except ValueError as problem:
            raise doc.error(str(problem), Place("prose", 0, number)) from problem
        found.extend(line)
        unread.extend(_unread(number, text, [item[3] for item in line]))
    found.sort(key=lambda item: (item[0], item[1]))
    return ProseReading(tuple(item[2] for item in found), tuple(unread))


def _unread(
    line: int, text: str, spans: list[tuple[int, int]]
) -> Iterator[UnreadSentence]:
    """Yield the sentences of ``text`` that state money and no claim came from."""
    for sentence in _SENTENCE.finditer(text):
        start, end = sentence.span()
        if any(first < end and start < last for first, last in spans):
            continue
        figures = tuple(match[0] for match in _MONEY.finditer(sentence[0]))
        if figures:
            excerpt = sentence[0]
            if len(excerpt) > _EXCERPT:
                excerpt = excerpt[: _EXCERPT - 1].rstrip() + "…"
            yield UnreadSentence(line=line, text=excerpt, figures=figures)


def _from_match(
    spec: _Spec,
    match: re.Match[str],
    line: int,
    subprograms: dict[Program, tuple[str, ...]],
    text: str,
) -> Iterator[_Found]:
    keys = _keys_in(match, spec.programs, subprograms)
    if keys is None:
        return
    for claim in _claims(spec, match, line, keys):
        yield line, match.start(), claim, match.span()
    if spec.items is None:
        return
    for item in spec.items.finditer(text, match.end()):
        item_keys = _keys_in(item, spec.programs, subprograms)
        if item_keys:
            for claim in _claims(spec, item, line, item_keys):
                yield line, item.start(), claim, item.span()


def _keys_in(
    match: re.Match[str],
    programs: Iterable[Program],
    subprograms: dict[Program, tuple[str, ...]],
) -> tuple[str, ...] | None:
    """Return the subprograms named in the match's phrase; None if none are."""
    if "phrase" not in match.groupdict():
        return ()
    words = f" {re.sub(r'[^A-Z0-9]+', ' ', normalize_key(match['phrase']))} "
    known = dict.fromkeys(key for program in programs for key in subprograms[program])
    keys = tuple(key for key in known if f" {key} " in words)
    return keys or None


def _claims(
    spec: _Spec,
    match: re.Match[str],
    line: int,
    keys: tuple[str, ...],
) -> Iterator[ProseClaim]:
    qualified, qualifier = _qualifier(match)
    for group, quantity in _QUANTITIES:
        if group not in match.groupdict():
            continue
        figure, decimals = _figure(match[group])
        yield ProseClaim(
            subject=spec.subject,
            quantity=quantity,
            programs=spec.programs,
            subprograms=keys,
            figure=figure,
            decimals=decimals,
            at_least=group == qualified and qualifier in {"MAS", "MAS DE"},
            approximate=group == qualified and qualifier == "MAS MENOS",
            text=match[0].strip(),
            line=line,
            columns=spec.columns if quantity == Quantity.AMOUNT else (),
        )


def _qualifier(match: re.Match[str]) -> tuple[str, str]:
    """Return the group the "más de"/"más menos" words qualify, and the words."""
    if not match.groupdict().get("qualifier"):
        return "", ""
    end = match.end("qualifier")
    group = next(
        (
            name
            for name, _quantity in _QUANTITIES
            if name in match.groupdict() and match.start(name) == end
        ),
        "",
    )
    return group, normalize_key(match["qualifier"])


def _figure(text: str) -> tuple[Decimal, int]:
    """Return the printed figure and its number of decimal places."""
    value = parse_decimal(text)
    _sign, _digits, exponent = value.as_tuple()
    return value, max(-int(exponent), 0)
