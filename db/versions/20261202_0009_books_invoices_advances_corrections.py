"""the books: separate, advance and corrective счета-фактуры, one chronological sequence

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 14:00:00

* ``documents.basis_id`` (an advance счёт-фактура → its prepayment invoice; a УКД → the document it
  corrects) and ``documents.payment_id`` (an advance счёт-фактура → its receipt);
* the one-document-per-period key becomes a partial unique index over the kinds that have one per
  period (act, invoice, UPD, счёт-фактура); advance счета-фактуры get one per receipt and invoice;
* ``document_lines.*_before``: a УКД line's values before the change (line А of appendix 2);
* ``contracts.sf_waived`` / ``sf_waiver_basis``: the buyer agreed not to receive счета-фактуры;
* the sequence ``sf`` of each entity and year starts after its UPDs with status 1, which now take
  their numbers from it (docs/domain.md, «Счета-фактуры»).

SQLite rebuilds ``documents`` (batch mode) and gets the audit triggers of ``documents`` and
``contracts`` again, with the new columns.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONE_PER_PERIOD = "\"current\" AND kind IN ('act', 'invoice', 'upd', 'sf')"
ADVANCE_PER_RECEIPT = "\"current\" AND kind = 'sf_advance'"
MONEY = sa.Numeric(18, 2).with_variant(sa.BigInteger(), 'sqlite')
QUANTITY = sa.Numeric(18, 3).with_variant(sa.BigInteger(), 'sqlite')
AUDITED_HERE = {'documents': 'id', 'contracts': 'id'}


def _audit_module():  # noqa: ANN202 - the migration module of 0007, loaded by its file
    path = next(Path(__file__).parent.glob('*_0007_*.py'))
    spec = importlib.util.spec_from_file_location('aktdesk_migration_0007', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sqlite_audit_again() -> None:
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        return
    audit = _audit_module()
    inspector = sa.inspect(bind)
    for table, key in AUDITED_HERE.items():
        for event in ('insert', 'update', 'delete'):
            op.execute(f'DROP TRIGGER IF EXISTS {table}_audit_{event}')
        columns = [c['name'] for c in inspector.get_columns(table)]
        for statement in audit.sqlite_audit_triggers(table, key, columns):
            op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('basis_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('payment_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_documents_basis_id_documents'), 'documents', ['basis_id'], ['id'])
        batch_op.create_foreign_key(
            batch_op.f('fk_documents_payment_id_bank_payments'), 'bank_payments', ['payment_id'], ['id']
        )
        batch_op.create_index(batch_op.f('ix_documents_basis_id'), ['basis_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_payment_id'), ['payment_id'], unique=False)
        batch_op.drop_constraint('uq_documents_contract_id_period_kind_stage_current', type_='unique')
    op.create_index(
        'uq_documents_contract_period_kind_stage',
        'documents',
        ['contract_id', 'period', 'kind', 'stage'],
        unique=True,
        sqlite_where=sa.text(ONE_PER_PERIOD),
        postgresql_where=sa.text(ONE_PER_PERIOD),
    )
    op.create_index(
        'uq_documents_advance_per_receipt',
        'documents',
        ['payment_id', 'basis_id'],
        unique=True,
        sqlite_where=sa.text(ADVANCE_PER_RECEIPT),
        postgresql_where=sa.text(ADVANCE_PER_RECEIPT),
    )
    with op.batch_alter_table('document_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quantity_before', QUANTITY, nullable=True))
        for name in ('price_before', 'amount_net_before', 'amount_vat_before', 'amount_total_before'):
            batch_op.add_column(sa.Column(name, MONEY, nullable=True))
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sf_waived', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column('sf_waiver_basis', sa.String(200), nullable=False, server_default=''))
    # UPDs with status 1 now number in the entity's счёт-фактура sequence: start it after them.
    op.execute(
        "INSERT INTO number_sequences (own_entity_id, kind, year, last_value) "
        "SELECT own_entity_id, 'sf', year, max(seq) FROM documents "
        "WHERE kind = 'upd' AND upd_status = 1 GROUP BY own_entity_id, year"
    )
    _sqlite_audit_again()


def downgrade() -> None:
    op.execute("DELETE FROM number_sequences WHERE kind = 'sf'")
    with op.batch_alter_table('contracts', schema=None) as batch_op:
        batch_op.drop_column('sf_waiver_basis')
        batch_op.drop_column('sf_waived')
    with op.batch_alter_table('document_lines', schema=None) as batch_op:
        for name in ('amount_total_before', 'amount_vat_before', 'amount_net_before', 'price_before', 'quantity_before'):
            batch_op.drop_column(name)
    op.drop_index('uq_documents_advance_per_receipt', table_name='documents')
    op.drop_index('uq_documents_contract_period_kind_stage', table_name='documents')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f('uq_documents_contract_id_period_kind_stage_current'),
            ['contract_id', 'period', 'kind', 'stage', 'current'],
        )
        batch_op.drop_index(batch_op.f('ix_documents_payment_id'))
        batch_op.drop_index(batch_op.f('ix_documents_basis_id'))
        batch_op.drop_constraint(batch_op.f('fk_documents_payment_id_bank_payments'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('fk_documents_basis_id_documents'), type_='foreignkey')
        batch_op.drop_column('payment_id')
        batch_op.drop_column('basis_id')
    _sqlite_audit_again()
