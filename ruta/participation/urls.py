from django.urls import path

from ruta.participation import views

app_name = "participation"

urlpatterns = [
    path("<public_id:public_id>/comite/", views.committee_page, name="committee"),
]
