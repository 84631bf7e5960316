"""A participatory budget through its cycle, with every refusal on the way."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ruta.accounts.models import Role
from ruta.budgeting import rules, services
from ruta.budgeting.keys import contact_key
from ruta.budgeting.models import Ballot, Proposal, VoteCode, Voter
from ruta.budgeting.selectors import ballot_rows, period_tally, proposal_rows
from ruta.budgeting.services import PUBLIC_PROPOSALS, PUBLIC_VOTE, Contact, Place
from ruta.budgeting.tests.conftest import CALENDAR, code_in, staff_user
from ruta.common.audit.history import history_of

pytestmark = pytest.mark.django_db
PROPOSER_EMAIL = "proponente-canario@example.org"
DESCRIPTION = "Techar la cancha de la escuela para dar sombra a 300 estudiantes."


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()


def open_period(town, **changes):
    values = {
        "municipality": town.alamos,
        "year": 2025,
        "title": "Presupuesto participativo de Álamos 2025",
        "total_budget": Decimal("1000000"),
        "ballot_budget": Decimal("600000"),
        "rules_text": "Cada persona vota una vez por obras viables dentro del tope.",
        "calendar": CALENDAR,
        "actor": town.capture,
    }
    return services.period_open(**{**values, **changes})


def propose(period, title="Techumbre en la cancha escolar", cost="400000", **changes):
    values = {
        "period": period,
        "title": title,
        "description": DESCRIPTION,
        "place": Place("La Aduana"),
        "estimated_cost": Decimal(cost),
        "contact": Contact("Vecina Proponente", PROPOSER_EMAIL),
        "actor": PUBLIC_PROPOSALS,
    }
    return services.proposal_submit(**{**values, **changes})


def feasible(proposal, cost, actor):
    return services.proposal_assess(
        proposal=proposal,
        feasible=True,
        assessed_cost=Decimal(cost),
        reason="Terreno municipal disponible; costo según catálogo.",
        actor=actor,
    )


def voting(town):
    """Return a period in its vote with three feasible proposals (numbers 1–3)."""
    period = open_period(town)
    costs = ("600000", "500000", "300000")
    proposals = [propose(period, f"Propuesta de obra {n}") for n in range(1, 4)]
    services.period_advance(period=period, actor=town.capture)
    for proposal, cost in zip(proposals, costs, strict=True):
        feasible(proposal, cost, town.assessor)
    return services.period_advance(period=period, actor=town.capture)


def verified(period, address, mailoutbox, client="10.0.0.1"):
    vote_code = services.vote_code_request(
        period=period,
        channel="email",
        address=address,
        client=client,
        actor=PUBLIC_VOTE,
    )
    code = code_in(mailoutbox[-1].body)
    return services.vote_code_verify(vote_code=vote_code, code=code, actor=PUBLIC_VOTE)


def vote(period, address, choices, mailoutbox):
    check = verified(period, address, mailoutbox)
    return services.ballot_cast(
        vote_code=check.vote_code, choices=choices, actor=PUBLIC_VOTE
    )


# ------------------------------------------------------------------ opening


def test_a_period_with_dates_out_of_order_is_refused_and_nothing_is_written(town):
    calendar = services.Calendar(
        CALENDAR.proposals_from,
        CALENDAR.voting_from,
        CALENDAR.review_from,
        CALENDAR.voting_until,
        CALENDAR.results_on,
    )
    with pytest.raises(ValidationError, match="fechas van en orden"):
        open_period(town, calendar=calendar)
    with pytest.raises(ValidationError, match="a lo más"):
        open_period(town, ballot_budget=Decimal("2000000"))
    assert not town.alamos.budget_periods.exists()


def test_staff_of_another_municipality_may_not_open_or_assess(town):
    with pytest.raises(PermissionDenied):
        open_period(town, actor=town.stranger)
    proposal = propose(open_period(town))
    with pytest.raises(PermissionDenied):
        feasible(proposal, "300000", town.stranger)


def test_the_period_is_the_ayuntamientos_and_takes_proposals_first(town):
    period = open_period(town)
    assert (period.agency, period.phase, period.slug) == (
        town.ayuntamiento,
        rules.Phase.PROPOSALS,
        "alamos-2025",
    )


# ------------------------------------------------------------------ proposals


def test_a_proposal_costing_more_than_the_whole_budget_is_refused(town):
    period = open_period(town)
    with pytest.raises(ValidationError, match="costo estimado"):
        propose(period, cost="1000000.01")
    with pytest.raises(ValidationError, match="correo o un teléfono"):
        propose(period, contact=Contact("Sin contacto"))
    assert not period.proposals.exists()


def test_proposals_are_refused_once_the_review_began(town):
    period = open_period(town)
    services.period_advance(period=period, actor=town.capture)
    with pytest.raises(ValidationError, match="ya no recibe propuestas"):
        propose(period)


def test_proposals_from_one_connection_are_limited_each_hour(town, settings):
    settings.RUTA_BUDGETING_PROPOSALS_PER_HOUR = 2
    period = open_period(town)
    for n in range(2):
        propose(period, f"Propuesta de obra {n}", client="10.9.9.9")
    with pytest.raises(ValidationError, match="el límite es 2"):
        propose(period, "Propuesta de obra 3", client="10.9.9.9")
    assert period.proposals.count() == 2


def test_a_feasible_proposal_needs_a_cost_that_fits_one_ballot(town):
    proposal = propose(open_period(town))
    with pytest.raises(ValidationError, match="a lo más"):
        feasible(proposal, "600000.01", town.assessor)
    with pytest.raises(ValidationError, match="costo evaluado"):
        services.proposal_assess(
            proposal=proposal,
            feasible=True,
            reason="Viable por el terreno disponible.",
            actor=town.assessor,
        )
    assessed = feasible(proposal, "380000", town.assessor)
    assert (assessed.feasibility, assessed.assessed_cost) == (
        "feasible",
        Decimal("380000.00"),
    )


def test_voting_opens_only_once_every_visible_proposal_is_assessed(town):
    period = open_period(town)
    first, second = propose(period), propose(period, "Alumbrado en el malecón")
    services.period_advance(period=period, actor=town.capture)
    feasible(first, "300000", town.assessor)
    with pytest.raises(ValidationError, match="Faltan 1 propuestas"):
        services.period_advance(period=period, actor=town.capture)
    services.proposal_moderate(
        proposal=second,
        hide=True,
        reason="Repite la propuesta número uno.",
        actor=town.capture,
    )
    assert services.period_advance(period=period, actor=town.capture).phase == "voting"
    with pytest.raises(ValidationError, match="boleta no cambia"):
        services.proposal_moderate(
            proposal=first, hide=True, reason="Ya no.", actor=town.capture
        )


# ------------------------------------------------------------------ the vote


def test_a_verified_contact_votes_once_whatever_case_it_is_typed_in(town, mailoutbox):
    period = voting(town)
    ballot = vote(period, "Votante.Uno@Example.org", [1], mailoutbox)
    assert list(ballot.choices.values_list("proposal__number", flat=True)) == [1]
    with pytest.raises(ValidationError, match="ya se votó"):
        verified(period, "votante.uno@example.ORG", mailoutbox)
    assert Ballot.objects.filter(period=period).count() == 1


def test_a_sub_address_of_a_mailbox_that_voted_is_told_it_already_voted(
    town, mailoutbox
):
    period = voting(town)
    vote(period, "votante+1@example.org", [1], mailoutbox)
    with pytest.raises(ValidationError, match="ya se votó") as refused:
        verified(period, "Votante+2@example.org", mailoutbox)
    assert refused.value.code == "already_voted"
    # The code itself went to the address as typed: the tag is the person's.
    assert mailoutbox[-1].to == ["votante+2@example.org"]
    assert Ballot.objects.filter(period=period).count() == 1


def test_gmail_without_its_dots_or_as_googlemail_is_the_mailbox_that_voted(
    town, mailoutbox
):
    period = voting(town)
    vote(period, "ana.luz@gmail.com", [2], mailoutbox)
    for again in ("analuz@gmail.com", "a.na.luz+2@googlemail.com"):
        with pytest.raises(ValidationError, match="ya se votó"):
            verified(period, again, mailoutbox)
    assert Ballot.objects.filter(period=period).count() == 1


def test_the_already_voted_answer_reads_in_english(town, mailoutbox):
    period = voting(town)
    vote(period, "votante+1@example.org", [1], mailoutbox)
    with pytest.raises(ValidationError) as refused:
        verified(period, "votante+2@example.org", mailoutbox)
    with translation.override("en"):
        (message,) = refused.value.messages  # worded when read
    assert "already voted" in message
    assert "ya se votó" not in message


def test_the_vote_keeps_only_keyed_hashes_of_the_contact(town, mailoutbox):
    period = voting(town)
    vote(period, "votante.dos@example.org", [2], mailoutbox)
    (voter,) = Voter.objects.filter(period=period)
    stored = [
        voter.contact_key,
        *VoteCode.objects.values_list("contact_key", "code_hash")[0],
    ]
    assert all("example.org" not in value and len(value) == 64 for value in stored)
    assert voter.contact_key == contact_key(period, "email", "votante.dos@example.org")


def test_a_wrong_code_uses_an_attempt_and_the_fifth_ends_the_code(town, mailoutbox):
    period = voting(town)
    vote_code = services.vote_code_request(
        period=period, channel="email", address="tres@example.org", actor=PUBLIC_VOTE
    )
    right = code_in(mailoutbox[-1].body)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for left in (4, 3, 2, 1, 0):
        check = services.vote_code_verify(
            vote_code=vote_code, code=wrong, actor=PUBLIC_VOTE
        )
        assert (check.verified, check.attempts_left) == (False, left)
    with pytest.raises(ValidationError, match="ya no sirve"):
        services.vote_code_verify(vote_code=vote_code, code=right, actor=PUBLIC_VOTE)


def test_an_unverified_code_casts_no_ballot(town, mailoutbox):
    period = voting(town)
    vote_code = services.vote_code_request(
        period=period, channel="email", address="cuatro@example.org", actor=PUBLIC_VOTE
    )
    with pytest.raises(ValidationError, match="Primero verifique"):
        services.ballot_cast(vote_code=vote_code, choices=[1], actor=PUBLIC_VOTE)
    assert not Ballot.objects.filter(period=period).exists()


def test_a_ballot_over_its_budget_is_refused_and_the_voter_may_try_again(
    town, mailoutbox
):
    period = voting(town)
    check = verified(period, "cinco@example.org", mailoutbox)
    with pytest.raises(ValidationError, match="pasa del presupuesto por boleta"):
        services.ballot_cast(
            vote_code=check.vote_code, choices=[1, 3], actor=PUBLIC_VOTE
        )
    assert not Voter.objects.filter(period=period).exists()
    services.ballot_cast(vote_code=check.vote_code, choices=[2], actor=PUBLIC_VOTE)
    with pytest.raises(ValidationError, match="Primero verifique"):
        services.ballot_cast(vote_code=check.vote_code, choices=[3], actor=PUBLIC_VOTE)


def test_codes_for_one_contact_are_limited_each_hour(town, mailoutbox, settings):
    period = voting(town)
    limit = settings.RUTA_BUDGETING_CODES_PER_CONTACT_PER_HOUR
    for n in range(limit):
        services.vote_code_request(
            period=period,
            channel="email",
            address="seis@example.org",
            client=f"10.1.1.{n}",
            actor=PUBLIC_VOTE,
        )
    with pytest.raises(ValidationError, match="para ese contacto"):
        services.vote_code_request(
            period=period,
            channel="email",
            address="SEIS@example.org",
            client="10.1.2.1",
            actor=PUBLIC_VOTE,
        )
    assert len(mailoutbox) == limit


def test_codes_for_one_contact_are_limited_each_day_however_it_is_spelled(
    town, mailoutbox, settings
):
    settings.RUTA_BUDGETING_CODES_PER_CONTACT_PER_DAY = 2
    period = voting(town)
    for n in range(2):
        services.vote_code_request(
            period=period,
            channel="email",
            address=f"ocho+{n}@example.org",
            client=f"10.3.3.{n}",
            actor=PUBLIC_VOTE,
        )
    with pytest.raises(ValidationError, match="ya recibió hoy") as refused:
        services.vote_code_request(
            period=period,
            channel="email",
            address="ocho@example.org",
            client="10.3.3.9",
            actor=PUBLIC_VOTE,
        )
    assert refused.value.error_dict["address"][0].code == "recipient_limit"
    assert len(mailoutbox) == 2


def test_codes_from_one_connection_are_limited_each_hour(town, mailoutbox, settings):
    settings.RUTA_BUDGETING_CODES_PER_HOUR = 2
    period = voting(town)
    for n in range(2):
        services.vote_code_request(
            period=period,
            channel="email",
            address=f"siete{n}@example.org",
            client="10.2.2.2",
            actor=PUBLIC_VOTE,
        )
    with pytest.raises(ValidationError, match="desde su conexión"):
        services.vote_code_request(
            period=period,
            channel="email",
            address="otra@example.org",
            client="10.2.2.2",
            actor=PUBLIC_VOTE,
        )


def test_a_code_goes_by_whatsapp_through_the_alerts_adapter(town, settings, capsys):
    settings.RUTA_ALERTS_MESSAGING_BACKEND = "console"
    period = voting(town)
    vote_code = services.vote_code_request(
        period=period, channel="whatsapp", address="662 111 2233", actor=PUBLIC_VOTE
    )
    printed = capsys.readouterr().out
    assert '"to": "526621112233"' in printed
    check = services.vote_code_verify(
        vote_code=vote_code, code=code_in(printed), actor=PUBLIC_VOTE
    )
    assert check.verified
    ballot = services.ballot_cast(vote_code=vote_code, choices=[3], actor=PUBLIC_VOTE)
    assert ballot.folio


# ------------------------------------------------------------------ results


def test_whoever_opened_or_assessed_does_not_publish_the_result(town, mailoutbox):
    period = open_period(town, actor=town.validator)
    proposal = propose(period)
    services.period_advance(period=period, actor=town.capture)
    feasible(proposal, "300000", town.assessor)
    services.period_advance(period=period, actor=town.capture)
    vote(period, "ocho@example.org", [1], mailoutbox)
    for writer in (town.validator, town.assessor):
        with pytest.raises(ValidationError) as refused:
            services.results_publish(period=period, actor=writer)
        assert refused.value.code == "same_person"
    with pytest.raises(PermissionDenied):
        services.results_publish(period=period, actor=town.capture)
    another = staff_user(Role.VALIDATOR, municipality=town.alamos)
    assert services.results_publish(period=period, actor=another).phase == "results"


def test_the_result_counted_again_from_the_published_files_is_the_same(
    town, mailoutbox
):
    period = voting(town)
    for n, choices in enumerate(([2], [2], [3], [1], [3], [3]), start=1):
        vote(period, f"votante{n}@example.org", choices, mailoutbox)
    services.results_publish(period=period, actor=town.validator)
    ballots = _csv(reverse("budgeting:ballots-csv", args=[period.slug]))
    proposals = _csv(reverse("budgeting:proposals-csv", args=[period.slug]))
    assert all("@" not in value for row in ballots for value in row.values())
    counts = rules.vote_counts(
        ([int(n) for n in row["propuestas"].split()] for row in ballots),
        (int(row["numero"]) for row in proposals),
    )
    again = rules.tally(
        [
            rules.Candidate(number, votes, Decimal(_cost(proposals, number)))
            for number, votes in counts.items()
        ],
        period.total_budget,
    )
    published = {int(row["numero"]) for row in proposals if row["ganadora"] == "sí"}
    assert again.funded == published == {2, 3}
    assert counts == {1: 1, 2: 2, 3: 3}
    numbers = {p.pk: p.number for p in period.proposals.all()}
    assert {numbers[pk] for pk in period_tally(period).funded_ids} == published
    assert _open_data_count(period) == again.funded


def _open_data_count(period):
    """Return what the open-data datasets' rows fund when counted again."""
    ballots = [r for r in ballot_rows() if r["PRESUPUESTO"] == period.slug]
    proposals = [r for r in proposal_rows() if r["PRESUPUESTO"] == period.slug]
    counts = rules.vote_counts(
        ([int(n) for n in row["PROPUESTAS"].split()] for row in ballots),
        (row["NUMERO"] for row in proposals),
    )
    costs = {row["NUMERO"]: row["COSTO_EVALUADO"] for row in proposals}
    total = proposals[0]["PRESUPUESTO_TOTAL"]
    again = rules.tally(
        [rules.Candidate(n, votes, costs[n]) for n, votes in counts.items()], total
    )
    assert again.funded == {row["NUMERO"] for row in proposals if row["GANADORA"]}
    return again.funded


def _csv(url: str) -> list[dict[str, str]]:
    response = Client().get(url)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _cost(rows, number):
    return next(row["costo_evaluado"] for row in rows if int(row["numero"]) == number)


def test_only_a_winner_is_linked_to_a_published_work_of_its_municipality(
    town, mailoutbox
):
    period = voting(town)
    vote(period, "nueve@example.org", [3], mailoutbox)
    services.results_publish(period=period, actor=town.validator)
    loser, winner = (period.proposals.get(number=n) for n in (1, 3))
    with pytest.raises(ValidationError, match="ganadora"):
        services.proposal_work_link(proposal=loser, work=town.work, actor=town.capture)
    linked = services.proposal_work_link(
        proposal=winner, work=town.work, actor=town.capture
    )
    assert linked.work == town.work
    page = Client().get(town.work.get_absolute_url()).content.decode()
    assert "Nace del presupuesto participativo" in page
    assert winner.title in page, page[page.index("Nace del presupuesto") :][:800]


def test_every_write_names_its_actor_in_the_audit_history(town):
    period = open_period(town)
    proposal = propose(period)
    feasible(proposal, "300000", town.assessor)
    events = history_of(Proposal).objects.filter(pgh_obj_id=proposal.pk)
    assert {
        (event.pgh_context.metadata["service"], event.pgh_context.metadata.get("user"))
        for event in events
    } >= {("proposal_submit", None), ("proposal_assess", town.assessor.pk)}


@pytest.mark.parametrize("language", ["es-mx", "en"])
def test_public_pages_never_show_the_proposers_contact(town, mailoutbox, language):
    period = voting(town)
    vote(period, "diez@example.org", [1], mailoutbox)
    services.results_publish(period=period, actor=town.validator)
    client = Client()
    for name, args in (
        ("budgeting:list", []),
        ("budgeting:period", [period.slug]),
        ("budgeting:proposal", [period.slug, 1]),
        ("budgeting:results", [period.slug]),
    ):
        with _language(language):
            url = reverse(name, args=args)
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert PROPOSER_EMAIL not in text
        assert "Vecina Proponente" not in text


def _language(code):
    from django.utils import translation

    return translation.override(code)
