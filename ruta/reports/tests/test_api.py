"""The report endpoint: every table with its cells compared."""


def test_report_endpoint_gives_tables_cells_and_comparison(client, report_demo):
    data = client.get("/api/v1/reports/annual/CECOP/2024").json()
    assert data["has_demo_data"] is True
    assert data["comparison"]["different"] == 2  # the semáforo summary
    table = next(t for t in data["tables"] if t["id"] == "tsam_by_subprogram")
    total = table["rows"][-1]
    assert total["is_total"] is True
    assert total["cells"]["total"] == {
        "value": "188077805.06",
        "published": "188077805.06",
        "status": "equal",
    }
    assert len(data["findings"]) == 11


def test_report_endpoint_of_unknown_agency_is_not_found(client, db):
    assert client.get("/api/v1/reports/annual/NADA/2024").status_code == 404
