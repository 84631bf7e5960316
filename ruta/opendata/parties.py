"""The organisations a project or a release names, each once, with all its roles.

A natural person an OCDS file names is never a party here (their name and
RFC are personal data). A contractor captured on the platform is named as on
the work's page, but only a company's RFC (12 characters) is its identifier
(scheme ``MX-RFC``): a person's 13 are personal data.
"""

from __future__ import annotations

from typing import Any

from django.utils.text import slugify

from ruta.catalog.models import Agency
from ruta.common.text.rfc import is_person_rfc
from ruta.opendata.normalise import role_code
from ruta.opendata.packages import compact, label
from ruta.works.models import Contract, ContractingParty, Funding, FundingSource

RFC_SCHEME = "MX-RFC"


class Parties:
    """The parties of one project, keyed by id, their roles merged."""

    def __init__(self) -> None:
        self._by_id: dict[str, dict[str, Any]] = {}

    def add(self, party: dict[str, Any], *roles: str) -> dict[str, str]:
        """Record ``party`` with ``roles``; return the reference to it."""
        kept = self._by_id.setdefault(party["id"], {**party, "roles": []})
        codes = [role_code(role) for role in roles]
        kept["roles"] += [
            code for code in dict.fromkeys(codes) if code not in kept["roles"]
        ]
        return compact({"id": party["id"], "name": party.get("name")})

    def as_list(self) -> list[dict[str, Any]]:
        """Return the parties in the order they were first named."""
        return [compact(party) for party in self._by_id.values()]


def agency_party(agency: Agency) -> dict[str, Any]:
    """Return a public body as a party, identified by its catalog key."""
    return {"id": f"dependencia-{agency.code}", "name": agency.name}


def funding_label(row: Funding) -> str:
    """Return a funding row's source and fund, as ``Funding.__str__`` does."""
    return f"{label(FundingSource, row.source)} {row.fund}".strip()


def funding_party(row: Funding) -> dict[str, Any]:
    """Return the source of a funding row (a government, a fund) as a party."""
    key = f"fuente-{row.source}" + (f"-{slugify(row.fund)}" if row.fund else "")
    return {"id": key, "name": funding_label(row)}


def contractor_party(contract: Contract) -> dict[str, Any]:
    """Return a captured contract's contractor; a person's RFC stays out."""
    rfc = contract.public_contractor_rfc
    if rfc:
        return {
            "id": f"{RFC_SCHEME}-{rfc}",
            "name": contract.contractor_name,
            "identifier": {
                "scheme": RFC_SCHEME,
                "id": rfc,
                "legalName": contract.contractor_name,
            },
        }
    return {"id": f"contratista-{contract.pk}", "name": contract.contractor_name}


def ocds_party(process_ocid: str, party: ContractingParty) -> dict[str, Any] | None:
    """Return an organisation an OCDS process names; None for a natural person."""
    if party.is_person or not party.name:
        return None
    identifier = "" if is_person_rfc(party.identifier) else party.identifier
    return compact(
        {
            "id": party.party_id or f"{process_ocid}-parte-{party.pk}",
            "name": party.name,
            "identifier": compact({"id": identifier}) or None,
        }
    )
