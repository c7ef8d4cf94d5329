"""Fixtures shared by the whole suite: both databases, units of work, keyring, clock.

Every database test runs on SQLite and on MySQL (``JIAZHENG_TEST_MYSQL_URL``, default
the local MariaDB). Without MySQL the MySQL half is skipped, except when ``CI`` is set:
then it fails.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import Engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.config import HashingSettings
from jiazheng_desk.db import WRITE_OPTION, Database, make_engine
from jiazheng_desk.i18n import DEFAULT_LANGUAGE, set_language
from jiazheng_desk.models import Base
from jiazheng_desk.schema import upgrade
from jiazheng_desk.services import pii
from jiazheng_desk.services.auth import configure_hashing
from jiazheng_desk.services.cache import invalidate

MYSQL_SERVER_URL = os.environ.get(
    "JIAZHENG_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test"
)
CHEAP_HASHING = HashingSettings(time_cost=1, memory_kib=8, parallelism=1)
configure_hashing(CHEAP_HASHING)
# a fixed personal-data key for the tests (a real desk keeps its own in the keyring)
TEST_DATA_KEY = "lJ3Z8Qy0k7aYc6vJmQ2n9r1s4t5u6v7w8x9y0zA1B2c="
pii.configure(TEST_DATA_KEY)


class MemoryKeyring(KeyringBackend):
    """The keyring of the tests: a dict (headless Linux has no real one)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _reset_clock() -> Iterator[None]:
    clock.reset()
    invalidate()  # cached lookups of one test's database must not leak into the next
    # a test that switched the language (the desk in English) must not change the next one's
    set_language(DEFAULT_LANGUAGE)
    yield
    clock.reset()
    set_language(DEFAULT_LANGUAGE)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Config, data and logs of every test live in its own folder, never the user's."""
    home = tmp_path / "home"
    monkeypatch.setenv("JIAZHENG_HOME", str(home))
    for var in ("JIAZHENG_DB_URL", "JIAZHENG_CONFIG", "JIAZHENG_LANG", "JIAZHENG_MEDIA_DIR"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("JIAZHENG_ARGON2_TIME_COST", "1")
    monkeypatch.setenv("JIAZHENG_ARGON2_MEMORY_KIB", "8")
    monkeypatch.setenv("JIAZHENG_ARGON2_PARALLELISM", "1")
    monkeypatch.setenv("JIAZHENG_DATA_KEY", TEST_DATA_KEY)
    return home


# --- MySQL ---------------------------------------------------------------------------


def _mysql_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"MySQL is required in CI and is not usable: {reason}", pytrace=False)
    pytest.skip(f"MySQL not available: {reason}")


class MySQLServer:
    """Creates and drops scratch databases on the test server."""

    def __init__(self, url: str) -> None:
        self.url = make_url(url)
        self.admin = make_engine(self.url, pool_size=1, max_overflow=2)
        self.created: list[str] = []

    def create_database(self, prefix: str = "jiazheng_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.admin.connect() as conn:
            conn.execute(
                text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
            )
        self.created.append(name)
        return name

    def drop_database(self, name: str) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
        if name in self.created:
            self.created.remove(name)

    def url_for(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def mysql_server() -> Iterator[MySQLServer]:
    try:
        server = MySQLServer(MYSQL_SERVER_URL)
        with server.admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        _mysql_unavailable(f"{MYSQL_SERVER_URL}: {exc}")
        raise  # unreachable: skip/fail raise
    yield server
    for name in list(server.created):
        server.drop_database(name)
    server.admin.dispose()


@pytest.fixture(scope="session")
def mysql_engine(mysql_server: MySQLServer) -> Iterator[Engine]:
    name = mysql_server.create_database()
    engine = make_engine(mysql_server.url_for(name))
    upgrade(engine)
    yield engine
    engine.dispose()
    mysql_server.drop_database(name)


# --- SQLite --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file; tests that commit get a copy of it."""
    path = tmp_path_factory.mktemp("sqlite") / "template.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


@pytest.fixture(scope="session")
def sqlite_engine(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("sqlite-shared") / "shared.sqlite3"
    shutil.copy(sqlite_template, path)
    engine = make_engine(f"sqlite:///{path}")
    yield engine
    engine.dispose()


# --- the fixtures tests use ----------------------------------------------------------


@pytest.fixture(params=["sqlite", "mysql"])
def engine(request: pytest.FixtureRequest) -> Engine:
    """A migrated engine, once per database kind."""
    return request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def db(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test.

    Service code may flush and even commit (savepoints); nothing reaches other tests.
    """
    conn = engine.connect().execution_options(**{WRITE_OPTION: True})
    outer = conn.begin()
    session = Session(bind=conn, join_transaction_mode="create_savepoint", expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()
        outer.rollback()
        conn.close()


def _clear_all_tables(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "mysql":
            conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS=0")
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        if engine.dialect.name == "mysql":
            conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS=1")


@pytest.fixture(params=["sqlite", "mysql"])
def live_db(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path
) -> Iterator[Database]:
    """A clean, committing database for threads, the desk and whole units of work."""
    if request.param == "sqlite":
        path = tmp_path / "live.sqlite3"
        shutil.copy(sqlite_template, path)
        database = Database(make_engine(f"sqlite:///{path}"))
        yield database
        database.dispose()
    else:
        engine = request.getfixturevalue("mysql_engine")
        _clear_all_tables(engine)
        database = Database(make_engine(engine.url, pool_size=20, max_overflow=20))
        yield database
        database.dispose()
        _clear_all_tables(engine)


@pytest.fixture
def mysql_live_db(request: pytest.FixtureRequest) -> Iterator[Database]:
    """A clean committing MySQL database (concurrency tests that only MySQL can prove)."""
    engine = request.getfixturevalue("mysql_engine")
    _clear_all_tables(engine)
    database = Database(make_engine(engine.url, pool_size=32, max_overflow=32))
    yield database
    database.dispose()
    _clear_all_tables(engine)
