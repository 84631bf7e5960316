"""The site's menu and the addresses every page's header and footer link to.

Every page reversed the same twenty addresses and translated the menu's
names again (guarded by ``make bench``'s work page). They depend only on the
active language, the script prefix and the URL configuration, so each
process builds them once for each of those and every page reads them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ruta.common.fast.markup import markup_join
from ruta.common.text.search import SEARCH_MAX_LENGTH
from ruta.portal.questions.parse import MAX_QUESTION_LENGTH

# The main menu, in its order: each entry's URL name and its name.
MENU = (
    ("portal:home", _("Inicio")),
    ("works:list", _("Obras")),
    ("portal:map", _("Mapa")),
    ("indicators:list", _("Indicadores")),
    ("reports:index", _("Informes")),
    ("programs:index", _("Programas (POA)")),
    ("sources:list", _("Documentos")),
    ("grants:calls", _("Apoyos a OSC")),
    ("opengov:plans", _("Gobierno abierto")),
    ("budgeting:list", _("Presupuesto participativo")),
    ("opendata:index", _("Datos abiertos")),
    ("portal:question", _("Preguntar")),
)

# The other addresses the header and the footer link to, by their URL names.
LINKED = (
    "portal:home",
    "portal:search",
    "portal:about",
    "portal:glossary",
    "accounts:login",
    "opendata:index",
    "api:openapi-view",
    "datarequests:new",
    "datarequests:list",
    "usage:page",
    "calendar:index",
)


@dataclass(frozen=True)
class SiteLinks:
    """The menu, written, and the linked addresses by URL name.

    ``urls`` keys are the URL names with ``:`` and ``-`` as ``_``, so a
    template reads ``site_links.urls.portal_home``.
    """

    urls: dict[str, str]
    # The menu's items as the header lists them, written once.
    menu_html: SafeString
    # The longest text the header's box takes: a question's bound (a search
    # longer than its own bound is refused on its page, saying so).
    search_max: int = max(MAX_QUESTION_LENGTH, SEARCH_MAX_LENGTH)


_built: dict[tuple[str, str, str], SiteLinks] = {}


def site_links() -> SiteLinks:
    """Return the links for the active language, built once per process."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    key = (get_language() or "", get_script_prefix(), str(urlconf))
    links = _built.get(key)
    if links is None:
        menu = tuple((reverse(name), str(label)) for name, label in MENU)
        links = _built[key] = SiteLinks(
            urls={
                name.replace(":", "_").replace("-", "_"): reverse(name)
                for name in LINKED
            },
            menu_html=markup_join("", '\n          <li><a href="{}">{}</a></li>', menu),
        )
    return links
