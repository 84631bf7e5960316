from django.urls import path

from ruta.opendata import views
from ruta.opendata.datasets import standards
from ruta.opendata.models import FileFormat

app_name = "opendata"
EXTENSION = "extensiones/comite-ciudadano/"

urlpatterns = [
    path("", views.index, name="index"),
    path("datapackage.json", views.datapackage, name="datapackage"),
    path("catalogo.ttl", views.catalogue_turtle, name="catalogue-ttl"),
    path("catalogo.jsonld", views.catalogue_jsonld, name="catalogue-jsonld"),
    # A standard's package at its own address: its latest JSON (oc4ids.json).
    *(
        path(
            f"{dataset.slug}.json",
            views.download_latest,
            {"slug": dataset.slug, "fmt": FileFormat.JSON},
            name=dataset.slug,
        )
        for dataset in standards()
    ),
    path(
        f"{EXTENSION}extension.json",
        views.committee_extension,
        {"name": "extension.json"},
        name="committee-extension",
    ),
    path(
        f"{EXTENSION}project-schema.json",
        views.committee_extension,
        {"name": "project-schema.json"},
        name="committee-schema",
    ),
    path(
        f"{EXTENSION}README.md",
        views.committee_extension,
        {"name": "README.md"},
        name="committee-readme",
    ),
    path("<slug:slug>/", views.dataset_page, name="dataset"),
    path("<slug:slug>/ultimo.<str:fmt>", views.download_latest, name="latest"),
    path("<slug:slug>/<id:version>.<str:fmt>", views.download, name="download"),
]
