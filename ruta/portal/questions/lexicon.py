"""The words a question is made of, besides the names the data holds.

Pure and folded (lower case, no accents). Each word has one role: it says
what is asked (a measure), about what (a subject), narrows it (a phase or a
status), or carries no meaning of its own (grammar and courtesy). A word
that is in none of these and names nothing in the data is not understood,
and the box says so instead of guessing (``parse``).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    """What a word of the question does."""

    FILLER = "filler"  # grammar, courtesy: read, carries nothing
    HOW_MUCH = "how_much"  # "cuánto": money, or progress with "avance"
    COUNT = "count"  # "cuántas", "número de"
    LIST = "list"  # "qué obras", "cuáles", "lista"
    MONEY = "money"  # "dinero", "invirtió", "monto"
    WHO = "who"  # "quién construyó", "contratista"
    PROGRESS = "progress"  # "avance", "cómo va"
    PAYMENTS = "payments"  # "pagos", "pagado", "contratos"
    BY_PLACE = "by_place"  # "por municipio", "cada municipio"
    WORKS = "works"
    COMMITTEES = "committees"
    CALLS = "calls"
    ORGANIZATIONS = "organizations"
    GRANTS = "grants"
    COMMITMENTS = "commitments"
    GOALS = "goals"
    INDICATORS = "indicators"
    QUARTER = "quarter"
    WHY = "why"  # "por qué": reasons are not in the data
    # The budget ("presupuesto"): its moments are the budget statements'
    # figures, never a works' money group (ruta.common.glossary).
    BUDGET = "budget"
    CONTRIBUTION = "contribution"  # "aportó": a funding party's share
    WORK_NOUN = "work_noun"  # "obra" before a folio: says which thing, no more


def _each(role: Role, *phrases: str) -> dict[str, Role]:
    return dict.fromkeys(phrases, role)


def _words(text: str) -> list[str]:
    """Return the words of ``text``: lists of single words, written as prose."""
    return text.split()


# Phrases (folded words, single spaces) and the role each plays. Longer
# phrases win over the words inside them ("como va" over "como").
WORDS: dict[str, Role] = {
    **_each(
        Role.FILLER,
        *_words(
            "a al ante con de del desde e el en entre es esta estan este estos "
            "estas fue fueron ha han hasta hay hubo la las le les lo los me mi nos "
            "o para por que se segun son su sus tiene tienen tenia tuvo u un una "
            "unos unas y ya cual cuales como donde cuando actual actualmente ahora "
            "hoy total totales favor puedes podrias puede decir dime digame saber "
            "quiero quisiera gustaria informacion dato datos acerca respecto sobre "
            "ano anio ejercicio fiscal durante periodo municipio ciudad estado "
            "gobierno publica publicas publicada publicadas publicado publicados "
            "registrada registradas registrado registrados hicieron hizo hacen hace "
            "existen existe cuenta cuentan llevan lleva va van sido fue tiene hay "
            "programa subprograma rubro tipo"
        ),
        "por favor",
        "me puedes decir",
        "me podrias decir",
        "quiero saber",
        "quisiera saber",
        "me gustaria saber",
        "de la",
        "de los",
        "de las",
    ),
    **_each(Role.HOW_MUCH, "cuanto", "cuanta"),
    **_each(
        Role.COUNT, "cuantos", "cuantas", "numero", "numero de", "cantidad", "conteo"
    ),
    **_each(
        Role.LIST, "lista", "listado", "muestrame", "muestra", "enlista", "nombres"
    ),
    **_each(
        Role.MONEY,
        *_words(
            "dinero monto montos pesos inversion inversiones invertido invertidos "
            "invertida invirtio invirtieron invierte gasto gastos gastado gastaron "
            "recursos importe destino destinaron destinado destinados costo "
            "costaron cuesta cuestan recibio recibieron recibido otorgo otorgaron "
            "otorgado otorgados asignado asignados asignaron"
        ),
    ),
    **_each(
        Role.WHO,
        "quien",
        "quienes",
        "construyo",
        "construye",
        "contratista",
        "empresa",
        "constructora",
        "ejecuto",
        "ejecuta",
        "quien la construyo",
        "quien construyo",
        "quien hizo",
        "quien hace",
    ),
    **_each(
        Role.PROGRESS,
        "avance",
        "avances",
        "progreso",
        "como va",
        "como van",
        "porcentaje de avance",
        "avance fisico",
        "cumplimiento",
        *_words("logro logrado logrados lograron alcanzo alcanzado alcanzaron"),
    ),
    **_each(
        Role.PAYMENTS, "pago", "pagos", "pagado", "pagaron", "contrato", "contratos"
    ),
    **_each(
        Role.BY_PLACE,
        "por municipio",
        "por municipios",
        "cada municipio",
        "en cada municipio",
    ),
    **_each(Role.WORKS, "obra", "obras", "proyecto", "proyectos", "obra publica"),
    **_each(
        Role.COMMITTEES,
        "comite",
        "comites",
        "contraloria social",
        "comites de contraloria social",
        "comites ciudadanos",
        "comites de obra",
    ),
    **_each(Role.CALLS, "convocatoria", "convocatorias"),
    **_each(
        Role.ORGANIZATIONS,
        "organizacion",
        "organizaciones",
        "osc",
        "asociacion",
        "asociaciones",
        "organizaciones de la sociedad civil",
        "organizacion de la sociedad civil",
        "organizaciones civiles",
    ),
    **_each(
        Role.GRANTS,
        *_words(
            "apoyo apoyos apoyada apoyadas apoyado apoyados subsidio subsidios "
            "donativo donativos"
        ),
    ),
    **_each(Role.COMMITMENTS, "compromiso", "compromisos"),
    **_each(Role.GOALS, "meta", "metas", "meta del poa", "metas del poa", "poa"),
    **_each(Role.INDICATORS, "indicador", "indicadores", "semaforo"),
    **_each(Role.QUARTER, "trimestre"),
    **_each(Role.WHY, "por que", "porque", "para que", "por cual razon", "razon"),
    **_each(
        Role.BUDGET,
        "presupuesto",
        "presupuestos",
        "presupuestal",
        "presupuesto de egresos",
    ),
    **_each(
        Role.CONTRIBUTION,
        *_words(
            "aporto aportaron aporta aportan aporte aportes aportacion "
            "aportaciones aportado aportada puso pusieron contribuyo "
            "contribuyeron contribucion"
        ),
    ),
}

# The budget's moments as people say them (``ruta.common.glossary.BudgetMoment``).
# "Ejercido" is what the federal works lists print for the paid moment.
MOMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "aprobado aprobados aprobada aprobo aprobaron autorizado autorizados "
            "autorizada autorizo autorizaron"
        ),
        "approved",
    ),
    **dict.fromkeys(_words("modificado modificados modificada"), "modified"),
    **dict.fromkeys(_words("devengado devengados devengada"), "accrued"),
    **dict.fromkeys(_words("ejercido ejercidos ejercio ejercieron"), "paid"),
    "presupuesto pagado": "paid",
    "subejercicio": "balance",
}

# Who put money into works, as the funding lines name them (``FundingSource``).
PARTY_WORDS: dict[str, str] = {
    **dict.fromkeys(_words("municipio municipal municipios"), "municipality"),
    **dict.fromkeys(_words("estado estatal"), "state"),
    **dict.fromkeys(_words("comunidad comunidades beneficiarios vecinos"), "community"),
    **dict.fromkeys(_words("federacion federal"), "federal"),
}

# Words that narrow works by where their money stands (their phase) rather
# than filter them: the answer leads with that phase and still gives the others.
PHASE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "liberado liberados liberada liberadas liberaron "
            "realizada realizadas realizaron realizado realizados"
        ),
        "invested",
    ),
    **dict.fromkeys(
        [
            "aprobado sin liberar",
            "aprobados sin liberar",
            "autorizado sin liberar",
            "sin liberar",
            "por liberar",
            "pendiente de liberar",
            "pendientes de liberar",
        ],
        "pending_release",
    ),
    **dict.fromkeys(
        ["cancelada", "canceladas", "cancelado", "cancelados", "cancelaron"],
        "cancelled",
    ),
    **dict.fromkeys(["propuesta", "propuestas", "propuesto", "propuestos"], "proposed"),
}

# A work's status, as people say it (works are "ellas": terminadas, en proceso).
STATUS_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "terminada terminadas terminado terminados terminaron concluida "
            "concluidas concluyeron finalizada finalizadas"
        ),
        "completed",
    ),
    **dict.fromkeys(
        [
            "en ejecucion",
            "en proceso",
            "en construccion",
            "en obra",
            "se estan haciendo",
            "en curso",
        ],
        "in_execution",
    ),
    **dict.fromkeys(["contratada", "contratadas"], "contracted"),
    **dict.fromkeys(["entregada", "entregadas"], "handed_over"),
}

# Numbers people write as words that the number reader leaves alone or
# reads only with their accents.
SMALL_NUMBERS = {
    "uno": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
}
ACCENTED_NUMERALS = {
    "veintidos": "veintidós",
    "veintitres": "veintitrés",
    "veintiseis": "veintiséis",
    "dieciseis": "dieciséis",
}
QUARTER_WORDS = {
    "primer": 1,
    "primero": 1,
    "1er": 1,
    "segundo": 2,
    "2do": 2,
    "tercer": 3,
    "tercero": 3,
    "3er": 3,
    "cuarto": 4,
    "4o": 4,
}
