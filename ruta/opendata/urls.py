from django.urls import path

from ruta.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalogo.ttl", views.catalogue_turtle, name="catalogue-ttl"),
    path("catalogo.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>/ultimo.<str:fmt>", views.download_latest, name="latest"),
    path("<slug:slug>/<id:version>.<str:fmt>", views.download, name="download"),
]
