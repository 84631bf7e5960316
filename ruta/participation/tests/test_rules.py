"""The pure rules of a committee's oversight: what its signed minutes may be."""

import pytest

from ruta.participation.rules import (
    MAX_MINUTES_PAGES,
    MINUTES_MAX_BYTES,
    MINUTES_PDF,
    MINUTES_PHOTO,
    minutes_problem,
)

PAGE = 3 * 1024 * 1024  # a phone's photo of a page


@pytest.mark.parametrize(
    ("kinds", "sizes"),
    [
        ([MINUTES_PDF], [MINUTES_MAX_BYTES]),
        ([MINUTES_PHOTO], [PAGE]),
        ([MINUTES_PHOTO] * MAX_MINUTES_PAGES, [PAGE] * MAX_MINUTES_PAGES),
    ],
)
def test_minutes_are_one_pdf_or_the_photos_of_their_pages(kinds, sizes):
    assert minutes_problem(kinds, sizes) is None


@pytest.mark.parametrize(
    ("kinds", "sizes", "problem"),
    [
        ([], [], "minutes_missing"),
        (["other"], [10], "minutes_not_pdf"),
        ([MINUTES_PHOTO, "other"], [PAGE, 10], "minutes_not_pdf"),
        ([MINUTES_PDF, MINUTES_PHOTO], [10, PAGE], "minutes_mixed"),
        ([MINUTES_PDF, MINUTES_PDF], [10, 10], "minutes_mixed"),
        ([MINUTES_PDF], [MINUTES_MAX_BYTES + 1], "minutes_too_large"),
        (
            [MINUTES_PHOTO] * (MAX_MINUTES_PAGES + 1),
            [PAGE] * (MAX_MINUTES_PAGES + 1),
            "minutes_too_many_pages",
        ),
    ],
)
def test_other_minutes_are_refused_with_the_reason(kinds, sizes, problem):
    assert minutes_problem(kinds, sizes) == problem
