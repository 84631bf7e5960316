"""The planning unit's year walked on the site, each step by the role that takes it.

A POA quarter left unreported shows on the unit's desk and on the public
timeliness page; a concerted work is not released while its municipality's
lineamientos are unmet, and is once staff tick them with evidence; an
indicator card and an action plan are created on the site and show where
the public reads them; an auditor reads a grant application's private file
(the read logged) and can change nothing. Forms are filled at 360 px and
every page is checked by axe-core. Each world is a few rows written through
the project's services and factories: what a test costs is its sign-ins and
page loads.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from ruta.accounts.models import Role
from ruta.catalog.models import AgencyKind
from testkit.factories.catalog import AgencyFactory
from testkit.factories.works import FiscalYearFactory
from tests.browser.conftest import (
    axe_violations,
    fits_narrow_phone,
    sign_in,
)

# ---------------------------------------------------------------- calendar


@pytest.fixture
def unreported_quarters(transactional_db, make_user):
    """A unit whose POA of last year is approved: its first quarter captured
    on time, nothing after (three quarters overdue whatever today is)."""
    from ruta.programs.models import (
        ExecutingUnit,
        Goal,
        PlanStatus,
        Program,
        QuarterProgress,
        Ramo,
        UnitProgram,
        ValueStatus,
    )

    year = timezone.localdate().year - 1
    with transaction.atomic():
        entity = AgencyFactory(
            code="bienestar-social", name="Bienestar Social", kind=AgencyKind.ENTIDAD
        )
        office = AgencyFactory(
            code="bienestar-participacion",
            name="Departamento de Participación Social",
            kind=AgencyKind.UNIDAD,
            parent=entity,
        )
        ramo = Ramo.objects.create(code="54", name="BIENESTAR SOCIAL", agency=entity)
        unit = ExecutingUnit.objects.create(
            ramo=ramo, code="54201", name="PARTICIPACIÓN SOCIAL", agency=office
        )
        program = Program.objects.create(
            fiscal_year=FiscalYearFactory(year=year),
            ramo=ramo,
            code="542",
            name="VINCULACIÓN SOCIAL",
        )
        unit_program = UnitProgram.objects.create(
            program=program,
            executing_unit=unit,
            status=ValueStatus.APPROVED,
            plan_status=PlanStatus.APPROVED,
            reported_quarter=1,
        )
        goal = Goal.objects.create(
            unit_program=unit_program,
            number=307,
            description="Integrar comités comunitarios.",
            unit_of_measure="Comité",
            annual_target=124,
            status=ValueStatus.APPROVED,
        )
        capture = make_user(Role.CAPTURE, agency=office)
        QuarterProgress.objects.create(
            goal=goal,
            quarter=1,
            programmed=42,
            achieved=42,
            status=ValueStatus.APPROVED,
            captured_by=capture,
            captured_at=datetime(year, 4, 2, 12, tzinfo=ZoneInfo(settings.TIME_ZONE)),
            approved_by=make_user(),
        )
    return {"year": year, "office": office, "capture": capture}


def test_an_overdue_poa_quarter_shows_on_the_units_desk_and_the_public_page(
    page, unreported_quarters
):
    year, office = unreported_quarters["year"], unreported_quarters["office"]
    quarter = f"{year}, trimestre 2"
    sign_in(page, unreported_quarters["capture"], then="/es-mx/cuentas/mesa/")
    task = page.get_by_role("link", name="Informes vencidos y por vencer")
    expect(task).to_be_visible()
    overdue = page.get_by_role(
        "link",
        name=f"Avance trimestral del POA: VINCULACIÓN SOCIAL · PARTICIPACIÓN "
        f"SOCIAL, {quarter}",
    )
    expect(overdue).to_be_visible()
    assert axe_violations(page) == []
    task.click()
    page.wait_for_url("**/calendario/mesa/")
    expect(page.locator("main")).to_contain_text(quarter)
    expect(page.locator("main")).not_to_contain_text(f"{year}, trimestre 1")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/calendario/")
    page.get_by_role("link", name=office.name).click()
    page.wait_for_url(f"**/calendario/{office.code}/")
    rows = page.get_by_role("table", name=f"Informes del ejercicio {year}")
    late = rows.get_by_role("row").filter(has_text=quarter)
    expect(late).to_contain_text("Vencido sin entregar")
    expect(
        rows.get_by_role("row").filter(has_text=f"{year}, trimestre 1")
    ).to_contain_text("Entregado a tiempo")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []


# ---------------------------------------------------------------- concertation


@pytest.fixture
def concerted(world, make_user):
    """CECOP's 2024 agreement with Hermosillo, signed, with three of its five
    lineamientos met; a concerted work its capture staff registered and a
    validator approved."""
    from ruta.accounts.cycles import step_take
    from ruta.concertation import services
    from ruta.concertation.lineamientos import KEYS
    from ruta.works.cycles import WORK
    from ruta.works.models import FundingSource
    from ruta.works.services.common import FundingLine
    from ruta.works.services.works import work_create
    from testkit.factories.works import SubprogramFactory, WorksProgramFactory

    hermosillo = world["hermosillo"]
    with transaction.atomic():
        program = WorksProgramFactory()
        cecop = program.agency
        capture = make_user(Role.CAPTURE, agency=cecop)
        validator = make_user(Role.VALIDATOR, agency=cecop)
        work = work_create(
            public_id="TSAM-2024-0100",
            fiscal_year=FiscalYearFactory(year=2024),
            program=program,
            subprogram=SubprogramFactory(),
            executing_agency=cecop,
            municipality=hermosillo,
            title="Pavimentación de la calle Yáñez en Hermosillo",
            total_investment=Decimal("770000.00"),
            funding=[
                FundingLine(FundingSource.STATE, Decimal("700000.00"), ""),
                FundingLine(FundingSource.MUNICIPALITY, Decimal("70000.00"), ""),
            ],
            actor=capture,
        )
    step_take(WORK, work, "approve", actor=validator)
    agreement = services.agreement_record(
        agency=cecop,
        municipality=hermosillo,
        year=2024,
        # Hermosillo's park, a concerted work of the shared world, uses
        # $1,000,000.00 of it already.
        floor=Decimal("2000000.00"),
        municipal_contribution=Decimal("100000.00"),
        community_contribution=Decimal("50000.00"),
        actor=validator,
    )
    services.agreement_sign(
        agreement=agreement, signed_on=date(2024, 2, 15), actor=validator
    )
    for key in KEYS[:3]:
        services.lineamiento_check(
            agreement=agreement,
            item=key,
            evidence=f"Oficio CECOP/{key}/2024",
            actor=validator,
        )
    return {"work": work, "agreement": agreement, "validator": validator}


def test_a_release_waits_for_the_lineamientos_then_succeeds(page, concerted):
    from ruta.concertation.lineamientos import KEYS, LABELS
    from ruta.works.models import WorkStatus

    work, agreement = concerted["work"], concerted["agreement"]
    desk = f"/es-mx/captura/obras/{work.public_id}/"
    sign_in(page, concerted["validator"], then=desk)
    assert fits_narrow_phone(page)
    page.get_by_role("button", name="Liberar recursos").click()
    page.wait_for_url(f"**{desk}")
    refusal = page.get_by_role("status")
    for key in KEYS[3:]:
        expect(refusal).to_contain_text(str(LABELS[key]))
    for key in KEYS[:3]:
        expect(refusal).not_to_contain_text(str(LABELS[key]))
    assert axe_violations(page) == []
    work.refresh_from_db()
    assert work.status == WorkStatus.APPROVED

    page.goto(agreement.get_absolute_url())
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    for number, key in enumerate(KEYS[3:], start=1):
        page.locator(f"#evidencia-{key}").fill(f"Oficio CECOP/DGCAT/{number}/2024")
        page.locator(f"#evidencia-{key}").locator("..").get_by_role(
            "button", name="Marcar cumplido"
        ).click()
        expect(page.get_by_role("status")).to_contain_text("marcado como cumplido")
    expect(page.locator("ul.checklist")).not_to_contain_text("Pendiente")
    assert axe_violations(page) == []

    page.goto(desk)
    page.get_by_role("button", name="Liberar recursos").click()
    expect(page.get_by_role("status")).to_contain_text("Recursos liberados")
    assert axe_violations(page) == []
    work.refresh_from_db()
    assert work.status == WorkStatus.RELEASED


# ---------------------------------------------------------------- indicators

CARD = "Porcentaje de obras concertadas liberadas a tiempo"


@pytest.fixture
def planning_unit(transactional_db, make_user):
    with transaction.atomic():
        cecop = AgencyFactory(code="sonora-cecop", name="CECOP")
        return {
            "agency": cecop,
            "planner": make_user(Role.VALIDATOR, agency=cecop),
            "capture": make_user(Role.CAPTURE, agency=cecop),
        }


def test_a_card_created_on_the_site_shows_on_the_indicators_page_with_its_semaphore(
    page, planning_unit
):
    from ruta.accounts.cycles import step_take
    from ruta.indicators.cycles import RESULT
    from ruta.indicators.models import IndicatorCard
    from ruta.indicators.services import Period, indicator_result_capture

    sign_in(page, planning_unit["planner"], then="/es-mx/cuentas/mesa/")
    page.get_by_role("link", name="Definir cédulas de indicadores").click()
    page.wait_for_url("**/indicadores/cedulas/")
    assert axe_violations(page) == []
    page.goto("/es-mx/indicadores/cedulas/nueva/")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_label("Dependencia responsable").select_option(label="CECOP")
    page.locator("#id_name").fill(CARD)
    page.get_by_label("Unidad responsable").fill("Consejo Estatal de Concertación")
    page.get_by_label("Unidad ejecutora").fill("Dirección General de Concertación")
    page.locator("#id_objective").fill("Fomentar la obra concertada.")
    page.get_by_label("Objetivo del indicador").fill("Medir las obras liberadas.")
    page.get_by_label("Método de cálculo").fill("Obras liberadas / aprobadas × 100")
    page.get_by_label("Sentido del indicador").select_option("ascending")
    page.get_by_label("Frecuencia de medición").fill("Anual")
    page.locator("#id_source").fill("Dirección General de Concertación")
    page.get_by_label("Unidad de medida").fill("Porcentaje")
    page.get_by_label("Tipo de valor").select_option("percent")
    page.get_by_label("Año de la línea base").fill("2021")
    page.locator("#id_baseline_value").fill("90")
    page.get_by_label("Año de la meta").fill("2020")
    page.locator("#id_goal_value").fill("100")
    page.get_by_role("button", name="Crear la cédula").click()
    expect(page.locator("#id_goal_year-error")).to_contain_text("línea base")
    assert axe_violations(page) == []
    page.get_by_label("Año de la meta").fill("2027")
    page.get_by_role("button", name="Crear la cédula").click()
    expect(page.get_by_role("status")).to_contain_text("Cédula creada")
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/indicadores/")
    card = page.get_by_role("region", name=CARD)
    expect(card).to_contain_text("Semáforo: Sin información")
    assert axe_violations(page) == []

    # Its first result, captured by one and approved by another, colours it.
    created = IndicatorCard.objects.get(name=CARD)
    result = indicator_result_capture(
        card=created,
        period=Period(year=2024),
        value=Decimal("95"),
        actor=planning_unit["capture"],
    )
    step_take(RESULT, result, "approve", actor=planning_unit["planner"])
    page.reload()
    expect(card).to_contain_text("Semáforo: Avance")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []


# ---------------------------------------------------------------- action plans


@pytest.fixture
def coordinating_unit(transactional_db, make_user):
    with transaction.atomic():
        strc = AgencyFactory(code="sonora-strc", name="Secretaría de la Contraloría")
        finance = AgencyFactory(code="sonora-hacienda", name="Secretaría de Hacienda")
        return {
            "coordinator": make_user(Role.VALIDATOR, agency=strc),
            "reporter": make_user(Role.CAPTURE, agency=finance),
        }


def test_a_plan_registered_on_the_site_lists_its_commitment_and_asks_its_report(
    page, coordinating_unit
):
    commitment = "Presupuesto abierto en datos"
    sign_in(page, coordinating_unit["coordinator"], then="/es-mx/cuentas/mesa/")
    page.get_by_role(
        "link", name="Registrar un plan de acción y sus compromisos"
    ).click()
    page.wait_for_url("**/gobierno-abierto/nuevo/")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []
    page.get_by_label("Nombre del plan").fill("Plan de Acción Local de Sonora")
    page.get_by_label("Clave").fill("pal-sonora-2025-2027")
    page.get_by_label("Año de inicio").fill("2025")
    page.get_by_label("Año de término").fill("2027")
    page.get_by_label("Unidad coordinadora").select_option(
        label="Secretaría de la Contraloría"
    )
    page.get_by_role("button", name="Registrar el plan").click()
    page.wait_for_url("**/gobierno-abierto/pal-sonora-2025-2027/informes/")
    expect(page.get_by_role("status")).to_contain_text("Plan registrado")
    assert fits_narrow_phone(page)
    assert axe_violations(page) == []

    page.get_by_label("Título del compromiso").fill(commitment)
    page.get_by_label("Objetivo principal").fill("Publicar el presupuesto en datos.")
    page.get_by_label("Dependencia responsable").select_option(
        label="Secretaría de Hacienda"
    )
    page.get_by_role("button", name="Agregar el compromiso").click()
    expect(page.get_by_role("status")).to_contain_text("Compromiso 1 agregado")
    page.get_by_label("Fecha a la que se informa").fill("2025-06-30")
    page.get_by_role("button", name="Abrir el periodo").click()
    expect(page.get_by_role("status")).to_contain_text("Periodo abierto")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Salir").click()

    page.goto("/es-mx/gobierno-abierto/pal-sonora-2025-2027/")
    expect(page.locator("main")).to_contain_text(commitment)
    assert axe_violations(page) == []

    sign_in(
        page,
        coordinating_unit["reporter"],
        then="/es-mx/gobierno-abierto/pal-sonora-2025-2027/informes/",
    )
    write = page.get_by_role(
        "link", name="Escribir el informe: compromiso 1, al 30/06/2025"
    )
    expect(write).to_be_visible()
    assert axe_violations(page) == []
    write.click()
    page.wait_for_url("**/compromisos/1/periodos/**")
    expect(page.get_by_label("Avance del compromiso (%)")).to_be_visible()


# ---------------------------------------------------------------- auditor


@pytest.fixture
def audited_file(transactional_db):
    """A grant application with one document, and an auditor of its call's body."""
    from django.core.files.base import ContentFile

    from ruta.grants import services
    from testkit.grants import PDF, apply, make_call, make_organization, user_with

    with transaction.atomic():
        call = make_call()
        applicant = user_with(Role.APPLICANT)
        application = apply(call, make_organization(1, applicant), applicant, 1)
        document = services.document_upload(
            application=application,
            requirement="7",
            file=ContentFile(PDF, name="acta.pdf"),
            actor=applicant,
        )
        auditor = user_with(Role.AUDITOR, call.agency)
    return {
        "application": application,
        "document": document,
        "auditor": auditor,
        "pdf": PDF,
    }


def test_an_auditor_reads_a_private_file_logged_and_is_refused_every_write(
    page, audited_file
):
    from pghistory.models import MiddlewareEvents

    from ruta.accounts.models import PERSONAL_DATA_VIEWED
    from ruta.grants.cycles import DOCUMENT
    from ruta.grants.models import DocumentStatus

    application, document = audited_file["application"], audited_file["document"]
    auditor, before = audited_file["auditor"], application.status
    address = application.get_absolute_url()
    sign_in(page, auditor, then=address)
    assert axe_violations(page) == []
    assert fits_narrow_phone(page)
    # Nothing on the file is offered to an auditor: no form, no button.
    main = page.locator("main")
    expect(main.locator("form")).to_have_count(0)
    expect(main.get_by_role("button")).to_have_count(0)

    file_url = reverse(
        "grants:file",
        args=[application.call.code, application.folio, "documento", document.pk],
    )
    link = main.locator(f'a[href="{file_url}"]')
    expect(link).to_have_count(1)
    opened = page.request.get(file_url)
    assert opened.status == 200
    assert opened.body() == audited_file["pdf"]
    reads = MiddlewareEvents.objects.tracks(application).filter(
        pgh_label=PERSONAL_DATA_VIEWED
    )
    assert set(reads.values_list("user", "pgh_context__url")) >= {
        (auditor.pk, address),
        (auditor.pk, file_url),
    }

    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    sent = {"headers": {"X-CSRFToken": token, "Referer": page.url}}
    step = page.request.post(DOCUMENT.url(document, DOCUMENT.step("accept")), **sent)
    assert step.status == 404  # no step of the file is in an auditor's reach
    eligibility = page.request.post(
        reverse("grants:eligibility", args=[application.call.code, application.folio]),
        **sent,
    )
    assert "No puede realizar esa acción sobre este registro" in eligibility.text()
    application.refresh_from_db()
    assert application.status == before
    document.refresh_from_db()
    assert document.status == DocumentStatus.RECEIVED
