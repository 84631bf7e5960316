"""The alerts' pages: follow, confirm, leave, one's own data, the webhook.

Pages reached by a signed link show one person's contact to whoever holds
the link, so they are never cached; everything else shows no contact.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

import pghistory
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseForbidden,
)
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from ruta.accounts.permissions import Action, Scope, can
from ruta.alerts.followables import followable
from ruta.alerts.forms import CorrectForm, FollowForm
from ruta.alerts.models import ChannelKind, TargetKind
from ruta.alerts.rules import signature_valid
from ruta.alerts.selectors import (
    MESSAGES_SINCE_DAYS,
    Target,
    TargetUnknown,
    confirmation_targets,
    message_failures,
    message_tallies,
    subscriber_list,
    subscription_by_access,
    target_resolve,
)
from ruta.alerts.services import (
    SUBSCRIBER,
    inbound_message_handle,
    message_status_handle,
    subscription_confirm,
    subscription_correct,
    subscription_end,
    subscription_erase,
    subscription_request,
)
from ruta.alerts.texts import site_label
from ruta.alerts.throttle import signup_allowed
from ruta.alerts.tokens import TokenRefused
from ruta.alerts.webhook import inbound_messages, status_reports
from ruta.common.ops.client import client_address
from ruta.common.web.jsoninput import JsonTooDeep, json_read

logger = logging.getLogger(__name__)
WEBHOOK_MAX_BYTES = 256 * 1024


def _target(kind: str, key: str) -> Target:
    if kind == TargetKind.SEARCH or followable(kind) is None:
        raise Http404(_("Eso no es algo que se pueda seguir."))
    try:
        return target_resolve(kind, key)
    except TargetUnknown as unknown:
        raise Http404(_("No hay nada público que seguir con esa clave.")) from unknown


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow(request: HttpRequest, kind: str, key: str) -> HttpResponse:
    """Offer every way to follow a work, municipality or program."""
    return _follow(request, _target(kind, key))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def follow_search(request: HttpRequest) -> HttpResponse:
    """Offer to follow the explorer's search in the query string."""
    try:
        target = target_resolve(TargetKind.SEARCH, request.GET.urlencode())
    except TargetUnknown:
        return render(
            request,
            "alerts/refused.html",
            {
                "message": _(
                    "Esa búsqueda no se puede seguir: algún filtro no es válido "
                    "o no hay ninguno (seguir todas las obras no es una búsqueda)."
                )
            },
            status=400,
        )
    return _follow(request, target)


def _follow(request: HttpRequest, target: Target) -> HttpResponse:
    form = FollowForm(request.POST if request.method == "POST" else None)
    declared = followable(target.kind)
    context = {
        "target": target,
        "form": form,
        "whatsapp": _keyword(target),
        "alerts": declared.alerts if declared else "",
        "site": site_label(),
    }
    if request.method != "POST":
        return render(request, "alerts/follow.html", context)
    if not form.is_valid():
        return render(request, "alerts/follow.html", context, status=400)
    if form.cleaned_data["website"]:
        return render(request, "alerts/requested.html", context)  # a robot: ignored
    if not signup_allowed(client_address(request)):
        context["throttled"] = True
        return render(request, "alerts/follow.html", context, status=429)
    try:
        subscription_request(
            target=target,
            channel=ChannelKind.EMAIL,
            email=form.cleaned_data["email"].lower(),
            digest=form.cleaned_data["digest"],
            language=get_language() or "es-mx",
            actor=SUBSCRIBER,
        )
    except ValidationError as refused:  # the mailbox had its day's links
        form.add_error(None, refused)
        return render(request, "alerts/follow.html", context, status=429)
    return render(request, "alerts/requested.html", context)


def _keyword(target: Target) -> str:
    """Return the message that follows ``target`` over messaging, if one does."""
    declared = followable(target.kind)
    return f"SEGUIR {declared.word} {target.key.upper()}" if declared else ""


def token_hidden(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the link's token out of the audit history's record of the URL.

    The audit page shows where a change came from; a token there would let
    a reader of the history open someone's data page.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, token: str) -> HttpResponse:
        hidden = request.path.replace(token, "[enlace]")
        with pghistory.context(url=hidden):
            return view(request, token)

    return wrapper


def _refused(request: HttpRequest, refused: TokenRefused) -> HttpResponse:
    messages = {
        "expired": _(
            "El enlace venció. Vuelva a pedir los avisos y use el enlace nuevo."
        ),
        "spent": _(
            "Este enlace ya se usó o ya no es válido. No se cambió nada. Si "
            "necesita otro, vuelva a pedir los avisos."
        ),
        "forged": _(
            "El enlace no es válido (está incompleto o alterado). No se cambió nada."
        ),
    }
    return render(
        request,
        "alerts/refused.html",
        {"message": messages[refused.reason]},
        status=400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@token_hidden
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Confirm a subscription: the button posts, so link scanners spend nothing."""
    try:
        if request.method != "POST":
            targets = confirmation_targets(token)
            return render(
                request, "alerts/confirm.html", {"token": token, "targets": targets}
            )
        subscription = subscription_confirm(token=token, actor=SUBSCRIBER)
    except TokenRefused as refused:
        return _refused(request, refused)
    return render(request, "alerts/confirmed.html", {"subscription": subscription})


@csrf_exempt  # RFC 8058: mail clients post without a session or CSRF token
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@token_hidden
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Leave with one click: a POST ends the subscription, a GET asks first."""
    try:
        subscription = subscription_by_access(token)
    except TokenRefused as refused:
        return _refused(request, refused)
    if request.method == "POST":
        subscription_end(subscription=subscription, actor=SUBSCRIBER)
        return render(request, "alerts/unsubscribed.html", {"token": token})
    return render(
        request,
        "alerts/unsubscribe.html",
        {"token": token, "subscription": subscription},
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@token_hidden
def my_data(request: HttpRequest, token: str) -> HttpResponse:
    """Show, correct or erase one's own data (ARCO rights)."""
    try:
        subscription = subscription_by_access(token)
    except TokenRefused as refused:
        return _refused(request, refused)
    form = CorrectForm(
        request.POST if request.POST.get("action") == "correct" else None
    )
    action = request.POST.get("action", "")
    if action == "erase":
        subscription_erase(subscription=subscription, actor=SUBSCRIBER)
        return render(request, "alerts/erased.html")
    if action == "end":
        subscription_end(subscription=subscription, actor=SUBSCRIBER)
        subscription.refresh_from_db()
    elif action == "correct" and form.is_valid():
        try:
            subscription = subscription_correct(
                subscription=subscription,
                email=form.cleaned_data["email"].lower(),
                actor=SUBSCRIBER,
            )
        except ValidationError as refused:  # the mailbox had its day's links
            form.add_error(None, refused)
    status = 400 if form.is_bound and not form.is_valid() else 200
    context = {"subscription": subscription, "form": form, "token": token}
    return render(request, "alerts/my_data.html", context, status=status)


@never_cache
@login_required
def subscribers(request: HttpRequest) -> HttpResponse:
    """List open subscriptions with their contact, for administrators; logged."""
    if not can(request.user, Action.VIEW_PERSONAL_DATA, Scope()):
        raise PermissionDenied
    rows = subscriber_list(request.user, purpose=request.path)
    now = timezone.now()
    context = {
        "subscriptions": rows,
        "tallies": message_tallies(now),
        "failures": message_failures(now),
        "days": MESSAGES_SINCE_DAYS,
    }
    return render(request, "alerts/subscribers.html", context)


# ------------------------------------------------------------- the webhook


@csrf_exempt  # signed by the Cloud API instead (X-Hub-Signature-256)
@never_cache
@require_http_methods(["GET", "POST"])
def whatsapp_webhook(request: HttpRequest) -> HttpResponse:
    """Answer the verification handshake (GET) and take messages (POST)."""
    if request.method == "GET":
        return _handshake(request)
    body = request.body[: WEBHOOK_MAX_BYTES + 1]
    signature = request.headers.get("X-Hub-Signature-256", "")
    secret = settings.RUTA_WHATSAPP_APP_SECRET
    if len(body) > WEBHOOK_MAX_BYTES or not signature_valid(body, signature, secret):
        return HttpResponseForbidden(_("Firma no válida."), content_type="text/plain")
    try:
        payload = json_read(body)
    except JsonTooDeep as deep:
        return HttpResponse(
            _("El JSON anida más de %(limit)s arreglos u objetos; no se leyó.")
            % {"limit": deep.limit},
            status=400,
            content_type="text/plain",
        )
    except ValueError:
        return HttpResponse(
            _("El cuerpo no es JSON."), status=400, content_type="text/plain"
        )
    for message in inbound_messages(payload):
        inbound_message_handle(
            phone=message.phone, text=message.text, at=message.at, actor=SUBSCRIBER
        )
    message_status_handle(reports=status_reports(payload), actor=SUBSCRIBER)
    return HttpResponse("ok", content_type="text/plain")


def _handshake(request: HttpRequest) -> HttpResponse:
    mode = request.GET.get("hub.mode", "")
    token = request.GET.get("hub.verify_token", "")
    challenge = request.GET.get("hub.challenge", "")
    expected = settings.RUTA_WHATSAPP_VERIFY_TOKEN
    if mode == "subscribe" and expected and token == expected and challenge.isdigit():
        return HttpResponse(challenge[:64], content_type="text/plain")
    return HttpResponseForbidden(
        _("Verificación rechazada."), content_type="text/plain"
    )
