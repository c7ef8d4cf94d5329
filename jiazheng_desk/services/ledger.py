"""The double-entry ledger: accounts, balanced transactions, balances as sums.

Every money movement is one ``ledger_txn`` with two or more ``ledger_entry`` legs whose
signed amounts (fen) sum to zero: ``post`` refuses anything else (an empty transaction,
legs that are all zero, a sum other than zero, an amount no business of ours could have),
so an unbalanced transaction can never be written through the services, and a test over
the whole table (``find_unbalanced_txns``) proves none was written around them.

Signs: a debit is positive, a credit negative. Money the business holds at the payment
gateway is a debit; what it owes (to a worker, a branch, the franchisor, the platform
itself, the customer being refunded) is a credit. ``held_fen`` turns a balance into the
way a person reads it: "owed to the worker: ¥120" for a credit of -12000.

Posted entries are never updated or deleted. A correction is ``reverse``: a new
transaction with the opposite legs that names the one it reverses (a transaction can be
reversed once). Accounts are made on demand from a code (``worker:42``); their codes are
unique, so two sessions creating the same account at once end up with one.

Accounts:

=============  ===========================================================  ===========
code           what                                                         normal side
=============  ===========================================================  ===========
gateway        customer payments received at the payment gateway             debit
clearing       customer payments clearing: paid for orders not settled yet   credit
refunds        refunds paid back to customers through the gateway            credit
platform       the platform's commission                                     credit
coupons        coupons and discounts the platform funds                      debit
fees           payment and withdrawal fees                                   debit
franchisor     the franchisor's share of the branches' margins               credit
withdrawals    withdrawal clearing: approved, not yet paid out               credit
branch:<id>    a branch's share                                              credit
travel:<id>    a branch's travel fees not passed to the worker               credit
worker:<id>    what is payable to a worker                                   credit
=============  ===========================================================  ===========
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, LedgerAccount, LedgerEntry, LedgerTxn, Worker
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id

ACCOUNTS = table_of(LedgerAccount)
TXNS = table_of(LedgerTxn)
ENTRIES = table_of(LedgerEntry)

# kinds of account, in the order the balances page shows them
KINDS = (
    "platform",
    "coupons",
    "fees",
    "franchisor",
    "branch",
    "travel",
    "worker",
    "withdrawals",
    "refunds",
    "clearing",
    "gateway",
)
# one account each, owned by nobody
SINGLE_KINDS = frozenset(
    {"gateway", "clearing", "refunds", "platform", "coupons", "fees", "franchisor", "withdrawals"}
)
BRANCH_KINDS = frozenset({"branch", "travel"})
DEBIT_KINDS = frozenset({"gateway", "coupons", "fees"})
# a hundred million yuan: no single movement of ours comes near it
MAX_AMOUNT_FEN = 10_000_000_000
MAX_MEMO = 255
# ``session.info`` key of an account-id cache a bulk poster sets up for its own unit of work
ACCOUNT_CACHE = "ledger.account_ids"


@dataclass(frozen=True)
class Leg:
    """One leg of a transaction to post: an account and a signed amount (debit > 0)."""

    account_id: int
    amount_fen: int


@dataclass(frozen=True)
class AccountBalance:
    id: int
    code: str
    kind: str
    name: str
    branch_id: int | None
    worker_id: int | None
    # the sum of the entries (debit > 0)
    sum_fen: int
    # as a person reads it: what the account holds on its normal side
    held_fen: int
    entries: int


@dataclass(frozen=True)
class EntryView:
    id: int
    txn_id: int
    txn_kind: str
    order_id: int | None
    order_no: str
    memo: str
    amount_fen: int
    reverses_txn_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class TxnView:
    id: int
    kind: str
    order_id: int | None
    ref_entity: str
    ref_id: int | None
    memo: str
    reverses_txn_id: int | None
    created_at: datetime
    # (account code, amount) per leg
    legs: tuple[tuple[str, int], ...]


def held_fen(kind: str, sum_fen: int) -> int:
    """A balance on the account's normal side (what a credit account owes, positive)."""
    return sum_fen if kind in DEBIT_KINDS else -sum_fen


# --- accounts ----------------------------------------------------------------------------


def account_code(kind: str, owner_id: int | None = None) -> str:
    """The code of an account: ``platform``, ``branch:3``, ``worker:42``."""
    if kind in SINGLE_KINDS:
        return kind
    if kind not in KINDS or owner_id is None:
        raise ValueError(f"no account {kind}:{owner_id}")
    return f"{kind}:{owner_id}"


def ensure_account(session: Session, kind: str, owner_id: int | None = None) -> int:
    """The id of an account of the chart, made on first use (race-safe by its unique code)."""
    code = account_code(kind, owner_id)
    # a bulk poster (the demo) may keep the ids of one unit of work in the session
    known: dict[str, int] | None = session.info.get(ACCOUNT_CACHE)
    if known is not None and code in known:
        return known[code]
    found = session.scalar(select(ACCOUNTS.c.id).where(ACCOUNTS.c.code == code))
    if found is not None:
        if known is not None:
            known[code] = int(found)
        return int(found)
    values: dict[str, Any] = {
        "code": code,
        "kind": kind,
        "name": code,
        "branch_id": owner_id if kind in BRANCH_KINDS else None,
        "worker_id": owner_id if kind == "worker" else None,
        "customer_id": None,
        "created_at": clock.now(),
    }
    if kind == "worker":
        name = session.scalar(select(Worker.name).where(Worker.id == owner_id))
        if name is None:
            raise NotFound("worker", owner_id)
        values["name"] = name
    elif kind in BRANCH_KINDS:
        name = session.scalar(select(Branch.name).where(Branch.id == owner_id))
        if name is None:
            raise NotFound("branch", owner_id)
        values["name"] = name
    try:
        with session.begin_nested():
            return inserted_id(session.connection().execute(insert(ACCOUNTS), values))
    except IntegrityError:
        # another session made it between our look and our insert
        return int(session.scalars(select(ACCOUNTS.c.id).where(ACCOUNTS.c.code == code)).one())


def lock_account(session: Session, account_id: int) -> None:
    """Lock an account's row for the rest of the transaction (two withdrawals of one
    worker at once: the second waits, then sees the first one's entries)."""
    session.execute(select(ACCOUNTS.c.id).where(ACCOUNTS.c.id == account_id).with_for_update())


# --- posting -----------------------------------------------------------------------------


def _clean_legs(entries: Iterable[Leg | tuple[int, int]]) -> list[Leg]:
    legs: list[Leg] = []
    for entry in entries:
        leg = entry if isinstance(entry, Leg) else Leg(int(entry[0]), entry[1])
        amount = leg.amount_fen
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise ValidationError("ledger.not_integer", field="amount_fen")
        if abs(amount) > MAX_AMOUNT_FEN:
            raise ValidationError("ledger.absurd_amount", field="amount_fen")
        if amount:
            legs.append(leg)
    if not legs:
        raise ValidationError("ledger.empty", field="entries")
    total = sum(leg.amount_fen for leg in legs)
    if total != 0:
        raise ValidationError("ledger.unbalanced", field="entries", sum=total)
    return legs


def post(
    session: Session,
    *,
    actor: Actor,
    kind: str,
    entries: Iterable[Leg | tuple[int, int]],
    order_id: int | None = None,
    ref: tuple[str, int | None] = ("", None),
    memo: str = "",
    branch_id: int | None = None,
    reverses_txn_id: int | None = None,
) -> int:
    """Post a balanced transaction (legs summing to zero) and its audit row; its id.

    The callers check who may move the money; this refuses any transaction that does not
    balance, before anything is written.
    """
    legs = _clean_legs(entries)
    if not kind or len(kind) > 32:
        raise ValidationError("ledger.bad_kind", field="kind")
    conn = session.connection()
    codes = dict(
        session.execute(
            select(ACCOUNTS.c.id, ACCOUNTS.c.code).where(
                ACCOUNTS.c.id.in_({leg.account_id for leg in legs})
            )
        ).all()
    )
    missing = {leg.account_id for leg in legs} - set(codes)
    if missing:
        raise NotFound("ledger_account", min(missing))
    now = clock.now()
    txn_id = inserted_id(
        conn.execute(
            insert(TXNS),
            {
                "kind": kind,
                "order_id": order_id,
                "ref_entity": ref[0],
                "ref_id": ref[1],
                "memo": memo[:MAX_MEMO],
                "reverses_txn_id": reverses_txn_id,
                "created_by": actor.id if actor.is_staff else None,
                "created_at": now,
            },
        )
    )
    conn.execute(
        insert(ENTRIES),
        [
            {"txn_id": txn_id, "account_id": leg.account_id, "amount_fen": leg.amount_fen}
            for leg in legs
        ],
    )
    audit.record(
        session,
        actor=actor,
        action="ledger.post",
        entity="ledger_txn",
        entity_id=txn_id,
        after={
            "kind": kind,
            "order_id": order_id,
            "ref": f"{ref[0]}:{ref[1]}" if ref[0] else "",
            "memo": memo[:MAX_MEMO],
            "reverses": reverses_txn_id,
            "legs": [[codes[leg.account_id], leg.amount_fen] for leg in legs],
        },
        branch_id=branch_id,
    )
    return txn_id


def reverse(session: Session, *, actor: Actor, txn_id: int, reason: str) -> int:
    """Post the opposite of a transaction (a correction); a transaction is reversed once."""
    require(actor, Perm.PAYMENT_RECORD)
    text = (reason or "").strip()
    if not text:
        raise ValidationError("ledger.reason_required", field="reason")
    txn = session.execute(select(TXNS).where(TXNS.c.id == txn_id)).first()
    if txn is None:
        raise NotFound("ledger_txn", txn_id)
    if txn.reverses_txn_id is not None:
        raise Conflict("ledger.reverse_a_reversal")
    done = session.scalar(select(TXNS.c.id).where(TXNS.c.reverses_txn_id == txn_id))
    if done is not None:
        raise Conflict("ledger.already_reversed", txn=done)
    legs = session.execute(
        select(ENTRIES.c.account_id, ENTRIES.c.amount_fen).where(ENTRIES.c.txn_id == txn_id)
    ).all()
    branch_id = _branch_of(session, txn.order_id)
    require(actor, Perm.PAYMENT_RECORD, branch_id=branch_id)
    try:
        with session.begin_nested():
            return post(
                session,
                actor=actor,
                kind="reversal",
                entries=[Leg(int(a), -int(m)) for a, m in legs],
                order_id=txn.order_id,
                ref=(txn.ref_entity, txn.ref_id),
                memo=text,
                branch_id=branch_id,
                reverses_txn_id=txn_id,
            )
    except IntegrityError as exc:
        # a reversal of the same transaction committed between our check and our insert
        raise Conflict("ledger.already_reversed", txn=txn_id) from exc


def _branch_of(session: Session, order_id: int | None) -> int | None:
    if order_id is None:
        return None
    from jiazheng_desk.models import Order

    found = session.scalar(select(Order.branch_id).where(Order.id == order_id))
    return int(found) if found is not None else None


# --- balances ----------------------------------------------------------------------------


def get_balance(session: Session, *, account_id: int) -> int:
    """The sum of an account's entries (debit > 0)."""
    return int(
        session.scalar(
            select(func.coalesce(func.sum(ENTRIES.c.amount_fen), 0)).where(
                ENTRIES.c.account_id == account_id
            )
        )
        or 0
    )


def get_balance_of(session: Session, kind: str, owner_id: int | None = None) -> int:
    """The sum of an account's entries by kind and owner (0 for an account not made yet)."""
    found = session.scalar(
        select(ACCOUNTS.c.id).where(ACCOUNTS.c.code == account_code(kind, owner_id))
    )
    return 0 if found is None else get_balance(session, account_id=int(found))


def get_worker_payable(session: Session, *, worker_id: int) -> int:
    """What is payable to a worker now (owed to them: positive)."""
    return -get_balance_of(session, "worker", worker_id)


def list_balances(
    session: Session, *, actor: Actor, kind: str | None = None, branch_id: int | None = None
) -> list[AccountBalance]:
    """Every account with its balance (a branch's staff: their branch's and workers')."""
    require(actor, Perm.FINANCE_VIEW, branch_id=branch_id)
    scope = scope_branch_id(actor)
    if scope is not None:
        branch_id = scope
    stmt = (
        select(
            ACCOUNTS.c.id,
            ACCOUNTS.c.code,
            ACCOUNTS.c.kind,
            ACCOUNTS.c.name,
            ACCOUNTS.c.branch_id,
            ACCOUNTS.c.worker_id,
            func.coalesce(func.sum(ENTRIES.c.amount_fen), 0),
            func.count(ENTRIES.c.id),
        )
        .outerjoin(ENTRIES, ENTRIES.c.account_id == ACCOUNTS.c.id)
        .outerjoin(Worker, Worker.id == ACCOUNTS.c.worker_id)
        .group_by(
            ACCOUNTS.c.id,
            ACCOUNTS.c.code,
            ACCOUNTS.c.kind,
            ACCOUNTS.c.name,
            ACCOUNTS.c.branch_id,
            ACCOUNTS.c.worker_id,
        )
        .order_by(ACCOUNTS.c.kind, ACCOUNTS.c.code)
    )
    if kind is not None:
        stmt = stmt.where(ACCOUNTS.c.kind == kind)
    if branch_id is not None:
        stmt = stmt.where((ACCOUNTS.c.branch_id == branch_id) | (Worker.branch_id == branch_id))
    out = [
        AccountBalance(
            id=int(r[0]),
            code=r[1],
            kind=r[2],
            name=r[3],
            branch_id=r[4],
            worker_id=r[5],
            sum_fen=int(r[6]),
            held_fen=held_fen(r[2], int(r[6])),
            entries=int(r[7]),
        )
        for r in session.execute(stmt).all()
    ]
    rank = {k: i for i, k in enumerate(KINDS)}
    return sorted(out, key=lambda b: (rank.get(b.kind, 99), b.name, b.code))


def list_entries(
    session: Session, *, actor: Actor, account_id: int, offset: int = 0, limit: int = 200
) -> Page[EntryView]:
    """An account's entries, newest first (a worker's: what they earned and were paid)."""
    from jiazheng_desk.models import Order

    require(actor, Perm.FINANCE_VIEW)
    account = session.execute(select(ACCOUNTS).where(ACCOUNTS.c.id == account_id)).first()
    if account is None:
        raise NotFound("ledger_account", account_id)
    owner_branch = account.branch_id
    if account.worker_id is not None:
        owner_branch = session.scalar(
            select(Worker.branch_id).where(Worker.id == account.worker_id)
        )
    if account.kind not in SINGLE_KINDS or not actor.is_hq:
        require(actor, Perm.FINANCE_VIEW, branch_id=owner_branch)
    total = int(
        session.scalar(
            select(func.count()).select_from(ENTRIES).where(ENTRIES.c.account_id == account_id)
        )
        or 0
    )
    rows = session.execute(
        select(
            ENTRIES.c.id,
            TXNS.c.id,
            TXNS.c.kind,
            TXNS.c.order_id,
            Order.order_no,
            TXNS.c.memo,
            ENTRIES.c.amount_fen,
            TXNS.c.reverses_txn_id,
            TXNS.c.created_at,
        )
        .join(TXNS, TXNS.c.id == ENTRIES.c.txn_id)
        .outerjoin(Order, Order.id == TXNS.c.order_id)
        .where(ENTRIES.c.account_id == account_id)
        .order_by(TXNS.c.created_at.desc(), ENTRIES.c.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, 1000)))
    ).all()
    items = tuple(
        EntryView(
            id=int(r[0]),
            txn_id=int(r[1]),
            txn_kind=r[2],
            order_id=r[3],
            order_no=r[4] or "",
            memo=r[5],
            amount_fen=int(r[6]),
            reverses_txn_id=r[7],
            created_at=r[8],
        )
        for r in rows
    )
    return Page(items, total, offset)


def list_order_txns(session: Session, *, order_id: int) -> list[TxnView]:
    """The transactions of an order, oldest first, with their legs."""
    txns = session.execute(
        select(TXNS).where(TXNS.c.order_id == order_id).order_by(TXNS.c.id)
    ).all()
    return _with_legs(session, txns)


def _with_legs(session: Session, txns: Sequence[Any]) -> list[TxnView]:
    if not txns:
        return []
    legs: dict[int, list[tuple[str, int]]] = {}
    for txn_id, code, amount in session.execute(
        select(ENTRIES.c.txn_id, ACCOUNTS.c.code, ENTRIES.c.amount_fen)
        .join(ACCOUNTS, ACCOUNTS.c.id == ENTRIES.c.account_id)
        .where(ENTRIES.c.txn_id.in_([t.id for t in txns]))
        .order_by(ENTRIES.c.id)
    ).all():
        legs.setdefault(int(txn_id), []).append((code, int(amount)))
    return [
        TxnView(
            id=int(t.id),
            kind=t.kind,
            order_id=t.order_id,
            ref_entity=t.ref_entity,
            ref_id=t.ref_id,
            memo=t.memo,
            reverses_txn_id=t.reverses_txn_id,
            created_at=t.created_at,
            legs=tuple(legs.get(int(t.id), ())),
        )
        for t in txns
    ]


def find_unbalanced_txns(session: Session) -> list[int]:
    """Transactions whose entries do not sum to zero, or that have no entries (none, ever)."""
    unbalanced = session.scalars(
        select(ENTRIES.c.txn_id)
        .group_by(ENTRIES.c.txn_id)
        .having(func.sum(ENTRIES.c.amount_fen) != 0)
    ).all()
    empty = session.scalars(
        select(TXNS.c.id).where(~select(ENTRIES.c.id).where(ENTRIES.c.txn_id == TXNS.c.id).exists())
    ).all()
    return sorted({int(i) for i in unbalanced} | {int(i) for i in empty})
