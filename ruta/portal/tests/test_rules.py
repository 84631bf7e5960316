from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from ruta.portal.rules import NeedGap, PlaceNeed, need_gaps, standings


def test_standings_run_from_zero_to_one_and_ties_share_their_mean():
    assert standings([D(10), D(0), D(0), D(30)]) == [
        D("0.667"),
        D("0.167"),
        D("0.167"),
        D("1.000"),
    ]


def test_a_single_place_stands_in_the_middle():
    assert standings([D(7)]) == [D("0.5")]


def test_the_most_marginalised_place_without_money_comes_first():
    places = [
        # Sonora's Álamos (Medio, 53.436) and Hermosillo (Muy bajo, 60.444).
        PlaceNeed("26003", D("53.436"), D(0)),
        PlaceNeed("26030", D("60.444"), D("250.00")),
        PlaceNeed("26001", D("57.176"), D("900.00")),
    ]
    gaps = need_gaps(places)
    assert [(g.code, g.rank) for g in gaps] == [
        ("26003", 1),
        # Aconchi and Hermosillo share the gap -0.5; Aconchi is more marginalised.
        ("26001", 2),
        ("26030", 3),
    ]
    alamos = gaps[0]
    assert (alamos.need, alamos.money, alamos.gap) == (D("1.000"), D("0.000"), D(1))
    assert alamos.underserved
    assert alamos.gap_class == 5
    hermosillo = gaps[2]
    assert hermosillo.gap == D("-0.5")
    assert not hermosillo.underserved
    assert hermosillo.gap_class == 2


def test_equal_gaps_go_to_the_more_marginalised_place_first():
    places = [PlaceNeed("b", D(55), D(0)), PlaceNeed("a", D(55), D(0))]
    assert [g.code for g in need_gaps(places)] == ["a", "b"]


def test_the_middle_is_neither_under_served_nor_over():
    gap = NeedGap("x", D("0.5"), D("0.5"), 1)
    assert not gap.underserved
    assert gap.gap_class == 3


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=40, max_value=70, places=3),
            st.decimals(min_value=0, max_value=10_000, places=2),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_every_place_is_ranked_once_whatever_the_input_order(rows):
    places = [PlaceNeed(str(n), index, money) for n, (index, money) in enumerate(rows)]
    gaps = need_gaps(places)
    assert sorted(g.code for g in gaps) == sorted(p.code for p in places)
    assert [g.rank for g in gaps] == list(range(1, len(places) + 1))
    assert [g.code for g in need_gaps(places[::-1])] == [g.code for g in gaps]
    assert all(D(-1) <= g.gap <= D(1) for g in gaps)
