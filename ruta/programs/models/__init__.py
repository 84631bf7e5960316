"""Annual operating programs (POA): structure, goals and quarterly progress.

A TMM-F004 form reports, for one executing unit (unidad ejecutora) of one
program (programa) of a ramo, each goal (meta y acción) with what was
programmed (P) and achieved (A) per quarter. ``UnitProgram`` is that pairing
of program and unit in a fiscal year: the form's header. Accumulated figures
(ΣA and ΣA ÷ annual target) are derived by the selectors, never stored.

Every imported value keeps how it was read (``readings``: status, reason,
rule, copies and lines, candidates); every captured value keeps who entered
and who approved it.
"""

from ruta.programs.models.progress import (
    AccumulationChoice,
    Goal,
    GoalCommittee,
    GoalLine,
    GoalWork,
    QuarterProgress,
    ReviewDecision,
)
from ruta.programs.models.signatures import QuarterSignatures
from ruta.programs.models.status import (
    QUARTER_CHOICES,
    QUARTERS_FIELD,
    GoalFlag,
    Pair,
    PlanStatus,
    SignatureStatus,
    ValueStatus,
    quarter_label,
)
from ruta.programs.models.structure import (
    ExecutingUnit,
    PlanReference,
    Program,
    Ramo,
    UnitProgram,
    UnitProgramQuerySet,
    UnitProgramReference,
)

__all__ = [
    "QUARTERS_FIELD",
    "QUARTER_CHOICES",
    "AccumulationChoice",
    "ExecutingUnit",
    "Goal",
    "GoalCommittee",
    "GoalLine",
    "GoalWork",
    "Pair",
    "PlanReference",
    "GoalFlag",
    "PlanStatus",
    "Program",
    "QuarterProgress",
    "QuarterSignatures",
    "Ramo",
    "ReviewDecision",
    "SignatureStatus",
    "UnitProgram",
    "UnitProgramQuerySet",
    "UnitProgramReference",
    "ValueStatus",
    "quarter_label",
]
