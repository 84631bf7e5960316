from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory

from ruta.common.caching import public_page


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
