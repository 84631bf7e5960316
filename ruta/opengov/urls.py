from django.urls import path

from ruta.opengov import reporting_views, views

app_name = "opengov"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    # Before the plans' keys, which cannot take these (rules.RESERVED_PLAN_KEYS).
    path("nuevo/", reporting_views.plan_new, name="plan_new"),
    path("consultas/", views.draft_list, name="drafts"),
    path("consultas/nueva/", views.draft_new, name="draft_new"),
    path("consultas/<slug:slug>/", views.draft_page, name="draft"),
    path("consultas/<slug:slug>/informe/", views.draft_report, name="draft_report"),
    path(
        "informes/<id:pk>/revision/",
        reporting_views.report_review,
        name="report-review",
    ),
    path("consultas/<slug:slug>/moderacion/", views.draft_desk, name="draft_desk"),
    path(
        "consultas/<slug:slug>/datos/comentarios.json",
        views.draft_counts,
        name="draft_counts",
    ),
    path("<slug:key>/", views.plan_page, name="plan"),
    path("<slug:key>/informes/", reporting_views.plan_reporting, name="reporting"),
    path(
        "<slug:key>/compromisos/<int:number>/periodos/<id:period_pk>/",
        reporting_views.report_write,
        name="report-write",
    ),
    path("<slug:key>/editar/", reporting_views.plan_edit, name="plan-edit"),
    path(
        "<slug:key>/compromisos/<int:number>/editar/",
        reporting_views.commitment_edit,
        name="commitment-edit",
    ),
    path(
        "<slug:key>/compromisos/<int:number>/",
        views.commitment_page,
        name="commitment",
    ),
    path(
        "<slug:key>/datos/<slug:dataset>.<slug:fmt>",
        views.download,
        name="download",
    ),
]
