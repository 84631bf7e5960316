"""Each document's number of published rows, kept by a trigger.

The documents' list (its page, the API, the open-data table of documents)
counted every document's rows on each request: a federal works file of
250,000 rows costs 100 ms or more to count, and a list of them seconds. A
statement-level trigger on ``ingest_publishedrow`` now adds what a statement
inserts and takes away what it deletes, whatever path wrote them (the ORM,
COPY, a cascade); the list reads one row per document.
"""

import django.db.models.deletion
from django.db import migrations, models

CREATE = """
CREATE FUNCTION ingest_document_rows_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE ingest_documentrows kept SET rows = kept.rows - gone.rows
        FROM (SELECT document_id, count(*) AS rows FROM old_rows GROUP BY 1) gone
        WHERE kept.document_id = gone.document_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ingest_documentrows (document_id, rows)
        SELECT document_id, count(*) FROM new_rows GROUP BY 1
        ORDER BY 1
        ON CONFLICT (document_id) DO UPDATE
            SET rows = ingest_documentrows.rows + EXCLUDED.rows;
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION ingest_document_rows_emptied() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE ingest_documentrows SET rows = 0 WHERE rows <> 0;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ingest_publishedrow_counted_insert AFTER INSERT ON ingest_publishedrow
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_rows_changed();
CREATE TRIGGER ingest_publishedrow_counted_update AFTER UPDATE ON ingest_publishedrow
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_rows_changed();
CREATE TRIGGER ingest_publishedrow_counted_delete AFTER DELETE ON ingest_publishedrow
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_rows_changed();
CREATE TRIGGER ingest_publishedrow_counted_truncate AFTER TRUNCATE ON ingest_publishedrow
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_rows_emptied();

INSERT INTO ingest_documentrows (document_id, rows)
SELECT document_id, count(*) FROM ingest_publishedrow GROUP BY 1;
"""

DROP = """
DROP TRIGGER ingest_publishedrow_counted_insert ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_counted_update ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_counted_delete ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_counted_truncate ON ingest_publishedrow;
DROP FUNCTION ingest_document_rows_changed();
DROP FUNCTION ingest_document_rows_emptied();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0011_published_rows_by_their_unique_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentRows",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="row_tally",
                        serialize=False,
                        to="sources.sourcedocument",
                    ),
                ),
                (
                    "rows",
                    models.PositiveBigIntegerField(default=0, verbose_name="renglones"),
                ),
            ],
            options={
                "verbose_name": "renglones de un documento",
                "verbose_name_plural": "renglones de los documentos",
                "db_table": "ingest_documentrows",
            },
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
