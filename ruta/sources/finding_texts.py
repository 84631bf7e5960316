"""Findings in the reader's language, rebuilt from their stable code and values.

The pure checks write each finding's message in English, for the command
line and the logs. Pages show it in the page language instead: each code
has translatable sentences with named placeholders, filled from the
finding's values, and each place ("line 268 (indicator_results_1, row 4)")
is translated the same way. A finding whose values lack what its sentence
needs (one stored before its values carried it, or a code not known here)
gets its code's summary sentence, and its English message is kept beside it
as the original, marked as English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Values = Mapping[str, Any]


class FindingLike(Protocol):
    code: str
    message: str
    where: str
    values: Values


@dataclass(frozen=True)
class FindingText:
    """A finding as a page shows it.

    ``original`` is the reader's English message when ``message`` could not
    be rebuilt from the values (empty otherwise); ``where_lang`` is "en" when
    ``where`` is the reader's English text for the same reason.
    """

    code: str
    message: str
    where: str
    original: str = ""
    where_lang: str = ""


_COLUMNS = {
    "works": _("obras"),
    "beneficiaries": _("beneficiarios"),
    "total": _("inversión total"),
    "cecop": _("inversión estatal (CECOP)"),
    "municipality": _("aportación municipal"),
    "community": _("aportación de la comunidad"),
    "amount": _("monto"),
}
_SUBJECTS = {
    "works": _("obras"),
    "aid": _("ayudas sociales"),
    "drought": _("ayudas por sequía"),
    "committees": _("comités"),
    "budget": _("presupuesto autorizado"),
}
_SIDES = {
    "cecop": _("la parte del Estado (CECOP)"),
    "total": _("el total de las tres partes"),
}
_CELLS = {"baseline": _("línea base %(year)s"), "result": _("resultado %(year)s")}
_QUALIFIERS = {
    "at_least": _("más de %(claim)s"),
    "approximate": _("cerca de %(claim)s"),
}
_SUMMARIES = {
    # POA TMM-F004 forms: the reader's own sentence stays beside, in English.
    "POA-ACHIEVED-SUM": _(
        "Lo alcanzado por trimestre no da el avance absoluto, acumulado como la "
        "meta acumula."
    ),
    "POA-RELATIVE": _(
        "El acumulado relativo no es el avance absoluto entre la meta anual."
    ),
    "POA-PROGRAMMED-SUM": _("Lo programado por trimestre no suma la meta anual."),
    "POA-ACHIEVED-UNPROGRAMMED": _(
        "Se reporta lo alcanzado en un trimestre sin nada programado."
    ),
    "POA-NO-OBSERVATION": _(
        "Una meta se aparta de lo programado y no tiene observación (política de "
        "la plataforma; el formato no la exige)."
    ),
    "POA-QUARTER-NO-OBSERVATION": _(
        "Un trimestre se aparta de lo programado y no tiene observación (política "
        "de la plataforma; el formato no la exige)."
    ),
    "POA-TARGET-INVALID": _("La meta anual no permite calcular el avance relativo."),
    "POA-GOAL-REPEATED": _("Un número de meta se imprime más de una vez."),
    "POA-NEEDS-REVIEW": _(
        "Las copias del formato dejan un valor sin establecer: espera revisión."
    ),
    "POA-LISTED-NAME": _(
        "Una línea de acción o eje lleva nombres distintos en formatos distintos."
    ),
    "POA-LISTED-BY-MINORITY": _(
        "Una entrada que imprimen menos de la mitad de las copias no se tomó."
    ),
    "POA-HEADER-LABEL-MISMATCH": _(
        "Un dato del encabezado aparece junto a la etiqueta de otro."
    ),
    "POA-HEADER-UNKNOWN-LABEL": _(
        "Una etiqueta del encabezado no es del formato TMM-F004."
    ),
    "POA-REPEATED-RUN": _("Renglones repetidos por el escaneo se ignoraron."),
    "POA-ROW-UNMATCHED": _("Un renglón de una copia no corresponde a ninguna meta."),
    "POA-ROW-UNREADABLE": _("Las cifras de un renglón no se pueden leer."),
    "POA-SUPERSEDED": _(
        "Este documento reemplaza valores que otro documento había reportado."
    ),
    "POA-GOAL-NOT-REPORTED": _(
        "Una meta del reporte anterior no aparece en este formato."
    ),
    "row_sources_mismatch": _(
        "La inversión total de un renglón no es la suma de sus fuentes."
    ),
    "column_total_mismatch": _("Una columna no suma lo que imprime su renglón Total."),
    "program_tables_mismatch": _(
        "Un total de un programa difiere entre sus tablas por subprograma y por región."
    ),
    "prose_figure_mismatch": _("Una cifra del texto no coincide con las tablas."),
    "prose_unit_slip": _("Una cifra en pesos del texto está escrita como millones."),
    "prose_scope_unstated": _(
        "Una cifra del texto no dice de quién es el dinero que cuenta; se muestra "
        "junto a cada columna de las tablas."
    ),
    "indicator_copy_mismatch": _(
        "Dos copias de la tabla de resultados de indicadores no coinciden."
    ),
    "indicator_without_card": _(
        "Un indicador de la tabla de resultados no tiene cédula en el documento."
    ),
    "card_without_results": _(
        "Una cédula de indicador no aparece en la tabla de resultados."
    ),
    "indicator_baseline_mismatch": _(
        "La línea base de un indicador difiere entre la tabla de resultados y su "
        "cédula."
    ),
    "semaphore_summary_mismatch": _(
        "El resumen del semáforo no coincide con los resultados de los indicadores."
    ),
    "indicator_result_mismatch": _(
        "Un resultado publicado no se reproduce con las cifras del propio informe."
    ),
    # Open-government action plans (docs/opengov.md).
    "commitment_without_section": _(
        "Un compromiso de la tabla no tiene sección en el informe."
    ),
    "section_not_in_table": _(
        "Una sección del informe no corresponde a ningún compromiso de la tabla."
    ),
    "section_untitled": _(
        "Una sección no imprime el nombre de su compromiso: se le asignó uno."
    ),
    "agency_differs": _(
        "La sección de un compromiso nombra otra dependencia que la tabla."
    ),
    "progress_stated_differently": _(
        "Una sección declara porcentajes de avance distintos: no se toma ninguno."
    ),
    "answer_empty": _("Una respuesta del cuestionario está vacía."),
    "answer_not_applicable": _("Una respuesta del cuestionario dice «N/A»."),
    "agency_not_in_catalog": _(
        "La dependencia de un compromiso no está en el catálogo: se guarda como "
        "se imprime."
    ),
}
_PLACES: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (
        re.compile(r"line (?P<line>\d+) \((?P<table>\w+), row (?P<row>\d+)\)"),
        _("línea %(line)s (%(table)s, renglón %(row)s)"),
    ),
    (
        re.compile(
            r"lines (?P<first>\d+)–(?P<last>\d+) "
            r"\((?P<table>\w+), rows (?P<first_row>\d+)–(?P<last_row>\d+)\)"
        ),
        _(
            "líneas %(first)s–%(last)s (%(table)s, "
            "renglones %(first_row)s–%(last_row)s)"
        ),
    ),
    (re.compile(r"line (?P<line>\d+) \(prose\)"), _("línea %(line)s (texto)")),
    (
        re.compile(r"line (?P<line>\d+) \((?P<table>\w+)\)"),
        _("línea %(line)s (%(table)s)"),
    ),
    (
        re.compile(r"(?P<file>[^;]+), page\(s\) (?P<pages>\d+(?:, \d+)*)"),
        _("%(file)s, página(s) %(pages)s"),
    ),
)
# A place in a document read from a PDF ends with its page.
_PAGE = re.compile(r"(?P<place>.+), page (?P<page>\d+)")


def _figure(value: Any, unit: str = "") -> str:
    """Return a stored figure with thousands separators ("54,738,170.00")."""
    text = str(value)
    if text == "blank":
        return str(_("en blanco"))
    try:
        number = f"{Decimal(text):,}"
    except InvalidOperation:
        return text
    return f"{number}%" if unit == "percent" else number


def _row_sources(values: Values) -> str:
    return _(
        "%(table)s, renglón «%(row)s»: la inversión total %(total)s no es CECOP + "
        "municipio + comunidad = %(sources_sum)s."
    ) % {
        "table": values["table"],
        "row": values["row"],
        "total": _figure(values["total"]),
        "sources_sum": _figure(values["sources_sum"]),
    }


def _column_total(values: Values) -> str:
    return _(
        "%(table)s: la columna «%(column)s» suma %(rows_sum)s, pero su renglón "
        "Total imprime %(total)s."
    ) % {
        "table": values["table"],
        "column": _COLUMNS.get(values["column"], values["column"]),
        "rows_sum": _figure(values["rows_sum"]),
        "total": _figure(values["total"]),
    }


def _program_tables(values: Values) -> str:
    return _(
        "Programa %(program)s: el total de «%(column)s» es %(by_subprogram)s por "
        "subprograma, pero %(by_region)s por región."
    ) % {
        "program": str(values["program"]).upper(),
        "column": _COLUMNS.get(values["column"], values["column"]),
        "by_subprogram": _figure(values["by_subprogram"]),
        "by_region": _figure(values["by_region"]),
    }


def _claim(values: Values) -> tuple[str, str]:
    """Return what the prose claims ("más de 1,500,000 beneficiarios") and of what."""
    subject = str(_SUBJECTS.get(values["subject"], values["subject"]))
    units = {"amount": _("mdp"), "beneficiaries": _("beneficiarios"), "count": subject}
    claim = f"{_figure(values['prose'])} {units[values['quantity']]}"
    if qualifier := _QUALIFIERS.get(values["qualifier"]):
        claim = qualifier % {"claim": claim}
    programs = [code.upper() for code in str(values["programs"]).split("+") if code]
    scope = ": ".join(
        part for part in (" + ".join(programs), values["subprograms"]) if part
    )
    return claim, scope or subject


def _prose(values: Values) -> str:
    claim, scope = _claim(values)
    data = {
        "claim": claim,
        "scope": scope,
        "tables": _figure(values["tables"]),
        "cut": _figure(values["tables_cut"]),
    }
    if values["quantity"] == "amount":
        text = _(
            "El texto dice %(claim)s (%(scope)s), pero las tablas dan %(tables)s, "
            "es decir, %(cut)s mdp."
        )
    else:
        text = _("El texto dice %(claim)s (%(scope)s), pero las tablas dan %(tables)s.")
    sentence = text % data
    if values["note"] == "parts_cut":
        sentence += " " + _("El texto suma sus partes después de recortar cada una.")
    return sentence


def _unit_slip(values: Values) -> str:
    return _(
        "El texto dice %(figure)s mdp (%(subject)s): leído en millones serían "
        "billones de pesos; la cifra son pesos escritos como millones, es decir, "
        "%(millions)s mdp."
    ) % {
        "figure": _figure(values["prose"]),
        "subject": _SUBJECTS.get(values["subject"], values["subject"]),
        "millions": _figure(values["millions"]),
    }


def _scope_unstated(values: Values) -> str:
    claim, scope = _claim(values)
    sides = []
    for column in ("cecop", "total"):
        if column not in values:
            continue
        holds = str(values[f"{column}_holds"]) == "True"
        side = _("%(side)s es %(pesos)s pesos (%(mdp)s mdp), que %(verdict)s") % {
            "side": _SIDES[column],
            "pesos": _figure(values[column]),
            "mdp": _figure(values[f"{column}_mdp"]),
            "verdict": _("la confirma") if holds else _("no la confirma"),
        }
        sides.append(side)
    return _(
        "El texto dice %(claim)s (%(scope)s) sin decir de quién es el dinero: "
        "%(sides)s. Juzgue el lector."
    ) % {"claim": claim, "scope": scope, "sides": "; ".join(sides)}


def _indicator_copy(values: Values) -> str:
    if "cell" not in values:
        return _("«%(indicator)s» está en %(table)s, pero no en %(full_table)s.") % {
            "indicator": values["indicator"],
            "table": values["table"],
            "full_table": values["full_table"],
        }
    kind, year = str(values["cell"]).split()
    return _(
        "«%(indicator)s»: %(cell)s es %(first)s en %(table)s, pero %(copy)s en "
        "%(copy_table)s."
    ) % {
        "indicator": values["indicator"],
        "cell": _CELLS[kind] % {"year": year},
        "first": _figure(values["first"]),
        "copy": _figure(values["copy"]),
        "table": values["table"],
        "copy_table": values["copy_table"],
    }


def _indicator_without_card(values: Values) -> str:
    return _(
        "«%(indicator)s» está en la tabla de resultados, pero el documento no "
        "imprime su cédula; su semáforo se juzga como ascendente."
    ) % {"indicator": values["indicator"]}


def _card_without_results(values: Values) -> str:
    return _(
        "La cédula de «%(indicator)s» no tiene renglón en ninguna copia de la tabla "
        "de resultados."
    ) % {"indicator": values["indicator"]}


def _indicator_baseline(values: Values) -> str:
    return _(
        "«%(indicator)s»: la línea base %(year)s es %(results_table)s en la tabla de "
        "resultados, pero %(card)s (%(card_year)s) en su cédula."
    ) % {
        "indicator": values["indicator"],
        "year": values["year"],
        "results_table": _figure(values["results_table"]),
        "card": _figure(values["card"]),
        "card_year": values["card_year"],
    }


def _semaphore_summary(values: Values) -> str:
    names = ("with_advance", "without_advance", "equal", "without_information")
    counts = {
        f"{side}_{name}": values[f"{side}_{name}"]
        for side in ("published", "computed")
        for name in names
    }
    return (
        _(
            "El resumen del semáforo imprime %(published_with_advance)s con avance, "
            "%(published_without_advance)s sin avance, %(published_equal)s igual y "
            "%(published_without_information)s sin información, pero los resultados "
            "dan %(computed_with_advance)s con avance, %(computed_without_advance)s "
            "sin avance, %(computed_equal)s igual y %(computed_without_information)s "
            "sin información."
        )
        % counts
    )


def _indicator_result(values: Values) -> str:
    unit = values["unit"]
    data = {
        "indicator": values["indicator"],
        "year": values["year"],
        "published": _figure(values["published"], unit),
        "computed": _figure(values["computed"], unit),
    }
    if "computed_alternative" in values:
        data["alternative"] = _figure(values["computed_alternative"], unit)
        return (
            _(
                "«%(indicator)s» %(year)s: se publicó %(published)s, pero las "
                "cifras del propio informe dan %(computed)s o %(alternative)s."
            )
            % data
        )
    return (
        _(
            "«%(indicator)s» %(year)s: se publicó %(published)s, pero las cifras del "
            "propio informe dan %(computed)s."
        )
        % data
    )


def _read_by_ocr(values: Values) -> str:
    return _(
        "Las páginas %(pages)s no tienen capa de texto y se leyeron por OCR "
        "(Tesseract, confianza media de las palabras %(confidence)s %%): sus "
        "valores deben verificarse contra el documento publicado."
    ) % {"pages": values["pages"], "confidence": values["confidence"]}


_MESSAGES: dict[str, Callable[[Values], str]] = {
    "row_sources_mismatch": _row_sources,
    "column_total_mismatch": _column_total,
    "program_tables_mismatch": _program_tables,
    "prose_figure_mismatch": _prose,
    "prose_unit_slip": _unit_slip,
    "prose_scope_unstated": _scope_unstated,
    "indicator_copy_mismatch": _indicator_copy,
    "indicator_without_card": _indicator_without_card,
    "card_without_results": _card_without_results,
    "indicator_baseline_mismatch": _indicator_baseline,
    "semaphore_summary_mismatch": _semaphore_summary,
    "indicator_result_mismatch": _indicator_result,
    "read_by_ocr": _read_by_ocr,
}


def place_text(where: str) -> str | None:
    """Return ``where`` in the active language; None if a place is not understood."""
    parts = []
    for printed in where.split("; "):
        paged = _PAGE.fullmatch(printed)
        place = paged["place"] if paged else printed
        found = next(
            (
                (text, match)
                for pattern, text in _PLACES
                if (match := pattern.fullmatch(place))
            ),
            None,
        )
        if found is None:
            return None
        text, match = found
        translated = text % match.groupdict()
        if paged:
            translated += _(", página %(page)s") % {"page": paged["page"]}
        parts.append(translated)
    return "; ".join(parts)


def message_text(code: str, values: Values) -> str | None:
    """Return the finding's message in the active language; None if not rebuilt."""
    build = _MESSAGES.get(code)
    if build is None:
        return None
    try:
        return build(values)
    except (KeyError, ValueError):
        return None


def finding_text(finding: FindingLike) -> FindingText:
    """Return ``finding`` in the active language, keeping what cannot be rebuilt."""
    message = message_text(finding.code, finding.values)
    where = place_text(finding.where)
    summary = _SUMMARIES.get(finding.code, _("Hallazgo «%(code)s»."))
    return FindingText(
        code=finding.code,
        message=message if message is not None else summary % {"code": finding.code},
        where=where if where is not None else finding.where,
        original="" if message is not None else finding.message,
        where_lang="" if where is not None else "en",
    )
