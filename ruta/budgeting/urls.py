from django.urls import path

from ruta.budgeting import staff_views, views

app_name = "budgeting"

urlpatterns = [
    path("", views.period_list, name="list"),
    path("mesa/", staff_views.desk, name="desk"),
    path("mesa/abrir/", staff_views.period_new, name="desk-new"),
    path("mesa/<slug:slug>/", staff_views.desk_period, name="desk-period"),
    path("mesa/<slug:slug>/avanzar/", staff_views.period_advance, name="desk-advance"),
    path(
        "mesa/<slug:slug>/publicar/", staff_views.results_publish, name="desk-publish"
    ),
    path(
        "mesa/<slug:slug>/propuestas/<int:number>/",
        staff_views.desk_proposal,
        name="desk-proposal",
    ),
    path("<slug:slug>/", views.period_page, name="period"),
    path("<slug:slug>/proponer/", views.proposal_new, name="propose"),
    path("<slug:slug>/propuestas/<int:number>/", views.proposal_page, name="proposal"),
    path("<slug:slug>/votar/", views.vote_start, name="vote"),
    path("<slug:slug>/votar/codigo/", views.vote_code, name="vote-code"),
    path("<slug:slug>/votar/boleta/", views.vote_ballot, name="vote-ballot"),
    path("<slug:slug>/votar/gracias/", views.vote_thanks, name="vote-thanks"),
    path("<slug:slug>/resultados/", views.results_page, name="results"),
    path("<slug:slug>/boletas.csv", views.ballots_csv, name="ballots-csv"),
    path("<slug:slug>/propuestas.csv", views.proposals_csv, name="proposals-csv"),
]
