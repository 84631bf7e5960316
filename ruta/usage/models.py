"""Usage counted in aggregate rows: a day, a kind, a name, where, a number.

Nothing here can tell one reader from another: no address, cookie, session
or identifier is read or kept, only how many answers each section, dataset
or API part gave in a day. The demo's counts are marked (``is_demo``). The
rows are not audited (they are counts, not decisions) and not part of the
data version (counting a page view must not make every cached page stale).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class UsageKind(models.TextChoices):
    PAGE = "page", _("Páginas vistas")
    DOWNLOAD = "download", _("Descargas")
    API = "api", _("Llamadas a la API")
    QUESTION = "question", _("Preguntas")


class UsageOrigin(models.TextChoices):
    APP = "app", _("La aplicación")
    CACHE = "cache", _("La caché de nginx")


class DailyCount(models.Model):
    """How many answers of one kind and name were given one day, by whom."""

    day = models.DateField(_("día"))
    kind = models.CharField(_("tipo"), max_length=10, choices=UsageKind)
    name = models.CharField(_("nombre"), max_length=60)
    origin = models.CharField(_("origen"), max_length=6, choices=UsageOrigin)
    count = models.BigIntegerField(_("cuenta"), default=0)
    # Counts the demo wrote (``ruta load-demo``): a row of their own, which
    # the site's own counting of the same day never adds to.
    is_demo = models.BooleanField(
        _("datos de demostración"), default=False, db_default=False
    )

    class Meta:
        ordering = ["-day", "kind", "name", "origin"]
        verbose_name = _("cuenta diaria")
        verbose_name_plural = _("cuentas diarias")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "kind", "name", "origin", "is_demo"],
                name="usage_count_once",
            ),
            models.CheckConstraint(
                condition=models.Q(count__gte=0), name="usage_count_not_negative"
            ),
        ]

    def __str__(self) -> str:
        demo = " (demo)" if self.is_demo else ""
        return f"{self.day} {self.kind} {self.name} {self.origin}{demo}: {self.count}"


class LogCursor(models.Model):
    """How far nginx's usage log has been read: file identity and offset.

    A rotated file (another inode, or shorter than the offset) is read from
    its start; the same lines are never added twice.
    """

    path = models.CharField(max_length=500, unique=True)
    inode = models.BigIntegerField(default=0)
    offset = models.BigIntegerField(default=0)
    updated = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.path} @ {self.offset}"
