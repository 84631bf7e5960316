"""Commitments reported on the site, period after period, published by a second person.

Figures from Guanajuato's report: the budget transparency portal's platform
stood at 40 %; the Impulso Social platform at 80 %.
"""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from ruta.accounts.cycles import step_take
from ruta.accounts.models import Role
from ruta.opengov.cycles import REPORT
from ruta.opengov.models import ActionPlan, Commitment, ReportingPeriod, ReportStatus
from ruta.opengov.reporting_forms import ReportForm
from ruta.opengov.rules import STANDARD_QUESTIONNAIRE
from ruta.opengov.selectors import (
    answer_rows,
    commitment_rows,
    commitment_timeline,
    report_details,
)
from ruta.opengov.services import (
    ActivityDraft,
    ReportDraft,
    commitment_report_save,
    report_evidence_add,
    reporting_period_open,
)
from ruta.sources.models import DocumentKind, SourceDocument
from testkit.factories.catalog import AgencyFactory

ANSWERS = {name: "No aplica" for _c, name, _q in STANDARD_QUESTIONNAIRE}


@pytest.fixture
def plan(db):
    strc = AgencyFactory(code="guanajuato-strc", name="STRC")
    sfia = AgencyFactory(code="guanajuato-sfia", name="SFIA")
    plan = ActionPlan.objects.create(key="pal-gto", title="PAL", coordinator=strc)
    Commitment.objects.create(
        plan=plan,
        number=1,
        name="Portal Estatal de Transparencia Presupuestaria",
        name_key="portal",
        agency=sfia,
        agency_printed="SFIA",
    )
    return plan


@pytest.fixture
def people(plan, make_user):
    commitment = plan.commitments.get()
    return {
        "agency": make_user(Role.CAPTURE, agency=commitment.agency),
        "coordinator": make_user(Role.VALIDATOR, agency=plan.coordinator),
    }


def _draft(progress="40", **changes):
    fields = {
        "progress_pct": Decimal(progress),
        "progress_text": "Arquitectura de la plataforma en desarrollo.",
        "next_step": "Publicar los primeros módulos.",
        "evidence_links": ("https://finanzas.guanajuato.gob.mx/",),
        "activities": (ActivityDraft("Anteproyecto", "Definición de elementos"),),
        "answers": ANSWERS,
    }
    return ReportDraft(**{**fields, **changes})


def _report(plan, people, as_of, progress="40"):
    period = reporting_period_open(plan=plan, as_of=as_of, actor=people["coordinator"])
    report = commitment_report_save(
        commitment=plan.commitments.get(),
        period=period,
        draft=_draft(progress),
        actor=people["agency"],
    )
    return step_take(REPORT, report, "submit", actor=people["agency"])


def test_only_the_coordinating_unit_opens_a_period(plan, people):
    with pytest.raises(PermissionDenied):
        reporting_period_open(plan=plan, as_of=date(2020, 2, 5), actor=people["agency"])
    reporting_period_open(
        plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
    )
    with pytest.raises(ValidationError) as refused:
        reporting_period_open(
            plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
        )
    assert refused.value.error_dict["as_of"][0].code == "period_exists"


def test_a_report_is_public_only_once_the_coordinating_unit_publishes_it(plan, people):
    report = _report(plan, people, date(2020, 2, 5))
    commitment = plan.commitments.get()
    assert report.status == ReportStatus.SUBMITTED
    assert commitment_timeline(commitment) == []
    step_take(REPORT, report, "publish", actor=people["coordinator"])
    (point,) = commitment_timeline(commitment)
    assert (point.progress_pct, point.on_site) == (Decimal("40.00"), True)
    (detail,) = report_details(commitment)
    assert [a.indicator for a in detail.answers] == [
        name for _c, name, _q in STANDARD_QUESTIONNAIRE
    ]


def test_a_second_period_shows_the_progress_over_time(plan, people):
    first = _report(plan, people, date(2020, 2, 5))
    step_take(REPORT, first, "publish", actor=people["coordinator"])
    second = _report(plan, people, date(2020, 8, 5), progress="80")
    step_take(REPORT, second, "publish", actor=people["coordinator"])
    points = commitment_timeline(plan.commitments.get())
    assert [(p.progress_pct, p.change) for p in points] == [
        (Decimal("40.00"), None),
        (Decimal("80.00"), Decimal("40.00")),
    ]


def test_a_report_without_its_questionnaire_is_not_sent(plan, people):
    period = reporting_period_open(
        plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
    )
    report = commitment_report_save(
        commitment=plan.commitments.get(),
        period=period,
        draft=_draft(answers={"Presencia Web": "https://ejemplo.gob.mx"}),
        actor=people["agency"],
    )
    with pytest.raises(ValidationError) as refused:
        step_take(REPORT, report, "submit", actor=people["agency"])
    assert refused.value.code == "questionnaire_incomplete"
    assert "Acciones relevantes" in refused.value.messages[0]


def test_whoever_wrote_a_report_cannot_publish_it_an_administrator_neither(
    plan, administrator, people
):
    period = reporting_period_open(
        plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
    )
    report = commitment_report_save(
        commitment=plan.commitments.get(),
        period=period,
        draft=_draft(),
        actor=administrator,
    )
    step_take(REPORT, report, "submit", actor=people["agency"])
    with pytest.raises(ValidationError) as refused:
        step_take(REPORT, report, "publish", actor=administrator)
    assert refused.value.code == "same_person"
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED


def test_a_report_sent_back_carries_the_observations_and_can_be_sent_again(
    plan, people
):
    report = _report(plan, people, date(2020, 2, 5))
    returned = step_take(
        REPORT,
        report,
        "return",
        reason="Falta la evidencia del anteproyecto.",
        actor=people["coordinator"],
    )
    assert (returned.status, returned.review_note) == (
        ReportStatus.DRAFT,
        "Falta la evidencia del anteproyecto.",
    )
    again = step_take(REPORT, returned, "submit", actor=people["agency"])
    assert (again.status, again.review_note) == (ReportStatus.SUBMITTED, "")


def test_a_sent_report_is_not_rewritten(plan, people):
    report = _report(plan, people, date(2020, 2, 5))
    with pytest.raises(ValidationError) as refused:
        commitment_report_save(
            commitment=report.commitment,
            period=report.period,
            draft=_draft("90"),
            actor=people["agency"],
        )
    assert refused.value.code == "report_not_draft"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"progress": "120"}, "progress_pct", "progress_out_of_bounds"),
        (
            {"evidence_links": ("javascript:alert(1)",)},
            "evidence_links",
            "link_not_web",
        ),
    ],
)
def test_bad_input_is_refused_at_its_field(plan, people, changes, field, code):
    period = reporting_period_open(
        plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
    )
    progress = changes.pop("progress", "40")
    with pytest.raises(ValidationError) as refused:
        commitment_report_save(
            commitment=plan.commitments.get(),
            period=period,
            draft=_draft(progress, **changes),
            actor=people["agency"],
        )
    assert refused.value.error_dict[field][0].code == code


def test_evidence_is_a_document_or_a_photo_checked_by_its_bytes(plan, people):
    period = reporting_period_open(
        plan=plan, as_of=date(2020, 2, 5), actor=people["coordinator"]
    )
    report = commitment_report_save(
        commitment=plan.commitments.get(),
        period=period,
        draft=_draft(),
        actor=people["agency"],
    )
    pdf = BytesIO(b"%PDF-1.4\n% evidencia\n%%EOF\n")
    evidence = report_evidence_add(
        report=report, file=pdf, name="Anteproyecto.pdf", actor=people["agency"]
    )
    assert evidence.name == "Anteproyecto.pdf"
    with pytest.raises(ValidationError):
        report_evidence_add(
            report=report,
            file=BytesIO(b"<html><script>alert(1)</script></html>"),
            name="evidencia.pdf",
            actor=people["agency"],
        )
    assert report.evidence_files.count() == 1


def test_a_period_read_from_a_document_is_not_reported_on_the_site(plan, people):
    document = SourceDocument.objects.create(
        sha256="a" * 64, kind=DocumentKind.ACTION_PLAN, name="avance.txt"
    )
    with_document = ReportingPeriod.objects.create(
        plan=plan, as_of=date(2020, 8, 5), document=document
    )
    with pytest.raises(ValidationError) as refused:
        commitment_report_save(
            commitment=plan.commitments.get(),
            period=with_document,
            draft=_draft(),
            actor=people["agency"],
        )
    assert refused.value.code == "period_not_on_site"


@pytest.mark.parametrize(
    ("language", "label", "question"),
    [
        ("es-mx", "Demanda social percibida: Presencia Web", "Link para seguimiento"),
        ("en", "Perceived social demand: Web presence", "Link to follow the actions"),
    ],
)
def test_the_questionnaire_is_labelled_in_the_page_language(language, label, question):
    with translation.override(language):
        form = ReportForm()
        web = form.fields[f"answer_{len(STANDARD_QUESTIONNAIRE) - 1}"]
        assert str(web.label) == label
        assert str(web.help_text).startswith(question)


def _published(plan, people, as_of, *, is_demo):
    period = reporting_period_open(
        plan=plan, as_of=as_of, is_demo=is_demo, actor=people["coordinator"]
    )
    report = commitment_report_save(
        commitment=plan.commitments.get(),
        period=period,
        draft=_draft(),
        is_demo=is_demo,
        actor=people["agency"],
    )
    report = step_take(REPORT, report, "submit", actor=people["agency"])
    return step_take(REPORT, report, "publish", actor=people["coordinator"])


def test_a_demo_report_is_marked_on_the_plan_and_commitment_pages(client, plan, people):
    _published(plan, people, date(2020, 2, 5), is_demo=False)
    demo = _published(plan, people, date(2020, 8, 5), is_demo=True)
    plan_page = client.get("/es-mx/gobierno-abierto/pal-gto/").content.decode()
    assert "Los informes marcados «demostración» no los publicó la dependencia" in (
        plan_page
    )
    assert plan_page.count("demostración</span>") == 2  # its period, its progress
    commitment = client.get("/es-mx/gobierno-abierto/pal-gto/compromisos/1/")
    html = commitment.content.decode()
    assert html.count("demostración</span>") == 1  # its point of the timeline
    section = html[html.index(f'id="informe-{demo.pk}"') :]
    assert "Este informe no lo publicó la dependencia" in section[:2000]
    english = client.get("/en/gobierno-abierto/pal-gto/compromisos/1/").content
    assert "This report was not published by the agency" in english.decode()


def test_a_plan_without_demo_reports_marks_nothing(client, plan, people):
    _published(plan, people, date(2020, 2, 5), is_demo=False)
    for address in (
        "/es-mx/gobierno-abierto/pal-gto/",
        "/es-mx/gobierno-abierto/pal-gto/compromisos/1/",
    ):
        assert "Datos de demostración" not in client.get(address).content.decode()


def test_the_downloads_say_which_reports_are_demonstration(plan, people):
    _published(plan, people, date(2020, 2, 5), is_demo=False)
    _published(plan, people, date(2020, 8, 5), is_demo=True)
    assert [row["demo"] for row in commitment_rows(plan)] == [False, True]
    assert {row["demo"] for row in answer_rows(plan)} == {False, True}
