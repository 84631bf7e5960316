"""Files and a committee with a member's account, for the oversight tests."""

from __future__ import annotations

from io import BytesIO

from PIL import Image

from ruta.accounts.models import Role
from ruta.works.models import WorkStatus
from testkit.factories.participation import CommitteeFactory, CommitteeMemberFactory
from testkit.factories.works import WorkFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def jpeg_with_location() -> bytes:
    """Return a small JPEG whose EXIF names a camera and a GPS position."""
    image = Image.new("RGB", (32, 24), (120, 90, 60))
    exif = Image.Exif()
    exif[0x010F] = "Fabricante de cámaras"  # Make
    exif[0x0110] = "Modelo 9000"  # Model
    exif[0x8825] = {1: "N", 2: (29.0, 5.0, 0.0), 3: "W", 4: (110.0, 57.0, 0.0)}
    output = BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def committee_with_member(municipality, make_user, *, status=WorkStatus.IN_EXECUTION):
    """Return a committee of a municipal work and a member's linked account."""
    work = WorkFactory(
        municipality=municipality, municipal=True, published=True, status=status
    )
    committee = CommitteeFactory(work=work)
    account = make_user(Role.COMMITTEE)
    CommitteeMemberFactory(committee=committee, user=account)
    return committee, account
