from django.urls import path

from ruta.programs import views

app_name = "programs"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.unit_detail, name="unit"),
    path("<int:pk>/formato/<int:quarter>/", views.form_html, name="form"),
    path("<int:pk>/formato/<int:quarter>.xlsx", views.form_xlsx, name="form_xlsx"),
    path("<int:pk>/captura/", views.capture, name="capture"),
    path("<int:pk>/captura/revisar/", views.capture_check, name="capture_check"),
    path("<int:pk>/aprobar/<int:quarter>/", views.approve, name="approve"),
    path("revision/", views.review_queue, name="review"),
    path(
        "revision/<int:unit_pk>/<int:goal_pk>/<str:field>/",
        views.review_decide,
        name="decide",
    ),
    path("datos/poa.json", views.data_json, name="data_json"),
    path("datos/<slug:dataset>.csv", views.data_csv, name="data_csv"),
]
