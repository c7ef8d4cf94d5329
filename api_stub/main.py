"""``jiazheng-api``: serve the mobile API with uvicorn.

    jiazheng-api [--db URL] [--host 127.0.0.1] [--port 8000] [--workers N] [--log-level info]

Settings come from the flags, the environment (``JIAZHENG_*``) and the config file, as
for the desk. The schema is checked before serving: an embedded SQLite database is
upgraded in place, a shared MySQL must already be at this build's revision (other
servers and desks may still run the old build). With ``--workers N`` uvicorn starts N
processes, each building its app with ``app_from_env``; the database URL reaches them
through ``JIAZHENG_DB_URL``.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

import uvicorn
from fastapi import FastAPI

from api_stub.app import create_app
from api_stub.gateways import GatewayConfigError
from jiazheng_desk.config import ConfigError, Settings, load_data_key, load_settings
from jiazheng_desk.db import Database, DatabaseError, make_engine
from jiazheng_desk.i18n import set_language
from jiazheng_desk.schema import ensure_schema
from jiazheng_desk.services import pii
from jiazheng_desk.services.auth import configure_hashing

log = logging.getLogger("api_stub")

PROG = "jiazheng-api"
LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
# how worker processes learn the log level chosen on the command line
LOG_LEVEL_ENV = "JIAZHENG_API_LOG_LEVEL"
DB_URL_ENV = "JIAZHENG_DB_URL"
FACTORY = "api_stub.main:app_from_env"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=PROG, description="Serve the 家政 Desk mobile API.")
    parser.add_argument("--db", metavar="URL", help="database URL (default: settings)")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--workers", type=int, default=1, help="worker processes")
    parser.add_argument("--log-level", default="info", choices=LOG_LEVELS)
    parser.add_argument(
        "--forwarded-allow-ips",
        metavar="IPS",
        help="the load balancers whose X-Forwarded-For to trust (comma-separated); "
        "the client IP counts towards the per-IP limits",
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    return args


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The handler ``configure_logging`` installs (told apart from others by its class)."""


def configure_logging(level: str) -> None:
    """Our own log lines to stderr (uvicorn configures its own loggers)."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    # once per process, though a worker may build its app more than once
    if not any(isinstance(h, _StderrHandler) for h in root.handlers):
        handler = _StderrHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    # alembic says "Context impl ..." at INFO on every schema check: noise in a server log
    logging.getLogger("alembic").setLevel(max(root.level, logging.WARNING))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


def _open_database(settings: Settings) -> Database:
    """The engine for the settings, schema checked (and upgraded when embedded)."""
    engine = make_engine(settings.effective_db_url, tls=settings.tls)
    try:
        status = ensure_schema(engine, auto_upgrade=settings.is_embedded)
    except BaseException:
        engine.dispose()
        raise
    log.info("database schema at revision %s", status.current)
    return Database(engine)


def app_from_env() -> FastAPI:
    """The app of one worker process, from the environment (uvicorn factory)."""
    configure_logging(os.environ.get(LOG_LEVEL_ENV, "info"))
    settings = load_settings()
    set_language(settings.language)
    configure_hashing(settings.hashing)
    pii.configure(load_data_key(settings))
    # the parent process checked the schema (and the gateways) before it started the workers
    return create_app(
        Database(make_engine(settings.effective_db_url, tls=settings.tls)),
        media_dir=settings.paths.media_dir,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Check settings and database, then serve; 2 with a one-line message when they are wrong."""
    args = parse_args(argv)
    configure_logging(args.log_level)
    set_language(os.environ.get("JIAZHENG_LANG"))
    try:
        settings = load_settings(flags={"db_url": args.db})
        set_language(settings.language)
        database = _open_database(settings)
    except (ConfigError, DatabaseError) as exc:  # SchemaError is a DatabaseError
        print(f"{PROG}: {_one_line(exc)}", file=sys.stderr)
        return 2
    configure_hashing(settings.hashing)
    pii.configure(load_data_key(settings))
    try:
        app = create_app(database, media_dir=settings.paths.media_dir)
    except GatewayConfigError as exc:
        database.dispose()
        print(f"{PROG}: {_one_line(exc)}", file=sys.stderr)
        return 2
    proxies = {"forwarded_allow_ips": args.forwarded_allow_ips} if args.forwarded_allow_ips else {}
    target = database.url.render_as_string(hide_password=True)
    log.info(
        "serving %s on http://%s:%d with %d worker(s)", target, args.host, args.port, args.workers
    )
    try:
        if args.workers == 1:
            uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, **proxies)
        else:
            # the workers are new processes that import FACTORY and build their own engine
            database.dispose()
            if settings.db_url:
                # only an explicit URL: without one the workers find the same embedded file
                os.environ[DB_URL_ENV] = settings.db_url
            os.environ[LOG_LEVEL_ENV] = args.log_level
            uvicorn.run(
                FACTORY,
                factory=True,
                host=args.host,
                port=args.port,
                workers=args.workers,
                log_level=args.log_level,
                **proxies,
            )
    finally:
        database.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
