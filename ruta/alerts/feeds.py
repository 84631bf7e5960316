"""Atom feeds of everything that can be followed: no sign-up, no contact.

They read the same ``AlertEvent`` rows the e-mail and messaging alerts
come from. Readers revalidate with an ETag of the newest event of the feed
(alerts are not part of the data version, which would otherwise change at
every delivery), and anonymous copies may be cached for five minutes.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpRequest, HttpResponseBadRequest
from django.http.response import HttpResponseBase
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition
from django.views.decorators.vary import vary_on_cookie

from ruta.alerts.followables import followable
from ruta.alerts.models import AlertEvent, TargetKind
from ruta.alerts.selectors import (
    SearchEmpty,
    Target,
    TargetUnknown,
    feed_events,
    feed_version,
    target_resolve,
)
from ruta.alerts.texts import event_path, event_text, site_label

WORK_KINDS = {TargetKind.WORK, TargetKind.MUNICIPALITY, TargetKind.PROGRAM}


def feed_target(request: HttpRequest, kind: str | None = None, key: str = "") -> Target:
    """Return the target of a feed address; 404 when nothing public is there."""
    try:
        if kind is None:
            return target_resolve(TargetKind.SEARCH, request.GET.urlencode())
        if followable(kind) is None:
            raise TargetUnknown(kind)
        return target_resolve(kind, key)
    except TargetUnknown as unknown:
        raise Http404(_("No hay nada público que seguir con esa clave.")) from unknown


def event_uri(pk: int) -> str:
    """Return a ``urn:uuid:`` for an alert event, the same every time for this site."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{settings.RUTA_SITE_URL}/avisos/{pk}").urn


class TargetFeed(Feed):
    """The latest alert events of one followed thing, as Atom."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest, kind: str | None = None, key: str = ""):
        return feed_target(request, kind, key)

    def title(self, target: Target) -> str:
        return _("%(site)s: avisos de %(target)s") % {
            "site": site_label(),
            "target": target.label,
        }

    def link(self, target: Target) -> str:
        return target.page_url()

    def subtitle(self, target: Target) -> str:
        declared = followable(target.kind)
        if target.kind not in WORK_KINDS and declared is not None:
            return _("Avisos de %(target)s: %(what)s.") % {
                "target": target.label,
                "what": declared.alerts,
            }
        return _(
            "Cambios de estado, avances, pagos y documentos de las obras "
            "publicadas de %(target)s."
        ) % {"target": target.label}

    def items(self, target: Target) -> list[AlertEvent]:
        return feed_events(target)

    def item_title(self, item: AlertEvent) -> str:
        return event_text(item)

    def item_description(self, item: AlertEvent) -> str:
        return event_text(item)

    def item_link(self, item: AlertEvent) -> str:
        if item.work is None:
            return event_path(item)
        return item.work.get_absolute_url() + f"#aviso-{item.pk}"

    def author_name(self) -> str:
        """Name the site as the feed's author (RFC 4287 requires one)."""
        return settings.RUTA_SITE_NAME

    def author_link(self) -> str:
        return settings.RUTA_SITE_URL

    def item_guid(self, item: AlertEvent) -> str:
        """Return the entry's id: an IRI that never changes (RFC 4287 §4.2.6)."""
        return event_uri(item.pk)

    item_guid_is_permalink = False

    def item_pubdate(self, item: AlertEvent) -> datetime:
        return item.occurred_at

    def item_updateddate(self, item: AlertEvent) -> datetime:
        return item.occurred_at


def _etag(request: HttpRequest, kind: str | None = None, key: str = "") -> str | None:
    try:
        target = feed_target(request, kind, key)
    except Http404:
        return None
    return f"{feed_version(target)}:{get_language()}"


_feed = vary_on_cookie(
    cache_control(public=True, max_age=300)(condition(etag_func=_etag)(TargetFeed()))
)


def feed_view(
    request: HttpRequest, kind: str | None = None, key: str = ""
) -> HttpResponseBase:
    """Serve a feed; a search with no filter is told so in plain words (400).

    It would follow every work: a reader is asked for a filter of the works
    explorer rather than given a page a feed reader cannot read.
    """
    if kind is None and _search_empty(request):
        return HttpResponseBadRequest(
            _(
                "Un canal de búsqueda necesita al menos un filtro del "
                "explorador de obras (por ejemplo ?municipality=26030)."
            ),
            content_type="text/plain; charset=utf-8",
        )
    return _feed(request, kind=kind, key=key)


def _search_empty(request: HttpRequest) -> bool:
    """Return whether the search asked has no filter at all.

    An invalid one is not empty: the feed answers it 404, as any unknown
    target.
    """
    try:
        target_resolve(TargetKind.SEARCH, request.GET.urlencode())
    except SearchEmpty:
        return True
    except TargetUnknown:
        return False
    return False
