from django.urls import path

from ruta.works import desk, desk_aids, desk_budget

app_name = "desk"

urlpatterns = [
    path("", desk.desk_index, name="index"),
    path("nueva/", desk.desk_create, name="create"),
    path("modificaciones/", desk_budget.desk_modifications, name="modifications"),
    path("ayudas/", desk_aids.desk_aids, name="aids"),
    path("ayudas/nueva/", desk_aids.desk_aid_new, name="aid_new"),
    path("ayudas/lote/", desk_aids.desk_aids_resolve, name="aids_resolve"),
    path("<public_id:public_id>/", desk.desk_work, name="work"),
    path(
        "<public_id:public_id>/contratos/nuevo/",
        desk.desk_contract_add,
        name="contract_add",
    ),
    path(
        "<public_id:public_id>/pagos/nuevo/", desk.desk_payment_add, name="payment_add"
    ),
    path(
        "<public_id:public_id>/modificaciones/nueva/",
        desk_budget.desk_modification_add,
        name="modification_add",
    ),
    path(
        "<public_id:public_id>/documentos/nuevo/",
        desk.desk_document_add,
        name="document_add",
    ),
]
