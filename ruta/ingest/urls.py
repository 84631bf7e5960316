from django.urls import path

from ruta.ingest import views

app_name = "ingest"

urlpatterns = [
    path("", views.import_jobs, name="jobs"),
    path("plantilla-obras.csv", views.works_template, name="works_template"),
    path(
        "plantilla-estado-<slug:word>.<str:fmt>",
        views.statement_template,
        name="statement_template",
    ),
    path("plantilla-ayudas.<str:fmt>", views.aids_template, name="aids_template"),
    path("documento/", views.document_upload, name="document"),
    path("documento/importar/", views.document_import, name="document-import"),
    path("estado/", views.state_setup_page, name="state"),
    path("<int:pk>/de-nuevo/", views.import_job_again, name="again"),
]
