from django.urls import path

from ruta.problems import views

app_name = "problems"

urlpatterns = [
    path("", views.report_list, name="list"),
    path("gracias/", views.report_thanks, name="thanks"),
    path("moderacion/", views.queue, name="queue"),
    path("moderacion/<int:number>/", views.moderate, name="moderate"),
    path("por-ubicar/", views.pending_list, name="pending"),
    path("por-ubicar/<int:number>/", views.pending_one, name="pending_one"),
    path("claves/", views.keys, name="keys"),
    path("mis-datos/<str:token>/", views.contact, name="contact"),
    path("reportar/<public_id:public_id>/", views.report_new, name="new"),
    path("<int:number>/", views.report_page, name="detail"),
    path("<int:number>/foto.jpg", views.report_photo, name="photo"),
]
