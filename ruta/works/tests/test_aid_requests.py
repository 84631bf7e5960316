"""Social aids recorded on the site: a request captured by the aids staff, one
at a time or from a year's file, is resolved by another person; only a granted
aid is counted and published, and whoever asked stays private."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone
from pghistory.models import MiddlewareEvents

from ruta.accounts.cycles import step_take
from ruta.accounts.models import PERSONAL_DATA_VIEWED, Role
from ruta.accounts.personal import personal_data_models
from ruta.ingest.aids import COLUMNS, TEMPLATE_EXAMPLE
from ruta.ingest.loaders.aids import aids_file_import
from ruta.sources.findings import DocumentError
from ruta.sources.services import ImportStatus
from ruta.works.cycles import AID
from ruta.works.models import Aid, AidStatus
from ruta.works.rules import aid_request_problem
from ruta.works.selectors.aids import aid_rows, aids_by_sex
from ruta.works.services.aids import (
    AidRequest,
    aid_recipients_expire,
    aid_request_capture,
    aid_requests_capture,
    aids_resolve,
)
from testkit.actors import TEST_ACTOR
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory

D = Decimal
AIDS_AGENCY = "sonora-cecop-departamento-ayudas-diversas"
DESK = "/es-mx/captura/obras/ayudas/"


def _request(**given) -> AidRequest:
    values = {
        "concept": "persons",
        "amount": D("15000.00"),
        "requested_on": date(2025, 3, 3),
        "recipient_sex": "M",
        "age_group": "30-59",
        "recipient_name": "Rosa Canario Quintero",
    }
    return AidRequest(**{**values, **given})


@pytest.fixture
def world(make_user, hermosillo):
    agency = AgencyFactory(code=AIDS_AGENCY, name="Departamento de Ayudas Diversas")
    return {
        "agency": agency,
        "year": FiscalYearFactory(year=2025),
        "hermosillo": hermosillo,
        "capture": make_user(Role.CAPTURE, agency=agency),
        "validator": make_user(Role.VALIDATOR, agency=agency),
        "other_validator": make_user(Role.VALIDATOR, agency=agency),
    }


def _capture(world, actor_key="capture", **given) -> Aid:
    return aid_request_capture(
        request=_request(municipality=world["hermosillo"], **given),
        fiscal_year=world["year"],
        agency=world["agency"],
        actor=world[actor_key],
    )


# ------------------------------------------------------------------ rules


def test_an_aid_to_a_person_says_sex_and_age_and_one_to_an_institution_neither():
    def problem(**given):
        values = {
            "concept": "persons",
            "amount": D("1.00"),
            "recipient_sex": "M",
            "age_group": "0-17",
            "recipient_name": "X",
            "requested_on": date(2025, 1, 1),
            "today": date(2025, 6, 1),
        }
        return aid_request_problem(**{**values, **given})

    assert problem() == ""
    assert problem(age_group="") == "person_unknown"
    assert problem(recipient_name=" ") == "name_missing"
    assert problem(concept="nonprofits") == "not_a_person"
    assert problem(concept="nonprofits", recipient_sex="", age_group="") == ""
    assert problem(amount=D("0")) == "amount_not_positive"
    assert problem(requested_on=date(2025, 7, 1)) == "future"


def test_the_name_sex_and_age_group_are_declared_personal_data():
    aid = personal_data_models()["works.Aid"]
    assert {"recipient_name", "recipient_sex", "age_group"} <= {
        field.name for field in aid.fields
    }


# ------------------------------------------------------------------ cycle


def test_a_request_counts_only_once_another_person_grants_it(world):
    aid = _capture(world, "validator")
    assert aid.status == AidStatus.REQUESTED
    assert aid.captured_by == world["validator"]
    assert aids_by_sex(2025).by_concept.aids == 0
    with pytest.raises(ValidationError) as refused:
        step_take(AID, aid, "grant", actor=world["validator"])
    assert refused.value.code == "same_person"
    step_take(AID, aid, "grant", actor=world["other_validator"])
    aid.refresh_from_db()
    assert aid.status == AidStatus.GRANTED
    assert aid.decided_by == world["other_validator"]
    assert aid.granted_on == timezone.localdate()
    assert aids_by_sex(2025).by_concept.aids == 1
    published = " ".join(str(row) for row in aid_rows())
    assert "Canario" not in published


def test_a_denied_request_says_why_and_is_never_counted(world):
    aid = _capture(world, granted_on=date(2025, 3, 10))
    with pytest.raises(ValidationError):
        step_take(AID, aid, "deny", actor=world["validator"])
    step_take(AID, aid, "deny", reason="Sin comprobante.", actor=world["validator"])
    aid.refresh_from_db()
    assert (aid.status, aid.decision_note, aid.granted_on) == (
        AidStatus.DENIED,
        "Sin comprobante.",
        None,
    )
    assert aids_by_sex(2025).by_concept.aids == 0


def test_a_request_breaking_a_rule_is_refused_and_writes_nothing(world):
    with pytest.raises(ValidationError, match="grupo de edad"):
        _capture(world, age_group="")
    assert not Aid.objects.exists()


def test_the_name_is_erased_once_its_retention_ends(world, settings):
    settings.RUTA_AID_RECIPIENT_RETENTION_DAYS = 30
    aid = _capture(world)
    step_take(AID, aid, "grant", actor=world["validator"])
    assert aid_recipients_expire(actor=TEST_ACTOR) == 0
    later = timezone.now() + timedelta(days=31)
    assert aid_recipients_expire(now=later, actor=TEST_ACTOR) == 1
    aid.refresh_from_db()
    assert aid.recipient_name == ""
    assert aid.recipient_erased_at is not None
    assert aid.recipient_sex == "M"  # the aggregates keep counting it


def test_the_names_are_erased_daily_by_the_worker():
    from procrastinate.contrib.django import app

    from ruta.works import tasks

    periodic = app.periodic_registry.periodic_tasks[
        (tasks.AID_NAMES_TASK, "works-aid-recipients-expire")
    ]
    assert periodic.cron == "50 4 * * *"


# ------------------------------------------------------------------- desk


def test_the_aids_staff_capture_on_the_desk_and_another_validator_resolves(world):
    staff = Client()
    staff.force_login(world["capture"])
    form = staff.get(DESK + "nueva/").content.decode()
    assert "Aviso de privacidad" in form
    posted = staff.post(
        DESK + "nueva/",
        {
            "agency": world["agency"].pk,
            "fiscal_year": 2025,
            "requested_on": "2025-03-03",
            "concept": "persons",
            "amount": "15000.00",
            "municipality": "26030",
            "recipient_name": "Rosa Canario Quintero",
            "recipient_sex": "M",
            "age_group": "",
        },
    )
    assert posted.status_code == 400
    assert "dice su sexo y su grupo de edad" in posted.content.decode()
    assert not Aid.objects.exists()
    posted = staff.post(
        DESK + "nueva/",
        {
            "agency": world["agency"].pk,
            "fiscal_year": 2025,
            "requested_on": "2025-03-03",
            "concept": "persons",
            "amount": "15000.00",
            "municipality": "26030",
            "recipient_name": "Rosa Canario Quintero",
            "recipient_sex": "M",
            "age_group": "30-59",
        },
    )
    assert posted.status_code == 302
    aid = Aid.objects.get()
    assert aid.captured_by == world["capture"]
    assert staff.get(DESK).status_code == 403  # capture staff do not resolve

    validator = Client()
    validator.force_login(world["validator"])
    page = validator.get(DESK).content.decode()
    assert aid.public_id in page
    assert "Rosa Canario Quintero" in page  # to whoever resolves, logged
    assert (
        MiddlewareEvents.objects.tracks(aid)
        .filter(pgh_label=PERSONAL_DATA_VIEWED)
        .exists()
    )
    validator.post(f"/es-mx/cuentas/decidir/ayudas/{aid.pk}/otorgar/")
    aid.refresh_from_db()
    assert aid.status == AidStatus.GRANTED
    public = Client().get("/es-mx/ayudas-sociales/?year=2025").content.decode()
    assert "Canario" not in public


# ------------------------------------------------------------ many at once


def _year_of_requests(world, actor_key="capture", count=3) -> list[Aid]:
    return aid_requests_capture(
        requests=[
            _request(amount=D("1000.00") * n, municipality=world["hermosillo"])
            for n in range(1, count + 1)
        ],
        fiscal_year=world["year"],
        agency=world["agency"],
        actor=world[actor_key],
    )


def test_a_year_of_requests_is_granted_at_once_after_a_confirmation(world):
    aids = _year_of_requests(world)
    validator = Client()
    validator.force_login(world["validator"])
    desk = validator.get(DESK).content.decode()
    assert "2025: 3 solicitudes, $6,000.00" in desk
    review = validator.post(DESK + "lote/", {"year": "2025", "step": "grant"})
    text = review.content.decode()
    assert "Va a otorgar 3 solicitudes por $6,000.00." in text
    assert not Aid.objects.granted().exists()  # nothing before the confirmation
    done = validator.post(
        DESK + "lote/",
        {
            "step": "grant",
            "aid": [aid.pk for aid in aids],
            "confirm": "3:6000.00",
            "reason": "Padrón 2025 revisado.",
        },
    )
    assert done.status_code == 302
    granted = Aid.objects.granted()
    assert granted.count() == 3
    assert {aid.decided_by for aid in granted} == {world["validator"]}
    for aid in aids:  # each its own event, with the one reason
        [event] = [
            event.pgh_context
            for event in MiddlewareEvents.objects.tracks(aid)
            if event.pgh_context["service"] == "aid_grant"
        ]
        assert event["reason"] == "Padrón 2025 revisado."
        assert event["user"] == world["validator"].pk


def test_a_selection_that_changed_is_confirmed_again(world):
    first, second = _year_of_requests(world, count=2)
    step_take(AID, second, "deny", reason="Duplicada.", actor=world["other_validator"])
    validator = Client()
    validator.force_login(world["validator"])
    again = validator.post(
        DESK + "lote/",
        {"step": "grant", "aid": [first.pk], "confirm": "2:3000.00"},
    )
    text = again.content.decode()
    assert "La selección cambió" in text
    assert "Va a otorgar 1 solicitud por $1,000.00." in text
    assert not Aid.objects.granted().exists()


def test_whoever_imported_a_batch_resolves_none_of_it(world):
    aids = _year_of_requests(world, "validator")
    with pytest.raises(ValidationError) as refused:
        aids_resolve(
            aids=[aid.pk for aid in aids], step="grant", actor=world["validator"]
        )
    assert refused.value.code == "aids_refused"
    assert aids[0].public_id in refused.value.messages[0]
    assert "nadie aprueba su propio trabajo" in refused.value.messages[0]
    assert not Aid.objects.granted().exists()
    # Nor are they offered to them on the desk.
    validator = Client()
    validator.force_login(world["validator"])
    offered = validator.post(DESK + "lote/", {"year": "2025", "step": "grant"})
    assert offered.status_code == 400
    assert not Aid.objects.granted().exists()


def test_a_denial_of_many_says_why_once_and_an_empty_choice_is_refused(world):
    aids = _year_of_requests(world, count=2)
    ids = [aid.pk for aid in aids]
    with pytest.raises(ValidationError, match="Escriba el motivo"):
        aids_resolve(aids=ids, step="deny", actor=world["validator"])
    with pytest.raises(ValidationError) as empty:
        aids_resolve(aids=[], step="deny", actor=world["validator"])
    assert empty.value.code == "aids_none"
    resolved = aids_resolve(
        aids=ids, step="deny", reason="Fuera de reglas.", actor=world["validator"]
    )
    assert (resolved.count, resolved.total) == (2, D("3000.00"))
    assert set(Aid.objects.values_list("status", "decision_note")) == {
        (AidStatus.DENIED, "Fuera de reglas.")
    }


# ----------------------------------------------------------------- import


def _file(tmp_path, rows) -> object:
    path = tmp_path / "ayudas_2025.csv"
    lines = [",".join(COLUMNS)]
    lines += [",".join(row.get(c, "") for c in COLUMNS) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_years_file_is_previewed_with_its_findings_then_imported_as_requests(
    world, tmp_path
):
    good, institution = (dict(row) for row in TEMPLATE_EXAMPLE)
    bad = {**good, "SEXO": "Desconocido", "NOMBRE": "Otra Persona"}
    path = _file(tmp_path, [good, institution, bad])
    preview = aids_file_import(path=path, actor=world["capture"], dry_run=True)
    assert preview.status == ImportStatus.DRY_RUN
    [finding] = preview.findings
    assert finding.code == "aid_row_refused"
    assert finding.values["line"] == 4
    with pytest.raises(DocumentError, match="1 rows cannot be imported"):
        aids_file_import(path=path, actor=world["capture"])
    assert not Aid.objects.exists()

    path = _file(tmp_path, [good, institution])
    result = aids_file_import(path=path, actor=world["capture"])
    assert result.status == ImportStatus.IMPORTED
    aids = list(Aid.objects.order_by("public_id"))
    assert [a.status for a in aids] == [AidStatus.REQUESTED] * 2
    assert {a.captured_by for a in aids} == {world["capture"]}
    assert aids[0].public_id == "AYU-2025-0001"
    assert aids[0].municipality == world["hermosillo"]
    assert aids[1].municipality is None
    assert not result.document.rows.exists()  # no row keeps a name
    again = aids_file_import(path=path, actor=world["capture"])
    assert again.status == ImportStatus.ALREADY_IMPORTED


def test_a_file_of_an_agency_the_account_does_not_capture_for_is_refused(
    world, make_user, tmp_path
):
    stranger = make_user(Role.CAPTURE, agency=AgencyFactory())
    path = _file(tmp_path, [dict(TEMPLATE_EXAMPLE[1])])
    with pytest.raises(DocumentError, match="does not capture aids"):
        aids_file_import(path=path, actor=stranger, dry_run=True)


def test_the_template_downloads_for_the_staff(world):
    staff = Client()
    staff.force_login(world["capture"])
    csv_text = staff.get("/es-mx/importaciones/plantilla-ayudas.csv").content
    assert csv_text.decode("utf-8-sig").startswith(",".join(COLUMNS))
    xlsx = staff.get("/es-mx/importaciones/plantilla-ayudas.xlsx")
    assert xlsx.status_code == 200
    assert Client().get("/es-mx/importaciones/plantilla-ayudas.csv").status_code == 302


# ------------------------------------------------- the institution's RFC

INSTITUTION_RFC = "ASO150312UF2"


def test_an_institutions_rfc_goes_only_with_an_aid_without_sex_or_age():
    def problem(**given):
        values = {
            "concept": "nonprofits",
            "amount": D("1.00"),
            "recipient_sex": "",
            "age_group": "",
            "recipient_name": "",
            "requested_on": date(2025, 1, 1),
            "today": date(2025, 6, 1),
            "recipient_rfc": INSTITUTION_RFC,
        }
        return aid_request_problem(**{**values, **given})

    assert problem() == ""
    person = {"recipient_sex": "M", "age_group": "30-59", "recipient_name": "R"}
    assert problem(concept="persons", **person) == "rfc_for_person"
    assert problem(recipient_sex="M") == "not_a_person"
    assert problem(recipient_rfc="GODE561231GR8") == "rfc_invalid"  # a person's


def _institution_post(world, **given) -> dict:
    return {
        "agency": world["agency"].pk,
        "fiscal_year": 2025,
        "requested_on": "2025-04-10",
        "concept": "nonprofits",
        "amount": "250000.00",
        "municipality": "",
        "recipient_sex": "",
        "age_group": "",
        "recipient_rfc": INSTITUTION_RFC,
        **given,
    }


def test_the_desk_keeps_an_institutions_rfc_and_refuses_a_persons(world):
    staff = Client()
    staff.force_login(world["capture"])
    assert "RFC de la institución que la recibe" in (
        staff.get(DESK + "nueva/").content.decode()
    )
    person = staff.post(
        DESK + "nueva/", _institution_post(world, recipient_rfc="GODE561231GR8")
    )
    assert person.status_code == 400
    assert "es el RFC de una persona física" in person.content.decode()
    assert "recipient_rfc" in person.context["form"].errors
    with_sex = staff.post(
        DESK + "nueva/",
        _institution_post(
            world,
            concept="persons",
            recipient_sex="M",
            age_group="30-59",
            recipient_name="Rosa Canario",
        ),
    )
    assert with_sex.status_code == 400
    assert "recipient_rfc" in with_sex.context["form"].errors
    assert not Aid.objects.exists()
    posted = staff.post(
        DESK + "nueva/", _institution_post(world, recipient_rfc="aso-150312-uf2")
    )
    assert posted.status_code == 302
    assert Aid.objects.get().recipient_rfc == INSTITUTION_RFC


def test_a_years_file_reads_the_institutions_rfc_and_names_a_wrong_one(world, tmp_path):
    person, institution = (dict(row) for row in TEMPLATE_EXAMPLE)
    institution["RFC_INSTITUCION"] = INSTITUTION_RFC
    wrong = {**institution, "RFC_INSTITUCION": "GODE561231GR8"}
    preview = aids_file_import(
        path=_file(tmp_path, [person, institution, wrong]),
        actor=world["capture"],
        dry_run=True,
    )
    [finding] = preview.findings
    assert finding.values["line"] == 4
    assert "RFC_INSTITUCION «GODE561231GR8»" in finding.values["problem"]
    aids_file_import(
        path=_file(tmp_path, [person, institution]), actor=world["capture"]
    )
    assert [a.recipient_rfc for a in Aid.objects.order_by("public_id")] == [
        "",
        INSTITUTION_RFC,
    ]
