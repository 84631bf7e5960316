from django.urls import path

from ruta.ingest import views

app_name = "ingest"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("<str:sha256>/", views.document_page, name="detail"),
]
