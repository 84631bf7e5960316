from django.urls import path

from ruta.indicators import cards, evaluation_views, views

app_name = "indicators"

urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("captura/", views.result_capture, name="capture"),
    path("cedulas/", cards.card_desk, name="cards"),
    path("evaluaciones/", evaluation_views.evaluation_list, name="evaluations"),
    path(
        "evaluaciones/mesa/",
        evaluation_views.evaluation_desk,
        name="evaluation-desk",
    ),
    path("evaluaciones/nueva/", evaluation_views.evaluation_new, name="evaluation-new"),
    path(
        "evaluaciones/<int:pk>/aspectos/",
        evaluation_views.aspect_new,
        name="aspect-new",
    ),
    path(
        "aspectos/<int:pk>/avance/",
        evaluation_views.aspect_follow,
        name="aspect-follow",
    ),
    path("cedulas/nueva/", cards.card_new, name="card-new"),
    path("cedulas/<int:pk>/", cards.card_edit, name="card-edit"),
    path("cedulas/<int:pk>/retirar/", cards.card_retire, name="card-retire"),
]
