"""Open311 GeoReport v2 addresses (``/open311/v2/``), outside the language prefix."""

from django.urls import path

from ruta.problems import open311

app_name = "open311"

urlpatterns = [
    path("discovery.<slug:fmt>", open311.discovery, name="discovery"),
    path("services.<slug:fmt>", open311.service_list, name="services"),
    path("services/<slug:code>.<slug:fmt>", open311.service_definition, name="service"),
    path("requests.<slug:fmt>", open311.requests_, name="requests"),
    path(
        "requests/<str:request_id>.<slug:fmt>", open311.request_detail, name="request"
    ),
    path("tokens/<str:token>.<slug:fmt>", open311.token_detail, name="token"),
]
