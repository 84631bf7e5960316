"""``python -m ruta`` is the ``ruta`` command."""

from ruta.cli import main

main()
