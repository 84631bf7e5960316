"""Values every page template needs."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language, override

from ruta.portal.navigation import site_links


def site(request: HttpRequest) -> dict:
    """Return the site name, its menu and links, and this page in every language."""
    return {
        "site_name": settings.RUTA_SITE_NAME,
        "site_links": site_links(),
        "language_links": language_links(request),
    }


def language_links(request: HttpRequest) -> list[dict]:
    """Return this page in every language, as plain links.

    Links rather than a POST form keep public pages free of CSRF tokens, so
    nginx or a CDN may cache them, and work without JavaScript.
    """
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        with override(code):
            label = str(name)
        links.append(
            {"code": code, "name": label, "url": url, "current": code == current}
        )
    return links
