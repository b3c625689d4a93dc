"""document requests: a manager asks for documents, standard ones complete themselves; notifications
reach the other workstations (LISTEN/NOTIFY)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 20:00:00

* ``doc_requests`` (audited), ``doc_request_lines``, ``doc_request_events`` (the history),
  ``doc_request_files`` (the documents made, with their files);
* ``scans.doc_request_id``: the files attached to a request, stored on the share like a scan;
* ``entity_services``: the services an own entity sells (none listed: all of them);
* ``own_entities.contract_number_approval``: the entity's contract numbers wait for an accountant;
* PostgreSQL: a trigger says every new notification on the channel ``aktdesk_notifications`` (the
  payload is the login it is for); the grants and checks of a request (docs/architecture.md,
  «Who may do what»): a request is created by its initiator as a draft, edited and sent by them;
  taking, preparing, rejecting and completing by hand are an accountant's; a manager's login may
  insert only the invoice for payment of the standard request they have sent.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(18, 2).with_variant(sa.BigInteger(), "sqlite")
QUANTITY = sa.Numeric(18, 3).with_variant(sa.BigInteger(), "sqlite")
EVERYONE = "aktdesk_user"
STATE = sa.String(10)  # a DocRequestState's value
TERMS = sa.String(10)  # a PaymentTerms' value
# SQLite: the audited tables this migration creates or rebuilds (their audit triggers, with the new columns)
REBUILT = {"scans": "id", "own_entities": "id"}


def _audit_module():  # noqa: ANN202 - the migration module of 0007, loaded by its file
    path = next(Path(__file__).parent.glob("*_0007_*.py"))
    spec = importlib.util.spec_from_file_location("aktdesk_migration_0007", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pg(schema: str) -> str:
    return f"""
-- Every new notification is said on a channel: the workstation of its person reads it at once.
CREATE OR REPLACE FUNCTION aktdesk_notification_signal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('aktdesk_notifications', NEW.user_login);
    RETURN NULL;
END $$;
CREATE TRIGGER notifications_signal AFTER INSERT ON notifications FOR EACH ROW EXECUTE FUNCTION aktdesk_notification_signal();

GRANT INSERT, UPDATE ON doc_requests TO {EVERYONE};
GRANT INSERT, UPDATE, DELETE ON doc_request_lines TO {EVERYONE};
GRANT INSERT ON doc_request_events, doc_request_files TO {EVERYONE};
GRANT INSERT ON documents, document_lines TO {EVERYONE};
GRANT UPDATE (docx_path, pdf_path, xml_path) ON documents TO {EVERYONE};
GRANT INSERT, UPDATE ON counterparties TO {EVERYONE};
GRANT INSERT ON contracts, contract_lines TO {EVERYONE};
GRANT INSERT, DELETE ON entity_services TO aktdesk_accountant, aktdesk_admin;

-- A request the program completes by itself: a new contract, and its invoice, nothing else.
CREATE OR REPLACE FUNCTION aktdesk_doc_request_standard(p_wanted text) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT 'contract' = ANY(string_to_array(p_wanted, ','))
        AND string_to_array(p_wanted, ',') <@ ARRAY['contract', 'invoice']
$$;

-- A request: created as a draft by its initiator; edited and sent by them; completed by the
-- program for them (sent → ready with its contract); the queue's steps are an accountant's.
CREATE OR REPLACE FUNCTION aktdesk_doc_request_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema} AS $$
DECLARE
    v_role text := aktdesk_role_of(session_user);
BEGIN
    IF aktdesk_privileged() OR aktdesk_is_owner() OR v_role IN ('accountant', 'admin') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.initiator <> session_user OR NEW.state <> 'draft' THEN
            PERFORM aktdesk_refuse('Запрос создаётся черновиком от своего имени.');
        END IF;
        RETURN NEW;
    END IF;
    IF OLD.state = 'ready' AND NEW.state = 'closed' THEN
        RETURN NEW;  -- the originals signed and the invoice paid, seen by whoever filed the last of them
    END IF;
    IF OLD.initiator <> session_user OR NEW.initiator <> OLD.initiator THEN
        PERFORM aktdesk_refuse(format('Запрос № %s: менять его может только автор или бухгалтер.', OLD.id));
    END IF;
    IF NOT (
        (OLD.state = 'draft' AND NEW.state IN ('draft', 'sent'))
        -- the program completing a standard request for its author: the contract made for it …
        OR (OLD.state = 'sent' AND NEW.state = 'sent' AND aktdesk_doc_request_standard(OLD.wanted)
            AND NOT OLD.number_pending AND OLD.contract_id IS NULL
            AND NEW.wanted = OLD.wanted AND NEW.counterparty_id = OLD.counterparty_id
            AND NEW.own_entity_id = OLD.own_entity_id AND NEW.assignee IS NOT DISTINCT FROM OLD.assignee
            AND EXISTS (SELECT FROM contracts c WHERE c.id = NEW.contract_id
                        AND c.counterparty_id = OLD.counterparty_id AND c.own_entity_id = OLD.own_entity_id))
        -- … and «Готово» once its files are linked
        OR (OLD.state = 'sent' AND NEW.state = 'ready' AND aktdesk_doc_request_standard(OLD.wanted)
            AND NOT OLD.number_pending AND NEW.contract_id IS NOT DISTINCT FROM OLD.contract_id
            AND OLD.contract_id IS NOT NULL AND NEW.wanted = OLD.wanted
            AND EXISTS (SELECT FROM doc_request_files f WHERE f.request_id = OLD.id))
    ) THEN
        PERFORM aktdesk_refuse(format('Запрос № %s: взять в работу, подготовить, отклонить или завершить его может бухгалтер.', OLD.id));
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER doc_requests_check BEFORE INSERT OR UPDATE ON doc_requests FOR EACH ROW EXECUTE FUNCTION aktdesk_doc_request_check();

-- Outside the books' roles a login may insert only the invoice for payment of the standard request
-- it has sent (the contract of the request, the request still «Отправлен» and its number approved).
CREATE OR REPLACE FUNCTION aktdesk_request_invoice_check() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema} AS $$
DECLARE
    v_document documents%ROWTYPE;
BEGIN
    IF aktdesk_privileged() OR aktdesk_is_owner() OR aktdesk_role_of(session_user) IN ('accountant', 'admin') THEN
        RETURN NEW;
    END IF;
    IF TG_TABLE_NAME = 'documents' THEN
        v_document := NEW;
    ELSE
        SELECT * INTO v_document FROM documents WHERE id = NEW.document_id;
    END IF;
    IF v_document.kind <> 'invoice' OR NOT EXISTS (
        SELECT FROM doc_requests r WHERE r.contract_id = v_document.contract_id AND r.initiator = session_user
        AND r.state = 'sent' AND NOT r.number_pending AND aktdesk_doc_request_standard(r.wanted)
    ) THEN
        PERFORM aktdesk_refuse('Документы выписывает бухгалтер; менеджер получает счёт на оплату только по своему стандартному запросу.');
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER documents_request_invoice BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION aktdesk_request_invoice_check();
CREATE TRIGGER document_lines_request_invoice BEFORE INSERT ON document_lines FOR EACH ROW EXECUTE FUNCTION aktdesk_request_invoice_check();

CREATE TRIGGER doc_request_events_stamp BEFORE INSERT ON doc_request_events FOR EACH ROW EXECUTE FUNCTION aktdesk_stamp_event();
CREATE TRIGGER doc_requests_audit AFTER INSERT OR UPDATE OR DELETE ON doc_requests FOR EACH ROW EXECUTE FUNCTION aktdesk_audit('id');
"""


def _sqlite_audit_again(tables: dict[str, str]) -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    audit = _audit_module()
    inspector = sa.inspect(bind)
    for table, key in tables.items():
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_audit_{event}")
        columns = [c["name"] for c in inspector.get_columns(table)]
        for statement in audit.sqlite_audit_triggers(table, key, columns):
            op.execute(statement)


def upgrade() -> None:
    op.create_table(
        "doc_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("initiator", sa.String(100), nullable=False),
        sa.Column("own_entity_id", sa.Integer(), nullable=True),
        sa.Column("counterparty_id", sa.Integer(), nullable=True),
        sa.Column("region", sa.String(100), nullable=False),
        sa.Column("template", sa.String(100), nullable=False),
        sa.Column("wanted", sa.String(200), nullable=False),
        sa.Column("payment_terms", TERMS, nullable=False),
        sa.Column("contract_date", sa.Date(), nullable=True),
        sa.Column("invoice_date", sa.Date(), nullable=True),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("facsimile_allowed", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("state", STATE, nullable=False),
        sa.Column("reject_reason", sa.Text(), nullable=False),
        sa.Column("assignee", sa.String(100), nullable=True),
        sa.Column("number_pending", sa.Boolean(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_doc_requests_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["counterparty_id"],
            ["counterparties.id"],
            name=op.f("fk_doc_requests_counterparty_id_counterparties"),
        ),
        sa.ForeignKeyConstraint(
            ["own_entity_id"], ["own_entities.id"], name=op.f("fk_doc_requests_own_entity_id_own_entities")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_requests")),
    )
    for column in ("initiator", "own_entity_id", "counterparty_id", "state", "contract_id"):
        op.create_index(op.f(f"ix_doc_requests_{column}"), "doc_requests", [column], unique=False)
    op.create_table(
        "doc_request_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("quantity", QUANTITY, nullable=False),
        sa.Column("price", MONEY, nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["doc_requests.id"],
            name=op.f("fk_doc_request_lines_request_id_doc_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"], ["services.id"], name=op.f("fk_doc_request_lines_service_id_services")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_request_lines")),
    )
    op.create_index(
        op.f("ix_doc_request_lines_request_id"), "doc_request_lines", ["request_id"], unique=False
    )
    op.create_table(
        "doc_request_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_login", sa.String(100), nullable=False),
        sa.Column("from_state", STATE, nullable=True),
        sa.Column("to_state", STATE, nullable=True),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["doc_requests.id"],
            name=op.f("fk_doc_request_events_request_id_doc_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_request_events")),
    )
    op.create_index(
        op.f("ix_doc_request_events_request_id"), "doc_request_events", ["request_id"], unique=False
    )
    op.create_table(
        "doc_request_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("what", sa.String(20), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("path", sa.String(1000), nullable=False),
        sa.Column("with_stamp", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["doc_requests.id"],
            name=op.f("fk_doc_request_files_request_id_doc_requests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_doc_request_files_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_doc_request_files_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_request_files")),
    )
    op.create_index(
        op.f("ix_doc_request_files_request_id"), "doc_request_files", ["request_id"], unique=False
    )
    op.create_table(
        "entity_services",
        sa.Column("own_entity_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["own_entity_id"],
            ["own_entities.id"],
            name=op.f("fk_entity_services_own_entity_id_own_entities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["services.id"],
            name=op.f("fk_entity_services_service_id_services"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("own_entity_id", "service_id", name=op.f("pk_entity_services")),
    )
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.add_column(sa.Column("doc_request_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_scans_doc_request_id_doc_requests"),
            "doc_requests",
            ["doc_request_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(batch_op.f("ix_scans_doc_request_id"), ["doc_request_id"], unique=False)
    with op.batch_alter_table("own_entities", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("contract_number_approval", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
        op.execute(_pg(f'"{schema}"' if not schema.isidentifier() else schema))
    _sqlite_audit_again({**REBUILT, "doc_requests": "id"})


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS notifications_signal ON notifications")
        op.execute("DROP TRIGGER IF EXISTS documents_request_invoice ON documents")
        op.execute("DROP TRIGGER IF EXISTS document_lines_request_invoice ON document_lines")
        op.execute(
            "DROP FUNCTION IF EXISTS aktdesk_notification_signal(), aktdesk_doc_request_check(), "
            "aktdesk_request_invoice_check(), aktdesk_doc_request_standard(text)"
        )
    with op.batch_alter_table("own_entities", schema=None) as batch_op:
        batch_op.drop_column("contract_number_approval")
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scans_doc_request_id"))
        batch_op.drop_constraint(batch_op.f("fk_scans_doc_request_id_doc_requests"), type_="foreignkey")
        batch_op.drop_column("doc_request_id")
    for table in (
        "entity_services",
        "doc_request_files",
        "doc_request_events",
        "doc_request_lines",
        "doc_requests",
    ):
        op.drop_table(table)
    _sqlite_audit_again(REBUILT)
