"""The staff page: administrators give and take staff roles on the site.

Without the Django admin: an administrator invites a person by e-mail with a
role over an agency or a municipality of this instance (or the whole site,
for another administrator), adds roles to an account and removes them. Each
change is a service's write, audited; the page itself logs the accounts it
shows as personal-data reads.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from ruta.accounts import services
from ruta.accounts.forms import StaffInviteForm
from ruta.accounts.http import SignedInRequest
from ruta.accounts.models import RoleAssignment
from ruta.accounts.permissions import Action, can
from ruta.accounts.selectors import staff_page
from ruta.catalog.instance import instance


def _invite_form(request: SignedInRequest) -> StaffInviteForm:
    """Return the invitation form, offering only this instance's places."""
    here = instance()
    return StaffInviteForm(
        request.POST if request.method == "POST" else None,
        agencies=here.agencies().order_by("name"),
        municipalities=here.municipalities().order_by("name"),
    )


@never_cache
@login_required
def staff_list(request: SignedInRequest) -> HttpResponse:
    """List staff accounts and their roles, with the invitation form."""
    if not can(request.user, Action.MANAGE_USERS):
        raise PermissionDenied(_("Sólo quien administra cuentas ve esta página."))
    form = _invite_form(request)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invited = services.staff_invite(
                email=data["email"],
                full_name=data["full_name"],
                role=data["role"],
                agency=data["agency"],
                municipality=data["municipality"],
                actor=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _invited_message(invited))
            return redirect("accounts:staff")
    page = staff_page(request.user, request.GET.get("pagina"), request.path)
    return render(
        request,
        "accounts/staff.html",
        {"page": page, "form": form},
        status=400 if form.errors else 200,
    )


def _invited_message(invited: services.StaffInvitation) -> str:
    """Say what the invitation did, for the page it returns to."""
    if invited.created:
        return _(
            "Cuenta creada para %(email)s con la función «%(role)s»: le enviamos "
            "el enlace para elegir su contraseña."
        ) % {"email": invited.user.email, "role": invited.assignment}
    return _("%(email)s tiene ahora la función «%(role)s»; se le avisó por correo.") % {
        "email": invited.user.email,
        "role": invited.assignment,
    }


@require_POST
@login_required
def role_remove(request: SignedInRequest, pk: int) -> HttpResponse:
    """Take one role away from an account; say why when it may not be."""
    assignment = get_object_or_404(
        RoleAssignment.objects.select_related("user", "agency", "municipality"), pk=pk
    )
    try:
        services.role_remove(assignment=assignment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Se quitó la función «%(role)s» a %(email)s.")
            % {"role": assignment, "email": assignment.user.email},
        )
    return redirect("accounts:staff")
