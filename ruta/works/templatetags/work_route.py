"""``{% money_route route %}``: a work's money route, drawn three ways.

A diagram (SVG, for a wide screen), the same stages as steps (for a phone)
and a table with the same figures (for a screen reader and a copy). Written
here rather than in an included template: every node is drawn in all three,
and the template engine's loops over a few nodes were a fifth of the work
page's rendering; escaping and formats are the template's own
(``format_html``'s, written by ``ruta.common.fast.markup``; ``mxn``, the
``date`` filter).
"""

from __future__ import annotations

from django import template
from django.template.defaultfilters import date as date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from ruta.common.fast.markup import markup, markup_join
from ruta.common.templatetags.ruta_format import mxn
from ruta.works.selectors.route import MoneyRoute, RouteLink, RouteNode, RouteStep

register = template.Library()


@register.simple_tag
def money_route(route: MoneyRoute) -> SafeString:
    """Return the route's diagram, steps and table."""
    return markup(
        "\n{}\n{}\n{}", _diagram(route), _steps(route.steps), _table(route.nodes)
    )


def _diagram(route: MoneyRoute) -> SafeString:
    columns = markup_join(
        "",
        '<text x="{}" y="14" class="route-column">{}</text>',
        ((x, title) for title, x in route.columns),
    )
    links = markup_join("", "{}", ((_link(link),) for link in route.links))
    nodes = markup_join("", "{}", ((_node(node),) for node in route.nodes))
    return markup(
        '<figure class="route route-wide">\n'
        '  <div class="route-scroll" tabindex="0" role="region" aria-label="{}">\n'
        '  <svg viewBox="0 0 {} {}" width="{}" aria-labelledby="ruta-titulo" '
        'class="route-svg">\n'
        '    <title id="ruta-titulo">{}</title>\n'
        "    {}\n"
        '    <g transform="translate(0 24)">\n'
        "    {}\n"
        "    {}\n"
        "    </g>\n"
        "  </svg>\n"
        "  </div>\n"
        '  <figcaption class="muted">{}</figcaption>\n'
        "</figure>",
        gettext("Diagrama de la ruta del dinero"),
        route.width,
        route.height + 24,
        route.width,
        gettext(
            "Ruta del dinero: fuentes, programa, subprograma, obra, contratos y pagos"
        ),
        columns,
        links,
        nodes,
        gettext(
            "El grosor de cada trazo es proporcional al monto. La tabla siguiente "
            "da las mismas cifras."
        ),
    )


def _link(link: RouteLink) -> SafeString:
    return markup(
        '<path d="{}" stroke-width="{}" class="route-link route-link-{}">'
        "<title>{} → {}: {}</title></path>",
        link.path,
        link.width,
        link.source.kind,
        link.source.title,
        link.target.title,
        mxn(link.amount),
    )


def _node(node: RouteNode) -> SafeString:
    label = (
        date_format(node.when, "SHORT_DATE_FORMAT")
        if node.kind == "payment"
        else node.label
    )
    return markup(
        '<g class="route-node route-{}"><title>{}: {}</title>'
        '<rect x="{}" y="{}" width="{}" height="{}" rx="4"></rect>'
        '<text x="{}" y="{}">{}</text>'
        '<text x="{}" y="{}" class="route-amount">{}</text></g>',
        node.kind,
        node.title,
        mxn(node.amount),
        node.x,
        node.y,
        node.width,
        node.height,
        node.text_x,
        node.text_y,
        label,
        node.text_x,
        node.amount_y,
        mxn(node.amount),
    )


def _steps(steps: list[RouteStep]) -> SafeString:
    listed = markup_join("", "{}", ((_step(step),) for step in steps))
    return markup(
        '<ol class="route-steps" aria-label="{}">\n  {}\n</ol>',
        gettext("Ruta del dinero, de la fuente al pago"),
        listed,
    )


def _step(step: RouteStep) -> SafeString:
    items = markup_join(
        "",
        "\n      "
        '<li class="route-step-item route-{}">\n'
        '        <span class="route-step-name">{}</span>\n'
        '        <span class="route-step-figures"><strong>{}</strong>{}</span>\n'
        '        <svg class="route-step-bar" width="100%" height="6" '
        'aria-hidden="true" focusable="false"><rect width="{}%" height="6" '
        'rx="3"></rect></svg>\n'
        "      </li>\n"
        "      ",
        (
            (
                item.node.kind,
                item.node.title,
                mxn(item.node.amount),
                _when(item.node),
                item.share,
            )
            for item in step.items
        ),
    )
    return markup(
        '\n  <li class="route-step">\n'
        "    <h3>{}</h3>\n"
        "    <ul>\n"
        "      {}\n"
        "    </ul>\n"
        "  </li>\n"
        "  ",
        step.title,
        items,
    )


def _when(node: RouteNode) -> str:
    return f" · {date_format(node.when, 'DATE_FORMAT')}" if node.when else ""


def _table(nodes: list[RouteNode]) -> SafeString:
    stage, amount, day = gettext("Etapa"), gettext("Monto"), gettext("Fecha")
    rows = markup_join(
        "",
        '\n    <tr><td data-label="{}">{}</td><th scope="row">{}</th>'
        '<td class="num" data-label="{}">{}</td><td data-label="{}">{}</td></tr>\n'
        "  ",
        (
            (
                stage,
                node.stage,
                node.title,
                amount,
                mxn(node.amount),
                day,
                date_format(node.when, "DATE_FORMAT") or "—",
            )
            for node in nodes
        ),
    )
    return markup(
        '<table class="stacked route-table">\n'
        "  <caption>{}</caption>\n"
        '  <thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col" class="num">{}</th><th scope="col">{}</th></tr></thead>\n'
        "  <tbody>\n"
        "  \n"
        "  {}\n"
        "  </tbody>\n"
        "</table>\n",
        gettext("Ruta del dinero, etapa por etapa"),
        stage,
        gettext("Concepto"),
        amount,
        day,
        rows,
    )
