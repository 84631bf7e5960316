"""Test helpers over the project's own documents (``ruta.demo.documents``).

``pdf`` prints them to PDF (and rasterises pages for the OCR tests),
``strategies`` draws varied ones for property tests, ``verdicts`` compares
what the POA reader settled with what was rendered.
"""
