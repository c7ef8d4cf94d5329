"""Settings of a desk, an API process or a command.

Sources, highest first: command-line flags, the environment (``JIAZHENG_*``), the TOML
file in the platformdirs config directory. Secrets (the database password) never live in
the file: they are stored with ``keyring`` under the database's user@host:port/name.
With nothing configured, the desk uses an embedded SQLite file in the user data directory.
"""

from __future__ import annotations

import contextlib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from jiazheng_desk.i18n import normalise_language, t

APP_NAME = "jiazheng-desk"
KEYRING_SERVICE = "jiazheng-desk"
TLS_MODES = ("off", "required", "verify_ca", "verify_identity")


class ConfigError(Exception):
    """A setting is missing or wrong; the message is fit to show."""


@dataclass(frozen=True)
class TlsSettings:
    """How the desk reaches a MySQL server over the internet (like MySQL's ssl-mode)."""

    mode: str = "off"
    ca: str | None = None
    cert: str | None = None
    key: str | None = None


@dataclass(frozen=True)
class HashingSettings:
    """argon2id parameters; tests use cheap ones, production the library defaults."""

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


@dataclass(frozen=True)
class Paths:
    config_file: Path
    data_dir: Path
    log_dir: Path
    # uploaded photos (ID cards, certificates, service photos): by default in the data
    # folder; on a shared MySQL, the folder the API server writes to (a network share)
    media_root: Path | None = None

    @property
    def embedded_db(self) -> Path:
        return self.data_dir / "jiazheng.sqlite3"

    @property
    def media_dir(self) -> Path:
        return self.media_root or self.data_dir / "media"


@dataclass(frozen=True)
class Settings:
    paths: Paths
    db_url: str | None = None
    tls: TlsSettings = field(default_factory=TlsSettings)
    language: str = "zh_CN"
    hashing: HashingSettings = field(default_factory=HashingSettings)

    @property
    def effective_db_url(self) -> str:
        """The configured URL, or the embedded SQLite file."""
        if self.db_url:
            return self.db_url
        return f"sqlite:///{self.paths.embedded_db.as_posix()}"

    @property
    def is_embedded(self) -> bool:
        """An SQLite file that this desk owns (and upgrades by itself)."""
        return self.effective_db_url.startswith("sqlite")


def describe_db_url(url: str) -> str:
    """How a database is named to people: the SQLite file or host:port/name, no password.

    Plain string parsing on purpose: the login dialog shows it before SQLAlchemy loads.
    """
    from urllib.parse import urlsplit

    if url.startswith("sqlite:"):
        path = url.split(":///", 1)[1] if ":///" in url else ":memory:"
        return path or ":memory:"
    try:
        parts = urlsplit(url)
        port = parts.port or 3306
    except ValueError:
        return url.split("@")[-1]
    return f"{parts.hostname or ''}:{port}{parts.path}"


def default_paths(environ: Mapping[str, str] | None = None) -> Paths:
    """Where config, data and logs live; ``JIAZHENG_HOME`` roots all three (portable use)."""
    env = os.environ if environ is None else environ
    home = env.get("JIAZHENG_HOME")
    if home:
        root = Path(home)
        paths = Paths(root / "config.toml", root / "data", root / "logs")
    else:
        import platformdirs

        dirs = platformdirs.PlatformDirs(APP_NAME, appauthor=False)
        paths = Paths(
            Path(dirs.user_config_dir) / "config.toml",
            Path(dirs.user_data_dir),
            Path(dirs.user_log_dir),
        )
    if env.get("JIAZHENG_CONFIG"):
        paths = replace(paths, config_file=Path(env["JIAZHENG_CONFIG"]))
    return paths


def _read_toml(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(t("config.bad_toml", path=path, detail=exc)) from exc
    except OSError as exc:
        raise ConfigError(t("config.bad_toml", path=path, detail=exc.strerror)) from exc


def _int_setting(name: str, value: Any, minimum: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise ConfigError(
            t("config.bad_value", name=name, value=value, detail="not a whole number")
        ) from None
    if number < minimum:
        raise ConfigError(
            t("config.bad_value", name=name, value=value, detail=f"must be ≥ {minimum}")
        )
    return number


def _flat_file_settings(data: dict[str, Any]) -> dict[str, Any]:
    """The TOML file's sections mapped onto the flat names the environment uses."""
    db = data.get("database", {}) or {}
    sec = data.get("security", {}) or {}
    flat: dict[str, Any] = {
        "db_url": db.get("url"),
        "tls_mode": db.get("tls_mode"),
        "tls_ca": db.get("tls_ca"),
        "tls_cert": db.get("tls_cert"),
        "tls_key": db.get("tls_key"),
        "language": data.get("language"),
        "media_dir": (data.get("media", {}) or {}).get("dir"),
        "argon2_time_cost": sec.get("argon2_time_cost"),
        "argon2_memory_kib": sec.get("argon2_memory_kib"),
        "argon2_parallelism": sec.get("argon2_parallelism"),
    }
    return {k: v for k, v in flat.items() if v not in (None, "")}


_ENV_NAMES = {
    "db_url": "JIAZHENG_DB_URL",
    "tls_mode": "JIAZHENG_DB_TLS_MODE",
    "tls_ca": "JIAZHENG_DB_TLS_CA",
    "tls_cert": "JIAZHENG_DB_TLS_CERT",
    "tls_key": "JIAZHENG_DB_TLS_KEY",
    "language": "JIAZHENG_LANG",
    "media_dir": "JIAZHENG_MEDIA_DIR",
    "argon2_time_cost": "JIAZHENG_ARGON2_TIME_COST",
    "argon2_memory_kib": "JIAZHENG_ARGON2_MEMORY_KIB",
    "argon2_parallelism": "JIAZHENG_ARGON2_PARALLELISM",
}


def load_settings(
    flags: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Merge flags over environment over the TOML file; raise ConfigError on bad values."""
    env = os.environ if environ is None else environ
    paths = default_paths(env)
    merged: dict[str, Any] = _flat_file_settings(_read_toml(paths.config_file))
    for name, var in _ENV_NAMES.items():
        if env.get(var):
            merged[name] = env[var]
    for name, value in (flags or {}).items():
        if value not in (None, ""):
            merged[name] = value

    tls_mode = str(merged.get("tls_mode", "off")).lower()
    if tls_mode not in TLS_MODES:
        raise ConfigError(
            t(
                "config.bad_value",
                name="tls_mode",
                value=tls_mode,
                detail=" / ".join(TLS_MODES),
            )
        )
    tls = TlsSettings(
        mode=tls_mode,
        ca=merged.get("tls_ca"),
        cert=merged.get("tls_cert"),
        key=merged.get("tls_key"),
    )
    if tls.mode in ("verify_ca", "verify_identity") and not tls.ca:
        raise ConfigError(
            t(
                "config.bad_value",
                name="tls_ca",
                value="",
                detail=f"tls_mode={tls.mode} needs a CA certificate file",
            )
        )
    hashing = HashingSettings(
        time_cost=_int_setting(
            "argon2_time_cost", merged.get("argon2_time_cost", HashingSettings.time_cost), 1
        ),
        memory_kib=_int_setting(
            "argon2_memory_kib", merged.get("argon2_memory_kib", HashingSettings.memory_kib), 8
        ),
        parallelism=_int_setting(
            "argon2_parallelism",
            merged.get("argon2_parallelism", HashingSettings.parallelism),
            1,
        ),
    )
    if hashing.memory_kib < 8 * hashing.parallelism:
        raise ConfigError(
            t(
                "config.bad_value",
                name="argon2_memory_kib",
                value=hashing.memory_kib,
                detail=f"argon2 needs at least 8 KiB per lane ({8 * hashing.parallelism})",
            )
        )
    if merged.get("media_dir"):
        paths = replace(paths, media_root=Path(str(merged["media_dir"])).expanduser())
    return Settings(
        paths=paths,
        db_url=merged.get("db_url"),
        tls=tls,
        language=normalise_language(merged.get("language")),
        hashing=hashing,
    )


def save_file_settings(paths: Paths, updates: Mapping[str, Any]) -> None:
    """Write settings into the TOML file, keeping what else it holds.

    ``updates`` uses dotted names ("database.url", "language"); ``None`` removes a key.
    """
    import tomli_w

    data = _read_toml(paths.config_file)
    for dotted, value in updates.items():
        section, _, key = dotted.rpartition(".")
        target = data.setdefault(section, {}) if section else data
        if value is None:
            target.pop(key, None)
        else:
            target[key] = value
    paths.config_file.parent.mkdir(parents=True, exist_ok=True)
    tmp = paths.config_file.with_suffix(".toml.tmp")
    tmp.write_bytes(tomli_w.dumps(data).encode("utf-8"))
    os.replace(tmp, paths.config_file)


# --- secrets -------------------------------------------------------------------------


def store_secret(name: str, value: str) -> None:
    """Store a secret in the system keyring (Windows Credential Manager on the desks)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, name, value)
    except KeyringError as exc:
        raise ConfigError(t("config.keyring_unavailable", detail=exc)) from exc


def load_secret(name: str) -> str | None:
    """A secret from the keyring, or None when none is stored or no keyring exists."""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(KEYRING_SERVICE, name)
    except KeyringError:
        return None


def delete_secret(name: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, name)


# --- the personal-data key -----------------------------------------------------------

DATA_KEY_SECRET = "data-key"


def load_data_key(settings: Settings, environ: Mapping[str, str] | None = None) -> str | None:
    """The personal-data key: ``JIAZHENG_DATA_KEY``, else the keyring; for the embedded
    database one is made and kept on first use (a shared MySQL needs the franchise's key)."""
    env = os.environ if environ is None else environ
    if env.get("JIAZHENG_DATA_KEY"):
        return env["JIAZHENG_DATA_KEY"]
    stored = load_secret(DATA_KEY_SECRET)
    if stored or not settings.is_embedded:
        return stored
    from cryptography.fernet import Fernet

    key = Fernet.generate_key().decode()
    try:
        store_secret(DATA_KEY_SECRET, key)
    except ConfigError:
        return None
    return key
