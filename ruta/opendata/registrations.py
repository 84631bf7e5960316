"""What open data listens to, connected when the site starts.

Discovered by ``ruta.common.apps``: a publication of data (a work or a POA
quarter approved, an import) queues the regeneration of the files
(``ruta.common.db.published``); a deployment's check names placeholder
publisher prefixes.
"""

import re

from django.conf import settings
from django.core import checks

from ruta.common.db.published import data_published
from ruta.opendata.tasks import publish_defer

data_published.connect(publish_defer, dispatch_uid="opendata-publish")


# The prefixes' defaults: an instance that has not registered its own yet.
PREFIX_PLACEHOLDERS = {
    "RUTA_OCDS_PREFIX": "ocds-ruta00",
    "RUTA_OC4IDS_PREFIX": "oc4ids-ruta00",
}
PREFIX_SHAPES = {
    "RUTA_OCDS_PREFIX": re.compile(r"^ocds-[a-z0-9]{6}$"),
    "RUTA_OC4IDS_PREFIX": re.compile(r"^oc4ids-[a-z0-9]{6}$"),
}


@checks.register(checks.Tags.compatibility, deploy=True)
def registered_prefixes(app_configs: object = None, **kwargs: object) -> list:
    """Warn a deployment still publishing under the placeholder prefixes, and
    refuse one whose prefix is not of the registered shape."""
    found: list[checks.CheckMessage] = []
    for name, placeholder in PREFIX_PLACEHOLDERS.items():
        value = getattr(settings, name)
        if not PREFIX_SHAPES[name].match(value):
            found.append(
                checks.Error(
                    f"{name}={value!r} is not a prefix of the registered shape",
                    hint="A registered prefix is 'ocds-' (or 'oc4ids-') and six "
                    "lower-case letters or digits (docs/opendata.md).",
                    id="ruta.opendata.E001",
                )
            )
        elif value == placeholder:
            found.append(
                checks.Warning(
                    f"{name} is the placeholder {placeholder!r}",
                    hint="Register a prefix with the Open Contracting Partnership "
                    "and set it before publishing (docs/opendata.md).",
                    id="ruta.opendata.W001",
                )
            )
    return found
