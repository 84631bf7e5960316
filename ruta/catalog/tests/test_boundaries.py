"""Which municipality a point lies in, by the outlines the catalog ships."""

from __future__ import annotations

import json

import pytest

from ruta.catalog.boundaries import (
    MUNICIPAL_BOUNDARIES_FILE,
    MunicipalOutline,
    inside_ring,
    municipal_boundaries_derive,
    municipal_boundaries_load,
    municipal_boundaries_read,
    municipality_at,
)


@pytest.fixture(scope="module")
def boundaries():
    return municipal_boundaries_load()


# Real places (city halls and landmarks), latitude then longitude.
@pytest.mark.parametrize(
    ("state", "latitude", "longitude", "code"),
    [
        ("02", 32.6245, -115.4523, "02002"),  # Mexicali, its city hall
        ("02", 32.5149, -117.0382, "02004"),  # Tijuana, downtown
        ("02", 31.8667, -116.5964, "02001"),  # Ensenada, downtown
        ("02", 32.5158, -116.2681, "02003"),  # El Hongo, Tecate
        ("02", 32.3614, -117.0553, "02005"),  # Playas de Rosarito
        ("26", 29.0729, -110.9559, "26030"),  # Hermosillo, its cathedral
        ("26", 27.0270, -108.9400, "26003"),  # Álamos
        ("26", 27.4828, -109.9304, "26018"),  # Ciudad Obregón, Cajeme
    ],
)
def test_a_point_falls_in_its_municipality(
    boundaries, state, latitude, longitude, code
):
    found = boundaries.locate(state, latitude, longitude)
    assert found is not None
    assert found.code == code


def test_a_point_abroad_or_at_sea_falls_in_none(boundaries):
    assert boundaries.locate("02", 32.7157, -117.1611) is None  # San Diego
    assert boundaries.locate("02", 30.0, -117.5) is None  # the Pacific
    # Hermosillo's point is in Sonora, none of Baja California's.
    assert boundaries.locate("02", 29.0729, -110.9559) is None


@pytest.mark.parametrize(
    ("latitude", "longitude", "code"),
    [
        # The Mexicali I–Calexico crossing, as SHCP's list places it.
        (32.66445, -115.49621, "02002"),
        (32.5764, -116.6275, "02003"),  # Tecate's main square
    ],
)
def test_a_point_on_the_border_is_near_its_municipality(
    boundaries, latitude, longitude, code
):
    # Both lie a hair north of the coarse outline's border line.
    assert boundaries.locate("02", latitude, longitude) is None
    outline, distance = boundaries.nearest("02", latitude, longitude, 0.05)
    assert outline.code == code
    assert distance < 0.01


def test_the_file_holds_every_municipality_of_both_states_and_names_the_newer(
    boundaries,
):
    assert len(boundaries.by_state["02"]) == 5
    assert len(boundaries.by_state["26"]) == 72
    assert boundaries.newer == {"02": {"02006": "San Quintín", "02007": "San Felipe"}}
    assert not boundaries.covers("25")
    assert MUNICIPAL_BOUNDARIES_FILE.stat().st_size < 100_000


SQUARE = ((0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0))
HOLE = ((1.0, 1.0), (3.0, 1.0), (3.0, 3.0), (1.0, 3.0), (1.0, 1.0))


def test_ray_casting_counts_crossings_and_a_hole_is_outside():
    assert inside_ring(0.5, 0.5, SQUARE)
    assert not inside_ring(4.5, 0.5, SQUARE)
    ring = MunicipalOutline("99001", "Anillo", (SQUARE, HOLE), (0.0, 0.0, 4.0, 4.0))
    enclave = MunicipalOutline("99002", "Enclave", (HOLE,), (1.0, 1.0, 3.0, 3.0))
    assert municipality_at([ring, enclave], 0.5, 0.5) is ring
    assert municipality_at([ring, enclave], 2.0, 2.0) is enclave
    assert municipality_at([ring, enclave], 5.0, 2.0) is None


def test_derived_from_a_topojson_with_its_arcs_shared_and_the_newer_named():
    # Two squares sharing the arc x=1 (drawn once, the second reversed).
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [
            [[1, 0], [-1, 0], [0, 1], [1, 0]],  # (1,0) (0,0) (0,1) (1,1)
            [[1, 1], [0, -1]],  # (1,1) (1,0): the shared border
            [[1, 0], [1, 0], [0, 1], [-1, 0]],  # (1,0) (2,0) (2,1) (1,1)
        ],
        "objects": {
            "municipalities": {
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"state_code": 2, "mun_code": 1, "mun_name": "A"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[2, ~1]],
                        "properties": {"state_code": 2, "mun_code": 2, "mun_name": "B"},
                    },
                    {
                        "type": "Polygon",
                        "arcs": [[0, 1]],
                        "properties": {"state_code": 3, "mun_code": 1, "mun_name": "C"},
                    },
                ]
            }
        },
    }
    catalog = {"02001": "A", "02002": "B", "02003": "Nuevo", "03001": "C"}
    data = municipal_boundaries_derive(topology, ["02"], catalog, source="prueba")
    assert sorted(data["municipalities"]) == ["02001", "02002"]
    assert data["newer"] == {"02": {"02003": "Nuevo"}}
    boundaries = municipal_boundaries_read(json.loads(json.dumps(data)))
    assert boundaries.locate("02", 0.5, 0.5).name == "A"
    assert boundaries.locate("02", 0.5, 1.5).name == "B"
