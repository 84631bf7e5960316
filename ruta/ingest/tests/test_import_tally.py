"""Every import accounts for what it read: stored, refused, identical or superseded.

The stored part is counted in the database after writing, so a unit lost
between the reader and the table (an index that swallows a row, a write that
skips one) shows as missing: the import is kept, its summary fails.
"""

from __future__ import annotations

import json
from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ruta.demo.published import DATA, OCDS_SAMPLES
from ruta.ingest.loaders import ocds as ocds_loader
from ruta.ingest.loaders.ocds import ocds_paths
from ruta.ingest.models import ImportJob, JobStatus
from ruta.sources.models import SourceDocument
from ruta.sources.records import Tally
from ruta.works.models import ContractingRelease


def test_a_tally_balances_only_when_its_parts_add_up_to_what_was_read():
    whole = Tally("releases", read=10, stored=7, refused=1, identical=2)
    assert whole.balanced
    assert whole.missing == 0
    assert whole.summary_line() == (
        "10 releases read = 7 stored + 1 refused + 2 identical"
    )
    short = replace(whole, stored=6)
    assert not short.balanced
    assert short.missing == 1
    assert short.summary_line().endswith(": 1 not accounted for")
    twice = replace(whole, stored=8)
    assert twice.missing == -1
    assert twice.summary_line().endswith(": 1 counted twice")


def test_a_job_whose_counts_do_not_add_up_says_so_first():
    tally = Tally("rows", read=5, stored=3, refused=1).as_dict()
    job = ImportJob(status=JobStatus.SUCCEEDED, result={"tally": tally})
    assert job.unaccounted
    assert job.counts_text.startswith("Las cuentas no cuadran: 5 leídos: 3 guardados")
    assert "1 sin explicar" in job.counts_text


def _dropping_the_last_release(real):
    """Return ``contracting_store`` as a bug that loses one release would be."""

    def store(*, changes, **kwargs):
        first, *rest = changes
        lost = replace(first, releases=first.releases[:-1])
        return real(changes=[lost, *rest], **kwargs)

    return store


@pytest.mark.django_db
def test_an_import_that_loses_a_release_is_kept_but_its_summary_fails(
    catalog, monkeypatch
):
    path = ocds_paths(DATA / OCDS_SAMPLES)[0]
    monkeypatch.setattr(
        ocds_loader,
        "contracting_store",
        _dropping_the_last_release(ocds_loader.contracting_store),
    )
    out = StringIO()
    with pytest.raises(CommandError, match="counts do not add up") as failed:
        call_command("ingest", "ocds", str(path), "--json", stdout=out)
    assert failed.value.returncode == 3
    outcome = json.loads(out.getvalue())["import"]
    assert outcome["status"] == "imported"
    assert outcome["tally"]["missing"] == 1
    assert not outcome["tally"]["balanced"]
    document = SourceDocument.objects.get(sha256=outcome["sha256"])
    assert (
        ContractingRelease.objects.filter(document=document).count()
        == (outcome["tally"]["stored"])
    )


@pytest.mark.django_db
def test_an_import_that_keeps_everything_prints_its_counts(catalog):
    path = ocds_paths(DATA / OCDS_SAMPLES)[0]
    out = StringIO()
    call_command("ingest", "ocds", str(path), stdout=out)
    assert "Counts (accounted): " in out.getvalue()
