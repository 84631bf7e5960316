"""factory_boy factories of the platform's models, for tests only.

They live outside the installed package: factory_boy is a development
dependency, and nothing the platform runs builds records from them.
"""
