"""The one engine factory and the unit of work.

SQLite (the embedded desk database and the tests): WAL, foreign keys, a busy timeout,
and the driver's own transaction handling switched off so that a *write* unit of work
starts with ``BEGIN IMMEDIATE``. With a plain deferred ``BEGIN`` in WAL mode a
check-then-insert is not atomic and a second writer fails with "database is locked",
which the busy timeout does not cover (MEASURED.md).

MySQL/MariaDB: utf8mb4, InnoDB, ``pool_pre_ping``, UTC session time zone, strict SQL
mode and READ COMMITTED, so a row lock taken after an earlier read in the same
transaction still sees what others committed (REPEATABLE READ's snapshot would not).
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from jiazheng_desk.config import ConfigError, TlsSettings, describe_db_url, load_secret
from jiazheng_desk.i18n import t

log = logging.getLogger(__name__)

WRITE_OPTION = "jiazheng_write"
SQLITE_BUSY_TIMEOUT_S = 30


class DatabaseError(Exception):
    """The database cannot be used; the message says why in words a person can act on."""


def parse_url(url: str | URL) -> URL:
    """Parse a database URL, refusing anything but MySQL/MariaDB and SQLite."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (sa_exc.ArgumentError, ValueError):
        raise DatabaseError(t("db.bad_url", url=url)) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "mysql", "mariadb"):
        raise DatabaseError(t("db.unsupported", dialect=backend))
    if backend in ("mysql", "mariadb") and parsed.get_driver_name() not in ("pymysql",):
        parsed = parsed.set(drivername=f"{backend}+pymysql")
    return parsed


def secret_name(url: URL) -> str:
    """The keyring entry that holds this database's password."""
    return f"db:{url.username or ''}@{url.host or ''}:{url.port or 3306}/{url.database or ''}"


def without_password(url: URL) -> URL:
    """The URL with no password in it (``URL.set`` treats None as "leave unchanged")."""
    return url._replace(password=None)


def with_stored_password(url: URL) -> URL:
    """Fill in the password from the keyring when the URL has none."""
    if url.get_backend_name() == "sqlite" or url.password:
        return url
    stored = load_secret(secret_name(url))
    return url.set(password=stored) if stored else url


def display_target(url: str | URL) -> str:
    """How the database is named in the status bar and messages (never the password)."""
    text = url.render_as_string(hide_password=True) if isinstance(url, URL) else url
    return describe_db_url(text)


def is_sqlite(engine_or_url: Engine | URL | str) -> bool:
    url = engine_or_url.url if isinstance(engine_or_url, Engine) else parse_url(engine_or_url)
    return url.get_backend_name() == "sqlite"


def tls_context(tls: TlsSettings) -> ssl.SSLContext | None:
    """An SSL context for the configured mode, or None when TLS is off."""
    if tls.mode == "off":
        return None
    try:
        if tls.mode == "required":
            ctx = ssl.create_default_context()
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        else:
            ctx = ssl.create_default_context(cafile=tls.ca)
            ctx.check_hostname = tls.mode == "verify_identity"
            ctx.verify_mode = ssl.CERT_REQUIRED
        if tls.cert:
            ctx.load_cert_chain(tls.cert, tls.key)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(t("db.tls_failed", detail=exc)) from exc
    return ctx


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    path = url.database
    if path and path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(t("db.cannot_open", path=path, detail=exc.strerror)) from exc
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # we issue BEGIN ourselves (below); pysqlite's implicit BEGIN would be deferred
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        if path and path != ":memory:":
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def _mysql_engine(
    url: URL, *, tls: TlsSettings | None, echo: bool, pool_size: int, max_overflow: int
) -> Engine:
    url = with_stored_password(url).update_query_dict({"charset": "utf8mb4"})
    connect_args: dict[str, Any] = {
        "connect_timeout": 10,
        "read_timeout": 120,
        "write_timeout": 120,
        "init_command": (
            "SET time_zone='+00:00', "
            "sql_mode='STRICT_TRANS_TABLES,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION'"
        ),
    }
    ctx = tls_context(tls) if tls else None
    if ctx is not None:
        connect_args["ssl"] = ctx
    engine = create_engine(
        url,
        echo=echo,
        # see _ping_when_idle: a ping on every checkout costs a round trip per booking
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_recycle=3600,
        pool_timeout=30,
        # units of work always end with COMMIT or ROLLBACK (Session and Connection do it);
        # the pool's own ROLLBACK on return would be one more round trip per booking
        pool_reset_on_return=None,
        isolation_level="READ COMMITTED",
        connect_args=connect_args,
    )
    _ping_when_idle(engine)
    return engine


IDLE_PING_SECONDS = 10.0


def _idle_clock() -> float:
    return time.monotonic()


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection before use only when it sat idle for a while.

    A connection that was just used is alive; one that idled may have been dropped by the
    server, a NAT or the branch office's link. A dead one raises ``DisconnectionError``, and
    the pool replaces it with a fresh connection before the work starts.
    """

    @event.listens_for(engine, "checkin")
    def _checkin(_dbapi_conn: Any, record: Any) -> None:
        record.info["idle_since"] = _idle_clock()

    @event.listens_for(engine, "checkout")
    def _checkout(dbapi_conn: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or _idle_clock() - since < IDLE_PING_SECONDS:
            return
        try:
            dbapi_conn.ping(reconnect=False)
        except Exception as exc:
            raise sa_exc.DisconnectionError(str(exc)) from exc


def make_engine(
    url: str | URL,
    *,
    tls: TlsSettings | None = None,
    echo: bool = False,
    pool_size: int = 5,
    max_overflow: int = 10,
) -> Engine:
    """Create the engine for a database URL with the settings this project relies on."""
    parsed = parse_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo=echo)
    return _mysql_engine(parsed, tls=tls, echo=echo, pool_size=pool_size, max_overflow=max_overflow)


def ping(engine: Engine) -> None:
    """Open a connection and run a trivial query; raise DatabaseError with the reason."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:
        raise DatabaseError(friendly_error(exc, engine.url)) from exc


class Database:
    """An engine with its session factories: the unit of work of every face."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._write = sessionmaker(
            bind=engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    @property
    def url(self) -> URL:
        return self.engine.url

    @property
    def label(self) -> str:
        return display_target(self.engine.url)

    @property
    def embedded(self) -> bool:
        return is_sqlite(self.engine)

    @contextmanager
    def session(self, *, write: bool = False) -> Iterator[Session]:
        """One unit of work: commit on success, roll back on error.

        An exception with ``commit_before_raise = True`` (a refused login that must still
        count the wrong password) commits what was written before it propagates.
        """
        factory = self._write if write else self._read
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException as exc:
            if getattr(exc, "commit_before_raise", False):
                session.commit()
            else:
                session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


@dataclass(frozen=True)
class _Known:
    codes: tuple[int, ...]
    key: str


_MYSQL_ERRORS = (
    _Known((2003, 2005, 2006, 2013), "db.unreachable"),
    _Known((1045, 1044, 1698), "db.access_denied"),
    _Known((1049,), "db.unknown_database"),
    _Known((1114, 1021, 3), "db.disk_full"),
)


def friendly_error(exc: BaseException, url: URL | None = None) -> str:
    """Translate a driver or SQLAlchemy error into a sentence a person can act on."""
    if isinstance(exc, DatabaseError | ConfigError):
        return str(exc)
    orig = getattr(exc, "orig", None) or exc
    text = str(orig)
    args: tuple[Any, ...] = tuple(getattr(orig, "args", ()))
    code = args[0] if args and isinstance(args[0], int) else None
    host = f"{url.host}:{url.port or 3306}" if url is not None and url.host else "?"
    low = text.lower()
    # before the codes: PyMySQL reports a failed certificate check as 2003 "can't connect"
    if isinstance(orig, ssl.SSLError) or any(w in low for w in ("ssl", "tls", "certificate")):
        return t("db.tls_failed", detail=text)
    if code is not None:
        for known in _MYSQL_ERRORS:
            if code in known.codes:
                return t(
                    known.key,
                    host=host,
                    user=url.username if url is not None else "?",
                    name=url.database if url is not None else "?",
                    detail=args[1] if len(args) > 1 else text,
                )
    if "disk is full" in low or "no space left" in low:
        return t("db.disk_full", detail=text)
    if "unable to open database" in low:
        path = url.database if url is not None else "?"
        return t("db.cannot_open", path=path, detail=text)
    if "database is locked" in low:
        return t("db.locked")
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return t("db.connection_lost", detail=text)
    if isinstance(orig, OSError):
        return t("db.unreachable", host=host, detail=text)
    return t("db.error", detail=text)


def is_connection_error(exc: BaseException) -> bool:
    """True when the error means the database is not reachable (rather than a bad query)."""
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    if isinstance(exc, sa_exc.OperationalError):
        args: tuple[Any, ...] = tuple(getattr(exc.orig, "args", ()))
        return bool(args) and args[0] in (2003, 2005, 2006, 2013)
    return isinstance(exc, sa_exc.TimeoutError)
