"""Public pages: home, about the data, map, municipality and region pages."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruta.accounting.selectors import year_statement_views
from ruta.catalog.instance import instance
from ruta.catalog.models import Marginalization, Municipality, State
from ruta.common.db.versioning import data_version, version_kept
from ruta.common.prepared import prepared, prepared_from
from ruta.common.text import glossary
from ruta.common.text.money import format_mxn
from ruta.common.text.search import SearchRefused
from ruta.common.web.caching import form_query, public_page
from ruta.common.web.guards import UnknownValue
from ruta.concertation.selectors import municipality_agreements
from ruta.portal.forms import (
    MunicipalityPickerForm,
    PointsForm,
    QuestionForm,
    SearchForm,
    YearForm,
)
from ruta.portal.maps import (
    Choropleth,
    PlaceWorks,
    choropleth,
    class_map,
    states_choropleth,
)
from ruta.portal.maps import Located as MapLocated
from ruta.portal.need import NeedView, need_and_money
from ruta.portal.places import (
    MAP_POINTS,
    MunicipalityAmount,
    StateAmount,
    located_works,
    municipality_amounts,
    municipality_money,
    region_money,
    state_amounts,
)
from ruta.portal.questions.answers import QUESTION_EXAMPLES, question_ask
from ruta.portal.questions.parse import looks_like_question
from ruta.portal.search import PAGE_SIZE_MAX, PER_KIND, site_search
from ruta.portal.selectors import (
    YearChoice,
    aid_year_choice,
    budget_phases_prepared,
    budget_year_choice,
    demo_works_of_year,
    home_counts,
    latest_changes,
    municipal_year_choice,
    regions_overview,
    works_year_choice,
    year_money,
)
from ruta.portal.statements import BesideWorks, statements_beside_works
from ruta.portal.workmap import (
    GEOJSON_TYPE,
    cells_map,
    points_geojson,
    with_query,
)
from ruta.programs.selectors import year_summaries
from ruta.works.forms import WorkFilterForm
from ruta.works.models import RecipientSex, Work, work_urls
from ruta.works.selectors import work_filter_options
from ruta.works.selectors.aids import aids_by_sex
from ruta.works.selectors.budget import BudgetView
from ruta.works.selectors.points import POINTS_MOST, PointKey, selection_points

# The aids page's columns: each sex, then aids to institutions.
AID_COLUMN_LABELS = {
    **dict(RecipientSex.choices),
    "": gettext_lazy("No aplica (instituciones y municipios)"),
}


def _year_form(
    request: HttpRequest, choice: YearChoice | None = None
) -> tuple[YearForm, int | None]:
    """Return the page's year picker and its year; by default the works pages'."""
    choice = choice or works_year_choice()
    form = YearForm(request.GET or None, years=choice.years, default=choice.default)
    return form, form.chosen_year()


def _state_municipalities(state_code: str):
    municipalities = Municipality.objects.all()
    return municipalities.of_state(state_code) if state_code else municipalities


# A located work on a map: longitude, latitude, title, folio, municipality.
# Kept per data version for every language, so it holds the folio: the
# work's address, which names the page's language, is made when the map is
# drawn (``_drawn``, into ``ruta.portal.maps.Located``).
Located = tuple[Decimal, Decimal, str, str, str]


def _map_inputs(
    year: int, state_code: str
) -> tuple[list[MunicipalityAmount], list[Located]]:
    """Return what a map of ``year`` is drawn from: the places' sums, the points.

    Kept in this process for the data version: a national deployment's
    municipalities made into rows on every home page were a share of it
    (guarded by ``make bench``'s home page).
    """
    return version_kept(
        data_version().token,
        ("portal.map-inputs", year, state_code),
        lambda: _map_inputs_read(year, state_code),
    )


def _map_inputs_read(
    year: int, state_code: str
) -> tuple[list[MunicipalityAmount], list[Located]]:
    rows = municipality_amounts(_state_municipalities(state_code), year)
    # A national map draws states, no works (``states_choropleth``).
    works = located_works(year, state_code=state_code) if state_code else []
    return rows, _located(works)


def _located(works: list[Work]) -> list[Located]:
    return [
        (
            work.longitude,
            work.latitude,
            work.title,
            work.public_id,
            work.municipality_id or "",  # a whole state's work: a point of its own
        )
        for work in works
        if work.longitude is not None and work.latitude is not None
    ]


def _municipality_points(year: int, code: str) -> list[Located]:
    """Return a municipality's located works of ``year``, kept per data version."""
    return version_kept(
        data_version().token,
        ("portal.municipality-points", year, code),
        lambda: _located(located_works(year, state_code=None, municipality=code)),
    )


def _state_rows(year: int) -> list[StateAmount]:
    """Return the states' sums of ``year``, kept in this process per data version."""
    key = ("portal.state-amounts", year)
    return version_kept(data_version().token, key, lambda: state_amounts(year))


def _drawn(
    year: int, state_code: str, rows: list[MunicipalityAmount], located: list[Located]
) -> Choropleth:
    """Return the choropleth of the municipalities whose codes start with
    ``state_code`` (a state's, or one municipality's own) shaded by ``rows``,
    with ``located`` works as points (a national deployment's: the states of
    ``year``)."""
    if not state_code:
        return _states_drawn(_state_rows(year))
    drawn = located[:MAP_POINTS]
    urls = work_urls(folio for _, _, _, folio, _ in drawn)
    points = [
        MapLocated(lon, lat, title, url, place)
        for (lon, lat, title, _, place), url in zip(drawn, urls, strict=True)
    ]
    values = {row.municipality.code: row.amount for row in rows}
    labels = {row.municipality.code: _area_label(row) for row in rows}
    explorer = reverse("works:list")
    places = {
        row.municipality.code: PlaceWorks(
            row.municipality.name,
            f"{explorer}?{_municipality_query(year, row.municipality.code)}",
        )
        for row in rows
    }
    more = len(located) > MAP_POINTS
    return choropleth(
        state_code, values, labels, points, places=places, more_points=more
    )


def _municipality_query(year: int | None, code: str) -> str:
    """Return the explorer's query for a municipality's works of ``year``."""
    return urlencode({"year": year, "municipality": code})


def _states_drawn(rows: list[StateAmount]) -> Choropleth:
    """Return the national map: each state shaded by its works' sum.

    Drawn by municipality, the national home page weighed 940 KB (2,475
    outlines); by state, 178 KB.
    """
    amounts = {row.state.code: row.amount for row in rows}
    labels = {
        row.state.code: _place_label(row.state.name, row.works, row.amount)
        for row in rows
    }
    return states_choropleth(amounts, labels)


def _map_for(year: int | None, state_code: str):
    """Return the state's choropleth for ``year`` and the rows it is drawn from."""
    if year is None:
        return None, []
    rows, located = _map_inputs(year, state_code)
    return _drawn(year, state_code, rows, located), rows


def _municipal_map(year: int | None):
    """Return a municipality's own map for ``year``: its outline alone,
    shaded by its works' sum, with the works located in it as points (the
    municipality page's), and its one row. No other municipality is drawn
    and no region is named: they have no page on its instance."""
    if year is None:
        return None, []
    code = instance().municipality_code
    rows = municipality_amounts(instance().municipalities(), year)
    return _drawn(year, code, rows, _municipality_points(year, code)), rows


def _area_label(row: MunicipalityAmount) -> str:
    """Return what a municipality on the map says: its name and investment."""
    return _place_label(row.municipality.name, row.works, row.amount)


def _place_label(name: str, works: int, amount: Decimal) -> str:
    """Return what a place on the map says: its name and investment."""
    if not works:
        return _("%(name)s: sin obras") % {"name": name}
    return _("%(name)s: %(amount)s en %(count)s obras") % {
        "name": name,
        "amount": format_mxn(amount),
        "count": works,
    }


def _map_and_picker(
    year: int | None,
    state_code: str,
    rows: list[MunicipalityAmount],
    located: list[Located],
) -> tuple[str, str]:
    """Return the home page's map and municipality picker, rendered."""
    area_map = _drawn(year, state_code, rows, located) if year is not None else None
    picker = MunicipalityPickerForm(
        choices=[(row.municipality.code, row.municipality.name) for row in rows]
    )
    map_html = (
        render_to_string(
            "portal/_map.html", {"map": area_map, "year": year, "map_id": "mapa-inicio"}
        )
        if area_map
        else ""
    )
    picker_html = (
        render_to_string("portal/_municipality_picker.html", {"picker": picker})
        if rows
        else ""
    )
    return map_html, picker_html


@public_page(query=form_query(YearForm))
def home(request: HttpRequest) -> HttpResponse:
    """Lead with the money of a year: by source, by subprogram and region, on a map.

    A municipality's instance leads with its POA and its money instead
    (``municipal_home``).
    """
    if instance().municipal:
        return municipal_home(request)
    form, year = _year_form(request)
    state_code = instance().code
    money = year_money(year) if year is not None else None
    # A national deployment draws 2,475 municipalities and lists them in the
    # picker, a state up to 5,000 located works: up to a second to draw, so
    # both are drawn once per distinct inputs (the places' sums and the
    # points, read once per data version), and a change that moves neither
    # reuses them.
    rows, located = _map_inputs(year, state_code) if year is not None else ([], [])
    states = _state_rows(year) if year is not None and not state_code else []
    inputs = (
        [(r.municipality.code, r.works, r.amount) for r in rows],
        located,
        [(r.state.code, r.works, r.amount) for r in states],
    )
    map_html, picker_html = (
        mark_safe(html)  # noqa: S308 - rendered by our own templates
        for html in prepared_from(
            "home-map",
            lambda: _map_and_picker(year, state_code, rows, located),
            inputs,
            year,
            state_code,
        )
    )
    return render(
        request,
        "portal/home.html",
        {
            "year_form": form,
            "money": money,
            "map_html": map_html,
            "picker_html": picker_html,
            "changes": latest_changes(),
            "explore_query": urlencode({"year": year}),
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def municipal_home(request: HttpRequest) -> HttpResponse:
    """Lead with the municipality's POA (each unit's goals on track, late or
    without report, with its semáforo) beside the money invested in its
    works and its budget's moments, all of one year (``municipal_year_choice``)."""
    form, year = _year_form(request, municipal_year_choice())
    summaries = year_summaries(year) if year is not None else []
    return render(
        request,
        "portal/home_municipal.html",
        {
            "place": instance().name(),
            "year_form": form,
            "year": year,
            "summaries": summaries,
            "poa_totals": {
                key: sum(getattr(s, key) for s in summaries)
                for key in ("goals", "on_track", "under", "unknown", "review")
            },
            "money": year_money(year) if year is not None else None,
            "statements": year_statement_views(year) if year is not None else [],
            "explore_query": urlencode({"year": year}),
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@public_page
def about(request: HttpRequest) -> HttpResponse:
    """Show what the platform holds: catalog sizes and documents read."""
    state = instance().state()
    return render(
        request,
        "portal/about.html",
        {"counts": home_counts(state), "regions": regions_overview(state)},
    )


@public_page
def glossary_page(request: HttpRequest) -> HttpResponse:
    """Say what each word of money on the site means (``ruta.common.text.glossary``)."""
    sections = (
        (_("Dónde está el dinero de una obra"), glossary.MONEY_GROUP_TERMS),
        (_("Los momentos del presupuesto"), glossary.BUDGET_MOMENT_TERMS),
        (_("Las personas"), (glossary.BENEFICIARIES,)),
    )
    return render(request, "portal/glossary.html", {"sections": sections})


@public_page(query=form_query(YearForm, also=("estado",)))
def area_map(request: HttpRequest) -> HttpResponse:
    """Show investment per municipality as a map and as a table.

    A national instance maps the states, each a link to its own map of
    municipalities (``?estado=``); the table lists the places shown.
    """
    form, year = _year_form(request)
    state = _state_shown(request)
    municipal = instance().municipal
    if municipal:
        shapes_map, rows = _municipal_map(year)
    else:
        shapes_map, rows = _map_for(year, state.code if state else "")
    states = _state_rows(year) if year is not None and state is None else []
    return render(
        request,
        "portal/map.html",
        {
            "year_form": form,
            "year": year,
            "state": state,
            "state_asked": state is not None and not instance().code,
            "municipal": municipal,
            "place": instance().name() if municipal else "",
            "map": shapes_map,
            "rows": [] if states else rows,
            "state_rows": states,
            "demo_works": demo_works_of_year(year) if year else 0,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def _state_shown(request: HttpRequest) -> State | None:
    """Return the state a page shows: the instance's, or the one asked for."""
    code = instance().code or request.GET.get("estado", "")[:2]
    return State.objects.filter(code=code).first() if code else None


def _need_map(view: NeedView, state_code: str):
    labels = {
        row.place.municipality.code: _(
            "%(name)s: marginación %(grade)s, %(amount)s por habitante"
        )
        % {
            "name": row.place.municipality.name,
            "grade": row.marginalization.get_grade_display().lower(),
            "amount": format_mxn(row.place.per_inhabitant or Decimal(0)),
        }
        for row in view.rows
    }
    classes = {row.place.municipality.code: row.gap.gap_class for row in view.rows}
    return class_map(state_code, classes, labels)


@public_page(query=form_query(YearForm, also=("estado",)))
def need_page(request: HttpRequest) -> HttpResponse:
    """Impulso Social: where marginalisation is high and the works' money is low."""
    form, year = _year_form(request)
    state = _state_shown(request)
    view = need_and_money(state.code, year) if state and year else None
    return render(
        request,
        "portal/need.html",
        {
            "year_form": form,
            "state": state,
            "states": State.objects.order_by("name") if state is None else (),
            "view": view,
            "map": _need_map(view, state.code) if view and state else None,
            "year": year,
            "demo_works": demo_works_of_year(year) if year else 0,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@public_page(query=form_query(YearForm))
def budget_page(request: HttpRequest) -> HttpResponse:
    """The budget's statements in every phase, and the works' phases beside them."""
    # A year with a statement and no works may be asked for, and one with
    # works and no statement: it opens on the latest with a statement.
    form, year = _year_form(request, budget_year_choice())
    budget = _budget_phases(year) if year else None
    return render(
        request,
        "portal/budget.html",
        {
            "year_form": form,
            "budget": budget,
            "statements": _statements_beside_works(budget) if budget else [],
            "demo_works": demo_works_of_year(year) if year else 0,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def _budget_phases(year: int) -> BudgetView:
    return budget_phases_prepared(year)


def _statements_beside_works(budget: BudgetView) -> list[BesideWorks]:
    # The statements of the year (a few), each beside its entity's lines.
    return prepared(
        "budget-statements-beside-works",
        lambda: statements_beside_works(budget),
        budget.year,
    )


@public_page(query=form_query(YearForm))
def aids_page(request: HttpRequest) -> HttpResponse:
    """The year's social aids by concept and municipality, by sex (aggregates)."""
    form, year = _year_form(request, aid_year_choice())
    return render(
        request,
        "portal/aids.html",
        {
            "year_form": form,
            "view": aids_by_sex(year) if year else None,
            "sexes": AID_COLUMN_LABELS,
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@public_page(query=form_query(QuestionForm))
def question_page(request: HttpRequest) -> HttpResponse:
    """The question box: an answer from the data with its sources, or a plain no."""
    form = QuestionForm(request.GET or None)
    answer = (
        question_ask(form.cleaned_data["q"], form.changes())
        if form.is_valid()
        else None
    )
    return render(
        request,
        "portal/question.html",
        {"form": form, "answer": answer, "examples": QUESTION_EXAMPLES},
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@public_page(query=form_query(SearchForm))
def search_page(request: HttpRequest) -> HttpResponse:
    """The site search; a question typed in the header's box goes to the
    question box instead."""
    text = request.GET.get("q", "")
    if looks_like_question(text) and not request.GET.get("tipo"):
        return redirect(f"{reverse('portal:question')}?{urlencode({'q': text})}")
    form = SearchForm(request.GET or None)
    answer = None
    refused = ""
    status = 400
    if form.is_valid():
        kind = form.cleaned_data["tipo"]
        try:
            answer = site_search(
                form.cleaned_data["q"],
                kind=kind,
                page=form.cleaned_data["pagina"] or 1,
                size=PAGE_SIZE_MAX // 2 if kind else PER_KIND,
                after=form.cleaned_data["despues"],
            )
        except SearchRefused as refusal:
            refused = str(refusal)
        except UnknownValue:
            # A cursor this search did not give: a 404 that says so.
            refused, status = (
                str(_("Esa página de resultados no existe: vuelva a la primera.")),
                404,
            )
    elif form.is_bound:
        refused = " ".join(
            str(message) for errors in form.errors.values() for message in errors
        )
    return render(
        request,
        "portal/search.html",
        {"form": form, "answer": answer, "refused": refused},
        status=status if refused else 200,
    )


def municipality_picker(request: HttpRequest) -> HttpResponse:
    """Send the home page's municipality picker to the chosen municipality."""
    code = request.GET.get("municipio", "")
    if not instance().municipalities().filter(code=code[:5]).exists():
        raise Http404("no such municipality")
    return redirect(reverse("portal:municipality", args=[code]))


@public_page(query=form_query(YearForm))
def municipality_page(request: HttpRequest, code: str) -> HttpResponse:
    """Show a municipality's works money: sources, subprograms, per inhabitant."""
    municipality = get_object_or_404(
        instance().municipalities().select_related("region", "state"), code=code
    )
    form, year = _year_form(request)
    # The state's municipalities shaded, this one outlined, its own works as
    # points (the state's first 5,000 might hold none of them).
    shapes_map = None
    if year is not None and instance().municipal:
        shapes_map, _rows = _municipal_map(year)  # its own instance: itself alone
    elif year is not None:
        rows, _ = _map_inputs(year, municipality.state_id)
        located = _municipality_points(year, municipality.code)
        shapes_map = _drawn(year, municipality.state_id, rows, located)
    return render(
        request,
        "portal/municipality.html",
        {
            "municipality": municipality,
            "marginalization": Marginalization.objects.filter(
                municipality=municipality
            ).first(),
            "year_form": form,
            "money": municipality_money(municipality, year) if year else None,
            "map": shapes_map,
            "current": municipality.code,
            "explore_query": _municipality_query(year, code),
            "year": year,
            "concertation": (
                municipality_agreements(municipality, year) if year else None
            ),
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


@public_page(query=form_query(YearForm))
def region_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a plan region's works money and its municipalities."""
    region = get_object_or_404(instance().regions().select_related("state"), pk=pk)
    form, year = _year_form(request)
    rows = municipality_amounts(region.municipalities.all(), year) if year else []
    return render(
        request,
        "portal/region.html",
        {
            "region": region,
            "year_form": form,
            "money": region_money(region, year) if year else None,
            "rows": rows,
            "explore_query": urlencode({"year": year, "region": region.pk}),
        },
        status=200 if form.is_valid() or not form.is_bound else 400,
    )


def favicon(request: HttpRequest) -> HttpResponse:
    """Send ``/favicon.ico`` to the site's icon (browsers ask for it regardless)."""
    return redirect(static("ruta/favicon.svg"), permanent=True)


@public_page(query=form_query(WorkFilterForm))
def works_map(request: HttpRequest) -> HttpResponse:
    """The explorer's selection on a map: its works with coordinates as
    points coloured by status group, a table of them by municipality, and
    those without coordinates counted, with a link to list them."""
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    filters = form.filters()
    query = request.GET.copy()
    context: dict = {"form": form, "query": query.urlencode()}
    if filters is None:
        return render(request, "portal/works_map.html", context, status=400)
    chosen = {name: query.getlist(name) for name in query}
    drawn = cells_map(filters, chosen)
    unlocated_query = {**chosen, "unlocated": "on"}
    context.update(
        {
            "map": drawn.map,
            "rows": drawn.rows,
            "groups": drawn.groups,
            "found": drawn.found,
            "located": drawn.located,
            "approximate": drawn.approximate,
            "unlocated_url": with_query(reverse("works:list"), unlocated_query),
            "points_url": with_query(reverse("portal:map-points"), chosen),
            "explorer_url": with_query(reverse("works:list"), chosen),
            "has_demo": Work.objects.filter(is_demo=True).exists(),
            "points_most": POINTS_MOST,
        }
    )
    return render(request, "portal/works_map.html", context)


@public_page(query=form_query(WorkFilterForm, PointsForm))
def works_points(request: HttpRequest) -> HttpResponse:
    """The explorer's selection's works with coordinates as GeoJSON.

    Bounded: at most ``limite`` points a page (``POINTS_PAGE`` unasked,
    ``POINTS_MOST`` the most);
    the next page starts after its last point (``despues``), its address in
    the answer's ``next`` and a ``Link`` header, so every point of a large
    selection can be read, each page from the index. An invalid filter,
    bound or cursor is a 400 that names it.
    """
    form = WorkFilterForm(request.GET or None, options=work_filter_options())
    bound = PointsForm(request.GET)
    filters = form.filters()
    if filters is None or not bound.is_valid():
        errors = {**form.errors.get_json_data(), **bound.errors.get_json_data()}
        return JsonResponse({"errors": errors}, status=400)
    found = selection_points(filters, most=bound.most(), after=bound.after())
    root = f"{request.scheme}://{request.get_host()}"
    following = _points_page_after(request, found.next_key)
    response = JsonResponse(
        points_geojson(found, root, following),
        content_type=GEOJSON_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    if following is not None:
        response["Link"] = f'<{following}>; rel="next"'
    return response


def _points_page_after(request: HttpRequest, key: PointKey | None) -> str | None:
    """Return the absolute address of the points' page after ``key`` (the same
    filters and bound), or None when no page follows."""
    if key is None:
        return None
    query = request.GET.copy()
    query["despues"] = key.cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
