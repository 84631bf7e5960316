from django.urls import path

from ruta.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<str:agency>/<int:year>/", views.annual_report, name="annual"),
    path(
        "<str:agency>/<int:year>/informe.xlsx",
        views.annual_report_download,
        name="annual-xlsx",
    ),
]
