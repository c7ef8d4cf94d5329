"""Helpers for tests of the apps' accounts: read a sent code, log in through a service."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Outbox
from jiazheng_desk.services import app_auth, app_codes
from jiazheng_desk.services.app_auth import LoginResult

IP = "203.0.113.7"


def last_code(session: Session, target: str) -> str:
    """The code last queued to a phone or address (the sandbox's outbox row holds it)."""
    payload = session.scalars(
        select(Outbox.payload)
        .where(Outbox.recipient == target, Outbox.template == app_codes.TEMPLATE)
        .order_by(Outbox.id.desc())
    ).first()
    assert payload is not None, f"no code was sent to {target}"
    code: str = json.loads(payload)["code"]
    return code


def wrong(code: str) -> str:
    """A six-digit code that is surely not ``code``."""
    return f"{(int(code) + 1) % 10**6:06d}"


def send(session: Session, target: str, purpose: str = "login", *, ip: str = IP) -> str:
    channel = "email" if "@" in target else "sms"
    app_codes.send_code(session, channel=channel, target=target, purpose=purpose, ip=ip)
    return last_code(session, target.strip().lower() if channel == "email" else target)


def login(session: Session, phone: str, role: str = "customer") -> LoginResult:
    """Send a login code and log in with it."""
    code = send(session, phone)
    return app_auth.login_with_code(session, phone=phone, code=code, role=role, ip=IP)
