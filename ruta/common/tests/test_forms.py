"""A service's refusal lands on the form field it concerns (``form_submit``)."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from ruta.common.web.forms import Submitted, form_submit, refusal_show


class PaymentForm(forms.Form):
    amount = forms.DecimalField()
    invoice = forms.CharField()


def _form(**data):
    return PaymentForm({"amount": "10", "invoice": "A-1", **data})


def _refuse(error):
    def service():
        raise error

    return service


def test_a_coded_refusal_lands_on_the_field_its_code_is_mapped_to():
    form = _form()
    error = ValidationError("Factura repetida.", code="invoice_reused")
    form_submit(form, _refuse(error), fields={"invoice_reused": "invoice"})
    assert form.errors == {"invoice": ["Factura repetida."]}


def test_an_error_dict_key_lands_on_the_field_it_names():
    form = _form()
    error = ValidationError({"amount": ["Monto negativo."], "invoice": ["Sin UUID."]})
    form_submit(form, _refuse(error))
    assert form.errors == {"amount": ["Monto negativo."], "invoice": ["Sin UUID."]}


def test_a_mapped_code_wins_over_its_error_dict_key():
    form = _form()
    error = ValidationError(
        {"invoice_uuid": [ValidationError("Sin UUID.", code="uuid_format")]}
    )
    form_submit(form, _refuse(error), fields={"uuid_format": "invoice"})
    assert form.errors == {"invoice": ["Sin UUID."]}


def test_a_field_the_form_lacks_goes_above_the_form():
    form = _form()
    error = ValidationError({"contract": ["Contrato cerrado."]})
    form_submit(form, _refuse(error), fields={"code": "nowhere"})
    assert form.errors == {NON_FIELD_ERRORS: ["Contrato cerrado."]}


def test_an_unmapped_code_goes_above_the_form_with_its_code_kept():
    form = _form()
    form_submit(form, _refuse(ValidationError("Ejercicio cerrado.", code="closed")))
    assert form.non_field_errors() == ["Ejercicio cerrado."]
    assert form.has_error(NON_FIELD_ERRORS, code="closed")


def test_every_message_of_a_list_is_shown_where_its_code_says():
    form = _form()
    error = ValidationError(
        [
            ValidationError("Monto excedido.", code="over"),
            ValidationError("Fuera de plazo.", code="late"),
        ]
    )
    form_submit(form, _refuse(error), fields={"over": "amount"})
    assert form.errors == {
        "amount": ["Monto excedido."],
        NON_FIELD_ERRORS: ["Fuera de plazo."],
    }


def test_a_refusal_is_reported_as_not_ok():
    submitted = form_submit(_form(), _refuse(ValidationError("No.")))
    assert submitted == Submitted(ok=False)


def test_the_services_result_is_returned_on_success():
    form = _form()
    submitted = form_submit(form, lambda: form.cleaned_data["invoice"].lower())
    assert submitted == Submitted(ok=True, value="a-1")
    assert form.errors == {}


def test_a_service_that_returns_none_still_succeeds():
    assert form_submit(_form(), lambda: None) == Submitted(ok=True, value=None)


def test_an_invalid_form_never_calls_the_service():
    calls = []
    form = _form(amount="diez")
    submitted = form_submit(form, lambda: calls.append("called"))
    assert calls == []
    assert not submitted.ok
    assert list(form.errors) == ["amount"]


def test_a_denied_actor_stays_a_403_unless_the_view_says_what_to_show():
    with pytest.raises(PermissionDenied):
        form_submit(_form(), _refuse(PermissionDenied()))


def test_a_denied_actor_is_told_above_the_form_when_the_view_says_so():
    form = _form()
    submitted = form_submit(form, _refuse(PermissionDenied()), denied="Sin permiso.")
    assert not submitted.ok
    assert form.errors == {NON_FIELD_ERRORS: ["Sin permiso."]}


def test_refusal_show_places_an_error_raised_outside_a_submission():
    form = _form()
    form.is_valid()
    refusal_show(
        form, ValidationError("Repetida.", code="dup"), fields={"dup": "invoice"}
    )
    assert form.errors == {"invoice": ["Repetida."]}
