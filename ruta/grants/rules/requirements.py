"""The requirements to take part (§3.4, table "Criterios / Requisitos", 1–13).

Each requirement names what the organisation presents, whether missing it
blocks eligibility, and whether it can be cured (supplied or corrected
within the call's period for observations, §4.3) or is final. Where the
rules say the application "será anulada" / "quedará cancelada" /
"cancelación de su derecho a participar" (4, 5.2, 13) it is final; where
they accept a substitute (6.1 the proof of the CLUNI process, 12 a
commitment letter) or only a document is missing, it can be cured. The
bank account (11) is due only when the project is approved, so it does not
block eligibility; it blocks the first disbursement (§4.4).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from ruta.common.text.folding import fold


@dataclass(frozen=True)
class Requirement:
    """One requirement of §3.4: its number, what is presented, block and cure."""

    code: str
    document: str
    blocking: bool
    curable: bool
    when_approved: bool = False


REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("1", "Solicitud llenada en el sistema electrónico", True, False),
    Requirement(
        "2.1", "Constancia de situación fiscal (fines no lucrativos)", True, True
    ),
    Requirement(
        "2.2", "Opinión de cumplimiento positiva, de un mes o menos", True, True
    ),
    Requirement("3", "Aportación del 50 % desglosada por concepto", True, False),
    Requirement("4", "Al corriente en ejercicios anteriores del programa", True, False),
    Requirement("5.1", "Escrito bajo protesta de decir verdad", True, True),
    Requirement("5.2", "Carta protesta de conocer la normatividad", True, False),
    Requirement("6.1", "CLUNI o comprobante del trámite", True, True),
    Requirement("6.2", "Constancia de inscripción DNIAS (cuando aplique)", True, True),
    Requirement("7", "Acta constitutiva y última modificación inscrita", True, True),
    Requirement("8", "Acta protocolizada del representante legal", True, True),
    Requirement("9", "Cédula del RFC y comprobante de domicilio fiscal", True, True),
    Requirement("10.1", "Acta de asamblea que autoriza el proyecto", True, True),
    Requirement("10.2", "Calendario institucional firmado", True, True),
    Requirement("11.1", "Solicitud de alta de cuenta bancaria", False, True, True),
    Requirement("11.2", "Estado de cuenta con CLABE de 18 dígitos", False, True, True),
    Requirement("12", "Folio del Registro Estatal o carta compromiso", True, True),
    Requirement(
        "13", "Un solo coordinador operativo, con un solo proyecto", True, False
    ),
)
REQUIREMENTS_BY_CODE = {requirement.code: requirement for requirement in REQUIREMENTS}
# Documents uploaded with the application (1, 3, 4 and 13 are checked from
# the application's own data, not from an upload).
CHECKED_FROM_DATA = frozenset({"1", "3", "4", "13"})
UPLOADED = tuple(r for r in REQUIREMENTS if r.code not in CHECKED_FROM_DATA)


@dataclass(frozen=True)
class RequirementCheck:
    """The standing of one requirement for one application."""

    requirement: Requirement
    met: bool

    @property
    def blocks(self) -> bool:
        """Return whether this unmet requirement keeps the application ineligible."""
        return not self.met and self.requirement.blocking

    @property
    def final(self) -> bool:
        """Return whether it blocks and cannot be cured."""
        return self.blocks and not self.requirement.curable


def requirements_check(
    met: Collection[str], *, dnias_applies: bool = True
) -> list[RequirementCheck]:
    """Return each requirement of §3.4 with whether it is met.

    6.2 applies "cuando aplique": with ``dnias_applies`` false it counts as met.
    """
    checks = []
    for requirement in REQUIREMENTS:
        is_met = requirement.code in met or (
            requirement.code == "6.2" and not dnias_applies
        )
        checks.append(RequirementCheck(requirement, is_met))
    return checks


def is_eligible_by_requirements(checks: Collection[RequirementCheck]) -> bool:
    """Return whether no unmet requirement blocks eligibility (§3.4)."""
    return not any(check.blocks for check in checks)


def compliance_opinion_is_current(issued_on: date, submitted_on: date) -> bool:
    """Return whether the SAT opinion is at most one month old (§3.4 req. 2.2)."""
    return issued_on <= submitted_on <= add_months(issued_on, 1)


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved ``months`` later, kept inside the month it lands in."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: 28 fits every month


def coordinator_is_free(curp: str, active_curps: Collection[str]) -> bool:
    """Return whether the coordinator holds no other project (§3.4 req. 13)."""
    return curp.strip().upper() not in {c.strip().upper() for c in active_curps}


# ------------------------------------------- debts from earlier calls (req. 4)

# A report still owed: not delivered, or sent back and not answered.
REPORT_OWED = frozenset({"pending", "overdue", "observed"})
# A refund still owed: not paid (a proof sent awaits staff, so it is not).
REFUND_OWED = frozenset({"owed"})


@dataclass(frozen=True)
class OwedReport:
    """A report of an earlier call's agreement, as the debt rule reads it."""

    call_code: str
    call_year: int
    kind: str
    status: str
    due_on: date


@dataclass(frozen=True)
class OwedRefund:
    """A refund of an earlier call's agreement, as the debt rule reads it."""

    call_code: str
    call_year: int
    status: str
    due_on: date
    amount: str


@dataclass(frozen=True)
class Debt:
    """Why an organisation is not up to date with an earlier call (§3.4 req. 4)."""

    kind: str  # "report", "refund" or "recorded" (by staff, with evidence)
    call_code: str
    call_year: int
    due_on: date
    amount: str = ""
    what: str = ""


@dataclass(frozen=True)
class RecordedOwed:
    """A debt staff recorded with its evidence, as the debt rule reads it."""

    call_name: str
    call_year: int
    what: str
    recorded_on: date
    amount: str = ""
    settled: bool = False


def earlier_call_debts(
    reports: Collection[OwedReport],
    refunds: Collection[OwedRefund],
    *,
    call_year: int,
    today: date,
    recorded: Collection[RecordedOwed] = (),
) -> list[Debt]:
    """Return the debts from calls before ``call_year`` (§3.4 req. 4, §5).

    A report of an earlier call's agreement whose deadline (with any
    extension) has passed and that was not delivered or whose observations
    were not answered, and a refund (reintegro) due and not paid: each is a
    debt, and one is enough to leave requirement 4 unmet. So is a debt staff
    recorded with its evidence (``recorded``) while it is not settled.
    """
    debts = [
        Debt("report", r.call_code, r.call_year, r.due_on)
        for r in reports
        if r.call_year < call_year and r.status in REPORT_OWED and r.due_on < today
    ]
    debts += [
        Debt("refund", r.call_code, r.call_year, r.due_on, r.amount)
        for r in refunds
        if r.call_year < call_year and r.status in REFUND_OWED and r.due_on < today
    ]
    debts += [
        Debt("recorded", r.call_name, r.call_year, r.recorded_on, r.amount, r.what)
        for r in recorded
        if r.call_year < call_year and not r.settled
    ]
    return sorted(debts, key=lambda d: (d.call_year, d.due_on, d.kind))


# ------------------------------ no other current support (§3.6.2 a, §3.6.3 a)

# The schemes whose rules ask that the project hold no other current public
# support: a subsidy (§3.6.2 a, "para el mismo servicio") and a grant by
# project (§3.6.3 a, "para el mismo proyecto").
SINGLE_SUPPORT_SECTIONS = {"subsidy": "§3.6.2 a", "project_grant": "§3.6.3 a"}


@dataclass(frozen=True)
class CurrentSupport:
    """Another application of the organisation with an agreement in force."""

    call_code: str
    folio: int
    title: str
    amount: str = ""


@dataclass(frozen=True)
class KnownAid:
    """A social aid granted to the organisation (to its RFC) that the platform
    records: other public support the commission reads beside the
    declaration. An aid names no project, so it never refuses an application
    (``other_support_conflicts`` reads agreements only)."""

    folio: str
    concept: str
    amount: str
    granted_on: date


# Other support the platform knows of: an agreement in force or an aid.
KnownSupport = CurrentSupport | KnownAid
# How far back a granted aid counts as current support.
KNOWN_AID_MONTHS = 12


def known_aids_since(today: date) -> date:
    """Return the first day whose granted aids are current support on
    ``today``: those of the last ``KNOWN_AID_MONTHS`` months."""
    return add_months(today, -KNOWN_AID_MONTHS)


def project_key(title: str) -> str:
    """Return a project's title as compared: case, accents, spacing and
    punctuation aside ("Comedor  comunitario." is "comedor comunitario")."""
    words = "".join(c if c.isalnum() else " " for c in fold(title))
    return " ".join(words.split())


def other_support_conflicts(
    scheme: str, title: str, current: Collection[CurrentSupport]
) -> list[CurrentSupport]:
    """Return the agreements in force for the same project, when ``scheme``
    forbids another current public support; none for other schemes."""
    if scheme not in SINGLE_SUPPORT_SECTIONS:
        return []
    key = project_key(title)
    return [support for support in current if project_key(support.title) == key]


# ---------------------------- the applicant's own declaration of other support

# The most other supports one application declares, and the largest amount.
DECLARED_MOST = 5
DECLARED_AMOUNT_MOST = Decimal("1000000000.00")


@dataclass(frozen=True)
class SupportDeclared:
    """Another current public support the organisation declares for the project."""

    source: str
    amount: Decimal


def declared_support_problem(supports: Sequence[SupportDeclared]) -> str:
    """Return what is wrong with a declaration ("" when nothing): ``too_many``,
    ``source_missing``, ``source_too_long``, ``amount_not_positive`` or
    ``amount_too_large``."""
    if len(supports) > DECLARED_MOST:
        return "too_many"
    for support in supports:
        if not support.source.strip():
            return "source_missing"
        if len(support.source.strip()) > 250:
            return "source_too_long"
        if support.amount <= 0:
            return "amount_not_positive"
        if support.amount > DECLARED_AMOUNT_MOST:
            return "amount_too_large"
    return ""


@dataclass(frozen=True)
class SupportWarning:
    """What the commission reads beside the declaration: ``not_declared`` (the
    application predates it), ``declared_single`` (the scheme asks for no
    other current support for the same project), ``known_not_declared`` (an
    agreement in force the platform records that the declaration does not
    state) or ``declared_known`` (a declared support of the amount of an
    agreement in force the platform records: the same money, seen twice);
    ``aid_not_declared`` and ``declared_aid`` say the same of a social aid
    granted to the organisation."""

    code: str
    known: KnownSupport | None = None
    declared: SupportDeclared | None = None


def _same_amount(declared: SupportDeclared, known: KnownSupport) -> bool:
    try:
        return Decimal(known.amount) == declared.amount
    except InvalidOperation:
        return False


def declared_support_warnings(
    scheme: str,
    declared: Sequence[SupportDeclared] | None,
    known: Collection[KnownSupport],
) -> list[SupportWarning]:
    """Return the warnings on an application's declaration of other support.

    ``declared`` is ``None`` when the application holds no declaration, an
    empty list when it declared none. ``known`` are the organisation's other
    agreements in force on the platform (any project: a title may be written
    otherwise, so the commission reads them all) and the social aids granted
    to it lately; each kind has its own wording.
    """
    if declared is None:
        return [SupportWarning("not_declared")]
    warnings = []
    if declared and scheme in SINGLE_SUPPORT_SECTIONS:
        warnings.append(SupportWarning("declared_single"))
    matched: set[KnownSupport] = set()
    for support in declared:
        same = next(
            (k for k in known if k not in matched and _same_amount(support, k)), None
        )
        if same is not None:
            matched.add(same)
            code = "declared_aid" if isinstance(same, KnownAid) else "declared_known"
            warnings.append(SupportWarning(code, same, support))
    warnings.extend(
        SupportWarning(
            "aid_not_declared" if isinstance(k, KnownAid) else "known_not_declared", k
        )
        for k in known
        if k not in matched
    )
    return warnings


# ------------------------------- priority attention zones (§3.6.2 b, ZAP)

# A subsidy's project operates in a Zona de Atención Prioritaria (§3.6.2 b):
# rural ZAPs are whole municipalities, urban ZAPs are AGEBs (the census's
# basic geostatistical areas) of a municipality, as each year's decree
# lists them.
PRIORITY_ZONE_SECTION = "§3.6.2 b"
PRIORITY_ZONE_SCHEMES = frozenset({"subsidy"})


@dataclass(frozen=True)
class PriorityZones:
    """A decree's ZAPs as the rule reads them: its year, the municipalities
    that are rural ZAPs, and the urban AGEBs by municipality."""

    decree_year: int
    rural: frozenset[str]
    urban: frozenset[tuple[str, str]]

    def urban_in(self, municipality: str) -> bool:
        """Return whether ``municipality`` has any urban ZAP."""
        return any(code == municipality for code, _ageb in self.urban)


def priority_zone_standing(
    scheme: str, municipality: str, ageb: str, zones: PriorityZones | None
) -> str:
    """Return where a project stands against the ZAPs (§3.6.2 b).

    ``""``: the rule does not apply (another scheme) or no decree is
    imported; ``rural``: its municipality is a rural ZAP; ``urban``: its AGEB
    is an urban ZAP of its municipality; ``to_confirm``: its municipality
    has urban ZAPs and the project's AGEB is not known (staff confirm it);
    ``outside``: neither, or no municipality given — refused.
    """
    if scheme not in PRIORITY_ZONE_SCHEMES or zones is None:
        return ""
    if municipality in zones.rural:
        return "rural"
    ageb = ageb_normal(ageb)
    if ageb and (municipality, ageb) in zones.urban:
        return "urban"
    if not ageb and zones.urban_in(municipality):
        return "to_confirm"
    return "outside"


def ageb_normal(text: str) -> str:
    """Return an AGEB key as the decree prints it: four characters, the last
    a check digit or letter (``"0123"``, ``"066A"``); "" when not one."""
    key = text.strip().upper().replace("-", "")
    return key if len(key) == 4 and key[:3].isdigit() and key[3].isalnum() else ""
