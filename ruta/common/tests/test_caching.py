import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseNotFound, HttpResponseRedirect
from django.test import RequestFactory

from ruta.common.web.caching import UNSETTLED_MAX_AGE, public_page, unsettled

pytestmark = pytest.mark.django_db


def _get(view, user=None, **headers):
    request = RequestFactory().get("/es-mx/", headers=headers)
    request.user = user or AnonymousUser()
    return view(request)


@public_page
def page(request):
    return HttpResponse("<p>Obras</p>")


def test_anonymous_readers_get_a_public_page_with_an_etag():
    response = _get(page)
    assert response["Cache-Control"] == "public, max-age=300"
    assert response["ETag"]
    assert response["Vary"] == "Cookie"


def test_a_matching_etag_is_answered_not_modified():
    etag = _get(page)["ETag"]
    assert _get(page, if_none_match=etag).status_code == 304


def test_signed_in_users_get_a_private_page(django_user_model):
    user = django_user_model(email="persona@example.org")
    response = _get(page, user=user)
    assert response["Cache-Control"] == "private"
    assert not response.has_header("ETag")


def test_an_error_page_is_not_made_public():
    @public_page
    def missing(request):
        return HttpResponseNotFound("no")

    assert "public" not in _get(missing).get("Cache-Control", "")


def test_a_current_reader_is_answered_without_running_the_view():
    calls = []

    @public_page
    def counted(request):
        calls.append(1)
        return HttpResponse("<p>Obras</p>")

    first = _get(counted)
    again = _get(counted, if_none_match=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    assert len(calls) == 1


def test_a_change_of_the_data_gives_the_page_a_new_etag(hermosillo):
    from testkit.factories.works import WorkFactory

    before = _get(page)["ETag"]
    WorkFactory(municipality=hermosillo)
    assert _get(page, if_none_match=before).status_code == 200


def test_an_error_or_a_redirect_carries_no_validators():
    @public_page
    def missing(request):
        return HttpResponseNotFound("no")

    @public_page
    def moved(request):
        return HttpResponseRedirect("/en/")

    for response in (_get(missing), _get(moved)):
        assert not response.has_header("ETag")
        assert not response.has_header("Last-Modified")


def test_a_reader_with_the_current_date_is_answered_not_modified():
    changed = _get(page)["Last-Modified"]
    again = _get(page, if_modified_since=changed)
    assert again.status_code == 304
    assert not again.has_header("Content-Type")


def test_a_post_is_never_answered_from_a_validator():
    @public_page
    def form(request):
        return HttpResponse("<p>Gracias</p>")

    etag = _get(form)["ETag"]
    request = RequestFactory().post("/es-mx/", headers={"if-none-match": etag})
    request.user = AnonymousUser()
    answer = form(request)
    assert answer.status_code == 200
    assert not answer.has_header("ETag")


def test_an_unsettled_page_is_kept_a_moment_and_carries_no_validators():
    @public_page
    def pending(request):
        return unsettled(HttpResponse("<p>Sumando…</p>"))

    response = _get(pending)
    assert response["Cache-Control"] == f"public, max-age={UNSETTLED_MAX_AGE}"
    assert not response.has_header("ETag")
    assert not response.has_header("Last-Modified")


def test_a_page_may_have_every_cache_check_it_each_time():
    @public_page(max_age=0)
    def checked(request):
        return HttpResponse("<p>Totales</p>")

    response = _get(checked)
    assert response["Cache-Control"] == "public, max-age=0"
    assert _get(checked, if_none_match=response["ETag"]).status_code == 304
