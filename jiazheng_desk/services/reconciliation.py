"""Reconciliation: the payment gateway's statement of a day against our payments and the
ledger.

The gateway's daily statement is a CSV (``gateway_ref,kind,amount_fen,at``; kind is
``payment`` or ``refund``; ``at`` in ISO 8601). ``find_differences`` reads it and lists
every line that does not match: a movement the gateway has and we do not, one we have and
the gateway does not, a different amount, and a confirmed payment or a done refund whose
ledger transaction is missing or says another amount. Cash (no gateway reference) is not
on a gateway's statement and is left out.

The statement comes from a ``StatementGateway`` the face hands in; the sandbox
(``sync/gateways/statement_sandbox.py``) writes one from our own rows, with differences
injected on demand for tests and demonstrations.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Order, Payment, Refund
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.ledger import ACCOUNTS, ENTRIES, TXNS
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.timeutil import day_start_utc, get_branch_timezone

COLUMNS = ("gateway_ref", "kind", "amount_fen", "at")
MAX_LINES = 200_000


class StatementGateway(Protocol):
    """Where a day's statement comes from (the provider's download, or the sandbox)."""

    def fetch_statement(self, session: Session, *, day: date, tz: str) -> str:
        """The CSV statement of ``day`` (local to ``tz``)."""
        ...


@dataclass(frozen=True)
class Movement:
    gateway_ref: str
    # payment | refund
    kind: str
    amount_fen: int
    at: datetime
    # our side: the payment's or refund's id and its ledger amount (None: not posted)
    own_id: int | None = None
    ledger_fen: int | None = None
    order_no: str = ""


@dataclass(frozen=True)
class Difference:
    gateway_ref: str
    kind: str
    # missing_ours | missing_theirs | amount | not_posted | ledger_amount
    problem: str
    ours_fen: int | None
    theirs_fen: int | None
    ledger_fen: int | None
    order_no: str


@dataclass(frozen=True)
class Reconciliation:
    day: date
    statement_lines: int
    statement_total_fen: int
    ours_lines: int
    ours_total_fen: int
    ledger_total_fen: int
    differences: tuple[Difference, ...]


def parse_statement(text: str) -> list[Movement]:
    """The lines of a statement CSV; a malformed one is refused with its line number."""
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise ValidationError("reconcile.bad_header", field="statement", columns=",".join(COLUMNS))
    out: list[Movement] = []
    for number, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(out) >= MAX_LINES:
            raise ValidationError("reconcile.too_long", field="statement", max=MAX_LINES)
        try:
            ref, kind, amount, at = (cell.strip() for cell in row)
            fen = int(amount)
            when = datetime.fromisoformat(at)
        except ValueError as exc:
            raise ValidationError("reconcile.bad_line", field="statement", line=number) from exc
        if kind not in ("payment", "refund") or not ref:
            raise ValidationError("reconcile.bad_line", field="statement", line=number)
        out.append(Movement(ref, kind, fen, when))
    return out


def list_gateway_movements(
    session: Session, *, day: date, tz: str, branch_id: int | None = None
) -> list[Movement]:
    """Our gateway movements of a local day: confirmed payments and done refunds with a
    gateway reference, each with the amount the ledger posted for it."""
    start, end = day_start_utc(day, tz), day_start_utc(day + timedelta(days=1), tz)
    gateway = select(ACCOUNTS.c.id).where(ACCOUNTS.c.code == "gateway").scalar_subquery()
    refunds = select(ACCOUNTS.c.id).where(ACCOUNTS.c.code == "refunds").scalar_subquery()

    def posted(entity: str, own_id: Any, account: Any) -> Any:
        return (
            select(func.sum(ENTRIES.c.amount_fen))
            .join(TXNS, TXNS.c.id == ENTRIES.c.txn_id)
            .where(
                TXNS.c.ref_entity == entity,
                TXNS.c.ref_id == own_id,
                ENTRIES.c.account_id == account,
            )
            .scalar_subquery()
        )

    pay = (
        select(
            Payment.gateway_ref,
            Payment.amount_fen,
            Payment.confirmed_at,
            Payment.id,
            posted("payment", Payment.id, gateway),
            Order.order_no,
        )
        .join(Order, Order.id == Payment.order_id)
        .where(
            Payment.state == "confirmed",
            Payment.gateway_ref.is_not(None),
            Payment.confirmed_at >= start,
            Payment.confirmed_at < end,
        )
    )
    ref = (
        select(
            Refund.gateway_ref,
            Refund.amount_fen,
            Refund.done_at,
            Refund.id,
            posted("refund", Refund.id, refunds),
            Order.order_no,
        )
        .join(Order, Order.id == Refund.order_id)
        .where(
            Refund.state == "done",
            Refund.gateway_ref.is_not(None),
            Refund.done_at >= start,
            Refund.done_at < end,
        )
    )
    if branch_id is not None:
        pay = pay.where(Order.branch_id == branch_id)
        ref = ref.where(Order.branch_id == branch_id)
    out = [
        Movement(
            r[0], "payment", int(r[1]), r[2], int(r[3]), None if r[4] is None else int(r[4]), r[5]
        )
        for r in session.execute(pay).all()
    ]
    out += [
        # a refund is a credit on the refunds account: its amount is the opposite
        Movement(
            r[0], "refund", int(r[1]), r[2], int(r[3]), None if r[4] is None else -int(r[4]), r[5]
        )
        for r in session.execute(ref).all()
    ]
    return sorted(out, key=lambda m: (m.at, m.gateway_ref))


def statement_csv(movements: list[Movement]) -> str:
    """Movements written as a statement CSV (what the sandbox hands out)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in movements:
        writer.writerow((m.gateway_ref, m.kind, m.amount_fen, m.at.isoformat()))
    return buffer.getvalue()


def find_differences(
    session: Session,
    *,
    actor: Actor,
    day: date,
    gateway: StatementGateway | None = None,
    statement: str | None = None,
) -> Reconciliation:
    """Compare the gateway's statement of ``day`` (fetched, or given as CSV text) with our
    payments, refunds and ledger; every difference listed."""
    require(actor, Perm.FINANCE_VIEW)
    branch_id = scope_branch_id(actor)
    tz = get_branch_timezone(session, branch_id)
    if statement is None:
        if gateway is None:
            raise ValidationError("reconcile.no_statement", field="statement")
        statement = gateway.fetch_statement(session, day=day, tz=tz)
    theirs = parse_statement(statement)
    ours = list_gateway_movements(session, day=day, tz=tz, branch_id=branch_id)
    their_map = {(m.kind, m.gateway_ref): m for m in theirs}
    our_map = {(m.kind, m.gateway_ref): m for m in ours}
    diffs: list[Difference] = []
    for key, mine in our_map.items():
        other = their_map.get(key)
        if mine.ledger_fen is None:
            diffs.append(
                Difference(
                    mine.gateway_ref,
                    mine.kind,
                    "not_posted",
                    mine.amount_fen,
                    other.amount_fen if other else None,
                    None,
                    mine.order_no,
                )
            )
        elif mine.ledger_fen != mine.amount_fen:
            diffs.append(
                Difference(
                    mine.gateway_ref,
                    mine.kind,
                    "ledger_amount",
                    mine.amount_fen,
                    other.amount_fen if other else None,
                    mine.ledger_fen,
                    mine.order_no,
                )
            )
        if other is None:
            # a branch sees its own movements: a line of another branch is not "missing"
            diffs.append(
                Difference(
                    mine.gateway_ref,
                    mine.kind,
                    "missing_theirs",
                    mine.amount_fen,
                    None,
                    mine.ledger_fen,
                    mine.order_no,
                )
            )
        elif other.amount_fen != mine.amount_fen:
            diffs.append(
                Difference(
                    mine.gateway_ref,
                    mine.kind,
                    "amount",
                    mine.amount_fen,
                    other.amount_fen,
                    mine.ledger_fen,
                    mine.order_no,
                )
            )
    if branch_id is None:
        for key, other in their_map.items():
            if key not in our_map:
                diffs.append(
                    Difference(
                        other.gateway_ref,
                        other.kind,
                        "missing_ours",
                        None,
                        other.amount_fen,
                        None,
                        "",
                    )
                )

    def signed(m: Movement, amount: int | None) -> int:
        return (amount or 0) if m.kind == "payment" else -(amount or 0)

    return Reconciliation(
        day=day,
        statement_lines=len(theirs),
        statement_total_fen=sum(signed(m, m.amount_fen) for m in theirs),
        ours_lines=len(ours),
        ours_total_fen=sum(signed(m, m.amount_fen) for m in ours),
        ledger_total_fen=sum(signed(m, m.ledger_fen) for m in ours),
        differences=tuple(sorted(diffs, key=lambda d: (d.problem, d.gateway_ref))),
    )
