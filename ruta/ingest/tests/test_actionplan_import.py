"""Loading an action plan's report: counts, idempotence, history, refusals.

The report is the project's demonstration document, imported once for the
module (and once again, which adds nothing); the published original, when
it is beside the checkout, must give what the demonstration gives.
"""

import io
import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import transaction

from ruta.accounts.models import Role
from ruta.catalog.datafiles import read_catalog
from ruta.catalog.loader import catalog_load
from ruta.catalog.models import Agency
from ruta.demo.documents.demonstration import (
    CECOP_REPORT_2024,
    DEMONSTRATIONS,
    GTO_ACTION_PLAN,
)
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
from ruta.sources.services import ImportResult
from testkit.actors import TEST_ACTOR
from testkit.seeds import seed_path
from testkit.world import constraints_settled

pytestmark = pytest.mark.django_db

DEMONSTRATION = next(d for d in DEMONSTRATIONS if d.seed == GTO_ACTION_PLAN)
AS_OF = date(2020, 2, 5)  # the latest date the report states
LATER = date(2020, 8, 31)
_DATE = re.compile(r"\b\d{1,2} de [a-z]+ de \d{4}\b")


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


@dataclass(frozen=True)
class World:
    """The demonstration imported twice over the catalog, and what each time did."""

    path: Path
    first: ImportResult
    stored: tuple[int, ...]
    again: ImportResult


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / DEMONSTRATION.file_name
    path.write_text(DEMONSTRATION.text(), encoding="utf-8")
    with django_db_blocker.unblock(), transaction.atomic():
        catalog_load(read_catalog())
        first = action_plan_import(path=path, actor=TEST_ACTOR)
        stored = counts()
        again = action_plan_import(path=path, actor=TEST_ACTOR)
        constraints_settled()
        yield World(path, first, stored, again)
        transaction.set_rollback(True)


def written(tmp_path, text, name="avance.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def later_report(tmp_path):
    """Return the report again with the portal's progress at 65 % instead of 40 %."""
    text = DEMONSTRATION.text()
    assert text.count("(40%)") == 1
    return written(tmp_path, text.replace("(40%)", "(65%)"), "avance-2020-08.txt")


def run(*args):
    out = io.StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_report_imports_seven_commitments_with_agencies_progress_and_answers(world):
    assert world.first.status.value == "imported"
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
    assert sorted(DocumentFinding.objects.values_list("code", flat=True)) == [
        "agency_differs",
        "agency_differs",
        "answer_empty",
        "answer_not_applicable",
        "section_untitled",
        "section_untitled",
    ]
    assert PublishedRow.objects.filter(table_id="commitments").count() == 7
    period = ReportingPeriod.objects.get()
    assert (period.as_of, period.document.kind, period.document.name) == (
        AS_OF,
        DocumentKind.ACTION_PLAN,
        DEMONSTRATION.file_name,
    )


def test_same_file_twice_adds_nothing(world):
    assert world.again.status.value == "already-imported"
    assert counts() == world.stored
    assert len(world.again.payload["commitments"]) == 7


def test_later_report_is_a_new_period_and_keeps_the_first(world, tmp_path):
    action_plan_import(path=later_report(tmp_path), actor=TEST_ACTOR, as_of=LATER)
    portal = Commitment.objects.get(number=1)
    assert [r.progress_pct for r in portal.reports.order_by("period__as_of")] == [
        Decimal(40),
        Decimal(65),
    ]
    assert (Commitment.objects.count(), Answer.objects.count()) == (7, 62)


def test_second_report_for_a_stored_date_is_refused(world, tmp_path):
    copy = written(tmp_path, DEMONSTRATION.text() + "\n", "copia.txt")
    with pytest.raises(DocumentError, match="already has a report as of 2020-02-05"):
        action_plan_import(path=copy, actor=TEST_ACTOR)
    assert counts() == world.stored


def test_dry_run_json_prints_commitments_and_findings(world):
    data = json.loads(run("action-plan", str(world.path), "--dry-run", "--json"))
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
    assert counts() == world.stored


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"\x00\x01\x02binary\x00",
        b"Solo texto, sin tabla de compromisos.",
    ],
    ids=["empty", "binary", "foreign-text"],
)
def test_bad_files_are_refused_and_write_nothing(world, tmp_path, content):
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="Nothing was written"):
        run("action-plan", str(path))
    assert counts() == world.stored


def test_cecop_report_is_refused_as_foreign(world, tmp_path):
    cecop = next(d for d in DEMONSTRATIONS if d.seed == CECOP_REPORT_2024)
    with pytest.raises(CommandError, match="no commitments table"):
        run("action-plan", str(written(tmp_path, cecop.text(), cecop.file_name)))
    assert counts() == world.stored


def test_report_without_date_needs_as_of(world, tmp_path):
    text = _DATE.sub("el periodo", DEMONSTRATION.text())
    assert "05 de febrero de 2020" not in text
    with pytest.raises(DocumentError, match="--as-of"):
        action_plan_import(path=written(tmp_path, text), actor=TEST_ACTOR)
    assert counts() == world.stored


def test_reporting_date_out_of_bounds_is_refused(world, tmp_path):
    with pytest.raises(DocumentError, match="outside"):
        action_plan_import(
            path=later_report(tmp_path), actor=TEST_ACTOR, as_of=date(1900, 1, 1)
        )


def test_failure_midway_writes_nothing(world, tmp_path, monkeypatch):
    from ruta.opengov.services import actionplans as services

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_activity", broken)
    with pytest.raises(RuntimeError):
        action_plan_import(path=later_report(tmp_path), actor=TEST_ACTOR, as_of=LATER)
    assert counts() == world.stored


def test_capture_staff_of_another_agency_may_not_import(world, tmp_path, make_user):
    user = make_user(Role.CAPTURE, agency=Agency.objects.get(code="sonora-cecop"))
    with pytest.raises(PermissionDenied):
        action_plan_import(path=later_report(tmp_path), actor=user, as_of=LATER)
    assert counts() == world.stored


def stored_as(result: ImportResult) -> dict:
    """Return what an import stores, leaving out the wording of the prose."""
    payload = result.payload
    return {
        "plan": payload["plan"],
        "state": payload["state"],
        "as_of": payload["as_of"],
        "commitments": [
            (c["name"], c["agency"], c["progress_pct"], len(c["questionnaire"]))
            for c in payload["commitments"]
        ],
        "findings": sorted(f.code for f in result.findings),
    }


def test_seed_is_imported_as_the_demonstration(world):
    seed = action_plan_import(
        path=seed_path(GTO_ACTION_PLAN), actor=TEST_ACTOR, dry_run=True
    )
    assert stored_as(seed) == stored_as(world.first)
