from django.urls import path

from ruta.concertation import views

app_name = "concertation"

urlpatterns = [
    path("convenios/", views.desk, name="desk"),
    path("convenios/nuevo/", views.agreement_new, name="new"),
    path("convenios/<int:pk>/", views.agreement_page, name="agreement"),
    path("convenios/<int:pk>/montos/", views.agreement_amounts, name="amounts"),
    path("convenios/<int:pk>/firma/", views.agreement_signature, name="sign"),
    path("convenios/<int:pk>/lineamientos/", views.checklist_mark, name="check"),
    path(
        "convenios/<int:pk>/lineamientos/desmarcar/",
        views.checklist_unmark,
        name="uncheck",
    ),
]
