from django.urls import path

from ruta.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("acerca-de-los-datos/", views.about, name="about"),
    path("glosario/", views.glossary_page, name="glossary"),
    path("mapa/", views.area_map, name="map"),
    path("mapa/obras/", views.works_map, name="works-map"),
    path("mapa/puntos.geojson", views.works_points, name="map-points"),
    path("impulso-social/", views.need_page, name="need"),
    path("presupuesto/", views.budget_page, name="budget"),
    path("ayudas-sociales/", views.aids_page, name="aids"),
    path("pregunta/", views.question_page, name="question"),
    path("buscar/", views.search_page, name="search"),
    path("municipios/", views.municipality_picker, name="municipality-picker"),
    path("municipios/<str:code>/", views.municipality_page, name="municipality"),
    path("regiones/<int:pk>/", views.region_page, name="region"),
]
