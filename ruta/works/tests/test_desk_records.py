"""The staff desk: a work's contracts, their payments and its PDF documents."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from ruta.accounts.models import Role
from ruta.works.models import Contract, Payment, WorkDocument, WorkStatus
from testkit.factories.works import ContractFactory, WorkFactory, ayuntamiento_of

DESK = "/es-mx/captura/obras/"
UUID = "6F1C2B3A-4D5E-4F60-8A9B-0C1D2E3F4A5B"


@pytest.fixture
def capture(make_user, hermosillo):
    return make_user(Role.CAPTURE, municipality=hermosillo)


@pytest.fixture
def work(hermosillo):
    return WorkFactory(
        municipality=hermosillo,
        executing_agency=ayuntamiento_of(hermosillo),
        status=WorkStatus.CONTRACTED,
        total_investment=Decimal("1000.00"),
        published=True,
    )


@pytest.fixture
def contract(work):
    return ContractFactory(
        work=work, number="C-1", amount=Decimal("900.00"), signed_on=date(2024, 2, 20)
    )


def _contract(**changes) -> dict:
    data = {
        "number": "HMO-OP-2024-007",
        "contractor_name": "Constructora del Desierto, S.A. de C.V.",
        "contractor_rfc": "cdd150312ab1",
        "procedure": "adjudicacion_directa",
        "amount": "800.00",
        "signed_on": "2024-03-01",
        "start_date": "2024-03-10",
        "end_date": "2024-06-30",
    }
    return {**data, **changes}


def _payment(contract, **changes) -> dict:
    data = {
        "contract": contract.pk,
        "paid_on": "2024-04-01",
        "amount": "300.00",
        "invoice": UUID.lower(),
    }
    return {**data, **changes}


def _pdf() -> bytes:
    output = BytesIO()
    Image.new("RGB", (20, 20), "white").save(output, format="PDF")
    return output.getvalue()


def _document(content: bytes, name="contrato.pdf", **changes) -> dict:
    data = {
        "title": "Contrato de obra firmado",
        "kind": "contract",
        "on": "2024-03-01",
        "file": SimpleUploadedFile(name, content, "application/pdf"),
    }
    return {**data, **changes}


def test_capture_staff_register_a_contract_with_its_history(client, capture, work):
    client.force_login(capture)
    response = client.post(f"{DESK}{work.public_id}/contratos/nuevo/", _contract())
    assert response.status_code == 302
    contract = Contract.objects.get(work=work)
    assert contract.contractor_rfc == "CDD150312AB1"
    assert contract.events.get().pgh_context.metadata["user"] == capture.pk


def test_a_malformed_rfc_is_refused_at_its_field(client, capture, work):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/contratos/nuevo/",
        _contract(contractor_rfc="CDD151312AB1"),
    ).content.decode()
    assert 'id="id_contractor_rfc-error"' in page
    assert "no es un RFC válido" in page
    assert not Contract.objects.exists()


def test_contracts_over_the_investment_are_refused_at_the_amount(
    client, capture, work, contract
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/contratos/nuevo/", _contract(amount="100.01")
    ).content.decode()
    assert 'id="id_amount-error"' in page
    assert "más que la inversión total" in page
    assert Contract.objects.count() == 1


def test_a_repeated_contract_number_is_refused_at_its_field(
    client, capture, work, contract
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/contratos/nuevo/",
        _contract(number="C-1", amount="10.00"),
    ).content.decode()
    assert 'id="id_number-error"' in page
    assert Contract.objects.count() == 1


def test_a_contract_ending_before_it_starts_is_refused(client, capture, work):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/contratos/nuevo/", _contract(end_date="2024-03-01")
    ).content.decode()
    assert 'id="id_end_date-error"' in page
    assert not Contract.objects.exists()


def test_capture_staff_record_a_payment_shown_on_the_public_page(
    client, capture, work, contract
):
    client.force_login(capture)
    response = client.post(f"{DESK}{work.public_id}/pagos/nuevo/", _payment(contract))
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.invoice_label == UUID
    assert payment.recorded_by == capture
    client.logout()
    page = client.get(work.get_absolute_url()).content.decode()
    assert UUID in page


def test_a_payment_over_the_contract_is_refused_at_the_amount(
    client, capture, work, contract
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/pagos/nuevo/", _payment(contract, amount="900.01")
    ).content.decode()
    assert 'id="id_amount-error"' in page
    assert "más que su monto" in page
    assert not Payment.objects.exists()


def test_a_malformed_invoice_uuid_is_refused_at_its_field(
    client, capture, work, contract
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/pagos/nuevo/",
        _payment(contract, invoice="6F1C2B3A-4D5E-4F60-8A9B"),
    ).content.decode()
    assert 'id="id_invoice-error"' in page
    assert "no es un UUID de factura" in page
    assert not Payment.objects.exists()


def test_a_reused_invoice_uuid_is_refused_at_its_field(client, capture, work, contract):
    client.force_login(capture)
    client.post(f"{DESK}{work.public_id}/pagos/nuevo/", _payment(contract))
    page = client.post(
        f"{DESK}{work.public_id}/pagos/nuevo/",
        _payment(contract, invoice=UUID, amount="10.00"),
    ).content.decode()
    assert 'id="id_invoice-error"' in page
    assert "ya ampara otro pago" in page
    assert Payment.objects.count() == 1


def test_a_payment_before_the_signature_is_refused_at_its_date(
    client, capture, work, contract
):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/pagos/nuevo/", _payment(contract, paid_on="2024-01-01")
    ).content.decode()
    assert 'id="id_paid_on-error"' in page
    assert not Payment.objects.exists()


def test_another_works_contract_cannot_be_paid_from_this_page(
    client, capture, work, contract, hermosillo
):
    other = ContractFactory(
        work=WorkFactory(
            municipality=hermosillo, executing_agency=work.executing_agency
        )
    )
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/pagos/nuevo/", _payment(other)
    ).content.decode()
    assert 'id="id_contract-error"' in page
    assert not Payment.objects.exists()


def test_capture_staff_of_another_municipality_cannot_open_the_forms(
    client, make_user, cajeme, work, contract
):
    client.force_login(make_user(Role.CAPTURE, municipality=cajeme))
    for page in ("contratos", "pagos", "documentos"):
        url = f"{DESK}{work.public_id}/{page}/nuevo/"
        assert client.get(url).status_code == 403
    response = client.post(f"{DESK}{work.public_id}/pagos/nuevo/", _payment(contract))
    assert response.status_code == 403
    assert not Payment.objects.exists()


def test_capture_staff_upload_a_pdf_published_with_the_work(client, capture, work):
    client.force_login(capture)
    response = client.post(
        f"{DESK}{work.public_id}/documentos/nuevo/", _document(_pdf())
    )
    assert response.status_code == 302
    document = WorkDocument.objects.get(work=work)
    assert document.kind == "contract"
    assert document.file.read().startswith(b"%PDF-")
    assert document.events.get().pgh_context.metadata["user"] == capture.pk
    client.logout()
    assert document.file.url in client.get(work.get_absolute_url()).content.decode()


def test_a_file_that_is_not_a_pdf_is_refused_at_its_field(client, capture, work):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/documentos/nuevo/",
        _document(b"PK\x03\x04 una hoja de calculo", "contrato.pdf"),
    ).content.decode()
    assert 'id="id_file-error"' in page
    assert "debe ser un PDF" in page
    assert not WorkDocument.objects.exists()


def test_a_damaged_pdf_is_refused_at_its_field(client, capture, work):
    client.force_login(capture)
    page = client.post(
        f"{DESK}{work.public_id}/documentos/nuevo/",
        _document(b"%PDF-1.4 recortado"),
    ).content.decode()
    assert 'id="id_file-error"' in page
    assert "dañado" in page
    assert not WorkDocument.objects.exists()


def test_a_pdf_over_the_size_limit_is_refused(client, capture, work):
    from ruta.works.services import documents

    client.force_login(capture)
    big = _pdf() + b"%" * documents.MAX_DOCUMENT_BYTES
    page = client.post(
        f"{DESK}{work.public_id}/documentos/nuevo/", _document(big)
    ).content.decode()
    assert 'id="id_file-error"' in page
    assert "pesa más de 20 MB" in page
    assert not WorkDocument.objects.exists()


def test_the_desk_page_shows_what_each_contract_has_left_to_pay(
    client, capture, work, contract
):
    Payment.objects.create(
        contract=contract, paid_on=date(2024, 4, 1), amount=Decimal("300.00")
    )
    client.force_login(capture)
    page = client.get(f"{DESK}{work.public_id}/").content.decode()
    assert "$600.00" in page
    assert f"{DESK}{work.public_id}/pagos/nuevo/" in page
