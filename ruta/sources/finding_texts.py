"""Findings in the reader's language, rebuilt from their stable code and values.

The pure checks write each finding's message in English, for the command
line and the logs. Pages show it in the page language instead: each code
has translatable sentences with named placeholders, filled from the
finding's values, and each place ("line 268 (indicator_results_1, row 4)")
is translated the same way: the CECOP report's places whole, the other
readers' ("row 12 (line 14), key 123J3E") word by word around the names
they print. A finding whose values lack what its sentence
needs (one stored before its values carried it, or a code not known here)
gets its code's summary sentence, and its English message is kept beside it
as the original, marked as English.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
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
    # Works lists and OCDS files: findings stored before their values carried
    # what the sentence needs.
    "cell_unreadable": _("Una celda no se puede leer; se deja en blanco."),
    "key_missing": _(
        "El renglón no imprime clave de cartera; se identifica por su ID_PPI."
    ),
    "negative_amount": _("Un monto del renglón es negativo."),
    "coordinates_outside_state": _(
        "Las coordenadas quedan fuera de la entidad que nombra el renglón."
    ),
    "municipality_unresolved": _(
        "El municipio no es una clave INEGI que el catálogo conozca."
    ),
    "ocds-release-unreadable": _("Una entrega del archivo no se pudo leer."),
    "ocds-schema": _("Una entrega no cumple el esquema OCDS 1.1."),
    "ocds-merge": _(
        "Las entregas de un proceso no se combinan según las reglas de OCDS."
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
    if text in ("blank", "None"):
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


# ---------------------------------------------------------------- readers' places
# The works-list, OCDS, POA and action-plan readers compose their places of a
# few words around printed names ("poa.txt, copy 3 (lines 1-40), line 20";
# "row 12 (line 14), key 123J3E"): each word is translated where it stands,
# and the printed names (files, forms, sections, JSON paths) are kept.
_PLACE_WORDS: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (re.compile(r"(?<=, )forms (?P<forms>.+)$"), _("formatos %(forms)s")),
    (
        re.compile(r"(?<=, )form (?P<form>.+?)(?=, (?:goal|copy|line|lines) \d|$)"),
        _("formato %(form)s"),
    ),
    (
        re.compile(r"\brow (?P<row>\d+) \(line (?P<line>\d+)\)"),
        _("renglón %(row)s (línea %(line)s)"),
    ),
    (re.compile(r"(?:^|(?<=, ))key (?P<key>.+)$"), _("clave %(key)s")),
    (
        re.compile(r"\bcopy (?P<copy>\d+) \(lines (?P<first>\d+)-(?P<last>\d+)\)"),
        _("copia %(copy)s (líneas %(first)s-%(last)s)"),
    ),
    (
        re.compile(r"\bcopy (?P<copy>\d+) line (?P<line>\d+)"),
        _("copia %(copy)s, línea %(line)s"),
    ),
    (
        re.compile(r"\bcommitments, row (?P<row>\d+)\)"),
        _("compromisos, renglón %(row)s)"),
    ),
    (
        re.compile(r"\blines (?P<lines>\d+(?:(?:-|–|, )\d+)*)"),
        _("líneas %(lines)s"),
    ),
    (re.compile(r"\bline (?P<line>\d+)"), _("línea %(line)s")),
    (re.compile(r"(?:^|(?<=, ))goal (?P<goal>\d+)"), _("meta %(goal)s")),
    (
        re.compile(r"\bsection (?P<name>'[^']*'|\"[^\"]*\")"),
        _("sección %(name)s"),
    ),
    (re.compile(r"\(questionnaire: "), _("(cuestionario: ")),
    (re.compile(r", page (?P<page>\d+)"), _(", página %(page)s")),
)
# Words of a place left in English once translated: then it is not shown as
# Spanish. Quoted names are not looked at.
_ENGLISH_PLACE = re.compile(
    r"\b(?:line|lines|row|rows|copy|form|forms|goal|key|section|page)\b"
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def _worded(where: str) -> str:
    """Return a reader's place with its words in the active language."""
    for pattern, text in _PLACE_WORDS:
        where = pattern.sub(lambda match, text=text: text % match.groupdict(), where)
    return where


def worded_place_text(where: str) -> str | None:
    """Return a reader's place translated word by word; None if words are left."""
    translated = _worded(where)
    if _ENGLISH_PLACE.search(_QUOTED.sub("", translated)):
        return None
    return translated


# ---------------------------------------------------------------- works lists
# Obra Pública Abierta files and the platform's template
# (``ruta.ingest.worklist``): each finding names the row, its line and key.

_CELL_KINDS = {
    "amount": _("un monto"),
    "percent": _("un porcentaje"),
    "coordinate": _("una coordenada"),
    "day": _("una fecha"),
}


def _printed(value: Any) -> str:
    """Return a printed cell as pages quote it; "(en blanco)" when empty."""
    text = "" if value is None else str(value)
    return text if text.strip() else str(_("(en blanco)"))


def _day(value: Any) -> str:
    """Return an ISO date the Mexican way ("31/12/2020"); as stored otherwise."""
    text = str(value)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return text
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _cell_unreadable(values: Values) -> str:
    return _(
        "La columna %(column)s dice «%(printed)s», que no se lee como %(kind)s; "
        "se deja en blanco."
    ) % {
        "column": values["column"],
        "printed": _printed(values["printed"]),
        "kind": _CELL_KINDS[values["kind"]],
    }


def _key_in_scientific_notation(values: Values) -> str:
    return _(
        "Una hoja de cálculo escribió la clave %(key)s en notación científica: sus "
        "últimos dígitos se perdieron, así que no se distinguen las obras cuyas "
        "claves solo difieren en ellos; pida al publicador la clave como texto."
    ) % {"key": values["key"]}


def _key_missing(values: Values) -> str:
    return _(
        "El renglón no imprime clave de cartera; se identifica por su ID_PPI "
        "%(ppi)s como %(key)s."
    ) % {"ppi": values["ppi"], "key": values["key"]}


def _negative_amount(values: Values) -> str:
    return _("La columna %(column)s es negativa: %(amount)s pesos.") % {
        "column": values["column"],
        "amount": _figure(values["amount"]),
    }


def _paid_exceeds_modified(values: Values) -> str:
    return _(
        "Lo ejercido (EJERCIDO), %(paid)s pesos, es mayor que lo modificado "
        "(MODIFICADO), %(modified)s pesos."
    ) % {"paid": _figure(values["paid"]), "modified": _figure(values["modified"])}


def _paid_exceeds_approved(values: Values) -> str:
    return _(
        "Lo ejercido (EJERCIDO), %(paid)s pesos, es mayor que lo aprobado "
        "(APROBADO), %(approved)s pesos."
    ) % {"paid": _figure(values["paid"]), "approved": _figure(values["approved"])}


def _sources_do_not_add_up(values: Values) -> str:
    return _(
        "Las fuentes de financiamiento suman %(funded)s pesos, pero la inversión "
        "total es %(total)s pesos."
    ) % {"funded": _figure(values["funded"]), "total": _figure(values["total"])}


def _progress_out_of_range(values: Values) -> str:
    return _("El avance físico, %(progress)s, está fuera de 0–100 %%.") % {
        "progress": _figure(values["progress"], "percent")
    }


def _state_unresolved(values: Values) -> str:
    return _("La entidad «%(printed)s» no es una que el catálogo conozca.") % {
        "printed": _printed(values["printed"])
    }


def _coordinates_zero(values: Values) -> str:
    return str(
        _(
            "Las coordenadas son 0: así dice el archivo que no las tiene; la obra "
            "queda sin ubicación en el mapa."
        )
    )


def _coordinates_swapped(values: Values) -> str:
    return _(
        "La latitud %(latitude)s y la longitud %(longitude)s están invertidas: "
        "intercambiadas, el punto cae en México; se dejan en blanco."
    ) % {"latitude": values["latitude"], "longitude": values["longitude"]}


def _coordinates_out_of_range(values: Values) -> str:
    return _(
        "(%(latitude)s, %(longitude)s) no es una latitud y una longitud; se dejan "
        "en blanco."
    ) % {"latitude": values["latitude"], "longitude": values["longitude"]}


def _coordinates_outside_state(values: Values) -> str:
    return _(
        "(%(latitude)s, %(longitude)s) queda fuera de %(state)s por más de "
        "%(margin)s° (unos 5 km) de su contorno simplificado."
    ) % {
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "state": values["state_name"],
        "margin": values["margin"],
    }


def _dates_out_of_order(values: Values) -> str:
    return _(
        "La fecha de fin, %(end)s, es anterior a la de inicio, %(start)s; ambas se "
        "dejan en blanco."
    ) % {"end": _day(values["end"]), "start": _day(values["start"])}


def _municipality_unresolved(values: Values) -> str:
    data = {"printed": values["printed"]}
    if values["state"]:
        return (
            _(
                "El municipio %(printed)s no es una clave INEGI que el catálogo "
                "conozca en la entidad que nombra el renglón."
            )
            % data
        )
    return (
        _("El municipio %(printed)s no es una clave INEGI que el catálogo conozca.")
        % data
    )


def _row_without_key(values: Values) -> str:
    return str(_("El renglón no imprime clave ni ID_PPI: no se leyó."))


def _name_missing(values: Values) -> str:
    return _("El renglón no imprime nombre; la clave %(key)s ocupa su lugar.") % {
        "key": values["key"]
    }


def _key_repeated(values: Values) -> str:
    return _(
        "La clave %(key)s se repite (primero en el renglón %(first_row)s) con las "
        "mismas cifras; la obra toma el renglón del año más reciente, el primero "
        "si empatan."
    ) % {"key": values["key"], "first_row": values["first_row"]}


def _key_repeated_different(values: Values) -> str:
    return _(
        "La clave %(key)s se repite (primero en el renglón %(first_row)s) con otras "
        "cifras; la obra toma el renglón del año más reciente, el primero si "
        "empatan."
    ) % {"key": values["key"], "first_row": values["first_row"]}


def _subprogram_unknown(values: Values) -> str:
    return _(
        "El subprograma «%(subprogram)s» no es una clave del catálogo: el renglón "
        "se guarda como se publicó y no se escribe ninguna obra."
    ) % {"subprogram": _printed(values["subprogram"])}


def _work_not_from_a_file(values: Values) -> str:
    return _(
        "La obra %(key)s ya existe y no se importó de un archivo de este tipo: no "
        "se modifica."
    ) % {"key": values["key"]}


_WORKLIST: dict[str, Callable[[Values], str]] = {
    "cell_unreadable": _cell_unreadable,
    "key_in_scientific_notation": _key_in_scientific_notation,
    "key_missing": _key_missing,
    "negative_amount": _negative_amount,
    "paid_exceeds_modified": _paid_exceeds_modified,
    "paid_exceeds_approved": _paid_exceeds_approved,
    "sources_do_not_add_up": _sources_do_not_add_up,
    "progress_out_of_range": _progress_out_of_range,
    "state_unresolved": _state_unresolved,
    "coordinates_zero": _coordinates_zero,
    "coordinates_swapped": _coordinates_swapped,
    "coordinates_out_of_range": _coordinates_out_of_range,
    "coordinates_outside_state": _coordinates_outside_state,
    "dates_out_of_order": _dates_out_of_order,
    "municipality_unresolved": _municipality_unresolved,
    "row_without_key": _row_without_key,
    "name_missing": _name_missing,
    "key_repeated": _key_repeated,
    "key_repeated_different": _key_repeated_different,
    "subprogram_unknown": _subprogram_unknown,
    "work_not_from_a_file": _work_not_from_a_file,
}


# ---------------------------------------------------------------- OCDS
# Contracting files (``ruta.ingest.ocds``): places are JSON paths of the file,
# kept as printed; an "entrega" is an OCDS release.


def _ocds_release_unreadable(values: Values) -> str:
    reason = values["reason"]
    data = {"place": _worded(values["place"])}
    if reason == "not_json":
        data["start"] = values["start"]
        text = _(
            "%(place)s: la línea no es JSON («%(start)s…»); la entrega no se leyó."
        )
    elif reason == "no_ocid":
        text = _("%(place)s: la entrega no tiene ocid; no se leyó.")
    else:
        data["type"] = values["type"]
        text = _("%(place)s: la entrega es un %(type)s, no un objeto; no se leyó.")
    return text % data


_SCHEMA_RULES = {
    "required": _("falta el campo obligatorio «%(field)s»"),
    "type": _("el valor no es del tipo que pide el esquema (%(expected)s)"),
    "enum": _("el valor no es uno de los que admite el esquema (%(expected)s)"),
    "format": _("el valor no tiene el formato %(expected)s"),
}


def _ocds_schema(values: Values) -> str:
    data = {
        "ocid": values["ocid"],
        "release": values["release"] or "?",
        "path": values["path"],
    }
    rule = values["rule"]
    if rule == "more":
        data["more"] = values["more"]
        return (
            _(
                "ocid %(ocid)s, entrega %(release)s: y %(more)s problemas más del "
                "esquema OCDS 1.1 en esta entrega."
            )
            % data
        )
    if rule in _SCHEMA_RULES:
        data["problem"] = _SCHEMA_RULES[rule] % {
            "field": values.get("field", ""),
            "expected": values.get("expected", ""),
        }
    else:
        data["problem"] = _("no cumple la regla «%(rule)s»") % {"rule": rule}
    return (
        _(
            "ocid %(ocid)s, entrega %(release)s, %(path)s: %(problem)s (esquema "
            "OCDS 1.1)."
        )
        % data
    )


def _ocds_merge(values: Values) -> str:
    data = {"ocid": values["ocid"], "releases": values["releases"]}
    if str(values["overlaid"]) == "True":
        return (
            _(
                "ocid %(ocid)s: sus %(releases)s entregas no se pueden combinar con "
                "las reglas de OCDS; se superpusieron por fecha y cada sección "
                "queda como la imprime la entrega más reciente que la trae."
            )
            % data
        )
    return (
        _(
            "ocid %(ocid)s: al combinar sus %(releases)s entregas con las reglas de "
            "OCDS hubo advertencias; revise el proceso contra el archivo."
        )
        % data
    )


def _ocds_amount(values: Values) -> str:
    return _(
        "ocid %(ocid)s, %(path)s: el monto «%(amount)s» no es un número dentro de "
        "límites; no se guardó."
    ) % {"ocid": values["ocid"], "path": values["path"], "amount": values["amount"]}


_OCDS: dict[str, Callable[[Values], str]] = {
    "ocds-release-unreadable": _ocds_release_unreadable,
    "ocds-schema": _ocds_schema,
    "ocds-merge": _ocds_merge,
    "ocds-amount": _ocds_amount,
}


# ---------------------------------------------------------------- POA forms
# TMM-F004 forms (``ruta.ingest.poa`` and the rules of ``ruta.programs``):
# quarters keep the form's own headings (ENE-MAR, …), which are Spanish.

_POA_FIELDS = {
    "ramo": _("ramo"),
    "program": _("programa"),
    "executing_unit": _("unidad ejecutora"),
    "finalidad": _("finalidad"),
    "funcion": _("función"),
    "subfuncion": _("subfunción"),
    "eje": _("eje de gobierno"),
    "line": _("línea de acción"),
}
# What a reading left for review is ("annual target", "ABR-JUN P", "ramo code").
_POA_READINGS = {
    "number": _("el número de meta"),
    "description": _("la descripción"),
    "unit": _("la unidad de medida"),
    "annual target": _("la meta anual"),
    "lines of action": _("las líneas de acción"),
    "absolute": _("el avance absoluto"),
    "relative": _("el avance relativo"),
    "observation": _("la observación"),
    "accumulation": _("la forma de acumular los trimestres"),
    "form code": _("la clave del formato"),
    "period": _("el periodo"),
    "person responsible for the programa": _("el responsable del programa"),
    "person responsible for the unidad ejecutora": _(
        "el responsable de la unidad ejecutora"
    ),
    "person responsible for the ramo": _("el responsable del ramo"),
    "ramo code": _("la clave del ramo"),
    "ramo name": _("el nombre del ramo"),
    "programa code": _("la clave del programa"),
    "programa name": _("el nombre del programa"),
    "unidad ejecutora code": _("la clave de la unidad ejecutora"),
    "unidad ejecutora name": _("el nombre de la unidad ejecutora"),
    "finalidad code": _("la clave de la finalidad"),
    "finalidad name": _("el nombre de la finalidad"),
    "función code": _("la clave de la función"),
    "función name": _("el nombre de la función"),
    "subfunción code": _("la clave de la subfunción"),
    "subfunción name": _("el nombre de la subfunción"),
}
_POA_LISTED_READINGS: tuple[tuple[re.Pattern[str], Promise], ...] = (
    (
        re.compile(r"(?P<quarter>[A-Z]{3}-[A-Z]{3}) P"),
        _("lo programado en %(quarter)s"),
    ),
    (
        re.compile(r"(?P<quarter>[A-Z]{3}-[A-Z]{3}) A"),
        _("lo alcanzado en %(quarter)s"),
    ),
    (re.compile(r"eje (?P<code>\S+) name"), _("el nombre del eje %(code)s")),
    (re.compile(r"eje (?P<code>\S+)"), _("la clave del eje %(code)s")),
    (
        re.compile(r"línea de acción (?P<code>\S+) name"),
        _("el nombre de la línea de acción %(code)s"),
    ),
    (
        re.compile(r"línea de acción (?P<code>\S+)"),
        _("la clave de la línea de acción %(code)s"),
    ),
)
_ACCUMULATED = {
    "sum": _("la suma de lo alcanzado"),
    "last": _("lo último alcanzado"),
    "max": _("lo mayor alcanzado"),
}
_ACCUMULATED_PROGRAMMED = {
    "sum": _("la suma de lo programado"),
    "last": _("lo último programado"),
    "max": _("lo mayor programado"),
}
_LISTED_KINDS = {"eje": _("El eje"), "línea de acción": _("La línea de acción")}


def _poa_reading(field: str) -> str:
    """Return what a reading left for review is; KeyError if not known."""
    if field in _POA_READINGS:
        return str(_POA_READINGS[field])
    for pattern, text in _POA_LISTED_READINGS:
        if match := pattern.fullmatch(field):
            return text % match.groupdict()
    raise KeyError(field)


def _poa_row_unreadable(values: Values) -> str:
    return _(
        "Meta %(goal)s: una cifra del renglón no se puede leer; el renglón se omite "
        "de esta copia."
    ) % {"goal": values["goal"]}


def _poa_row_unmatched(values: Values) -> str:
    return _(
        "Un segundo renglón de la meta %(goal)s en una misma copia; no se usó."
    ) % {"goal": values["goal"]}


def _poa_listed_by_minority(values: Values) -> str:
    return _(
        "Entradas de %(field)s que imprimen menos de la mitad de las %(copies)s "
        "copias no se tomaron: %(dropped)s."
    ) % {
        "field": _POA_FIELDS[values["field"]],
        "copies": values["copies"],
        "dropped": values["dropped"],
    }


def _poa_header_unknown_label(values: Values) -> str:
    return _(
        "La etiqueta «%(label)s» del encabezado no es un campo del formato "
        "TMM-F004; su valor no se usa."
    ) % {"label": values["label"]}


def _poa_header_label_mismatch(values: Values) -> str:
    return _(
        "La etiqueta «%(label)s» se imprime junto a la clave «%(printed)s», que "
        "tiene la forma de %(field)s; se lee como %(field)s."
    ) % {
        "label": values["label"],
        "printed": values["printed"],
        "field": _POA_FIELDS[values["field"]],
    }


def _poa_repeated_run(values: Values) -> str:
    return _(
        "%(lines)s renglones del encabezado repiten «%(name)s» con claves sucesivas "
        "(de %(first_code)s a %(last_code)s): se leen como un defecto del escaneo "
        "y se ignoran."
    ) % {
        "lines": values["lines"],
        "name": values["name"],
        "first_code": values["first_code"],
        "last_code": values["last_code"],
    }


def _poa_goal_repeated(values: Values) -> str:
    return _(
        "El número de meta %(goal)s se imprime %(times)s veces en una copia; los "
        "renglones se asignan a las metas por su descripción."
    ) % {"goal": values["goal"], "times": values["times"]}


def _poa_needs_review(values: Values) -> str:
    data = {"field": _poa_reading(values["field"]), "readings": values["readings"]}
    if values.get("goal") not in (None, "", "None"):
        data["goal"] = values["goal"]
        return (
            _(
                "Meta %(goal)s: las copias del formato no establecen %(field)s; "
                "queda para revisión (lecturas: %(readings)s)."
            )
            % data
        )
    return (
        _(
            "Las copias del formato no establecen %(field)s; queda para revisión "
            "(lecturas: %(readings)s)."
        )
        % data
    )


def _poa_listed_name(values: Values) -> str:
    spellings = [f"«{name}»" for name in str(values["spellings"]).split(" | ")]
    return _(
        "%(kind)s %(listed)s lleva %(names)s nombres distintos en los formatos del "
        "documento: %(spellings)s."
    ) % {
        "kind": _LISTED_KINDS[values["kind"]],
        "listed": values["listed"],
        "names": values["names"],
        "spellings": "; ".join(spellings),
    }


def _poa_achieved_sum(values: Values) -> str:
    return _(
        "Meta %(goal)s: %(accumulated)s es %(achieved)s, pero el avance absoluto "
        "impreso es %(absolute)s."
    ) % {
        "goal": values["goal"],
        "accumulated": _ACCUMULATED[values["accumulation"]],
        "achieved": _figure(values["achieved"]),
        "absolute": _figure(values["absolute"]),
    }


def _poa_target_invalid(values: Values) -> str:
    return _(
        "Meta %(goal)s: la meta anual es %(target)s; no hay avance relativo que "
        "calcular."
    ) % {"goal": values["goal"], "target": _figure(values["target"])}


def _poa_relative(values: Values) -> str:
    return _(
        "Meta %(goal)s: el avance relativo impreso es %(printed)s, pero %(absolute)s "
        "÷ %(target)s da %(expected)s."
    ) % {
        "goal": values["goal"],
        "printed": _figure(values["printed"], "percent"),
        "absolute": _figure(values["absolute"]),
        "target": _figure(values["target"]),
        "expected": _figure(values["expected"], "percent"),
    }


def _poa_achieved_unprogrammed(values: Values) -> str:
    return _(
        "Meta %(goal)s: se alcanzó %(achieved)s en %(quarter)s sin nada programado."
    ) % {
        "goal": values["goal"],
        "achieved": _figure(values["achieved"]),
        "quarter": values["quarter"],
    }


def _poa_programmed_sum(values: Values) -> str:
    return _(
        "Meta %(goal)s: %(accumulated)s es %(programmed)s, pero la meta anual es "
        "%(target)s."
    ) % {
        "goal": values["goal"],
        "accumulated": _ACCUMULATED_PROGRAMMED[values.get("accumulation", "sum")],
        "programmed": _figure(values["programmed"]),
        "target": _figure(values["target"]),
    }


def _poa_no_observation(values: Values) -> str:
    if "relative" in values:
        over = Decimal(str(values["relative"])) > 100
        text = (
            _(
                "Meta %(goal)s: el avance es %(relative)s, por encima de la meta, y "
                "no hay observación (política de la plataforma)."
            )
            if over
            else _(
                "Meta %(goal)s: el avance es %(relative)s, por debajo de la meta, y "
                "no hay observación (política de la plataforma)."
            )
        )
        return text % {
            "goal": values["goal"],
            "relative": _figure(values["relative"], "percent"),
        }
    return _(
        "Meta %(goal)s: hasta %(through)s se alcanzó %(achieved)s contra "
        "%(programmed)s programado y no hay observación (política de la "
        "plataforma)."
    ) % {
        "goal": values["goal"],
        "through": values["through"],
        "achieved": _figure(values["achieved"]),
        "programmed": _figure(values["programmed"]),
    }


def _poa_quarter_no_observation(values: Values) -> str:
    return _(
        "Meta %(goal)s: en %(quarter)s se alcanzó %(achieved)s contra "
        "%(programmed)s programado y no hay observación (política de la "
        "plataforma)."
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "achieved": _figure(_zero_if_blank(values["achieved"])),
        "programmed": _figure(_zero_if_blank(values["programmed"])),
    }


def _zero_if_blank(value: Any) -> Any:
    """Return 0 for a quarter left blank, as the capture rules count it."""
    return 0 if value in (None, "", "None") else value


def _poa_superseded(values: Values) -> str:
    return _(
        "Meta %(goal)s, %(quarter)s: %(earlier)s reportó %(programmed_before)s "
        "programado y %(achieved_before)s alcanzado; este documento reporta "
        "%(programmed)s y %(achieved)s, que los reemplazan."
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "earlier": values["earlier"],
        "programmed_before": _figure(values["programmed_before"]),
        "achieved_before": _figure(values["achieved_before"]),
        "programmed": _figure(values["programmed"]),
        "achieved": _figure(values["achieved"]),
    }


def _poa_goal_not_reported(values: Values) -> str:
    return _(
        "La meta %(goal)s no está en este formato para %(quarter)s; sus valores "
        "quedan como los reportó %(earlier)s."
    ) % {
        "goal": values["goal"],
        "quarter": values["quarter"],
        "earlier": values["earlier"],
    }


_POA: dict[str, Callable[[Values], str]] = {
    "POA-ROW-UNREADABLE": _poa_row_unreadable,
    "POA-ROW-UNMATCHED": _poa_row_unmatched,
    "POA-LISTED-BY-MINORITY": _poa_listed_by_minority,
    "POA-HEADER-UNKNOWN-LABEL": _poa_header_unknown_label,
    "POA-HEADER-LABEL-MISMATCH": _poa_header_label_mismatch,
    "POA-REPEATED-RUN": _poa_repeated_run,
    "POA-GOAL-REPEATED": _poa_goal_repeated,
    "POA-NEEDS-REVIEW": _poa_needs_review,
    "POA-LISTED-NAME": _poa_listed_name,
    "POA-ACHIEVED-SUM": _poa_achieved_sum,
    "POA-TARGET-INVALID": _poa_target_invalid,
    "POA-RELATIVE": _poa_relative,
    "POA-ACHIEVED-UNPROGRAMMED": _poa_achieved_unprogrammed,
    "POA-PROGRAMMED-SUM": _poa_programmed_sum,
    "POA-NO-OBSERVATION": _poa_no_observation,
    "POA-QUARTER-NO-OBSERVATION": _poa_quarter_no_observation,
    "POA-SUPERSEDED": _poa_superseded,
    "POA-GOAL-NOT-REPORTED": _poa_goal_not_reported,
}


# ---------------------------------------------------------------- action plans
# Open-government action plans (``ruta.ingest.actionplan``, docs/opengov.md).

_UNTITLED_BY = {
    "agency": _("por la dependencia que nombra"),
    "position": _(
        "por su lugar entre las secciones de los renglones anterior y siguiente"
    ),
}


def _commitment_without_section(values: Values) -> str:
    return _("El compromiso «%(commitment)s» de la tabla no tiene sección.") % {
        "commitment": values["commitment"]
    }


def _section_not_in_table(values: Values) -> str:
    return _(
        "La sección «%(section)s» no corresponde a ningún compromiso de la tabla "
        "de compromisos."
    ) % {"section": values["title"] or values["agency"]}


def _section_untitled(values: Values) -> str:
    return _(
        "La sección de «%(agency)s» no imprime el nombre de su compromiso; se lee "
        "como la sección de «%(commitment)s» %(by)s."
    ) % {
        "agency": values["agency"],
        "commitment": values["commitment"],
        "by": _UNTITLED_BY[values["by"]],
    }


def _agency_differs(values: Values) -> str:
    return _(
        "La tabla asigna «%(commitment)s» a «%(table)s»; su sección nombra a "
        "«%(section)s»."
    ) % {
        "commitment": values["commitment"],
        "table": values["table"],
        "section": values["section"],
    }


def _progress_stated_differently(values: Values) -> str:
    stated = []
    for pair in str(values["stated"]).split("; "):
        value, line = pair.split()
        stated.append(
            _("%(value)s en la línea %(line)s")
            % {"value": _figure(value, "percent"), "line": line}
        )
    return _(
        "El avance se declara de formas distintas: %(stated)s; no se toma ninguno."
    ) % {"stated": ", ".join(stated)}


def _answer_empty(values: Values) -> str:
    data = {"indicator": values["indicator"], "question": values["question"]}
    if values["question"]:
        return (
            _(
                "La respuesta del cuestionario a «%(indicator)s» está vacía (la "
                "celda de la pregunta dice «%(question)s»)."
            )
            % data
        )
    return _("La respuesta del cuestionario a «%(indicator)s» está vacía.") % data


def _answer_not_applicable(values: Values) -> str:
    answer = str(values["answer"])
    return _(
        "La respuesta del cuestionario a «%(indicator)s» es «N/A»: «%(answer)s»."
    ) % {
        "indicator": values["indicator"],
        "answer": answer if len(answer) <= 120 else answer[:119] + "…",
    }


def _agency_not_in_catalog(values: Values) -> str:
    return _(
        "La dependencia «%(agency)s» de «%(commitment)s» no es una dependencia del "
        "catálogo: se guarda como se imprime."
    ) % {"agency": values["agency"], "commitment": values["commitment"]}


_ACTION_PLAN: dict[str, Callable[[Values], str]] = {
    "commitment_without_section": _commitment_without_section,
    "section_not_in_table": _section_not_in_table,
    "section_untitled": _section_untitled,
    "agency_differs": _agency_differs,
    "progress_stated_differently": _progress_stated_differently,
    "answer_empty": _answer_empty,
    "answer_not_applicable": _answer_not_applicable,
    "agency_not_in_catalog": _agency_not_in_catalog,
}


_CECOP: dict[str, Callable[[Values], str]] = {
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
# Readers whose places are worded (``worded_place_text``).
_WORDED: dict[str, Callable[[Values], str]] = {
    **_WORKLIST,
    **_OCDS,
    **_POA,
    **_ACTION_PLAN,
}
_MESSAGES: dict[str, Callable[[Values], str]] = {**_CECOP, **_WORDED}


def sentence_codes() -> frozenset[str]:
    """Return the codes whose findings pages say in their own language."""
    return frozenset(_MESSAGES)


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
    if finding.code in _WORDED:
        where = worded_place_text(finding.where)
    else:
        where = place_text(finding.where)
    summary = _SUMMARIES.get(finding.code, _("Hallazgo «%(code)s»."))
    return FindingText(
        code=finding.code,
        message=message if message is not None else summary % {"code": finding.code},
        where=where if where is not None else finding.where,
        original="" if message is not None else finding.message,
        where_lang="" if where is not None else "en",
    )
