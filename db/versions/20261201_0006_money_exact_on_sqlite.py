"""money exact on SQLite: amounts and quantities stored as integers of kopecks / thousandths

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 23:20:00

SQLite kept the NUMERIC columns as REAL (about 15 significant digits): 998 999 999 999 990.01 came
back as 998 999 999 999 990. The models' ``ExactDecimal`` stores on SQLite the value times
10**places as an INTEGER; this converts the values of an existing file (rounding each REAL to the
nearest kopeck / thousandth, which is what it stood for) and changes the declared column types
(batch mode: SQLite rebuilds each table). PostgreSQL keeps its NUMERIC columns, already exact.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table → (column, places, nullable)
COLUMNS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    'agreement_changes': (('quantity', 3, True), ('price', 2, True)),
    'bank_payments': (('amount', 2, False), ('allocated_amount', 2, False)),
    'contract_lines': (('quantity', 3, False), ('price', 2, False)),
    'document_lines': (
        ('quantity', 3, False),
        ('price', 2, False),
        ('amount_net', 2, False),
        ('amount_vat', 2, False),
        ('amount_total', 2, False),
    ),
    'documents': (('amount_net', 2, False), ('amount_vat', 2, False), ('amount_total', 2, False), ('paid_amount', 2, False)),
    'payment_allocations': (('amount', 2, False),),
    'payment_requests': (('amount', 2, False),),
    'work_orders': (('quantity', 3, False),),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table, columns in COLUMNS.items():
        for column, places, _nullable in columns:
            op.execute(
                f'UPDATE {table} SET {column} = CAST(ROUND({column} * {10**places}) AS INTEGER)'
                f' WHERE {column} IS NOT NULL'
            )
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, places, nullable in columns:
                batch_op.alter_column(
                    column,
                    existing_type=sa.Numeric(precision=18, scale=places),
                    type_=sa.BigInteger(),
                    existing_nullable=nullable,
                )


def downgrade() -> None:
    if op.get_bind().dialect.name != 'sqlite':
        return
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, places, nullable in columns:
                batch_op.alter_column(
                    column,
                    existing_type=sa.BigInteger(),
                    type_=sa.Numeric(precision=18, scale=places),
                    existing_nullable=nullable,
                )
        for column, places, _nullable in columns:
            op.execute(f'UPDATE {table} SET {column} = {column} / {10**places}.0 WHERE {column} IS NOT NULL')
