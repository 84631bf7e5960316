"""The demonstration TMM-F004 document: the seed's five forms, scanned.

The seed prints each form's page three or four times, every copy damaged
its own way; the demonstration prints the five forms of ``poa_samples``
through the seeded ``Scanner`` the same way, so the reader meets what it
meets in the original. The scanner's seed is chosen, and a test keeps it
so, for a document whose copies the reader settles into the five forms
with every goal's values as rendered, none left for review, and whose
findings are of the kinds the seed's are (a copy's damage may also make
the reader misread a goal that breaks the form's rules, as 510 does; this
seed's damage does not).
"""

from __future__ import annotations

from ruta.demo.documents.poa_samples import sample_forms
from ruta.demo.documents.scanner import Scan, Scanner
from ruta.demo.documents.tmm_f004 import render_page

SCANNER_SEED = 15
COPIES = (3, 4)  # as the seed prints its forms


def demonstration_scan() -> Scan:
    """Return the five forms printed three or four times each, damaged."""
    pages = [render_page(form) for form in sample_forms()]
    return Scanner(SCANNER_SEED, copies=COPIES).scan(pages)
