"""SQLAlchemy 2 typed ORM models: the whole stored domain of AktDesk.

Money columns are ``NUMERIC(18, 2)`` and come back as ``Decimal``; quantities are
``NUMERIC(18, 3)`` (:class:`ExactDecimal`: on SQLite an integer of kopecks / thousandths, so that
money stays exact there too). Identifiers (INN, KPP, BIK, accounts) are strings: BIK starts with 0.
Enumerations are ``StrEnum`` members stored as their short ASCII values in a ``VARCHAR`` (:func:`_enum`:
no native type, no CHECK), so that adding a value never needs an ALTER TYPE on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
from sqlalchemy.sql import operators
from sqlalchemy.sql.type_api import TypeDecorator, TypeEngine

from desktop.core.common.money import MONEY, QUANTITY, NumberKind, check_decimal
from desktop.core.errors import ValidationError

# Stable constraint names: Alembic batch mode on SQLite and autogenerate need them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class ExactDecimal(TypeDecorator[Decimal]):
    """An exact decimal column: ``NUMERIC(digits, places)`` on PostgreSQL; on SQLite an INTEGER
    holding the value times ``10**places`` (kopecks for money, thousandths for quantities).

    SQLite has no decimal type: a NUMERIC column keeps a REAL (15–17 significant digits), so
    ``998 999 999 999 990.01`` came back as ``998 999 999 999 990``. Decimal text would be exact
    but SQLite sorts text as text and ``SUM`` casts it to REAL; integers sum exactly (SQLite stops
    with «integer overflow» rather than going inexact) and sort as numbers, so the registry's and
    the overview's SQL aggregates and ORDER BY stay exact without any change. ``a - b`` and
    ``SUM(a)`` keep the column's scale; ``a * b`` of two such columns is typed with the sum of their
    scales (``price * quantity`` → 5 places). A value that does not fit (more decimals or digits
    than the column keeps, NaN, infinity) is refused before it reaches the database: see
    :func:`check_money_columns` for the message the user sees.
    """

    impl = Numeric
    cache_ok = True

    def __init__(self, kind: NumberKind) -> None:
        super().__init__(precision=kind.digits, scale=kind.places, asdecimal=True)
        self.kind = kind

    class Comparator(TypeDecorator.Comparator[Decimal], Numeric.Comparator[Decimal]):
        def _adapt_expression(self, op: Any, other_comparator: Any) -> tuple[Any, TypeEngine[Any]]:
            own = self.type
            other = other_comparator.type
            if op is operators.mul and isinstance(own, ExactDecimal) and isinstance(other, ExactDecimal):
                kind = NumberKind(
                    own.kind.digits + other.kind.digits, own.kind.places + other.kind.places, ""
                )
                return op, ExactDecimal(kind)
            if op in (operators.truediv, operators.floordiv, operators.mod):
                raise NotImplementedError("divide exact decimals in Python: SQLite would divide the integers")
            return super()._adapt_expression(op, other_comparator)

    comparator_factory = Comparator

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.kind.digits, self.kind.places, asdecimal=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        if isinstance(value, float) or not isinstance(value, (Decimal, int)):
            raise TypeError(f"an exact decimal column takes Decimal or int, not {type(value).__name__}")
        number = Decimal(value)
        if not number.is_finite():
            raise ValueError(f"not a finite number: {number}")
        if dialect.name != "sqlite":
            return number
        scaled = number.scaleb(self.kind.places)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{number} has more than {self.kind.places} decimal places")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name != "sqlite":
            return value if isinstance(value, Decimal) else Decimal(str(value))
        number = Decimal(value) if isinstance(value, int) else Decimal(str(value))
        return number.scaleb(-self.kind.places).quantize(Decimal(1).scaleb(-self.kind.places))

    def copy(self, **kw: Any) -> ExactDecimal:
        return ExactDecimal(self.kind)


Money = ExactDecimal(MONEY)
Quantity = ExactDecimal(QUANTITY)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _enum(enum: type[StrEnum], length: int) -> SAEnum:
    """A column type for ``enum``: its values in a ``VARCHAR(length)``, read back as its members.

    No native type and no CHECK constraint: the DDL is the plain ``VARCHAR`` it always was. A member
    or its value may be written; any other string is refused before the database (``LookupError``).
    """
    return SAEnum(
        enum,
        native_enum=False,
        length=length,
        create_constraint=False,
        validate_strings=True,
        values_callable=lambda members: [member.value for member in members],
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class VatRegime(StrEnum):
    """VAT regime of an own legal entity (docs/domain.md, «VAT regimes»)."""

    VAT22 = "vat22"  # general rate (20% before 2026, see catalog.general_rate_on)
    VAT10 = "vat10"
    VAT0 = "vat0"
    NO_VAT = "no_vat"  # not a VAT payer: «Без налога (НДС)», UPD status 2
    USN5 = "usn5"
    USN7 = "usn7"


class PartyKind(StrEnum):
    LEGAL = "legal"  # ООО, АО, ПАО
    ENTREPRENEUR = "entrepreneur"  # ИП: 12-digit INN, OGRNIP, no KPP
    PERSON = "person"  # физическое лицо


class Role(StrEnum):
    ACCOUNTANT = "accountant"
    MANAGER = "manager"
    APPROVER = "approver"
    ADMIN = "admin"


class ContractKind(StrEnum):
    FIXED = "fixed"
    VARIABLE = "variable"


class Periodicity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class PaymentTerms(StrEnum):
    PREPAY_100 = "prepay100"
    PREPAY_70_30 = "prepay70"
    POSTPAY = "postpay"


class DocumentSet(StrEnum):
    ACT_INVOICE = "act_invoice"
    UPD = "upd"
    ACT_INVOICE_UPD = "act_invoice_upd"


class Proration(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    WHOLE_MONTH_IF_BEFORE_15 = "whole_month_15"


class ContractStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class AgreementAction(StrEnum):
    CHANGE = "change"  # new price and/or quantity of an existing line
    ADD = "add"  # a new line
    REMOVE = "remove"  # a line stops


class DocumentKind(StrEnum):
    ACT = "act"
    INVOICE = "invoice"  # счёт на оплату
    UPD = "upd"
    SF = "sf"  # a separate счёт-фактура on a sale (Decree 1137, appendix 1)
    ADVANCE_SF = "sf_advance"  # a счёт-фактура on a prepayment received (Tax Code art. 168 p. 3)
    UKD = "ukd"  # a corrective document: УКД / корректировочный счёт-фактура (Decree 1137, appendix 2)


# The entity's one chronological sequence of счета-фактуры (docs/domain.md, «Счета-фактуры»): the
# separate and advance ones and the UPDs with status 1 take their numbers from it.
INVOICE_SEQUENCE = "sf"
# The kinds a sale is made of (one per contract and period; an act and a UPD of one period are one sale).
SALE_KINDS: tuple[DocumentKind, ...] = (DocumentKind.ACT, DocumentKind.UPD)


# The kinds a client signs (and scans come back for); an invoice is only paid.
SIGNABLE_KINDS: tuple[DocumentKind, ...] = (DocumentKind.ACT, DocumentKind.UPD)


class DocumentStage(StrEnum):
    """Which part of the payment scheme a document belongs to."""

    FULL = "full"
    PREPAY = "prepay"  # 100% or the 70% advance invoice
    FINAL = "final"  # the 30% final invoice of a 70/30 contract


class DocumentStatus(StrEnum):
    ISSUED = "issued"
    SENT = "sent"
    SIGNED = "signed"
    REPLACED = "replaced"
    CANCELLED = "cancelled"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(100), unique=True)  # the OS login
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role, 20), default=Role.ACCOUNTANT)
    email: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(100))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class OwnEntity(Base):
    """One of our own legal entities (the seller on documents)."""

    __tablename__ = "own_entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    short_name: Mapped[str] = mapped_column(String(200))
    full_name: Mapped[str] = mapped_column(String(500))
    inn: Mapped[str] = mapped_column(String(12), unique=True)
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    legal_address: Mapped[str] = mapped_column(String(500), default="")
    postal_address: Mapped[str] = mapped_column(String(500), default="")
    region: Mapped[str] = mapped_column(String(100), default="")
    vat_regime: Mapped[VatRegime] = mapped_column(_enum(VatRegime, 10), default=VatRegime.VAT22)
    doc_prefix: Mapped[str] = mapped_column(String(20), default="")
    contract_number_pattern: Mapped[str] = mapped_column(String(100), default="{prefix}-{year}/{seq}")
    director_name: Mapped[str] = mapped_column(String(200), default="")
    director_position: Mapped[str] = mapped_column(String(200), default="Генеральный директор")
    director_basis: Mapped[str] = mapped_column(String(200), default="Устава")
    accountant_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(50))
    edo_id: Mapped[str | None] = mapped_column(String(46))
    stamp_image: Mapped[str | None] = mapped_column(String(500))
    facsimile_image: Mapped[str | None] = mapped_column(String(500))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A contract number of a document request waits for an accountant's approval before it is issued.
    contract_number_approval: Mapped[bool] = mapped_column(Boolean, default=False)

    bank_accounts: Mapped[list[BankAccount]] = relationship(
        back_populates="own_entity", cascade="all, delete-orphan", order_by="BankAccount.id"
    )
    vat_history: Mapped[list[EntityVatRegime]] = relationship(
        back_populates="own_entity", cascade="all, delete-orphan", order_by="EntityVatRegime.effective_from"
    )

    @property
    def primary_account(self) -> BankAccount | None:
        for account in self.bank_accounts:
            if account.is_primary:
                return account
        return self.bank_accounts[0] if self.bank_accounts else None


class EntityVatRegime(Base):
    """The VAT regime of an own entity from a date on (rates change yearly: docs/domain.md, «VAT rates»)."""

    __tablename__ = "entity_vat_regimes"
    __table_args__ = (UniqueConstraint("own_entity_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id", ondelete="CASCADE"))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    regime: Mapped[VatRegime] = mapped_column(_enum(VatRegime, 10))

    own_entity: Mapped[OwnEntity] = relationship(back_populates="vat_history")


class BankAccount(Base):
    """A settlement account of an own entity."""

    __tablename__ = "bank_accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id", ondelete="CASCADE"), index=True)
    bank_name: Mapped[str] = mapped_column(String(200))
    bik: Mapped[str] = mapped_column(String(9))
    corr_account: Mapped[str] = mapped_column(String(20))
    account: Mapped[str] = mapped_column(String(20), unique=True)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    own_entity: Mapped[OwnEntity] = relationship(back_populates="bank_accounts")


class Counterparty(Base):
    """A client (or supplier): legal entity, sole proprietor or person."""

    __tablename__ = "counterparties"
    __table_args__ = (Index("ix_counterparties_inn_kpp", "inn", "kpp"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(_enum(PartyKind, 20), default=PartyKind.LEGAL)
    short_name: Mapped[str] = mapped_column(String(200), index=True)
    full_name: Mapped[str] = mapped_column(String(500))
    inn: Mapped[str] = mapped_column(String(12))
    kpp: Mapped[str | None] = mapped_column(String(9))
    ogrn: Mapped[str | None] = mapped_column(String(15))
    legal_address: Mapped[str] = mapped_column(String(500), default="")
    postal_address: Mapped[str] = mapped_column(String(500), default="")
    bank_name: Mapped[str | None] = mapped_column(String(200))
    bik: Mapped[str | None] = mapped_column(String(9))
    account: Mapped[str | None] = mapped_column(String(20))
    corr_account: Mapped[str | None] = mapped_column(String(20))
    director_name: Mapped[str | None] = mapped_column(String(200))
    director_position: Mapped[str | None] = mapped_column(String(200))
    director_basis: Mapped[str | None] = mapped_column(String(200))
    emails: Mapped[str] = mapped_column(String(500), default="")  # document e-mails, "; "-separated
    phone: Mapped[str | None] = mapped_column(String(50))
    region: Mapped[str | None] = mapped_column(String(100))
    edo_id: Mapped[str | None] = mapped_column(String(46))
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    manager: Mapped[User | None] = relationship()

    @property
    def email_list(self) -> list[str]:
        return [e.strip() for e in self.emails.replace(",", ";").split(";") if e.strip()]


class Unit(Base):
    """A unit of measure with its OKEI code (docs/domain.md, «Units of measure»)."""

    __tablename__ = "units"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(20))


class Service(Base):
    """An item of the services catalogue."""

    __tablename__ = "services"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    unit_code: Mapped[str] = mapped_column(ForeignKey("units.code"))
    # None: the seller's regime decides (general rate, 10%, without VAT, ...); else a fixed rate code
    vat_rate: Mapped[str | None] = mapped_column(String(10))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    unit: Mapped[Unit] = relationship()


class Contract(Base):
    __tablename__ = "contracts"
    __table_args__ = (UniqueConstraint("own_entity_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id"), index=True)
    counterparty_id: Mapped[int] = mapped_column(ForeignKey("counterparties.id"), index=True)
    number: Mapped[str] = mapped_column(String(50))
    date: Mapped[dt.date] = mapped_column(Date)
    subject: Mapped[str] = mapped_column(String(500), default="")
    template: Mapped[str] = mapped_column(String(100), default="services")
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    kind: Mapped[ContractKind] = mapped_column(_enum(ContractKind, 10), default=ContractKind.FIXED)
    periodicity: Mapped[Periodicity] = mapped_column(_enum(Periodicity, 10), default=Periodicity.MONTH)
    payment_terms: Mapped[PaymentTerms] = mapped_column(_enum(PaymentTerms, 10), default=PaymentTerms.POSTPAY)
    postpay_days: Mapped[int] = mapped_column(Integer, default=10)
    postpay_banking_days: Mapped[bool] = mapped_column(Boolean, default=False)
    documents: Mapped[DocumentSet] = mapped_column(_enum(DocumentSet, 20), default=DocumentSet.ACT_INVOICE)
    detail_appendix: Mapped[bool] = mapped_column(Boolean, default=False)
    price_includes_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    proration: Mapped[Proration] = mapped_column(_enum(Proration, 20), default=Proration.CALENDAR_DAYS)
    facsimile_allowed: Mapped[bool] = mapped_column(Boolean, default=False)
    acceptance_days: Mapped[int] = mapped_column(Integer, default=5)
    # The buyer does not pay VAT and agreed in writing not to receive счета-фактуры (Tax Code
    # art. 169 p. 3 sub. 1): a VAT sale under this contract gets none; the basis is printed in the preview.
    sf_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    sf_waiver_basis: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[ContractStatus] = mapped_column(
        _enum(ContractStatus, 10), default=ContractStatus.ACTIVE, index=True
    )
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    previous_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))  # last year's contract
    scan_path: Mapped[str | None] = mapped_column(String(1000))
    scan_sha256: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    own_entity: Mapped[OwnEntity] = relationship()
    counterparty: Mapped[Counterparty] = relationship()
    manager: Mapped[User | None] = relationship()
    lines: Mapped[list[ContractLine]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="ContractLine.position"
    )
    agreements: Mapped[list[Agreement]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="Agreement.effective_date"
    )


class ContractLine(Base):
    """A specification line: a service with its price (and quantity for fixed contracts)."""

    __tablename__ = "contract_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    description: Mapped[str | None] = mapped_column(String(500))  # overrides the catalogue name
    quantity: Mapped[Decimal] = mapped_column(
        Quantity, default=Decimal(1), info={"label": "Количество в строке договора"}
    )
    price: Mapped[Decimal] = mapped_column(Money, info={"label": "Цена в строке договора"})
    vat_rate: Mapped[str | None] = mapped_column(String(10))  # None: the service's / seller's rate

    contract: Mapped[Contract] = relationship(back_populates="lines")
    service: Mapped[Service] = relationship()


class Agreement(Base):
    """A supplementary agreement: effective-dated changes of a contract."""

    __tablename__ = "agreements"
    __table_args__ = (UniqueConstraint("contract_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(50))
    date: Mapped[dt.date] = mapped_column(Date)
    effective_date: Mapped[dt.date] = mapped_column(Date)
    ends_contract_on: Mapped[dt.date | None] = mapped_column(Date)  # "end of contract" agreements
    description: Mapped[str] = mapped_column(String(500), default="")

    contract: Mapped[Contract] = relationship(back_populates="agreements")
    changes: Mapped[list[AgreementChange]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementChange.id"
    )


class AgreementChange(Base):
    """One change an agreement makes: a line's new price/quantity, a line added or removed."""

    __tablename__ = "agreement_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    action: Mapped[AgreementAction] = mapped_column(
        _enum(AgreementAction, 10), default=AgreementAction.CHANGE
    )
    contract_line_id: Mapped[int | None] = mapped_column(ForeignKey("contract_lines.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("services.id"))  # for ADD
    quantity: Mapped[Decimal | None] = mapped_column(Quantity, info={"label": "Количество в допсоглашении"})
    price: Mapped[Decimal | None] = mapped_column(Money, info={"label": "Цена в допсоглашении"})
    vat_rate: Mapped[str | None] = mapped_column(String(10))

    agreement: Mapped[Agreement] = relationship(back_populates="changes")
    contract_line: Mapped[ContractLine | None] = relationship()
    service: Mapped[Service | None] = relationship()


class WorkOrder(Base):
    """A fact of work under a variable contract (заказ-наряд / заявка)."""

    __tablename__ = "work_orders"
    __table_args__ = (Index("ix_work_orders_contract_date", "contract_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    date: Mapped[dt.date] = mapped_column(Date)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity, info={"label": "Количество в заказ-наряде"})
    performer: Mapped[str] = mapped_column(String(200), default="")
    request_number: Mapped[str] = mapped_column(String(50), default="")
    description: Mapped[str] = mapped_column(String(500), default="")
    approved: Mapped[bool] = mapped_column(Boolean, default=True)

    contract: Mapped[Contract] = relationship()
    service: Mapped[Service] = relationship()


class NumberSequence(Base):
    """Last number taken per own entity, document kind and year (gap-free numbering)."""

    __tablename__ = "number_sequences"

    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


ONE_PER_PERIOD = "\"current\" AND kind IN ('act', 'invoice', 'upd', 'sf')"
ADVANCE_PER_RECEIPT = "\"current\" AND kind = 'sf_advance'"


class Document(Base):
    """An issued act, invoice or UPD (or счёт-фактура, advance счёт-фактура, УКД).

    A document is keyed by (contract, period, kind, stage); ``current`` is True for the
    version in force and NULL for replaced ones, so the unique constraint allows any number
    of replaced versions (NULLs are distinct in SQLite and PostgreSQL) and one current.

    A УКД (kind ``ukd``) has the period of the sale it corrects, ``basis`` the state it corrects
    (the sale or the previous УКД), lines with the values after the change and ``*_before``, and
    ``amount_net``/``amount_vat``/``amount_total`` equal to the **difference**, after − before
    (negative for a decrease), so that registries and the books sum it as it is.
    """

    __tablename__ = "documents"
    __table_args__ = (
        # A corrected version reuses its predecessor's number: numbers are unique among current documents.
        UniqueConstraint("own_entity_id", "kind", "year", "seq", "current"),
        # One current document of each kind and stage per contract and period; advance
        # счета-фактуры (one per receipt) and УКД (one per change) are keyed by their basis instead.
        Index(
            "uq_documents_contract_period_kind_stage",
            "contract_id",
            "period",
            "kind",
            "stage",
            unique=True,
            sqlite_where=text(ONE_PER_PERIOD),
            postgresql_where=text(ONE_PER_PERIOD),
        ),
        Index(
            "uq_documents_advance_per_receipt",
            "payment_id",
            "basis_id",
            unique=True,
            sqlite_where=text(ADVANCE_PER_RECEIPT),
            postgresql_where=text(ADVANCE_PER_RECEIPT),
        ),
        Index("ix_documents_period_kind", "period", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[DocumentKind] = mapped_column(_enum(DocumentKind, 10))
    stage: Mapped[DocumentStage] = mapped_column(_enum(DocumentStage, 10), default=DocumentStage.FULL)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id"))
    counterparty_id: Mapped[int] = mapped_column(ForeignKey("counterparties.id"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))  # "YYYY-MM", first month of the service period
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(50))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    upd_status: Mapped[int | None] = mapped_column(Integer)  # 1 = СЧФДОП, 2 = ДОП
    amount_net: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма документа без НДС"})
    amount_vat: Mapped[Decimal] = mapped_column(Money, info={"label": "НДС документа"})
    amount_total: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма документа"})
    status: Mapped[DocumentStatus] = mapped_column(
        _enum(DocumentStatus, 10), default=DocumentStatus.ISSUED, index=True
    )
    current: Mapped[bool | None] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    # What the document is issued on: an advance счёт-фактура → the prepayment invoice it was paid
    # on; a УКД → the document whose values it corrects (the sale, or the previous УКД).
    basis_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    # An advance счёт-фактура: the receipt («платёжно-расчётный документ», line 5).
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("bank_payments.id"), index=True)
    with_stamp: Mapped[bool] = mapped_column(Boolean, default=True)
    docx_path: Mapped[str | None] = mapped_column(String(1000))
    pdf_path: Mapped[str | None] = mapped_column(String(1000))
    xml_path: Mapped[str | None] = mapped_column(String(1000))
    signed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    signed_by: Mapped[str | None] = mapped_column(String(100))
    scan_path: Mapped[str | None] = mapped_column(String(1000))
    scan_sha256: Mapped[str | None] = mapped_column(String(64))
    sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    sent_via: Mapped[str | None] = mapped_column(String(20))
    paid_amount: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("0.00"), info={"label": "Оплачено по документу"}
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by: Mapped[str | None] = mapped_column(String(100))

    own_entity: Mapped[OwnEntity] = relationship()
    counterparty: Mapped[Counterparty] = relationship()
    contract: Mapped[Contract] = relationship()
    basis: Mapped[Document | None] = relationship(remote_side="Document.id", foreign_keys=[basis_id])
    payment: Mapped[BankPayment | None] = relationship(foreign_keys=[payment_id])
    lines: Mapped[list[DocumentLine]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="DocumentLine.position"
    )


class DocumentLine(Base):
    """A line of a document, with amounts already rounded (totals are sums of these)."""

    __tablename__ = "document_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(1000))
    unit_code: Mapped[str | None] = mapped_column(String(4))
    unit_name: Mapped[str | None] = mapped_column(String(20))
    quantity: Mapped[Decimal] = mapped_column(Quantity, info={"label": "Количество в строке документа"})
    price: Mapped[Decimal] = mapped_column(Money, info={"label": "Цена в строке документа"})
    amount_net: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма строки без НДС"})
    vat_rate: Mapped[str] = mapped_column(String(10))  # "22%", "10%", "без НДС", ...
    amount_vat: Mapped[Decimal] = mapped_column(Money, info={"label": "НДС строки"})
    amount_total: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма строки"})
    period_from: Mapped[dt.date | None] = mapped_column(Date)
    period_to: Mapped[dt.date | None] = mapped_column(Date)
    # A УКД's line: the values before the change (line А of appendix 2); the columns above are
    # the values after it (line Б). NULL on every other kind.
    quantity_before: Mapped[Decimal | None] = mapped_column(Quantity)
    price_before: Mapped[Decimal | None] = mapped_column(Money)
    amount_net_before: Mapped[Decimal | None] = mapped_column(Money)
    amount_vat_before: Mapped[Decimal | None] = mapped_column(Money)
    amount_total_before: Mapped[Decimal | None] = mapped_column(Money)

    document: Mapped[Document] = relationship(back_populates="lines")


class Event(Base):
    """The event log: who changed what and when."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    user_login: Mapped[str] = mapped_column(String(100))
    object_type: Mapped[str] = mapped_column(String(30))
    object_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: changed fields {name: [old, new]}


class ScanStatus(StrEnum):
    STORED = "stored"  # on the share, hash verified
    PENDING = "pending"  # in the local outbox, waiting for the share


class ScanRole(StrEnum):
    """What a stored file is to its owner."""

    SIGNED = "signed"  # the signed scan of a document or a contract
    E_INVOICE = "e_invoice"  # a payment request's electronic invoice
    PAYMENT_ORDER = "payment_order"  # a payment request's payment order
    ATTACHMENT = "attachment"  # a file attached to a document request


class Scan(Base):
    """A signed scan of a document (or a contract), filed on the shared folder."""

    __tablename__ = "scans"
    __table_args__ = (Index("ix_scans_document", "document_id"), Index("ix_scans_contract", "contract_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    payment_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("payment_requests.id", ondelete="CASCADE"), index=True
    )
    doc_request_id: Mapped[int | None] = mapped_column(
        ForeignKey("doc_requests.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[ScanRole] = mapped_column(_enum(ScanRole, 20), default=ScanRole.SIGNED)
    status: Mapped[ScanStatus] = mapped_column(_enum(ScanStatus, 10), default=ScanStatus.STORED)
    original_name: Mapped[str] = mapped_column(String(500))
    path: Mapped[str | None] = mapped_column(String(1000))  # on the share, relative to its root
    outbox_path: Mapped[str | None] = mapped_column(String(1000))  # while pending
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))  # pdf, jpeg, png, tiff
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    added_by: Mapped[str] = mapped_column(String(100))
    last_error: Mapped[str | None] = mapped_column(String(1000))


class PaymentDirection(StrEnum):
    INCOMING = "in"  # money received on one of our accounts
    OUTGOING = "out"  # money we paid


class PaymentStatus(StrEnum):
    """How much of a bank payment is allocated (incoming: to invoices; outgoing: to requests)."""

    UNALLOCATED = "unallocated"
    PARTIAL = "partial"
    ALLOCATED = "allocated"
    IGNORED = "ignored"  # not a client payment (a refund, a transfer between own accounts)


class BankPayment(Base):
    """One document of an imported bank statement, stored once whatever the number of files it came in."""

    __tablename__ = "bank_payments"
    __table_args__ = (Index("ix_bank_payments_status_direction", "status", "direction"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)  # bank.fingerprint()
    direction: Mapped[PaymentDirection] = mapped_column(_enum(PaymentDirection, 3))
    own_entity_id: Mapped[int | None] = mapped_column(ForeignKey("own_entities.id"), index=True)
    own_account: Mapped[str] = mapped_column(String(20))
    doc_kind: Mapped[str] = mapped_column(String(50), default="Платежное поручение")
    number: Mapped[str] = mapped_column(String(20), default="")
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    amount: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма платежа"})
    payer_name: Mapped[str] = mapped_column(String(500), default="")
    payer_inn: Mapped[str] = mapped_column(String(12), default="", index=True)
    payer_kpp: Mapped[str] = mapped_column(String(9), default="")
    payer_account: Mapped[str] = mapped_column(String(20), default="")
    payer_bik: Mapped[str] = mapped_column(String(9), default="")
    payee_name: Mapped[str] = mapped_column(String(500), default="")
    payee_inn: Mapped[str] = mapped_column(String(12), default="", index=True)
    payee_kpp: Mapped[str] = mapped_column(String(9), default="")
    payee_account: Mapped[str] = mapped_column(String(20), default="")
    payee_bik: Mapped[str] = mapped_column(String(9), default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"), index=True)
    status: Mapped[PaymentStatus] = mapped_column(_enum(PaymentStatus, 12), default=PaymentStatus.UNALLOCATED)
    allocated_amount: Mapped[Decimal] = mapped_column(
        Money, default=Decimal("0.00"), info={"label": "Разнесено из платежа"}
    )
    source_file: Mapped[str] = mapped_column(String(1000), default="")
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    imported_by: Mapped[str] = mapped_column(String(100), default="")

    own_entity: Mapped[OwnEntity | None] = relationship()
    counterparty: Mapped[Counterparty | None] = relationship()
    allocations: Mapped[list[PaymentAllocation]] = relationship(
        back_populates="payment", cascade="all, delete-orphan"
    )


class PaymentAllocation(Base):
    """Part (or all) of an incoming payment applied to one invoice (or UPD)."""

    __tablename__ = "payment_allocations"
    __table_args__ = (UniqueConstraint("payment_id", "document_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("bank_payments.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма разнесения"})
    confidence: Mapped[str] = mapped_column(
        String(10), default="manual"
    )  # payments.matching.Confidence or manual
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    created_by: Mapped[str] = mapped_column(String(100), default="")

    payment: Mapped[BankPayment] = relationship(back_populates="allocations")
    document: Mapped[Document] = relationship()


class BudgetItem(Base):
    """A cash-flow budget item (статья ДДС) a payment request is charged to."""

    __tablename__ = "budget_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class CostCentre(Base):
    """A cost centre (центр финансовой ответственности, ЦФО) a payment request belongs to."""

    __tablename__ = "cost_centres"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class ApprovalRule(Base):
    """One step of an own entity's approval route: who approves a request above an amount.

    A request's route is every rule of its payer whose ``amount_above`` is below the request's
    amount and whose budget item is the request's or none (every item). Steps run by ``stage``:
    stage 2 waits for every approver of stage 1; the approvers of one stage decide in parallel.
    """

    __tablename__ = "approval_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id"), index=True)
    budget_item_id: Mapped[int | None] = mapped_column(ForeignKey("budget_items.id"))  # None: every item
    amount_above: Mapped[Decimal] = mapped_column(Money, default=Decimal(0), info={"label": "Сумма свыше"})
    stage: Mapped[int] = mapped_column(Integer, default=1)
    approver_login: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(100), default="")  # «Финансовый директор»

    own_entity: Mapped[OwnEntity] = relationship()
    budget_item: Mapped[BudgetItem | None] = relationship()


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    RETURNED = "returned"


class RequestStatus(StrEnum):
    """Payment request workflow (docs/domain.md, «Payment requests»)."""

    DRAFT = "draft"  # Черновик
    APPROVAL = "approval"  # На согласовании
    APPROVED = "approved"  # Согласован к оплате
    PAID = "paid"  # Оплачен
    REJECTED = "rejected"  # Отказано


class PaymentRequest(Base):
    """An outgoing payment request (заявка на оплату) that goes through approval."""

    __tablename__ = "payment_requests"
    __table_args__ = (UniqueConstraint("own_entity_id", "year", "seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    own_entity_id: Mapped[int] = mapped_column(ForeignKey("own_entities.id"), index=True)  # who pays
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(500))  # what we pay for
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"), index=True)
    contractor_name: Mapped[str] = mapped_column(String(500))
    contractor_inn: Mapped[str] = mapped_column(String(12))
    contractor_kpp: Mapped[str] = mapped_column(String(9), default="")
    contractor_bank_name: Mapped[str] = mapped_column(String(200), default="")
    contractor_bik: Mapped[str] = mapped_column(String(9), default="")
    contractor_account: Mapped[str] = mapped_column(String(20))
    contractor_corr_account: Mapped[str] = mapped_column(String(20), default="")
    amount: Mapped[Decimal] = mapped_column(Money, info={"label": "Сумма заявки"})
    currency: Mapped[str] = mapped_column(String(3), default="RUB")
    vat_rate: Mapped[str] = mapped_column(String(10), default="22%")  # or "без НДС"
    purpose: Mapped[str] = mapped_column(String(210))  # the bank limits the purpose to 210 characters
    pay_by: Mapped[dt.date] = mapped_column(Date, index=True)
    status: Mapped[RequestStatus] = mapped_column(
        _enum(RequestStatus, 10), default=RequestStatus.DRAFT, index=True
    )
    initiator: Mapped[str] = mapped_column(String(100), index=True)  # login
    approver: Mapped[str | None] = mapped_column(String(100))  # login of who approved or rejected
    exported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # payment order written
    paid_at: Mapped[dt.date | None] = mapped_column(Date)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("bank_payments.id"))
    budget_item_id: Mapped[int | None] = mapped_column(ForeignKey("budget_items.id"), index=True)
    cost_centre_id: Mapped[int | None] = mapped_column(ForeignKey("cost_centres.id"))
    route_round: Mapped[int] = mapped_column(Integer, default=0)  # 1 at the first submit, +1 at each resubmit
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    own_entity: Mapped[OwnEntity] = relationship()
    counterparty: Mapped[Counterparty | None] = relationship()
    payment: Mapped[BankPayment | None] = relationship()
    budget_item: Mapped[BudgetItem | None] = relationship()
    cost_centre: Mapped[CostCentre | None] = relationship()
    history: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestEvent.id"
    )
    steps: Mapped[list[RequestApproval]] = relationship(
        back_populates="request",
        cascade="all, delete-orphan",
        order_by="(RequestApproval.round, RequestApproval.stage, RequestApproval.id)",
    )


class RequestEvent(Base):
    """A status transition or a comment on a payment request: who, when, from, to, what was said."""

    __tablename__ = "request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("payment_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    user_login: Mapped[str] = mapped_column(String(100))
    from_status: Mapped[RequestStatus | None] = mapped_column(
        _enum(RequestStatus, 10)
    )  # None for a plain comment
    to_status: Mapped[RequestStatus | None] = mapped_column(_enum(RequestStatus, 10))
    comment: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[PaymentRequest] = relationship(back_populates="history")


class RequestApproval(Base):
    """A step of a request's route in one round (one approver), and the decision taken on it.

    Written at submit from the payer's ``ApprovalRule`` rows (a request with no rule gets one step
    that any approver may take: ``approver_login`` None); a return for revision ends the round and the
    next submit starts the route again in a new ``round``.
    """

    __tablename__ = "request_approvals"
    __table_args__ = (Index("ix_request_approvals_request_round", "request_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("payment_requests.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer)
    stage: Mapped[int] = mapped_column(Integer)
    approver_login: Mapped[str | None] = mapped_column(String(100), index=True)  # None: any approver
    title: Mapped[str] = mapped_column(String(100), default="")
    decision: Mapped[Decision | None] = mapped_column(_enum(Decision, 10))
    decided_by: Mapped[str | None] = mapped_column(String(100))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    comment: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[PaymentRequest] = relationship(back_populates="steps")


class EntityService(Base):
    """A service an own entity sells (an entity with no rows sells every service of the catalogue)."""

    __tablename__ = "entity_services"

    own_entity_id: Mapped[int] = mapped_column(
        ForeignKey("own_entities.id", ondelete="CASCADE"), primary_key=True
    )
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"), primary_key=True)


class DocRequestState(StrEnum):
    """A document request's life (docs/domain.md, «Document requests»)."""

    DRAFT = "draft"  # Черновик
    SENT = "sent"  # Отправлен: in the accountants' queue
    IN_WORK = "in_work"  # В работе: an accountant took it
    READY = "ready"  # Готово: the documents are made
    REJECTED = "rejected"  # Отклонён, with the reason
    CLOSED = "closed"  # Закрыт: originals signed and, where there was an invoice, paid


class DocRequest(Base):
    """A manager's request for documents (a contract, an invoice for payment, an act, a UPD, copies of
    signed scans) for one client of one own entity; standard ones are completed by the program."""

    __tablename__ = "doc_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiator: Mapped[str] = mapped_column(String(100), index=True)  # login
    own_entity_id: Mapped[int | None] = mapped_column(ForeignKey("own_entities.id"), index=True)
    counterparty_id: Mapped[int | None] = mapped_column(ForeignKey("counterparties.id"), index=True)
    region: Mapped[str] = mapped_column(String(100), default="")
    template: Mapped[str] = mapped_column(String(100), default="")  # contract template code
    wanted: Mapped[str] = mapped_column(String(200), default="")  # "contract,invoice,act,upd,copies"
    payment_terms: Mapped[PaymentTerms] = mapped_column(
        _enum(PaymentTerms, 10), default=PaymentTerms.PREPAY_100
    )
    contract_date: Mapped[dt.date | None] = mapped_column(Date)
    invoice_date: Mapped[dt.date | None] = mapped_column(Date)
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    facsimile_allowed: Mapped[bool] = mapped_column(Boolean, default=False)  # copies with stamp too
    comment: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[DocRequestState] = mapped_column(
        _enum(DocRequestState, 10), default=DocRequestState.DRAFT, index=True
    )
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    assignee: Mapped[str | None] = mapped_column(String(100))  # the accountant who took it
    number_pending: Mapped[bool] = mapped_column(Boolean, default=False)  # waits for number approval
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id"), index=True
    )  # existing or made
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, onupdate=_now)

    own_entity: Mapped[OwnEntity | None] = relationship()
    counterparty: Mapped[Counterparty | None] = relationship()
    contract: Mapped[Contract | None] = relationship()
    lines: Mapped[list[DocRequestLine]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="DocRequestLine.position"
    )
    history: Mapped[list[DocRequestEvent]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="DocRequestEvent.id"
    )
    made: Mapped[list[DocRequestFile]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="DocRequestFile.id"
    )


class DocRequestLine(Base):
    """A service of a document request: from the catalogue, with its quantity and price."""

    __tablename__ = "doc_request_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("doc_requests.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=1)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    quantity: Mapped[Decimal] = mapped_column(Quantity, info={"label": "Количество в запросе"})
    price: Mapped[Decimal] = mapped_column(Money, info={"label": "Цена в запросе"})

    request: Mapped[DocRequest] = relationship(back_populates="lines")
    service: Mapped[Service] = relationship()


class DocRequestEvent(Base):
    """A step or a comment in a document request's history: who, when, from, to, what was said."""

    __tablename__ = "doc_request_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("doc_requests.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    user_login: Mapped[str] = mapped_column(String(100))
    from_state: Mapped[DocRequestState | None] = mapped_column(_enum(DocRequestState, 10))
    to_state: Mapped[DocRequestState | None] = mapped_column(_enum(DocRequestState, 10))
    comment: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[DocRequest] = relationship(back_populates="history")


class DocRequestFile(Base):
    """A document made for a request, with its files: the contract (``contract_id``) or a document of
    the registry (``document_id``), as DOCX and PDF, with or without the stamp."""

    __tablename__ = "doc_request_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("doc_requests.id", ondelete="CASCADE"), index=True)
    what: Mapped[str] = mapped_column(String(20))  # contract, invoice, act, upd, copy
    title: Mapped[str] = mapped_column(String(300))  # «Счёт № 12 от 02.12.2026»
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contracts.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))
    path: Mapped[str] = mapped_column(String(1000))  # the file, absolute as written
    with_stamp: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)

    request: Mapped[DocRequest] = relationship(back_populates="made")


# The tables every change of which the database writes to the audit log (their triggers: migration
# 0007; a later migration that rebuilds one on SQLite must create them again — a test checks).
AUDITED_TABLES = (
    "contracts", "agreements", "documents", "scans", "bank_payments", "payment_allocations",
    "payment_requests", "request_approvals", "users", "own_entities", "bank_accounts", "counterparties",
    "mail_templates", "approval_rules", "budget_items", "cost_centres", "doc_requests",
)  # fmt: skip


class AuditEntry(Base):
    """A change of a stored row, written by the database itself (triggers), never by the program:
    who (PostgreSQL's ``session_user``; on SQLite the OS login), the server's time, the table and
    row, and the changed columns ``{column: [old, new]}`` as JSON."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_table_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    login: Mapped[str] = mapped_column(String(100), index=True)
    table_name: Mapped[str] = mapped_column(String(50))
    row_id: Mapped[str] = mapped_column(String(100))  # the primary key (a text key for mail templates)
    action: Mapped[str] = mapped_column(String(10))  # insert, update, delete
    changes: Mapped[str] = mapped_column(Text, default="{}")


class DispatchStatus(StrEnum):
    SENT = "sent"
    FAILED = "failed"


class Dispatch(Base):
    """One message sent (or tried) to a client: a package after closing, a reminder, or an EDO export."""

    __tablename__ = "dispatches"
    __table_args__ = (Index("ix_dispatches_counterparty_period", "counterparty_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now, index=True)
    user_login: Mapped[str] = mapped_column(String(100))
    channel: Mapped[str] = mapped_column(String(10))  # email, edo
    purpose: Mapped[str] = mapped_column(String(10))  # package, reminder
    counterparty_id: Mapped[int] = mapped_column(ForeignKey("counterparties.id"))
    period: Mapped[str | None] = mapped_column(String(7))
    recipients: Mapped[str] = mapped_column(String(1000), default="")
    subject: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[DispatchStatus] = mapped_column(_enum(DispatchStatus, 10))
    server_reply: Mapped[str] = mapped_column(String(1000), default="")
    error: Mapped[str | None] = mapped_column(String(1000))
    attachments: Mapped[str] = mapped_column(Text, default="[]")  # JSON [{"name", "sha256", "size"}]

    counterparty: Mapped[Counterparty] = relationship()
    documents: Mapped[list[DispatchDocument]] = relationship(cascade="all, delete-orphan")


class DispatchDocument(Base):
    """Which documents a dispatch carried."""

    __tablename__ = "dispatch_documents"

    dispatch_id: Mapped[int] = mapped_column(
        ForeignKey("dispatches.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), primary_key=True, index=True)


class Notification(Base):
    """A message for one user shown in the app (e.g. "act № … is closed: signed and paid")."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_read", "user_login", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_login: Mapped[str] = mapped_column(String(100))
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)
    text: Mapped[str] = mapped_column(String(1000))
    object_type: Mapped[str | None] = mapped_column(String(30))
    object_id: Mapped[int | None] = mapped_column(Integer)
    read_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class MailTemplateText(Base):
    """A mail template edited in the app (``package`` or ``reminder``): it replaces the file of
    ``forms/mail`` for every user of the database; no row means the file is used."""

    __tablename__ = "mail_templates"

    purpose: Mapped[str] = mapped_column(String(20), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=_now)


@event.listens_for(Session, "before_flush")
def check_money_columns(session: Session, flush_context: Any, instances: Any) -> None:
    """Refuse, before the database, an amount or quantity its column cannot keep exactly.

    PostgreSQL would answer «numeric field overflow» with the SQL, SQLite would round; the user
    gets «Сумма документа: 12 345 678 901 234 567,00 — слишком большое число (не более
    9 999 999 999 999 999,99)» instead, with the field's name from the column's ``info["label"]``.
    """
    for instance in (*session.new, *session.dirty):
        for key, kind, label in _money_columns(sa_inspect(instance).mapper):
            value = getattr(instance, key)
            if value is None:
                continue
            if isinstance(value, float) or not isinstance(value, (Decimal, int)):
                raise ValidationError(f"{label}: не число: «{value}»", field=key)
            try:
                check_decimal(Decimal(value), kind, label)
            except ValueError as error:
                raise ValidationError(str(error), field=key) from error


@functools.cache  # a mapper's columns never change; every flush of a closing asks for each object
def _money_columns(mapper: Any) -> tuple[tuple[str, NumberKind, str], ...]:
    """(attribute, ExactDecimal kind, label) of a mapped class's exact-decimal columns."""
    found = []
    for prop in mapper.column_attrs:
        column = prop.columns[0]
        if isinstance(column.type, ExactDecimal):
            found.append((prop.key, column.type.kind, column.info.get("label", prop.key)))
    return tuple(found)
