"""Settings: flags over environment over the TOML file; secrets only in the keyring."""

from __future__ import annotations

import pytest

from jiazheng_desk.config import (
    ConfigError,
    describe_db_url,
    load_secret,
    load_settings,
    save_file_settings,
    store_secret,
)
from jiazheng_desk.db import secret_name, with_stored_password
from jiazheng_desk.i18n import set_language


def test_nothing_configured_means_the_embedded_sqlite_file(isolated_home):
    settings = load_settings()
    assert settings.db_url is None and settings.is_embedded
    assert settings.effective_db_url.endswith("/data/jiazheng.sqlite3")
    assert str(isolated_home) in settings.effective_db_url
    assert settings.language == "zh_CN"


def test_flags_beat_environment_beat_file(monkeypatch):
    paths = load_settings().paths
    save_file_settings(paths, {"database.url": "mysql+pymysql://file@h/db", "language": "en"})
    assert load_settings().db_url == "mysql+pymysql://file@h/db"
    assert load_settings().language == "en"
    monkeypatch.setenv("JIAZHENG_DB_URL", "mysql+pymysql://env@h/db")
    assert load_settings().db_url == "mysql+pymysql://env@h/db"
    flagged = load_settings(flags={"db_url": "mysql+pymysql://flag@h/db", "language": "zh_CN"})
    assert flagged.db_url == "mysql+pymysql://flag@h/db" and flagged.language == "zh_CN"


def test_saving_keeps_the_rest_of_the_file():
    paths = load_settings().paths
    save_file_settings(
        paths, {"database.url": "mysql+pymysql://a@h/db", "database.tls_mode": "required"}
    )
    save_file_settings(paths, {"language": "en"})
    text = paths.config_file.read_text(encoding="utf-8")
    assert 'url = "mysql+pymysql://a@h/db"' in text and 'tls_mode = "required"' in text
    save_file_settings(paths, {"database.tls_mode": None})
    assert "tls_mode" not in paths.config_file.read_text(encoding="utf-8")


def test_tls_settings_are_checked():
    set_language("en")
    with pytest.raises(ConfigError, match="tls_mode"):
        load_settings(flags={"tls_mode": "sometimes"})
    with pytest.raises(ConfigError, match="CA certificate"):
        load_settings(flags={"tls_mode": "verify_identity"})
    settings = load_settings(flags={"tls_mode": "verify_ca", "tls_ca": "/etc/ca.pem"})
    assert (settings.tls.mode, settings.tls.ca) == ("verify_ca", "/etc/ca.pem")


def test_a_broken_config_file_is_a_readable_error():
    set_language("en")
    paths = load_settings().paths
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    paths.config_file.write_text("[database\nurl = ", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings()


def test_bad_hashing_numbers_are_refused(monkeypatch):
    monkeypatch.setenv("JIAZHENG_ARGON2_TIME_COST", "lots")
    with pytest.raises(ConfigError):
        load_settings()


def test_the_password_comes_from_the_keyring(memory_keyring):
    from sqlalchemy.engine import make_url

    url = make_url("mysql+pymysql://clerk@db.example.com:3306/jiazheng")
    assert with_stored_password(url).password is None
    store_secret(secret_name(url), "s3cret")
    assert load_secret("db:clerk@db.example.com:3306/jiazheng") == "s3cret"
    assert with_stored_password(url).password == "s3cret"
    assert ("jiazheng-desk", "db:clerk@db.example.com:3306/jiazheng") in memory_keyring.store


def test_database_names_never_show_the_password():
    assert describe_db_url("mysql+pymysql://u:pw@h.example:3307/jz") == "h.example:3307/jz"
    assert describe_db_url("sqlite:////tmp/x.sqlite3") == "/tmp/x.sqlite3"


def test_the_media_folder_can_be_the_api_servers_share(isolated_home, tmp_path, monkeypatch):
    assert load_settings().paths.media_dir == isolated_home / "data" / "media"
    paths = load_settings().paths
    save_file_settings(paths, {"media.dir": str(tmp_path / "share")})
    assert load_settings().paths.media_dir == tmp_path / "share"
    monkeypatch.setenv("JIAZHENG_MEDIA_DIR", str(tmp_path / "env"))
    assert load_settings().paths.media_dir == tmp_path / "env"
