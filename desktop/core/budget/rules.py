"""The approval routes of the own entities: the rules (who approves a request above which amount,
at which stage, for which budget item), checked before they are saved, and a preview of the route
a request would take.

A rule names its own entity, a budget item or none (every item), the amount a request must exceed,
the stage (1–3; rules of one stage are parallel) and the approver — any active user — with the
title shown on the route. How a request's route is made of them: ``requests.routes``. Only an
admin changes the routes (on PostgreSQL the database grants only ``aktdesk_admin`` the writes).
docs/domain.md, «Approval routes».
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from desktop.core.common.events import log_event
from desktop.core.common.money import MONEY, format_money, parse_decimal
from desktop.core.errors import ValidationError
from desktop.core.models import ApprovalRule, BudgetItem, OwnEntity, PaymentRequest, Role, User
from desktop.core.requests import routes
from desktop.core.requests.permissions import ROLE_TITLES, user_names, user_role

STAGES = (1, 2, 3)
TITLE_LIMIT = 100
FIELD_TITLES = {
    "own_entity_id": "Юрлицо",
    "budget_item_id": "Статья ДДС",
    "amount_above": "Сумма свыше",
    "stage": "Этап",
    "approver_login": "Согласующий",
    "title": "Должность на маршруте",
}


@dataclass
class RuleInput:
    own_entity_id: int | None = None
    budget_item_id: int | None = None  # None: every budget item
    amount_above: Decimal | str = Decimal(0)
    stage: int = 1
    approver_login: str = ""
    title: str = ""


class RuleFieldsError(ValidationError):
    """Every wrong field of a rule: ``errors`` maps the field to its message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(
            "; ".join(f"{FIELD_TITLES.get(k, k)}: {v}" for k, v in errors.items()), field=next(iter(errors))
        )
        self.errors = errors


def routes_refusal(session: Session, login: str) -> str | None:
    """Why ``login`` may not change the routes (None for an admin)."""
    role = user_role(session, login)
    if role == Role.ADMIN:
        return None
    title = ROLE_TITLES.get(Role(role), role) if role in set(Role) else "не задана"
    return f"Маршруты согласования меняет только администратор; ваша роль — {title}."


def list_rules(session: Session, own_entity_id: int) -> list[ApprovalRule]:
    """The rules of one own entity in the order of the route: by stage, then amount."""
    return list(
        session.scalars(
            select(ApprovalRule)
            .where(ApprovalRule.own_entity_id == own_entity_id)
            .order_by(ApprovalRule.stage, ApprovalRule.amount_above, ApprovalRule.id)
        )
    )


def parse_threshold(value: Decimal | str) -> tuple[Decimal | None, str | None]:
    """The amount a request must exceed («100 000» → 100000), or what is wrong with it."""
    if isinstance(value, str) and not value.strip():
        return Decimal(0), None  # empty: every amount
    try:
        amount = parse_decimal(value, MONEY)
    except ValueError as error:
        return None, str(error)
    if amount < 0:
        return None, "сумма не может быть отрицательной (0 — любая сумма)"
    return amount, None


def rule_errors(session: Session, values: RuleInput, rule_id: int | None) -> dict[str, str]:
    errors: dict[str, str] = {}
    entity = session.get(OwnEntity, values.own_entity_id) if values.own_entity_id else None
    if entity is None:
        errors["own_entity_id"] = "выберите юрлицо, чей маршрут это правило"
    if values.budget_item_id is not None:
        item = session.get(BudgetItem, values.budget_item_id)
        if item is None:
            errors["budget_item_id"] = "статьи нет в справочнике — выберите другую или «Любая»"
        elif not item.is_active and not _unchanged_item(session, rule_id, item.id):
            errors["budget_item_id"] = f"«{item.code} {item.name}» не действует — выберите другую"
    _amount, problem = parse_threshold(values.amount_above)
    if problem is not None:
        errors["amount_above"] = problem
    if values.stage not in STAGES:
        errors["stage"] = "этап 1, 2 или 3"
    login = values.approver_login.strip()
    approver = session.scalar(select(User).where(User.login == login)) if login else None
    if approver is None:
        errors["approver_login"] = "выберите пользователя из списка"
    elif not approver.is_active:
        errors["approver_login"] = f"{approver.full_name} отключён — выберите другого"
    elif entity is not None:
        twin = _same_approver(session, values, entity.id, login, rule_id)
        if twin is not None:
            item = twin.budget_item
            errors["approver_login"] = (
                f"{approver.full_name} уже на маршруте этого юрлица (этап {twin.stage}, "
                f"{'статья «' + item.code + ' ' + item.name + '»' if item else 'любая статья'}) — "
                "второй раз по одной заявке его не спросят"
            )
    title = " ".join(values.title.split())
    if not title:
        errors["title"] = "укажите, кто он на маршруте, например «Руководитель отдела»"
    elif len(title) > TITLE_LIMIT:
        errors["title"] = f"не длиннее {TITLE_LIMIT} символов"
    return errors


def _unchanged_item(session: Session, rule_id: int | None, item_id: int) -> bool:
    """A stored rule keeps its item after the item was closed (it still routes old requests)."""
    rule = session.get(ApprovalRule, rule_id) if rule_id is not None else None
    return rule is not None and rule.budget_item_id == item_id


def _same_approver(
    session: Session, values: RuleInput, entity_id: int, login: str, rule_id: int | None
) -> ApprovalRule | None:
    """Another rule of the entity with the same approver for an overlapping budget item (every item
    overlaps every one): a request matching both would ask the approver once only."""
    items: list[ColumnElement[bool]] = [ApprovalRule.budget_item_id.is_(None)]
    if values.budget_item_id is not None:
        items.append(ApprovalRule.budget_item_id == values.budget_item_id)
    else:
        items.append(ApprovalRule.budget_item_id.is_not(None))
    return session.scalars(
        select(ApprovalRule).where(
            ApprovalRule.own_entity_id == entity_id,
            ApprovalRule.approver_login == login,
            ApprovalRule.id != (rule_id or 0),
            or_(*items),
        )
    ).first()


def save_rule(session: Session, values: RuleInput, rule_id: int | None = None, *, login: str) -> ApprovalRule:
    """Create or change a rule (an admin); every wrong field reported at once, nothing saved then."""
    refusal = routes_refusal(session, login)
    if refusal is not None:
        raise ValidationError(refusal, field="approver_login")
    errors = rule_errors(session, values, rule_id)
    if errors:
        raise RuleFieldsError(errors)
    rule = session.get(ApprovalRule, rule_id) if rule_id is not None else None
    if rule_id is not None and rule is None:
        raise ValidationError("Правило маршрута не найдено: его удалили.", field="approver_login")
    if rule is None:
        rule = ApprovalRule(own_entity_id=values.own_entity_id, approver_login="")
        session.add(rule)
    amount, _problem = parse_threshold(values.amount_above)
    assert amount is not None  # checked above
    before = _fields(rule)
    rule.own_entity_id = values.own_entity_id  # type: ignore[assignment]  # checked above
    rule.budget_item_id = values.budget_item_id
    rule.amount_above = amount
    rule.stage = values.stage
    rule.approver_login = values.approver_login.strip()
    rule.title = " ".join(values.title.split())
    session.flush()
    after = _fields(rule)
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    log_event(
        session, "approval_rule", rule.id, "create" if rule_id is None else "update", changes, user=login
    )
    return rule


def _fields(rule: ApprovalRule) -> dict[str, object]:
    return {
        "budget_item_id": rule.budget_item_id,
        "amount_above": str(rule.amount_above) if rule.amount_above is not None else None,
        "stage": rule.stage,
        "approver_login": rule.approver_login,
        "title": rule.title,
    }


def delete_rule(session: Session, rule_id: int, *, login: str) -> None:
    refusal = routes_refusal(session, login)
    if refusal is not None:
        raise ValidationError(refusal, field="approver_login")
    rule = session.get(ApprovalRule, rule_id)
    if rule is None:
        return  # deleted already
    log_event(session, "approval_rule", rule.id, "delete", _fields(rule), user=login)
    session.delete(rule)
    session.flush()


def planned_route(
    session: Session, own_entity_id: int, budget_item_id: int | None, amount: Decimal, initiator: str = ""
) -> list[routes.PlannedStep]:
    """The steps a request of this payer, item and amount would take if submitted now."""
    request = PaymentRequest(
        own_entity_id=own_entity_id, budget_item_id=budget_item_id, amount=amount, initiator=initiator
    )
    return routes.plan_route(session, request)


def route_preview(
    session: Session,
    own_entity_id: int | None,
    budget_item_id: int | None,
    amount: Decimal | str,
    initiator: str = "",
) -> str:
    """«Заявка на 150 000,00 ₽ пройдёт: 1) Руководитель отдела (Петров И. С.); 2) Финансовый
    директор (Волков С. Н.)» — or what is missing to say it. ``initiator``: whose request (their
    own step is left out)."""
    if own_entity_id is None:
        return "Выберите юрлицо, чтобы увидеть маршрут."
    if isinstance(amount, str) and not amount.strip():
        return "Введите сумму заявки, чтобы увидеть её маршрут."
    value, problem = parse_threshold(amount)
    if value is None or problem is not None:
        return f"Сумма заявки: {problem}"
    if value <= 0:
        return "Сумма заявки должна быть больше нуля."
    names = user_names(session)
    stages: dict[int, list[str]] = {}
    for step in planned_route(session, own_entity_id, budget_item_id, value, initiator):
        if step.approver_login is None:
            stages.setdefault(step.stage, []).append("любой согласующий")
        else:
            name = names.get(step.approver_login, step.approver_login)
            stages.setdefault(step.stage, []).append(f"{step.title} ({name})")
    route = "; ".join(f"{stage}) {' и '.join(people)}" for stage, people in sorted(stages.items()))
    return f"Заявка на {format_money(value, rub=True, group=' ')} пройдёт: {route}"
