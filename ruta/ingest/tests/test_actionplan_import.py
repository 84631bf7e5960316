"""Loading an action plan's report: counts, idempotence, history, refusals."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ruta.ingest.loaders.actionplan import action_plan_import
from ruta.opengov.models import (
    ActionPlan,
    Answer,
    Commitment,
    CommitmentReport,
    ReportingPeriod,
)
from ruta.sources.findings import DocumentError
from ruta.sources.models import (
    DocumentFinding,
    DocumentKind,
    PublishedRow,
    SourceDocument,
)
from testkit.actors import TEST_ACTOR
from testkit.cecop import demonstration_document
from testkit.seeds import GTO_ACTION_PLAN, seed_path


@pytest.fixture
def seed_file():
    return seed_path(GTO_ACTION_PLAN)


def counts():
    return (
        SourceDocument.objects.count(),
        ActionPlan.objects.count(),
        Commitment.objects.count(),
        CommitmentReport.objects.count(),
        Answer.objects.count(),
        DocumentFinding.objects.count(),
        PublishedRow.objects.count(),
    )


def run(*args):
    out = io.StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_seed_imports_seven_commitments_with_agencies_progress_and_answers(
    catalog, seed_file
):
    result = action_plan_import(path=seed_file, actor=TEST_ACTOR)
    assert result.status.value == "imported"
    plan = ActionPlan.objects.get()
    assert plan.state.name == "Guanajuato"
    commitments = list(plan.commitments.select_related("agency"))
    assert [c.agency.acronym for c in commitments] == [
        "SFIA",
        "SICOM",
        "IPLANEG",
        "SEDESHU",
        "SSG",
        "STRC",
        "SG",
    ]
    progress = [c.reports.get().progress_pct for c in commitments]
    assert progress == [Decimal(40), None, None, Decimal(80), None, None, Decimal(80)]
    assert Answer.objects.count() == 31
    assert DocumentFinding.objects.count() == 6
    assert PublishedRow.objects.filter(table_id="commitments").count() == 7
    period = ReportingPeriod.objects.get()
    assert (period.as_of, period.document.kind) == (
        date(2020, 2, 5),
        DocumentKind.ACTION_PLAN,
    )


def test_same_file_twice_adds_nothing(catalog, seed_file):
    action_plan_import(path=seed_file, actor=TEST_ACTOR)
    before = counts()
    again = action_plan_import(path=seed_file, actor=TEST_ACTOR)
    assert again.status.value == "already-imported"
    assert counts() == before
    assert len(again.payload["commitments"]) == 7


def test_later_report_is_a_new_period_and_keeps_the_first(catalog, seed_file, tmp_path):
    action_plan_import(path=seed_file, actor=TEST_ACTOR)
    later = tmp_path / "avance-2020-08.txt"
    later.write_text(
        seed_file.read_text(encoding="utf-8").replace("(40%)", "(65%)"),
        encoding="utf-8",
    )
    action_plan_import(path=later, actor=TEST_ACTOR, as_of=date(2020, 8, 31))
    portal = Commitment.objects.get(number=1)
    assert [r.progress_pct for r in portal.reports.order_by("period__as_of")] == [
        Decimal(40),
        Decimal(65),
    ]
    assert (Commitment.objects.count(), Answer.objects.count()) == (7, 62)


def test_second_report_for_a_stored_date_is_refused(catalog, seed_file, tmp_path):
    action_plan_import(path=seed_file, actor=TEST_ACTOR)
    copy = tmp_path / "copia.txt"
    copy.write_text(seed_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = counts()
    with pytest.raises(DocumentError, match="already has a report as of 2020-02-05"):
        action_plan_import(path=copy, actor=TEST_ACTOR)
    assert counts() == before


def test_dry_run_json_prints_commitments_and_findings(catalog, seed_file):
    data = json.loads(run("action-plan", str(seed_file), "--dry-run", "--json"))
    assert [c["progress_pct"] for c in data["commitments"]] == [
        40.0,
        None,
        None,
        80.0,
        None,
        None,
        80.0,
    ]
    first = data["commitments"][2]["questionnaire"][0]
    assert {"category", "indicator", "question", "answer"} <= set(first)
    assert {"message", "where"} <= set(data["findings"][0])
    assert data["import"]["status"] == "dry-run"
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary\x00",
        b"Solo texto, sin tabla de compromisos.",
    ],
    ids=["empty", "binary", "foreign-text"],
)
def test_bad_files_are_refused_and_write_nothing(catalog, tmp_path, content):
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Nothing was written"):
        run("action-plan", str(path))
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_cecop_report_is_refused_as_foreign(catalog, tmp_path):
    path = demonstration_document().write(tmp_path)
    with pytest.raises(CommandError, match="no commitments table"):
        run("action-plan", str(path))
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_report_without_date_needs_as_of(catalog, seed_file, tmp_path):
    path = tmp_path / "sin-fecha.txt"
    path.write_text(
        seed_file.read_text(encoding="utf-8").replace(
            "del 1 de Diciembre de 2019 al 05 de febrero de 2020", "del periodo"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DocumentError, match="--as-of"):
        action_plan_import(path=path, actor=TEST_ACTOR)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_reporting_date_out_of_bounds_is_refused(catalog, seed_file):
    with pytest.raises(DocumentError, match="outside"):
        action_plan_import(path=seed_file, actor=TEST_ACTOR, as_of=date(1900, 1, 1))


def test_failure_midway_writes_nothing(catalog, seed_file, monkeypatch):
    from ruta.opengov.services import actionplans as services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_activity", broken)
    with pytest.raises(RuntimeError):
        action_plan_import(path=seed_file, actor=TEST_ACTOR)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)


def test_capture_staff_of_another_agency_may_not_import(catalog, seed_file, make_user):
    from django.core.exceptions import PermissionDenied

    from ruta.accounts.models import Role
    from ruta.catalog.models import Agency

    user = make_user(Role.CAPTURE, agency=Agency.objects.get(code="sonora-cecop"))
    with pytest.raises(PermissionDenied):
        action_plan_import(path=seed_file, actor=user)
    assert counts() == (0, 0, 0, 0, 0, 0, 0)
