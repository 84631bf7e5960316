"""Red flags: signs in the data worth a second look, each declared once.

A flag is never an accusation. Each kind says what it looks at, how to read
it (what innocent reasons there may be), the law or method it comes from and
the thresholds it takes, each a setting whose default says where it comes
from (``RUTA_FLAG_THRESHOLDS`` overrides them; ``thresholds_read`` bounds
every value). Each rule is a pure function over plain values: it returns the
figures that raised the flag (as text, the way a stored flag keeps them) or
``None``. The sentences are Spanish, marked with ``sentence`` for the
catalogue, and worded again in the page's language from the same figures.

``ruta.flags.services`` reads the data through the apps' selectors, asks
these rules and keeps what they raise at each open-data publish.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

# Read where the contractor's page reads it too.
from ruta.common.text.rfc import incorporation_date, is_person_rfc, rfc_compact
from ruta.sources.findings import sentence

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
Values = dict[str, str]


class Subject(StrEnum):
    """What a flag is about: the page it is shown on."""

    WORK = "work"
    CONTRACT = "contract"
    CONTRACTOR = "contractor"
    AGENCY = "agency"
    PROCESS = "process"


@dataclass(frozen=True)
class Threshold:
    """A setting of a rule: its default, its bounds and where the default comes from."""

    name: str
    default: Decimal
    least: Decimal
    most: Decimal
    unit: str
    source: str


@dataclass(frozen=True)
class FlagKind:
    """A kind of red flag: what it is, how to read it, its source and settings."""

    key: str
    subject: Subject
    title: str
    reading: str
    source: str
    words: str  # the sentence worded from a raised flag's figures
    thresholds: tuple[Threshold, ...] = ()


def _t(
    name: str, default: str, least: str, most: str, unit: str, source: str
) -> Threshold:
    return Threshold(
        name, Decimal(default), Decimal(least), Decimal(most), unit, source
    )


PLATFORM_DEFAULT = sentence(
    "Valor inicial de la plataforma, no de una ley: la instancia lo ajusta "
    "en RUTA_FLAG_THRESHOLDS y esta página muestra el que usa."
)

MODIFICATIONS = FlagKind(
    key="modificaciones",
    subject=Subject.WORK,
    title=sentence("Modificaciones por más del límite del monto o del plazo"),
    reading=sentence(
        "Los convenios modificatorios que, sumados, rebasan el porcentaje que "
        "la ley permite del monto o del plazo pactados requieren un convenio "
        "adicional autorizado y justificado. Puede haber razones técnicas "
        "legítimas (precios actualizados, metas adicionales): la señal invita "
        "a buscar ese convenio y su justificación."
    ),
    source=sentence(
        "Obras con recursos federales: Ley de Obras Públicas y Servicios "
        "Relacionados con las Mismas, artículo 59 (25 %). Obras con recursos "
        "del estado: la ley de obra pública del estado, su artículo y su "
        "porcentaje, que la instancia declara (RUTA_FLAG_STATE_WORKS_LAW)."
    ),
    words=sentence(
        "Las modificaciones suman %(share)s %% del %(measure)s pactado "
        "(%(changed)s de %(agreed)s); el límite es %(limit)s %% (%(law)s)."
    ),
    thresholds=(
        _t(
            "federal_percent",
            "25",
            "1",
            "100",
            "%",
            # A law's name is a proper name: the same in every language.
            "Ley de Obras Públicas y Servicios Relacionados con las Mismas, art. 59.",
        ),
    ),
)
RECENT_COMPANY = FlagKind(
    key="empresa-reciente",
    subject=Subject.CONTRACT,
    title=sentence("Empresa constituida poco antes del contrato"),
    reading=sentence(
        "Los seis dígitos del RFC de una persona moral son su fecha de "
        "constitución. Una empresa creada pocos meses antes de firmar un "
        "contrato de obra puede ser nueva y capaz; también puede carecer de "
        "la experiencia que la obra exige. Nunca se calcula para una persona "
        "física: sus dígitos son su fecha de nacimiento, un dato personal."
    ),
    source=sentence(
        "Código Fiscal de la Federación, art. 27 (el RFC y su clave); "
        "metodología de señales de riesgo en contrataciones abiertas "
        "(proveedor de reciente creación)."
    ),
    words=sentence(
        "El RFC %(rfc)s indica constitución el %(incorporated)s, %(months)s "
        "meses antes de la firma del contrato %(contract)s (%(signed)s); el "
        "umbral es %(limit)s meses."
    ),
    thresholds=(_t("months", "6", "1", "120", sentence("meses"), PLATFORM_DEFAULT),),
)
SPLIT = FlagKind(
    key="fraccionamiento",
    subject=Subject.WORK,
    title=sentence("Contratos que podrían ser una obra fraccionada"),
    reading=sentence(
        "Varios contratos a un mismo contratista, para una misma obra o "
        "localidad, firmados en pocos días y por el procedimiento de menor "
        "competencia, cuya suma rebasa el monto máximo de ese procedimiento. "
        "Puede haber etapas legítimas; la ley prohíbe fraccionar una obra "
        "para evitar la licitación."
    ),
    source=sentence(
        "Ley de Obras Públicas y Servicios Relacionados con las Mismas, art. "
        "43 (montos máximos del Presupuesto de Egresos; la obra no se "
        "fracciona para quedar en ellos)."
    ),
    words=sentence(
        "%(count)s contratos a %(contractor)s (%(contracts)s) firmados en "
        "%(days)s días por %(procedure)s suman %(total)s; el máximo de ese "
        "procedimiento es %(most)s."
    ),
    thresholds=(
        _t("days", "90", "1", "366", sentence("días"), PLATFORM_DEFAULT),
        _t(
            "direct_award_most",
            "1000000",
            "1",
            "1000000000",
            sentence("pesos"),
            sentence(
                "Valor de demostración: la instancia declara el monto máximo "
                "de adjudicación directa de su Presupuesto de Egresos."
            ),
        ),
        _t(
            "invitation_most",
            "5000000",
            "1",
            "1000000000",
            sentence("pesos"),
            sentence(
                "Valor de demostración: la instancia declara el monto máximo "
                "de invitación a cuando menos tres personas de su Presupuesto "
                "de Egresos."
            ),
        ),
    ),
)
OVERPAID = FlagKind(
    key="pagos-sobre-contrato",
    subject=Subject.CONTRACT,
    title=sentence("Pagos por encima del contrato"),
    reading=sentence(
        "Lo pagado rebasa el monto del contrato. Puede faltar registrar un "
        "convenio que lo amplió; si no existe, se pagó más de lo pactado."
    ),
    source=sentence(
        "Ley de Obras Públicas y Servicios Relacionados con las Mismas, arts. "
        "54 y 59 (se pagan estimaciones de trabajos ejecutados, dentro del "
        "monto pactado o del convenio que lo modifica)."
    ),
    words=sentence(
        "Se pagaron %(paid)s bajo el contrato %(contract)s de %(amount)s: %(over)s más."
    ),
)
PAID_AHEAD = FlagKind(
    key="pagado-sin-avance",
    subject=Subject.WORK,
    title=sentence("Pagada por completo con poco avance físico"),
    reading=sentence(
        "La obra aparece pagada por completo y su avance físico reportado está "
        "por debajo del umbral. Puede ser un anticipo, o un avance sin "
        "actualizar; también un pago de trabajos no ejecutados."
    ),
    source=sentence(
        "Ley de Obras Públicas y Servicios Relacionados con las Mismas, art. "
        "54 (se pagan estimaciones de trabajos ejecutados)."
    ),
    words=sentence(
        "Pagado %(paid)s de %(amount)s (%(paid_share)s %%) con avance físico "
        "de %(physical)s %%; el umbral es %(limit)s %%."
    ),
    thresholds=(_t("physical_percent", "80", "1", "100", "%", PLATFORM_DEFAULT),),
)
LATE_PAID = FlagKind(
    key="atrasada-con-pagos",
    subject=Subject.WORK,
    title=sentence("Atrasada después de su fecha de término, con pagos"),
    reading=sentence(
        "La obra sigue en curso después de la fecha de término y ya recibió "
        "pagos. Puede haber una prórroga sin registrar; si no, el contrato "
        "prevé penas por atraso."
    ),
    source=sentence(
        "Ley de Obras Públicas y Servicios Relacionados con las Mismas, art. "
        "46 Bis (penas convencionales por atraso)."
    ),
    words=sentence(
        "Debía terminar el %(end)s; %(days)s días después sigue en curso con "
        "%(paid)s pagados; el margen es %(limit)s días."
    ),
    thresholds=(_t("days", "30", "0", "3650", sentence("días"), PLATFORM_DEFAULT),),
)
SINGLE_BIDDER = FlagKind(
    key="un-solo-oferente",
    subject=Subject.PROCESS,
    title=sentence("Un solo oferente en un procedimiento competitivo"),
    reading=sentence(
        "El procedimiento estaba abierto a competencia y solo se presentó "
        "una propuesta. Puede ser una obra poco atractiva o muy "
        "especializada; también una convocatoria que pocos pudieron ver o "
        "cumplir."
    ),
    source=sentence(
        "Constitución, art. 134 (licitación pública para asegurar las mejores "
        "condiciones); Open Contracting Partnership, señales de riesgo con "
        "datos OCDS (una sola oferta recibida)."
    ),
    words=sentence("El proceso %(ocid)s (%(method)s) recibió %(tenderers)s propuesta."),
)
DIRECT_SHARE = FlagKind(
    key="adjudicacion-directa",
    subject=Subject.AGENCY,
    title=sentence("Adjudicaciones directas por encima del promedio del estado"),
    reading=sentence(
        "La parte de los contratos de la dependencia adjudicada sin "
        "concurso, por monto o por número, rebasa el promedio del estado por "
        "más del margen. Las excepciones a la licitación existen; muchas "
        "juntas merecen una mirada."
    ),
    source=sentence(
        "Constitución, art. 134, y Ley de Obras Públicas y Servicios "
        "Relacionados con las Mismas, arts. 27, 41 y 42 (la licitación es la "
        "regla, la adjudicación directa la excepción)."
    ),
    words=sentence(
        "%(agency)s adjudicó directamente %(share)s %% de sus contratos por "
        "%(measure)s (%(part)s de %(whole)s); el promedio del estado es "
        "%(state_share)s %% y el margen %(limit)s puntos."
    ),
    thresholds=(
        _t("points", "20", "1", "100", sentence("puntos"), PLATFORM_DEFAULT),
        _t(
            "least_contracts", "5", "1", "1000", sentence("contratos"), PLATFORM_DEFAULT
        ),
    ),
)
SAT_LISTED = FlagKind(
    key="sat-69b",
    subject=Subject.CONTRACTOR,
    title=sentence("Contratista en la lista del SAT del artículo 69-B"),
    reading=sentence(
        "El SAT publica a quienes presume o declara que emitieron facturas "
        "sin operaciones reales. Un contribuyente presunto puede desvirtuarlo; "
        "la señal muestra la situación y el oficio de la lista importada, con "
        "su fecha. Solo se cruzan RFC de personas morales."
    ),
    source=sentence(
        "Código Fiscal de la Federación, art. 69-B (listado de contribuyentes "
        "que simulan operaciones, publicado por el SAT)."
    ),
    words=sentence(
        "%(name)s (%(rfc)s) aparece como «%(situation)s» en la lista del SAT "
        "al %(list_date)s; oficio %(notice)s."
    ),
)

FLAG_KINDS: dict[str, FlagKind] = {
    kind.key: kind
    for kind in (
        MODIFICATIONS,
        RECENT_COMPANY,
        SPLIT,
        OVERPAID,
        PAID_AHEAD,
        LATE_PAID,
        SINGLE_BIDDER,
        DIRECT_SHARE,
        SAT_LISTED,
    )
}


class ThresholdError(ValueError):
    """A threshold setting names an unknown flag or setting, or is out of bounds."""


def thresholds_read(
    overrides: Mapping[str, Mapping[str, object]],
) -> dict[str, dict[str, Decimal]]:
    """Return every kind's thresholds: the defaults with ``overrides`` applied.

    Raise ``ThresholdError`` naming the flag and setting for an unknown name
    or a value outside its bounds.
    """
    values = {
        kind.key: {t.name: t.default for t in kind.thresholds}
        for kind in FLAG_KINDS.values()
    }
    for key, settings in overrides.items():
        kind = FLAG_KINDS.get(key)
        if kind is None:
            raise ThresholdError(f"RUTA_FLAG_THRESHOLDS: no flag {key!r}")
        declared = {t.name: t for t in kind.thresholds}
        for name, raw in settings.items():
            threshold = declared.get(name)
            if threshold is None:
                raise ThresholdError(
                    f"RUTA_FLAG_THRESHOLDS[{key!r}]: no setting {name!r}"
                )
            value = Decimal(str(raw))
            if not threshold.least <= value <= threshold.most:
                raise ThresholdError(
                    f"RUTA_FLAG_THRESHOLDS[{key!r}][{name!r}] = {value} is outside "
                    f"{threshold.least}..{threshold.most}"
                )
            values[key][name] = value
    return values


@dataclass(frozen=True)
class WorksLaw:
    """The law a work's modifications answer to: its name, article and limit."""

    name: str
    article: str
    percent: Decimal

    @property
    def citation(self) -> str:
        return f"{self.name}, art. {self.article}" if self.article else self.name


FEDERAL_WORKS_LAW = WorksLaw(
    "Ley de Obras Públicas y Servicios Relacionados con las Mismas", "59", Decimal(25)
)


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return (part * HUNDRED / whole).quantize(CENT)


# ------------------------------------------------------------ modifications


def modifications_exceed(
    *,
    agreed_amount: Decimal,
    increases: Sequence[Decimal],
    agreed_days: int | None,
    added_days: int,
    law: WorksLaw,
) -> Values | None:
    """Return the figures when the modifications together rebasan ``law``'s limit.

    ``increases`` are the approved ampliaciones of the amount (reductions
    are not counted); ``agreed_days`` the contracts' original term and
    ``added_days`` how much later they now end. Exactly at the limit raises
    nothing: the law speaks of rebasar.
    """
    changed = sum(increases, Decimal(0))
    if agreed_amount > 0 and changed * HUNDRED > law.percent * agreed_amount:
        return _modified(
            "amount",
            _share(changed, agreed_amount),
            _money(changed),
            _money(agreed_amount),
            law,
        )
    if agreed_days and added_days * HUNDRED > law.percent * agreed_days:
        share = _share(Decimal(added_days), Decimal(agreed_days))
        return _modified("term", share, str(added_days), str(agreed_days), law)
    return None


def _modified(
    measure: str, share: Decimal, changed: str, agreed: str, law: WorksLaw
) -> Values:
    return {
        "measure": measure,
        "share": str(share),
        "changed": changed,
        "agreed": agreed,
        "limit": str(law.percent),
        "law": law.citation,
    }


# ------------------------------------------------------------ recent company


def months_between(earlier: date, later: date) -> int:
    """Return the whole months from ``earlier`` to ``later``."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - 1 if later.day < earlier.day else months


def recent_company(
    *, rfc: str, contract: str, signed_on: date, months: Decimal
) -> Values | None:
    """Return the figures when a company was incorporated under ``months``
    before the contract was signed.

    Never for a natural person: their RFC's digits are a birth date.
    """
    incorporated = incorporation_date(rfc, not_after=signed_on)
    if incorporated is None:
        return None
    elapsed = months_between(incorporated, signed_on)
    if elapsed >= months:
        return None
    return {
        "rfc": rfc_compact(rfc),
        "incorporated": incorporated.isoformat(),
        "months": str(elapsed),
        "contract": contract,
        "signed": signed_on.isoformat(),
        "limit": str(months),
    }


# ------------------------------------------------------------ split contracts


@dataclass(frozen=True)
class SignedContract:
    """A contract as the split rule reads it."""

    number: str
    signed_on: date
    amount: Decimal
    procedure: str  # ProcurementProcedure values


# The procedures with a maximum amount, least competitive first, and the
# threshold that holds each one's maximum.
PROCEDURE_LIMITS = {
    "adjudicacion_directa": "direct_award_most",
    "invitacion_tres": "invitation_most",
}
PROCEDURE_NAMES = {
    "adjudicacion_directa": sentence("adjudicación directa"),
    "invitacion_tres": sentence("invitación a cuando menos tres personas"),
}


def split_contracts(
    contracts: Iterable[SignedContract],
    *,
    contractor: str,
    days: Decimal,
    limits: Mapping[str, Decimal],
) -> Values | None:
    """Return the figures of the largest run of one contractor's contracts
    (one work or locality) that looks split, or None.

    A run is two or more contracts signed within ``days`` of the first, each
    by a procedure with a maximum and within it, whose sum rebasa the
    maximum of the most competitive procedure among them.
    """
    eligible = sorted(
        (
            c
            for c in contracts
            if c.procedure in PROCEDURE_LIMITS and c.amount <= limits[c.procedure]
        ),
        key=lambda c: (c.signed_on, c.number),
    )
    best: Values | None = None
    for start, first in enumerate(eligible):
        run = [
            c for c in eligible[start:] if (c.signed_on - first.signed_on).days <= days
        ]
        if len(run) < 2:
            continue
        limit = max(limits[c.procedure] for c in run)
        total = sum((c.amount for c in run), Decimal(0))
        if total > limit and (best is None or len(run) > int(best["count"])):
            best = _split_values(run, contractor, total, limit, limits)
    return best


def _split_values(
    run: list[SignedContract],
    contractor: str,
    total: Decimal,
    limit: Decimal,
    limits: Mapping[str, Decimal],
) -> Values:
    procedure = max((c.procedure for c in run), key=lambda p: limits[p])
    return {
        "count": str(len(run)),
        "contractor": contractor,
        "contracts": ", ".join(c.number for c in run),
        "days": str((run[-1].signed_on - run[0].signed_on).days),
        "procedure": procedure,
        "total": _money(total),
        "most": _money(limit),
    }


# ------------------------------------------------------------ payments


def paid_over_contract(
    *, contract: str, amount: Decimal, paid: Decimal
) -> Values | None:
    """Return the figures when the payments under a contract exceed it."""
    if paid <= amount:
        return None
    return {
        "contract": contract,
        "amount": _money(amount),
        "paid": _money(paid),
        "over": _money(paid - amount),
    }


def paid_ahead_of_progress(
    *, amount: Decimal, paid: Decimal, physical: Decimal | None, percent: Decimal
) -> Values | None:
    """Return the figures when a work is paid in full with physical progress
    under ``percent``."""
    if amount <= 0 or paid < amount or physical is None or physical >= percent:
        return None
    return {
        "amount": _money(amount),
        "paid": _money(paid),
        "paid_share": str(_share(paid, amount)),
        "physical": str(physical),
        "limit": str(percent),
    }


def late_with_payments(
    *,
    status: str,
    end: date | None,
    today: date,
    paid: Decimal,
    days: Decimal,
    under_way: Iterable[str],
) -> Values | None:
    """Return the figures when a work under way is past its end date by more
    than ``days`` and has been paid something."""
    if end is None or status not in set(under_way) or paid <= 0:
        return None
    late = (today - end).days
    if late <= days:
        return None
    return {
        "end": end.isoformat(),
        "days": str(late),
        "paid": _money(paid),
        "limit": str(days),
    }


# ------------------------------------------------------------ bidders

# OCDS procurementMethod values open to competition.
COMPETITIVE_METHODS = frozenset({"open", "selective"})


def single_bidder(*, ocid: str, method: str, tenderers: int | None) -> Values | None:
    """Return the figures when a competitive process received one bid.

    ``tenderers`` is OCDS's ``tender.numberOfTenderers`` (or the bids
    counted); without it the rule says nothing.
    """
    if method not in COMPETITIVE_METHODS or tenderers != 1:
        return None
    return {"ocid": ocid, "method": method, "tenderers": "1"}


# ------------------------------------------------------------ direct awards


@dataclass(frozen=True)
class AwardTally:
    """An agency's (or the state's) contracts: all, and those awarded directly."""

    count: int = 0
    amount: Decimal = Decimal(0)
    direct_count: int = 0
    direct_amount: Decimal = Decimal(0)

    def plus(self, amount: Decimal, *, direct: bool) -> AwardTally:
        return AwardTally(
            self.count + 1,
            self.amount + amount,
            self.direct_count + int(direct),
            self.direct_amount + (amount if direct else Decimal(0)),
        )


def direct_award_share(
    *,
    agency: str,
    tally: AwardTally,
    state: AwardTally,
    points: Decimal,
    least_contracts: Decimal,
) -> Values | None:
    """Return the figures when an agency's direct-award share, by amount or
    by count, exceeds the state's by more than ``points``.

    Agencies with fewer than ``least_contracts`` contracts are not judged.
    """
    if tally.count < least_contracts or state.count == 0:
        return None
    measures = (
        (
            "amount",
            tally.direct_amount,
            tally.amount,
            state.direct_amount,
            state.amount,
            _money,
        ),
        (
            "count",
            Decimal(tally.direct_count),
            Decimal(tally.count),
            Decimal(state.direct_count),
            Decimal(state.count),
            str,
        ),
    )
    for measure, part, whole, state_part, state_whole, show in measures:
        if whole <= 0 or state_whole <= 0:
            continue
        share, state_share = _share(part, whole), _share(state_part, state_whole)
        # Compared unrounded: 50.001 % against 30 % is over 20 points.
        if part * HUNDRED / whole - state_part * HUNDRED / state_whole > points:
            shown = (
                (show(part), show(whole))
                if measure == "amount"
                else (str(int(part)), str(int(whole)))
            )
            return {
                "agency": agency,
                "measure": measure,
                "share": str(share),
                "part": shown[0],
                "whole": shown[1],
                "state_share": str(state_share),
                "limit": str(points),
            }
    return None


# ------------------------------------------------------------ SAT 69-B


class Situation(StrEnum):
    """A taxpayer's situation in the SAT's 69-B list."""

    PRESUMED = "presunto"
    DISPROVED = "desvirtuado"
    DEFINITIVE = "definitivo"
    FAVOURABLE = "sentencia_favorable"


# A presumed or definitive listing raises the flag; a taxpayer who disproved
# it or won in court is listed by the SAT as cleared.
RAISING_SITUATIONS = frozenset({Situation.PRESUMED, Situation.DEFINITIVE})


def sat_listed(
    *, rfc: str, name: str, situation: str, notice: str, list_date: date
) -> Values | None:
    """Return the figures when a company's RFC is listed presumed or definitive.

    A natural person's RFC is never matched: it stays private.
    """
    if is_person_rfc(rfc) or situation not in RAISING_SITUATIONS:
        return None
    return {
        "rfc": rfc_compact(rfc),
        "name": name,
        "situation": situation,
        "notice": notice,
        "list_date": list_date.isoformat(),
    }


def added_days(
    agreed_end: date | None, end: date | None, start: date | None
) -> tuple[int | None, int]:
    """Return a contract's agreed term in days and how many days it was extended."""
    if start is None or agreed_end is None or end is None:
        return None, 0
    return (agreed_end - start).days or None, max((end - agreed_end).days, 0)


# ------------------------------------------------------------ wording

# OCDS's procurementMethod codes the single-bidder rule reads.
METHOD_NAMES = {
    "open": sentence("licitación abierta"),
    "selective": sentence("procedimiento selectivo"),
}
MEASURE_NAMES = {
    "amount": sentence("monto"),
    "term": sentence("plazo"),
    "count": sentence("número"),
}
SITUATION_NAMES: dict[str, str] = {
    Situation.PRESUMED: sentence("presunto"),
    Situation.DISPROVED: sentence("desvirtuado"),
    Situation.DEFINITIVE: sentence("definitivo"),
    Situation.FAVOURABLE: sentence("sentencia favorable"),
}
DATE_VALUES = frozenset({"incorporated", "signed", "end", "list_date"})
MONEY_VALUES = frozenset({"total", "most", "amount", "paid", "over"})
# Money when the flag measured an amount; days or a count otherwise.
MEASURED_VALUES = frozenset({"changed", "agreed", "part", "whole"})


def worded(
    key: str,
    values: Mapping[str, str],
    say: Callable[[str], str],
    *,
    day: Callable[[str], str],
    money: Callable[[str], str],
) -> str:
    """Return a raised flag's sentence, its figures shown as the reader reads them.

    ``say`` translates (``gettext`` on pages); ``day`` and ``money`` show an
    ISO date and an amount. Codes (a procedure, a situation, a measure) are
    worded by their names.
    """
    shown = {
        name: _shown(name, value, values, say, day, money)
        for name, value in values.items()
    }
    return say(FLAG_KINDS[key].words) % shown


def _shown(
    name: str,
    value: str,
    values: Mapping[str, str],
    say: Callable[[str], str],
    day: Callable[[str], str],
    money: Callable[[str], str],
) -> str:
    if name in DATE_VALUES:
        return day(value)
    if name in MONEY_VALUES or (
        name in MEASURED_VALUES and values.get("measure") == "amount"
    ):
        return money(value)
    if name in MEASURED_VALUES and values.get("measure") == "term":
        return say(sentence("%(days)s días")) % {"days": value}
    names: dict[str, Mapping[str, str]] = {
        "method": METHOD_NAMES,
        "procedure": PROCEDURE_NAMES,
        "situation": SITUATION_NAMES,
        "measure": MEASURE_NAMES,
    }
    named = names.get(name, {}).get(value)
    return say(named) if named else value
