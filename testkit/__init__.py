"""Test support shared by the apps' test suites; not part of the installed package.

It imports pytest, so it stays out of ``ruta``: the platform runs without
the test tools installed.
"""
