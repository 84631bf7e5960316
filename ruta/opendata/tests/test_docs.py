"""docs/opendata.md documents every column the registry publishes."""

from pathlib import Path

from ruta.opendata.datasets import tables

DOC = Path(__file__).resolve().parents[3] / "docs" / "opendata.md"


def test_the_open_data_page_lists_every_dataset_and_column():
    text = DOC.read_text(encoding="utf-8")
    missing = [
        f"{dataset.slug}.{column.name}"
        for dataset in tables()
        for column in dataset.fields
        if f"| `{column.name}` | {column.type} |" not in text
    ]
    assert missing == []
    assert all(f"### `{dataset.slug}`" in text for dataset in tables())
