"""The names a question may use, read from what this instance publishes.

Built once per data version in each process (``version_kept``): the parser
then reads a question against memory, not against the database.
"""

from __future__ import annotations

import re

from django.db.models import Q

from ruta.catalog.instance import Instance, instance
from ruta.catalog.models import Agency, Municipality, State
from ruta.common.db.versioning import data_version, version_kept
from ruta.common.text.rfc import is_company_rfc
from ruta.grants.models import AllocationEntry, Call
from ruta.indicators.models import IndicatorCard
from ruta.opengov.models import Commitment
from ruta.portal.questions.lexicon import THESAURUS
from ruta.portal.questions.parse import (
    Named,
    Slot,
    Vocabulary,
    name_aliases,
    name_words,
)
from ruta.portal.selectors import years_with_works
from ruta.programs.models import Goal
from ruta.works.models import Contract, Subprogram, Work, WorksProgram
from ruta.works.selectors.summary import work_groups

# Words too common to tell indicators, commitments or goals apart.
NAMED_STOPWORDS = frozenset(
    [
        "a",
        "al",
        "de",
        "del",
        "el",
        "en",
        "es",
        "la",
        "las",
        "lo",
        "los",
        "para",
        "por",
        "que",
        "se",
        "su",
        "sus",
        "un",
        "una",
        "y",
        "e",
        "o",
        "con",
        "conforme",
    ]
)
TRAILING_YEAR = re.compile(r"\s+(19|20)[0-9]{2}$")


def question_vocabulary() -> Vocabulary:
    """Return the instance's vocabulary, as of the current data."""
    key = ("question-vocabulary", instance().scope)
    return version_kept(data_version().token, key, _vocabulary)


def _vocabulary() -> Vocabulary:
    scope = instance()
    names = {
        Slot.MUNICIPALITY: _municipalities(),
        Slot.REGION: _regions(),
        Slot.PROGRAM: name_aliases(
            WorksProgram.objects.values_list("code", "name", "acronym")
        ),
        Slot.SUBPROGRAM: name_aliases(
            (code, name, "")
            for code, name in Subprogram.objects.values_list("code", "name")
        ),
        Slot.AGENCY: _agencies(),
        Slot.CONTRACTOR: _contractors(),
        Slot.ORGANIZATION: _organizations(),
        Slot.CALL: _calls(),
    }
    return Vocabulary(
        names=names,
        synonyms=_synonyms(names),
        named={
            Slot.INDICATOR: [
                Named(str(pk), _telling(name))
                for pk, name in IndicatorCard.objects.here().values_list("pk", "name")
            ],
            Slot.COMMITMENT: [
                Named(str(pk), _telling(name), number=number)
                for pk, name, number in Commitment.objects.here().values_list(
                    "pk", "name", "number"
                )
            ],
            Slot.GOAL: [
                Named(str(pk), _telling(description), number=number, year=year)
                for pk, description, number, year in Goal.objects.values_list(
                    "pk",
                    "description",
                    "number",
                    "unit_program__program__fiscal_year_id",
                )
            ],
        },
        years=frozenset(years_with_works()),
        state_names=_state_names(scope),
        elsewhere=_elsewhere(scope),
    )


def _synonyms(names: dict[Slot, dict[str, str]]) -> dict[str, tuple[Slot, str]]:
    """Return the thesaurus' words whose meaning this instance holds.

    A word that already names something (a subprogram called "Alumbrado")
    is that name, not a synonym.
    """
    found: dict[str, tuple[Slot, str]] = {}
    named = {phrase for table in names.values() for phrase in table}
    for word, (kind, target) in THESAURUS.items():
        if word in named:
            continue
        slot = Slot(kind)
        key = target if slot is Slot.STATUS else names.get(slot, {}).get(target)
        if key:
            found[word] = (slot, key)
    return found


def _telling(name: str) -> frozenset[str]:
    return frozenset(name_words(name).split()) - NAMED_STOPWORDS


def _municipalities() -> dict[str, str]:
    rows = instance().municipalities().values_list("code", "name")
    return {name_words(name): code for code, name in rows}


def _regions() -> dict[str, str]:
    """Return each region by "región NAME", and by its name when it has two words."""
    names: dict[str, str] = {}
    for pk, name in instance().regions().values_list("pk", "name"):
        words = name_words(name)
        names[f"region {words}"] = str(pk)
        if len(words.split()) > 1:
            names.setdefault(words, str(pk))
    return names


def _agencies() -> dict[str, str]:
    """Return the agencies that executed this instance's works, and their parents.

    Read off the summary rows: joined to the works, the same question took
    minutes at a million works.
    """
    executed = set(
        work_groups()
        .filter(works__gt=0)
        .values_list("executing_agency_id", flat=True)
        .distinct()
    )
    agencies = Agency.objects.filter(
        Q(pk__in=executed) | Q(children__pk__in=executed)
    ).distinct()
    rows = list(agencies.values_list("code", "name", "acronym", "parent__code"))
    names = {code: name for code, name, _, _ in rows}
    # A unit named as its parent (a federal body's delegation) is asked as
    # the parent, whose works hold the unit's.
    return name_aliases(
        (
            (code, name, acronym)
            for code, name, acronym, parent in rows
            if names.get(parent) != name
        ),
        acronyms=True,
    )


def _contractors() -> dict[str, str]:
    """Return the companies with contracts for published works, by RFC.

    A person's name is personal data: only companies (an RFC of twelve
    characters) can be asked about by name.
    """
    rows = (
        Contract.objects.filter(work__in=Work.objects.published())
        .values_list("contractor_rfc", "contractor_name")
        .distinct()
    )
    return name_aliases(
        (rfc, name, "") for rfc, name in rows if rfc and is_company_rfc(rfc)
    )


def _organizations() -> dict[str, str]:
    """Return the organisations named in a published call's allocation."""
    rows = (
        AllocationEntry.objects.filter(run__call__is_published=True)
        .values_list("application__organization_id", "application__organization__name")
        .distinct()
    )
    return name_aliases((str(pk), name, "") for pk, name in rows)


# What people call the newest published call, when one year has only one.
LATEST_CALL = (
    "ultima convocatoria",
    "convocatoria mas reciente",
    "latest call",
    "last call",
    "most recent call",
)


def _calls() -> dict[str, str]:
    """Return the published calls by title, with and without their year, and
    the newest as "la última convocatoria" when it is the only one of its year."""
    names: dict[str, str] = {}
    calls = list(Call.objects.published().values_list("code", "title", "fiscal_year"))
    for code, title, _year in calls:
        words = name_words(title)
        names[words] = code
        names.setdefault(TRAILING_YEAR.sub("", words), code)
    newest = max((year for _code, _title, year in calls), default=None)
    latest = [code for code, _title, year in calls if year == newest]
    if len(latest) == 1:
        names.update(dict.fromkeys(LATEST_CALL, latest[0]))
    return names


def _state_names(scope: Instance) -> frozenset[str]:
    """Return the words naming the whole instance: its state, the country, or
    on a municipality's instance "todo el municipio"."""
    if scope.municipal:
        return frozenset({"todo el municipio"})
    state = scope.state()
    if state is None:
        return frozenset({"todo el pais", "mexico"})
    names = {name_words(state.name), name_words(state.short_name)}
    names |= {f"estado de {name}" for name in set(names)}
    return frozenset(names | {"todo el estado"})


def _elsewhere(scope: Instance) -> frozenset[str]:
    """Return other states' names and municipalities, when the instance is a
    state's; a municipality's: every other municipality and every state, its
    own included (wider than the instance)."""
    if scope.national:
        return frozenset()
    own = set(_municipalities())
    others = Municipality.objects.exclude(
        pk__in=scope.municipalities().values("pk")
    ).values_list("name", flat=True)
    states = State.objects.values_list("name", "short_name")
    if not scope.municipal:
        states = states.exclude(code=scope.code)
    names = {name_words(name) for name in others}
    names |= {name_words(name) for pair in states for name in pair}
    return frozenset(names - own)
