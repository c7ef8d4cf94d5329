"""Declarative base, column types and conventions shared by every table.

- ids are BIGINT on MySQL and INTEGER (the rowid alias, so autoincrement works) on SQLite;
- times are stored as naive UTC and read back as aware UTC datetimes; a naive datetime
  handed in is a bug and is refused;
- money columns end in ``_fen`` and are BIGINT fen;
- MySQL tables are InnoDB utf8mb4 (Chinese and emoji round-trip).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, MetaData, String, Table
from sqlalchemy.dialects import mysql
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from jiazheng_desk import clock

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MYSQL_TABLE_OPTIONS: dict[str, Any] = {
    "mysql_engine": "InnoDB",
    "mysql_charset": "utf8mb4",
    "mysql_collate": "utf8mb4_unicode_ci",
}

ID = BigInteger().with_variant(Integer(), "sqlite")
FEN = BigInteger()


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime stored as naive UTC (microseconds kept on MySQL)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> Any:
        if dialect.name in ("mysql", "mariadb"):
            return dialect.type_descriptor(mysql.DATETIME(fsp=6))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; use clock.now()")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime()}


def table_args(*items: Any) -> tuple[Any, ...]:
    """``__table_args__`` with the MySQL options appended after indexes and constraints."""
    return (*items, MYSQL_TABLE_OPTIONS)


def id_column() -> Mapped[int]:
    return mapped_column(ID, primary_key=True, autoincrement=True)


def fen_column(*, nullable: bool = False, default: int | None = 0) -> Mapped[int]:
    return mapped_column(FEN, nullable=nullable, default=default)


def created_column() -> Mapped[datetime]:
    return mapped_column(UTCDateTime(), nullable=False, default=clock.now)


def code_column(length: int = 32, **kw: Any) -> Mapped[str]:
    return mapped_column(String(length), nullable=False, **kw)


def fk(target: str, *, ondelete: str | None = None) -> Mapped[int]:
    """A required BIGINT foreign key with its own index (MySQL would add one anyway)."""
    return mapped_column(ID, ForeignKey(target, ondelete=ondelete), nullable=False, index=True)


def fk_opt(target: str, *, ondelete: str | None = None) -> Mapped[int | None]:
    """An optional BIGINT foreign key with its own index."""
    return mapped_column(ID, ForeignKey(target, ondelete=ondelete), nullable=True, index=True)


def table_of(model: type[Base]) -> Table:
    """A model's ``Table``, typed for Core statements (hot paths skip the ORM)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


def inserted_id(result: Any) -> int:
    """The primary key a Core ``INSERT`` just wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
