"""Answer a question about the concertation agreements with the municipalities.

Read off the agreements the open data lists (``convenios-concertacion``):
how many a year holds, how many are signed, and the money they set aside
for the municipalities' concerted works (the "piso") and the contributions
they commit; of one municipality, when its agreement was signed.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ruta.catalog.models import Municipality
from ruta.common.text.money import format_mxn
from ruta.concertation.selectors import (
    AgreementsSummary,
    agreement_years,
    agreements_summary,
    signed_on,
    unsigned_municipalities,
)
from ruta.portal.questions.parse import Question, Slot
from ruta.portal.questions.results import MXN, Answer, Citation, Figure


def agreements_answer(question: Question) -> Answer:
    """Return the year's agreements, of every municipality or the one asked."""
    years = agreement_years()
    year = int(question.get(Slot.YEAR) or (years[0] if years else 0))
    code = str(question.get(Slot.MUNICIPALITY) or "")
    if year not in years:
        return Answer(
            _("No hay convenios de concertación registrados de %(year)s.")
            % {"year": year or "—"},
            answered=False,
            sources=_sources(code),
        )
    summary = agreements_summary(year, code)
    if code:
        return _municipality_answer(summary, code)
    text = ngettext(
        "Convenios de concertación con los municipios en %(year)s: %(count)s, "
        "con %(places)s municipios, %(signed)s firmado.",
        "Convenios de concertación con los municipios en %(year)s: %(count)s, "
        "con %(places)s municipios, %(signed)s firmados.",
        summary.signed,
    ) % {
        "year": year,
        "count": f"{summary.agreements:,}",
        "places": f"{summary.municipalities:,}",
        "signed": f"{summary.signed:,}",
    }
    unsigned = unsigned_municipalities(year)
    text += " " + _unsigned_sentence(unsigned)
    return Answer(
        f"{text} {_money_sentence(summary)}",
        figures=[
            *_figures(summary),
            Figure(_("Municipios sin convenio firmado"), str(len(unsigned))),
        ],
        sources=_sources(code),
    )


# The municipalities without a signed agreement an answer names.
UNSIGNED_NAMED = 20


def _unsigned_sentence(unsigned: list[str]) -> str:
    """Say which municipalities have no signed agreement, or that all do."""
    if not unsigned:
        return _("Todos los municipios tienen convenio firmado.")
    named = ", ".join(unsigned[:UNSIGNED_NAMED])
    more = " …" if len(unsigned) > UNSIGNED_NAMED else ""
    return ngettext(
        "Sin convenio firmado: %(count)s municipio (%(named)s%(more)s).",
        "Sin convenio firmado: %(count)s municipios (%(named)s%(more)s).",
        len(unsigned),
    ) % {"count": len(unsigned), "named": named, "more": more}


def _municipality_answer(summary: AgreementsSummary, code: str) -> Answer:
    """Return one municipality's agreement of the year: signed or not, its money."""
    name = Municipality.objects.get(code=code).name
    if not summary.agreements:
        return Answer(
            _("%(name)s no tiene convenio de concertación registrado de %(year)s.")
            % {"name": name, "year": summary.year},
            figures=[Figure(_("Convenios"), "0")],
            sources=_sources(code),
        )
    dates = signed_on(summary.year, code)
    said = (
        _("El convenio de concertación de %(name)s de %(year)s se firmó el %(date)s.")
        % {
            "name": name,
            "year": summary.year,
            "date": ", ".join(day.strftime("%d/%m/%Y") for day in dates),
        }
        if dates
        else _(
            "El convenio de concertación de %(name)s de %(year)s está registrado, "
            "sin firma todavía."
        )
        % {"name": name, "year": summary.year}
    )
    return Answer(
        f"{said} {_money_sentence(summary)}",
        figures=_figures(summary),
        sources=_sources(code),
    )


def _money_sentence(summary: AgreementsSummary) -> str:
    return _(
        "Piso (recurso estatal destinado a las obras concertadas): %(floor)s; "
        "aportación municipal comprometida: %(municipal)s; de los beneficiarios: "
        "%(community)s."
    ) % {
        "floor": format_mxn(summary.floor),
        "municipal": format_mxn(summary.municipal),
        "community": format_mxn(summary.community),
    }


def _figures(summary: AgreementsSummary) -> list[Figure]:
    return [
        Figure(_("Convenios"), str(summary.agreements)),
        Figure(_("Firmados"), str(summary.signed)),
        Figure(_("Municipios con convenio"), str(summary.municipalities)),
        Figure(_("Piso"), str(summary.floor), MXN),
        Figure(_("Aportación municipal comprometida"), str(summary.municipal), MXN),
        Figure(
            _("Aportación de los beneficiarios comprometida"),
            str(summary.community),
            MXN,
        ),
    ]


def _sources(code: str) -> list[Citation]:
    sources = [
        Citation(
            _("Convenios de concertación (datos abiertos)"),
            reverse("opendata:dataset", args=["convenios-concertacion"]),
        )
    ]
    if code:
        sources.append(
            Citation(
                _("Página del municipio"), reverse("portal:municipality", args=[code])
            )
        )
    return sources
