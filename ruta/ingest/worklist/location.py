"""Where a works-list row says its work is: state, municipality, coordinates.

Names and codes are resolved against the catalog's ``Geography``; each check
is a finding naming the row and its key (the row is still read): a state or
municipality that does not resolve; coordinates that are ``0`` (the file's
"none"), swapped, out of range or outside the named state. A row that names
one state and gives a point in it but no municipality (every OPA row) is
located in the municipality its point falls in, where the catalog has the
state's municipal outlines, and a note says the municipality was derived
from the point, not declared by the file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ruta.catalog.boundaries import MunicipalBoundaries
from ruta.common.text.folding import fold, normalize_key
from ruta.ingest.worklist import values as cell
from ruta.ingest.worklist.geo import Boundaries
from ruta.ingest.worklist.model import ABROAD, NOT_DISTRIBUTABLE, SEVERAL
from ruta.sources.findings import Say, Values, finding_kind, sentence

if TYPE_CHECKING:
    from ruta.ingest.worklist.reading import CheckedRow

# Names OPA prints for a state that are not the catalog's, and its own codes.
STATE_ALIASES = {
    "DISTRITO FEDERAL": "09",
    "ESTADO DE MEXICO": "15",
    "MEXICO": "15",
    "MICHOACAN": "16",
    "VERACRUZ": "30",
    "COAHUILA": "05",
    "EN EL EXTRANJERO": ABROAD,
    "NO DISTRIBUIBLE GEOGRAFICAMENTE": NOT_DISTRIBUTABLE,
    "VARIOS": SEVERAL,
    "NACIONAL": SEVERAL,
}
_OWN_CODES = {ABROAD, NOT_DISTRIBUTABLE, SEVERAL}


@dataclass(frozen=True)
class Geography:
    """What the checks resolve names against: states, municipalities, outlines."""

    states: Mapping[str, str]  # INEGI code → name
    municipalities: frozenset[str] = frozenset()
    boundaries: Boundaries | None = None
    # Municipal outlines (some states'): a row with a point and a state but
    # no municipality is located with them (``municipality_located``).
    municipal: MunicipalBoundaries | None = None
    # Per state, its municipalities' names and aliases (folded) → code: a row
    # whose text names only other municipalities than its point's is not
    # located by the point (``municipalities_named``).
    municipal_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def state_code(self, name: str) -> str | None:
        """Return the code of a printed state name, or None."""
        folded = normalize_key(name)
        if folded in STATE_ALIASES:
            return STATE_ALIASES[folded]
        for code, known in self.states.items():
            if normalize_key(known) == folded:
                return code
        return None


@finding_kind("state_unresolved")
def state_unresolved(values: Values, say: Say) -> str:
    return say(
        sentence("La entidad «%(printed)s» no es una que el catálogo conozca.")
    ) % {"printed": cell.quoted(values["printed"], say)}


def states_read(row: CheckedRow) -> tuple[str, ...]:
    printed_codes = [part.strip() for part in row.text("state_code").split(";")]
    printed_codes = [part for part in printed_codes if part]
    codes = []
    for part in printed_codes:
        code = part.zfill(2) if part.isdigit() else ""
        if code not in row.geography.states and code not in _OWN_CODES:
            code = ""
        codes.append(code)
    if not printed_codes:
        names = [part for part in row.text("state_name").split(";") if part.strip()]
        codes = [row.geography.state_code(name) or "" for name in names]
    if not codes or "" in codes:
        printed = row.text("state_name") or row.text("state_code")
        if printed or row.columns.code != "template":
            row.find(state_unresolved, printed=printed)
        return tuple(code for code in codes if code)
    return tuple(dict.fromkeys(codes))


@finding_kind("coordinates_zero")
def coordinates_zero(values: Values, say: Say) -> str:
    return say(
        sentence(
            "Las coordenadas son 0: así dice el archivo que no las tiene; la obra "
            "queda sin ubicación en el mapa."
        )
    )


@finding_kind("coordinates_swapped")
def coordinates_swapped(values: Values, say: Say) -> str:
    return say(
        sentence(
            "La latitud %(latitude)s y la longitud %(longitude)s están invertidas: "
            "intercambiadas, el punto cae en México; se dejan en blanco."
        )
    ) % {"latitude": values["latitude"], "longitude": values["longitude"]}


@finding_kind("coordinates_out_of_range")
def coordinates_out_of_range(values: Values, say: Say) -> str:
    return say(
        sentence(
            "(%(latitude)s, %(longitude)s) no es una latitud y una longitud; se "
            "dejan en blanco."
        )
    ) % {"latitude": values["latitude"], "longitude": values["longitude"]}


@finding_kind(
    "coordinates_outside_state",
    summary=sentence(
        "Las coordenadas quedan fuera de la entidad que nombra el renglón."
    ),
)
def coordinates_outside_state(values: Values, say: Say) -> str:
    return say(
        sentence(
            "(%(latitude)s, %(longitude)s) queda fuera de %(state)s por más de "
            "%(margin)s° (unos 5 km) de su contorno simplificado."
        )
    ) % {
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "state": values["state_name"],
        "margin": values["margin"],
    }


def coordinates_read(row: CheckedRow, states: tuple[str, ...]):
    latitude = row.value("latitude", cell.coordinate)
    longitude = row.value("longitude", cell.coordinate)
    if latitude is None or longitude is None:
        return None, None
    if latitude == 0 or longitude == 0:
        row.find(
            coordinates_zero,
            severity="info",
            latitude=latitude,
            longitude=longitude,
        )
        return None, None
    boundaries = row.geography.boundaries
    in_range = -90 <= latitude <= 90 and -180 <= longitude <= 180
    if (
        boundaries is not None
        and -90 <= longitude <= 90
        and not (in_range and boundaries.anywhere(latitude, longitude))
        and boundaries.anywhere(longitude, latitude)
    ):
        row.find(coordinates_swapped, latitude=latitude, longitude=longitude)
        return None, None
    if not in_range:
        row.find(coordinates_out_of_range, latitude=latitude, longitude=longitude)
        return None, None
    if boundaries is None:
        return latitude, longitude
    named = [code for code in states if code in boundaries.states]
    if named and not any(boundaries.holds(c, latitude, longitude) for c in named):
        row.find(
            coordinates_outside_state,
            latitude=latitude,
            longitude=longitude,
            state=";".join(named),
            state_name=row.text("state_name") or named[0],
            margin=boundaries.margin,
        )
    return latitude, longitude


@finding_kind(
    "municipality_unresolved",
    summary=sentence("El municipio no es una clave INEGI que el catálogo conozca."),
)
def municipality_unresolved(values: Values, say: Say) -> str:
    if values["state"]:
        text = sentence(
            "El municipio %(printed)s no es una clave INEGI que el catálogo "
            "conozca en la entidad que nombra el renglón."
        )
    else:
        text = sentence(
            "El municipio %(printed)s no es una clave INEGI que el catálogo conozca."
        )
    return say(text) % {"printed": values["printed"]}


def municipality_read(row: CheckedRow, states: tuple[str, ...]) -> str:
    code = row.text("municipality_code")
    if not code:
        return ""
    code = code.zfill(5) if code.isdigit() else code
    if code not in row.geography.municipalities or (states and code[:2] not in states):
        row.find(municipality_unresolved, printed=code, state=";".join(states))
        return ""
    return code


# How far outside every municipal outline a point in the state may lie and
# still be located in the nearest (about 5 km, the state check's margin):
# the outlines are coarse, and works sit on coasts and border crossings.
MUNICIPAL_MARGIN = 0.05


def _newer_note(values: Values, say: Say) -> str:
    if not values.get("newer"):
        return ""
    return " " + say(
        sentence(
            "Los contornos son de hacia 2010, anteriores a %(newer)s: un punto "
            "en su territorio cae en el municipio del que se separaron."
        )
    ) % {"newer": values["newer"]}


@finding_kind(
    "municipality_from_point",
    summary=sentence(
        "El archivo no nombra el municipio: se dedujo de las coordenadas."
    ),
)
def municipality_from_point(values: Values, say: Say) -> str:
    if values.get("distance_km"):
        text = sentence(
            "El archivo no nombra el municipio: (%(latitude)s, %(longitude)s) "
            "queda a %(distance_km)s km del contorno de %(municipality)s, el más "
            "cercano de la entidad (contornos municipales del INEGI), así que el "
            "municipio se dedujo del punto; no lo declara el archivo."
        )
    else:
        text = sentence(
            "El archivo no nombra el municipio: (%(latitude)s, %(longitude)s) cae "
            "en %(municipality)s según los contornos municipales del INEGI, así "
            "que el municipio se dedujo del punto; no lo declara el archivo."
        )
    said = say(text) % {
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "municipality": values["municipality_name"],
        "distance_km": values.get("distance_km", ""),
    }
    return said + _newer_note(values, say)


@finding_kind(
    "municipality_not_located",
    summary=sentence(
        "El punto cae en la entidad pero en ningún municipio; la obra queda en "
        "la entidad."
    ),
)
def municipality_not_located(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El archivo no nombra el municipio y (%(latitude)s, %(longitude)s) "
            "no cae en ninguno de %(state)s ni a menos de %(margin)s° de uno; la "
            "obra queda en la entidad, sin municipio."
        )
    ) % {
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "state": values["state_name"],
        "margin": values["margin"],
    }


def municipalities_named(text: str, names: Mapping[str, str]) -> set[str]:
    """Return the codes of the municipalities ``text`` names as whole words.

    ``names`` maps each folded name or alias to its code; accents and case
    are ignored ("Puerto de Ensenada" names Ensenada).
    """
    words = " ".join(fold(text).split())
    return {
        code
        for name, code in names.items()
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", words)
    }


@finding_kind(
    "municipality_point_contradicts_name",
    summary=sentence(
        "El nombre de la obra habla de otro municipio que el de sus coordenadas: "
        "no se ubicó en ninguno."
    ),
)
def municipality_point_contradicts_name(values: Values, say: Say) -> str:
    return say(
        sentence(
            "El archivo no nombra el municipio y sus datos se contradicen: "
            "(%(latitude)s, %(longitude)s) cae en %(municipality)s, pero el "
            "nombre o la descripción de la obra hablan de %(named)s. La obra "
            "queda en la entidad, sin municipio, hasta que la fuente lo aclare."
        )
    ) % {
        "latitude": values["latitude"],
        "longitude": values["longitude"],
        "municipality": values["municipality_name"],
        "named": values["named"],
    }


def _point_contradicted(
    row: CheckedRow, state: str, code: str, name: str, values: Values
) -> bool:
    """Say, and return, whether the row's words name other municipalities only."""
    names = row.geography.municipal_names.get(state, {})
    text = f"{row.text('name')} {row.text('description')}"
    named = municipalities_named(text, names)
    if not named or code in named:
        return False
    municipal = row.geography.municipal
    outlines = municipal.by_state.get(state, ()) if municipal else ()
    spelled = {outline.code: outline.name for outline in outlines}
    row.find(
        municipality_point_contradicts_name,
        severity="warning",
        municipality=code,
        municipality_name=name,
        named=", ".join(sorted(spelled.get(c, c) for c in named)),
        **values,
    )
    return True


def municipality_located(row: CheckedRow, states: tuple[str, ...], latitude, longitude):
    """Return the code of the municipality the row's point lies in, or "".

    Only for a row of one state whose municipal outlines the catalog has, and
    a point inside that state (one outside it is already reported, and is
    not placed in a municipality). A note says the municipality was derived.
    """
    municipal, boundaries = row.geography.municipal, row.geography.boundaries
    if municipal is None or latitude is None or len(states) != 1:
        return ""
    (state,) = states
    if not municipal.covers(state):
        return ""
    if boundaries is not None and boundaries.holds(state, latitude, longitude) is False:
        return ""
    values = {
        "latitude": latitude,
        "longitude": longitude,
        "newer": ", ".join(municipal.newer.get(state, {}).values()),
    }
    found = municipal.locate(state, float(latitude), float(longitude))
    known = row.geography.municipalities
    if found is not None and found.code not in known:
        return ""  # an outline the catalog has no municipality for
    if found is not None:
        if _point_contradicted(row, state, found.code, found.name, values):
            return ""
        row.find(
            municipality_from_point,
            severity="info",
            municipality=found.code,
            municipality_name=found.name,
            **values,
        )
        return found.code
    near = municipal.nearest(state, float(latitude), float(longitude), MUNICIPAL_MARGIN)
    if near is None:
        row.find(
            municipality_not_located,
            severity="info",
            latitude=latitude,
            longitude=longitude,
            state=state,
            state_name=row.text("state_name") or state,
            margin=MUNICIPAL_MARGIN,
        )
        return ""
    outline, distance = near
    if outline.code not in known:
        return ""
    if _point_contradicted(row, state, outline.code, outline.name, values):
        return ""
    row.find(
        municipality_from_point,
        severity="info",
        municipality=outline.code,
        municipality_name=outline.name,
        # About 111 km a degree: how far, for a person to weigh it.
        distance_km=f"{distance * 111:.1f}",
        **values,
    )
    return outline.code
