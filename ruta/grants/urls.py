from django.urls import path

from ruta.grants import views
from ruta.grants.views import agreements, evaluation

app_name = "grants"

# The actions of an application's file, each at its own address under it
# (POST only); the steps that ask at most a reason are taken at
# /cuentas/decidir/ (``ruta.accounts.cycle_views``).
FILE_ACTIONS = [
    ("documentos/", evaluation.document_upload, "document_upload"),
    ("elegibilidad/", evaluation.eligibility, "eligibility"),
    ("calificacion/", evaluation.score, "score"),
    ("zona/", evaluation.zone_confirm, "zone_confirm"),
    ("convenio/citar/", agreements.agreement_cite, "agreement_cite"),
    ("convenio/firmar/", agreements.agreement_sign, "agreement_sign"),
    ("convenio/no-formalizado/", agreements.agreement_lapse, "agreement_lapse"),
    ("convenio/cancelar/", agreements.agreement_cancel, "agreement_cancel"),
    ("cuenta/", agreements.bank_account, "bank_account"),
    ("cuenta/acreditar/", agreements.bank_account_prove, "bank_account_prove"),
    ("cuenta/prorroga/", agreements.bank_account_extend, "bank_account_extend"),
    ("ministraciones/", agreements.schedule, "schedule"),
    (
        "ministraciones/<int:pk>/cfdi/",
        agreements.disbursement_cfdi,
        "disbursement_cfdi",
    ),
    (
        "ministraciones/<int:pk>/transferir/",
        agreements.disbursement_transfer,
        "disbursement_transfer",
    ),
    ("informes/<int:pk>/entregar/", agreements.report_submit, "report_submit"),
    ("informes/<int:pk>/prorroga/", agreements.report_extend, "report_extend"),
    ("informes/<int:pk>/observar/", agreements.report_observe, "report_observe"),
    (
        "observaciones/<int:pk>/responder/",
        agreements.observation_answer,
        "observation_answer",
    ),
    ("sanciones/<int:pk>/levantar/", agreements.sanction_lift, "sanction_lift"),
    ("beneficiarios/", agreements.beneficiary_add, "beneficiary_add"),
    ("reintegros/<int:pk>/registrar/", agreements.refund_pay, "refund_pay"),
    ("reintegros/no-ejercido/", agreements.unspent_claim, "unspent_claim"),
]

urlpatterns = [
    path("", views.calls_index, name="calls"),
    path("tablero/", views.dashboard_page, name="dashboard"),
    path("nueva/", views.call_new_page, name="call_new"),
    path(
        "organizaciones/",
        views.organization_register_view,
        name="organization_register",
    ),
    path("directorio/", views.directory_page, name="directory"),
    path("registro/", views.signup_page, name="signup"),
    path("registro/verificar/<str:token>/", views.signup_verify, name="signup_verify"),
    path("organizaciones/por-aprobar/", views.review_page, name="review"),
    path("organizaciones/<int:pk>/", views.organization_view, name="organization"),
    path("organizaciones/<int:pk>/decidir/", views.review_decide, name="review_decide"),
    path("organizaciones/<int:pk>/adeudos/", views.debt_new, name="debt_new"),
    path(
        "organizaciones/<int:pk>/adeudos/<int:debt>/saldar/",
        views.debt_settle_view,
        name="debt_settle",
    ),
    path(
        "organizaciones/<int:pk>/adeudos/<int:debt>/<str:kind>/",
        views.debt_file,
        name="debt_file",
    ),
    path("<slug:code>/", views.call_page, name="call"),
    path("<slug:code>/fallo/", views.results_page, name="results"),
    path(
        "<slug:code>/fallo.<str:fmt>", views.results_download, name="results_download"
    ),
    path("<slug:code>/padron/", views.register_page, name="register"),
    path(
        "<slug:code>/padron.<str:fmt>",
        views.register_download,
        name="register_download",
    ),
    path("<slug:code>/solicitar/", views.apply_page, name="apply"),
    path("<slug:code>/gestion/", views.manage_page, name="manage"),
    path("<slug:code>/gestion/reglas/", views.call_rules_set, name="rules"),
    path(
        "<slug:code>/solicitudes/<int:folio>/",
        views.application_page,
        name="application",
    ),
    *[
        path(f"<slug:code>/solicitudes/<int:folio>/{route}", view, name=name)
        for route, view, name in FILE_ACTIONS
    ],
    path(
        "<slug:code>/solicitudes/<int:folio>/expediente/",
        views.technical_file_page,
        name="technical_file",
    ),
    path(
        "<slug:code>/solicitudes/<int:folio>/expediente.zip",
        views.technical_file_download,
        name="technical_file_download",
    ),
    path(
        "<slug:code>/solicitudes/<int:folio>/visitas/nueva/",
        views.visit_new_page,
        name="visit_new",
    ),
    path(
        "<slug:code>/solicitudes/<int:folio>/archivos/<slug:kind>/<int:pk>/",
        views.application_file,
        name="file",
    ),
]
