"""The loaders on the project's own documents: read, resolve, write, once.

No seed is read: the CECOP report and the TMM-F004 forms are rendered by
``ruta.demo.documents``, so the loaders and what they store are tested on any
clone.
"""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from pghistory.models import Events

from ruta.accounts.models import Role
from ruta.catalog.models import Agency
from ruta.demo.documents.cecop_report import render_report
from ruta.demo.documents.cecop_samples import sample_report
from ruta.demo.documents.poa_samples import sample_forms
from ruta.demo.documents.poa_scan import demonstration_scan
from ruta.demo.documents.tmm_f004 import Form, render
from ruta.indicators.models import IndicatorCard, IndicatorResult
from ruta.ingest.loaders.cecop import cecop_report_import
from ruta.ingest.loaders.poa import poa_import
from ruta.programs.models import Goal, UnitProgram, ValueStatus
from ruta.sources.findings import DocumentError
from ruta.sources.models import DocumentFinding, PublishedRow, SourceDocument
from ruta.sources.services import ImportStatus
from ruta.works.models import EmergencyAction
from testkit.actors import TEST_ACTOR

REPORT_ROWS = {
    "tsam_by_subprogram": 14,  # 13 subprograms and the Total row
    "gse_by_subprogram": 10,
    "tsam_by_region": 11,
    "gse_by_region": 10,
    "drought_aid": 13,
    "aid_by_concept": 6,
    "indicator_results_1": 4,
    "indicator_results_2": 3,
    "indicator_results_3": 1,
    "semaphore_summary": 1,
    **{f"indicator_card_{n}": 1 for n in range(1, 5)},
}


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "informe-cecop-2024.txt"
    path.write_text(render_report(sample_report()), encoding="utf-8")
    return path


@pytest.fixture
def scanned_forms(tmp_path: Path) -> Path:
    """The demonstration document: the five forms, scanned as the seed is."""
    path = tmp_path / "formas-tmm-f004.txt"
    path.write_text(demonstration_scan().text(), encoding="utf-8")
    return path


def filed_forms() -> list[Form]:
    """Return the forms a POA import files: those that print their unit's code."""
    return [form for form in sample_forms() if form.unit.code]


NOTHING = dict.fromkeys(
    ("documents", "rows", "findings", "cards", "results", "actions", "goals"), 0
)


def stored() -> dict[str, int]:
    return {
        "documents": SourceDocument.objects.count(),
        "rows": PublishedRow.objects.count(),
        "findings": DocumentFinding.objects.count(),
        "cards": IndicatorCard.objects.count(),
        "results": IndicatorResult.objects.count(),
        "actions": EmergencyAction.objects.count(),
        "goals": Goal.objects.count(),
    }


# ---------------------------------------------------------------- CECOP report


def test_the_rendered_report_stores_every_row_card_and_drought_action(
    catalog, report_file
):
    result = cecop_report_import(path=report_file, actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    rows = PublishedRow.objects.values("table_id").annotate(n=Count("id"))
    assert {row["table_id"]: row["n"] for row in rows} == REPORT_ROWS
    assert IndicatorCard.objects.count() == 4
    assert EmergencyAction.objects.count() == len(sample_report().drought)
    assert DocumentFinding.objects.count() == 0


def test_the_rendered_report_imported_again_adds_nothing(catalog, report_file):
    cecop_report_import(path=report_file, actor=TEST_ACTOR)
    before = stored()
    again = cecop_report_import(path=report_file, actor=TEST_ACTOR)
    assert again.status == ImportStatus.ALREADY_IMPORTED
    assert stored() == before


def rendered_text() -> str:
    return render_report(sample_report())


def edited(old: str, new: str) -> str:
    """Return the rendered report with the first ``old`` replaced by ``new``."""
    text = rendered_text()
    assert old in text
    return text.replace(old, new, 1)


def test_an_unknown_municipality_names_table_row_and_field(catalog, write_report):
    path = write_report(edited("\tCUMPAS\t", "\tATLANTIDA\t"))
    with pytest.raises(DocumentError) as caught:
        cecop_report_import(path=path, actor=TEST_ACTOR)
    message = str(caught.value)
    assert "table 'drought_aid', row 5, field 'municipality'" in message
    assert "'ATLANTIDA'" in message
    assert stored() == NOTHING


BAD_INPUT = {
    "malformed-figure": (
        lambda: edited("19,934,628.64", "1,2a3.00"),
        "table 'tsam_by_subprogram', row 1, field 'total'",
    ),
    "negative-amount": (
        lambda: edited("19,934,628.64", "-19,934,628.64"),
        "table 'tsam_by_subprogram', row 1, field 'total': negative amount",
    ),
    "negative-count": (
        lambda: edited("\t61,383", "\t(61,383)"),
        "field 'beneficiaries': negative count",
    ),
    "truncated-table": (
        lambda: rendered_text()[: rendered_text().index("ALUMBRADO PÚBLICO\t22")],
        "table 'tsam_by_subprogram', row 5",
    ),
    "unrelated-file": (
        lambda: render(sample_forms()),
        "not a CECOP annual results report",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUT))
def test_bad_input_writes_nothing(catalog, write_report, case):
    text, expected = BAD_INPUT[case]
    with pytest.raises(DocumentError) as caught:
        cecop_report_import(path=write_report(text()), actor=TEST_ACTOR)
    assert expected in str(caught.value)
    assert stored() == NOTHING


def test_a_table_without_its_total_row_names_the_table(catalog, write_report):
    lines = rendered_text().split("\n")
    total = next(i for i, line in enumerate(lines) if line.startswith("Total\t612"))
    path = write_report("\n".join(lines[:total] + lines[total + 1 :]))
    with pytest.raises(DocumentError) as caught:
        cecop_report_import(path=path, actor=TEST_ACTOR)
    assert "table 'tsam_by_subprogram', row 14, field 'Total'" in str(caught.value)
    assert stored() == NOTHING


def test_a_missing_catalog_is_named_and_nothing_is_written(db, report_file):
    with pytest.raises(DocumentError, match="load-catalog"):
        cecop_report_import(path=report_file, actor=TEST_ACTOR)
    assert stored() == NOTHING


def test_a_user_without_capture_rights_for_the_agency_writes_nothing(
    catalog, report_file, make_user
):
    with pytest.raises(PermissionDenied):
        cecop_report_import(path=report_file, actor=make_user())
    assert stored() == NOTHING


def test_an_import_by_a_capture_user_of_the_agency_records_who(
    catalog, report_file, make_user
):
    user = make_user(Role.CAPTURE, agency=Agency.objects.get(code="sonora-cecop"))
    result = cecop_report_import(path=report_file, actor=user)
    assert result.document.imported_by == user
    event = Events.objects.across("sources.SourceDocumentEvent").get()
    assert event.pgh_context["user"] == user.pk


# ---------------------------------------------------------------- TMM-F004 forms


def test_scanned_forms_store_each_unit_once_with_its_goals(catalog, scanned_forms):
    result = poa_import(path=scanned_forms, actor=TEST_ACTOR)
    assert result.status == ImportStatus.IMPORTED
    found = {
        unit.executing_unit.code: sorted(unit.goals.values_list("number", flat=True))
        for unit in UnitProgram.objects.select_related("executing_unit")
    }
    assert found == {
        form.unit.code: [goal.number for goal in form.goals] for form in filed_forms()
    }
    # The CDHI form, which no copy prints a unit code for, is named instead.
    (unfiled,) = [form for form in sample_forms() if not form.unit.code]
    finding = DocumentFinding.objects.get(code="POA-UNIT-WITHOUT-CODE")
    assert (finding.severity, finding.values["unit"]) == ("error", unfiled.unit.name)


def test_scanned_forms_store_the_figures_as_rendered(catalog, scanned_forms):
    poa_import(path=scanned_forms, actor=TEST_ACTOR)
    for form in filed_forms():
        for rendered in form.goals:
            goal = Goal.objects.get(number=rendered.number)
            quarters = goal.quarters.order_by("quarter")
            assert [(q.programmed, q.achieved) for q in quarters] == list(
                rendered.quarters
            ), rendered.number
            assert goal.annual_target == rendered.target
    statuses = set(Goal.objects.values_list("status", flat=True))
    assert statuses <= {ValueStatus.VERIFIED, ValueStatus.RECONCILED}
