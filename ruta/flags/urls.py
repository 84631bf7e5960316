from django.urls import path

from ruta.flags import views

app_name = "flags"

urlpatterns = [
    path("", views.flags_index, name="index"),
    path("dependencias/<slug:code>/", views.agency_page, name="agency"),
    path("respuestas/", views.replies_desk, name="replies"),
    path("respuestas/<int:pk>/", views.reply_page, name="reply"),
]
