from django.urls import path

from ruta.alerts import feeds, views

app_name = "alerts"

urlpatterns = [
    path("seguir/busqueda/", views.follow_search, name="follow-search"),
    path("seguir/<str:kind>/<str:key>/", views.follow, name="follow"),
    path("confirmar/<str:token>/", views.confirm, name="confirm"),
    path("baja/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mis-datos/<str:token>/", views.my_data, name="my-data"),
    path("canal/busqueda.atom", feeds.feed_view, name="feed-search"),
    path("canal/<str:kind>/<str:key>.atom", feeds.feed_view, name="feed"),
    path("suscriptores/", views.subscribers, name="subscribers"),
]
