"""People who sign in, and the roles they hold over agencies and municipalities."""

from __future__ import annotations

from typing import ClassVar

import pghistory
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import Group, PermissionsMixin
from django.contrib.auth.password_validation import validate_password
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.common.audit.history import row_trackers


def email_key(email: str) -> str:
    """Return ``email`` as the platform stores and matches it: lower case, trimmed."""
    return email.strip().lower()


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        """Return the user whose e-mail is ``username``, whatever its case."""
        return self.get(email=email_key(username or ""))

    def create_user(
        self, email: str, password: str | None = None, **fields: object
    ) -> User:
        """Create a user who signs in with ``email``.

        Every path that creates an account comes here (``createsuperuser``
        with or without ``--noinput`` included), so the password policy is
        checked here; ``None`` makes an account that cannot sign in.
        """
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=email_key(email), **fields)
        if password is not None:
            validate_password(password, user=user)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str, **fields: object) -> User:
        """Create a Django superuser (used by ``createsuperuser``)."""
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **fields)


# The audit label of a read of a user's personal data (name, e-mail).
PERSONAL_DATA_VIEWED = "personal_data_viewed"


@pghistory.track(
    *row_trackers(),
    pghistory.ManualEvent(PERSONAL_DATA_VIEWED),
    exclude=["password", "last_login"],
)
class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account; the e-mail address is the login."""

    email = models.EmailField(_("correo electrónico"), unique=True)
    full_name = models.CharField(_("nombre completo"), max_length=200, blank=True)
    is_active = models.BooleanField(_("activo"), default=True)
    is_staff = models.BooleanField(_("acceso al administrador"), default=False)
    date_joined = models.DateTimeField(_("alta"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("usuario")
        verbose_name_plural = _("usuarios")
        constraints = [
            # Stored in lower case, so the unique e-mail is unique whatever
            # the case a person types it in.
            models.CheckConstraint(
                condition=models.Q(email=Lower("email")), name="user_email_lower_case"
            )
        ]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = email_key(self.email)


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrador")
    VALIDATOR = "validator", _("Validador")
    CAPTURE = "capture", _("Capturista")
    COMMITTEE = "committee", _("Integrante de comité")
    APPLICANT = "applicant", _("Organización solicitante")
    REVIEWER = "reviewer", _("Dictaminador")
    # An oversight body's reader (ISAF, the Contraloría, a programme's
    # normative body): reads within its agencies, writes nothing.
    AUDITOR = "auditor", _("Auditor (sólo lectura)")


@pghistory.track()
class RoleAssignment(models.Model):
    """A role a user holds, scoped to an agency and/or a municipality.

    A role with neither scope is global only for administrators; for every
    other role an unscoped assignment reaches no agency's or municipality's
    data (deny by default).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="assignments")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("dependencia"),
    )
    municipality = models.ForeignKey(
        "catalog.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("municipio"),
    )

    class Meta:
        verbose_name = _("asignación de rol")
        verbose_name_plural = _("asignaciones de rol")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "agency", "municipality"],
                nulls_distinct=False,
                name="role_assignment_unique",
            )
        ]

    def __str__(self) -> str:
        scope = self.agency or self.municipality or _("global")
        return f"{self.get_role_display()} · {scope}"


# The audit label of a sign-in with one of a second factor's recovery codes.
RECOVERY_CODE_USED = "recovery_code_used"


@pghistory.track(
    *row_trackers(),
    pghistory.ManualEvent(RECOVERY_CODE_USED),
    exclude=["key", "last_step", "recovery_codes"],
)
class SecondFactor(models.Model):
    """A staff member's authenticator (TOTP, RFC 6238) and recovery codes.

    The history records when it was confirmed, each use of a recovery code
    and when an administrator removed it, never the key nor the codes
    (``ruta.accounts.secondfactor``).
    """

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="second_factor"
    )
    # 20 random bytes in hex: the shared secret of RFC 4226.
    key = models.CharField(_("clave"), max_length=40)
    confirmed = models.DateTimeField(_("confirmado"), null=True, blank=True)
    # The last time step accepted: a code is never accepted twice.
    last_step = models.BigIntegerField(default=0)
    # SHA-256 of each recovery code not used yet.
    recovery_codes = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("segundo factor")
        verbose_name_plural = _("segundos factores")

    def __str__(self) -> str:
        return str(self.user)


# The keys to personal data that Django's admin hands out: a group, a
# permission of a user, a permission of a group (each a row of a table
# Django makes for a many-to-many field). Every grant and removal is history,
# as role assignments are; a proxy lets the history live in this app.
@pghistory.track()
class UserGroup(User.groups.through):  # type: ignore[name-defined]  # Django makes the through model at runtime
    """A user's membership of a group, which lends the group's permissions."""

    class Meta:
        proxy = True
        verbose_name = _("grupo de un usuario")
        verbose_name_plural = _("grupos de los usuarios")


@pghistory.track()
class UserPermission(User.user_permissions.through):  # type: ignore[name-defined]  # Django makes the through model at runtime
    """A permission granted to one user."""

    class Meta:
        proxy = True
        verbose_name = _("permiso de un usuario")
        verbose_name_plural = _("permisos de los usuarios")


@pghistory.track()
class GroupPermission(Group.permissions.through):  # type: ignore[name-defined]  # Django makes the through model at runtime
    """A permission granted to a group, and so to each of its members."""

    class Meta:
        proxy = True
        verbose_name = _("permiso de un grupo")
        verbose_name_plural = _("permisos de los grupos")


@pghistory.track()
class AccessGroup(Group):
    """A group itself (its name); its members and permissions are the rows above."""

    class Meta:
        proxy = True
        verbose_name = _("grupo")
        verbose_name_plural = _("grupos")
