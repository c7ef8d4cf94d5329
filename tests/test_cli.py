"""The command line: readable lines and exit codes, passwords into the keyring only."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from jiazheng_desk.cli import main
from jiazheng_desk.config import load_secret, load_settings
from jiazheng_desk.schema import head_revision


def test_db_upgrade_then_current_on_the_embedded_database(capsys):
    assert main(["db", "current"]) == 0
    assert "empty" in capsys.readouterr().out
    head = head_revision()
    assert main(["db", "upgrade"]) == 0
    assert f"-> {head}" in capsys.readouterr().out
    assert main(["db", "current"]) == 0
    assert f"(head {head}, ok)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "en", "db", "current", "--db", "nonsense://"], "Unsupported database"),
        (
            ["--lang", "en", "db", "current", "--db", "mysql+pymysql://root@127.0.0.1:1/x"],
            "Cannot reach the database server 127.0.0.1:1",
        ),
        (["--lang", "en", "db", "upgrade", "--db", "not a url at all"], "Invalid database URL"),
    ],
)
def test_bad_databases_give_one_readable_line(capsys, args, expected):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err


def test_config_db_stores_the_password_in_the_keyring_not_the_file(
    monkeypatch, capsys, mysql_server, memory_keyring
):
    url = mysql_server.url_for("test")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert main(["config", "db", url, "--password-stdin"]) == 0
    out = capsys.readouterr().out
    assert "schema" in out or "结构" in out
    settings = load_settings()
    assert settings.db_url == url
    text = settings.paths.config_file.read_text(encoding="utf-8")
    assert "password" not in text


def test_config_db_moves_a_password_out_of_the_url(monkeypatch, capsys, memory_keyring):
    url = "mysql+pymysql://clerk:Hunter22@db.branch.example:3306/jiazheng"
    assert main(["--lang", "en", "config", "db", url, "--no-check"]) == 0
    captured = capsys.readouterr()
    assert "moved to the keyring" in captured.err
    text = load_settings().paths.config_file.read_text(encoding="utf-8")
    assert "Hunter22" not in text and "clerk@db.branch.example" in text
    assert load_secret("db:clerk@db.branch.example:3306/jiazheng") == "Hunter22"


def test_config_db_with_a_wrong_password_saves_nothing(monkeypatch, capsys, mysql_server):
    url = mysql_server.url.set(username="nobody_here", database="test").render_as_string(
        hide_password=False
    )
    monkeypatch.setattr(sys, "stdin", io.StringIO("wrong\n"))
    assert main(["--lang", "en", "config", "db", url, "--password-stdin"]) == 2
    assert "refused the login" in capsys.readouterr().err
    assert load_settings().db_url is None


def test_config_show_and_language(capsys):
    assert main(["config", "language", "en"]) == 0
    assert load_settings().language == "en"
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert "embedded SQLite" in out and "language    : en" in out


def test_the_installed_entry_point_runs(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "jiazheng_desk",
            "--lang",
            "en",
            "db",
            "current",
            "--db",
            "mysql+pymysql://root@127.0.0.1:1/x",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Cannot reach" in result.stderr and "Traceback" not in result.stderr


def test_demo_refuses_a_database_with_data_in_one_line(capsys, tmp_path):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main(["db", "upgrade", "--db", url]) == 0
    from jiazheng_desk.db import Database, make_engine
    from tests.factories import make_branch

    database = Database(make_engine(url))
    with database.session(write=True) as s:
        make_branch(s)
    database.dispose()
    capsys.readouterr()
    assert main(["--lang", "en", "demo", "--db", url]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip().count("\n") == 0
    assert main(["demo", "--db", url, "--if-empty"]) == 0
