"""Pages of problem reports: the public list, a report, the form, staff, contact.

Public pages never show a reporter's contact. The staff pages show it only to
readers allowed to view personal data over the report's work, and log it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from ruta.accounts.actors import SystemActor
from ruta.accounts.http import SignedInRequest
from ruta.accounts.permissions import Action, can
from ruta.common.files.privatefiles import private_file_response
from ruta.common.ops.client import client_address
from ruta.common.web.caching import form_query, public_page
from ruta.common.web.forms import form_submit
from ruta.problems import rules, selectors, services
from ruta.problems.forms import (
    ContactForm,
    DeclineForm,
    HideForm,
    KeyForm,
    ListFilterForm,
    MergeForm,
    PlaceForm,
    ReportForm,
    StatusForm,
)
from ruta.problems.models import ApiKey, PendingReport, ProblemReport
from ruta.problems.tokens import contact_token_read
from ruta.works.models import Work

PAGE_SIZE = 25
# Kept reports listed on the staff's page at once, oldest first.
PENDING_LISTED = 200
# The thank-you page names a report filed from this browser within a day.
THANKS_SALT = "problems.thanks"
THANKS_MAX_AGE = 24 * 60 * 60
CONTACT_LINK = SystemActor("reporter contact link")


@public_page(query=form_query(ListFilterForm))
def report_list(request: HttpRequest) -> HttpResponse:
    """List reports, newest first, by status and municipality."""
    form = ListFilterForm(request.GET)
    if not form.is_valid():
        return render(
            request, "problems/list.html", {"form": form, "page": None}, status=400
        )
    reports = selectors.reports_public(
        status=form.cleaned_data["status"],
        municipality_code=form.cleaned_data["municipality"],
        work_public_id=form.cleaned_data["obra"],
    )
    paginator = Paginator(reports, PAGE_SIZE)
    number = form.cleaned_data["page"] or 1
    if number > max(paginator.num_pages, 1):
        raise Http404
    page = paginator.page(number)
    return render(
        request,
        "problems/list.html",
        {
            "form": form,
            "page": page,
            "query": _query(form),
            "has_demo": any(report.is_demo for report in page),
        },
    )


def _query(form: ListFilterForm) -> str:
    """Return the filters as a query string, for the page links."""
    return urlencode(
        {
            name: form.cleaned_data[name]
            for name in ("status", "municipality", "obra")
            if form.cleaned_data.get(name)
        }
    )


@public_page
def report_page(request: HttpRequest, number: int) -> HttpResponse:
    """Show a report: its work, category, text (or why it is hidden), timeline."""
    try:
        report = selectors.report_public(number)
    except ProblemReport.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "problems/detail.html",
        {
            "report": report,
            "timeline": selectors.report_timeline(report),
            "duplicates": report.duplicates.count(),
        },
    )


def report_photo(request: HttpRequest, number: int) -> HttpResponseBase:
    """Serve a report's photo (re-encoded, no metadata) unless it is hidden."""
    try:
        report = selectors.report_public(number)
    except ProblemReport.DoesNotExist as missing:
        raise Http404 from missing
    if not report.photo or report.is_hidden:
        raise Http404
    return private_file_response(
        report.photo,
        name=f"problematica-{report.pk}.jpg",
        cache="public",
    )


def _published_work(public_id: str) -> Work:
    try:
        return (
            Work.objects.published()
            .select_related("municipality")
            .get(public_id=public_id)
        )
    except Work.DoesNotExist as missing:
        raise Http404(_("No hay una obra publicada con ese folio.")) from missing


@never_cache
@require_http_methods(["GET", "POST"])
def report_new(request: HttpRequest, public_id: str) -> HttpResponse:
    """The form to report a problem with a published work; anyone may file."""
    work = _published_work(public_id)
    form = ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_trap_filled():
            return redirect("problems:thanks")
        filed = form_submit(
            form, lambda: _file(request, work, form.cleaned_data), fields=REPORT_FIELDS
        )
        if filed.ok and filed.value is not None:
            return redirect(_thanks_url(filed.value))
    context = {
        "work": work,
        "form": form,
        "suggestions": selectors.report_suggestions(work.pk),
    }
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "problems/new.html", context, status=status)


# Where a refusal of ``report_file`` is shown: its code → the form field.
REPORT_FIELDS = {
    "photo_too_large": "photo",
    "photo_format": "photo",
    "photo_unreadable": "photo",
    "location_outside": "latitude",
    "location_partial": "latitude",
    "phone_invalid": "phone",
    "description_short": "description",
    "description_long": "description",
}


def _file(request: HttpRequest, work: Work, data: dict[str, Any]) -> ProblemReport:
    """File a report from the public form's cleaned data."""
    photo = data.get("photo")
    return services.report_file(
        work=work,
        category=data["category"],
        description=data["description"],
        place=services.Place(data["latitude"], data["longitude"], data["address"]),
        contact=services.Contact(data["name"], data["email"], data["phone"]),
        photo=photo,
        photo_size=photo.size if photo else 0,
        client=client_address(request),
        actor=services.PUBLIC_FORM,
    )


def _thanks_url(report: ProblemReport) -> str:
    """Return the thank-you page naming the report filed, by a signed number.

    Signed, so the page says "your report" only of one this browser filed;
    the report itself is public (its contact data never shows).
    """
    token = signing.dumps(report.pk, salt=THANKS_SALT)
    return f"{reverse('problems:thanks')}?{urlencode({'reporte': token})}"


def report_thanks(request: HttpRequest) -> HttpResponse:
    """Thank the reporter with the report's number, its page and how to follow it.

    Also what a robot that fell in the trap reads (no number then).
    """
    report = None
    try:
        number = signing.loads(
            request.GET.get("reporte", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE
        )
        report = selectors.report_public(int(number))
    except (signing.BadSignature, ValueError, TypeError, ProblemReport.DoesNotExist):
        report = None
    return render(request, "problems/thanks.html", {"report": report})


# ------------------------------------------------------------- staff


@never_cache
@login_required
def queue(request: SignedInRequest) -> HttpResponse:
    """The moderation queue: reports on works within the reader's scope."""
    if not selectors.may_open_queue(request.user):
        raise PermissionDenied
    form = ListFilterForm(request.GET)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    reports = selectors.reports_in_queue(user=request.user, status=status)[:200]
    contacts = selectors.report_contacts(
        reports=reports, user=request.user, purpose=request.path
    )
    rows = [(report, contacts.get(report.pk)) for report in reports]
    return render(request, "problems/queue.html", {"rows": rows, "form": form})


def _staff_report(request: HttpRequest, number: int) -> ProblemReport:
    report = get_object_or_404(
        ProblemReport.objects.select_related("work", "category", "duplicate_of"),
        pk=number,
    )
    if not selectors.may_moderate(request.user, report):
        raise PermissionDenied
    return report


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def moderate(request: SignedInRequest, number: int) -> HttpResponse:
    """Answer or moderate one report: status with response, hide, merge."""
    report = _staff_report(request, number)
    forms = _moderation_forms(report, None)
    if request.method == "POST":
        action = request.POST.get("action", "")
        forms = _moderation_forms(report, action, request.POST)
        if action in forms and _moderate_apply(request, report, action, forms[action]):
            return redirect("problems:moderate", number=report.pk)
    contacts = selectors.report_contacts(
        reports=[report], user=request.user, purpose=request.path
    )
    return render(
        request,
        "problems/moderate.html",
        {
            "report": report,
            "contact": contacts.get(report.pk),
            "timeline": selectors.report_timeline(report),
            "forms": forms,
        },
        status=400 if request.method == "POST" else 200,
    )


def _moderation_forms(
    report: ProblemReport, action: str | None, data: dict | None = None
) -> dict:
    allowed = rules.next_statuses(report.status)
    return {
        "status": StatusForm(data if action == "status" else None, allowed=allowed),
        "hide": HideForm(data if action == "hide" else None),
        "merge": MergeForm(data if action == "merge" else None),
    }


def _moderate_apply(request, report, action: str, form) -> bool:
    """Apply one moderation action; return whether it was stored."""
    done = form_submit(
        form,
        lambda: _moderate(request, report, action, form.cleaned_data),
        fields={"merge_target_missing": "into"},
    )
    if done.ok and done.value is not None:
        messages.success(request, done.value)
    return done.ok


def _moderate(request, report, action: str, data: dict[str, Any]) -> str:
    """Run one moderation action's service; return what to tell the moderator."""
    if action == "status":
        services.report_status_change(
            report=report,
            status=data["status"],
            response=data["response"],
            actor=request.user,
        )
        return _("Estado actualizado con su respuesta.")
    if action == "hide":
        services.report_hide(report=report, reason=data["reason"], actor=request.user)
        return _("Reporte oculto; se publica el motivo.")
    into = ProblemReport.objects.filter(pk=data["into"]).first()
    if into is None:
        raise ValidationError(
            _("No existe el reporte #%(n)s.") % {"n": data["into"]},
            code="merge_target_missing",
        )
    services.report_merge(report=report, into=into, actor=request.user)
    return _("Reporte sumado al #%(n)s.") % {"n": into.pk}


# ------------------------------------------------ reports to place


@never_cache
@login_required
def pending_list(request: SignedInRequest) -> HttpResponse:
    """The civic apps' reports whose address named no single work."""
    if not selectors.may_open_queue(request.user):
        raise PermissionDenied
    waiting = list(selectors.pending_waiting()[:PENDING_LISTED])
    return render(request, "problems/pending_list.html", {"waiting": waiting})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def pending_one(request: SignedInRequest, number: int) -> HttpResponse:
    """Place one kept report on a work, or decline it with the reason."""
    if not selectors.may_open_queue(request.user):
        raise PermissionDenied
    pending = get_object_or_404(
        PendingReport.objects.select_related("category", "api_key", "report"),
        pk=number,
    )
    action = request.POST.get("action", "") if request.method == "POST" else ""
    place = PlaceForm(request.POST if action == "place" else None)
    decline = DeclineForm(request.POST if action == "decline" else None)
    if action == "place":
        done = form_submit(
            place,
            lambda: _placed(request, pending, place.cleaned_data["work"]),
            fields={"work_unknown": "work", "work_unpublished": "work"},
            denied=_(
                "Esa obra no es de su ámbito: ubica el reporte quien atiende los "
                "reportes de la obra."
            ),
        )
        if done.ok and done.value is not None:
            report = done.value
            messages.success(
                request,
                _("Reporte ubicado: es el #%(n)s de la obra.") % {"n": report.pk},
            )
            return redirect("problems:moderate", number=report.pk)
    elif action == "decline":
        declined = form_submit(
            decline,
            lambda: services.pending_report_decline(
                pending=pending,
                reason=decline.cleaned_data["reason"],
                actor=request.user,
            ),
            fields={"reason_length": "reason"},
        )
        if declined.ok:
            messages.success(
                request, _("Reporte descartado; la aplicación lee el motivo.")
            )
            return redirect("problems:pending")
    contact = selectors.pending_contact(
        pending=pending, user=request.user, purpose=request.path
    )
    return render(
        request,
        "problems/pending_one.html",
        {
            "pending": pending,
            "contact": contact,
            "place": place,
            "decline": decline,
            "forms_sent": (place, decline),
            "may_decline": selectors.may_decline_pending(request.user, pending),
        },
        status=400 if request.method == "POST" else 200,
    )


def _placed(
    request: SignedInRequest, pending: PendingReport, folio: str
) -> ProblemReport:
    """Place ``pending`` on the published work ``folio``; refuse an unknown one."""
    work = Work.objects.published().filter(public_id=folio.strip()).first()
    if work is None:
        raise ValidationError(
            _("No hay una obra publicada con folio «%(id)s».") % {"id": folio[:40]},
            code="work_unknown",
        )
    return services.pending_report_place(pending=pending, work=work, actor=request.user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def keys(request: SignedInRequest) -> HttpResponse:
    """Issue and revoke the keys civic apps file reports with (Open311)."""
    if not can(request.user, Action.MANAGE_USERS):
        raise PermissionDenied
    form, secret = KeyForm(), ""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            key = get_object_or_404(ApiKey, pk=_int(request.POST.get("key")))
            services.api_key_revoke(key=key, actor=request.user)
            messages.success(request, _("Clave revocada."))
            return redirect("problems:keys")
        form = KeyForm(request.POST)
        issued = form_submit(
            form,
            lambda: services.api_key_issue(
                name=form.cleaned_data["name"], actor=request.user
            ),
            fields={"key_name": "name"},
        )
        if issued.ok and issued.value is not None:
            _key, secret = issued.value
    return render(
        request,
        "problems/keys.html",
        {"form": form, "secret": secret, "keys": selectors.api_keys()},
    )


def _int(value: str | None) -> int:
    text = (value or "").strip()
    if not text.isdigit() or len(text) > 9:
        raise Http404
    return int(text)


# ------------------------------------------------ the reporter's contact


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, token: str) -> HttpResponse:
    """The reporter's private page: see, correct or delete their contact."""
    number = contact_token_read(token)
    report = ProblemReport.objects.filter(pk=number).first() if number else None
    if report is None:
        raise Http404(_("El enlace no es válido."))
    form = ContactForm(
        initial={
            "name": report.reporter_name,
            "email": report.reporter_email,
            "phone": report.reporter_phone,
        }
    )
    if request.method == "POST":
        if request.POST.get("action") == "erase":
            services.contact_erase(report=report, actor=CONTACT_LINK)
            messages.success(request, _("Sus datos de contacto fueron borrados."))
            return redirect("problems:contact", token=token)
        form = ContactForm(request.POST)
        corrected = form_submit(
            form,
            lambda: services.contact_correct(
                report=report,
                contact=services.Contact(**form.cleaned_data),
                actor=CONTACT_LINK,
            ),
        )
        if corrected.ok:
            messages.success(request, _("Sus datos de contacto fueron corregidos."))
            return redirect("problems:contact", token=token)
    return render(
        request,
        "problems/contact.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )
