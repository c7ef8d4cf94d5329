"""Schema versions: upgrade, current revision, and whether a database fits this build.

The desk upgrades its embedded SQLite by itself; against MySQL it refuses to start on an
older schema and says which command to run (other desks may still be on the old build).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from jiazheng_desk.db import DatabaseError, display_target, friendly_error
from jiazheng_desk.i18n import t

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


class SchemaError(DatabaseError):
    """The database's schema does not fit this build; the message says what to run."""


@dataclass(frozen=True)
class SchemaStatus:
    current: str | None
    head: str
    # ok | empty | older | newer
    state: str


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    head = ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise RuntimeError("no migrations found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def schema_status(engine: Engine) -> SchemaStatus:
    """Compare the database's revision with this build's head."""
    try:
        current = current_revision(engine)
    except Exception as exc:
        raise DatabaseError(friendly_error(exc, engine.url)) from exc
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = head_revision()
    if current is None:
        state = "empty"
    elif current == head:
        state = "ok"
    else:
        known = {rev.revision for rev in script.walk_revisions()}
        state = "older" if current in known else "newer"
    return SchemaStatus(current=current, head=head, state=state)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision``."""
    try:
        command.upgrade(alembic_config(engine), revision)
    except Exception as exc:
        raise DatabaseError(friendly_error(exc, engine.url)) from exc


def check_drift(engine: Engine) -> None:
    """Raise when the models and the migrations disagree (alembic check)."""
    command.check(alembic_config(engine))


def table_names(engine: Engine) -> list[str]:
    return inspect(engine).get_table_names()


def ensure_schema(engine: Engine, *, auto_upgrade: bool) -> SchemaStatus:
    """Upgrade (embedded) or refuse with the command to run (shared MySQL)."""
    status = schema_status(engine)
    if status.state == "ok":
        return status
    params = {
        "target": display_target(engine.url),
        "url": engine.url.render_as_string(hide_password=True),
        "current": status.current,
        "head": status.head,
    }
    if status.state == "newer":
        raise SchemaError(t("schema.newer", **params))
    if auto_upgrade:
        upgrade(engine)
        return schema_status(engine)
    raise SchemaError(t(f"schema.{status.state}", **params))
