"""What the catalogs register when the site starts.

Discovered by ``ruta.common.apps``: the system check that refuses to start
with a ``RUTA_STATE`` that is not an INEGI state code.
"""

# Imported for what it declares: ``instance_state_check``, registered with
# Django's system checks where it is defined.
from ruta.catalog import instance  # noqa: F401
