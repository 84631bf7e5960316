"""Django's face of the pure identifier rules: validators and their messages.

The rules live in ``ruta.common.text.rfc`` (pure, so readers use them too); a
model field or a form refuses through these, with a message that says why.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ruta.common.text.rfc import (
    FAULT_DATE,
    FAULT_FORMAT,
    FAULT_LENGTH,
    FAULT_WORD,
    RfcCheck,
    RfcHolder,
    rfc_check,
)

RFC_MESSAGES: dict[str, Promise] = {
    FAULT_LENGTH: _(
        "«%(value)s» no es un RFC válido: tiene %(length)s caracteres; el de una "
        "persona moral tiene 12 y el de una persona física 13."
    ),
    FAULT_FORMAT: _(
        "«%(value)s» no es un RFC válido: son 3 letras (persona moral) o 4 "
        "(persona física), la fecha en 6 dígitos (AAMMDD) y una homoclave de 3 "
        "letras o dígitos que termina en un dígito o «A»."
    ),
    FAULT_DATE: _(
        "«%(value)s» no es un RFC válido: «%(date)s» no es una fecha AAMMDD."
    ),
    FAULT_WORD: _(
        "«%(value)s» no es un RFC válido: el SAT no asigna las iniciales "
        "«%(initials)s» (cambia su última letra por una X)."
    ),
    "rfc_not_company": _(
        "«%(value)s» es el RFC de una persona física (13 caracteres); aquí va el "
        "de una persona moral (12)."
    ),
    "rfc_not_person": _(
        "«%(value)s» es el RFC de una persona moral (12 caracteres); aquí va el de "
        "una persona física (13)."
    ),
}
NOT_STORED_FORM = _(
    "Escriba el RFC «%(value)s» en mayúsculas y sin espacios ni guiones: %(rfc)s."
)


def rfc_message(check: RfcCheck) -> str:
    """Return why ``check``'s value was refused, in the active language."""
    value = check.value
    template = RFC_MESSAGES[check.fault or check.error]
    return template % {
        "value": value,
        "length": len(value),
        "date": value[-9:-3],
        "initials": value[:4],
    }


def rfc_cleaned(value: str, *, holder: RfcHolder | None = None) -> str:
    """Return ``value`` as an RFC is stored, or raise ``ValidationError`` saying why.

    For forms and services, which take what people type: lower case, spaces
    and hyphens are fine.
    """
    check = rfc_check(value, holder=holder)
    if check.error:
        raise ValidationError(rfc_message(check), code=check.error)
    return check.value


def validate_rfc(value: str, *, holder: RfcHolder | None = None) -> None:
    """Refuse a stored RFC that is malformed or not in its stored form.

    A model field's validator: what reaches the row must already be upper
    case and bare, as the database's check constraint requires.
    """
    cleaned = rfc_cleaned(value, holder=holder)
    if cleaned != value:
        raise ValidationError(
            NOT_STORED_FORM, code="rfc_form", params={"value": value, "rfc": cleaned}
        )


def validate_company_rfc(value: str) -> None:
    """Refuse a stored RFC that is not a company's (persona moral, 12 characters).

    For a field that must never hold a person's RFC, which is personal data.
    """
    validate_rfc(value, holder=RfcHolder.COMPANY)
