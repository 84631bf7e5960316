"""A published work with its agency's staff, and photos with and without EXIF."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.cache import cache
from PIL import Image

from ruta.accounts.models import Role
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import WorkFactory

GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def _fresh_throttle():
    """Start each test with no report counted against any address."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def agency(db):
    return AgencyFactory(code="cecop-obras", name="CECOP Obras")


@pytest.fixture
def work(agency, hermosillo):
    return WorkFactory(
        executing_agency=agency,
        municipality=hermosillo,
        public_id="GSE-2024-0001",
        latitude="29.072900",
        longitude="-110.955900",
        published=True,
    )


@pytest.fixture
def staff(make_user, agency):
    """Capture staff and a validator of the work's agency; others elsewhere."""
    elsewhere = AgencyFactory(code="otra", name="Otra dependencia")
    return {
        "capture": make_user(Role.CAPTURE, agency=agency),
        "validator": make_user(Role.VALIDATOR, agency=agency),
        "other_validator": make_user(Role.VALIDATOR, agency=elsewhere),
        "administrator": make_user(Role.ADMINISTRATOR),
    }


def jpeg_with_gps() -> bytes:
    """Return a JPEG carrying a GPS position and a camera make in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "Fabricante de cámaras"
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (29.0, 4.0, 22.0), 3: "W", 4: (110.0, 57.0, 21.0)})
    output = BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(output, format="JPEG", exif=exif)
    return output.getvalue()
