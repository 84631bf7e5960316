from django.urls import path

from ruta.datarequests import views

app_name = "datarequests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("nueva/", views.request_new, name="new"),
    path("<id:pk>/", views.request_detail, name="detail"),
    path("<id:pk>/recibida/", views.request_filed, name="filed"),
    path("<id:pk>/responder/", views.request_answer, name="answer"),
]
