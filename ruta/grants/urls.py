from django.urls import path

from ruta.grants import views

app_name = "grants"

urlpatterns = [
    path("", views.calls_index, name="calls"),
    path("tablero/", views.dashboard_page, name="dashboard"),
    path("nueva/", views.call_new_page, name="call_new"),
    path(
        "organizaciones/",
        views.organization_register_view,
        name="organization_register",
    ),
    path("registro/", views.signup_page, name="signup"),
    path("registro/verificar/<str:token>/", views.signup_verify, name="signup_verify"),
    path("organizaciones/por-aprobar/", views.review_page, name="review"),
    path("organizaciones/<int:pk>/", views.organization_view, name="organization"),
    path("organizaciones/<int:pk>/decidir/", views.review_decide, name="review_decide"),
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
