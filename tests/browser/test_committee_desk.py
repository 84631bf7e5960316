"""A committee member records a visit from a phone; the work page shows it."""

from __future__ import annotations

import pytest

from ruta.accounts.models import Role
from ruta.common.files.privatefiles import is_private
from ruta.works.models import WorkStatus
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.oversight import PDF, jpeg_with_location
from tests.browser.conftest import axe_violations, sign_in

MEMBER_NAME = "Integrante Ficticia de Navegador"


@pytest.fixture
def seat(world, make_user):
    work = world["vado"]
    work.status = WorkStatus.IN_EXECUTION
    work.save(update_fields=["status"])
    committee = CommitteeFactory(work=work)
    member = make_user(Role.COMMITTEE)
    CommitteeMemberFactory(committee=committee, user=member, full_name=MEMBER_NAME)
    return committee, member


def test_a_member_records_a_visit_from_a_phone_and_the_public_sees_it(page, seat):
    committee, member = seat
    public_id = committee.work.public_id
    sign_in(page, member, then="/es-mx/obras/vigilancia/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Registrar visita").click()
    page.wait_for_url(f"**/obras/{public_id}/comite/visita/")
    page.get_by_label("Fecha de la visita").fill("2999-01-01")
    page.get_by_label("Qué se revisó").fill("Compactación del vado y señalamientos")
    page.get_by_label("Hallazgos").fill("Falta el letrero con el monto de la obra")
    page.get_by_label("Minuta firmada (PDF o fotos de sus páginas)").set_input_files(
        files=[{"name": "minuta.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Guardar la visita").click()
    assert "posterior a hoy" in page.locator("#id_visited_on-error").inner_text()
    assert axe_violations(page) == []

    page.get_by_label("Fecha de la visita").fill("2024-05-10")
    # The signed paper minutes, photographed page by page with the phone.
    page.get_by_label("Minuta firmada (PDF o fotos de sus páginas)").set_input_files(
        files=[
            {"name": f"pagina-{n}.jpg", "mimeType": "image/jpeg", "buffer": page_photo}
            for n, page_photo in enumerate((jpeg_with_location(),) * 2, start=1)
        ]
    )
    page.get_by_label("Fotos (opcional)").set_input_files(
        files=[
            {
                "name": "vado.jpg",
                "mimeType": "image/jpeg",
                "buffer": jpeg_with_location(),
            }
        ]
    )
    page.get_by_role("button", name="Guardar la visita").click()
    page.wait_for_url(f"**/obras/{public_id}/comite/vigilancia/")
    assert "Visita registrada" in page.get_by_role("status").inner_text()
    minutes = committee.visits.get().minutes
    assert is_private(minutes)
    assert minutes.read().count(b"/Type /Page\n") == 2
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    page.goto(f"/es-mx/obras/{public_id}/")
    oversight = page.locator("section[aria-labelledby=comite]")
    assert "Falta el letrero con el monto de la obra" in oversight.inner_text()
    assert oversight.get_by_role("img").count() == 1
    assert MEMBER_NAME not in page.content()
    assert "/minuta/" not in page.content()
    assert axe_violations(page) == []
