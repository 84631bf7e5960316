from django.urls import path

from ruta.accounts import cycle_views, secondfactor_views, staff_views, views

app_name = "accounts"

urlpatterns = [
    path("entrar/", views.LoginView.as_view(), name="login"),
    path("salir/", views.LogoutView.as_view(), name="logout"),
    path("mesa/", views.desk_home, name="desk"),
    path(
        "invitacion/<str:uidb64>/<str:token>/",
        views.InvitationView.as_view(),
        name="invitation",
    ),
    path(
        "entrar/enlace/<str:uidb64>/<str:token>/",
        views.sign_in_link,
        name="sign-in-link",
    ),
    path("auditoria/", views.audit_log, name="audit"),
    path("segundo-factor/", secondfactor_views.second_step, name="second-factor"),
    path(
        "segundo-factor/activar/",
        secondfactor_views.enrol_own,
        name="second-factor-enrol",
    ),
    path("segundos-factores/", secondfactor_views.factors_list, name="second-factors"),
    path(
        "segundos-factores/<id:pk>/restablecer/",
        secondfactor_views.factor_reset,
        name="second-factor-reset",
    ),
    path("personal/", staff_views.staff_list, name="staff"),
    path(
        "personal/funciones/<id:pk>/quitar/",
        staff_views.role_remove,
        name="staff-role-remove",
    ),
    path(
        "decidir/<slug:cycle>/<id:pk>/<slug:step>/",
        cycle_views.decide,
        name="decide",
    ),
]
