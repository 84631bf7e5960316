"""Demonstration data that reproduces the CECOP 2024 published tables.

``ruta.demo.load.demo_load`` writes it (idempotent); ``demo_plan`` computes it
without a database write. See ``plan`` for the method. This app sits on top
of every other: nothing imports it but its own command and the tests.
"""
