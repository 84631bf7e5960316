"""The project's own documents: rendered from structured data, then damaged.

They stand in for the public seed documents wherever those are absent, so the
readers are tested on a clone with nothing beside it. ``tmm_f004`` writes
TMM-F004 forms in the layout the POA reader takes and ``scanner`` prints
them again and damages them the way the Mexicali seed is damaged;
``cecop_report`` writes the parts of the CECOP annual report its reader
takes, and ``table_damage`` damages one of its table lines. Figures may be
the seeds' (they are facts); the wording is the project's own.
"""
