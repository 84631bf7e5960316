from django.urls import path

from ruta.indicators import cards, views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("captura/", views.result_capture, name="capture"),
    path("cedulas/", cards.card_desk, name="cards"),
    path("cedulas/nueva/", cards.card_new, name="card-new"),
    path("cedulas/<int:pk>/", cards.card_edit, name="card-edit"),
    path("cedulas/<int:pk>/retirar/", cards.card_retire, name="card-retire"),
]
