"""What the packages mend in other publishers' data, and say they mended."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from ruta.opendata.normalise import (
    currency_code,
    normalising,
    published_ocid,
    role_code,
    zoned,
)
from ruta.opendata.ocds import ocds_package
from ruta.opendata.registrations import registered_prefixes
from ruta.opendata.tests.world import OCID
from ruta.works.models import (
    ContractingParty,
    ContractingProcess,
    ContractingRelease,
)

URI = "https://datos.example.org/es-mx/datos/ocds.json"


def test_a_known_spelling_of_the_peso_is_its_code_and_an_unknown_is_left_out():
    with normalising() as mended:
        assert currency_code("MXN") == "MXN"
        assert currency_code("usd") == "USD"
        assert currency_code("MNX") == "MXN"
        assert currency_code("M.N.") == "MXN"
        assert currency_code("PESOS ORO") is None
    assert mended.currencies == {"MNX→MXN": 1, "M.N.→MXN": 1}
    assert mended.currencies_left_out == {"PESOS ORO": 1}


def test_a_spanish_role_label_is_its_code_and_an_unknown_role_stays():
    with normalising() as mended:
        assert role_code("supplier") == "supplier"
        assert role_code("Proveedor") == "supplier"
        assert role_code("ENTIDAD  CONTRATANTE") == "procuringEntity"
        assert role_code("Testigo social") == "Testigo social"
    assert mended.roles == {
        "Proveedor→supplier": 1,
        "ENTIDAD  CONTRATANTE→procuringEntity": 1,
    }


def test_an_ocid_without_a_registered_prefix_goes_under_the_instances(settings):
    settings.RUTA_OCDS_PREFIX = "ocds-abc123"
    with normalising() as mended:
        assert published_ocid("ocds-87sd3t-AD-1") == "ocds-87sd3t-AD-1"
        assert published_ocid("PC-0016") == "ocds-abc123-PC-0016"
    assert mended.ocids_prefixed == 1


def test_a_date_time_without_offset_is_given_the_sites_zone_and_one_with_is_kept(
    settings,
):
    settings.TIME_ZONE = "America/Mexico_City"
    with normalising() as mended:
        naive = zoned(datetime.fromisoformat("2014-02-05T00:00:00"))
        kept = zoned(datetime.fromisoformat("2014-02-05T00:00:00+08:00"))
    assert naive.isoformat() == "2014-02-05T00:00:00-06:00"
    assert kept.isoformat() == "2014-02-05T00:00:00+08:00"
    assert mended.dates_zoned == 1


@pytest.mark.django_db
def test_a_release_dated_without_offset_is_published_with_one_and_counted(
    exported, settings
):
    """Some publishers print ``2014-02-05T00:00:00``; the schema's date-time
    needs an offset, so the package would not validate as printed."""
    settings.TIME_ZONE = "America/Mexico_City"
    process = ContractingProcess.objects.get(ocid=OCID)
    first = process.releases.get()
    ContractingRelease.objects.create(
        process=process,
        release_id=f"{OCID}-02",
        date="2025-01-15T10:30:00",
        document=first.document,
        place="releases[1]",
        data={"ocid": OCID},
    )
    package = json.loads("".join(ocds_package(uri=URI)))
    [release] = [r for r in package["releases"] if r["ocid"] == OCID]
    assert release["date"] == "2025-01-15T10:30:00-06:00"
    assert package["x_normalizacion"]["fechasConZonaDelSitio"] == 1


@pytest.mark.django_db
def test_the_package_writes_what_it_mended_and_says_so(exported, settings):
    settings.RUTA_OCDS_PREFIX = "ocds-abc123"
    ContractingProcess.objects.filter(ocid=OCID).update(ocid="PC-0016", currency="MNX")
    ContractingParty.objects.filter(process__ocid="PC-0016", roles=["tenderer"]).update(
        roles=["Licitante"]
    )
    package = json.loads("".join(ocds_package(uri=URI)))
    [release] = [r for r in package["releases"] if r["ocid"].endswith("PC-0016")]
    assert release["ocid"] == "ocds-abc123-PC-0016"
    assert release["tender"]["value"]["currency"] == "MXN"
    roles = [role for party in release["parties"] for role in party["roles"]]
    assert "Licitante" not in roles
    assert package["x_normalizacion"]["ocidsConPrefijo"] == 1
    assert package["x_normalizacion"]["monedasCorregidas"]["MNX→MXN"] >= 1


def test_a_deployment_is_warned_of_a_placeholder_prefix_and_refused_a_malformed(
    settings,
):
    settings.RUTA_OCDS_PREFIX = "ocds-ruta00"
    settings.RUTA_OC4IDS_PREFIX = "oc4ids-Mal"
    found = {message.id for message in registered_prefixes()}
    assert found == {"ruta.opendata.W001", "ruta.opendata.E001"}
    settings.RUTA_OCDS_PREFIX = "ocds-abc123"
    settings.RUTA_OC4IDS_PREFIX = "oc4ids-abc123"
    assert registered_prefixes() == []
