from django.urls import path

from ruta.participation import staff_views, views

app_name = "participation"

urlpatterns = [
    path("vigilancia/", views.desk_index, name="desk"),
    path("comites/", staff_views.committees_desk, name="committees"),
    path(
        "comites/plantilla-comites.csv",
        staff_views.roster_template,
        name="roster-template",
    ),
    path("comites/importar/", staff_views.roster_import, name="roster-import"),
    path(
        "<public_id:public_id>/comite/formar/",
        staff_views.committee_create,
        name="committee-create",
    ),
    path(
        "<public_id:public_id>/comite/integrantes/nuevo/",
        staff_views.member_add,
        name="member-add",
    ),
    path(
        "<public_id:public_id>/comite/integrantes/<id:pk>/reemplazar/",
        staff_views.member_replace,
        name="member-replace",
    ),
    path(
        "<public_id:public_id>/comite/integrantes/<id:pk>/baja/",
        staff_views.member_remove,
        name="member-remove",
    ),
    path(
        "<public_id:public_id>/comite/integrantes/<id:pk>/invitar/",
        staff_views.member_invite,
        name="member-invite",
    ),
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
