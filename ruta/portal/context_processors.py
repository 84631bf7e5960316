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
    nginx or a CDN may cache them, and work without JavaScript. The page's
    own language is not a link: its address is not worked out again.
    """
    current = get_language()
    here = request.get_full_path()
    return [
        {
            "code": code,
            "name": _own_name(code, name),
            "url": here if code == current else translate_url(here, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


# Each language's name in that language, translated once per process.
_names: dict[str, str] = {}


def _own_name(code: str, name: object) -> str:
    if code not in _names:
        with override(code):
            _names[code] = str(name)
    return _names[code]
