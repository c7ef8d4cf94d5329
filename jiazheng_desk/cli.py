"""``jiazheng-desk``: the desktop, and the commands around it.

    jiazheng-desk [--db URL] [--lang zh_CN|en]        start the desk
    jiazheng-desk config db URL [--tls-mode M ...]    point the desk at a database
    jiazheng-desk config show | config language L
    jiazheng-desk db upgrade | db current [--db URL]
    jiazheng-desk demo [--db URL] [--seed N] [--scale small|large] [--if-empty]
    jiazheng-desk jobs cert-reminders [--db URL] [--day YYYY-MM-DD]

Every failure a person can cause prints one readable line and exits with 2; a bug is
logged with its traceback and reported in one line with the log's path (exit 1).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Sequence
from typing import Any

from jiazheng_desk import __version__
from jiazheng_desk.config import (
    TLS_MODES,
    ConfigError,
    Settings,
    delete_secret,
    load_settings,
    save_file_settings,
    store_secret,
)
from jiazheng_desk.i18n import set_language, t
from jiazheng_desk.logsetup import current_log_file, setup_logging

log = logging.getLogger(__name__)


class UsageError(Exception):
    """Wrong use of a command; the message says what to do."""


def _common(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--db",
        dest="db_url",
        metavar="URL",
        default=default,
        help="database URL (default: the embedded SQLite file)",
    )
    parser.add_argument(
        "--tls-mode",
        choices=TLS_MODES,
        default=default,
        help="TLS to MySQL: off, required, verify_ca, verify_identity",
    )
    parser.add_argument("--tls-ca", metavar="FILE", default=default, help="CA certificate (PEM)")
    parser.add_argument(
        "--tls-cert", metavar="FILE", default=default, help="client certificate (PEM)"
    )
    parser.add_argument("--tls-key", metavar="FILE", default=default, help="client key (PEM)")
    parser.add_argument(
        "--lang",
        dest="language",
        choices=("zh_CN", "en"),
        default=default,
        help="language of the desk and messages",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="jiazheng-desk", description="家政 Desk — back office of same-city home services"
    )
    parser.add_argument("--version", action="version", version=f"jiazheng-desk {__version__}")
    _common(parser, suppress=False)
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")

    config = sub.add_parser("config", help="show or change this desk's settings")
    config_sub = config.add_subparsers(dest="config_command", required=True)
    config_db = config_sub.add_parser(
        "db", help="use a database; a MySQL password is asked for and kept in the keyring"
    )
    config_db.add_argument("url", help="e.g. mysql+pymysql://user@host:3306/jiazheng")
    _common(config_db, suppress=True)
    config_db.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (scripts)",
    )
    config_db.add_argument(
        "--no-check", action="store_true", help="save without trying the connection"
    )
    config_sub.add_parser("show", help="print the effective settings")
    data_key = config_sub.add_parser(
        "data-key", help="the key that encrypts personal data (the same on every desk)"
    )
    mode = data_key.add_mutually_exclusive_group(required=True)
    mode.add_argument("--generate", action="store_true", help="make a new key (the first desk)")
    mode.add_argument("--import", dest="import_key", metavar="KEY", help="use the franchise's key")
    mode.add_argument("--export", action="store_true", help="print the key to copy it")
    config_lang = config_sub.add_parser("language", help="choose the desk's language")
    config_lang.add_argument("value", choices=("zh_CN", "en"))

    db = sub.add_parser("db", help="database schema")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    for name, text in (
        ("upgrade", "run the migrations up to this version"),
        ("current", "print the schema version of the database"),
    ):
        _common(db_sub.add_parser(name, help=text), suppress=True)

    demo = sub.add_parser("demo", help="fill an empty database with demo data")
    _common(demo, suppress=True)
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--scale", choices=("small", "large"), default="small")
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help="do nothing (exit 0) when the database already has data",
    )
    demo.add_argument(
        "--logins-file", metavar="FILE", help="also write the demo logins into this file"
    )

    jobs = sub.add_parser("jobs", help="run a background job once")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    reminders = jobs_sub.add_parser(
        "cert-reminders", help="remind workers 30 and 7 days before a certificate expires"
    )
    _common(reminders, suppress=True)
    reminders.add_argument("--day", metavar="YYYY-MM-DD", help="act as if today were this day")
    return parser


def _flags(args: argparse.Namespace) -> dict[str, Any]:
    names = ("db_url", "tls_mode", "tls_ca", "tls_cert", "tls_key", "language")
    return {name: getattr(args, name, None) for name in names}


def _engine(settings: Settings) -> Any:
    from jiazheng_desk.db import make_engine

    return make_engine(settings.effective_db_url, tls=settings.tls)


# --- commands ------------------------------------------------------------------------


def cmd_desk(settings: Settings, args: argparse.Namespace) -> int:
    from jiazheng_desk.views.app import run_desk

    return run_desk(settings, startup_probe=args.startup_probe)


def cmd_db(settings: Settings, args: argparse.Namespace) -> int:
    from jiazheng_desk import schema
    from jiazheng_desk.db import display_target, ping

    engine = _engine(settings)
    try:
        ping(engine)
        if args.db_command == "upgrade":
            before = schema.schema_status(engine)
            if before.state == "newer":
                raise UsageError(
                    t(
                        "schema.newer",
                        target=display_target(engine.url),
                        current=before.current,
                        head=before.head,
                        url="",
                    )
                )
            schema.upgrade(engine)
            after = schema.schema_status(engine)
            print(f"{display_target(engine.url)}: {before.current or '-'} -> {after.current}")
        else:
            status = schema.schema_status(engine)
            print(
                f"{display_target(engine.url)}: {status.current or '-'} "
                f"(head {status.head}, {status.state})"
            )
    finally:
        engine.dispose()
    return 0


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    from jiazheng_desk import schema
    from jiazheng_desk.db import display_target, ping
    from jiazheng_desk.demo import DemoError, generate
    from jiazheng_desk.services.auth import configure_hashing

    configure_hashing(settings.hashing)
    # the areas' demo data (vetting) stores ID numbers encrypted, with the desk's key
    from jiazheng_desk.config import load_data_key
    from jiazheng_desk.services import pii

    data_key = load_data_key(settings)
    pii.configure(data_key)
    if data_key is None:
        print(t("cli.demo_no_data_key"))
    engine = _engine(settings)
    try:
        ping(engine)
        schema.ensure_schema(engine, auto_upgrade=True)
        print(
            t(
                "cli.demo_start",
                target=display_target(engine.url),
                scale=args.scale,
                seed=args.seed,
            ),
            flush=True,
        )
        try:
            result = generate(
                engine,
                seed=args.seed,
                scale=args.scale,
                progress=lambda msg: print(f"  {msg}", flush=True),
            )
        except DemoError as exc:
            if args.if_empty and exc.not_empty:
                print(t("cli.demo_skipped"))
                return 0
            raise UsageError(str(exc)) from exc
    finally:
        engine.dispose()
    rows = sum(result.counts.values())
    print(t("cli.demo_done", rows=rows, seconds=f"{result.seconds:.1f}"))
    for table in sorted(result.counts):
        print(f"  {table}: {result.counts[table]}")
    for area in sorted(result.seeded):
        print(f"  {area} ({t('cli.demo_seeded_area')}): {result.seeded[area]}")
    lines = [t("cli.demo_logins")] + [
        f"  {login.username:<28} {login.password:<16} {login.role:<16} {login.branch_name}"
        for login in result.logins
    ]
    print("\n".join(lines))
    if args.logins_file:
        from pathlib import Path

        path = Path(args.logins_file)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def cmd_config(settings: Settings, args: argparse.Namespace) -> int:
    if args.config_command == "show":
        from jiazheng_desk.config import describe_db_url

        print(f"config file : {settings.paths.config_file}")
        print(f"data dir    : {settings.paths.data_dir}")
        print(f"log dir     : {settings.paths.log_dir}")
        kind = "embedded SQLite" if settings.is_embedded else "MySQL"
        print(f"database    : {describe_db_url(settings.effective_db_url)} ({kind})")
        print(f"tls         : {settings.tls.mode}")
        print(f"language    : {settings.language}")
        return 0
    if args.config_command == "data-key":
        return _config_data_key(settings, args)
    if args.config_command == "language":
        save_file_settings(settings.paths, {"language": args.value})
        print(t("cli.saved", path=settings.paths.config_file))
        return 0
    return _config_db(settings, args)


def _config_data_key(settings: Settings, args: argparse.Namespace) -> int:
    from jiazheng_desk.config import DATA_KEY_SECRET, load_data_key
    from jiazheng_desk.services import pii

    if args.export:
        key = load_data_key(settings)
        if not key:
            raise UsageError(t("pii.no_key"))
        print(key)
        return 0
    key = pii.new_key() if args.generate else args.import_key.strip()
    try:
        pii.configure(key)
    except ValueError:
        raise UsageError(t("config.bad_data_key")) from None
    store_secret(DATA_KEY_SECRET, key)
    print(t("config.data_key_saved"))
    return 0


def _config_db(settings: Settings, args: argparse.Namespace) -> int:
    from jiazheng_desk import schema
    from jiazheng_desk.db import (
        display_target,
        make_engine,
        parse_url,
        ping,
        secret_name,
        without_password,
    )

    url = parse_url(args.url)
    password: str | None = None
    if url.get_backend_name() != "sqlite":
        if url.password:
            password = url.password
            url = without_password(url)
            print(t("config.password_in_url"), file=sys.stderr)
        elif args.password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = getpass.getpass(
                t("cli.password_prompt", target=display_target(url), user=url.username or "")
            )
    plain_url = url.render_as_string(hide_password=False)
    tls = settings.tls
    if not args.no_check:
        trial = url.set(password=password) if password else url
        engine = make_engine(trial, tls=tls)
        try:
            ping(engine)
            status = schema.schema_status(engine)
        finally:
            engine.dispose()
        print(
            t(
                "cli.connection_ok",
                target=display_target(url),
                state=status.state,
                current=status.current or "-",
                head=status.head,
            )
        )
    if url.get_backend_name() != "sqlite":
        if password:
            store_secret(secret_name(url), password)
        else:
            delete_secret(secret_name(url))
    updates: dict[str, Any] = {
        "database.url": plain_url,
        "database.tls_mode": tls.mode if tls.mode != "off" else None,
        "database.tls_ca": tls.ca,
        "database.tls_cert": tls.cert,
        "database.tls_key": tls.key,
    }
    save_file_settings(settings.paths, updates)
    print(t("cli.saved", path=settings.paths.config_file))
    return 0


def cmd_jobs(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import date

    from jiazheng_desk.db import Database, ping
    from jiazheng_desk.services import cert_expiry
    from jiazheng_desk.services.actor import Actor

    try:
        day = date.fromisoformat(args.day) if args.day else None
    except ValueError:
        raise UsageError(f"--day: {args.day}") from None
    engine = _engine(settings)
    try:
        ping(engine)
        with Database(engine).session(write=True) as session:
            sent = cert_expiry.send_expiry_reminders(
                session, actor=Actor.system(source="job", name="cert-reminders"), today=day
            )
    finally:
        engine.dispose()
    print(t("cli.cert_reminders_done", sent=sent, day=(day.isoformat() if day else "-")))
    return 0


COMMANDS = {
    None: cmd_desk,
    "config": cmd_config,
    "db": cmd_db,
    "demo": cmd_demo,
    "jobs": cmd_jobs,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings(flags=_flags(args))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    set_language(settings.language)
    setup_logging(
        settings.paths.log_dir,
        name="desk" if args.command is None else "cli",
        console=args.command is not None,
    )
    try:
        return COMMANDS[args.command](settings, args)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except Exception as exc:
        return _report(exc)


def _report(exc: Exception) -> int:
    from jiazheng_desk.db import DatabaseError, friendly_error
    from jiazheng_desk.services.errors import DomainError

    if isinstance(exc, ConfigError | DatabaseError | DomainError | UsageError):
        print(exc, file=sys.stderr)
        return 2
    module = type(exc).__module__
    if module.startswith(("sqlalchemy", "pymysql", "sqlite3")) or isinstance(exc, OSError):
        print(friendly_error(exc), file=sys.stderr)
        return 2
    log.exception("unexpected error")
    print(t("error.unexpected", log=current_log_file()), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
