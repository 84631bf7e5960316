"""Tuned reads of works, each returning exactly what a plain selector returns.

A read model is used by a view or the API only where a benchmark showed the
plain selector too slow; each has a differential test against its selector
on the demo world (``ruta/works/tests/test_readmodels_on_the_demo.py``).
"""
