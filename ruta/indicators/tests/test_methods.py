"""Which printed methods of calculation the platform evaluates from data."""

import pytest

from ruta.indicators.methods import computation_for_method
from ruta.indicators.models import Computation


@pytest.mark.parametrize(
    ("method", "computation"),
    [
        (
            "Total, de obras liberadas /total de obras aprobadas *100",
            Computation.RELEASED_PER_APPROVED,
        ),
        (
            "Número de obras ejecutadas de manera directa por el CECOP a través de "
            "terceros del Programa Gestión",
            Computation.DIRECT_WORKS_COUNT,
        ),
        ("Número de comités / total de obras *100", Computation.COMMITTEES_PER_WORKS),
        (
            "Número total de ayudas sociales diversas otorgadas, incluyendo el "
            "enfoque perspectiva de género",
            Computation.AID_COUNT,
        ),
    ],
)
def test_seed_card_methods_are_evaluated_from_data(method, computation):
    assert computation_for_method(method) == computation


def test_a_method_not_recognised_is_not_computed():
    assert computation_for_method("Kilómetros pavimentados / meta anual") == (
        Computation.NONE
    )
