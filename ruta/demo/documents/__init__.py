"""The project's own documents in the seeds' layouts, written from structured data.

They stand in for the public seed documents wherever those are absent: the
demo imports them (marked as demonstration) and the tests read them, so a
clone with nothing beside it shows and tests every reader. ``tmm_f004``
writes TMM-F004 forms in the layout the POA reader takes and ``scanner``
prints them again and damages them the way the Mexicali seed is damaged;
``cecop_report`` writes the parts of the CECOP annual report its reader
takes (``cecop_samples``: the 2024 figures made consistent),
``cecop_published`` writes the 2024 report as published, contradictions
included, in its layout (its prose in ``cecop_published_prose``), and
``table_damage`` damages one of its table lines; ``action_plan`` writes an
open-government action plan's progress report, contradictions included,
from ``action_plan_samples``; ``call_rules`` writes the Peso por Peso rules
of operation from the figures the grants workflow enforces. Figures are the
seeds' (they are facts); the wording is the project's own. Pure: no
database, no Django.
"""
