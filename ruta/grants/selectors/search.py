"""The grants' part of the site search: organisations, calls and their projects.

Only what the public pages show: an organisation as the public directory
lists it (its name; never a contact, a representative or a coordinator),
the instance's published calls, and the projects a published result lists.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from ruta.common.text.search import Found, Hit, entries_found, entries_kept, words_of
from ruta.grants.models import Application, Call, Organization
from ruta.grants.selectors.organizations import DIRECTORY_PAGE, directory_organizations


def organizations_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the directory's organisations whose name holds every word."""
    entries = entries_kept(
        "organizations",
        lambda: directory_organizations(),
        ["name"],
        _organization_hit,
    )
    return entries_found(entries, words, offset, limit)


def _organization_hit(organization: Organization) -> Hit:
    """Point at the organisation's place in the public directory (by name)."""
    before = (
        directory_organizations()
        .filter(
            Q(name__lt=organization.name)
            | Q(name=organization.name, pk__lt=organization.pk)
        )
        .count()
    )
    page, row = divmod(before, DIRECTORY_PAGE)
    url = f"{reverse('grants:directory')}?pagina={page + 1}#osc-{row + 1}"
    return Hit(title=organization.name, url=url, detail=_("Directorio de OSC"))


def organizations_search_words() -> set[str]:
    """Return the words of the directory's organisations' names."""
    return words_of(directory_organizations().values_list("name", flat=True))


def calls_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the instance's published calls whose title holds every word."""
    entries = entries_kept(
        "calls",
        lambda: Call.objects.published().here(),
        ["title", "code"],
        lambda call: Hit(
            title=call.title,
            url=reverse("grants:call", args=[call.code]),
            detail=_("Convocatoria %(year)s") % {"year": call.fiscal_year},
        ),
    )
    return entries_found(entries, words, offset, limit)


def calls_search_words() -> set[str]:
    """Return the words of the published calls' titles."""
    return words_of(Call.objects.published().here().values_list("title", flat=True))


def projects_search(words: Sequence[str], offset: int, limit: int) -> Found:
    """Return a page of the results' projects whose title holds every word."""
    entries = entries_kept(
        "projects",
        lambda: Application.objects.filter(call__in=_results_calls()).select_related(
            "call", "organization"
        ),
        ["title"],
        lambda project: Hit(
            title=project.title,
            url=reverse("grants:results", args=[project.call.code]),
            detail=f"{project.organization.name} · {project.call.title}",
        ),
    )
    return entries_found(entries, words, offset, limit)


def _results_calls() -> QuerySet[Call]:
    """Return the calls whose result is published (an allocation was run)."""
    return (
        Call.objects.published()
        .here()
        .filter(pk__in=Call.objects.filter(allocation_runs__isnull=False).values("pk"))
    )


def projects_search_words() -> set[str]:
    """Return the words of the results' projects' titles."""
    return words_of(
        Application.objects.filter(call__in=_results_calls()).values_list(
            "title", flat=True
        )
    )
