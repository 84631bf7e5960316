"""Grants pages: public calls and results; the organisation's, the reviewer's
and the staff's desks. Thin: parse, call a selector or a service, render.

One module per stage: ``public`` (pages and open data), ``applying``,
``management`` (the staff's desk of a call), ``application`` (an application's
file), ``evaluation`` and ``agreements`` (the actions posted from it, each to
its own address: ``posted``), ``files`` (its private files) and
``supervision`` (the technical file and the visits).
"""

from ruta.grants.views.application import application_page
from ruta.grants.views.applying import (
    apply_page,
    dashboard_page,
    organization_register_view,
)
from ruta.grants.views.files import application_file
from ruta.grants.views.management import call_new_page, call_rules_set, manage_page
from ruta.grants.views.organizations import (
    debt_file,
    debt_new,
    debt_settle_view,
    organization_view,
    review_decide,
    review_page,
    signup_page,
    signup_verify,
)
from ruta.grants.views.public import (
    call_page,
    calls_index,
    directory_page,
    register_download,
    register_page,
    results_download,
    results_page,
)
from ruta.grants.views.supervision import (
    technical_file_download,
    technical_file_page,
    visit_new_page,
)

__all__ = [
    "debt_file",
    "debt_new",
    "debt_settle_view",
    "directory_page",
    "application_file",
    "application_page",
    "apply_page",
    "call_new_page",
    "call_page",
    "call_rules_set",
    "calls_index",
    "dashboard_page",
    "manage_page",
    "organization_register_view",
    "organization_view",
    "review_decide",
    "review_page",
    "signup_page",
    "signup_verify",
    "register_download",
    "register_page",
    "results_download",
    "results_page",
    "technical_file_download",
    "technical_file_page",
    "visit_new_page",
]
