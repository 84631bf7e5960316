"""Each document's tables (rows, first and last row, title), kept by a trigger.

A document's page grouped its published rows by table on every request, and
the documents' list (its page, the API, the open-data table of documents)
counted every document's rows: a federal works file of 250,000 rows took
0.3–0.4 s to group, a list of them seconds. A statement-level trigger on
``ingest_publishedrow`` now adds what a statement inserts to its tables'
rows, and counts again the tables a statement updated or deleted from,
whatever path wrote them (the ORM, COPY, a cascade).
"""

import django.db.models.deletion
from django.db import migrations, models

# A table's figures from its rows, grouped by document and table.
_FIGURES = """
    SELECT document_id, table_id, min(title), count(*), min(row_number),
        max(row_number), min(line)
    FROM {rows} GROUP BY document_id, table_id
"""

# The tables ``rows`` touched, counted again from the published rows left;
# a table left without rows is dropped.
_RECOUNT = """
        INSERT INTO ingest_documenttable (document_id, table_id, title, rows,
            first_row, last_row, first_line)
        SELECT r.document_id, r.table_id, min(r.title), count(*),
            min(r.row_number), max(r.row_number), min(r.line)
        FROM ingest_publishedrow r
        JOIN (SELECT DISTINCT document_id, table_id FROM {rows}) c
            ON r.document_id = c.document_id AND r.table_id = c.table_id
        GROUP BY r.document_id, r.table_id
        ORDER BY 1, 2
        ON CONFLICT (document_id, table_id) DO UPDATE SET
            title = EXCLUDED.title, rows = EXCLUDED.rows,
            first_row = EXCLUDED.first_row, last_row = EXCLUDED.last_row,
            first_line = EXCLUDED.first_line;
        DELETE FROM ingest_documenttable t
        USING (SELECT DISTINCT document_id, table_id FROM {rows}) c
        WHERE t.document_id = c.document_id AND t.table_id = c.table_id
          AND NOT EXISTS (
              SELECT FROM ingest_publishedrow r
              WHERE r.document_id = t.document_id AND r.table_id = t.table_id
          );"""

CREATE = f"""
CREATE FUNCTION ingest_document_tables_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ingest_documenttable (document_id, table_id, title, rows,
            first_row, last_row, first_line)
        {_FIGURES.format(rows="new_rows")}
        ORDER BY 1, 2
        ON CONFLICT (document_id, table_id) DO UPDATE SET
            title = least(ingest_documenttable.title, EXCLUDED.title),
            rows = ingest_documenttable.rows + EXCLUDED.rows,
            first_row = least(ingest_documenttable.first_row, EXCLUDED.first_row),
            last_row = greatest(ingest_documenttable.last_row, EXCLUDED.last_row),
            first_line = least(ingest_documenttable.first_line, EXCLUDED.first_line);
        RETURN NULL;
    END IF;
    -- Rows updated or deleted: their tables counted again from what is left.
    {_RECOUNT.format(rows="old_rows")}
    IF TG_OP = 'UPDATE' THEN
        {_RECOUNT.format(rows="new_rows")}
    END IF;
    RETURN NULL;
END;
$$;

CREATE FUNCTION ingest_document_tables_emptied() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM ingest_documenttable;
    RETURN NULL;
END;
$$;

CREATE TRIGGER ingest_publishedrow_tallied_insert AFTER INSERT ON ingest_publishedrow
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_tables_changed();
CREATE TRIGGER ingest_publishedrow_tallied_update AFTER UPDATE ON ingest_publishedrow
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_tables_changed();
CREATE TRIGGER ingest_publishedrow_tallied_delete AFTER DELETE ON ingest_publishedrow
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_tables_changed();
CREATE TRIGGER ingest_publishedrow_tallied_truncate
    AFTER TRUNCATE ON ingest_publishedrow
    FOR EACH STATEMENT EXECUTE FUNCTION ingest_document_tables_emptied();

INSERT INTO ingest_documenttable (document_id, table_id, title, rows, first_row,
    last_row, first_line)
{_FIGURES.format(rows="ingest_publishedrow")};
"""

DROP = """
DROP TRIGGER ingest_publishedrow_tallied_insert ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_tallied_update ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_tallied_delete ON ingest_publishedrow;
DROP TRIGGER ingest_publishedrow_tallied_truncate ON ingest_publishedrow;
DROP FUNCTION ingest_document_tables_changed();
DROP FUNCTION ingest_document_tables_emptied();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0011_published_rows_by_their_unique_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="DocumentTable",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("table_id", models.CharField(max_length=60, verbose_name="tabla")),
                (
                    "title",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="título de la tabla"
                    ),
                ),
                ("rows", models.PositiveBigIntegerField(verbose_name="renglones")),
                (
                    "first_row",
                    models.PositiveIntegerField(verbose_name="primer renglón"),
                ),
                (
                    "last_row",
                    models.PositiveIntegerField(verbose_name="último renglón"),
                ),
                (
                    "first_line",
                    models.PositiveIntegerField(verbose_name="primera línea"),
                ),
                (
                    "document",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="table_tallies",
                        to="sources.sourcedocument",
                    ),
                ),
            ],
            options={
                "verbose_name": "tabla de un documento",
                "verbose_name_plural": "tablas de los documentos",
                "db_table": "ingest_documenttable",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("document", "table_id"), name="document_table_once"
                    )
                ],
            },
        ),
        migrations.RunSQL(CREATE, DROP),
    ]
