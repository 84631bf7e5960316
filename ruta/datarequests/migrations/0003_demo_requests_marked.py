"""Mark the data requests the demo filed as demonstration data.

``ruta load-demo`` filed two, with these texts, before a request carried the
mark (``ruta/demo/voice.py``); a database it loaded marks them now. Anyone
else asking for the same data would have worded it otherwise.
"""

from django.db import migrations

DEMO_REQUESTS = (
    "Las fechas de pago de cada contrato de obra de 2024, con su monto, para "
    "comparar el avance financiero con el físico.",
    "Los padrones de beneficiarios por localidad, sólo en totales (sin nombres), "
    "de las obras de agua potable.",
)


def demo_requests_mark(apps, schema_editor):
    requests = apps.get_model("datarequests", "DataRequest").objects.using(
        schema_editor.connection.alias
    )
    requests.filter(what__in=DEMO_REQUESTS).update(is_demo=True)


class Migration(migrations.Migration):

    dependencies = [
        ("datarequests", "0002_datarequest_is_demo"),
    ]

    operations = [
        migrations.RunPython(demo_requests_mark, migrations.RunPython.noop),
    ]
