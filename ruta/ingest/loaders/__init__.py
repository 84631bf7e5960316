"""Loaders: read a document with a pure reader, resolve it, hand it to the domain.

Each loader hashes and parses a file, resolves every name against the
catalog before anything is written, then in one transaction records the
document (``ruta.sources``) and calls the domain's services with what it read.
"""
