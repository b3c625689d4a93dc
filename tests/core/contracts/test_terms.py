"""Contract terms in force, supplementary agreements, proration and billing months.

Contracts are built in memory (no session), as the month closing gets them already loaded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.contracts.editing import input_from_previous
from desktop.core.contracts.terms import (
    PeriodLine,
    billing_due,
    billing_period,
    period_lines,
    terms_for,
    terms_on,
    totals,
    variable_lines,
    working_days,
)
from desktop.core.errors import ValidationError
from desktop.core.models import (
    Agreement,
    AgreementChange,
    Base,
    Contract,
    ContractLine,
    Counterparty,
    OwnEntity,
    Service,
    Unit,
    WorkOrder,
)

D = Decimal
MARCH = (dt.date(2026, 3, 1), dt.date(2026, 3, 31))

ACCOUNTING = Service(id=1, name="Бухгалтерское обслуживание", unit_code="362")
PAYROLL = Service(id=2, name="Расчёт заработной платы", unit_code="362")
HOUR = Service(id=3, name="Консультация юриста", unit_code="356")
BOOKS = Service(id=4, name="Печатные издания", unit_code="796", vat_rate="10%")


def entity(regime: str = "vat22") -> OwnEntity:
    return OwnEntity(
        id=1, short_name="ООО «Учёт»", full_name="ООО «Учёт»", inn="7707083893", vat_regime=regime
    )


def contract(
    *lines: tuple[Service, str] | tuple[Service, str, str],
    valid_from: dt.date = dt.date(2026, 1, 1),
    valid_to: dt.date | None = dt.date(2026, 12, 31),
    proration: str = "calendar_days",
    periodicity: str = "month",
    kind: str = "fixed",
    includes_vat: bool = False,
    regime: str = "vat22",
) -> Contract:
    c = Contract(
        id=10,
        number="15/2026",
        date=dt.date(2025, 12, 20),
        valid_from=valid_from,
        valid_to=valid_to,
        proration=proration,
        periodicity=periodicity,
        kind=kind,
        price_includes_vat=includes_vat,
        status="active",
        own_entity=entity(regime),
    )
    for position, spec in enumerate(lines, start=1):
        service, price = spec[0], spec[1]
        quantity = spec[2] if len(spec) == 3 else "1"
        c.lines.append(
            ContractLine(
                id=100 + position,
                position=position,
                service=service,
                service_id=service.id,
                price=D(price),
                quantity=D(quantity),
            )
        )
    return c


def agreement(
    c: Contract,
    number: str,
    effective: dt.date,
    *changes: AgreementChange,
    ends_on: dt.date | None = None,
) -> Agreement:
    a = Agreement(number=number, date=effective, effective_date=effective, ends_contract_on=ends_on)
    a.changes.extend(changes)
    c.agreements.append(a)
    return a


def change(line: ContractLine, price: str | None = None, quantity: str | None = None) -> AgreementChange:
    return AgreementChange(
        action="change",
        contract_line=line,
        contract_line_id=line.id,
        price=D(price) if price else None,
        quantity=D(quantity) if quantity else None,
    )


def add(service: Service, price: str, quantity: str = "1") -> AgreementChange:
    return AgreementChange(
        action="add", service=service, service_id=service.id, price=D(price), quantity=D(quantity)
    )


def remove(line: ContractLine) -> AgreementChange:
    return AgreementChange(action="remove", contract_line=line, contract_line_id=line.id)


def shown(lines: list[PeriodLine]) -> list[tuple[str, str, Decimal, Decimal]]:
    """What the act shows per line: name, period, quantity × price."""
    return [(ln.name, ln.period_label, ln.quantity, ln.price) for ln in lines]


# --- the docs/domain.md «Proration» example ---------------------------------------------------------------


def test_domain_example_mid_month_price_change_gives_two_prorated_lines() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))

    lines = terms_for(c, *MARCH)

    assert shown(lines) == [
        ("Бухгалтерское обслуживание", "01.03–11.03", D(1), D("10645.16")),
        ("Бухгалтерское обслуживание", "12.03–31.03", D(1), D("23225.81")),
    ]
    assert [ln.vat for ln in lines] == [D("2341.94"), D("5109.68")]
    assert totals(lines) == (D("33870.97"), D("7451.62"), D("41322.59"))
    assert [ln.share for ln in lines] == [(11, 31), (20, 31)]
    assert lines[0].note == "30 000,00 × 11/31 дн. = 10 645,16"
    assert lines[1].agreement is c.agreements[0] and lines[0].agreement is None
    assert all(ln.vat_rate == "22%" for ln in lines)


def test_terms_on_returns_the_version_in_force_each_day() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))

    assert [t.price for t in terms_on(c, dt.date(2026, 3, 11))] == [D("30000.00")]
    after = terms_on(c, dt.date(2026, 3, 12))
    assert [t.price for t in after] == [D("36000.00")]
    assert after[0].source == "доп. соглашение № 1 от 12.03.2026"
    assert after[0].name == "Бухгалтерское обслуживание" and after[0].unit_code == "362"
    assert terms_on(c, dt.date(2025, 12, 31)) == []  # before valid_from
    assert terms_on(c, dt.date(2027, 1, 1)) == []  # after valid_to


def test_agreement_effective_on_the_first_gives_one_full_line_at_the_new_price() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 3, 1), change(c.lines[0], price="36000.00"))

    lines = terms_for(c, *MARCH)

    assert shown(lines) == [("Бухгалтерское обслуживание", "01.03–31.03", D(1), D("36000.00"))]
    assert not lines[0].prorated and lines[0].note == ""
    # February is untouched by an agreement effective in March.
    feb = terms_for(c, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert [ln.net for ln in feb] == [D("30000.00")]


def test_retroactive_agreement_signed_later_still_applies_from_its_effective_date() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    a = agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))
    a.date = dt.date(2026, 3, 25)

    assert [ln.net for ln in terms_for(c, *MARCH)] == [D("10645.16"), D("23225.81")]


def test_two_agreements_in_one_month_give_three_parts_that_add_up_by_line() -> None:
    c = contract((ACCOUNTING, "31000.00"))
    line = c.lines[0]
    # Entered out of order on purpose: the effective date decides the order.
    agreement(c, "2", dt.date(2026, 3, 21), change(line, price="62000.00"))
    agreement(c, "1", dt.date(2026, 3, 11), change(line, price="46500.00"))

    lines = terms_for(c, *MARCH)

    assert [(ln.period_label, ln.net) for ln in lines] == [
        ("01.03–10.03", D("10000.00")),  # 31 000 × 10/31
        ("11.03–20.03", D("15000.00")),  # 46 500 × 10/31
        ("21.03–31.03", D("22000.00")),  # 62 000 × 11/31
    ]
    assert [t.price for t in terms_on(c, dt.date(2026, 3, 31))] == [D("62000.00")]


def test_unchanged_line_stays_whole_when_another_line_changes_mid_month() -> None:
    c = contract((ACCOUNTING, "30000.00"), (PAYROLL, "5000.00"))
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))

    lines = terms_for(c, *MARCH)

    assert [(ln.name, ln.period_label, ln.net) for ln in lines] == [
        ("Бухгалтерское обслуживание", "01.03–11.03", D("10645.16")),
        ("Бухгалтерское обслуживание", "12.03–31.03", D("23225.81")),
        ("Расчёт заработной платы", "01.03–31.03", D("5000.00")),
    ]


def test_same_price_restated_by_an_agreement_does_not_split_the_line() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="30000.00"))

    assert shown(terms_for(c, *MARCH)) == [("Бухгалтерское обслуживание", "01.03–31.03", D(1), D("30000.00"))]


def test_quantity_change_prorates_price_times_quantity() -> None:
    c = contract((PAYROLL, "1000.00", "10"))
    agreement(c, "1", dt.date(2026, 3, 17), change(c.lines[0], quantity="12"))

    lines = terms_for(c, *MARCH)

    # 1 000 × 10 × 16/31 = 5 161.290… → 5 161.29; 1 000 × 12 × 15/31 = 5 806.451… → 5 806.45
    assert [ln.net for ln in lines] == [D("5161.29"), D("5806.45")]
    assert lines[0].note == "1 000,00 × 10 × 16/31 дн. = 5 161,29"
    assert [ln.base_quantity for ln in lines] == [D(10), D(12)]


# --- lines added and removed ---------------------------------------------------------------------


def test_line_added_mid_month_is_prorated_from_its_effective_date() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 3, 16), add(PAYROLL, "6200.00"))

    lines = terms_for(c, *MARCH)

    assert [(ln.name, ln.period_label, ln.net) for ln in lines] == [
        ("Бухгалтерское обслуживание", "01.03–31.03", D("30000.00")),
        ("Расчёт заработной платы", "16.03–31.03", D("3200.00")),  # 6 200 × 16/31
    ]
    assert [t.service_id for t in terms_on(c, dt.date(2026, 4, 1))] == [1, 2]


def test_line_removed_mid_month_is_billed_up_to_the_day_before() -> None:
    c = contract((ACCOUNTING, "30000.00"), (PAYROLL, "6200.00"))
    agreement(c, "1", dt.date(2026, 3, 11), remove(c.lines[1]))

    lines = terms_for(c, *MARCH)

    assert [(ln.name, ln.period_label, ln.net) for ln in lines] == [
        ("Бухгалтерское обслуживание", "01.03–31.03", D("30000.00")),
        ("Расчёт заработной платы", "01.03–10.03", D("2000.00")),
    ]
    assert [t.service_id for t in terms_on(c, dt.date(2026, 4, 1))] == [1]
    assert [ln.name for ln in terms_for(c, dt.date(2026, 4, 1), dt.date(2026, 4, 30))] == [
        "Бухгалтерское обслуживание"
    ]


def test_line_added_by_one_agreement_can_be_repriced_by_a_later_one_by_service() -> None:
    c = contract((ACCOUNTING, "30000.00"))
    agreement(c, "1", dt.date(2026, 2, 1), add(PAYROLL, "5000.00"))
    agreement(
        c,
        "2",
        dt.date(2026, 3, 1),
        AgreementChange(action="change", service=PAYROLL, service_id=PAYROLL.id, price=D("5500.00")),
    )

    assert [(t.service_id, t.price) for t in terms_on(c, dt.date(2026, 3, 1))] == [
        (1, D("30000.00")),
        (2, D("5500.00")),
    ]


def test_changing_a_line_already_removed_names_the_agreement() -> None:
    c = contract((ACCOUNTING, "30000.00"), (PAYROLL, "5000.00"))
    agreement(c, "1", dt.date(2026, 2, 1), remove(c.lines[1]))
    agreement(c, "2", dt.date(2026, 3, 1), change(c.lines[1], price="6000.00"))

    with pytest.raises(ValidationError, match=r"соглашение № 2 от 01\.03\.2026.*уже исключена"):
        terms_on(c, dt.date(2026, 3, 5))


# --- contracts starting or ending mid-month ------------------------------------------------------


def test_contract_ended_mid_month_by_agreement_is_billed_to_its_last_day() -> None:
    c = contract((ACCOUNTING, "31000.00"), (PAYROLL, "6200.00"))
    agreement(c, "3", dt.date(2026, 3, 20), ends_on=dt.date(2026, 3, 20))

    lines = terms_for(c, *MARCH)

    assert [(ln.period_label, ln.net) for ln in lines] == [
        ("01.03–20.03", D("20000.00")),
        ("01.03–20.03", D("4000.00")),
    ]
    assert terms_on(c, dt.date(2026, 3, 20)) != []
    assert terms_on(c, dt.date(2026, 3, 21)) == []
    assert terms_for(c, dt.date(2026, 4, 1), dt.date(2026, 4, 30)) == []


def test_termination_signed_later_still_ends_the_contract_on_its_date() -> None:
    c = contract((ACCOUNTING, "31000.00"))
    a = agreement(c, "3", dt.date(2026, 4, 2), ends_on=dt.date(2026, 3, 10))
    a.date = dt.date(2026, 4, 2)

    assert [ln.net for ln in terms_for(c, *MARCH)] == [D("10000.00")]
    assert billing_due(c, "2026-04") == (False, "Договор закончился 10.03.2026.")


def test_contract_starting_mid_month_is_prorated_from_valid_from() -> None:
    c = contract((ACCOUNTING, "31000.00"), valid_from=dt.date(2026, 3, 12))

    lines = terms_for(c, *MARCH)

    assert shown(lines) == [("Бухгалтерское обслуживание", "12.03–31.03", D(1), D("20000.00"))]
    assert terms_for(c, dt.date(2026, 2, 1), dt.date(2026, 2, 28)) == []


def test_valid_to_mid_month_is_prorated_to_valid_to() -> None:
    c = contract((ACCOUNTING, "31000.00"), valid_to=dt.date(2026, 3, 15))

    assert [(ln.period_label, ln.net) for ln in terms_for(c, *MARCH)] == [("01.03–15.03", D("15000.00"))]


# --- other proration settings --------------------------------------------------------------------


def test_working_day_proration_counts_mondays_to_fridays() -> None:
    # March 2026 (1 March is a Sunday): 22 weekdays; 1–11 March holds 8 (Mon 2 … Fri 6, Mon 9 … Wed 11), 12–31 holds 14.
    assert working_days(*MARCH) == 22
    assert working_days(dt.date(2026, 3, 1), dt.date(2026, 3, 11)) == 8
    c = contract((ACCOUNTING, "30000.00"), proration="working_days")
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))

    lines = terms_for(c, *MARCH)

    # 30 000 × 8/22 = 10 909.0909… → 10 909.09; 36 000 × 14/22 = 22 909.0909… → 22 909.09
    assert [(ln.period_label, ln.net, ln.share) for ln in lines] == [
        ("01.03–11.03", D("10909.09"), (8, 22)),
        ("12.03–31.03", D("22909.09"), (14, 22)),
    ]
    assert lines[0].note == "30 000,00 × 8/22 раб. дн. = 10 909,09"


def test_working_day_proration_drops_a_part_that_falls_on_a_weekend_only() -> None:
    c = contract((ACCOUNTING, "30000.00"), valid_to=dt.date(2026, 3, 29), proration="working_days")
    agreement(c, "1", dt.date(2026, 3, 28), change(c.lines[0], price="36000.00"))  # Sat 28 – Sun 29

    lines = terms_for(c, *MARCH)

    # 1–27 March holds 20 of 22 weekdays; 30 000 × 20/22 = 27 272.73; the weekend part bills nothing.
    assert [(ln.period_label, ln.net) for ln in lines] == [("01.03–27.03", D("27272.73"))]


def test_working_days_agree_with_a_day_by_day_count() -> None:
    start = dt.date(2026, 1, 1)
    for length in range(0, 40):
        end = start + dt.timedelta(days=length)
        expected = sum(1 for i in range(length + 1) if (start + dt.timedelta(days=i)).weekday() < 5)
        assert working_days(start, end) == expected


def test_whole_month_rule_bills_a_month_started_before_the_15th_in_full() -> None:
    early = contract((ACCOUNTING, "30000.00"), valid_from=dt.date(2026, 3, 14), proration="whole_month_15")
    late = contract((ACCOUNTING, "30000.00"), valid_from=dt.date(2026, 3, 15), proration="whole_month_15")

    assert shown(terms_for(early, *MARCH)) == [
        ("Бухгалтерское обслуживание", "01.03–31.03", D("1"), D("30000.00"))
    ]
    assert terms_for(late, *MARCH) == []
    assert [ln.net for ln in terms_for(late, dt.date(2026, 4, 1), dt.date(2026, 4, 30))] == [D("30000.00")]


def test_whole_month_rule_applies_a_new_price_from_the_15th_next_month() -> None:
    c = contract((ACCOUNTING, "30000.00"), proration="whole_month_15")
    agreement(c, "1", dt.date(2026, 3, 15), change(c.lines[0], price="36000.00"))
    c2 = contract((ACCOUNTING, "30000.00"), proration="whole_month_15")
    agreement(c2, "1", dt.date(2026, 3, 14), change(c2.lines[0], price="36000.00"))

    assert [ln.net for ln in terms_for(c, *MARCH)] == [D("30000.00")]
    assert [ln.net for ln in terms_for(c, dt.date(2026, 4, 1), dt.date(2026, 4, 30))] == [D("36000.00")]
    assert [ln.net for ln in terms_for(c2, *MARCH)] == [D("36000.00")]


def test_whole_month_rule_needs_whole_months() -> None:
    c = contract((ACCOUNTING, "30000.00"), proration="whole_month_15")
    with pytest.raises(ValidationError, match="целым месяцам"):
        terms_for(c, dt.date(2026, 3, 1), dt.date(2026, 3, 15))


# --- quarterly and yearly contracts --------------------------------------------------------------


def test_quarterly_contract_bills_in_the_last_month_of_the_quarter() -> None:
    c = contract((ACCOUNTING, "90000.00"), periodicity="quarter")

    assert billing_due(c, "2026-01") == (False, "Квартальный договор: счёт выставляется в марте.")
    assert billing_due(c, "2026-02") == (False, "Квартальный договор: счёт выставляется в марте.")
    assert billing_due(c, "2026-03") == (True, "Квартальный договор: счёт за I квартал 2026 г.")
    assert billing_due(c, "2026-05") == (False, "Квартальный договор: счёт выставляется в июне.")
    assert billing_period(c, "2026-03") == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert [ln.net for ln in terms_for(c, *billing_period(c, "2026-03"))] == [D("90000.00")]


def test_quarterly_contract_started_mid_quarter_is_prorated_over_the_quarter() -> None:
    # Q1 2026 has 90 days; from 1 March: 31 days.
    c = contract((ACCOUNTING, "90000.00"), periodicity="quarter", valid_from=dt.date(2026, 3, 1))

    assert billing_due(c, "2026-01") == (False, "Квартальный договор: счёт выставляется в марте.")
    lines = terms_for(c, *billing_period(c, "2026-03"))
    assert [(ln.period_label, ln.net, ln.share) for ln in lines] == [("01.03–31.03", D("31000.00"), (31, 90))]


def test_quarterly_contract_ending_mid_quarter_bills_in_its_last_month() -> None:
    c = contract((ACCOUNTING, "91000.00"), periodicity="quarter", valid_to=dt.date(2026, 5, 15))

    assert billing_due(c, "2026-04") == (False, "Квартальный договор: счёт выставляется в мае.")
    assert billing_due(c, "2026-05")[0] is True
    assert billing_due(c, "2026-06") == (False, "Договор закончился 15.05.2026.")
    lines = terms_for(c, *billing_period(c, "2026-05"))  # Q2: 91 days, 1 April–15 May: 45
    assert [(ln.period_label, ln.net) for ln in lines] == [("01.04–15.05", D("45000.00"))]


def test_yearly_contract_bills_in_december() -> None:
    c = contract((ACCOUNTING, "120000.00"), periodicity="year")

    assert billing_due(c, "2026-06") == (False, "Годовой договор: счёт выставляется в декабре.")
    assert billing_due(c, "2026-12") == (True, "Годовой договор: счёт за 2026 год")
    assert billing_period(c, "2026-12") == (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def test_monthly_contract_reasons_before_start_and_when_not_active() -> None:
    c = contract((ACCOUNTING, "30000.00"), valid_from=dt.date(2026, 4, 10))
    assert billing_due(c, "2026-03") == (False, "Договор действует с 10.04.2026.")
    assert billing_due(c, "2026-04") == (True, "")
    c.status = "suspended"
    assert billing_due(c, "2026-04") == (False, "Действие договора приостановлено.")


# --- variable contracts --------------------------------------------------------------------------


def work_order(day: int, quantity: str, service: Service = HOUR, approved: bool = True) -> WorkOrder:
    return WorkOrder(
        contract_id=10,
        date=dt.date(2026, 3, day),
        service=service,
        service_id=service.id,
        quantity=D(quantity),
        approved=approved,
        request_number=f"З-{day}",
    )


def test_variable_contract_sums_work_orders_per_price_in_force() -> None:
    c = contract((HOUR, "2500.00"), kind="variable")
    agreement(c, "1", dt.date(2026, 3, 16), change(c.lines[0], price="3000.00"))
    orders = [
        work_order(3, "2"),
        work_order(10, "1.5"),
        work_order(16, "4"),
        work_order(20, "3", approved=False),  # not approved: not billed
        work_order(31, "0.5"),
    ]
    other = work_order(5, "7")
    other.contract_id = 99  # another contract's work order passed by mistake: ignored

    lines = variable_lines(c, *MARCH, [*orders, other])

    assert [(ln.period_label, ln.quantity, ln.price, ln.net, ln.work_orders) for ln in lines] == [
        ("01.03–15.03", D("3.5"), D("2500.00"), D("8750.00"), 2),
        ("16.03–31.03", D("4.5"), D("3000.00"), D("13500.00"), 2),
    ]
    assert [ln.vat for ln in lines] == [D("1925.00"), D("2970.00")]
    assert totals(lines) == (D("22250.00"), D("4895.00"), D("27145.00"))


def test_variable_contract_without_price_change_gives_one_line_per_service() -> None:
    c = contract((HOUR, "2500.00"), kind="variable")

    lines = variable_lines(c, *MARCH, [work_order(3, "2"), work_order(28, "1")])

    assert shown(lines) == [("Консультация юриста", "01.03–31.03", D("3"), D("2500.00"))]


def test_period_lines_pick_work_orders_for_variable_and_terms_for_fixed_contracts() -> None:
    variable = contract((HOUR, "2500.00"), kind="variable")
    fixed = contract((ACCOUNTING, "30000.00"))

    assert [ln.net for ln in period_lines(variable, *MARCH, [work_order(3, "2")])] == [D("5000.00")]
    assert period_lines(variable, *MARCH) == []
    assert [ln.net for ln in period_lines(fixed, *MARCH, [work_order(3, "2")])] == [D("30000.00")]


def test_work_order_for_a_service_not_in_the_contract_is_reported() -> None:
    c = contract((HOUR, "2500.00"), kind="variable")

    with pytest.raises(ValidationError, match=r"Заказ-наряд № З-4 от 04.03.2026.*«Печатные издания»"):
        variable_lines(c, *MARCH, [work_order(4, "1", service=BOOKS)])


# --- VAT on each rounded line --------------------------------------------------------------------


def test_vat_is_computed_on_each_rounded_line_not_on_the_total() -> None:
    c = contract((ACCOUNTING, "333.33"), (PAYROLL, "333.33"), (HOUR, "333.33"))

    lines = terms_for(c, *MARCH)

    assert [ln.vat for ln in lines] == [D("73.33")] * 3
    assert totals(lines) == (D("999.99"), D("219.99"), D("1219.98"))


def test_price_including_vat_extracts_vat_from_each_prorated_part() -> None:
    c = contract((ACCOUNTING, "30000.00"), includes_vat=True)
    agreement(c, "1", dt.date(2026, 3, 12), change(c.lines[0], price="36000.00"))

    lines = terms_for(c, *MARCH)

    # gross 10 645.16 → VAT ×22/122 = 1 919.619… → 1 919.62; gross 23 225.81 → 4 188.26
    assert [(ln.total, ln.vat, ln.net) for ln in lines] == [
        (D("10645.16"), D("1919.62"), D("8725.54")),
        (D("23225.81"), D("4188.26"), D("19037.55")),
    ]


def test_seller_without_vat_and_fixed_service_rates() -> None:
    c = contract((ACCOUNTING, "1000.00"), (BOOKS, "500.00"), regime="no_vat")
    assert [(ln.vat_rate, ln.vat) for ln in terms_for(c, *MARCH)] == [
        ("без НДС", D("0.00")),
        ("без НДС", D("0.00")),
    ]
    c = contract((ACCOUNTING, "1000.00"), (BOOKS, "500.00"))
    assert [(ln.vat_rate, ln.vat) for ln in terms_for(c, *MARCH)] == [
        ("22%", D("220.00")),
        ("10%", D("50.00")),
    ]


def test_service_rendered_in_2025_keeps_20_percent_and_splits_at_new_year() -> None:
    c = contract((ACCOUNTING, "120000.00"), periodicity="year", valid_from=dt.date(2025, 7, 1), valid_to=None)
    # A yearly period across the rate change: December 2025 at 20%, January 2026 at 22%.
    lines = terms_for(c, dt.date(2025, 12, 1), dt.date(2026, 1, 31))

    assert [(ln.period_label, ln.vat_rate) for ln in lines] == [
        ("01.12–31.12", "20%"),
        ("01.01–31.01", "22%"),
    ]
    assert sum(ln.net for ln in lines) == D("120000.00")


# --- loaded from a database ----------------------------------------------------------------------


def test_terms_of_a_contract_loaded_from_the_database() -> None:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add(Unit(code="362", name="Месяц", short_name="мес"))
        session.add(
            Counterparty(id=1, short_name="ООО «Ромашка»", full_name="ООО «Ромашка»", inn="7707083893")
        )
        session.add(Service(id=1, name="Бухгалтерское обслуживание", unit_code="362"))
        session.add(Service(id=2, name="Расчёт заработной платы", unit_code="362"))
        session.add(entity())
        c = Contract(
            own_entity_id=1,
            counterparty_id=1,
            number="7",
            date=dt.date(2026, 1, 1),
            valid_from=dt.date(2026, 1, 1),
        )
        c.lines.append(ContractLine(position=1, service_id=1, price=D("30000.00")))
        session.add(c)
        session.flush()
        a = Agreement(number="1", date=dt.date(2026, 3, 12), effective_date=dt.date(2026, 3, 12))
        a.changes.append(
            AgreementChange(action="change", contract_line_id=c.lines[0].id, price=D("36000.00"))
        )
        a.changes.append(AgreementChange(action="add", service_id=2, price=D("6200.00")))
        c.agreements.append(a)
        session.commit()
    with Session(engine) as session:
        loaded = session.scalars(
            select(Contract).options(selectinload(Contract.lines), selectinload(Contract.agreements))
        ).one()
        lines = terms_for(loaded, *MARCH)
        # Next year's contract is drafted at the prices agreed, not at the original ones.
        draft = input_from_previous(session, loaded.id, 2027)

    assert [(ln.name, ln.period_label, ln.net) for ln in lines] == [
        ("Бухгалтерское обслуживание", "01.03–11.03", D("10645.16")),
        ("Бухгалтерское обслуживание", "12.03–31.03", D("23225.81")),
        ("Расчёт заработной платы", "12.03–31.03", D("4000.00")),
    ]
    assert [(ln.service_id, ln.price) for ln in draft.lines] == [(1, D("36000.00")), (2, D("6200.00"))]
