import pytest
from django.urls import reverse

from ruta.portal.selectors import home_counts
from testkit.factories.works import ContractFactory, WorkFactory


def test_list_shows_the_demo_banner_and_count(client, hermosillo):
    WorkFactory.create_batch(2, municipality=hermosillo, published=True, is_demo=True)
    page = client.get(reverse("works:list")).content.decode()
    assert 'class="demo-banner"' in page
    assert "2 obras encontradas" in page


def test_list_filters_by_accent_insensitive_search(client, alamos, hermosillo):
    WorkFactory(municipality=alamos, title="Obra en la sierra", published=True)
    WorkFactory(municipality=hermosillo, title="Obra en la capital", published=True)
    page = client.get(reverse("works:list"), {"q": "alamos"}).content.decode()
    assert "Obra en la sierra" in page
    assert "Obra en la capital" not in page


@pytest.mark.parametrize(
    ("field", "value"), [("year", "dos mil"), ("year", "1999"), ("status", "bogus")]
)
def test_list_shows_no_works_and_the_error_for_an_invalid_filter(
    client, hermosillo, field, value
):
    WorkFactory(municipality=hermosillo, published=True)
    response = client.get(reverse("works:list"), {field: value})
    page = response.content.decode()
    assert response.status_code == 200
    assert "0 obras encontradas" in page
    assert f'id="id_{field}-error"' in page


def test_list_with_valid_filters_shows_the_matching_works(client, hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    response = client.get(reverse("works:list"), {"year": work.fiscal_year.year})
    assert "1 obra encontrada" in response.content.decode()


def test_work_page_shows_money_in_mexican_format(client, hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "$1,000,000.00" in page


def test_unpublished_work_page_is_not_found(client, hermosillo):
    work = WorkFactory(municipality=hermosillo)
    assert client.get(work.get_absolute_url()).status_code == 404


def test_home_counts_published_works(client, hermosillo):
    WorkFactory.create_batch(3, municipality=hermosillo, published=True)
    WorkFactory(municipality=hermosillo)
    page = client.get(reverse("portal:about")).content.decode()
    assert "Obras registradas" in page
    assert home_counts().works == 3


def test_work_page_publishes_a_companys_rfc_but_not_a_persons(client, hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    ContractFactory(work=work, contractor_rfc="CDD150312AB1")
    ContractFactory(work=work, contractor_rfc="GOMA800229HJ5", amount=10)
    page = client.get(work.get_absolute_url()).content.decode()
    assert "CDD150312AB1" in page
    assert "GOMA800229HJ5" not in page
    assert "Persona física (RFC reservado)" in page


@pytest.mark.parametrize("page", ["works:list", "portal:home"])
def test_public_pages_may_be_cached_by_anyone_for_anonymous_readers(client, db, page):
    response = client.get(reverse(page))
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    again = client.get(reverse(page), headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304


def test_work_page_is_private_for_signed_in_users(client, make_user, hermosillo):
    work = WorkFactory(municipality=hermosillo, published=True)
    client.force_login(make_user())
    response = client.get(work.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
