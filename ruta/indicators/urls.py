from django.urls import path

from ruta.indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("captura/", views.result_capture, name="capture"),
]
