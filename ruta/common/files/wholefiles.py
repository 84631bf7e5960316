"""Files saved whole or not at all: a full disk leaves no partial file.

Django's folder storage writes a new file in place; when the disk fills
half-way (or a quota is reached) the error leaves the first part behind,
a file the database never names. ``WholeFileSystemStorage`` removes it
before the error goes on, and ``storage_full`` tells a full disk from any
other failure, so the page that was saving answers "no room, try later"
(507) instead of a server error (``ruta.portal.errors``).
"""

from __future__ import annotations

import contextlib
import errno
import os
from typing import Any

from django.core.files.storage import FileSystemStorage

# The errors of a disk, or an owner's quota, that has no room left.
FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def storage_full(error: BaseException | None) -> bool:
    """Return whether ``error`` (or what caused it) is a disk with no room."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in FULL:
            return True
        error = error.__cause__ or error.__context__
    return False


class WholeFileSystemStorage(FileSystemStorage):
    """A folder storage that removes the part of a file it failed to save."""

    def _save(self, name: str, content: Any) -> str:
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)  # type: ignore[misc]  # Django's storage writes in _save; its stubs omit it
        except OSError:
            if not existed:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(path)
            raise
