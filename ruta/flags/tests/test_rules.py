"""Each red flag's rule: the figures that raise it and the figures just below."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ruta.flags import rules
from ruta.flags.rules import (
    FEDERAL_WORKS_LAW,
    FLAG_KINDS,
    AwardTally,
    SignedContract,
    ThresholdError,
    WorksLaw,
)
from ruta.sources.findings import unchanged

D = Decimal


def test_every_kind_declares_title_reading_source_and_words():
    for kind in FLAG_KINDS.values():
        assert kind.title
        assert kind.reading
        assert kind.source
        assert kind.words
        for threshold in kind.thresholds:
            assert threshold.least <= threshold.default <= threshold.most
            assert threshold.source


# ------------------------------------------------------------ modifications


def test_modifications_over_a_quarter_of_the_amount_raise_the_flag():
    raised = rules.modifications_exceed(
        agreed_amount=D("1000000.00"),
        increases=[D("150000.00"), D("100000.01")],
        agreed_days=None,
        added_days=0,
        law=FEDERAL_WORKS_LAW,
    )
    assert raised is not None
    assert raised["measure"] == "amount"
    assert raised["share"] == "25.00"  # 25.000001 % shown to the cent
    assert raised["law"].endswith("art. 59")


def test_modifications_of_exactly_a_quarter_raise_nothing():
    assert (
        rules.modifications_exceed(
            agreed_amount=D("1000000.00"),
            increases=[D("150000.00"), D("100000.00")],
            agreed_days=100,
            added_days=25,
            law=FEDERAL_WORKS_LAW,
        )
        is None
    )


def test_a_term_extended_past_a_quarter_raises_the_flag():
    raised = rules.modifications_exceed(
        agreed_amount=D("1000000.00"),
        increases=[],
        agreed_days=100,
        added_days=26,
        law=FEDERAL_WORKS_LAW,
    )
    assert raised == {
        "measure": "term",
        "share": "26.00",
        "changed": "26",
        "agreed": "100",
        "limit": "25",
        "law": FEDERAL_WORKS_LAW.citation,
    }


def test_a_state_law_with_its_own_threshold_is_cited():
    law = WorksLaw("Ley de obra pública del estado", "80", D(20))
    raised = rules.modifications_exceed(
        agreed_amount=D(100),
        increases=[D("20.01")],
        agreed_days=None,
        added_days=0,
        law=law,
    )
    assert raised is not None
    assert raised["law"] == "Ley de obra pública del estado, art. 80"
    assert (
        rules.modifications_exceed(
            agreed_amount=D(100),
            increases=[D(20)],
            agreed_days=None,
            added_days=0,
            law=law,
        )
        is None
    )


def test_added_days_read_the_agreed_end_against_the_current_one():
    assert rules.added_days(date(2024, 4, 10), date(2024, 5, 1), date(2024, 1, 1)) == (
        100,
        21,
    )
    assert rules.added_days(None, date(2024, 5, 1), date(2024, 1, 1)) == (None, 0)


# ------------------------------------------------------------ recent company


def test_a_company_incorporated_five_months_before_signing_raises_the_flag():
    raised = rules.recent_company(
        rfc="CRE240115AB1", contract="C-1", signed_on=date(2024, 6, 20), months=D(6)
    )
    assert raised is not None
    assert raised["incorporated"] == "2024-01-15"
    assert raised["months"] == "5"


def test_a_company_incorporated_six_months_before_raises_nothing():
    assert (
        rules.recent_company(
            rfc="CRE231220AB1", contract="C-1", signed_on=date(2024, 6, 20), months=D(6)
        )
        is None
    )


def test_a_natural_persons_rfc_is_never_read_for_a_date():
    # 13 characters: four letters and a birth date, personal data.
    assert (
        rules.recent_company(
            rfc="GODE240115GR8",
            contract="C-1",
            signed_on=date(2024, 6, 20),
            months=D(6),
        )
        is None
    )
    assert rules.incorporation_date("GODE240115GR8", not_after=date(2024, 6, 1)) is None


def test_the_rfc_century_is_the_latest_not_after_the_signature():
    assert rules.incorporation_date("ABC991231AB1", not_after=date(2024, 1, 1)) == date(
        1999, 12, 31
    )
    assert rules.incorporation_date("ABC230101AB1", not_after=date(2024, 1, 1)) == date(
        2023, 1, 1
    )


# ------------------------------------------------------------ split contracts

LIMITS = {"adjudicacion_directa": D(1000000), "invitacion_tres": D(5000000)}


def _signed(number, day, amount, procedure="adjudicacion_directa"):
    return SignedContract(number, day, D(amount), procedure)


def test_direct_awards_within_the_window_over_the_maximum_raise_the_flag():
    raised = rules.split_contracts(
        [
            _signed("A", date(2024, 3, 1), "600000.00"),
            _signed("B", date(2024, 4, 15), "400000.01"),
        ],
        contractor="Constructora",
        days=D(90),
        limits=LIMITS,
    )
    assert raised is not None
    assert raised["count"] == "2"
    assert raised["total"] == "1000000.01"
    assert raised["most"] == "1000000.00"
    assert raised["procedure"] == "adjudicacion_directa"


def test_direct_awards_summing_exactly_the_maximum_raise_nothing():
    contracts = [
        _signed("A", date(2024, 3, 1), "600000.00"),
        _signed("B", date(2024, 4, 15), "400000.00"),
    ]
    assert (
        rules.split_contracts(contracts, contractor="C", days=D(90), limits=LIMITS)
        is None
    )


def test_contracts_further_apart_than_the_window_raise_nothing():
    contracts = [
        _signed("A", date(2024, 1, 1), "600000.00"),
        _signed("B", date(2024, 4, 1), "600000.00"),  # 91 days later
    ]
    assert (
        rules.split_contracts(contracts, contractor="C", days=D(90), limits=LIMITS)
        is None
    )
    assert rules.split_contracts(contracts, contractor="C", days=D(91), limits=LIMITS)


def test_a_public_tender_is_never_part_of_a_split():
    contracts = [
        _signed("A", date(2024, 1, 1), "600000.00"),
        _signed("B", date(2024, 1, 2), "9000000.00", "licitacion_publica"),
    ]
    assert (
        rules.split_contracts(contracts, contractor="C", days=D(90), limits=LIMITS)
        is None
    )


def test_a_mix_of_procedures_is_held_to_the_larger_maximum():
    contracts = [
        _signed("A", date(2024, 1, 1), "900000.00"),
        _signed("B", date(2024, 1, 2), "4100000.00", "invitacion_tres"),
    ]
    assert (
        rules.split_contracts(contracts, contractor="C", days=D(90), limits=LIMITS)
        is None
    )
    contracts.append(_signed("C", date(2024, 1, 3), "0.01"))
    raised = rules.split_contracts(contracts, contractor="C", days=D(90), limits=LIMITS)
    assert raised is not None
    assert raised["procedure"] == "invitacion_tres"


# ------------------------------------------------------------ payments


def test_payments_over_the_contract_raise_the_flag():
    raised = rules.paid_over_contract(contract="C-1", amount=D(1000), paid=D("1000.01"))
    assert raised is not None
    assert raised["over"] == "0.01"
    assert (
        rules.paid_over_contract(contract="C-1", amount=D(1000), paid=D(1000)) is None
    )


def test_paid_in_full_with_little_progress_raises_the_flag():
    raised = rules.paid_ahead_of_progress(
        amount=D(1000), paid=D(1000), physical=D("79.99"), percent=D(80)
    )
    assert raised is not None
    assert raised["paid_share"] == "100.00"
    assert (
        rules.paid_ahead_of_progress(
            amount=D(1000), paid=D(1000), physical=D(80), percent=D(80)
        )
        is None
    )
    assert (
        rules.paid_ahead_of_progress(
            amount=D(1000), paid=D("999.99"), physical=D(10), percent=D(80)
        )
        is None
    )


# ------------------------------------------------------------ late works

UNDER_WAY = {"in_execution", "contracted"}


def test_a_work_past_its_end_with_payments_raises_the_flag():
    raised = rules.late_with_payments(
        status="in_execution",
        end=date(2024, 1, 31),
        today=date(2024, 3, 2),
        paid=D("0.01"),
        days=D(30),
        under_way=UNDER_WAY,
    )
    assert raised == {"end": "2024-01-31", "days": "31", "paid": "0.01", "limit": "30"}


def test_a_work_within_the_margin_or_unpaid_or_finished_raises_nothing():
    common = {"end": date(2024, 1, 31), "days": D(30), "under_way": UNDER_WAY}
    assert (
        rules.late_with_payments(
            status="in_execution", today=date(2024, 3, 1), paid=D(1), **common
        )
        is None
    )
    assert (
        rules.late_with_payments(
            status="in_execution", today=date(2024, 6, 1), paid=D(0), **common
        )
        is None
    )
    assert (
        rules.late_with_payments(
            status="completed", today=date(2024, 6, 1), paid=D(1), **common
        )
        is None
    )


# ------------------------------------------------------------ one bidder


def test_one_bidder_in_a_competitive_process_raises_the_flag():
    assert rules.single_bidder(ocid="ocds-1", method="open", tenderers=1)
    assert rules.single_bidder(ocid="ocds-1", method="open", tenderers=2) is None
    assert rules.single_bidder(ocid="ocds-1", method="direct", tenderers=1) is None
    assert rules.single_bidder(ocid="ocds-1", method="open", tenderers=None) is None


# ------------------------------------------------------------ direct awards


def _tally(count, amount, direct_count, direct_amount):
    return AwardTally(count, D(amount), direct_count, D(direct_amount))


STATE = _tally(100, "1000000", 30, "300000")  # 30 % by count and amount


def test_an_agency_over_the_state_average_by_more_than_the_margin_raises_the_flag():
    agency = _tally(10, "100000", 5, "50001")  # 50.001 % by amount
    raised = rules.direct_award_share(
        agency="SIDUR", tally=agency, state=STATE, points=D(20), least_contracts=D(5)
    )
    assert raised is not None
    assert raised["measure"] == "amount"
    assert raised["share"] == "50.00"
    assert raised["state_share"] == "30.00"


def test_an_agency_just_at_the_margin_raises_nothing():
    agency = _tally(10, "100000", 5, "50000")  # 50 % against 30 %: 20 points
    assert (
        rules.direct_award_share(
            agency="SIDUR",
            tally=agency,
            state=STATE,
            points=D(20),
            least_contracts=D(5),
        )
        is None
    )


def test_an_agency_with_few_contracts_is_not_judged():
    agency = _tally(4, "100000", 4, "100000")
    assert (
        rules.direct_award_share(
            agency="SIDUR",
            tally=agency,
            state=STATE,
            points=D(20),
            least_contracts=D(5),
        )
        is None
    )


def test_the_share_by_count_raises_the_flag_as_well():
    agency = _tally(10, "100000", 6, "1000")  # 60 % by count, 1 % by amount
    raised = rules.direct_award_share(
        agency="SIDUR", tally=agency, state=STATE, points=D(20), least_contracts=D(5)
    )
    assert raised is not None
    assert raised["measure"] == "count"
    assert (raised["part"], raised["whole"]) == ("6", "10")


# ------------------------------------------------------------ SAT 69-B


def test_a_company_presumed_or_definitive_in_the_69b_list_raises_the_flag():
    for situation in ("presunto", "definitivo"):
        raised = rules.sat_listed(
            rfc="ABC150312AB1",
            name="Ejemplo",
            situation=situation,
            notice="500-05-2024-1",
            list_date=date(2024, 9, 30),
        )
        assert raised is not None
        assert raised["situation"] == situation


def test_a_disproved_or_favourable_listing_or_a_person_raises_nothing():
    for situation in ("desvirtuado", "sentencia_favorable"):
        assert (
            rules.sat_listed(
                rfc="ABC150312AB1",
                name="Ejemplo",
                situation=situation,
                notice="",
                list_date=date(2024, 9, 30),
            )
            is None
        )
    assert (
        rules.sat_listed(
            rfc="GODE561231GR8",
            name="Persona",
            situation="presunto",
            notice="",
            list_date=date(2024, 9, 30),
        )
        is None
    )


# ------------------------------------------------------------ settings and words


def test_thresholds_take_overrides_within_bounds_and_refuse_others():
    read = rules.thresholds_read({"fraccionamiento": {"days": 30}})
    assert read["fraccionamiento"]["days"] == D(30)
    assert read["empresa-reciente"]["months"] == D(6)
    with pytest.raises(ThresholdError, match="outside"):
        rules.thresholds_read({"fraccionamiento": {"days": 0}})
    with pytest.raises(ThresholdError, match="no setting"):
        rules.thresholds_read({"fraccionamiento": {"weeks": 3}})
    with pytest.raises(ThresholdError, match="no flag"):
        rules.thresholds_read({"nada": {}})


def test_a_flag_is_worded_with_names_for_its_codes_and_shown_figures():
    values = rules.split_contracts(
        [
            _signed("A", date(2024, 3, 1), "600000.00"),
            _signed("B", date(2024, 3, 5), "400000.01"),
        ],
        contractor="Constructora",
        days=D(90),
        limits=LIMITS,
    )
    assert values is not None
    text = rules.worded(
        "fraccionamiento", values, unchanged, day=str, money=lambda v: f"${v}"
    )
    assert "adjudicación directa" in text
    assert "$1000000.01" in text
    assert "$1000000.00" in text


def test_the_settings_check_names_a_threshold_out_of_bounds(settings):
    from ruta.flags.checks import flag_settings_valid

    assert flag_settings_valid() == []
    settings.RUTA_FLAG_THRESHOLDS = {"empresa-reciente": {"months": 0}}
    (error,) = flag_settings_valid()
    assert "empresa-reciente" in error.msg
    assert "outside" in error.msg
