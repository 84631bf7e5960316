from django.urls import path

from ruta.works import desk

app_name = "desk"

urlpatterns = [
    path("", desk.desk_index, name="index"),
    path("nueva/", desk.desk_create, name="create"),
    path("<public_id:public_id>/", desk.desk_work, name="work"),
]
