"""The POA payload: the reader's forms as the programs domain takes them."""

import json
from decimal import Decimal
from functools import cache
from typing import Any

from ruta.ingest.loaders.poa_payload import Payload, payload_json, poa_payload
from ruta.ingest.poa import (
    Reading,
    ReconciledForm,
    check_document,
    forms_as_json,
    read_copies,
    reconcile_copies,
)
from testkit.seeds import MEXICALI_POA_2023_Q4, seed_path


@cache
def seed() -> tuple[tuple[ReconciledForm, ...], Payload]:
    text = seed_path(MEXICALI_POA_2023_Q4).read_text(encoding="utf-8")
    copies = read_copies(text, source_name=MEXICALI_POA_2023_Q4)
    forms = tuple(reconcile_copies(copies))
    findings = check_document(copies, forms)
    return forms, poa_payload(forms, findings, name="poa.txt", sha256="0" * 64)


def as_read(reading: Reading[Any]) -> dict[str, Any]:
    """Return what the reader says of a value, in the stored reading's terms."""

    def alternatives(items):
        return [
            {
                "value": json.loads(json.dumps(a.value, default=str)),
                "sources": [[s.copy, s.line] for s in a.sources],
                "note": a.note,
            }
            for a in items
        ]

    return {
        "status": str(reading.status),
        "reason": reading.reason,
        "rule": reading.rule,
        "sources": [[s.copy, s.line] for s in reading.sources],
        "candidates": alternatives(reading.candidates),
        "discarded": alternatives(reading.discarded),
    }


def test_every_goal_value_keeps_how_the_reader_read_it():
    forms, payload = seed()
    for form, printed in zip(forms, payload.forms, strict=True):
        for goal, printed_goal in zip(form.goals, printed.goals, strict=True):
            stored = printed_goal.readings()
            for field, reading in stored.items():
                assert reading == {
                    "value": reading["value"],
                    **as_read(getattr(goal, field)),
                }
            cells = zip(goal.quarters, printed_goal.quarters, strict=True)
            for quarter, printed_quarter in cells:
                readings = printed_quarter.readings()
                assert readings["achieved"] == {
                    "value": quarter.achieved.value,
                    **as_read(quarter.achieved),
                }
                assert readings["programmed"]["status"] == quarter.programmed.status


def test_header_values_are_stored_as_printed():
    forms, payload = seed()
    form, printed = forms[0], payload.forms[0]
    readings = printed.readings()
    assert readings["period"] == {"value": "OCTUBRE-DICIEMBRE 2023"} | as_read(
        form.period
    )
    assert readings["ramo.code"]["value"] == "54"
    assert readings["persons.ramo"] == {
        "value": "ALMA LAURA RUIZ LOPEZ",
        **as_read(form.persons.ramo),
    }
    eje_codes = [readings[f"ejes.{i}.code"]["value"] for i in range(len(form.ejes))]
    assert eje_codes == [eje.code.value for eje in form.ejes]
    goal_101 = printed.goals[1].readings()
    assert goal_101["relative_pct"]["value"] == "275"
    assert goal_101["lines_of_action"]["value"] == ["2.4.1", "2.6.1", "3.3.1"]


def test_the_printed_json_says_what_the_readers_own_json_says():
    forms, payload = seed()
    printed = json.loads(json.dumps(payload_json(payload)))
    own = forms_as_json(forms, payload.findings)
    assert printed["findings"] == own["findings"]
    for printed_form, own_form in zip(printed["forms"], own["forms"], strict=True):
        assert printed_form["period_detail"] == own_form["period"]
        assert printed_form["period"] == own_form["period"]["label"]
        for field in ("ramo", "program", "executing_unit"):
            assert printed_form[field] == own_form[field]["code"]
            entry = printed_form["structure"][field]
            assert {key: entry[key] for key in own_form[field]} == own_form[field]
        goals = zip(printed_form["goals"], own_form["goals"], strict=True)
        for printed_goal, own_goal in goals:
            relative = own_goal.pop("relative_pct")
            quarters = own_goal.pop("quarters")
            assert {key: printed_goal[key] for key in own_goal} == own_goal
            assert [
                {key: cells[key] for key in ("label", "programmed", "achieved")}
                for cells in printed_goal["quarters"]
            ] == quarters
            assert Decimal(str(printed_goal["relative_pct"])) == Decimal(relative)
