"""Photos are re-encoded upright, and decoding one stays within bounded memory."""

from __future__ import annotations

import subprocess
import sys
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from ruta.common.files.images import MAX_PIXELS_WHOLE, clean_photo

ORIENTATION = 0x0112
ROTATED_90 = 6  # EXIF: the camera was turned; the pixels lie on their side


def _encoded(size: tuple[int, int], kind: str, **options) -> bytes:
    output = BytesIO()
    Image.new("RGB", size, (120, 30, 200)).save(output, format=kind, **options)
    return output.getvalue()


def _cleaned(data: bytes) -> Image.Image:
    return Image.open(BytesIO(clean_photo(BytesIO(data), size=len(data))))


def test_a_photo_taken_sideways_is_stored_upright_and_within_the_box():
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATED_90
    photo = _cleaned(_encoded((4000, 2000), "JPEG", exif=exif.tobytes()))
    assert photo.size == (1024, 2048)
    assert not photo.getexif()


def test_a_png_decoded_whole_may_have_fewer_pixels_than_a_jpeg():
    side = int(MAX_PIXELS_WHOLE**0.5) + 10
    with pytest.raises(ValidationError) as refused:
        _cleaned(_encoded((side, side), "PNG"))
    assert refused.value.code == "photo_too_large"
    assert _cleaned(_encoded((side, side), "JPEG")).size == (2048, 2048)


# A 39.6-megapixel JPEG of a few hundred KB: decoded whole, 116 MB of pixels
# and several copies of them (some 450 MB); reduced while decoding, a few.
_PEAK = """
import io, os, resource, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
import django
django.setup()
from ruta.common.files.images import clean_photo
data = sys.stdin.buffer.read()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
clean_photo(io.BytesIO(data), size=len(data))
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024)
"""


def test_a_large_jpeg_is_decoded_reduced_in_bounded_memory():
    data = _encoded((7700, 5142), "JPEG")
    done = subprocess.run(  # noqa: S603 - this interpreter, the code above
        [sys.executable, "-c", _PEAK],
        input=data,
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert int(done.stdout) < 150  # MB more than before decoding
