"""Which names under ``/media/`` the application may send: public folders only.

The server itself is tested in ``tests/test_serve_media.py``.
"""

import pytest
from django.core.exceptions import MiddlewareNotUsed

from ruta.common.files.publicfiles import PublicMediaMiddleware, public_rule
from ruta.common.files.uploads import FILE_RULES


@pytest.mark.parametrize(
    "name",
    [
        "works/documents/2024/0123456789abcdef0123456789abcdef.jpg",
        "comites/fotos/2024/0123456789abcdef0123456789abcdef.jpg",
        "gobierno-abierto/evidencias/2024/0123456789abcdef.pdf",
        "datos/obras/obras-20240101.csv",
    ],
)
def test_a_name_in_a_public_folder_has_its_rule(name):
    rule = public_rule(name)
    assert rule is not None
    assert not rule.private
    assert name.startswith(rule.folder + "/")


@pytest.mark.parametrize(
    "name",
    [
        *(f"{rule.folder}/2024/a.pdf" for rule in FILE_RULES.values() if rule.private),
        "works/documents",
        "works/documents/",
        "works/documents//a.jpg",
        "works/documents/../../private/comites/actas/a.pdf",
        "works/documents/2024/..",
        "works/documents/2024/.hidden.jpg",
        "works/documents/2024/a b.jpg",
        "works/documentsX/a.jpg",
        "/works/documents/a.jpg",
        "otra/carpeta/a.jpg",
    ],
)
def test_any_other_name_has_none(name):
    assert public_rule(name) is None


def test_the_middleware_is_left_out_where_nginx_sends_the_files(settings):
    settings.RUTA_SERVE_MEDIA = False
    with pytest.raises(MiddlewareNotUsed):
        PublicMediaMiddleware(lambda request: None)
