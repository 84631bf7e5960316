from datetime import date

import pytest

from ruta.works.models import FundingSource, Payment
from ruta.works.selectors.explore import sorted_from_matches
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import ContractFactory, ProgressFactory, WorkFactory

MEMBER = "Integrante Ficticio Secreto"


@pytest.fixture
def work(hermosillo):
    work = WorkFactory(
        municipality=hermosillo,
        realized=True,
        is_demo=True,
        funding=[
            (FundingSource.STATE, "800000.00"),
            (FundingSource.MUNICIPALITY, "200000.00"),
        ],
    )
    ProgressFactory(work=work)
    CommitteeMemberFactory(
        committee=CommitteeFactory(work=work),
        full_name=MEMBER,
        email="secreto@example.org",
        phone="000 111 2222",
    )
    return work


def test_list_gives_the_demo_flag_on_every_item(client, work):
    body = client.get("/api/v1/works/").json()
    assert len(body["items"]) == 1
    assert body["items"][0]["is_demo"] is True
    assert body["next"] is None


def test_list_searches_without_accents(client, work, alamos):
    WorkFactory(municipality=alamos, published=True)
    body = client.get("/api/v1/works/", {"q": "ALAMOS"}).json()
    assert [item["municipality_name"] for item in body["items"]] == ["Álamos"]


def test_detail_gives_funding_in_source_order_and_progress(client, work):
    body = client.get(f"/api/v1/works/{work.public_id}").json()
    assert [row["source"] for row in body["funding"]] == ["state", "municipality"]
    assert body["funding_total"] == "1000000.00"
    assert body["progress"][0]["physical_percent"] == "50.00"
    assert body["committee"] == {"formed_on": "2024-02-15", "member_count": 1}


def test_committee_members_never_reach_the_api(client, work):
    text = client.get(f"/api/v1/works/{work.public_id}").content.decode()
    text += client.get("/api/v1/works/").content.decode()
    assert MEMBER not in text
    assert "secreto@example.org" not in text
    assert "000 111 2222" not in text


def test_unknown_work_is_not_found(client, db):
    assert client.get("/api/v1/works/NO-EXISTE").status_code == 404


def test_detail_gives_a_companys_rfc_and_withholds_a_persons(client, work):
    ContractFactory(work=work, contractor_rfc="CDD150312AB1", amount=10)
    ContractFactory(
        work=work,
        contractor_rfc="GOMA800229HJ5",
        amount=10,
        signed_on=date(2024, 3, 1),
    )
    text = client.get(f"/api/v1/works/{work.public_id}").content.decode()
    contracts = client.get(f"/api/v1/works/{work.public_id}").json()["contracts"]
    assert [
        (c["contractor_rfc"], c["contractor_is_natural_person"]) for c in contracts
    ] == [
        ("CDD150312AB1", False),
        (None, True),
    ]
    assert "GOMA800229HJ5" not in text


def test_detail_is_read_in_the_selectors_fixed_number_of_queries(
    client, work, django_assert_num_queries
):
    ContractFactory(work=work, amount=10)
    client.get(f"/api/v1/works/{work.public_id}")  # catalog rows, once per version
    # the data version (once for the request: the ETag and the catalog rows),
    # the work with which kinds of rows it has, its funding, contracts,
    # progress, payments, its committee and the committee's member count
    with django_assert_num_queries(8):
        body = client.get(f"/api/v1/works/{work.public_id}").json()
    assert body["funding_total"] == "1000000.00"
    assert len(body["contracts"]) == 1


def test_a_list_page_costs_the_same_queries_for_any_number_of_works(
    client, hermosillo, cajeme, alamos, django_assert_num_queries
):
    for place in (hermosillo, cajeme, alamos) * 4:
        WorkFactory(municipality=place, published=True)
    client.get("/api/v1/works/?page_size=2")  # catalog rows, once per version
    client.get("/api/v1/works/?page_size=12")
    # the data version and the page: its catalog rows come from memory
    for size in (2, 12):
        with django_assert_num_queries(2):
            body = client.get(f"/api/v1/works/?page_size={size}").json()
        assert {w["municipality_name"] for w in body["items"]} <= {
            "Hermosillo",
            "Cajeme",
            "Álamos",
        }


def test_detail_lists_payment_records_with_their_invoice(client, work):
    contract = ContractFactory(work=work, number="C-9", signed_on=date(2024, 2, 1))
    Payment.objects.create(
        contract=contract,
        paid_on=date(2024, 3, 1),
        amount="1000.00",
        invoice_uuid="6f1c2b3a-4d5e-4f60-8a9b-0c1d2e3f4a5b",
    )
    (payment,) = client.get(f"/api/v1/works/{work.public_id}").json()["payments"]
    assert payment == {
        "paid_on": "2024-03-01",
        "amount": "1000.00",
        "contract_number": "C-9",
        "invoice_uuid": "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B",
        "source_document_sha256": None,
        "source_line": None,
    }


@pytest.mark.parametrize("narrowed", [False, True], ids=["all", "few-of-a-place"])
def test_list_pages_walk_every_work_once_in_the_published_order(
    client, hermosillo, alamos, monkeypatch, narrowed
):
    """A place's few works are read whole and sorted; the pages are the same."""
    asked = []
    monkeypatch.setattr(
        "ruta.works.api.sorted_from_matches",
        lambda filters: asked.append(sorted_from_matches(filters)) or asked[-1],
    )
    for n in range(5):
        WorkFactory(public_id=f"OB-{n}", municipality=hermosillo, published=True)
        WorkFactory(public_id=f"AL-{n}", municipality=alamos, published=True)
    params = {"page_size": 2, **({"municipality": hermosillo.code} if narrowed else {})}
    listed, address = [], "/api/v1/works/"
    while address:
        body = client.get(address, params).json()
        listed += [item["public_id"] for item in body["items"]]
        address, params = body["next"], {}
    expected = sorted(
        f"{place}-{n}"
        for n in range(5)
        for place in ("OB", "AL")[: 1 if narrowed else 2]
    )
    assert listed == expected
    assert set(asked) == {narrowed}
