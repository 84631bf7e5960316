"""The DCAT catalogue of the open data, for CKAN's DCAT harvester and others.

One ``dcat:Catalog`` lists every dataset of the registry as a
``dcat:Dataset`` (title, description, keywords, publisher as a
``foaf:Agent``, contact point as a ``vcard:Organization``, licence,
temporal coverage from the fiscal years its rows hold, spatial coverage of
the states and municipalities by INEGI code, issued and modified) and every
file ever published as a ``dcat:Distribution`` (download address, media
type, format, byte size, SPDX SHA-256 checksum). The vocabulary is the one
ckanext-dcat's profiles read (DCAT-AP), so a CKAN portal harvests it as is.

Addresses are absolute: the site's origin (from the request, or
``RUTA_SITE_URL`` for the command) before the Spanish pages' paths.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ruta.catalog.instance import instance
from ruta.catalog.models import Municipality, State
from ruta.common.prepared import prepared_from
from ruta.opendata.datasets import DATASETS, STANDARD, Dataset
from ruta.opendata.models import DatasetVersion, FileFormat, PublishedFile
from ruta.opendata.packages import license_url
from ruta.opendata.standards import standard_url_name
from ruta.opendata.versions import files_all
from ruta.works.selectors.summary import work_groups

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
INEGI = "urn:inegi:cvegeo:"  # INEGI's geostatistical keys (cve_ent, cvegeo)
# The IANA media type and the EU file-type name of each format.
FORMAT_NAMES: dict[str, str] = {
    FileFormat.CSV: "CSV",
    FileFormat.EXCEL_CSV: "CSV",
    FileFormat.XLSX: "XLSX",
    FileFormat.JSON: "JSON",
    FileFormat.PARQUET: "PARQUET",
    FileFormat.ZIP: "ZIP",
}
# DCAT-AP names media types by IANA's register and formats by the EU's
# file-type vocabulary, as IRIs (not text).
IANA_MEDIA_TYPES = "http://www.iana.org/assignments/media-types/"
DATA_THEMES = "http://publications.europa.eu/resource/authority/data-theme/"
# The data themes the datasets declare, by the EU vocabulary's Spanish label.
THEME_LABELS = {"GOVE": "Gobierno y sector público", "ECON": "Economía y finanzas"}
# Every version's file stays published at its address (docs/opendata.md).
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
DCATAP = Namespace("http://data.europa.eu/r5r/")


@dataclass(frozen=True)
class Profile:
    """What one version of DCAT-AP asks of a distribution's size and checksum.

    DCAT-AP 3.0.0 types the byte size as ``xsd:nonNegativeInteger`` and
    takes SPDX SHA-256 checksums; 2.1.1, still read by many CKAN harvesters,
    types it ``xsd:decimal`` and takes only SHA-1, so its catalogue gives
    the size and leaves the (SHA-256) checksum to the files' own headers.
    """

    name: str
    byte_size_type: URIRef
    checksums: bool


PROFILES = {
    "3.0.0": Profile("3.0.0", XSD.nonNegativeInteger, checksums=True),
    "2.1.1": Profile("2.1.1", XSD.decimal, checksums=False),
}
PROFILE_DEFAULT = PROFILES["3.0.0"]
EU_FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"
# Datasets whose rows are places of works; the others cover the state.
WORKS_PLACES = ("obras", "obras-financiamiento", "contrataciones")


@dataclass(frozen=True)
class Places:
    """The states and the municipalities the data covers; a municipality's
    instance (``municipal``) covers its municipality in every dataset."""

    states: list[State]
    municipalities: list[Municipality]
    municipal: bool = False


def _places() -> Places:
    """Return the instance's state(s) and the municipalities with public works
    (a municipality's instance: the municipality, its works wherever they are).

    Read from the works' summary rows, a few thousand at any size, not from
    the works themselves (guarded by ``make bench``'s catalogue read at scale).
    """
    own = instance().municipality()
    if own is not None:
        return Places([], [own], municipal=True)
    with_works = work_groups().filter(works__gt=0).values("municipality_id")
    municipalities = list(
        Municipality.objects.filter(code__in=with_works)
        .select_related("state")
        .order_by("code")
    )
    codes = {m.state_id for m in municipalities}
    if not instance().national:
        codes.add(instance().code)
    states = list(State.objects.filter(code__in=codes).order_by("code"))
    return Places(states, municipalities)


def _bind(graph: Graph) -> None:
    for prefix, namespace in (
        ("dcat", DCAT),
        ("dct", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("spdx", SPDX),
        ("locn", LOCN),
        ("skos", SKOS),
        ("rdfs", RDFS),
        ("dcatap", DCATAP),
    ):
        graph.bind(prefix, namespace)


def catalogue_text(
    *, site: str, turtle: bool, profile: Profile = PROFILE_DEFAULT
) -> str:
    """Return the catalogue as Turtle or JSON-LD, built once per what it holds.

    Its files and places are read (a few milliseconds at a million works);
    the graph is drawn and written only when they, or the site, changed: a
    change of data that publishes no file and reaches no new municipality
    leaves it as it was.
    """
    files, places = _files_by_dataset(), _places()
    inputs = (
        sorted(published.pk for group in files.values() for published in group),
        [state.code for state in places.states],
        [municipality.code for municipality in places.municipalities],
        _publisher_name(),
        settings.RUTA_DATA_CONTACT,
    )

    def written() -> str:
        graph = catalogue_graph(site=site, files=files, places=places, profile=profile)
        return graph.serialize(format="turtle") if turtle else jsonld(graph)

    return prepared_from(
        "opendata-catalogue", written, inputs, site, turtle, profile.name
    )


def catalogue_graph(
    *,
    site: str,
    files: dict[str, list[PublishedFile]] | None = None,
    places: Places | None = None,
    profile: Profile = PROFILE_DEFAULT,
) -> Graph:
    """Return the catalogue as an RDF graph; ``site`` is the origin of addresses.

    ``files`` and ``places`` are read when not given.
    """
    site = site.rstrip("/")
    graph = Graph()
    _bind(graph)
    with translation.override(settings.LANGUAGE_CODE):
        catalogue = URIRef(site + reverse("opendata:index"))
        publisher = _publisher(graph, site)
        files = _files_by_dataset() if files is None else files
        places = _places() if places is None else places
        graph.add((catalogue, RDF.type, DCAT.Catalog))
        graph.add((catalogue, DCTERMS.title, _es(f"{_publisher_name()}: datos")))
        graph.add((catalogue, DCTERMS.description, _es(_CATALOGUE_TEXT)))
        graph.add((catalogue, DCTERMS.publisher, publisher))
        graph.add((catalogue, DCTERMS.language, _language(graph)))
        graph.add((catalogue, DCTERMS.license, _license(graph)))
        home = _document(graph, site + reverse("portal:home"))
        graph.add((catalogue, FOAF.homepage, home))
        for dataset in DATASETS.values():
            listed = files.get(dataset.slug, [])
            if dataset.kind == STANDARD:
                node = _standard_package(graph, site, dataset, listed, places, profile)
            else:
                node = _dataset(graph, site, dataset, listed, places, profile)
            graph.add((node, DCTERMS.publisher, publisher))
            graph.add((node, DCAT.theme, _theme(graph, dataset.theme)))
            graph.add((catalogue, DCAT.dataset, node))
        modified = [f.version.created_at for group in files.values() for f in group]
        if modified:
            graph.add((catalogue, DCTERMS.modified, _when(max(modified))))
    return graph


_CATALOGUE_TEXT = (
    "Datos abiertos de obras públicas, su financiamiento y avance, programas "
    "operativos anuales, indicadores, apoyos a organizaciones de la sociedad "
    "civil y contrataciones, con cada versión publicada y su SHA-256."
)
_LANGUAGE = URIRef("http://publications.europa.eu/resource/authority/language/SPA")


def _typed(graph: Graph, iri: str, *classes: URIRef) -> URIRef:
    """Return ``iri`` as a node, stating its classes (DCAT-AP checks them as given)."""
    node = URIRef(iri)
    for kind in classes:
        graph.add((node, RDF.type, kind))
    return node


def _license(graph: Graph) -> URIRef:
    return _typed(graph, license_url(), DCTERMS.LicenseDocument)


def _document(graph: Graph, iri: str) -> URIRef:
    return _typed(graph, iri, FOAF.Document)


def _language(graph: Graph) -> URIRef:
    return _typed(graph, str(_LANGUAGE), DCTERMS.LinguisticSystem)


def _media_type(graph: Graph, media_type: str) -> URIRef:
    return _typed(graph, IANA_MEDIA_TYPES + media_type, DCTERMS.MediaType)


def _theme(graph: Graph, code: str) -> URIRef:
    theme = _typed(graph, DATA_THEMES + code, SKOS.Concept)
    graph.add((theme, SKOS.inScheme, URIRef(DATA_THEMES.rstrip("/"))))
    graph.add((theme, SKOS.prefLabel, _es(THEME_LABELS[code])))
    return theme


def _availability(graph: Graph) -> URIRef:
    stable = _typed(graph, STABLE, SKOS.Concept)
    graph.add((stable, SKOS.inScheme, URIRef(STABLE.rsplit("/", 1)[0])))
    graph.add((stable, SKOS.prefLabel, _es("Estable")))
    return stable


def _file_type(graph: Graph, name: str) -> URIRef:
    return _typed(graph, EU_FILE_TYPES + name, DCTERMS.MediaTypeOrExtent)


def _es(text: str) -> Literal:
    return Literal(text, lang="es")


def _when(moment: datetime) -> Literal:
    return Literal(moment.replace(microsecond=0).isoformat(), datatype=XSD.dateTime)


def _publisher_name() -> str:
    """Return who publishes: as configured, or the municipality's government
    on its own instance, or the site's name."""
    return (
        settings.RUTA_DATA_PUBLISHER
        or _municipal_publisher()
        or settings.RUTA_SITE_NAME
    )


def _municipal_publisher() -> str:
    """Return the ayuntamiento of a municipality's instance, by its catalogue name."""
    scope = instance()
    if not scope.municipal:
        return ""
    government = scope.government()
    return (
        government.name
        if government
        else _("Ayuntamiento de %(place)s") % {"place": scope.name()}
    )


def _publisher(graph: Graph, site: str) -> URIRef:
    """Add the publisher (a ``foaf:Agent``) and return it."""
    agent = URIRef(site + reverse("portal:about") + "#publicador")
    graph.add((agent, RDF.type, FOAF.Agent))
    graph.add((agent, RDF.type, FOAF.Organization))
    graph.add((agent, FOAF.name, Literal(_publisher_name())))
    graph.add((agent, FOAF.homepage, _document(graph, site + reverse("portal:home"))))
    return agent


def _files_by_dataset() -> dict[str, list[PublishedFile]]:
    grouped: dict[str, list[PublishedFile]] = defaultdict(list)
    for published in files_all():
        grouped[published.version.dataset].append(published)
    return grouped


def _dataset(
    graph: Graph,
    site: str,
    dataset: Dataset,
    files: list[PublishedFile],
    places: Places,
    profile: Profile,
) -> URIRef:
    """Add ``dataset`` with its coverage and every file; return its node."""
    page = site + reverse("opendata:dataset", args=[dataset.slug])
    node = URIRef(page)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(dataset.slug)))
    graph.add((node, DCTERMS.title, _es(dataset.title)))
    graph.add((node, DCTERMS.description, _es(dataset.description)))
    graph.add((node, DCAT.landingPage, _document(graph, page)))
    graph.add((node, DCTERMS.license, _license(graph)))
    graph.add((node, DCTERMS.language, _language(graph)))
    graph.add((node, DCTERMS.accrualPeriodicity, _frequency(graph)))
    for keyword in dataset.keywords:
        graph.add((node, DCAT.keyword, _es(keyword)))
    graph.add((node, DCAT.contactPoint, _contact(graph, site)))
    versions = _versions(files)
    if versions:
        graph.add((node, DCTERMS.issued, _when(versions[-1].created_at)))
        graph.add((node, DCTERMS.modified, _when(versions[0].created_at)))
        _temporal(graph, node, versions[0])
    _spatial(graph, node, places, works=dataset.slug in WORKS_PLACES)
    for published in files:
        graph.add(
            (node, DCAT.distribution, _distribution(graph, site, published, profile))
        )
    return node


_CONTINUOUS = "http://publications.europa.eu/resource/authority/frequency/UPDATE_CONT"


def _frequency(graph: Graph) -> URIRef:
    return _typed(graph, _CONTINUOUS, DCTERMS.Frequency)


def _versions(files: list[PublishedFile]) -> list[DatasetVersion]:
    """Return the versions of ``files``, newest first."""
    seen = {published.version_id: published.version for published in files}
    return sorted(seen.values(), key=lambda v: (v.created_at, v.pk), reverse=True)


def _contact(graph: Graph, site: str) -> URIRef:
    contact = _typed(graph, site + reverse("portal:about") + "#contacto", VCARD.Kind)
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, VCARD.fn, Literal(_publisher_name())))
    if settings.RUTA_DATA_CONTACT:
        email = URIRef(f"mailto:{settings.RUTA_DATA_CONTACT}")
        graph.add((contact, VCARD.hasEmail, email))
    else:
        graph.add((contact, VCARD.hasURL, URIRef(site + reverse("portal:about"))))
    return contact


def _temporal(graph: Graph, node: URIRef, latest: DatasetVersion) -> None:
    """Add the fiscal years the latest version's rows cover."""
    if latest.first_year is None or latest.last_year is None:
        return
    period = BNode()
    graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
    start, end = date(latest.first_year, 1, 1), date(latest.last_year, 12, 31)
    graph.add((period, DCAT.startDate, Literal(start, datatype=XSD.date)))
    graph.add((period, DCAT.endDate, Literal(end, datatype=XSD.date)))
    graph.add((node, DCTERMS.temporal, period))


def _spatial(graph: Graph, node: URIRef, places: Places, *, works: bool) -> None:
    """Add the states, and for works' datasets the municipalities, covered
    (every dataset of a municipality's instance covers its municipality)."""
    named = [(s.code, s.name) for s in places.states]
    if works or places.municipal:
        named += [(m.code, f"{m.name}, {m.state.name}") for m in places.municipalities]
    for code, name in named:
        location = URIRef(INEGI + code)
        graph.add((location, RDF.type, DCTERMS.Location))
        graph.add((location, SKOS.prefLabel, _es(name)))
        graph.add((location, DCTERMS.identifier, Literal(code)))
        graph.add((node, DCTERMS.spatial, location))


def _distribution(
    graph: Graph, site: str, published: PublishedFile, profile: Profile
) -> URIRef:
    """Add one published file as a distribution; return its node."""
    url = _typed(graph, site + published.get_absolute_url(), RDFS.Resource)
    version = published.version
    label = FileFormat(published.format).label
    title = f"{label}, versión del {version.created_at:%Y-%m-%d %H:%M} UTC"
    graph.add((url, RDF.type, DCAT.Distribution))
    graph.add((url, DCTERMS.title, _es(title)))
    graph.add((url, DCAT.accessURL, url))
    graph.add((url, DCAT.downloadURL, url))
    graph.add((url, DCAT.mediaType, _media_type(graph, published.media_type)))
    graph.add(
        (url, DCTERMS["format"], _file_type(graph, FORMAT_NAMES[published.format]))
    )
    graph.add(
        (url, DCAT.byteSize, Literal(published.size, datatype=profile.byte_size_type))
    )
    graph.add((url, DCTERMS.issued, _when(version.created_at)))
    graph.add((url, DCTERMS.license, _license(graph)))
    graph.add((url, DCATAP.availability, _availability(graph)))
    if not profile.checksums:
        return url
    checksum = BNode()
    graph.add((checksum, RDF.type, SPDX.Checksum))
    algorithm = _typed(
        graph, str(SPDX.checksumAlgorithm_sha256), SPDX.ChecksumAlgorithm
    )
    graph.add((checksum, SPDX.algorithm, algorithm))
    graph.add(
        (
            checksum,
            SPDX.checksumValue,
            Literal(published.sha256, datatype=XSD.hexBinary),
        )
    )
    graph.add((url, SPDX.checksum, checksum))
    return url


def _standard_package(
    graph: Graph,
    site: str,
    package: Dataset,
    files: list[PublishedFile],
    places: Places,
    profile: Profile,
) -> URIRef:
    """Add a standard package as a dataset: its address, always the latest
    file, and each version's file with its size and digest."""
    url = _typed(graph, site + reverse(standard_url_name(package)), RDFS.Resource)
    node = URIRef(f"{url}#conjunto")
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(package.slug)))
    graph.add((node, DCTERMS.title, _es(package.title)))
    graph.add((node, DCTERMS.description, _es(package.description)))
    graph.add((node, DCTERMS.license, _license(graph)))
    graph.add((node, DCTERMS.language, _language(graph)))
    graph.add((node, DCTERMS.accrualPeriodicity, _frequency(graph)))
    standard = _typed(graph, package.standard, DCTERMS.Standard)
    graph.add((node, DCTERMS.conformsTo, standard))
    for keyword in package.keywords:
        graph.add((node, DCAT.keyword, _es(keyword)))
    graph.add((node, DCAT.contactPoint, _contact(graph, site)))
    _spatial(graph, node, places, works=True)
    graph.add((url, RDF.type, DCAT.Distribution))
    graph.add((url, DCTERMS.title, _es(f"{package.title} (JSON)")))
    graph.add((url, DCAT.accessURL, url))
    graph.add((url, DCAT.downloadURL, url))
    graph.add((url, DCAT.mediaType, _media_type(graph, "application/json")))
    graph.add((url, DCTERMS["format"], _file_type(graph, "JSON")))
    graph.add((url, DCTERMS.conformsTo, standard))
    graph.add((url, DCTERMS.license, _license(graph)))
    graph.add((node, DCAT.distribution, url))
    versions = _versions(files)
    if versions:
        graph.add((node, DCTERMS.issued, _when(versions[-1].created_at)))
        graph.add((node, DCTERMS.modified, _when(versions[0].created_at)))
    for published in files:
        graph.add(
            (node, DCAT.distribution, _distribution(graph, site, published, profile))
        )
    return node


def jsonld(graph: Graph) -> str:
    """Return ``graph`` as JSON-LD with the catalogue's prefixes as its context."""
    context = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    wanted = (
        "dcat",
        "dct",
        "foaf",
        "vcard",
        "spdx",
        "locn",
        "skos",
        "xsd",
        "rdf",
        "rdfs",
        "dcatap",
    )
    document = graph.serialize(
        format="json-ld", context={k: v for k, v in context.items() if k in wanted}
    )
    return json.dumps(json.loads(document), ensure_ascii=False, indent=1)
