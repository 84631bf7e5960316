"""A sample of the SAT's 69-B list, written in the layout the SAT publishes.

The SAT's complete list ("Listado completo de contribuyentes", Código Fiscal
de la Federación art. 69-B) is a Windows-1252 CSV: a line stating the date
its information is current to, a title, the header (No, RFC, name,
situation) and, for each stage of the procedure, the global notice's
number and date with its publication on the SAT's page and in the DOF. The
rows here are fictitious, one per situation the list uses, and a natural
person (whose RFC the platform never matches); one is a demo contractor
(``ruta.demo.lifecycle.CONTRACTORS``), so the demo raises the flag. Pure.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from ruta.common.text.folding import SPANISH_MONTHS

AS_OF = date(2024, 9, 30)
STAGES = ("presunción", "desvirtuaron", "definitivos", "sentencia favorable")
_STAGE_PAGES = ("presuntos", "desvirtuados", "definitivos", "sentencia favorable")
HEADER = [
    "No",
    "RFC",
    "Nombre del Contribuyente",
    "Situación del contribuyente",
    *(
        cell
        for stage, page in zip(STAGES, _STAGE_PAGES, strict=True)
        for cell in (
            f"Número y fecha de oficio global de {stage} SAT",
            f"Publicación página SAT {page}",
            f"Número y fecha de oficio global de {stage} DOF",
            f"Publicación DOF {page}",
        )
    ),
]
# (RFC, name, situation, {stage: (notice, published)}).
SAMPLE = (
    (
        "OPM090214QR5",
        "OBRAS Y PROYECTOS MUESTRA, S. DE R.L. DE C.V.",
        "Presunto",
        {0: ("500-05-2024-9001 de fecha 15 de marzo de 2024", "15/03/2024")},
    ),
    (
        "FDE130501AB2",
        "FACTURADORA DEMOSTRACIÓN DEL ESTE, S.A. DE C.V.",
        "Definitivo",
        {
            0: ("500-05-2023-9002 de fecha 10 de mayo de 2023", "10/05/2023"),
            2: ("500-05-2024-9003 de fecha 20 de febrero de 2024", "20/02/2024"),
        },
    ),
    (
        "CEJ140822CD3",
        "COMERCIALIZADORA EJEMPLO, S.A. DE C.V.",
        "Desvirtuado",
        {
            0: ("500-05-2023-9004 de fecha 10 de mayo de 2023", "10/05/2023"),
            1: ("500-05-2023-9005 de fecha 30 de octubre de 2023", "30/10/2023"),
        },
    ),
    (
        "SMU160311EF4",
        "SERVICIOS MUESTRA UNO, S.C.",
        "Sentencia Favorable",
        {
            0: ("500-05-2022-9006 de fecha 4 de abril de 2022", "04/04/2022"),
            2: ("500-05-2022-9007 de fecha 1 de septiembre de 2022", "01/09/2022"),
            3: ("500-05-2024-9008 de fecha 12 de enero de 2024", "12/01/2024"),
        },
    ),
    (
        "PEMJ800101AB1",
        "PÉREZ MUESTRA JUAN",
        "Presunto",
        {0: ("500-05-2024-9009 de fecha 15 de marzo de 2024", "15/03/2024")},
    ),
)
MONTHS = SPANISH_MONTHS


def _row(number: int, rfc: str, name: str, situation: str, stages: dict) -> list[str]:
    cells = [str(number), rfc, name, situation] + [""] * (len(HEADER) - 4)
    for stage, (notice, published) in stages.items():
        at = 4 + stage * 4
        cells[at : at + 4] = [notice, published, notice, published]
    return cells


def sat_sample_bytes(
    rows: tuple = SAMPLE, as_of: date = AS_OF, *, encoding: str = "cp1252"
) -> bytes:
    """Return the sample list as the SAT's file: its bytes, Windows-1252."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    month = MONTHS[as_of.month - 1]
    writer.writerow(
        [f"Información actualizada al {as_of.day} de {month} de {as_of.year}"]
    )
    writer.writerow(
        [
            "Listado completo de contribuyentes (artículo 69-B del Código Fiscal "
            "de la Federación). Muestra de demostración: RFC y nombres ficticios."
        ]
    )
    writer.writerow(HEADER)
    for number, row in enumerate(rows, start=1):
        writer.writerow(_row(number, *row))
    return out.getvalue().encode(encoding)
