"""Demonstration data that reproduces the CECOP 2024 published tables.

``demo_load`` writes it (idempotent); ``demo_plan`` computes it without a
database write. See ``plan`` for the method.
"""

from ruta.works.demo.load import (
    DEMO_ADMIN_EMAIL,
    DEMO_YEAR,
    DemoSummary,
    demo_admin_ensure,
    demo_load,
    demo_plan,
    sonora_places,
)

__all__ = [
    "DEMO_ADMIN_EMAIL",
    "DEMO_YEAR",
    "DemoSummary",
    "demo_admin_ensure",
    "demo_load",
    "demo_plan",
    "sonora_places",
]
