"""The one rule of the year a public page opens on (``works.rules.default_year``)."""

from hypothesis import given
from hypothesis import strategies as st

from ruta.works.rules import default_year

years = st.lists(st.integers(2000, 2040), unique=True)


def test_a_page_opens_on_the_latest_year_with_money_not_a_later_proposal():
    assert default_year([2026, 2024, 2023], {2024, 2023}) == 2024


def test_without_money_in_any_year_a_page_opens_on_the_latest_offered():
    assert default_year([2026, 2024], set()) == 2026
    assert default_year([2026, 2024]) == 2026


def test_the_first_ground_with_an_offered_year_decides():
    # The budget page: the latest year with a statement, else with money.
    assert default_year([2026, 2025, 2024], {2024}, {2025}) == 2024
    assert default_year([2026, 2025, 2024], set(), {2025}) == 2025


def test_a_ground_year_the_picker_does_not_offer_is_never_chosen():
    assert default_year([2024, 2023], {2030}) == 2024
    assert default_year([2024, 2023], {2030, 2023}) == 2023


def test_nothing_offered_opens_on_no_year():
    assert default_year([], {2024}) is None


@given(offered=years, ground=st.sets(st.integers(2000, 2040)))
def test_the_year_is_offered_and_no_later_ground_year_is_passed_over(offered, ground):
    chosen = default_year(offered, ground)
    if not offered:
        assert chosen is None
        return
    assert chosen in offered
    grounded = [year for year in offered if year in ground]
    assert chosen == (max(grounded) if grounded else max(offered))
