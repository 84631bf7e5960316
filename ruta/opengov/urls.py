from django.urls import path

from ruta.opengov import views

app_name = "opengov"

urlpatterns = [
    path("", views.plan_list, name="plans"),
    path("<slug:key>/", views.plan_page, name="plan"),
    path(
        "<slug:key>/compromisos/<int:number>/",
        views.commitment_page,
        name="commitment",
    ),
    path(
        "<slug:key>/datos/<slug:dataset>.<slug:fmt>",
        views.download,
        name="download",
    ),
]
