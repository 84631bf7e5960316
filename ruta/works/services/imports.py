"""Works imported in bulk from a published file, with every file's figures kept.

The loader streams the file's rows into the document's stage
(``ruta.sources.staging``), each with an ``ImportedWork`` as its record;
``works_import_staged`` then writes, in set-based statements inside the
import's transaction:

- the executing units the file names (catalog agencies, once);
- one work per key, from the row of the key the file holds as current; a
  work already imported takes the file's values only when the file speaks
  for a date at or after the one its values come from (``Work.as_of``), so
  an earlier file imported later is kept as history and changes nothing
  current;
- its funding rows, replaced when its values are;
- a ``WorkPublication`` per work and file: every published value with its
  file and date.

The audit triggers fire once per statement and write one event per row
changed (``PGHISTORY_LEVEL``); the deferred checks (funding adds up) run per
work at commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from ruta.accounts.actors import Actor, audited, service
from ruta.accounts.permissions import Action, require_anywhere
from ruta.catalog.models import Agency, AgencyKind
from ruta.sources.models import SourceDocument, StagedRow
from ruta.works.models import (
    Funding,
    Subprogram,
    Work,
    WorkOrigin,
    WorkPublication,
    WorksDelivery,
    WorksProgram,
    WorkStatus,
)


@dataclass(frozen=True)
class FundingShare:
    """One funding row of an imported work."""

    source: str
    amount: Decimal
    fund: str = ""


@dataclass(frozen=True)
class ImportedWork:
    """A work as a file publishes it: current values and the figures printed."""

    public_id: str
    title: str
    agency: str  # catalog code of the executing agency or unit
    subprogram: str
    total_investment: Decimal
    funding: tuple[FundingShare, ...]
    rank: int  # among rows of one key, the highest is current
    status: str = WorkStatus.APPROVED
    description: str = ""
    locality: str = ""
    state: str = ""
    municipality: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    start: date | None = None
    end: date | None = None
    year: int | None = None
    approved: Decimal | None = None
    modified: Decimal | None = None
    paid: Decimal | None = None
    total_printed: Decimal | None = None
    physical_progress: Decimal | None = None
    sources_printed: dict[str, Decimal] = field(default_factory=dict)
    status_printed: str = ""
    # The official the file names: personal data, kept only on the publication.
    official_name: str = ""
    official_position: str = ""
    official_email: str = ""
    official_phone: str = ""

    def as_record(self) -> dict[str, Any]:
        """Return the work as the JSON the stage keeps.

        Built field by field rather than with ``dataclasses.asdict``, which
        deep-copies every value: this runs once per row of a bulk import.
        """
        record = {name: getattr(self, name) for name in _IMPORTED_FIELDS}
        record["funding"] = [
            {"source": share.source, "fund": share.fund, "amount": share.amount}
            for share in self.funding
        ]
        return record


_IMPORTED_FIELDS = tuple(f.name for f in fields(ImportedWork) if f.name != "funding")


@dataclass(frozen=True)
class ExecutingUnit:
    """An agency or unit a file names, created in the catalog if new."""

    code: str
    name: str
    kind: str = AgencyKind.UNIDAD
    official_code: str = ""
    acronym: str = ""
    parent: str = ""


@dataclass(frozen=True)
class ProgramDefinition:
    """The works program (and its one subprogram) imported works belong to."""

    code: str
    name: str
    acronym: str
    agency: str
    description: str
    subprogram_code: str
    subprogram_name: str


@dataclass(frozen=True)
class WorksImportCounts:
    """What ``works_import_staged`` wrote."""

    works_created: int
    works_current: int  # created or given this file's values
    works_kept_earlier: int  # a later file's values stay current
    publications: int
    units_created: int
    refused: tuple[str, ...] = ()  # public ids held by works not from files


@service
def executing_units_ensure(*, units: Sequence[ExecutingUnit], actor: Actor) -> int:
    """Create the units not yet in the catalog, parents first; return how many."""
    require_anywhere(actor, Action.CAPTURE)
    known = set(
        Agency.objects.filter(code__in=[u.code for u in units]).values_list(
            "code", flat=True
        )
    )
    created = 0
    for depth in (False, True):
        for unit in units:
            if unit.code in known or bool(unit.parent) != depth:
                continue
            parent = Agency.objects.get(code=unit.parent) if unit.parent else None
            Agency.objects.create(
                code=unit.code,
                name=unit.name[:250],
                kind=unit.kind,
                official_code=unit.official_code[:20],
                acronym=unit.acronym[:30],
                parent=parent,
            )
            known.add(unit.code)
            created += 1
    return created


@service
def program_ensure(*, definition: ProgramDefinition, actor: Actor) -> WorksProgram:
    """Return the program of ``definition``, created with its subprogram if new."""
    require_anywhere(actor, Action.CAPTURE)
    program, _ = WorksProgram.objects.get_or_create(
        code=definition.code,
        defaults={
            "name": definition.name,
            "acronym": definition.acronym,
            "agency": Agency.objects.get(code=definition.agency),
            "description": definition.description,
            "delivery": WorksDelivery.DIRECT,
            "committee_required": False,
        },
    )
    last = Subprogram.objects.aggregate(last=Max("position"))["last"] or 0
    Subprogram.objects.get_or_create(
        code=definition.subprogram_code,
        defaults={"name": definition.subprogram_name, "position": last + 1},
    )
    return program


_CURRENT = f"""
    SELECT DISTINCT ON (record->>'public_id') record, row_number
    FROM {StagedRow._meta.db_table}
    WHERE document_id = %(document)s AND record IS NOT NULL
    ORDER BY record->>'public_id', (record->>'rank')::int DESC, row_number
"""  # noqa: S608

_FOREIGN = f"""
    SELECT w.public_id FROM {Work._meta.db_table} w
    JOIN ({_CURRENT}) s ON s.record->>'public_id' = w.public_id
    WHERE w.origin <> %(origin)s
"""  # noqa: S608

_UPSERT = f"""
    WITH current AS ({_CURRENT})
    INSERT INTO {Work._meta.db_table} AS w (
        public_id, fiscal_year_id, program_id, subprogram_id, executing_agency_id,
        municipality_id, state_id, locality, title, description, latitude,
        longitude, beneficiaries, total_investment, start_date, end_date, status,
        published_at, is_demo, origin, as_of, created, updated)
    SELECT record->>'public_id',
        COALESCE((SELECT year FROM catalog_fiscalyear
                  WHERE year = (record->>'year')::int), %(year)s),
        %(program)s, sp.id, a.id, NULLIF(record->>'municipality', ''),
        NULLIF(record->>'state', ''), left(record->>'locality', 200),
        left(record->>'title', 400), record->>'description',
        (record->>'latitude')::numeric, (record->>'longitude')::numeric, 0,
        (record->>'total_investment')::numeric, (record->>'start')::date,
        (record->>'end')::date, record->>'status', %(now)s, false, %(origin)s,
        %(as_of)s, %(now)s, %(now)s
    FROM current
    JOIN catalog_agency a ON a.code = record->>'agency'
    JOIN {Subprogram._meta.db_table} sp ON sp.code = record->>'subprogram'
    WHERE record->>'public_id' <> ALL(%(refused)s)
    ON CONFLICT (public_id) DO UPDATE SET
        fiscal_year_id = EXCLUDED.fiscal_year_id,
        executing_agency_id = EXCLUDED.executing_agency_id,
        subprogram_id = EXCLUDED.subprogram_id,
        municipality_id = EXCLUDED.municipality_id, state_id = EXCLUDED.state_id,
        locality = EXCLUDED.locality, title = EXCLUDED.title,
        description = EXCLUDED.description, latitude = EXCLUDED.latitude,
        longitude = EXCLUDED.longitude,
        total_investment = EXCLUDED.total_investment,
        start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date,
        status = EXCLUDED.status, as_of = EXCLUDED.as_of, updated = EXCLUDED.updated
    WHERE w.origin = EXCLUDED.origin
      AND (w.as_of IS NULL OR w.as_of <= EXCLUDED.as_of)
    RETURNING w.id, (xmax = 0) AS created
"""  # noqa: S608

_FUNDING_CLEAR = f"""
    DELETE FROM {Funding._meta.db_table}
    WHERE work_id IN (SELECT unnest(%(written)s::bigint[]))
"""  # noqa: S608

_FUNDING = f"""
    WITH current AS ({_CURRENT})
    INSERT INTO {Funding._meta.db_table} (work_id, source, fund, amount)
    SELECT w.id, share.source, share.fund, share.amount
    FROM current
    JOIN {Work._meta.db_table} w ON w.public_id = record->>'public_id'
    CROSS JOIN LATERAL jsonb_to_recordset(record->'funding')
        AS share(source text, fund text, amount numeric)
    WHERE w.id IN (SELECT unnest(%(written)s::bigint[]))
"""  # noqa: S608

_KEPT_EARLIER = f"""
    SELECT count(*) FROM ({_CURRENT}) c
    JOIN {Work._meta.db_table} w ON w.public_id = c.record->>'public_id'
    WHERE w.origin = %(origin)s AND w.as_of > %(as_of)s
"""  # noqa: S608

_PUBLICATIONS = f"""
    WITH current AS ({_CURRENT})
    INSERT INTO {WorkPublication._meta.db_table} (
        work_id, document_id, row_number, as_of, title, approved, modified, paid,
        total_investment, physical_progress, sources, status_printed,
        official_name, official_position, official_email, official_phone)
    SELECT w.id, %(document)s, row_number, %(as_of)s, left(record->>'title', 400),
        (record->>'approved')::numeric, (record->>'modified')::numeric,
        (record->>'paid')::numeric, (record->>'total_printed')::numeric,
        (record->>'physical_progress')::numeric, record->'sources_printed',
        left(record->>'status_printed', 120), left(record->>'official_name', 200),
        left(record->>'official_position', 300),
        left(record->>'official_email', 254), left(record->>'official_phone', 60)
    FROM current
    JOIN {Work._meta.db_table} w
      ON w.public_id = record->>'public_id' AND w.origin = %(origin)s
    ON CONFLICT (work_id, document_id) DO NOTHING
"""  # noqa: S608


@transaction.atomic
def works_import_staged(
    *,
    document: SourceDocument,
    program: WorksProgram,
    origin: WorkOrigin,
    as_of: date,
    actor: Actor,
) -> WorksImportCounts:
    """Write the works staged for ``document``; see the module's docstring."""
    require_anywhere(actor, Action.CAPTURE)
    params: dict[str, Any] = {
        "document": document.pk,
        "origin": str(origin),
        "as_of": as_of,
        "year": as_of.year,
        "program": program.pk,
        "now": timezone.now(),
    }
    with (
        audited(actor, "works_import", document=document.sha256),
        connection.cursor() as cursor,
    ):
        cursor.execute(_FOREIGN, params)
        refused = tuple(sorted(row[0] for row in cursor.fetchall()))
        params["refused"] = list(refused) or [""]
        cursor.execute(_UPSERT, params)
        written = cursor.fetchall()
        params["written"] = [work_id for work_id, _ in written]
        cursor.execute(_FUNDING_CLEAR, params)
        cursor.execute(_FUNDING, params)
        cursor.execute(_PUBLICATIONS, params)
        publications = cursor.rowcount
        cursor.execute(_KEPT_EARLIER, params)
        kept_earlier = cursor.fetchone()[0]
        cursor.execute(f"SELECT count(*) FROM ({_CURRENT}) c", params)  # noqa: S608
        staged = cursor.fetchone()[0]
    if staged != len(written) + kept_earlier + len(refused):
        # A staged work whose agency or subprogram is missing would vanish
        # from the joins: the loader ensures both, so this is a bug.
        raise RuntimeError(
            f"{staged} works staged but {len(written)} written, {kept_earlier} "
            f"kept and {len(refused)} refused"
        )
    return WorksImportCounts(
        works_created=sum(1 for _, is_new in written if is_new),
        works_current=len(written),
        works_kept_earlier=kept_earlier,
        publications=publications,
        units_created=0,
        refused=refused,
    )
