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
    # figures, never a works' money group (ruta.common.text.glossary).
    BUDGET = "budget"
    CONTRIBUTION = "contribution"  # "aportó": a funding party's share
    MOST = "most"  # "más", "mayor": a ranking, largest first
    LEAST = "least"  # "menos", "menor": a ranking, smallest first
    COSTLY = "costly"  # "cara", "costosa": ranked by money
    CHEAP = "cheap"  # "barata": ranked by money, smallest first
    GROUP = "group"  # "municipios", "dependencias": what a ranking lists
    NOT = "not"  # "no": the status or phase after it is excluded
    WITHOUT = "without"  # "sin": works without what follows (a committee)
    BENEFICIARIES = "beneficiaries"
    COMPARE = "compare"  # "compara", "diferencia", "frente a"
    FORMED = "formed"  # "se formaron": said of committees only
    LAST = "last"  # "últimos": a period of years back from this one
    PAST = "past"  # "pasado": the year before this one
    THIS = "this"  # "este año": this one
    WORK_NOUN = "work_noun"  # "obra" before a folio: says which thing, no more
    AIDS = "aids"  # "ayudas sociales": the social aids granted, not grants
    REVENUE = "revenue"  # "ingresos", "recaudó": the revenue statement's
    APPLICATIONS = "applications"  # "solicitudes" to a call (aids': AIDS)
    AGREEMENTS = "agreements"  # "convenios de concertación" with municipalities
    MET = "met"  # "se cumplieron": said of POA goals only
    BREAKDOWN = "breakdown"  # "por capítulo": the budget, split and ordered
    CONSULTATIONS = "consultations"  # public consultations on draft regulations
    OPEN = "open"  # "abiertas": said of consultations only
    BY_SEX = "by_sex"  # "por sexo": the aids, always given by sex


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
            "ano anio anos ejercicio ejercicios fiscal durante periodo municipio "
            "ciudad estado "
            "gobierno publica publicas publicada publicadas publicado publicados "
            "registrada registradas registrado registrados hicieron hizo hacen hace "
            "existen existe cuenta cuentan llevan lleva va van sido fue tiene hay "
            "tuvieron construyeron construidas construidos edificaron "
            "onda pa todavia aun q llegaron llego rehabilitaron realmente "
            "verdaderamente efectivamente entrego entregado entregados "
            "presentaron presento ay quedaron quedo suman sumaron necesito ocupo "
            "algun alguna algunos algunas "
            # Who asks says so first: "soy regidora de Cajeme y quiero saber…"
            "soy regidora regidor periodista vecino vecina ciudadano ciudadana "
            "arreglaron arreglo repararon reparo remodelaron remodelo pero "
            "programa subprograma rubro tipo "
            # "¿Qué empresa ganó más licitaciones?": the contracts it has.
            "gano ganaron ganado "
            # "¿Qué consultas están abiertas ahorita?": now.
            "ahorita "
            # "oye, quiero saber si la obra de mi colonia…"
            "oye oiga si "
            "tenian rehabilitado rehabilitados rehabilitada rehabilitadas "
            "construido construidos construida remodelado remodelada "
            "remodelados arreglado arreglada arreglados reparado reparada "
            "reparados representa representan subieron bajaron aumentaron "
            "disminuyeron crecieron tan saca obtiene hecho hechos pueblo "
            "sumaban llevado apoyaron apoyados apoyadas llevo oigan traen "
            "aparecen portal concentran concentra"
        ),
        # Where in the town: the answer is the municipality's, and says so.
        "colonia",
        "la colonia",
        "en la colonia",
        "colonia centro",
        "en la colonia centro",
        "o sea",
        "es decir",
        "organismo",
        "el organismo",
        "de donde viene",
        "de donde vienen",
        "opinar",
        "hasta cuando se puede opinar",
        "se puede",
        "folio",
        "con folio",
        "por el centro",
        "ya se tardaron mucho",
        "se tardaron mucho",
        "o no",
        "al cierre",
        "al cierre del ejercicio",
        "de que fuentes provienen",
        "de que fuentes vienen",
        "a las constructoras",
        "a los constructores",
        "calle principal",
        "la calle principal",
        "la dependencia",
        "de la dependencia",
        # "las obras a su cargo": those it executes.
        "a su cargo",
        "a cargo",
        "cada una",
        "cada uno",
        "por cuanto cada una",
        "cada parte",
        "en el portal",
        "la que esta por el centro",
        "cerca del centro",
        "mi colonia",
        "de mi colonia",
        "en mi colonia",
        "por favor",
        "forman parte",
        "forma parte",
        "me puedes decir",
        "me podrias decir",
        "quiero saber",
        "quisiera saber",
        "me gustaria saber",
        "de la",
        "de los",
        "de las",
        "anual",
        "anuales",
        "personas",
        "cada orden de gobierno",
        "orden de gobierno",
        "ordenes de gobierno",
        "gobierno abierto",
        "de gobierno abierto",
        "a contratistas",
        "a los contratistas",
        "a las empresas",
        "estatus",
        *_words("siguen sigue salieron salio trata"),
        *_words("firmaron firmados firmadas firmo firmado firmada"),
        # Greetings and thanks, said before or after the question.
        "buenas tardes",
        "buenos dias",
        "buenas noches",
        "buen dia",
        "hola",
        "saludos",
        "gracias",
        "muchas gracias",
        "disculpe",
        "una pregunta",
        "hello",
        "hi",
        "thanks",
        "thank you",
        *_words(
            "formalizaron formalizo formalizados formalizadas suscribieron "
            "suscribio celebraron celebro comprometio comprometieron "
            "comprometido comprometida comprometidos comprometidas"
        ),
        # An agreement's other party: "convenios firmados con municipios".
        "con municipios",
        "con los municipios",
        "con ayuntamientos",
        "con los ayuntamientos",
    ),
    **_each(
        Role.HOW_MUCH,
        "cuanto",
        "cuanta",
        # "¿cuántos contratos y cuánto suman?": the count and the money of
        # the same things, which the answer gives together.
        "y cuanto dinero",
        "y cuanto suman",
        "y cuanto suma",
        "y cuanto sumaron",
        "y por cuanto",
        "y cuanto costaron",
        "y cuanto costo",
        "y cuanto cuestan",
    ),
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
            "gasta gastan "
            "recursos recurso importe destino destinaron destinado destinados costo "
            "costaron cuesta cuestan recibio recibieron recibido otorgo otorgaron "
            "otorgado otorgados asignado asignados asignaron dio dieron "
            "transferido transferidos transfirieron transfirio transferencia "
            "repartio repartieron repartido metio metieron metido lana"
        ),
    ),
    **_each(
        Role.WHO,
        "quien",
        "quienes",
        "contratista asignado",
        # "¿Qué empresas ganaron licitaciones?": who holds the contracts.
        "que empresas",
        "cuales empresas",
        "que constructoras",
        "que contratistas",
        "contratista asignada",
        "empresa asignada",
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
        "cuando van a terminar",
        "cuando terminan",
        "cuando se termina",
        "cuando la terminan",
        # "¿Qué metas no han tenido avance?": the goals' standing counts them.
        "no han tenido avance",
        "no tienen avance",
        "sin avance",
        "en ningun trimestre",
        "cumplimiento",
        "porcentaje",
        "en que porcentaje",
        *_words("logro logrado logrados lograron alcanzo alcanzado alcanzaron"),
        *_words("programo programado programada programados programaron"),
    ),
    **_each(
        Role.PAYMENTS,
        *_words("pago pagos pagado pagaron contrato contratos contratado contratados"),
        "monto contratado",
        "adjudicaron",
        "adjudico",
        "adjudicadas",
        "adjudicados",
        # "¿quién la ejecuta y cuánto se le ha pagado?": the same work's.
        "y cuanto se le ha pagado",
        "y cuanto le han pagado",
        "y cuanto se le pago",
        "y cuanto se ha pagado",
        "dado",
        "han dado",
        "por pagar",
        "falta por pagar",
        "falta pagar",
        "pendiente de pago",
        "se le debe",
        "se les debe",
        "le deben",
        "adeudo",
    ),
    **_each(
        Role.CONSULTATIONS,
        "consulta",
        "consultas",
        "consulta publica",
        "consultas publicas",
        "consulta ciudadana",
        "consultas ciudadanas",
        "anteproyecto",
        "anteproyectos",
        "regulacion",
        "regulaciones",
        "anteproyectos de regulacion",
        "anteproyecto de regulacion",
        *(
            f"{draft} de {rule}"
            for draft in ("anteproyecto", "anteproyectos", "proyecto", "proyectos")
            for rule in ("reglamento", "reglamentos")
        ),
        "reglamento",
        "reglamentos",
        "consulta de reglamento",
        "consultas de reglamentos",
    ),
    **_each(
        Role.OPEN,
        *_words("abierta abiertas vigente vigentes activa activas"),
        "en curso ahora",
        "recibiendo comentarios",
        "reciben comentarios",
    ),
    **_each(Role.BY_SEX, "por sexo", "por genero", "desglosado por sexo"),
    **_each(
        Role.BREAKDOWN,
        *(
            f"{each} {group}"
            for each in ("por", "en cada", "cada", "de cada")
            for group in (
                "capitulo",
                "capitulos",
                "capitulo de gasto",
                "dependencia",
                "dependencias",
            )
        ),
        "by chapter",
        "by agency",
        "each chapter",
        "each agency",
    ),
    **_each(
        Role.BY_PLACE,
        "por municipio",
        "por municipios",
        "cada municipio",
        "en cada municipio",
        "en que municipios",
        "en que municipio",
        "en cuales municipios",
        "de que municipios",
    ),
    **_each(Role.WORKS, "obra", "obras", "proyecto", "proyectos", "obra publica"),
    **_each(
        Role.COMMITTEES,
        "comite",
        "comites",
        "contraloria social",
        "comites de contraloria social",
        "comites ciudadanos",
        "comite ciudadano",
        "comite de contraloria social",
        "comites de obra",
        # Their members are counted with them (never named).
        "integrantes",
        "miembros",
        "members",
        "y cuantos integrantes",
        "y cuantos miembros",
    ),
    **_each(Role.CALLS, "convocatoria", "convocatorias"),
    **_each(
        Role.APPLICATIONS,
        *_words("solicitud solicitudes postulaciones postulacion"),
        "proyectos presentados",
    ),
    **_each(
        Role.ORGANIZATIONS,
        "organizacion",
        "organizaciones",
        "osc",
        "asociacion",
        "asociaciones",
        "asociacion civil",
        "asociaciones civiles",
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
    **_each(
        Role.AIDS,
        "ayuda",
        "ayudas",
        "ayuda social",
        "ayudas sociales",
        "apoyo social",
        "apoyos sociales",
        "asistencia social",
        # "¿Qué concepto de apoyo tuvo más beneficiarios?": the aids' concepts.
        *(
            f"{concept} de {aid}"
            for concept in ("concepto", "conceptos")
            for aid in (
                "apoyo",
                "apoyos",
                "ayuda",
                "ayudas",
                "apoyo social",
                "apoyos sociales",
                "ayuda social",
                "ayudas sociales",
            )
        ),
    ),
    **_each(
        Role.AGREEMENTS,
        *_words("convenio convenios concertacion concertaciones piso"),
        "convenio de concertacion",
        "convenios de concertacion",
    ),
    **_each(Role.COMMITMENTS, "compromiso", "compromisos"),
    **_each(
        Role.GOALS,
        "meta",
        "metas",
        "meta del poa",
        "metas del poa",
        "poa",
        "programa operativo anual",
    ),
    **_each(
        Role.INDICATORS,
        "indicador",
        "indicadores",
        "semaforo",
        "indicador de desempeno",
        "indicadores de desempeno",
    ),
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
        Role.REVENUE,
        *_words(
            "ingresos ingreso recaudo recaudado recaudados recaudacion recaudaron "
            "recaudo"
        ),
        "presupuesto de ingresos",
        "ley de ingresos",
    ),
    **_each(
        Role.MOST,
        *_words("mas mayor mayores top principales ranking"),
        *(f"mas {high}" for high in ("alto", "alta", "altos", "altas", "grande")),
    ),
    **_each(Role.LEAST, "menos", "menor", "menores"),
    **_each(
        Role.CHEAP,
        *_words("barata baratas barato baratos economica economicas economico"),
    ),
    **_each(
        Role.COSTLY,
        *_words("cara caras caro caros costosa costosas costoso costosos grandes"),
    ),
    **_each(
        Role.GROUP,
        *_words(
            "municipios subprogramas programas region regiones dependencia "
            "dependencias ejecutora ejecutoras capitulo capitulos concepto conceptos "
            "contratistas empresas constructoras"
        ),
    ),
    **_each(Role.NOT, "no"),
    **_each(Role.WITHOUT, "sin"),
    **_each(
        Role.BENEFICIARIES,
        "beneficiarios",
        "beneficiarias",
        "beneficiados",
        "beneficiadas",
        "personas beneficiadas",
        "habitantes beneficiados",
        "poblacion beneficiada",
        "se beneficiaron",
        "benefician",
        "beneficiaron",
        "beneficia",
        "beneficio",
        "gente beneficiada",
        "cuanta gente",
    ),
    **_each(
        Role.COMPARE,
        "compara",
        "comparar",
        "comparacion",
        "diferencia",
        "vs",
        "versus",
        "frente a",
        "contra",
        "comparado con",
        # "¿Cuánto en 2021 y cuánto en 2024?": the same asked of two values.
        "y cuanto",
        "y cuanta",
        "y cuantos",
        "y cuantas",
    ),
    **_each(
        Role.FORMED,
        *_words(
            "formaron formados conformaron conformados integraron integrados "
            "constituyeron constituidos instalaron instalados"
        ),
    ),
    **_each(
        Role.MET,
        *_words(
            "cumplieron cumplio cumplidas cumplida superaron supero superadas "
            "superada alcanzadas incumplieron incumplio incumplidas incumplida "
            "debajo"
        ),
    ),
    **_each(Role.LAST, "ultimos", "ultimas"),
    **_each(Role.PAST, "pasado", "anterior"),
    **_each(Role.THIS, "este ano", "este anio", "este ejercicio", "ano en curso"),
    **_each(
        Role.CONTRIBUTION,
        *_words(
            "aporto aportaron aporta aportan aporte aportes aportacion "
            "aportaciones aportado aportada aportar aportara aportaria puso "
            "pusieron pone ponen contribuyo "
            "contribuyeron contribucion"
        ),
        # A government named as the one that put the money in.
        "gobierno del estado",
        "gobierno estatal",
        "gobierno federal",
        "gobierno municipal",
        # Money named by who put it in: "recursos federales", "dinero estatal".
        *(
            f"{money} {party}"
            for money in ("dinero", "recurso", "recursos", "fondos", "inversion")
            for party in (
                "federal",
                "federales",
                "estatal",
                "estatales",
                "municipal",
                "municipales",
            )
        ),
    ),
}

# The budget's moments as people say them (``ruta.common.text.glossary.BudgetMoment``).
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
    "sin ejercer": "balance",
    "no ejercido": "balance",
    "no se ejercio": "balance",
}

# The revenue statement's moment a revenue word names: "recaudado" is its
# collected column (the expenditure's "paid"), "estimado" its approved one.
REVENUE_MOMENT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words("recaudo recaudado recaudados recaudacion recaudaron collected"),
        "paid",
    ),
    **dict.fromkeys(_words("estimado estimados estimada estimated"), "approved"),
}

# Who put money into works, as the funding lines name them (``FundingSource``).
PARTY_WORDS: dict[str, str] = {
    **dict.fromkeys(
        _words("municipio municipal municipales municipios ayuntamiento ayuntamientos"),
        "municipality",
    ),
    **dict.fromkeys(_words("estado estatal estatales"), "state"),
    **dict.fromkeys(
        _words(
            "comunidad comunidades beneficiarios vecinos comunitaria comunitarias "
            "comunitario comunitarios"
        ),
        "community",
    ),
    **dict.fromkeys(_words("federacion federal federales federation"), "federal"),
    "community": "community",
    "state": "state",
    "state government": "state",
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
            *(
                f"{approved} {pending}"
                for approved in (
                    "aprobado",
                    "aprobados",
                    "aprobada",
                    "aprobadas",
                    "autorizado",
                    "autorizadas",
                    "autorizados",
                )
                for pending in (
                    "sin liberar",
                    "pero sin liberar",
                    "sin recursos liberados",
                    "que no tienen recursos liberados",
                    "todavia no tienen recursos liberados",
                    "que todavia no tienen recursos liberados",
                    "aun no tienen recursos liberados",
                )
            ),
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
            "concluidas concluyeron finalizada finalizadas termino concluyo "
            "terminar terminarse concluir concluirse acabar acabarse terminan "
            "terminen termina"
        ),
        "completed",
    ),
    **dict.fromkeys(
        [
            "en ejecucion",
            "en proceso",
            "en construccion",
            "se estan haciendo",
            "en curso",
        ],
        "in_execution",
    ),
    **dict.fromkeys(["contratada", "contratadas"], "contracted"),
    # "aprobada" is also the budget's moment; of works, "aprobadas".
    "aprobadas": "approved",
    **dict.fromkeys(
        [
            "entregada",
            "entregadas",
            "entregaron",
            "se entregaron",
            # "entregado" alone is money given ("¿cuánto se ha entregado?").
            "se han entregado",
            "se hayan entregado",
            "han sido entregadas",
        ],
        "handed_over",
    ),
}

# The aids' concepts (``AidConcept``), the recipient's sex (``RecipientSex``)
# and age group (``AgeGroup``) as people say them. Published only as the aids
# tables' aggregates (``ruta.works.selectors.aids``).
AID_CONCEPT_WORDS: dict[str, str] = {
    **dict.fromkeys(
        ["a personas", "para personas", "a la poblacion", "individuales"], "persons"
    ),
    **dict.fromkeys(
        [
            "instituciones sin fines de lucro",
            "sin fines de lucro",
            "a instituciones",
            "para instituciones",
        ],
        "nonprofits",
    ),
    **dict.fromkeys(
        [
            "desastres",
            "desastres naturales",
            "por desastres",
            "por desastres naturales",
            "siniestros",
            "emergencias",
        ],
        "disasters",
    ),
    **dict.fromkeys(
        [
            "donativos a instituciones",
            "donativos a instituciones sin fines de lucro",
            "donativos a asociaciones",
            *(
                f"{verb} a {whom}"
                for verb in ("dono", "donaron", "donado")
                for whom in ("instituciones", "las instituciones", "asociaciones")
            ),
        ],
        "nonprofit_donations",
    ),
    **dict.fromkeys(
        [
            "donativos a municipios",
            "donativos a ayuntamientos",
            "donativos a entidades federativas o municipios",
            # The verb, as people ask it: "¿cuánto se donó a los municipios?"
            *(
                f"{verb} a {whom}"
                for verb in ("dono", "donaron", "donado")
                for whom in ("los municipios", "municipios", "los ayuntamientos")
            ),
        ],
        "government_donations",
    ),
}
# How a contract was awarded (``works.ProcurementProcedure``'s values).
PROCEDURE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "adjudicacion directa",
            "adjudicaciones directas",
            "adjudicados directamente",
            "adjudicadas directamente",
            "adjudicado directamente",
            "adjudicaron directamente",
            "adjudico directamente",
            "asignacion directa",
            "asignados directamente",
            "direct award",
            "direct awards",
            "directly awarded",
            *(
                f"{verb} {manner} directa"
                for verb in (
                    "adjudicaron",
                    "adjudico",
                    "adjudicadas",
                    "adjudicados",
                    "adjudicada",
                    "adjudicado",
                    "asignaron",
                    "asignadas",
                    "asignados",
                )
                for manner in ("de forma", "en forma", "de manera")
            ),
        ],
        "adjudicacion_directa",
    ),
    **dict.fromkeys(
        [
            "licitacion publica",
            "licitaciones publicas",
            "licitacion",
            "licitaciones",
            "licitados",
            "licitadas",
            "licitaron",
            "se licitaron",
            "licitaron publicamente",
            "se licitaron publicamente",
            "licitadas publicamente",
            "licitados publicamente",
            "licitada",
            "licitado",
            "public tender",
            "public tenders",
            "open tender",
            "tender",
            "tenders",
        ],
        "licitacion_publica",
    ),
    **dict.fromkeys(
        [
            "invitacion a cuando menos tres personas",
            "invitacion a cuando menos tres",
            "invitacion a tres",
            # Numbers in words are read as digits first.
            "invitacion a cuando menos 3 personas",
            "invitacion a cuando menos 3",
            "invitaciones a cuando menos 3 personas",
            "invitaciones a cuando menos 3",
            "invitacion a 3",
            "invitacion restringida",
            "invitaciones restringidas",
            "restricted invitation",
        ],
        "invitacion_tres",
    ),
}
SEX_WORDS: dict[str, str] = {
    **dict.fromkeys(["mujer", "mujeres", "senoras", "women", "woman"], "M"),
    **dict.fromkeys(["hombre", "hombres", "varones", "senores", "men", "man"], "H"),
    **dict.fromkeys(
        ["no binarias", "no binarios", "personas no binarias", "otro sexo"], "X"
    ),
}
AGE_WORDS: dict[str, str] = {
    **dict.fromkeys(
        [
            "ninos",
            "ninas",
            "ninas y ninos",
            "ninos y ninas",
            "menores de edad",
            "infancia",
            "children",
            "0 a 17 anos",
            "de 0 a 17 anos",
            "menores de 18",
            "menores de 18 anos",
            "under 18",
            "minors",
        ],
        "0-17",
    ),
    **dict.fromkeys(
        ["jovenes", "juventud", "young people", "18 a 29 anos", "de 18 a 29 anos"],
        "18-29",
    ),
    **dict.fromkeys(
        [
            "adultos",
            "adultas",
            "personas adultas",
            "adults",
            "30 a 59 anos",
            "de 30 a 59 anos",
        ],
        "30-59",
    ),
    **dict.fromkeys(
        [
            "adultos mayores",
            "adultas mayores",
            "personas mayores",
            "personas adultas mayores",
            "tercera edad",
            "older people",
            "elderly",
            "60 anos o mas",
            "de 60 anos o mas",
            "mayores de 60 anos",
            "mayores de 60",
            "mas de 60",
            "mas de 60 anos",
            "de mas de 60 anos",
        ],
        "60+",
    ),
}

# The chapters of the Clasificador por Objeto del Gasto as people say them:
# a budget question narrowed to one (``accounting.records.Classification``).
CHAPTER_WORDS: dict[str, str] = {
    **dict.fromkeys(["servicios personales", "nomina", "sueldos"], "1000"),
    "materiales y suministros": "2000",
    "servicios generales": "3000",
    **dict.fromkeys(
        [
            "transferencias",
            "transferencias asignaciones subsidios y otras ayudas",
            "subsidios y otras ayudas",
        ],
        "4000",
    ),
    **dict.fromkeys(
        ["bienes muebles", "bienes muebles inmuebles e intangibles"], "5000"
    ),
    # Outside a budget question "inversión pública" is the works' money.
    "inversion publica": "6000",
    "inversiones financieras": "7000",
    "participaciones y aportaciones": "8000",
    "deuda publica": "9000",
    # A chapter by its number, as the statements print it.
    **{f"capitulo {number}000": f"{number}000" for number in range(1, 10)},
}
# The chapter whose words also ask for the works' money elsewhere.
PUBLIC_INVESTMENT = "6000"

# An indicator's semáforo as people say it (``indicators.rules.Semaphore``).
COLOUR_WORDS: dict[str, str] = {
    **dict.fromkeys(["rojo", "rojos", "red"], "red"),
    **dict.fromkeys(["verde", "verdes", "green"], "green"),
    **dict.fromkeys(["amarillo", "amarillos", "yellow"], "yellow"),
    **dict.fromkeys(["gris", "grises", "grey", "gray"], "grey"),
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


# What a ranking lists, by the noun that names it (singular: the first only).
GROUP_WORDS: dict[str, tuple[str, bool]] = {
    "municipio": ("municipality", False),
    "municipios": ("municipality", True),
    "subprograma": ("subprogram", False),
    "subprogramas": ("subprogram", True),
    "programa": ("program", False),
    "programas": ("program", True),
    "region": ("region", False),
    "regiones": ("region", True),
    "dependencia": ("agency", False),
    "dependencias": ("agency", True),
    # Only a budget is ranked by its chapters, and aids by their concepts.
    "capitulo": ("chapter", False),
    "capitulos": ("chapter", True),
    "concepto": ("aid_concept", False),
    "conceptos": ("aid_concept", True),
    "ejecutora": ("agency", False),
    "ejecutoras": ("agency", True),
    "obra": ("work", False),
    "obras": ("work", True),
    "proyecto": ("work", False),
    "proyectos": ("work", True),
    "contratista": ("contractor", False),
    "contratistas": ("contractor", True),
    "empresa": ("contractor", False),
    "empresas": ("contractor", True),
    "constructora": ("contractor", False),
    "constructoras": ("contractor", True),
    "organizacion": ("organization", False),
    "organizaciones": ("organization", True),
    "asociacion": ("organization", False),
    "asociaciones": ("organization", True),
    "osc": ("organization", True),
}

# Works behind their period (``works.selectors.delay``), as people say it.
LATE_WORDS: tuple[str, ...] = (
    "atrasada",
    "atrasadas",
    "atrasado",
    "atrasados",
    "retrasada",
    "retrasadas",
    "con retraso",
    "con atraso",
    "demoradas",
    "retrasos",
    "vencidas",
    "fuera de tiempo",
    "ya paso su fecha de termino",
    "fecha de termino vencida",
    "con fecha de termino vencida",
    "tienen fecha de termino vencida",
    "paso su fecha de termino",
    "pasaron su fecha de termino",
)

# Everyday words for the catalog's subprograms and a work's statuses: each
# is read as the name given and the answer says so ("escuelas" → the
# subprogram named "Mejoramiento de edificios escolares"). A subprogram the
# catalog does not hold leaves its word unknown.
THESAURUS: dict[str, tuple[str, str]] = {
    **dict.fromkeys(
        [
            "escuela",
            "escuelas",
            "aulas",
            "planteles",
            "escuela primaria",
            "escuela secundaria",
            "primaria",
            "secundaria",
            "telesecundaria",
            "preescolar",
            "jardin de ninos",
            "kinder",
            *(
                f"{work} de {school}"
                for work in ("mejoramiento", "mejoras", "rehabilitacion")
                for school in (
                    "escuelas",
                    "las escuelas",
                    "planteles",
                    "la escuela",
                    "escuela",
                )
            ),
        ],
        ("subprogram", "mejoramiento de edificios escolares"),
    ),
    **dict.fromkeys(
        ["calles", "calle", "pavimento", "asfalto"],
        ("subprogram", "pavimentacion"),
    ),
    **dict.fromkeys(
        ["luminarias", "lamparas", "alumbrado"],
        ("subprogram", "alumbrado publico"),
    ),
    **dict.fromkeys(["drenaje", "drenajes"], ("subprogram", "alcantarillado")),
    **dict.fromkeys(
        [
            "canchas",
            "cancha",
            "deportivas",
            "unidades deportivas",
            "unidad deportiva",
            "cancha de usos multiples",
            "canchas de usos multiples",
        ],
        ("subprogram", "instalaciones deportivas"),
    ),
    **dict.fromkeys(
        ["clinicas", "clinica", "dispensarios", "centro de salud"],
        ("subprogram", "centros de salud"),
    ),
    **dict.fromkeys(["parques", "plazas"], ("subprogram", "parques y areas verdes")),
    **dict.fromkeys(
        ["banquetas", "aceras"], ("subprogram", "guarniciones y banquetas")
    ),
    **dict.fromkeys(
        ["luz electrica", "energia electrica"], ("subprogram", "electrificacion")
    ),
    # English words of the same subprograms, for the English site.
    **dict.fromkeys(
        ["schools", "school buildings", "school"],
        ("subprogram", "mejoramiento de edificios escolares"),
    ),
    **dict.fromkeys(
        ["streets", "paving", "paved roads"], ("subprogram", "pavimentacion")
    ),
    **dict.fromkeys(
        ["street lighting", "street lights", "public lighting"],
        ("subprogram", "alumbrado publico"),
    ),
    **dict.fromkeys(["drinking water", "water supply"], ("subprogram", "agua potable")),
    **dict.fromkeys(
        ["sewerage", "sewers", "drainage"], ("subprogram", "alcantarillado")
    ),
    **dict.fromkeys(
        ["sports facilities", "sports fields"],
        ("subprogram", "instalaciones deportivas"),
    ),
    **dict.fromkeys(
        ["health centres", "health centers", "clinics"],
        ("subprogram", "centros de salud"),
    ),
    **dict.fromkeys(
        ["sidewalks", "pavements"], ("subprogram", "guarniciones y banquetas")
    ),
    **dict.fromkeys(["acabadas", "listas"], ("status", "completed")),
    **dict.fromkeys(
        ["en marcha", "haciendose", "construyendo", "se estan construyendo"],
        ("status", "in_execution"),
    ),
}

# The same roles in English, for the English site: a question is read with
# both tables (a word means one thing in either language), and answered in
# the language of the page.
ENGLISH_WORDS: dict[str, Role] = {
    **_each(
        Role.FILLER,
        *_words(
            "the of in on at to for is are was were did does do there have has "
            "been what which an by from with please tell me i want know about "
            "year fiscal all whole its their get got so far municipality state "
            "where and had annual target registered went into signed actually "
            "really government still currently yet marked won any got they that "
            "across along awarded share came rated people"
        ),
        "open government",
    ),
    **_each(Role.HOW_MUCH, "how much"),
    **_each(Role.COUNT, "how many", "number of"),
    **_each(Role.LIST, "list", "show"),
    **_each(
        Role.MONEY,
        *_words(
            "money invested investment spent spending cost costs received funds "
            "amount pesos granted given funding worth"
        ),
    ),
    **_each(
        Role.WHO,
        *_words("who contractor contractors company companies built builds"),
        "who built",
    ),
    **_each(
        Role.PROGRESS,
        "progress",
        "how is",
        "how far",
        "how far along",
        "status",
        "status of",
    ),
    **_each(Role.PAYMENTS, "payments", "paid", "contracts"),
    **_each(Role.WORKS, "work", "works", "project", "projects", "public works"),
    **_each(
        Role.COMMITTEES,
        "committee",
        "committees",
        "oversight committees",
        "citizen committees",
        "citizen oversight committees",
    ),
    **_each(
        Role.ORGANIZATIONS,
        "organization",
        "organizations",
        "organisations",
        *(
            f"civil society {noun}"
            for noun in ("organization", "organizations", "organisations")
        ),
        "csos",
        "ngos",
    ),
    **_each(Role.GRANTS, "grant", "grants"),
    **_each(Role.AIDS, "aid", "aids", "social aid", "social aids", "welfare aid"),
    **_each(Role.COMMITMENTS, "commitment", "commitments"),
    **_each(
        Role.CONSULTATIONS,
        "consultation",
        "consultations",
        "public consultation",
        "public consultations",
    ),
    **_each(Role.OPEN, "open", "ongoing"),
    **_each(Role.BY_SEX, "by sex", "by gender", "broken down by sex"),
    **_each(Role.FILLER, "each one", "for each one", "instead of", "concerted"),
    **_each(Role.GOALS, "goal", "goals"),
    **_each(
        Role.INDICATORS,
        "indicator",
        "indicators",
        "traffic light",
        "performance indicator",
        "performance indicators",
    ),
    **_each(Role.BUDGET, "budget"),
    **_each(Role.REVENUE, "revenue", "revenues", "collected"),
    **_each(Role.APPLICATIONS, "application", "applications"),
    **_each(
        Role.AGREEMENTS,
        "agreement",
        "agreements",
        "concertation agreement",
        "concertation agreements",
    ),
    **_each(Role.MOST, "most", "largest", "biggest", "highest"),
    **_each(Role.LEAST, "least", "fewest", "lowest", "smallest"),
    **_each(Role.COSTLY, "expensive", "costly"),
    **_each(Role.CHEAP, "cheapest", "cheap"),
    **_each(
        Role.GROUP,
        *_words(
            "municipalities regions subprograms programs agency agencies chapter "
            "chapters"
        ),
    ),
    **_each(Role.NOT, "not"),
    **_each(Role.WITHOUT, "without"),
    **_each(Role.BENEFICIARIES, "beneficiaries", "people served"),
    **_each(Role.COMPARE, "compare", "compared to", "compared with", "versus"),
    **_each(Role.PAST, "last year", "previous year"),
    **_each(Role.THIS, "this year"),
    **_each(Role.LAST, "last", "past"),
    **_each(
        Role.CONTRIBUTION,
        "contributed",
        "contribute",
        "contribution",
        "put into",
        "put in",
        *(
            f"{party} {money}"
            for party in ("federal", "state", "municipal")
            for money in ("money", "funds", "funding")
        ),
    ),
    **_each(Role.FORMED, "formed", "set up"),
    **_each(Role.WHY, "why"),
}
ENGLISH_STATUS_WORDS = {
    "completed": "completed",
    "finished": "completed",
    "in progress": "in_execution",
    "in execution": "in_execution",
    "under construction": "in_execution",
    "contracted": "contracted",
    "handed over": "handed_over",
}
ENGLISH_PHASE_WORDS = {"cancelled": "cancelled", "canceled": "cancelled"}
ENGLISH_GROUP_WORDS = {
    "municipality": ("municipality", False),
    "municipalities": ("municipality", True),
    "region": ("region", False),
    "regions": ("region", True),
    "subprogram": ("subprogram", False),
    "subprograms": ("subprogram", True),
    "program": ("program", False),
    "programs": ("program", True),
    "agency": ("agency", False),
    "agencies": ("agency", True),
    "chapter": ("chapter", False),
    "chapters": ("chapter", True),
    "work": ("work", False),
    "works": ("work", True),
    "project": ("work", False),
    "projects": ("work", True),
    "contractor": ("contractor", False),
    "contractors": ("contractor", True),
    "company": ("contractor", False),
    "companies": ("contractor", True),
    "organization": ("organization", False),
    "organizations": ("organization", True),
}
ENGLISH_MOMENT_WORDS = {
    "approved": "approved",
    "authorised": "approved",
    "authorized": "approved",
    "modified": "modified",
    "accrued": "accrued",
    # "paid" alone is a work's payments; of the budget, its moment.
    "paid budget": "paid",
    "budget paid": "paid",
}
ENGLISH_LATE_WORDS = ("late", "delayed", "behind schedule")

# Words of grammar that carry no part of a query (pronouns, auxiliaries,
# articles, prepositions): read as filler when no table gives them a role.
# Words that change what is asked are never here: negations ("no", "ni",
# "sin", "nunca", "ningún"), quantities ("otros", "todos", "solo", "cada",
# "más", "menos", "muy") and order in time ("antes", "después", "entre").
FUNCTION_WORDS = _words(
    # Spanish
    "yo tu usted ustedes el ella ellos ellas nosotros lo los las le les se me "
    "te nos esto eso aquello ese esa esos esas este esta estos estas aquel "
    "aquella aquellos aquellas mio mia tuyo suyo suya suyos suyas nuestro "
    "nuestra nuestros nuestras cuyo cuya "
    "he has ha hemos han habia habian hubo hubiera hubieran haya hayan habra "
    "habran haber es son era eran fue fueron sea sean sera seran ser siendo "
    "sido esta estan estaba estaban estuvo estuvieron este esten estara "
    "estaran estar estado estando tengo tiene tienen tenia tenian tuvo "
    "tuvieron tenga tengan tendra tendran tener teniendo tenido puede pueden "
    "podia podian pudo podra podran poder "
    "un una unos unas al del "
    "a ante con de desde en hacia para por segun sobre tras mediante "
    "y e o u pero sino que pues aunque como cual cuales donde cuando "
    "ya aun todavia tambien asi aqui alli ahi alla acaso "
    # English
    "i you he she it we they me him her us them my your his its our their "
    "this that these those there here "
    "be been being am is are was were do does did done doing has have had "
    "having will would shall should can could may might must "
    "a an the of in on at to for by with from about into through during "
    "across along upon per via "
    "and or but so if as then also just"
)
for _word in FUNCTION_WORDS:
    WORDS.setdefault(_word, Role.FILLER)

# Merged: a word of English that Spanish does not use is added; Spanish wins.
for _phrase, _role in ENGLISH_WORDS.items():
    WORDS.setdefault(_phrase, _role)
for _phrase, _status in ENGLISH_STATUS_WORDS.items():
    STATUS_WORDS.setdefault(_phrase, _status)
for _phrase, _phase in ENGLISH_PHASE_WORDS.items():
    PHASE_WORDS.setdefault(_phrase, _phase)
for _phrase, _group in ENGLISH_GROUP_WORDS.items():
    GROUP_WORDS.setdefault(_phrase, _group)
for _phrase, _moment in ENGLISH_MOMENT_WORDS.items():
    MOMENT_WORDS.setdefault(_phrase, _moment)
LATE_WORDS += ENGLISH_LATE_WORDS
