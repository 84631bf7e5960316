"""The shipped Prometheus alert rules name only series the platform declares.

A rule about a series renamed or never declared would stay silent forever:
this reads ``deploy/prometheus/ruta-alerts.yml`` and checks every series
each expression names against ``ruta.common.ops.metrics``. Its PromQL syntax is
checked by the operator's ``promtool check rules`` (docs/deploy.md); the
suite does not install Prometheus for it.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ruta.common.ops.metrics import declared_series

RULES = Path(__file__).resolve().parent.parent / "deploy/prometheus/ruta-alerts.yml"
# Series Prometheus writes itself for every target it scrapes.
PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
# Words of PromQL that are not series.
KEYWORDS = {
    "and",
    "or",
    "unless",
    "bool",
    "offset",
    "by",
    "without",
    "on",
    "ignoring",
    "group_left",
    "group_right",
    "inf",
    "nan",
}
_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')
_GROUPING = re.compile(
    r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", re.I
)
_BRACKETS = re.compile(r"\{[^}]*\}|\[[^\]]*\]")
_NAME = re.compile(r"(?<![\w:.])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()")


def series_named(expression: str) -> set[str]:
    """Return the series a PromQL expression names (not functions, labels, words)."""
    bare = _BRACKETS.sub(" ", _GROUPING.sub(" ", _STRINGS.sub('""', expression)))
    return {name for name in _NAME.findall(bare) if name.lower() not in KEYWORDS}


def _rules() -> list[dict]:
    document = yaml.safe_load(RULES.read_text(encoding="utf-8"))
    return [rule for group in document["groups"] for rule in group["rules"]]


def test_the_reading_of_an_expression_finds_its_series_and_nothing_else():
    expression = (
        'sum by (queue) (rate(ruta_x_total{status=~"5..", a="b c"}[5m])) '
        "/ ignoring(le) max without (view) (other:series) > 0.5 "
        "unless on (job) absent(up) and bool 1e3"
    )
    assert series_named(expression) == {"ruta_x_total", "other:series", "up"}


def test_every_series_the_alert_rules_name_is_declared():
    declared = declared_series() | PROMETHEUS_OWN
    rules = _rules()
    named = {rule["alert"]: series_named(str(rule["expr"])) for rule in rules}
    assert all(named.values()), "a rule that names no series"
    unknown = {alert: names - declared for alert, names in named.items()}
    assert {alert: names for alert, names in unknown.items() if names} == {}


def test_the_alert_rules_cover_what_an_operator_is_paged_for():
    rules = _rules()
    alerts = {rule["alert"] for rule in rules}
    assert {
        "RutaSiteDown",
        "RutaJobStalled",
        "RutaReplicaLag",
        "RutaPublishFailing",
        "RutaMailFailing",
    } <= alerts
    for rule in rules:
        assert rule["labels"]["severity"] in {"page", "warning"}
        assert rule["annotations"]["summary"]
