"""Store the results table's baseline of reports imported before it was kept.

The importer now keeps the baseline column of the indicator results table
as the published figure of the card's baseline year (the semáforo is judged
against it). Documents already imported hold that figure in their published
rows; this copies it, once, where the years agree.
"""

from decimal import Decimal

from django.db import migrations

from ruta.common.text.money import parse_decimal
from ruta.common.text.folding import strip_accents


def _key(text):
    return " ".join(strip_accents(text).upper().split())


def baselines_from_published_rows(apps, schema_editor):
    card_model = apps.get_model("indicators", "IndicatorCard")
    result_model = apps.get_model("indicators", "IndicatorResult")
    row_model = apps.get_model("ingest", "PublishedRow")
    # The database being migrated (migrations may run as the owner's alias).
    alias = schema_editor.connection.alias if schema_editor else "default"
    cards = card_model.objects.using(alias).exclude(document=None)
    for card in cards.select_related("document"):
        table = card.document.summary.get("indicator_table", "indicator_results_1")
        rows = row_model.objects.using(alias).filter(
            document=card.document, table_id=table
        )
        row = next((r for r in rows if _key(r.label) == card.key), None)
        if row is None or row.values.get("baseline_year") != card.baseline_year:
            continue
        printed = row.values.get("baseline")
        if not printed:
            continue
        result_model.objects.using(alias).get_or_create(
            card=card,
            year=card.baseline_year,
            defaults={
                "value": Decimal(parse_decimal(printed)),
                "document": card.document,
                "source_table": table,
                "source_row": row.row_number,
                "source_line": row.line,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("ingest", "0002_finding_severity_info"),
    ]

    operations = [
        migrations.RunPython(baselines_from_published_rows, migrations.RunPython.noop),
    ]
