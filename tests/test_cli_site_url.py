"""``ruta serve`` names the address it serves on as the site's, unless told."""

import pytest

from ruta.cli import site_url_for


@pytest.mark.parametrize(
    ("bind", "site"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("127.0.0.1:8100", "http://127.0.0.1:8100"),
        ("0.0.0.0:9000", "http://127.0.0.1:9000"),
        (":8080", "http://127.0.0.1:8080"),
        ("localhost:8001", "http://localhost:8001"),
        ("unix:/run/ruta.sock", None),
    ],
)
def test_the_site_address_follows_the_bind(bind, site):
    assert site_url_for(bind) == site
