"""What open data listens to, connected when the site starts.

Discovered by ``ruta.common.apps``: a publication of data (a work or a POA
quarter approved, an import) queues the regeneration of the files
(``ruta.common.published``).
"""

from ruta.common.published import data_published
from ruta.opendata.tasks import publish_defer

data_published.connect(publish_defer, dispatch_uid="opendata-publish")
