"""Private files stay private: declared, stored apart, sent only to those allowed.

The attacks of issue "Trust, round three": an organisation's ``evil.html``
and ``evil.svg`` accepted as requirement documents, and applicants' files
answered to anyone who guessed ``/media/grants/documents/...``. The same
attacks through the shipped nginx are in ``tests/test_deploy_nginx.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.core.management import call_command
from django.urls import reverse
from pghistory.models import MiddlewareEvents

from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.common.checks import file_fields, file_rules_followed
from ruta.common.files.privatefiles import SANDBOX
from ruta.common.files.uploads import FILE_RULES
from ruta.grants import services
from ruta.grants.models import ApplicationDocument
from testkit.grants import apply, make_call, make_organization, user_with
from testkit.nginx import DEPLOY

ROOT = Path(__file__).resolve().parents[1]
PDF = b"%PDF-1.4\n% acta constitutiva\n%%EOF\n"
EVIL_HTML = b"<html><body><script>fetch('/cuentas/')</script></body></html>"
EVIL_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


# ------------------------------------------------------------ the declaration


def test_every_file_field_of_the_project_is_declared():
    declared = {key for key, rule in FILE_RULES.items() if rule.model_field}
    assert set(file_fields()) == declared


def test_every_file_field_follows_its_declared_storage_and_names():
    assert file_rules_followed() == []


def _deploy_table() -> dict[str, str]:
    """Return docs/deploy.md's files table: field → public or private."""
    text = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\| `([\w.]+)` \|[^|]*\| (public|private) \|", text, re.M))


def test_the_deploy_guide_lists_every_file_as_declared():
    expected = {
        key: "private" if rule.private else "public" for key, rule in FILE_RULES.items()
    }
    assert _deploy_table() == expected


def test_nginx_serves_under_media_only_the_public_folders():
    conf = (DEPLOY / "ruta-locations.conf").read_text(encoding="utf-8")
    served = set(re.findall(r"location /media/(\S+)/ \{", conf))
    public = {rule.folder for rule in FILE_RULES.values() if not rule.private}
    assert served == public
    assert re.search(r"location /media/ \{\s*return 404;", conf)
    assert re.search(r"location /_privados/ \{\s*internal;", conf)


# ------------------------------------------------------------- an application


@pytest.fixture
def application_files(db):
    """Return an application with one document, and who is who around it."""
    call = make_call()
    applicant = user_with(Role.APPLICANT)
    application = apply(call, make_organization(1, applicant), applicant, 1)
    document = services.document_upload(
        application=application,
        requirement="7",
        file=ContentFile(PDF, name="Acta constitutiva.pdf"),
        actor=applicant,
    )
    rival = user_with(Role.APPLICANT)
    make_organization(2, rival)
    return {
        "application": application,
        "document": document,
        "applicant": applicant,
        "staff": user_with(Role.VALIDATOR, call.agency),
        "reviewer": user_with(Role.REVIEWER, call.agency),
        "rival": rival,
    }


def _url(application_files, kind="documento", pk=None) -> str:
    application = application_files["application"]
    return reverse(
        "grants:file",
        args=[
            application.call.code,
            application.folio,
            kind,
            pk or application_files["document"].pk,
        ],
    )


def test_a_document_is_stored_privately_under_a_random_name(application_files):
    document = application_files["document"]
    assert re.fullmatch(r"grants/documents/\d{4}/[0-9a-f]{32}\.pdf", document.file.name)
    assert document.name == "Acta constitutiva.pdf"
    assert storages["private"].exists(document.file.name)
    assert not default_storage.exists(document.file.name)
    with pytest.raises(ValueError, match="no public address"):
        document.file.url  # noqa: B018 - the property is what is tried


@pytest.mark.parametrize("who", ["applicant", "staff"])
def test_the_owner_and_the_calls_staff_get_the_document_as_an_attachment(
    client, application_files, who
):
    client.force_login(application_files[who])
    answer = client.get(_url(application_files))
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == PDF
    assert answer["Content-Type"] == "application/pdf"
    assert answer["Content-Disposition"] == (
        'attachment; filename="requisito-7-Acta constitutiva.pdf"'
    )
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert answer["Content-Security-Policy"] == SANDBOX
    assert "no-store" in answer["Cache-Control"]


def test_each_read_of_a_document_is_logged_with_its_reader(client, application_files):
    client.force_login(application_files["staff"])
    url = _url(application_files)
    client.get(url)
    reads = MiddlewareEvents.objects.tracks(application_files["application"]).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert list(reads.values_list("user", "pgh_context__url")) == [
        (application_files["staff"].pk, url)
    ]


@pytest.mark.parametrize("who", [None, "rival", "reviewer"])
def test_anyone_else_gets_not_found(client, application_files, who):
    if who:
        client.force_login(application_files[who])
    assert client.get(_url(application_files)).status_code == 404
    assert client.get(_url(application_files, kind="informe")).status_code == 404


def test_a_document_of_another_application_is_not_found_through_this_one(
    client, application_files
):
    other = apply(
        application_files["application"].call,
        make_organization(3, application_files["applicant"]),
        application_files["applicant"],
        3,
    )
    url = reverse(
        "grants:file",
        args=[
            other.call.code,
            other.folio,
            "documento",
            application_files["document"].pk,
        ],
    )
    client.force_login(application_files["applicant"])
    assert client.get(url).status_code == 404


def test_behind_nginx_the_application_only_names_the_internal_location(
    client, application_files, settings
):
    settings.RUTA_PRIVATE_FILES_ACCEL = "/_privados/"
    client.force_login(application_files["applicant"])
    answer = client.get(_url(application_files))
    assert (
        answer["X-Accel-Redirect"]
        == f"/_privados/{application_files['document'].file.name}"
    )
    assert answer.content == b""
    assert answer["Content-Disposition"].startswith("attachment;")


# --------------------------------------------------------- hostile uploads


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("evil.html", EVIL_HTML),
        ("evil.svg", EVIL_SVG),
        ("evil.html", b"%PDF-1.4\n" + EVIL_HTML),
        ("evil.svg", b"\xff\xd8\xff\xe0" + EVIL_SVG),
    ],
)
def test_evil_html_and_svg_uploads_are_refused_on_the_application_page(
    client, application_files, name, content
):
    application = application_files["application"]
    client.force_login(application_files["applicant"])
    answer = client.post(
        reverse(
            "grants:document_upload",
            args=[application.call.code, application.folio],
        ),
        {"requirement": "8", "file": ContentFile(content, name=name)},
        follow=True,
    )
    page = answer.content.decode()
    assert f"«{name}»" in page
    assert "no se acepta" in page or "no es una imagen legible" in page
    assert not application.documents.filter(requirement="8").exists()


# ------------------------------------------------------- files kept before


def test_the_move_command_takes_old_public_files_private_once(application_files):
    document = application_files["document"]
    legacy = default_storage.save(
        "grants/documents/2021/requisito-12.pdf", ContentFile(PDF)
    )
    evil = default_storage.save(
        "grants/documents/2021/evil.html", ContentFile(EVIL_HTML)
    )
    kept = ApplicationDocument.objects.create(
        application=application_files["application"],
        requirement="12",
        name="requisito-12.pdf",
    )
    ApplicationDocument.objects.filter(pk=kept.pk).update(file=legacy)
    bad = ApplicationDocument.objects.create(
        application=application_files["application"], requirement="9", name="evil.html"
    )
    ApplicationDocument.objects.filter(pk=bad.pk).update(file=evil)

    call_command("files_private")
    kept.refresh_from_db()
    bad.refresh_from_db()
    assert not default_storage.exists(legacy)
    assert not default_storage.exists(evil)
    assert kept.file.name.endswith(".pdf")
    assert kept.file.name != legacy
    assert storages["private"].open(kept.file.name).read() == PDF
    assert bad.file.name.endswith(".bin")
    assert storages["private"].open(bad.file.name).read() == EVIL_HTML

    names = set(ApplicationDocument.objects.values_list("file", flat=True))
    call_command("files_private")
    assert set(ApplicationDocument.objects.values_list("file", flat=True)) == names
    assert document.file.name in names
