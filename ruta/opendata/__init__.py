"""Open data: the published bulk files, their history, and the catalogues.

Reads every domain (works, programs, indicators, grants) and the documents
they came from; writes nothing back to them.
"""
