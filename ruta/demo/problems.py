"""The demo's problem reports: a few on demo works, in every status, answered.

Demonstration data: the reporters are invented (``example.org`` addresses)
and every report is ``is_demo``; the statuses, responses, moderation and
merging go through the problems app's own services.
"""

from __future__ import annotations

from django.db import transaction

from ruta.accounts.actors import DEMO
from ruta.problems import services
from ruta.problems.models import Category, ProblemReport
from ruta.works.models import Work

# (category, description, [(status, response), …])
REPORTS = [
    (
        "obra-detenida",
        "Desde hace tres semanas no hay trabajadores ni maquinaria en la obra.",
        [
            ("acknowledged", "Recibimos el reporte; la supervisión visitará la obra."),
            ("in_progress", "La constructora reanudará los trabajos el lunes."),
        ],
    ),
    (
        "mala-calidad",
        "El pavimento nuevo ya presenta grietas frente a la escuela primaria.",
        [
            ("acknowledged", "Se pidió a la constructora revisar el tramo."),
            ("resolved", "Se reparó el tramo dentro de la garantía de la obra."),
        ],
    ),
    (
        "riesgo-seguridad",
        "Hay una zanja abierta sin señalamientos en la entrada de la colonia.",
        [],
    ),
    (
        "no-coincide",
        "La obra se construye en otra calle distinta a la que dice la ficha.",
        [("rejected", "La ficha indica la calle correcta; se aclaró con el comité.")],
    ),
    (
        "afectaciones",
        "Cierran la calle sin aviso y los vecinos no pueden salir en auto.",
        [("acknowledged", "Se pidió a la constructora avisar los cierres.")],
    ),
]


@transaction.atomic
def problems_demo_load() -> int:
    """Create the demo reports if there are none; return how many were created."""
    if ProblemReport.objects.demo().exists():
        return 0
    works = Work.objects.demo().published().order_by("public_id")[: len(REPORTS)]
    reports = []
    # Fewer demo works than reports leaves the rest out.
    planned = zip(works, REPORTS, strict=False)
    for number, (work, (code, text, answers)) in enumerate(planned, 1):
        report = services.report_file(
            work=work,
            category=Category.objects.get(code=code),
            description=text,
            contact=services.Contact(
                f"Persona de demostración {number}", f"vecino{number}@example.org"
            ),
            is_demo=True,
            actor=DEMO,
        )
        for status, response in answers:
            services.report_status_change(
                report=report, status=status, response=response, actor=DEMO
            )
        reports.append(report)
    if reports:
        _moderation_examples(reports[0])
    return ProblemReport.objects.demo().count()


def _moderation_examples(first: ProblemReport) -> None:
    """Add a duplicate merged into ``first`` and a report hidden for abuse."""
    duplicate = services.report_file(
        work=first.work,
        category=first.category,
        description="La obra está parada, nadie trabaja ahí desde hace semanas.",
        is_demo=True,
        actor=DEMO,
    )
    services.report_merge(report=duplicate, into=first, actor=DEMO)
    abusive = services.report_file(
        work=first.work,
        category=Category.objects.get(code="otro"),
        description="Texto de demostración que un moderador ocultó.",
        is_demo=True,
        actor=DEMO,
    )
    services.report_hide(report=abusive, reason="insultos a personas", actor=DEMO)
