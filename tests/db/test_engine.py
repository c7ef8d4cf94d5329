"""The engine factory: SQLite pragmas and write locking, UTC times, readable errors."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text

from jiazheng_desk.db import (
    Database,
    DatabaseError,
    friendly_error,
    make_engine,
    parse_url,
    ping,
)
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import Branch, District
from jiazheng_desk.services.errors import AuthenticationError
from tests.factories import make_branch


def test_sqlite_has_wal_foreign_keys_and_a_busy_timeout(sqlite_engine):
    with sqlite_engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 10_000


def test_foreign_keys_are_enforced(live_db):
    with pytest.raises(Exception, match=r"(?i)foreign key"), live_db.session(write=True) as s:
        s.add(
            District(
                branch_id=987654, city="上海", name="不存在的区", center_lat=31.0, center_lng=121.0
            )
        )
        s.flush()


def test_times_round_trip_as_aware_utc_and_naive_ones_are_refused(db):
    shanghai = timezone(timedelta(hours=8))
    branch = make_branch(db)
    branch.created_at = datetime(2026, 11, 21, 18, 30, 15, 123456, tzinfo=shanghai)
    db.flush()
    db.expire_all()
    loaded = db.get(Branch, branch.id)
    assert loaded.created_at == datetime(2026, 11, 21, 10, 30, 15, 123456, tzinfo=UTC)
    assert loaded.created_at.tzinfo is UTC
    loaded.created_at = datetime(2026, 1, 1, 0, 0)  # naive
    with pytest.raises(Exception, match="naive datetime"):
        db.flush()


def test_write_units_of_work_are_serialised_check_then_insert(live_db):
    """Two writers each check a count and insert if below the limit: never both."""
    with live_db.session(write=True) as s:
        branch_id = make_branch(s, districts=()).id
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def claim(n: int) -> None:
        try:
            barrier.wait()
            with live_db.session(write=True) as s:
                branch = s.get(Branch, branch_id, with_for_update=True)
                count = s.scalar(
                    select(func.count(District.id)).where(District.branch_id == branch_id)
                )
                if count == 0:
                    s.add(
                        District(
                            branch_id=branch.id,
                            city="上海",
                            name=f"唯一区{n}",
                            center_lat=31.0,
                            center_lng=121.0,
                        )
                    )
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=claim, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    with live_db.session() as s:
        assert s.scalar(select(func.count(District.id)).where(District.branch_id == branch_id)) == 1


def test_an_error_that_must_be_kept_is_committed(live_db):
    class Refused(AuthenticationError):
        pass

    with pytest.raises(Refused), live_db.session(write=True) as s:
        make_branch(s, code="KEEP", districts=())
        raise Refused("auth.wrong_password")
    with live_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Branch).where(Branch.code == "KEEP")) == 1


# --- bad input gives readable messages -------------------------------------------------


@pytest.mark.parametrize("url", ["nonsense", "postgresql://u@h/db", "mysql+pymysql://h:notaport/x"])
def test_bad_urls_are_refused_readably(url):
    set_language("en")
    with pytest.raises(DatabaseError) as err:
        make_engine(parse_url(url)) if "notaport" not in url else ping(make_engine(url))
    assert "Traceback" not in str(err.value)
    assert str(err.value)


def test_unreachable_host_says_so():
    set_language("en")
    engine = make_engine("mysql+pymysql://root@127.0.0.1:1/nowhere")
    with pytest.raises(DatabaseError) as err:
        ping(engine)
    assert "Cannot reach the database server 127.0.0.1:1" in str(err.value)


def test_wrong_mysql_password_says_how_to_fix_it(mysql_server):
    set_language("en")
    url = mysql_server.url.set(username="nobody_here", password="wrong")
    with pytest.raises(DatabaseError) as err:
        ping(make_engine(url))
    assert "refused the login for user nobody_here" in str(err.value)
    assert "jiazheng-desk config db" in str(err.value)


def test_unknown_mysql_database(mysql_server):
    set_language("zh_CN")
    with pytest.raises(DatabaseError) as err:
        ping(make_engine(mysql_server.url.set(database="no_such_db_here")))
    assert "没有名为 no_such_db_here 的数据库" in str(err.value)


def test_a_full_disk_is_reported_and_nothing_half_written(tmp_path, sqlite_template):
    """SQLite's max_page_count makes the database full the way a full disk does."""
    import shutil

    path = tmp_path / "full.sqlite3"
    shutil.copy(sqlite_template, path)
    database = Database(make_engine(f"sqlite:///{path}"))
    with database.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    set_language("en")

    def fill() -> None:
        with database.session(write=True) as s:
            s.connection().exec_driver_sql(f"PRAGMA max_page_count={pages + 2}")
            for i in range(2000):
                s.add(Branch(code=f"F{i}", name="满" * 60, city="上海", address="地" * 200))
            s.flush()

    with pytest.raises(Exception, match=r"(?i)full") as err:
        fill()
    message = friendly_error(err.value)
    assert message.startswith("The disk is full; nothing was written")
    with database.session() as s:
        assert s.scalar(select(func.count()).select_from(Branch)) == 0
    database.dispose()


def test_sqlite_file_in_an_unwritable_place_is_readable():
    set_language("en")
    with pytest.raises(DatabaseError) as err:
        ping(make_engine("sqlite:////proc/no/such/dir/x.sqlite3"))
    assert "Cannot open the database file" in str(err.value)


def test_mysql_session_runs_in_utc_and_read_committed(mysql_engine):
    with mysql_engine.connect() as conn:
        assert conn.execute(text("SELECT @@session.time_zone")).scalar() == "+00:00"
        assert conn.get_isolation_level() == "READ COMMITTED"


def test_a_connection_killed_while_idle_is_replaced_transparently(
    mysql_live_db, mysql_server, monkeypatch
):
    import jiazheng_desk.db as dbmod

    database = mysql_live_db
    with database.session() as s:
        first = s.execute(text("SELECT CONNECTION_ID()")).scalar()
    with mysql_server.admin.connect() as conn:
        conn.execute(text(f"KILL {int(first)}"))
    later = dbmod._idle_clock() + dbmod.IDLE_PING_SECONDS + 1
    monkeypatch.setattr(dbmod, "_idle_clock", lambda: later)
    with database.session() as s:
        second = s.execute(text("SELECT CONNECTION_ID()")).scalar()
    assert second != first
