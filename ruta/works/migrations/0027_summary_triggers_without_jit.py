"""The summary triggers run without JIT compilation.

A statement-level trigger reads its transition tables, which carry no
statistics: the planner guesses millions of rows, passes the JIT thresholds
and compiles every statement of the trigger with LLVM, inlined and
optimised. Measured on an import of 20,000 works: the funding trigger took
1,560 ms, 1,168 of them compiling; its plan is a few hash joins that run in
well under half a second. Set on the functions, so every writer gains.
"""

from django.db import migrations

FUNCTIONS = (
    "works_summary_work_changed()",
    "works_summary_funding_changed()",
    "works_reached_work_changed()",
    "works_reached_history_changed()",
)


class Migration(migrations.Migration):
    dependencies = [("works", "0026_work_reached_filled")]

    operations = [
        migrations.RunSQL(
            "".join(f"ALTER FUNCTION {name} SET jit = off;\n" for name in FUNCTIONS),
            "".join(f"ALTER FUNCTION {name} RESET jit;\n" for name in FUNCTIONS),
        )
    ]
