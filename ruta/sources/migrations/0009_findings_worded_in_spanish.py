"""Word the stored findings in Spanish, as their kinds now declare them.

Readers used to store an English message beside each finding's code and
values; each kind of finding now declares its sentence once, in Spanish
(``ruta.sources.findings``), and stores that. A stored finding whose values
carry what its sentence needs gets its Spanish message, so the API, the open
data and the admin say every finding in one language; the others keep their
English message, which pages show beside the kind's summary.

The sentences are the readers' own, not frozen here: on an old database a
later wording applies, as it does on the pages, which word every finding
again from its code and values.
"""

from django.db import migrations

from ruta.sources.findings import reworded

BATCH = 2000


def findings_worded_in_spanish(apps, schema_editor):
    findings = apps.get_model("sources", "DocumentFinding").objects.using(
        schema_editor.connection.alias
    )
    changed = []
    stored = findings.only("pk", "code", "values", "message").order_by("pk")
    for finding in stored.iterator(chunk_size=BATCH):
        message = reworded(finding.code, finding.values)
        if message is None or message == finding.message:
            continue
        finding.message = message
        changed.append(finding)
        if len(changed) == BATCH:
            findings.bulk_update(changed, ["message"])
            changed = []
    findings.bulk_update(changed, ["message"])


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0008_audit_per_statement"),
    ]

    operations = [
        migrations.RunPython(findings_worded_in_spanish, migrations.RunPython.noop),
    ]
