from decimal import Decimal

import pytest
from django.template import Context, Template

from ruta.common.templatetags.ruta_format import mxn


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("188077805.06"), "$188,077,805.06"),
        (Decimal("0.005"), "$0.01"),
        (Decimal("-1500"), "-$1,500.00"),
        ("19934628.64", "$19,934,628.64"),
        (None, ""),
        ("no es número", ""),
    ],
)
def test_mxn_formats_money_as_in_mexican_public_accounts(value, shown):
    assert mxn(value) == shown


def test_mxn_filter_is_available_in_templates():
    template = Template("{% load ruta_format %}{{ amount|mxn }}")
    assert template.render(Context({"amount": Decimal("1234.5")})) == "$1,234.50"
