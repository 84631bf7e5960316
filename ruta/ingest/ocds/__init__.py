"""The OCDS reader: releases, release packages and records, pure.

``ocds_parse`` recognises a file's kind from its content (a release, a list
of releases, a release package, a record, a record package, JSON Lines of
any of them) or refuses it; ``releases_validate`` checks each release
against the OCDS 1.1 release schema shipped beside this module;
``processes_compile`` merges the releases of each ocid with ``ocdsmerge``
and reads the compiled release into a ``Process``. No database and no
Django: the loader (``ruta.ingest.loaders.ocds``) writes what this reads.
"""

from ruta.ingest.ocds.compile import processes_compile, releases_reused
from ruta.ingest.ocds.parse import OcdsFile, PlacedRelease, ocds_parse
from ruta.ingest.ocds.validate import releases_validate
from ruta.works.contracting import Award, Contract, Party, Payment, Process

__all__ = [
    "Award",
    "Contract",
    "OcdsFile",
    "Party",
    "Payment",
    "PlacedRelease",
    "Process",
    "ocds_parse",
    "processes_compile",
    "releases_reused",
    "releases_validate",
]
