"""The catalog's data files: counts and facts from the sources, and strict errors."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from ruta.catalog.datafiles import (
    DATA_DIR,
    CatalogData,
    CatalogFileError,
    Municipality,
    State,
    read_agencies,
    read_catalog,
    read_fiscal_years,
    read_municipalities,
    read_plan_alignment,
    read_regions,
    read_sources,
    read_states,
)
from ruta.common.errors import InputError

SONORA_REGION_SIZES = {
    "Alto Golfo": 3,
    "Gran Desierto": 12,
    "Frontera": 4,
    "Cuatro Sierras": 6,
    "Tres Ríos": 17,
    "Sierra Alta": 13,
    "Capital": 1,
    "Puerto": 6,
    "Río Yaqui": 3,
    "Río Mayo": 7,
}
STATES_HEADER = "cve_ent,name,short_name,abbreviation\n"
MUNICIPALITIES_HEADER = "cvegeo,cve_ent,cve_mun,name,population_2020\n"
REGIONS_HEADER = (
    "cve_ent,plan,region_number,region_name,cvegeo,municipality_name,"
    "source_a_region,source_b_region,verified_against_ped\n"
)
AGENCIES_HEADER = "slug,code,kind,name,acronym,parent,cve_ent,cvegeo,source\n"
SONORA = State("26", "Sonora", "Sonora", "Son.")
HERMOSILLO = Municipality("26030", "26", "030", "Hermosillo", 936263)
ALAMOS = Municipality("26003", "26", "003", "Álamos", 24976)


@pytest.fixture(scope="module")
def catalog_data() -> CatalogData:
    return read_catalog()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_names(error: InputError, path: Path, line: int, field: str) -> None:
    message = str(error)
    assert str(path) in message
    assert f"line {line}" in message
    assert f"field {field!r}" in message


# Counts and known facts from the sources.


def test_there_are_32_states(catalog_data: CatalogData) -> None:
    assert [state.cve_ent for state in catalog_data.states] == [
        f"{number:02d}" for number in range(1, 33)
    ]


def test_the_national_catalogue_has_the_2475_mg2023_municipalities(
    catalog_data: CatalogData,
) -> None:
    assert len(catalog_data.municipalities) == 2475


def test_counts_per_state_match_the_source(catalog_data: CatalogData) -> None:
    per_state = Counter(m.cve_ent for m in catalog_data.municipalities)
    assert (per_state["26"], per_state["02"], per_state["11"]) == (72, 7, 46)


def test_six_municipalities_created_after_2020_have_no_census_population(
    catalog_data: CatalogData,
) -> None:
    without = sorted(
        m.cvegeo for m in catalog_data.municipalities if m.population_2020 is None
    )
    assert without == ["02007", "04013", "12082", "12083", "12084", "12085"]


def test_census_2020_totals_are_kept(catalog_data: CatalogData) -> None:
    populations = {
        m.cvegeo: m.population_2020 or 0 for m in catalog_data.municipalities
    }
    assert sum(populations.values()) == 126_014_024
    sonora = sum(count for code, count in populations.items() if code[:2] == "26")
    assert sonora == 2_944_840


def test_known_codes_and_names(catalog_data: CatalogData) -> None:
    names = {m.cvegeo: m.name for m in catalog_data.municipalities}
    states = {state.cve_ent: state for state in catalog_data.states}
    assert names["26003"] == "Álamos"
    assert names["26030"] == "Hermosillo"
    assert names["02002"] == "Mexicali"
    assert states["11"].name == "Guanajuato"
    assert states["26"].abbreviation == "Son."


def test_shortened_names_are_the_official_census_names(
    catalog_data: CatalogData,
) -> None:
    names = {m.cvegeo: m.name for m in catalog_data.municipalities}
    states = {state.cve_ent: state for state in catalog_data.states}
    assert names["11014"] == "Dolores Hidalgo Cuna de la Independencia Nacional"
    assert names["20039"] == "Heroica Ciudad de Huajuapan de León"
    assert (states["30"].name, states["30"].short_name) == (
        "Veracruz de Ignacio de la Llave",
        "Veracruz",
    )


def test_sonora_has_10_regions_with_the_sizes_in_the_data(
    catalog_data: CatalogData,
) -> None:
    sonora = [region for region in catalog_data.regions if region.cve_ent == "26"]
    assert [region.number for region in sonora] == list(range(1, 11))
    assert {region.name: len(region.members) for region in sonora} == (
        SONORA_REGION_SIZES
    )


def test_every_sonora_municipality_is_in_exactly_one_region(
    catalog_data: CatalogData,
) -> None:
    members = [code for region in catalog_data.regions for code in region.cvegeos]
    sonora = {m.cvegeo for m in catalog_data.municipalities if m.cve_ent == "26"}
    assert len(members) == 72
    assert set(members) == sonora


def test_region_membership_of_26071_and_26072_is_disputed(
    catalog_data: CatalogData,
) -> None:
    regions = {region.name: region for region in catalog_data.regions}
    (yaqui,) = regions["Río Yaqui"].disputed_members
    (mayo,) = regions["Río Mayo"].disputed_members
    assert (yaqui.cvegeo, yaqui.source_a_region) == ("26072", "Río Mayo")
    assert (mayo.cvegeo, mayo.source_a_region) == ("26071", "Río Yaqui")
    assert not any(m.verified_against_ped for r in regions.values() for m in r.members)


def test_bisom_units_keep_their_printed_codes(catalog_data: CatalogData) -> None:
    units = {
        agency.code: agency.name
        for agency in catalog_data.agencies
        if agency.parent == "mexicali-bisom"
    }
    assert units == {
        "54101": "Dirección",
        "54102": "Departamento de Administración y Finanzas",
        "54201": "Departamento de Participación Social",
        "54202": "Departamento Técnico",
        "": "Departamento de Centros de Desarrollo Humano Integral",
    }


def test_every_sonora_municipality_has_an_ayuntamiento(
    catalog_data: CatalogData,
) -> None:
    ayuntamientos = {
        agency.cvegeo
        for agency in catalog_data.agencies
        if agency.kind == "ayuntamiento" and agency.cve_ent == "26"
    }
    assert len(ayuntamientos) == 72


def test_fiscal_years_cover_2015_to_2027(catalog_data: CatalogData) -> None:
    assert [year.year for year in catalog_data.fiscal_years] == list(range(2015, 2028))


def test_the_17_sdgs_have_their_spanish_short_names(catalog_data: CatalogData) -> None:
    (sdgs,) = [p for p in catalog_data.plan_alignment.plans if p.level == "global"]
    assert len(sdgs.elements) == 17
    assert sdgs.elements[10].name == "Ciudades y comunidades sostenibles"


def test_cecop_alignment_links_its_objectives_to_the_sdgs(
    catalog_data: CatalogData,
) -> None:
    targets = {
        link.aligned_with.rsplit("/", 1)[1]
        for link in catalog_data.plan_alignment.links
        if link.element.endswith("/objetivo-6") or link.element.endswith("/objetivo-8")
    }
    assert {"ods-7", "ods-11", "ods-15"} <= targets


def test_mexicali_pmd_axes(catalog_data: CatalogData) -> None:
    (pmd,) = [p for p in catalog_data.plan_alignment.plans if p.level == "municipal"]
    axes = {e.number: e.name for e in pmd.elements if e.kind == "axis" and e.name}
    assert axes == {
        "2": "Bienestar para todos",
        "3": "Mexicali crece",
        "4": "Gobernar para servir",
    }


def test_data_folder_holds_what_read_catalog_reads() -> None:
    names = {path.name for path in DATA_DIR.iterdir()}
    assert {"states.csv", "municipalities.csv", "plan_alignment.json"} <= names


# Bad input: a CatalogFileError naming file, line and field.


def test_invalid_state_code_is_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, "states.csv", STATES_HEADER + "26,Sonora,Sonora,Son.\n33,X,X,X\n"
    )
    with pytest.raises(CatalogFileError) as raised:
        read_states(path)
    assert_names(raised.value, path, 3, "cve_ent")


def test_duplicate_state_code_is_refused(tmp_path: Path) -> None:
    text = STATES_HEADER + "26,Sonora,Sonora,Son.\n26,Sonora,Sonora,Son.\n"
    path = write(tmp_path, "states.csv", text)
    with pytest.raises(CatalogFileError, match="first on line 2") as raised:
        read_states(path)
    assert_names(raised.value, path, 3, "cve_ent")


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("2630,26,030,Hermosillo,1", "cvegeo"),
        ("26030,26,30,Hermosillo,1", "cve_mun"),
        ("26000,26,000,Nadie,1", "cve_mun"),
        ("26031,26,030,Hermosillo,1", "cvegeo"),
        ("02002,02,002,Mexicali,1", "cve_ent"),
        ('26030,26,030,Hermosillo,"936,263"', "population_2020"),
    ],
    ids=["short", "cve-mun", "zero", "mismatch", "unknown-state", "bad-count"],
)
def test_invalid_municipality_row_is_refused(
    tmp_path: Path, row: str, field: str
) -> None:
    path = write(tmp_path, "municipalities.csv", f"{MUNICIPALITIES_HEADER}{row}\n")
    with pytest.raises(CatalogFileError) as raised:
        read_municipalities(path, [SONORA])
    assert_names(raised.value, path, 2, field)


def test_duplicate_municipality_code_is_refused(tmp_path: Path) -> None:
    rows = "26030,26,030,Hermosillo,1\n26003,26,003,Álamos,\n26030,26,030,Otro,2\n"
    path = write(tmp_path, "municipalities.csv", MUNICIPALITIES_HEADER + rows)
    with pytest.raises(CatalogFileError, match="duplicate") as raised:
        read_municipalities(path, [SONORA])
    assert_names(raised.value, path, 4, "cvegeo")


def region_row(cvegeo: str, name: str, number: int = 7, region: str = "Capital") -> str:
    return f"26,ped,{number},{region},{cvegeo},{name},{region},{region},no\n"


def test_region_with_unknown_municipality_is_refused(tmp_path: Path) -> None:
    text = REGIONS_HEADER + region_row("26030", "Hermosillo") + region_row("26099", "X")
    path = write(tmp_path, "regions.csv", text)
    with pytest.raises(CatalogFileError, match="unknown municipality") as raised:
        read_regions(path, [HERMOSILLO])
    assert_names(raised.value, path, 3, "cvegeo")


def test_municipality_in_two_regions_is_refused(tmp_path: Path) -> None:
    rows = region_row("26030", "Hermosillo") + region_row(
        "26030", "Hermosillo", 10, "Río Mayo"
    )
    path = write(tmp_path, "regions.csv", REGIONS_HEADER + rows)
    with pytest.raises(CatalogFileError, match="already in a region") as raised:
        read_regions(path, [HERMOSILLO])
    assert_names(raised.value, path, 3, "cvegeo")


def test_region_number_with_two_names_is_refused(tmp_path: Path) -> None:
    rows = region_row("26030", "Hermosillo") + region_row("26003", "Álamos", 7, "Mayo")
    path = write(tmp_path, "regions.csv", REGIONS_HEADER + rows)
    with pytest.raises(CatalogFileError) as raised:
        read_regions(path, [HERMOSILLO, ALAMOS])
    assert_names(raised.value, path, 3, "region_name")


def test_region_member_name_must_match_the_municipality(tmp_path: Path) -> None:
    path = write(
        tmp_path, "regions.csv", REGIONS_HEADER + region_row("26003", "Alamos")
    )
    with pytest.raises(CatalogFileError) as raised:
        read_regions(path, [ALAMOS])
    assert_names(raised.value, path, 2, "municipality_name")


def read_small_agencies(tmp_path: Path, rows: str) -> tuple[Path, CatalogFileError]:
    path = write(tmp_path, "agencies.csv", AGENCIES_HEADER + rows)
    sources = read_sources(
        write(tmp_path, "sources.csv", "key,citation\ndoc,Un documento\n")
    )
    with pytest.raises(CatalogFileError) as raised:
        read_agencies(
            path, states=[SONORA], municipalities=[HERMOSILLO], sources=sources
        )
    return path, raised.value


def test_agency_with_unknown_parent_is_refused(tmp_path: Path) -> None:
    rows = "cecop,,entidad,Consejo,,,26,,doc\nunit,,unidad,Unidad,,nadie,26,,doc\n"
    path, error = read_small_agencies(tmp_path, rows)
    assert_names(error, path, 3, "parent")
    assert "'nadie'" in str(error)


def test_agency_parent_cycle_is_refused(tmp_path: Path) -> None:
    rows = "a,,unidad,A,,b,26,,doc\nb,,unidad,B,,a,26,,doc\n"
    path, error = read_small_agencies(tmp_path, rows)
    assert_names(error, path, 2, "parent")
    assert "a → b → a" in str(error)


def test_agency_code_repeated_in_one_tree_is_refused(tmp_path: Path) -> None:
    rows = (
        "top,54,entidad,Top,,,26,,doc\n"
        "u1,54101,unidad,Uno,,top,26,,doc\n"
        "u2,54101,unidad,Dos,,top,26,,doc\n"
    )
    path, error = read_small_agencies(tmp_path, rows)
    assert_names(error, path, 4, "code")


def test_ayuntamiento_without_municipality_is_refused(tmp_path: Path) -> None:
    path, error = read_small_agencies(tmp_path, "ayto,,ayuntamiento,Ayto,,,26,,doc\n")
    assert_names(error, path, 2, "cvegeo")


def test_duplicate_fiscal_year_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "fiscal_years.csv", "year,notes\n2024,\n2025,\n2024,otra\n")
    with pytest.raises(CatalogFileError) as raised:
        read_fiscal_years(path)
    assert_names(raised.value, path, 4, "year")


def test_wrong_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "states.csv", "cve,name\n26,Sonora\n")
    with pytest.raises(CatalogFileError) as raised:
        read_states(path)
    assert f"{path}, line 1" in str(raised.value)


def test_non_utf8_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "states.csv"
    path.write_bytes((STATES_HEADER + "31,Yucatán,Yucatán,Yuc.\n").encode("latin-1"))
    with pytest.raises(CatalogFileError, match="not UTF-8"):
        read_states(path)


def plan_file(tmp_path: Path, *, elements: list[dict], links: list[dict]) -> Path:
    plan = {
        "key": "pmd",
        "name": "Plan Municipal",
        "level": "municipal",
        "period": "",
        "cve_ent": "26",
        "cvegeo": "26030",
        "agency": "",
        "source": "doc",
        "elements": [],
    }
    lines = ["{", '  "plans": [', "    {"]
    lines += [f"      {json.dumps(k)}: {json.dumps(v)}," for k, v in plan.items()][:-1]
    lines.append('      "elements": [')
    lines += [f"        {json.dumps(e, ensure_ascii=False)}," for e in elements]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["      ]", "    }", "  ],", '  "links": [']
    lines += [f"    {json.dumps(link)}," for link in links]
    lines[-1] = lines[-1].rstrip(",")
    lines += ["  ]", "}"]
    return write(tmp_path, "plan_alignment.json", "\n".join(lines) + "\n")


def element(key: str, parent: str = "") -> dict:
    return {
        "key": f"pmd/{key}",
        "kind": "axis",
        "number": "2",
        "name": "Bienestar para todos",
        "parent": parent and f"pmd/{parent}",
        "source": "doc",
    }


def read_small_plans(path: Path) -> CatalogFileError:
    with pytest.raises(CatalogFileError) as raised:
        read_plan_alignment(
            path,
            states=[SONORA],
            municipalities=[HERMOSILLO],
            agencies=[],
            sources=read_sources(
                write(path.parent, "sources.csv", "key,citation\ndoc,Un documento\n")
            ),
        )
    return raised.value


def test_plan_element_with_unknown_parent_is_refused(tmp_path: Path) -> None:
    path = plan_file(
        tmp_path, elements=[element("eje-2"), element("linea", "eje-9")], links=[]
    )
    error = read_small_plans(path)
    assert_names(error, path, 14, "parent")


def test_alignment_link_to_unknown_element_is_refused(tmp_path: Path) -> None:
    link = {"element": "pmd/eje-2", "aligned_with": "pnd/eje-1", "source": "doc"}
    path = plan_file(tmp_path, elements=[element("eje-2")], links=[link])
    error = read_small_plans(path)
    assert_names(error, path, 18, "aligned_with")


def test_duplicate_plan_element_key_is_refused(tmp_path: Path) -> None:
    path = plan_file(tmp_path, elements=[element("eje-2"), element("eje-2")], links=[])
    error = read_small_plans(path)
    assert_names(error, path, 14, "key")


def test_malformed_json_names_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "plan_alignment.json", '{\n  "plans": [,\n}\n')
    error = read_small_plans(path)
    assert f"{path}, line 2" in str(error)


def test_json_nested_too_deep_is_refused_before_parsing(tmp_path: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    path = write(tmp_path, "plan_alignment.json", '{\n  "plans": ' + nested + "\n}\n")
    error = read_small_plans(path)
    assert (error.code, error.line) == ("json-too-deep", 2)
    assert f"{path}, line 2: the JSON nests more than 32" in str(error)


def test_catalog_error_is_an_input_error_reported_like_any_other() -> None:
    assert issubclass(CatalogFileError, InputError)
