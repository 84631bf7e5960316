from django.urls import path

from ruta.participation import views

app_name = "participation"

urlpatterns = [
    path("vigilancia/", views.desk_index, name="desk"),
    path("<public_id:public_id>/comite/", views.committee_page, name="committee"),
    path(
        "<public_id:public_id>/comite/integrantes/<id:pk>/cuenta/",
        views.member_link,
        name="member-link",
    ),
    path(
        "<public_id:public_id>/comite/vigilancia/",
        views.desk_committee,
        name="desk-committee",
    ),
    path(
        "<public_id:public_id>/comite/visita/",
        views.visit_create,
        name="visit-create",
    ),
    path(
        "<public_id:public_id>/comite/taller/",
        views.workshop_create,
        name="workshop-create",
    ),
    path(
        "<public_id:public_id>/comite/acta/",
        views.handover_act_create,
        name="act-create",
    ),
    path(
        "<public_id:public_id>/comite/visitas/<id:pk>/minuta/",
        views.visit_minutes,
        name="visit-minutes",
    ),
]
