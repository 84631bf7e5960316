"""The documents API: each imported file, its rows as read and its findings."""


def test_documents_endpoint_lists_each_import_with_its_counts(client, imported_seed):
    (document,) = client.get("/api/v1/documents/").json()
    assert document["sha256"] == imported_seed.document.sha256
    assert (document["kind"], document["agency"], document["fiscal_year"]) == (
        "cecop-annual-report",
        "sonora-cecop",
        2024,
    )
    # 11 findings, 2 of them notes (the "150 mdp" of unstated scope).
    assert (document["row_count"], document["finding_count"]) == (77, 9)


def test_document_endpoint_gives_rows_with_lines_findings_and_unread_tables(
    client, imported_seed
):
    sha = imported_seed.document.sha256
    data = client.get(f"/api/v1/documents/{sha}").json()
    tables = {table["id"]: table for table in data["tables"]}
    first = tables["tsam_by_subprogram"]["rows"][0]
    assert (first["label"], first["line"], first["values"]["works"]) == (
        "PAVIMENTACIÓN",
        316,
        55,
    )
    baseline = next(
        f for f in data["findings"] if f["code"] == "indicator_baseline_mismatch"
    )
    assert baseline["where"].startswith("line 268")
    assert [t["lines"] for t in data["not_read"]][2] == [489, 497]


def test_an_unknown_document_is_a_problem_not_found(client, db):
    response = client.get("/api/v1/documents/" + "0" * 64)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
