"""The categories a report may take, seeded as data (staff may add more)."""

from django.db import migrations

CATEGORIES = [
    ("obra-detenida", "Obra detenida o abandonada", "No se trabaja en la obra o quedó sin terminar."),
    ("mala-calidad", "Mala calidad o daños", "Grietas, baches, filtraciones, materiales que fallan."),
    ("riesgo-seguridad", "Riesgo para las personas", "Zanjas sin señalar, cables expuestos, estructuras inestables."),
    ("no-coincide", "No coincide con lo publicado", "Lo construido o el lugar no corresponde a lo que dice la obra."),
    ("afectaciones", "Afectaciones a vecinos", "Ruido, polvo, cierres de calles o accesos sin aviso."),
    ("basura-escombro", "Escombro o basura", "Residuos de la obra en la vía pública."),
    ("falta-mantenimiento", "Falta de mantenimiento", "La obra terminada no recibe mantenimiento."),
    ("otro", "Otro problema", "Cualquier otro problema con la obra."),
]


def _categories(apps, schema_editor):
    # The connection migrating (the schema's owner), not the application's.
    alias = schema_editor.connection.alias
    return apps.get_model("problems", "Category").objects.using(alias)


def categories_add(apps, schema_editor):
    categories = _categories(apps, schema_editor)
    for order, (code, name, description) in enumerate(CATEGORIES, start=1):
        categories.update_or_create(
            code=code,
            defaults={"name": name, "description": description, "order": order},
        )


def categories_remove(apps, schema_editor):
    codes = [code for code, _, _ in CATEGORIES]
    _categories(apps, schema_editor).filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_initial")]

    operations = [migrations.RunPython(categories_add, categories_remove)]
