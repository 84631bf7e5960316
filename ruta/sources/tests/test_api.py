"""The documents API: each imported file, its tables, rows as read and findings.

The file is the CECOP 2024 report's demonstration (``testkit.cecop``).
"""

from testkit.cecop import demonstration_document

DOCUMENT = demonstration_document()


def test_documents_endpoint_lists_each_import_with_its_counts(
    client, imported_demonstration
):
    page = client.get("/api/v1/documents/").json()
    (document,) = page["items"]
    assert page["next"] is None
    assert document["sha256"] == imported_demonstration.document.sha256
    assert (document["kind"], document["agency"], document["fiscal_year"]) == (
        "cecop-annual-report",
        "sonora-cecop",
        2024,
    )
    # 11 findings, 2 of them notes (the "150 mdp" of unstated scope).
    assert (document["row_count"], document["finding_count"]) == (77, 9)


def test_document_endpoint_gives_tables_counted_and_unread_tables(
    client, imported_demonstration
):
    sha = imported_demonstration.document.sha256
    data = client.get(f"/api/v1/documents/{sha}").json()
    tables = {table["id"]: table for table in data["tables"]}
    assert sum(table["row_count"] for table in data["tables"]) == data["row_count"]
    assert "rows" not in tables["tsam_by_subprogram"]
    (table,) = DOCUMENT.report().not_read
    assert [t["lines"] for t in data["not_read"]][0] == [
        table.first_line,
        table.last_line,
    ]


def test_a_tables_rows_keep_their_lines(client, imported_demonstration):
    sha = imported_demonstration.document.sha256
    page = client.get(
        f"/api/v1/documents/{sha}/rows", {"table": "tsam_by_subprogram"}
    ).json()
    first = page["items"][0]
    assert (first["label"], first["line"], first["values"]["works"]) == (
        "PAVIMENTACIÓN",
        DOCUMENT.line_of("PAVIMENTACIÓN\t55\t"),
        55,
    )


def test_the_findings_keep_their_place(client, imported_demonstration):
    sha = imported_demonstration.document.sha256
    page = client.get(f"/api/v1/documents/{sha}/findings").json()
    assert len(page["items"]) == 11  # the notes too
    baseline = next(
        f for f in page["items"] if f["code"] == "indicator_baseline_mismatch"
    )
    aid = DOCUMENT.report().indicator_results.rows[3].place.line
    assert baseline["where"].startswith(f"line {aid} ")


def test_an_unknown_document_is_a_problem_not_found(client, db):
    for tail in ("", "/rows?table=works", "/findings"):
        response = client.get("/api/v1/documents/" + "0" * 64 + tail)
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/problem+json")
