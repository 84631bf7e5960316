from django.urls import path

from ruta.programs import plan_views, views

app_name = "programs"

urlpatterns = [
    path("", views.index, name="index"),
    path("<id:pk>/", views.unit_detail, name="unit"),
    path("<id:pk>/formato/<quarter:quarter>/", views.form_html, name="form"),
    path("<id:pk>/formato/<quarter:quarter>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("<id:pk>/captura/", views.capture, name="capture"),
    path("<id:pk>/captura/revisar/", views.capture_check, name="capture_check"),
    path("<id:pk>/aprobar/<quarter:quarter>/", views.approve, name="approve"),
    path("abrir/", plan_views.year_open, name="open"),
    path("<id:pk>/plan/", plan_views.plan_page, name="plan"),
    path("<id:pk>/plan/metas/nueva/", plan_views.goal_new, name="goal-new"),
    path("<id:pk>/plan/metas/<id:goal_pk>/", plan_views.goal_edit, name="goal-edit"),
    path(
        "<id:pk>/plan/metas/<id:goal_pk>/quitar/",
        plan_views.goal_delete,
        name="goal-delete",
    ),
    path(
        "<id:pk>/metas/<id:goal_pk>/vinculos/",
        plan_views.goal_links,
        name="goal-links",
    ),
    path("revision/", views.review_queue, name="review"),
    path(
        "revision/<id:unit_pk>/<id:goal_pk>/<str:field>/",
        views.review_decide,
        name="decide",
    ),
    path("datos/poa.json", views.data_json, name="data_json"),
    path("datos/<slug:dataset>.csv", views.data_csv, name="data_csv"),
]
