from django.urls import path

from ruta.works import views

app_name = "works"

urlpatterns = [
    path("", views.works_index, name="list"),
    path("descarga.<str:fmt>", views.works_download, name="download"),
    path("totales/", views.works_totals, name="totals"),
    path("contratistas/<str:rfc>/", views.contractor_page, name="contractor"),
    path(
        "contratistas/<str:rfc>/contratos.csv",
        views.contractor_download,
        name="contractor-download",
    ),
    path("<public_id:public_id>/", views.work_page, name="detail"),
]
