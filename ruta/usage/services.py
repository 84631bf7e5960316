"""Writes of the usage counts: nginx's cached answers added from its log."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ruta.accounts.actors import Actor
from ruta.common.refusals import refusal
from ruta.usage.counter import Key, counts_add
from ruta.usage.models import LogCursor
from ruta.usage.rules import CACHE, cached_hit, log_line_parse

# One run reads at most this much of the log; the next run goes on.
READ_MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class LogOutcome:
    """What one reading of nginx's usage log added."""

    lines: int
    counted: int
    unreadable: int
    rotated: bool

    def summary(self) -> list[str]:
        """Return the lines a command prints."""
        return [
            f"{self.lines} lines read",
            f"{self.counted} answered from nginx's cache, counted",
            f"{self.unreadable} lines not in the ruta_usage format, skipped",
            *(["the log was rotated: read from its start"] if self.rotated else []),
        ]


@transaction.atomic
def nginx_log_read(*, path: Path, actor: Actor) -> LogOutcome:
    """Add the reads nginx answered from its cache since the last run.

    The file's inode and the offset reached are kept with the counts in one
    transaction, so a run that fails adds nothing and the next one reads the
    same lines again; a rotated file is read from its start. Lines of any
    other format are counted as unreadable, never guessed.
    """
    del actor  # a command or job; counts carry no author (they are not audited)
    try:
        stat = path.stat()
    except OSError as missing:
        raise refusal(
            f"cannot read {path}: {missing.strerror}", "usage_log_missing"
        ) from missing
    cursor, _new = LogCursor.objects.select_for_update().get_or_create(
        path=str(path.resolve())
    )
    rotated = cursor.inode not in (0, stat.st_ino) or stat.st_size < cursor.offset
    start = 0 if rotated else cursor.offset
    counts, lines, unreadable, end = _read_from(path, start)
    if counts:
        counts_add(counts)
    cursor.inode, cursor.offset = stat.st_ino, end
    cursor.save()
    return LogOutcome(lines, sum(counts.values()), unreadable, rotated)


def _read_from(path: Path, start: int) -> tuple[dict[Key, int], int, int, int]:
    """Return the cache counts of whole lines from ``start``, and where they end."""
    counts: Counter[Key] = Counter()
    lines = unreadable = 0
    with path.open("rb") as log:
        log.seek(start)
        end = start
        for raw in log:
            if not raw.endswith(b"\n") or end - start > READ_MAX_BYTES:
                break  # a line nginx is still writing waits for the next run
            end += len(raw)
            lines += 1
            parsed = log_line_parse(raw.decode("utf-8", "replace"))
            if parsed is None:
                unreadable += 1
                continue
            hit = cached_hit(parsed)
            if hit is not None:
                day = timezone.localtime(parsed.moment).date()
                counts[(day, hit.kind, hit.name, CACHE)] += 1
    return dict(counts), lines, unreadable, end
