"""Small OCDS files for tests: a release, release and record packages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PERSON_RFC = "PELJ800101AB1"
COMPANY_RFC = "CNO010101AB1"


def release(
    *,
    ocid: str = "ocds-tst001-0001",
    id: str = "ocds-tst001-0001-01",  # noqa: A002 - the OCDS field's name
    date: str = "2024-01-15T00:00:00Z",
    amount: float = 1500000,
    supplier: str = "Constructora del Norte SA de CV",
    supplier_rfc: str = COMPANY_RFC,
    project: str = "OB-2024-001",
) -> dict[str, Any]:
    """Return a release with a tender, an award, a contract and a payment."""
    return {
        "ocid": ocid,
        "id": id,
        "date": date,
        "tag": ["contract"],
        "initiationType": "tender",
        "planning": {"budget": {"projectID": project}},
        "buyer": {"id": "SOP", "name": "Secretaría de Obras"},
        "parties": [
            {"id": "SOP", "name": "Secretaría de Obras", "roles": ["buyer"]},
            {
                "id": supplier_rfc,
                "name": supplier,
                "identifier": {"scheme": "MX-RFC", "id": supplier_rfc},
                "roles": ["supplier"],
            },
        ],
        "tender": {
            "id": "T-1",
            "title": "Pavimentación de la calle Juárez",
            "procurementMethod": "open",
            "value": {"amount": amount, "currency": "MXN"},
            "tenderPeriod": {"startDate": "2024-01-01T00:00:00Z"},
        },
        "awards": [
            {
                "id": "A-1",
                "status": "active",
                "value": {"amount": amount, "currency": "MXN"},
                "suppliers": [{"id": supplier_rfc, "name": supplier}],
            }
        ],
        "contracts": [
            {
                "id": "C-1",
                "awardID": "A-1",
                "value": {"amount": amount, "currency": "MXN"},
                "period": {
                    "startDate": "2024-02-01T00:00:00Z",
                    "endDate": "2024-08-31T00:00:00Z",
                },
                "implementation": {
                    "transactions": [
                        {
                            "id": "P-1",
                            "date": "2024-03-01T00:00:00Z",
                            "value": {"amount": 500000, "currency": "MXN"},
                            "payer": {"id": "TES", "name": "Tesorería"},
                            "payee": {"id": supplier_rfc, "name": supplier},
                        }
                    ]
                },
            }
        ],
    }


def release_package(*releases: dict[str, Any]) -> dict[str, Any]:
    return {
        "uri": "https://example.org/package.json",
        "publishedDate": "2024-04-01T00:00:00Z",
        "version": "1.1",
        "publisher": {"name": "Prueba"},
        "releases": list(releases),
    }


def record_package(releases: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "uri": "https://example.org/records.json",
        "publishedDate": "2024-04-01T00:00:00Z",
        "version": "1.1",
        "publisher": {"name": "Prueba"},
        "records": [{"ocid": releases[0]["ocid"], "releases": releases}],
    }


def ocds_file(directory: Path, name: str, data: Any) -> Path:
    """Write ``data`` as JSON at ``directory/name``; return the path."""
    path = directory / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
