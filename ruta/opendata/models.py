"""Published versions of the open-data files, every one kept.

A ``DatasetVersion`` is one state of a dataset's data: a new one is written
only when the rows differ from the last version's (compared by the SHA-256
of the canonical CSV), so the history lists changes, not regenerations.
Each version keeps one ``PublishedFile`` per format, with its size and
SHA-256, stored under ``MEDIA_ROOT``; nothing is ever overwritten.
"""

from __future__ import annotations

import pghistory
import pgtrigger
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruta.common.audit.kept import Kept


class FileFormat(models.TextChoices):
    CSV = "csv", _("CSV (UTF-8)")
    EXCEL_CSV = "excel.csv", _("CSV para Excel (UTF-8 con BOM)")
    XLSX = "xlsx", _("Excel (XLSX)")
    JSON = "json", _("JSON")
    PARQUET = "parquet", _("Parquet (columnas con tipo)")
    ZIP = "zip", _("Paquete de datos (ZIP)")


MEDIA_TYPES = {
    FileFormat.CSV: "text/csv",
    FileFormat.EXCEL_CSV: "text/csv",
    FileFormat.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    FileFormat.JSON: "application/json",
    FileFormat.PARQUET: "application/vnd.apache.parquet",
    FileFormat.ZIP: "application/zip",
}


# A published version is part of the record of what was published when:
# never deleted (``Kept``) and never changed once written.
VERSION_KEPT = Kept("published_version_kept")
FILE_KEPT = Kept("published_file_kept")


def _unchanged(name: str) -> pgtrigger.Protect:
    return pgtrigger.Protect(name=name, operation=pgtrigger.Update)


class DatasetVersionQuerySet(models.QuerySet["DatasetVersion"]):
    def of(self, slug: str) -> DatasetVersionQuerySet:
        """Return the versions of dataset ``slug``, newest first, with files."""
        return (
            self.filter(dataset=slug)
            .prefetch_related("files")
            .order_by("-created_at", "-pk")
        )

    def latest_per_dataset(self) -> DatasetVersionQuerySet:
        """Return the newest version of every dataset, with its files."""
        return (
            self.order_by("dataset", "-created_at", "-pk")
            .distinct("dataset")
            .prefetch_related("files")
        )


@pghistory.track()
class DatasetVersion(models.Model):
    """One published state of a dataset's data."""

    dataset = models.SlugField(_("conjunto de datos"), max_length=60)
    created_at = models.DateTimeField(_("publicada el"), default=timezone.now)
    data_sha256 = models.CharField(_("SHA-256 de los datos"), max_length=64)
    rows = models.PositiveIntegerField(_("renglones"), null=True, blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("primer ejercicio"), null=True, blank=True
    )
    last_year = models.PositiveSmallIntegerField(
        _("último ejercicio"), null=True, blank=True
    )

    objects = DatasetVersionQuerySet.as_manager()
    kept = VERSION_KEPT

    class Meta:
        ordering = ["dataset", "-created_at", "-pk"]
        triggers = [VERSION_KEPT.trigger(), _unchanged("published_version_unchanged")]
        verbose_name = _("versión publicada")
        verbose_name_plural = _("versiones publicadas")
        indexes = [
            models.Index(fields=["dataset", "-created_at"], name="version_history"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} {self.created_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("opendata:dataset", args=[self.dataset])


def _upload_to(instance: PublishedFile, filename: str) -> str:
    return f"datos/{instance.version.dataset}/{filename}"


@pghistory.track()
class PublishedFile(models.Model):
    """One format of one version, as it was published."""

    version = models.ForeignKey(
        DatasetVersion, on_delete=models.PROTECT, related_name="files"
    )
    format = models.CharField(_("formato"), max_length=12, choices=FileFormat)
    size = models.PositiveBigIntegerField(_("tamaño en bytes"))
    sha256 = models.CharField("SHA-256", max_length=64)
    file = models.FileField(_("archivo"), upload_to=_upload_to, max_length=300)

    kept = FILE_KEPT

    class Meta:
        ordering = ["version", "format"]
        triggers = [FILE_KEPT.trigger(), _unchanged("published_file_unchanged")]
        verbose_name = _("archivo publicado")
        verbose_name_plural = _("archivos publicados")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "format"], name="published_file_once_per_format"
            ),
            models.CheckConstraint(
                condition=models.Q(format__in=FileFormat.values),
                name="published_file_format_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version} {self.format}"

    def get_absolute_url(self) -> str:
        return reverse(
            "opendata:download",
            kwargs={
                "slug": self.version.dataset,
                "version": self.version_id,
                "fmt": self.format,
            },
        )

    @property
    def media_type(self) -> str:
        """Return the IANA media type of the file."""
        return MEDIA_TYPES[FileFormat(self.format)]

    @property
    def content_type(self) -> str:
        """Return the media type a download is served with: text says its charset."""
        media_type = self.media_type
        return (
            f"{media_type}; charset=utf-8"
            if media_type.startswith("text/")
            else media_type
        )


class DatasetReading(models.Model):
    """The tables a dataset's files were last read from, at their versions.

    A publish need not read a dataset again while every table it read keeps
    the version noted here and the platform's code and settings are the
    same (``fingerprint``): its rows, hence its files, would be the same.
    A note for the next publish, rewritten by each: not part of the record
    of what was published (that is ``DatasetVersion``).
    """

    # Rewritten by every publish, it would otherwise change the data's
    # version, and every cache with it, when nothing public changed.
    unversioned_reason = "a publish's note of what it read, public data unchanged"

    dataset = models.SlugField(primary_key=True, max_length=60)
    fingerprint = models.CharField(max_length=64)
    # {table name: its version when the rows were read}
    tables = models.JSONField()
    read_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.dataset} {self.read_at:%Y-%m-%d %H:%M}"


class PublishMark(models.Model):
    """The tables' versions the last finished publish read from.

    Noted before it read and saved once it finished, so a publish that died
    notes nothing; the periodic check compares it with the tables' versions
    now (``ruta.opendata.freshness``). One row.
    """

    # Rewritten by every publish, as a reading is (``DatasetReading``).
    unversioned_reason = "a publish's note of what it read, public data unchanged"

    # {table name: its version when the publish started}
    tables = models.JSONField()
    finished_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="publish_mark_one")
        ]

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M}"
