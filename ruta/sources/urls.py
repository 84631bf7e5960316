from django.urls import path

from ruta.sources import views

app_name = "sources"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<sha256:sha256>/", views.document_page, name="detail"),
    path("<sha256:sha256>/hallazgos/", views.document_findings, name="findings"),
]
