"""Realistic, deterministic demo data: own entities, clients, contracts, agreements, work orders.

The same seed and the same ``today`` give the same data. Every INN, KPP, OGRN(IP), BIK and
account passes the checks of ``identifiers``. Rows go in with bulk INSERTs (5000 clients take
seconds); nothing is committed here: the caller owns the transaction, so a cancelled fill
leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desktop.core.common import identifiers as ids
from desktop.core.common.catalog import seed_units
from desktop.core.common.events import current_login
from desktop.core.common.periods import month_end, month_start, period_of, period_title
from desktop.core.common.resources import resource_path
from desktop.core.contracts.editing import templates_for
from desktop.core.doc_requests import workflow as request_workflow
from desktop.core.doc_requests.validation import RequestInput as DocRequestInput
from desktop.core.doc_requests.validation import RequestLine as DocRequestLine
from desktop.core.errors import ValidationError
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import (
    Agreement,
    AgreementChange,
    ApprovalRule,
    BankAccount,
    BudgetItem,
    Contract,
    ContractLine,
    ContractStatus,
    CostCentre,
    Counterparty,
    EntityVatRegime,
    NumberSequence,
    OwnEntity,
    Service,
    User,
    WorkOrder,
)
from desktop.core.requests.permissions import Action
from desktop.core.requests.validation import RequestInput, requisites_of
from desktop.core.requests.workflow import create_request, transition

BATCH = 2000

BANKS: tuple[tuple[str, str], ...] = (
    ("ПАО Сбербанк", "044525225"),
    ("Банк ВТБ (ПАО)", "044525187"),
    ("АО «Альфа-Банк»", "044525593"),
    ("АО «Райффайзенбанк»", "044525700"),
    ("Банк ГПБ (АО)", "044525823"),
    ("Северо-Западный банк ПАО Сбербанк", "044030653"),
    ("Отделение «Банк Татарстан» № 8610 ПАО Сбербанк", "049205603"),
)

CITIES = (
    ("77", "г. Москва", "Москва"),
    ("78", "г. Санкт-Петербург", "Санкт-Петербург"),
    ("16", "Республика Татарстан, г. Казань", "Казань"),
    ("50", "Московская обл., г. Химки", "Москва"),
    ("47", "Ленинградская обл., г. Всеволожск", "Санкт-Петербург"),
)
STREETS = (
    "ул. Ленина",
    "ул. Гагарина",
    "пр-т Мира",
    "ул. Садовая",
    "ул. Профсоюзная",
    "Невский пр-т",
    "ул. Баумана",
    "ул. Пушкина",
    "ш. Энтузиастов",
    "ул. Заводская",
    "наб. Фонтанки",
    "ул. Советская",
)
ROOTS = (
    "Ромашка",
    "Вектор",
    "Альфа",
    "Гранит",
    "Северный ветер",
    "Техно",
    "Стройком",
    "Меридиан",
    "Орион",
    "Сфера",
    "Восход",
    "Аврора",
    "Логистик",
    "Профиль",
    "Горизонт",
    "Эталон",
    "Кедр",
    "Волна",
    "Прогресс",
    "Спектр",
    "Атлант",
    "Фаворит",
    "Импульс",
    "Контур",
    "Магистраль",
    "Пульс",
    "Ресурс",
    "Сигма",
    "Тандем",
    "Уют",
    "Флагман",
    "Цитадель",
    "Янтарь",
    "Байкал",
    "Вега",
    "Динамика",
    "Зенит",
    "Исток",
    "Квадрат",
    "Лидер",
)
TAILS = (
    "",
    " Плюс",
    " Групп",
    " Сервис",
    " Трейд",
    "-М",
    " Строй",
    " Инвест",
    " Проект",
    " Снаб",
    " Торг",
    " Центр",
    " Холдинг",
    " Капитал",
    " Логистика",
    " Медиа",
    " Софт",
    " Пром",
    " Девелопмент",
    " Агро",
)
CITY_TAGS = ("", " СПб", " Казань", " Юг", " Север", " 2000", " XXI", " Нева", " Волга", " Урал")
LAST = (
    "Иванов",
    "Петров",
    "Смирнов",
    "Кузнецов",
    "Соколов",
    "Попов",
    "Лебедев",
    "Козлов",
    "Новиков",
    "Морозов",
    "Волков",
    "Алексеев",
    "Егоров",
    "Павлов",
    "Степанов",
    "Николаев",
    "Орлов",
    "Андреев",
    "Макаров",
    "Захаров",
)
FIRST = ("Иван", "Пётр", "Алексей", "Сергей", "Андрей", "Дмитрий", "Михаил", "Николай", "Олег", "Виктор")
MIDDLE = (
    "Иванович",
    "Петрович",
    "Алексеевич",
    "Сергеевич",
    "Андреевич",
    "Дмитриевич",
    "Михайлович",
    "Олегович",
)
TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "y",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "h",
            "ts",
            "ch",
            "sh",
            "sch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
        ],
        strict=True,
    )
)

# name, OKEI unit code, kind: "fee" (fixed monthly) or "unit" (priced per unit, from work orders)
SERVICES: tuple[tuple[str, str, str, int, int], ...] = (
    ("Абонентское обслуживание компьютерной техники", "362", "fee", 15000, 90000),
    ("Бухгалтерское сопровождение", "362", "fee", 20000, 120000),
    ("Техническое обслуживание инженерных систем", "362", "fee", 25000, 150000),
    ("Охрана объекта", "362", "fee", 40000, 200000),
    ("Аренда серверного оборудования", "362", "fee", 8000, 60000),
    ("Сопровождение сайта", "362", "fee", 10000, 45000),
    ("Юридическое обслуживание", "362", "fee", 15000, 80000),
    ("Обслуживание лифтового оборудования", "364", "fee", 30000, 90000),
    ("Работы специалиста по заявке", "356", "unit", 1500, 4500),
    ("Выезд инженера", "796", "unit", 2000, 6000),
    ("Уборка помещений", "055", "unit", 30, 120),
    ("Вывоз мусора (контейнер)", "796", "unit", 3500, 9000),
    ("Курьерская доставка", "796", "unit", 400, 1500),
    ("Консультация юриста", "356", "unit", 3000, 9000),
    ("Дезинфекция помещений", "055", "unit", 15, 60),
)
PERFORMERS = (
    "Андреев А.А.",
    "Борисов Б.В.",
    "Васильев В.С.",
    "Григорьев Г.П.",
    "Дмитриева Д.О.",
    "Егорова Е.И.",
)


@dataclass
class DemoSummary:
    users: int = 0
    own_entities: int = 0
    counterparties: int = 0
    services: int = 0
    contracts: int = 0
    agreements: int = 0
    work_orders: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"юрлиц {self.own_entities}, клиентов {self.counterparties}, договоров {self.contracts}, "
            f"доп. соглашений {self.agreements}, заказ-нарядов {self.work_orders}"
        )


def _bulk(session: Session, model: Any, rows: Sequence[dict[str, Any]]) -> list[int]:
    """INSERT many rows at once and return their ids in the order given."""
    out: list[int] = []
    for start in range(0, len(rows), BATCH):
        chunk = rows[start : start + BATCH]
        result = session.execute(insert(model).returning(model.id, sort_by_parameter_order=True), chunk)
        out.extend(result.scalars())
    return out


def _translit(text: str) -> str:
    out = "".join(TRANSLIT.get(ch, ch) for ch in text.lower())
    return "".join(ch for ch in out if ch.isalnum()) or "client"


class _Generator:
    def __init__(
        self, session: Session, seed: int, today: dt.date, progress: Progress, cancel: CancelToken | None
    ):
        self.session = session
        self.rng = random.Random(seed)
        self.today = today
        self.progress = progress
        self.cancel = cancel
        self.summary = DemoSummary()
        self.used_inns: set[str] = set()

    def check(self, done: int, total: int, text: str) -> None:
        if self.cancel is not None:
            self.cancel.raise_if_cancelled()
        self.progress(done, total, text)

    def unique_inn(self, maker: Any, region: str) -> str:
        while True:
            value = str(maker(self.rng, region))
            if value not in self.used_inns:
                self.used_inns.add(value)
                return value

    def address(self, city: str) -> str:
        index = f"{self.rng.randint(101000, 429999)}"
        return f"{index}, {city}, {self.rng.choice(STREETS)}, д. {self.rng.randint(1, 120)}, оф. {self.rng.randint(1, 450)}"

    def person_name(self) -> tuple[str, str]:
        last, first, middle = self.rng.choice(LAST), self.rng.choice(FIRST), self.rng.choice(MIDDLE)
        return f"{last} {first} {middle}", f"{last} {first[0]}.{middle[0]}."

    # --- directories -------------------------------------------------------------------
    def budget(self) -> tuple[dict[str, int], dict[str, int]]:
        """The budget items and cost centres, and the approval route of the first own entity:
        the head of department for every amount, the financial director above 100 000 ₽, the
        director above 1 000 000 ₽ (docs/domain.md, «Approval routes»)."""
        items = dict(
            zip(
                (code for code, _name in BUDGET_ITEMS),
                _bulk(
                    self.session, BudgetItem, [dict(code=c, name=n, is_active=True) for c, n in BUDGET_ITEMS]
                ),
                strict=True,
            )
        )
        centres = dict(
            zip(
                (code for code, _name in COST_CENTRES),
                _bulk(
                    self.session, CostCentre, [dict(code=c, name=n, is_active=True) for c, n in COST_CENTRES]
                ),
                strict=True,
            )
        )
        entity = self.session.scalars(select(OwnEntity.id).order_by(OwnEntity.id)).first()
        if entity is not None:
            _bulk(
                self.session,
                ApprovalRule,
                [
                    dict(
                        own_entity_id=entity,
                        budget_item_id=None,
                        amount_above=Decimal(above),
                        stage=stage,
                        approver_login=login,
                        title=title,
                    )
                    for stage, above, login, title in ROUTE
                ],
            )
        return items, centres

    def payment_requests(self, items: dict[str, int], centres: dict[str, int]) -> None:
        """A few outgoing payment requests in every state of the approval workflow, one of them on
        the second step of its route."""
        entity = self.session.scalars(select(OwnEntity).order_by(OwnEntity.id)).first()
        suppliers = list(
            self.session.scalars(
                select(Counterparty)
                .where(Counterparty.kind == "legal", Counterparty.account.is_not(None))
                .order_by(Counterparty.id)
                .limit(len(REQUEST_SUBJECTS))
            )
        )
        if entity is None or not suppliers:
            return
        this_month = period_title(period_of(self.today))
        comments = {"return": "Приложите счёт поставщика", "reject": "Не согласовано бюджетом отдела"}
        # The demo's owner takes each person's step as that person would (on PostgreSQL the demo
        # is filled by the schema owner, whom the database lets through): the program's own rules.
        enforced = self.session.info.get("enforced")
        self.session.info["enforced"] = False
        try:
            for index, ((subject, amount, rate, item, centre), steps) in enumerate(
                zip(REQUEST_SUBJECTS, REQUEST_STEPS, strict=True)
            ):
                supplier = suppliers[index % len(suppliers)]
                initiator = steps[0][1] if steps else "m.smirnov"
                requisites: dict[str, Any] = dict(requisites_of(supplier).as_dict())
                values = RequestInput(
                    own_entity_id=entity.id,
                    subject=subject.format(month=this_month),
                    counterparty_id=supplier.id,
                    amount=amount,
                    vat_rate=rate,
                    pay_by=self.today + dt.timedelta(days=2 + (3 * index) % 10),
                    budget_item_id=items[item],
                    cost_centre_id=centres[centre],
                    **requisites,
                )
                request = create_request(self.session, values, login=initiator, today=self.today)
                for action, login in steps:
                    transition(
                        self.session,
                        request.id,
                        Action(action),
                        login=login,
                        comment=comments.get(action, ""),
                    )
        finally:
            self.session.info["enforced"] = enforced

    def doc_requests(self) -> None:
        """Document requests of the demo's managers: a draft, one sent to the queue, one in work."""
        contracts = list(
            self.session.scalars(
                select(Contract)
                .where(Contract.status == ContractStatus.ACTIVE)
                .order_by(Contract.id)
                .limit(3)
            )
        )
        forms = templates_for(contracts[0].own_entity, contracts[0].counterparty) if contracts else []
        if len(contracts) < 3 or not forms:
            return
        enforced = self.session.info.get("enforced")
        self.session.info["enforced"] = False  # as in payment_requests: each person's step, by the owner
        try:
            draft = contracts[0]
            request_workflow.save_draft(
                self.session,
                DocRequestInput(
                    own_entity_id=draft.own_entity_id,
                    counterparty_id=draft.counterparty_id,
                    wanted=("contract", "invoice"),
                    template=forms[0].code,
                    contract_date=self.today,
                    valid_from=self.today.replace(day=1),
                    lines=[
                        DocRequestLine(line.service_id, line.quantity, line.price) for line in draft.lines
                    ],
                    comment="Новый договор на следующий год: уточнить дату счёта у клиента",
                ),
                login="m.smirnov",
                today=self.today,
            )
            for contract, wanted, comment, taken in (
                (
                    contracts[1],
                    ("act", "copies"),
                    "Клиент просит копию подписанного акта для аудитора",
                    False,
                ),
                (contracts[2], ("upd",), "Нужен УПД за прошлый месяц вместо акта", True),
            ):
                request = request_workflow.save_draft(
                    self.session,
                    DocRequestInput(
                        own_entity_id=contract.own_entity_id,
                        counterparty_id=contract.counterparty_id,
                        wanted=wanted,
                        contract_id=contract.id,
                        comment=comment,
                    ),
                    login="m.kozlova",
                    today=self.today,
                )
                request_workflow.send(self.session, request.id, login="m.kozlova", today=self.today)
                if taken:
                    request_workflow.take(self.session, request.id, login="buh.ivanova")
        finally:
            self.session.info["enforced"] = enforced

    def users(self) -> dict[str, list[int]]:
        login = current_login()
        people: list[dict[str, Any]] = [
            dict(login=login, full_name="Администратор AktDesk", role="admin", email=None, region=None),
            dict(
                login="buh.ivanova",
                full_name="Иванова Мария Петровна",
                role="accountant",
                email="ivanova@aktservis.ru",
                region="Москва",
            ),
            dict(
                login="buh.petrova",
                full_name="Петрова Ольга Сергеевна",
                role="accountant",
                email="petrova@aktservis.ru",
                region="Санкт-Петербург",
            ),
            dict(
                login="m.smirnov",
                full_name="Смирнов Алексей Игоревич",
                role="manager",
                email="smirnov@aktservis.ru",
                region="Москва",
            ),
            dict(
                login="m.kozlova",
                full_name="Козлова Анна Дмитриевна",
                role="manager",
                email="kozlova@aktservis.ru",
                region="Москва",
            ),
            dict(
                login="m.orlov",
                full_name="Орлов Денис Викторович",
                role="manager",
                email="orlov@aktservis.ru",
                region="Санкт-Петербург",
            ),
            dict(
                login="m.garipova",
                full_name="Гарипова Алсу Ринатовна",
                role="manager",
                email="garipova@aktservis.ru",
                region="Казань",
            ),
            dict(
                login="fin.director",
                full_name="Волков Сергей Николаевич",
                role="approver",
                email="volkov@aktservis.ru",
                region=None,
            ),
            dict(
                login="ruk.sidorov",
                full_name="Сидоров Павел Андреевич",
                role="approver",
                email="sidorov@aktservis.ru",
                region="Москва",
            ),
            dict(
                login="dir.sokolov",
                full_name="Соколов Андрей Викторович",
                role="approver",
                email="sokolov@aktservis.ru",
                region=None,
            ),
        ]
        if login in {p["login"] for p in people[1:]}:
            people = people[1:]
        user_ids = _bulk(self.session, User, [{**p, "is_active": True} for p in people])
        self.summary.users = len(user_ids)
        managers: dict[str, list[int]] = {}
        for person, user_id in zip(people, user_ids, strict=True):
            if person["role"] == "manager":
                managers.setdefault(str(person["region"]), []).append(user_id)
        return managers

    def own_entities(self) -> list[dict[str, Any]]:
        specs = (
            (
                "ООО «АктСервис»",
                "Общество с ограниченной ответственностью «АктСервис»",
                "77",
                "г. Москва",
                "Москва",
                "vat22",
                "АС",
                ("044525225", "044525187"),
                "Соколов Андрей Викторович",
                "Соколов А.В.",
            ),
            (
                "ООО «Северный сервис»",
                "Общество с ограниченной ответственностью «Северный сервис»",
                "78",
                "г. Санкт-Петербург",
                "Санкт-Петербург",
                "no_vat",
                "СС",
                ("044030653",),
                "Орлова Наталья Игоревна",
                "Орлова Н.И.",
            ),
            (
                "ООО «Волга Сервис»",
                "Общество с ограниченной ответственностью «Волга Сервис»",
                "16",
                "Республика Татарстан, г. Казань",
                "Казань",
                "usn5",
                "ВС",
                ("049205603",),
                "Хабибуллин Рустам Ильдарович",
                "Хабибуллин Р.И.",
            ),
        )
        entities = []
        banks = dict((bik, name) for name, bik in BANKS)
        for short, full, region_code, city, region, regime, prefix, biks, director, _short_director in specs:
            inn = self.unique_inn(ids.make_inn10, region_code)
            row = dict(
                short_name=short,
                full_name=full,
                inn=inn,
                kpp=ids.make_kpp(inn, self.rng),
                ogrn=ids.make_ogrn(self.rng, region_code),
                legal_address=self.address(city),
                postal_address="",
                region=region,
                vat_regime=regime,
                doc_prefix=prefix,
                contract_number_pattern="{prefix}-{year}/{seq}",
                director_name=director,
                director_position="Генеральный директор",
                director_basis="Устава",
                accountant_name=self.person_name()[0],
                email=f"buh@{_translit(short)}.ru",
                phone=f"+7 ({self.rng.randint(495, 499)}) {self.rng.randint(100, 999)}-{self.rng.randint(10, 99)}-{self.rng.randint(10, 99)}",
                is_active=True,
                # Sample images marked «ОБРАЗЕЦ»: a real entity loads its own in its card.
                stamp_image=str(resource_path("resources", "samples", "stamp.png")),
                facsimile_image=str(resource_path("resources", "samples", "facsimile.png")),
            )
            entities.append((row, biks, banks))
        entity_ids = _bulk(self.session, OwnEntity, [e[0] for e in entities])
        accounts = []
        for (row, biks, banks_by_bik), entity_id in zip(entities, entity_ids, strict=True):
            row["id"] = entity_id
            for index, bik in enumerate(biks):
                accounts.append(
                    dict(
                        own_entity_id=entity_id,
                        bank_name=banks_by_bik[bik],
                        bik=bik,
                        corr_account=ids.make_corr_account(bik),
                        account=ids.make_account(bik, "40702", self.rng),
                        is_primary=index == 0,
                    )
                )
        _bulk(self.session, BankAccount, accounts)
        _bulk(
            self.session,
            EntityVatRegime,
            [
                dict(own_entity_id=row["id"], effective_from=dt.date(2025, 1, 1), regime=row["vat_regime"])
                for row, _biks, _banks in entities
            ],
        )
        self.summary.own_entities = len(entity_ids)
        return [e[0] for e in entities]

    def services(self) -> list[tuple[int, str, str, int, int]]:
        seed_units(self.session)
        self.session.flush()
        rows = [dict(name=name, unit_code=unit, vat_rate=None, is_active=True) for name, unit, *_ in SERVICES]
        service_ids = _bulk(self.session, Service, rows)
        self.summary.services = len(service_ids)
        return [
            (sid, spec[2], spec[1], spec[3], spec[4]) for sid, spec in zip(service_ids, SERVICES, strict=True)
        ]

    def counterparties(self, count: int, managers: dict[str, list[int]]) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        names: set[str] = set()
        for index in range(count):
            if index % 500 == 0:
                self.check(index, count * 2, "Клиенты")
            region_code, city, region = self.rng.choice(CITIES)
            roll = self.rng.random()
            kind = "legal" if roll < 0.83 else ("entrepreneur" if roll < 0.95 else "person")
            bank_name, bik = self.rng.choice(BANKS)
            if kind == "legal":
                while True:
                    brand = self.rng.choice(ROOTS) + self.rng.choice(TAILS) + self.rng.choice(CITY_TAGS)
                    form = self.rng.choices(("ООО", "АО", "ПАО"), (85, 12, 3))[0]
                    short = f"{form} «{brand}»"
                    if short not in names or len(names) > len(ROOTS) * len(TAILS) * len(CITY_TAGS) * 0.8:
                        break
                full_form = {
                    "ООО": "Общество с ограниченной ответственностью",
                    "АО": "Акционерное общество",
                    "ПАО": "Публичное акционерное общество",
                }[form]
                inn = self.unique_inn(ids.make_inn10, region_code)
                kpp: str | None = ids.make_kpp(inn, self.rng)
                ogrn = ids.make_ogrn(self.rng, region_code)
                full = f"{full_form} «{brand}»"
                director, _ = self.person_name()
                account = ids.make_account(bik, "40702", self.rng)
                mail_name = _translit(brand)
            else:
                director, _initials = self.person_name()
                inn = self.unique_inn(ids.make_inn12, region_code)
                kpp = None
                if kind == "entrepreneur":
                    short = f"ИП {director}"
                    full = f"Индивидуальный предприниматель {director}"
                    ogrn = ids.make_ogrnip(self.rng, region_code)
                    account = ids.make_account(bik, "40802", self.rng)
                else:
                    short = director
                    full = director
                    ogrn = None
                    account = ids.make_account(bik, "40817", self.rng)
                mail_name = _translit(director.split()[0]) + str(self.rng.randint(1, 99))
            names.add(short)
            no_mail = self.rng.random() < 0.05
            emails = (
                ""
                if no_mail
                else f"buh@{mail_name}.ru"
                + (f"; {_translit(director.split()[0])}@{mail_name}.ru" if self.rng.random() < 0.3 else "")
            )
            region_managers = managers.get(region) or [m for ms in managers.values() for m in ms]
            rows.append(
                dict(
                    kind=kind,
                    short_name=short,
                    full_name=full,
                    inn=inn,
                    kpp=kpp,
                    ogrn=ogrn,
                    legal_address=self.address(city),
                    postal_address="",
                    bank_name=bank_name,
                    bik=bik,
                    account=account,
                    corr_account=ids.make_corr_account(bik),
                    director_name=director,
                    director_position="Генеральный директор" if kind == "legal" else None,
                    director_basis="Устава" if kind == "legal" else None,
                    emails=emails,
                    phone=f"+7 9{self.rng.randint(10, 99)} {self.rng.randint(100, 999)}-{self.rng.randint(10, 99)}-{self.rng.randint(10, 99)}",
                    region=region,
                    edo_id=None,
                    manager_id=self.rng.choice(region_managers),
                    is_active=True,
                )
            )
        for row, cid in zip(rows, _bulk(self.session, Counterparty, rows), strict=True):
            row["id"] = cid
        self.summary.counterparties = len(rows)
        return rows

    # --- contracts -------------------------------------------------------------------------
    def contracts(
        self,
        parties: list[dict[str, Any]],
        entities: list[dict[str, Any]],
        services: list[tuple[int, str, str, int, int]],
    ) -> None:
        rng = self.rng
        today = self.today
        by_region = {e["region"]: e for e in entities}
        fees = [s for s in services if s[1] == "fee"]
        units = [s for s in services if s[1] == "unit"]
        seqs: dict[tuple[int, int], int] = {}
        contract_rows: list[dict[str, Any]] = []
        plans: list[tuple[str, list[tuple[int, Decimal, Decimal]]]] = []
        for index, party in enumerate(parties):
            if index % 500 == 0:
                self.check(len(parties) + index, len(parties) * 2, "Договоры")
            entity = by_region.get(party["region"]) or entities[0]
            if party["kind"] == "person" and entity["vat_regime"] == "vat22" and rng.random() < 0.5:
                entity = entities[1]
            count = 2 if rng.random() < 0.08 else 1
            for _ in range(count):
                start = today - dt.timedelta(days=rng.randint(60, 900))
                start = start.replace(day=1) if rng.random() < 0.7 else start
                roll = rng.random()
                status = "active"
                valid_to: dt.date | None = dt.date(today.year, 12, 31)
                if roll < 0.25:
                    valid_to = None
                elif roll < 0.32:
                    valid_to = today + dt.timedelta(days=rng.randint(1, 45))  # expiring soon
                elif roll < 0.36:
                    valid_to = today - dt.timedelta(days=rng.randint(10, 120))
                    status = "closed"
                elif roll < 0.38:
                    status = "draft"
                elif roll < 0.40:
                    status = "suspended"
                kind = "variable" if rng.random() < 0.35 else "fixed"
                periodicity = "quarter" if kind == "fixed" and rng.random() < 0.12 else "month"
                pay_roll = rng.random()
                payment = "postpay" if pay_roll < 0.7 else ("prepay100" if pay_roll < 0.9 else "prepay70")
                year = start.year
                key = (entity["id"], year)
                seqs[key] = seqs.get(key, 0) + 1
                number = entity["contract_number_pattern"].format(
                    prefix=entity["doc_prefix"], year=year, seq=seqs[key]
                )
                contract_rows.append(
                    dict(
                        own_entity_id=entity["id"],
                        counterparty_id=party["id"],
                        number=number,
                        date=start,
                        subject="Оказание услуг",
                        template="person" if party["kind"] == "person" else "services",
                        valid_from=start,
                        valid_to=valid_to,
                        kind=kind,
                        periodicity=periodicity,
                        payment_terms=payment,
                        postpay_days=rng.choice((5, 10, 10, 15, 30)),
                        postpay_banking_days=rng.random() < 0.2,
                        documents=rng.choices(("act_invoice", "upd", "act_invoice_upd"), (50, 20, 30))[0],
                        detail_appendix=kind == "variable" and rng.random() < 0.6,
                        price_includes_vat=rng.random() < 0.3,
                        proration="calendar_days",
                        facsimile_allowed=rng.random() < 0.4,
                        acceptance_days=rng.choice((5, 5, 10)),
                        status=status,
                        manager_id=party["manager_id"],
                        previous_id=None,
                    )
                )
                pool = fees if kind == "fixed" else units
                picked = rng.sample(pool, rng.randint(1, min(3 if kind == "fixed" else 2, len(pool))))
                lines = []
                for service_id, _kind, _unit, low, high in picked:
                    if kind == "fixed":
                        price = Decimal(rng.randrange(low, high, 500))
                    else:
                        step = 50 if high > 500 else 5
                        price = Decimal(rng.randrange(low, high, step))
                    lines.append((service_id, price, Decimal(1)))
                plans.append((kind, lines))
        contract_ids = _bulk(self.session, Contract, contract_rows)
        line_rows = []
        for contract_id, (_kind, lines) in zip(contract_ids, plans, strict=True):
            for position, (service_id, price, quantity) in enumerate(lines, start=1):
                line_rows.append(
                    dict(
                        contract_id=contract_id,
                        position=position,
                        service_id=service_id,
                        description=None,
                        quantity=quantity,
                        price=price,
                        vat_rate=None,
                    )
                )
        line_ids = _bulk(self.session, ContractLine, line_rows)
        for (entity_id, year), last in seqs.items():
            self.session.execute(
                insert(NumberSequence).values(
                    own_entity_id=entity_id, kind="contract", year=year, last_value=last
                )
            )
        self.summary.contracts = len(contract_ids)
        self.agreements_and_orders(contract_rows, contract_ids, line_rows, line_ids, services)

    def agreements_and_orders(
        self,
        contracts: list[dict[str, Any]],
        contract_ids: list[int],
        line_rows: list[dict[str, Any]],
        line_ids: list[int],
        services: list[tuple[int, str, str, int, int]],
    ) -> None:
        rng = self.rng
        today = self.today
        unit_of = {s[0]: s[2] for s in services}
        lines_of: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        for line_id, row in zip(line_ids, line_rows, strict=True):
            lines_of.setdefault(row["contract_id"], []).append((line_id, row))
        agreements: list[dict[str, Any]] = []
        changes: list[tuple[int, dict[str, Any]]] = []
        orders: list[dict[str, Any]] = []
        previous_month = month_start(today, -1)
        for contract_id, row in zip(contract_ids, contracts, strict=True):
            if row["status"] == "draft":
                continue
            start = row["valid_from"]
            end = row["valid_to"] or today
            # A price change by agreement: some in the month usually closed (the previous one).
            if rng.random() < 0.15 and (end - start).days > 90:
                if rng.random() < 0.35 and start < previous_month:
                    effective = previous_month + dt.timedelta(days=rng.randint(5, 20))
                else:
                    effective = start + dt.timedelta(
                        days=rng.randint(45, max(46, (min(end, today) - start).days))
                    )
                if effective <= today:
                    line_id, line = rng.choice(lines_of[contract_id])
                    agreements.append(
                        dict(
                            contract_id=contract_id,
                            number="1",
                            date=effective - dt.timedelta(days=rng.randint(3, 20)),
                            effective_date=effective,
                            ends_contract_on=None,
                            description="Изменение стоимости услуг",
                        )
                    )
                    new_price = (
                        line["price"] * Decimal(rng.choice(("1.05", "1.10", "1.15", "1.20")))
                    ).quantize(Decimal("1"))
                    changes.append(
                        (
                            len(agreements) - 1,
                            dict(
                                action="change",
                                contract_line_id=line_id,
                                service_id=None,
                                quantity=None,
                                price=new_price,
                                vat_rate=None,
                            ),
                        )
                    )
            if row["kind"] != "variable":
                continue
            for back in range(12, 0, -1):
                month = month_start(today, -back)
                last = month_end(month)
                if last < start or (row["valid_to"] and month > row["valid_to"]):
                    continue
                for _ in range(rng.randint(2, 8)):
                    line_id, line = rng.choice(lines_of[contract_id])
                    day = month + dt.timedelta(days=rng.randint(0, (last - month).days))
                    if day < start:
                        day = start
                    unit = unit_of[line["service_id"]]
                    if unit == "356":
                        quantity = Decimal(rng.choice((1, 1.5, 2, 3, 4, 6, 8))).quantize(Decimal("0.1"))
                    elif unit == "055":
                        quantity = Decimal(rng.randrange(50, 600, 10))
                    else:
                        quantity = Decimal(rng.randint(1, 3))
                    orders.append(
                        dict(
                            contract_id=contract_id,
                            date=day,
                            service_id=line["service_id"],
                            quantity=quantity,
                            performer=rng.choice(PERFORMERS),
                            request_number=f"З-{rng.randint(1, 99999):05d}",
                            description="",
                            approved=True,
                        )
                    )
        agreement_ids = _bulk(self.session, Agreement, agreements)
        _bulk(
            self.session,
            AgreementChange,
            [{**change, "agreement_id": agreement_ids[index]} for index, change in changes],
        )
        self.check(1, 1, "Заказ-наряды")
        _bulk(self.session, WorkOrder, orders)
        self.summary.agreements = len(agreement_ids)
        self.summary.work_orders = len(orders)


BUDGET_ITEMS = (  # статьи ДДС: code, name
    ("01.01", "Аренда"),
    ("02.01", "Канцелярские и хозяйственные товары"),
    ("02.03", "Связь и интернет"),
    ("02.04", "Программы и подписки"),
    ("03.01", "Подрядчики"),
    ("03.02", "Юридические и консультационные услуги"),
    ("04.01", "Ремонт и обслуживание техники"),
    ("05.01", "Доставка и курьерские услуги"),
)
COST_CENTRES = (  # ЦФО: code, name
    ("ОП", "Отдел продаж"),
    ("БУХ", "Бухгалтерия"),
    ("ИТ", "ИТ"),
    ("АХО", "Административно-хозяйственный отдел"),
)
# The first own entity's route (seed 003): stage, amount above, approver, title.
ROUTE = (
    (1, "0", "ruk.sidorov", "Руководитель отдела"),
    (2, "100000", "fin.director", "Финансовый директор"),
    (3, "1000000", "dir.sokolov", "Директор"),
)
REQUEST_SUBJECTS = (  # subject, amount, VAT, budget item, cost centre
    ("Аренда офиса за {month}", Decimal("185000.00"), "22%", "01.01", "АХО"),
    ("Обслуживание серверов за {month}", Decimal("48600.00"), "22%", "03.01", "ИТ"),
    ("Канцелярские товары", Decimal("12450.00"), "22%", "02.01", "АХО"),
    ("Юридическая консультация по договору поставки", Decimal("35000.00"), "без НДС", "03.02", "БУХ"),
    ("Услуги связи за {month}", Decimal("9870.50"), "22%", "02.03", "ИТ"),
    ("Курьерская доставка документов за {month}", Decimal("6300.00"), "22%", "05.01", "ОП"),
    ("Подписка на справочную правовую систему", Decimal("27900.00"), "22%", "02.04", "БУХ"),
    ("Ремонт оргтехники", Decimal("15400.00"), "без НДС", "04.01", "ИТ"),
    ("Аренда склада за {month}", Decimal("64000.00"), "22%", "01.01", "АХО"),
    ("Аренда парковочных мест за {month}", Decimal("18000.00"), "22%", "01.01", "ОП"),
)
# Where each demo request ends up: its steps after creation, by whom. The first waits for its
# second step (the financial director), the second for its first (the head of department).
REQUEST_STEPS = (
    (("submit", "m.smirnov"), ("approve", "ruk.sidorov")),
    (("submit", "m.smirnov"),),
    (),
    (("submit", "m.smirnov"), ("approve", "ruk.sidorov")),
    (("submit", "m.orlov"), ("approve", "ruk.sidorov")),
    (("submit", "m.garipova"), ("return", "ruk.sidorov")),
    (("submit", "m.kozlova"), ("reject", "ruk.sidorov")),
    (("submit", "m.orlov"), ("approve", "ruk.sidorov"), ("pay", "buh.ivanova")),
    (("submit", "m.kozlova"), ("approve", "ruk.sidorov"), ("pay", "buh.ivanova")),
    (("submit", "m.smirnov"), ("approve", "ruk.sidorov")),
)


def fill_demo(
    session: Session,
    clients: int = 200,
    seed: int = 1,
    today: dt.date | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> DemoSummary:
    """Fill an empty database with demo data in the caller's transaction (flushed, not committed)."""
    if clients < 1:
        raise ValidationError("Число клиентов должно быть не меньше 1.", field="clients")
    if session.scalar(select(func.count(Contract.id))) or session.scalar(select(func.count(OwnEntity.id))):
        raise ValidationError(
            "База данных уже содержит данные: демо-данные заполняются только в пустую базу."
        )
    generator = _Generator(session, seed, today or dt.date.today(), progress, cancel)
    generator.check(0, clients * 2, "Справочники")
    managers = generator.users()
    entities = generator.own_entities()
    services = generator.services()
    parties = generator.counterparties(clients, managers)
    generator.contracts(parties, entities, services)
    session.flush()
    items, centres = generator.budget()
    generator.payment_requests(items, centres)
    generator.doc_requests()
    progress(clients * 2, clients * 2, "Готово")
    return generator.summary
