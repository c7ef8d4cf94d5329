"""Migrations run from empty to head on both databases and match the models exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from jiazheng_desk import schema
from jiazheng_desk.db import make_engine
from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import Base


@pytest.fixture(params=["sqlite", "mysql"])
def empty_engine(request, tmp_path):
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
        yield engine
        engine.dispose()
    else:
        server = request.getfixturevalue("mysql_server")
        name = server.create_database("jiazheng_mig")
        engine = make_engine(server.url_for(name))
        yield engine
        engine.dispose()
        server.drop_database(name)


def test_upgrade_from_empty_to_head_creates_every_table(empty_engine):
    assert schema.schema_status(empty_engine).state == "empty"
    schema.upgrade(empty_engine)
    status = schema.schema_status(empty_engine)
    assert status.state == "ok" and status.current == schema.head_revision()
    tables = set(inspect(empty_engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_alembic_check_finds_no_drift(empty_engine):
    schema.upgrade(empty_engine)
    schema.check_drift(empty_engine)  # raises when models and migrations disagree


def test_mysql_tables_are_innodb_utf8mb4(mysql_engine):
    with mysql_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT table_name, engine, table_collation FROM information_schema.tables "
                "WHERE table_schema = DATABASE() AND table_name <> 'alembic_version'"
            )
        ).all()
    assert rows
    assert {r[1] for r in rows} == {"InnoDB"}
    assert all(r[2].startswith("utf8mb4") for r in rows)


def test_downgrade_to_base_and_up_again(empty_engine):
    from alembic import command

    schema.upgrade(empty_engine)
    command.downgrade(schema.alembic_config(empty_engine), "base")
    assert not (set(inspect(empty_engine).get_table_names()) & set(Base.metadata.tables))
    schema.upgrade(empty_engine)
    assert schema.schema_status(empty_engine).state == "ok"


def test_older_schema_is_refused_with_the_command_to_run(empty_engine):
    set_language("en")
    with pytest.raises(schema.SchemaError) as err:
        schema.ensure_schema(empty_engine, auto_upgrade=False)
    assert "jiazheng-desk db upgrade --db" in str(err.value)
    schema.upgrade(empty_engine)
    with empty_engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(schema.SchemaError) as err:
        schema.ensure_schema(empty_engine, auto_upgrade=False)
    assert "newer version" in str(err.value)


def test_embedded_database_upgrades_itself(empty_engine):
    status = schema.ensure_schema(empty_engine, auto_upgrade=True)
    assert status.state == "ok"
