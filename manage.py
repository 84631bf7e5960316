#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    from ruta.common.db.embedded import embedded_database_ensure

    embedded_database_ensure()

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
