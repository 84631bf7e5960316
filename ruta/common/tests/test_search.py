"""One fold: a query folded in Python matches a column folded in SQL."""

import pytest
from django.db.models import TextField, Value

from ruta.catalog.models import Municipality, State
from ruta.common.text.folding import ACCENTED, PLAIN, fold, label_key, normalize_key
from ruta.common.text.search import folded
from testkit.factories.catalog import StateFactory
from testkit.factories.works import WorkFactory

# Every character a Spanish text in Latin script may hold: printable ASCII
# and the Latin-1 letters and signs, one text each, and some sentences.
LATIN = [chr(code) for code in range(0x20, 0x7F)] + [
    chr(code) for code in range(0xA0, 0x100)
]
SENTENCES = [
    "  ÁLAMOS, Ñuñoa: CIÉNEGA de Güémez ",
    "Río Sonora #12 (2ª etapa) — pavimentación",
    ACCENTED.upper(),
]


@pytest.mark.django_db
def test_sql_folds_every_character_as_python_does():
    texts = LATIN + SENTENCES
    StateFactory()
    columns = {
        f"t{n}": folded(Value(text, output_field=TextField()))
        for n, text in enumerate(texts)
    }
    row = State.objects.annotate(**columns).values(*columns).first()
    differ = [
        (text, row[f"t{n}"])
        for n, text in enumerate(texts)
        if row[f"t{n}"] != fold(text)
    ]
    assert differ == []


@pytest.mark.django_db
def test_stored_folded_columns_hold_what_python_folds(hermosillo):
    work = WorkFactory(
        municipality=hermosillo,
        title="Pavimentación CALLE Niños Héroes",
        locality="Ónavas",
        description="Ampliación, 2ª etapa",
    )
    stored = type(work).objects.values_list("search_folded", flat=True).get()
    assert stored == fold(f"{work.title} {work.locality} {work.description}")
    name = Municipality.objects.values_list("name_folded", flat=True).get()
    assert name == fold(hermosillo.name)


def test_the_map_pairs_each_accented_letter_with_its_plain_one():
    assert len(ACCENTED) == len(PLAIN)
    assert fold(ACCENTED.upper()) == PLAIN


def test_keys_fold_accents_case_spaces_and_a_labels_punctuation():
    assert normalize_key(" Niños  héroes ") == "NINOS HEROES"
    assert label_key("JUAN PÉREZ*:") == "JUAN PEREZ"
    assert label_key("* Director  General.") == "DIRECTOR GENERAL"
