"""coordinates as double precision (MySQL FLOAT kept only ~6 digits, about 100 m)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 00:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ("branch", "lat", True),
    ("branch", "lng", True),
    ("district", "center_lat", False),
    ("district", "center_lng", False),
    ("customer_address", "lat", False),
    ("customer_address", "lng", False),
    ("worker", "home_lat", True),
    ("worker", "home_lng", True),
    ("orders", "lat", True),
    ("orders", "lng", True),
    ("service_record", "lat", True),
    ("service_record", "lng", True),
)


def _alter(to_double: bool) -> None:
    # SQLite stores every REAL as a double already; only MySQL/MariaDB need the change
    if op.get_bind().dialect.name != "mysql":
        return
    new, old = (sa.Double(), sa.Float()) if to_double else (sa.Float(), sa.Double())
    for table, column, nullable in COLUMNS:
        op.alter_column(table, column, type_=new, existing_type=old, existing_nullable=nullable)


def upgrade() -> None:
    _alter(True)


def downgrade() -> None:
    _alter(False)
