"""Import of counterparties and contracts from .xlsx / .csv, row by row, with a report of every bad row.

Columns are recognised by their Russian headers in any order and case (``Расчётный счёт`` and
``Расчетный счет`` alike). Valid rows are imported, invalid ones are reported with the row
number as the user sees it in Excel (the header is row 1), the column and the reason.
Re-importing a file creates no duplicates: counterparties are matched by INN+KPP, contracts
by own entity + number.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import StringIO
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.common.events import log_event
from desktop.core.common.files import write_atomic
from desktop.core.common.money import INTEGER, PRICE, QUANTITY, parse_decimal
from desktop.core.contracts.editing import ContractInput, LineInput, create_contract
from desktop.core.errors import ValidationError
from desktop.core.jobs import CancelToken, Progress, no_progress
from desktop.core.models import (
    Contract,
    ContractKind,
    ContractLine,
    Counterparty,
    DocumentSet,
    OwnEntity,
    PartyKind,
    PaymentTerms,
    Periodicity,
    Service,
    Unit,
    WorkOrder,
)
from desktop.core.parties.directory import (
    FIELD_TITLES,
    counterparty_errors,
    find_duplicate,
    save_counterparty,
)

# Header (normalised) → field. The first spelling of each field is the one the template writes.
COUNTERPARTY_HEADERS: dict[str, tuple[str, ...]] = {
    "short_name": ("Наименование", "Краткое наименование", "Контрагент", "Клиент"),
    "full_name": ("Полное наименование",),
    "inn": ("ИНН",),
    "kpp": ("КПП",),
    "ogrn": ("ОГРН", "ОГРНИП", "ОГРН/ОГРНИП", "ОГРН (ОГРНИП)"),
    "legal_address": ("Адрес", "Юридический адрес"),
    "postal_address": ("Почтовый адрес",),
    "bank_name": ("Банк", "Наименование банка"),
    "bik": ("БИК",),
    "account": ("Расчётный счёт", "Расчетный счет", "Р/с", "Рас. счет", "Счёт", "Счет"),
    "corr_account": (
        "Корреспондентский счёт",
        "Корреспондентский счет",
        "Корр. счет",
        "Корр. счёт",
        "К/с",
        "Корсчет",
    ),
    "emails": ("E-mail", "Email", "Эл. почта", "Электронная почта", "E-mail для документов"),
    "director_name": ("Руководитель", "Директор"),
    "phone": ("Телефон",),
}
TEMPLATE_HEADERS = (
    "Наименование",
    "ИНН",
    "КПП",
    "ОГРН",
    "Адрес",
    "Банк",
    "БИК",
    "Расчётный счёт",
    "Корреспондентский счёт",
    "E-mail",
)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class ImportResult:
    imported: int = 0
    created: int = 0
    updated: int = 0
    rejected: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "imported": self.imported,
            "rejected": self.rejected,
            "errors": [e.as_dict() for e in self.errors],
            "created": self.created,
            "updated": self.updated,
        }


def normalise_header(text: Any) -> str:
    value = str(text or "").strip().lower().replace("ё", "е")
    value = re.sub(r"[\s_]+", " ", value)
    return value.replace(" .", ".").strip(" :")


def _header_map(spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {normalise_header(h): name for name, headers in spec.items() for h in headers}


def read_table(path: Path) -> Any:
    """Read an .xlsx/.xls or .csv file as text cells (leading zeros survive), header in row 1."""
    import pandas as pd  # deferred: pandas is heavy, loaded only when a file is actually read

    path = Path(path)
    if not path.exists():
        raise ValidationError(f"Файл не найден: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm", ".xls"):
            frame = pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        elif suffix in (".csv", ".txt"):
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp1251")
            first = text.splitlines()[0] if text else ""
            sep = ";" if first.count(";") >= first.count(",") else ","
            frame = pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False)
        else:
            raise ValidationError(f"Файл {path.name}: поддерживаются только .xlsx и .csv")
    except ValidationError:
        raise
    except Exception as error:  # pandas/openpyxl raise many kinds for a damaged file
        raise ValidationError(f"Файл {path.name} не читается как таблица: {error}") from error
    return frame


def _cell(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    if re.fullmatch(r"\d+\.0", text):  # a number Excel stored as float
        text = text[:-2]
    return text


def _mapped_columns(frame: Any, spec: dict[str, tuple[str, ...]]) -> tuple[dict[str, str], list[str]]:
    """field → the column header as written in the file; and the unknown headers."""
    known = _header_map(spec)
    columns: dict[str, str] = {}
    unknown: list[str] = []
    for header in frame.columns:
        name = known.get(normalise_header(header))
        if name and name not in columns:
            columns[name] = str(header)
        elif str(header).strip() and not str(header).startswith("Unnamed"):
            unknown.append(str(header))
    return columns, unknown


def _required_columns(
    frame: Any, path: Path, spec: dict[str, tuple[str, ...]], required: Sequence[str], result: ImportResult
) -> tuple[dict[str, str], Callable[[str], str]]:
    """The file's columns by field, refusing a file without a required one; ``column(field)`` names a
    field as the file does (or by its first recognised header when the file has no such column)."""
    columns, unknown = _mapped_columns(frame, spec)
    if unknown:
        result.warnings.append("Не распознаны столбцы: " + ", ".join(unknown))
    titles = {name: headers[0] for name, headers in spec.items()}
    missing = [titles[f] for f in required if f not in columns]
    if missing:
        raise ValidationError(f"Файл {Path(path).name}: нет обязательных столбцов: {', '.join(missing)}")
    return columns, lambda name: columns.get(name, titles[name])


def _guess_kind(values: dict[str, Any]) -> str:
    inn = "".join((values.get("inn") or "").split())  # «7707 083 893» is a legal entity's INN with spaces
    name = (values.get("short_name") or "").upper()
    if len(inn) == 12:
        if len(values.get("ogrn") or "") == 15 or name.startswith("ИП ") or "ПРЕДПРИНИМАТЕЛЬ" in name:
            return PartyKind.ENTREPRENEUR.value
        return PartyKind.PERSON.value
    return PartyKind.LEGAL.value


def import_counterparties(
    session: Session,
    path: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
) -> ImportResult:
    """Import counterparties; the caller commits (all valid rows) or rolls back (cancel, crash)."""
    frame = read_table(path)
    columns, unknown = _mapped_columns(frame, COUNTERPARTY_HEADERS)
    result = ImportResult()
    if unknown:
        result.warnings.append("Не распознаны столбцы: " + ", ".join(unknown))
    missing = [h for h, f in (("Наименование", "short_name"), ("ИНН", "inn")) if f not in columns]
    if missing:
        raise ValidationError(f"Файл {Path(path).name}: нет обязательных столбцов: {', '.join(missing)}")
    header_of = {name: header for name, header in columns.items()}
    total = len(frame)
    seen: dict[tuple[str, str], int] = {}
    for position, record in enumerate(frame.to_dict("records")):
        if cancel is not None:
            cancel.raise_if_cancelled()
        row = position + 2  # Excel row: the header is row 1
        values = {name: _cell(record.get(header)) for name, header in columns.items()}
        if not any(values.values()):
            continue
        if values.get("bik") and re.fullmatch(r"\d{8}", values["bik"]):
            values["bik"] = "0" + values["bik"]  # Excel dropped the leading zero of a numeric cell
        values["kind"] = _guess_kind(values)
        errors = counterparty_errors(values)
        if errors:
            result.rejected += 1
            for name, message in errors.items():
                column = header_of.get(name, FIELD_TITLES.get(name, name))
                result.errors.append(RowError(row, column, message))
            continue
        key = (values["inn"], values.get("kpp") or "")
        if key in seen:
            result.rejected += 1
            result.errors.append(
                RowError(row, header_of["inn"], f"повтор строки {seen[key]} (тот же ИНН и КПП)")
            )
            continue
        seen[key] = row
        existing = find_duplicate(session, values["inn"], values.get("kpp") or None)
        saved = save_counterparty(session, values, existing.id if existing else None, user=user)
        result.imported += 1
        if saved.created:
            result.created += 1
        else:
            result.updated += 1
        progress(position + 1, total, values.get("short_name") or "")
    progress(total, total, "")
    return result


def write_counterparty_template(path: Path) -> Path:
    """An empty workbook with the recognised headers, for the user to fill."""
    # deferred: openpyxl is heavy, loaded only when the template is written
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Контрагенты"
    sheet.append(list(TEMPLATE_HEADERS))
    widths = (40, 14, 12, 17, 50, 30, 12, 24, 24, 30)
    for index, width in enumerate(widths, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(index)].width = width
        # Identifiers are text: a BIK keeps its leading zero, an account its 20 digits.
        for row in range(2, 1001):
            sheet.cell(row=row, column=index).number_format = "@"
    sheet.freeze_panes = "A2"
    return write_atomic(Path(path), workbook.save)


def parse_date(text: str) -> dt.date:
    text = text.strip()
    for fmt in ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"не дата: «{text}» (ожидается ДД.ММ.ГГГГ)")


# --- contracts ----------------------------------------------------------------------

CONTRACT_HEADERS: dict[str, tuple[str, ...]] = {
    "entity_inn": ("ИНН юрлица", "Юрлицо (ИНН)", "ИНН исполнителя", "ИНН организации"),
    "number": ("Номер", "Номер договора", "№ договора"),
    "date": ("Дата", "Дата договора"),
    "client_inn": ("ИНН клиента", "ИНН контрагента", "ИНН заказчика"),
    "client_kpp": ("КПП клиента", "КПП контрагента", "КПП заказчика"),
    "kind": ("Тип", "Тип договора", "Объём"),
    "periodicity": ("Периодичность",),
    "payment": ("Оплата", "Условия оплаты"),
    "postpay_days": ("Отсрочка, дней", "Отсрочка", "Срок оплаты, дней"),
    "documents": ("Документы", "Документы при закрытии"),
    "valid_from": ("Действует с", "Начало"),
    "valid_to": ("Действует по", "Окончание"),
    "service": ("Услуга", "Наименование услуги"),
    "unit": ("Ед. изм.", "Единица", "Ед.изм."),
    "quantity": ("Количество", "Кол-во"),
    "price": ("Цена", "Цена за единицу", "Стоимость"),
}
CONTRACT_REQUIRED = ("entity_inn", "number", "date", "client_inn", "service", "price")

KIND_WORDS: dict[str, ContractKind] = {
    "фиксированный": ContractKind.FIXED,
    "фикс": ContractKind.FIXED,
    "абонентский": ContractKind.FIXED,
    "по факту": ContractKind.VARIABLE,
    "переменный": ContractKind.VARIABLE,
    "fixed": ContractKind.FIXED,
    "variable": ContractKind.VARIABLE,
    "": ContractKind.FIXED,
}
PERIOD_WORDS: dict[str, Periodicity] = {
    "": Periodicity.MONTH,
    "месяц": Periodicity.MONTH,
    "ежемесячно": Periodicity.MONTH,
    "квартал": Periodicity.QUARTER,
    "ежеквартально": Periodicity.QUARTER,
    "год": Periodicity.YEAR,
    "ежегодно": Periodicity.YEAR,
}
PAYMENT_WORDS: dict[str, PaymentTerms] = {
    "": PaymentTerms.POSTPAY,
    "постоплата": PaymentTerms.POSTPAY,
    "отсрочка": PaymentTerms.POSTPAY,
    "предоплата": PaymentTerms.PREPAY_100,
    "предоплата 100%": PaymentTerms.PREPAY_100,
    "100%": PaymentTerms.PREPAY_100,
    "70/30": PaymentTerms.PREPAY_70_30,
    "предоплата 70/30": PaymentTerms.PREPAY_70_30,
}
DOCUMENT_WORDS: dict[str, DocumentSet] = {
    "": DocumentSet.ACT_INVOICE,
    "акт+счет": DocumentSet.ACT_INVOICE,
    "акт и счет": DocumentSet.ACT_INVOICE,
    "упд": DocumentSet.UPD,
    "акт+счет+упд": DocumentSet.ACT_INVOICE_UPD,
    "акт, счет, упд": DocumentSet.ACT_INVOICE_UPD,
}


def _word(value: str) -> str:
    return " ".join(value.lower().replace("ё", "е").replace(" + ", "+").split())


def import_contracts(
    session: Session,
    path: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
) -> ImportResult:
    """Import contracts: one row per specification line; rows with the same entity and number form one contract.

    A contract whose number already exists at that own entity is matched, not created again.
    ``imported``/``rejected`` count rows; ``created``/``updated`` count contracts (new / matched).
    A whole contract is rejected when any of its rows is wrong (nothing half-saved).
    """
    frame = read_table(path)
    result = ImportResult()
    columns, column = _required_columns(frame, path, CONTRACT_HEADERS, CONTRACT_REQUIRED, result)

    groups: dict[tuple[str, str], list[tuple[int, dict[str, str]]]] = {}
    for position, record in enumerate(frame.to_dict("records")):
        values = {name: _cell(record.get(header)) for name, header in columns.items()}
        if any(values.values()):
            groups.setdefault((values.get("entity_inn", ""), values.get("number", "")), []).append(
                (position + 2, values)
            )
    units = {u.short_name.lower(): u.code for u in session.scalars(select(Unit))}
    units.update({u.name.lower(): u.code for u in session.scalars(select(Unit))})
    total = len(groups)
    for done, ((entity_inn, number), rows) in enumerate(groups.items(), start=1):
        if cancel is not None:
            cancel.raise_if_cancelled()
        errors: list[RowError] = []
        first_row, first = rows[0]
        entity = session.scalar(select(OwnEntity).where(OwnEntity.inn == entity_inn)) if entity_inn else None
        if entity is None:
            errors.append(
                RowError(first_row, column("entity_inn"), f"своё юрлицо с ИНН «{entity_inn}» не найдено")
            )
        if not number:
            errors.append(RowError(first_row, column("number"), "обязательное поле"))
        client_inn = first.get("client_inn", "")
        client_stmt = select(Counterparty).where(Counterparty.inn == client_inn)
        if first.get("client_kpp"):
            client_stmt = client_stmt.where(Counterparty.kpp == first["client_kpp"])
        client = session.scalars(client_stmt.limit(1)).first() if client_inn else None
        if client is None:
            errors.append(
                RowError(
                    first_row,
                    column("client_inn"),
                    f"клиент с ИНН «{client_inn}» не найден (импортируйте контрагентов)",
                )
            )
        data = ContractInput(number=number)
        try:
            data.date = parse_date(first.get("date", ""))
        except ValueError as error:
            errors.append(RowError(first_row, column("date"), str(error)))
        for field_name, words, attr in (
            ("kind", KIND_WORDS, "kind"),
            ("periodicity", PERIOD_WORDS, "periodicity"),
            ("payment", PAYMENT_WORDS, "payment_terms"),
            ("documents", DOCUMENT_WORDS, "documents"),
        ):
            word = _word(first.get(field_name, ""))
            if word not in words:
                errors.append(
                    RowError(first_row, column(field_name), f"неизвестное значение «{first.get(field_name)}»")
                )
            else:
                setattr(data, attr, words[word])
        for field_name in ("valid_from", "valid_to"):
            if first.get(field_name):
                try:
                    setattr(data, field_name, parse_date(first[field_name]))
                except ValueError as error:
                    errors.append(RowError(first_row, column(field_name), str(error)))
        if first.get("postpay_days"):
            try:
                data.postpay_days = int(parse_decimal(first["postpay_days"], INTEGER))
            except ValueError as error:
                errors.append(RowError(first_row, column("postpay_days"), str(error)))
        data.valid_from = data.valid_from or data.date
        for row, values in rows:
            name = values.get("service", "")
            if not name:
                errors.append(RowError(row, column("service"), "обязательное поле"))
                continue
            try:
                price = parse_decimal(values.get("price", ""), PRICE)
            except ValueError as error:
                errors.append(RowError(row, column("price"), str(error)))
                continue
            try:
                quantity = (
                    parse_decimal(values["quantity"], QUANTITY) if values.get("quantity") else Decimal(1)
                )
            except ValueError as error:
                errors.append(RowError(row, column("quantity"), str(error)))
                continue
            if price <= 0:
                errors.append(RowError(row, column("price"), "цена должна быть больше нуля"))
                continue
            service = session.scalars(
                select(Service).where(func.lower(Service.name) == name.lower()).limit(1)
            ).first()
            if service is None:
                unit_word = (values.get("unit") or "усл. ед").lower()
                unit_code = units.get(unit_word)
                if unit_code is None:
                    errors.append(
                        RowError(row, column("unit"), f"неизвестная единица измерения «{values.get('unit')}»")
                    )
                    continue
                service = Service(name=name, unit_code=unit_code)
                session.add(service)
                session.flush()
            data.lines.append(LineInput(service_id=service.id, price=price, quantity=quantity))
        if (
            not errors
            and entity is not None
            and session.scalar(
                select(Contract.id).where(Contract.own_entity_id == entity.id, Contract.number == number)
            )
        ):
            result.imported += len(rows)
            result.updated += 1  # matched: the contract is already there
            continue
        if not errors:
            assert entity is not None and client is not None
            data.own_entity_id = entity.id
            data.counterparty_id = client.id
            data.template = "person" if client.kind == PartyKind.PERSON else "services"
            try:
                with session.begin_nested():
                    create_contract(session, data, user=user)
            except ValidationError as error:
                errors.append(RowError(first_row, column("number"), error.message))
        if errors:
            result.rejected += len(rows)
            result.errors.extend(errors)
        else:
            result.imported += len(rows)
            result.created += 1
        progress(done, total, number)
    return result


# --- work orders ------------------------------------------------------------------------

WORK_ORDER_HEADERS: dict[str, tuple[str, ...]] = {
    "contract": ("Номер договора", "Договор", "№ договора"),
    "entity_inn": ("ИНН юрлица", "Юрлицо (ИНН)"),
    "date": ("Дата", "Дата работ"),
    "service": ("Услуга", "Наименование услуги", "Работа"),
    "quantity": ("Количество", "Кол-во", "Объём", "Объем"),
    "performer": ("Исполнитель", "Сотрудник"),
    "request": ("№ заявки", "Номер заявки", "Заявка"),
    "description": ("Описание", "Комментарий"),
}
WORK_ORDER_REQUIRED = ("contract", "date", "service", "quantity")


def import_work_orders(
    session: Session,
    path: Path,
    *,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
    user: str | None = None,
) -> ImportResult:
    """Work orders (facts of variable contracts) from a file, row by row.

    A row is matched to an existing work order by contract, date, service and request number:
    importing the same file again updates those rows instead of adding them twice.
    """
    frame = read_table(path)
    result = ImportResult()
    columns, column = _required_columns(frame, path, WORK_ORDER_HEADERS, WORK_ORDER_REQUIRED, result)

    records = frame.to_dict("records")
    for position, record in enumerate(records):
        if cancel is not None:
            cancel.raise_if_cancelled()
        row = position + 2
        values = {name: _cell(record.get(header)) for name, header in columns.items()}
        if not any(values.values()):
            continue
        errors: list[RowError] = []
        stmt = select(Contract).where(Contract.number == values.get("contract", ""))
        if values.get("entity_inn"):
            stmt = stmt.join(OwnEntity, OwnEntity.id == Contract.own_entity_id).where(
                OwnEntity.inn == values["entity_inn"]
            )
        found = list(session.scalars(stmt.limit(2)))
        contract = found[0] if len(found) == 1 else None
        if not found:
            errors.append(RowError(row, column("contract"), f"договор «{values.get('contract')}» не найден"))
        elif len(found) > 1:
            errors.append(
                RowError(row, column("contract"), "номер договора не уникален: добавьте столбец «ИНН юрлица»")
            )
        elif contract is not None and contract.kind != ContractKind.VARIABLE:
            errors.append(
                RowError(row, column("contract"), "договор с фиксированной платой: заказ-наряды не нужны")
            )
        try:
            day = parse_date(values.get("date", ""))
        except ValueError as error:
            errors.append(RowError(row, column("date"), str(error)))
            day = None
        try:
            quantity = parse_decimal(values.get("quantity", ""), QUANTITY)
            if quantity <= 0:
                errors.append(RowError(row, column("quantity"), "количество должно быть больше нуля"))
        except ValueError as error:
            errors.append(RowError(row, column("quantity"), str(error)))
            quantity = Decimal(0)
        service = None
        if contract is not None:
            service = session.scalars(
                select(Service)
                .join(ContractLine, ContractLine.service_id == Service.id)
                .where(
                    ContractLine.contract_id == contract.id,
                    func.lower(Service.name) == values.get("service", "").lower(),
                )
                .limit(1)
            ).first()
            if service is None:
                errors.append(
                    RowError(row, column("service"), f"услуги «{values.get('service')}» нет в договоре")
                )
        if (
            contract is not None
            and day is not None
            and (day < contract.valid_from or (contract.valid_to and day > contract.valid_to))
        ):
            errors.append(RowError(row, column("date"), "дата вне срока действия договора"))
        if errors:
            result.rejected += 1
            result.errors.extend(errors)
            continue
        assert contract is not None and service is not None and day is not None
        request = values.get("request", "")
        existing = session.scalars(
            select(WorkOrder)
            .where(
                WorkOrder.contract_id == contract.id,
                WorkOrder.date == day,
                WorkOrder.service_id == service.id,
                WorkOrder.request_number == request,
            )
            .limit(1)
        ).first()
        if existing is None:
            order = WorkOrder(
                contract_id=contract.id,
                date=day,
                service_id=service.id,
                quantity=quantity,
                performer=values.get("performer", ""),
                request_number=request,
                description=values.get("description", ""),
                approved=True,
            )
            session.add(order)
            session.flush()
            log_event(
                session,
                "contract",
                contract.id,
                "work_order",
                {"date": day, "service": service.name, "quantity": quantity},
                user=user,
            )
            result.created += 1
        else:
            existing.quantity = quantity
            existing.performer = values.get("performer", existing.performer)
            existing.description = values.get("description", existing.description)
            result.updated += 1
        result.imported += 1
        progress(position + 1, len(records), values.get("contract", ""))
    return result
