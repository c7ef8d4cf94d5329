"""Alembic environment: runs on the engine handed in by ``schema.alembic_config``."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Engine, Float

import jiazheng_desk.models  # noqa: F401  (registers every table)
from jiazheng_desk.db import make_engine
from jiazheng_desk.models.base import Base

config = context.config
target_metadata = Base.metadata


def _compare_type(
    context: Any, inspected_column: Any, metadata_column: Any, inspected: Any, metadata: Any
) -> bool | None:
    """SQLite has one REAL type: FLOAT and DOUBLE columns are the same there."""
    if (
        context.dialect.name == "sqlite"
        and isinstance(inspected, Float)
        and isinstance(metadata, Float)
    ):
        return False
    return None  # Alembic's own comparison


def _engine() -> Engine:
    engine = config.attributes.get("engine")
    if isinstance(engine, Engine):
        return engine
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no engine or sqlalchemy.url given to the migrations")
    return make_engine(url)


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        user_module_prefix="jz_types.",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=_compare_type,
            user_module_prefix="jz_types.",
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
