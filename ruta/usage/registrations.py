"""What the usage app adds to the registries below it, read when the site starts.

Discovered by ``ruta.common.apps``: the open dataset of the site's use
(``uso-del-sitio``, docs/usage.md).
"""

from ruta.opendata.datasets import dataset_register
from ruta.usage.dataset import USAGE

dataset_register(USAGE)
