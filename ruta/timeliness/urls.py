from django.urls import path

from ruta.timeliness import views

app_name = "calendar"

urlpatterns = [
    path("", views.calendar_index, name="index"),
    path("mesa/", views.calendar_desk, name="desk"),
    path("<slug:code>/", views.agency_page, name="agency"),
]
