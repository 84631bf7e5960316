"""The private bucket's storage: files with no address of their own.

Loaded only when ``RUTA_PRIVATE_STORAGE_URL`` names a bucket
(``ruta.common.files.storageurls``), so a machine without one never imports boto3.
A private file is read through the storage by the view that checks who
asks (``ruta.common.files.privatefiles``); its object has no public URL and the
platform never makes one, signed or not.
"""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from ruta.common.files.privatefiles import NoAddress


class PrivateS3Storage(NoAddress, S3Storage):
    """Private files in a bucket that nobody reads but the platform."""
