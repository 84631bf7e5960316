from django.urls import path

from ruta.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<slug:agency>/<year:year>/", views.annual_report, name="annual"),
    path(
        "<slug:agency>/<year:year>/informe.xlsx",
        views.annual_report_download,
        name="annual-xlsx",
    ),
]
