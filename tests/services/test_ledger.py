"""The ledger: balanced transactions only, no edits, reversals, balances as sums."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from jiazheng_desk.models import AuditLog, LedgerEntry, LedgerTxn
from jiazheng_desk.services import ledger
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from tests.booking_factories import make_worker
from tests.finance_factories import make_fin_world

SYSTEM = Actor.system()


def _count(db, model) -> int:
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_balanced_transaction_is_posted_with_its_audit_row(db):
    fw = make_fin_world(db)
    gateway = ledger.ensure_account(db, "gateway")
    worker = ledger.ensure_account(db, "worker", fw.worker.id)
    assert ledger.ensure_account(db, "worker", fw.worker.id) == worker
    audits = db.scalar(select(func.count()).where(AuditLog.action == "ledger.post"))
    txn = ledger.post(
        db, actor=SYSTEM, kind="test", entries=[(gateway, 500), (worker, -500)], memo="试"
    )
    assert ledger.get_balance(db, account_id=gateway) == 500
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 500
    assert db.scalar(select(func.count()).where(AuditLog.action == "ledger.post")) == audits + 1
    assert ledger.find_unbalanced_txns(db) == []
    legs = db.scalars(select(LedgerEntry.amount_fen).where(LedgerEntry.txn_id == txn)).all()
    assert sorted(legs) == [-500, 500]


@pytest.mark.parametrize(
    ("amounts", "key"),
    [
        ([], "ledger.empty"),
        ([0, 0], "ledger.empty"),
        ([100, -99], "ledger.unbalanced"),
        ([100], "ledger.unbalanced"),
        ([ledger.MAX_AMOUNT_FEN + 1, -ledger.MAX_AMOUNT_FEN - 1], "ledger.absurd_amount"),
        ([True, -1], "ledger.not_integer"),
        ([1.5, -1.5], "ledger.not_integer"),
    ],
)
def test_anything_but_a_balanced_transaction_is_refused_and_nothing_written(db, amounts, key):
    fw = make_fin_world(db)
    accounts = [
        ledger.ensure_account(db, "platform"),
        ledger.ensure_account(db, "branch", fw.world.branch.id),
    ]
    txns, entries = _count(db, LedgerTxn), _count(db, LedgerEntry)
    with pytest.raises(ValidationError) as err:
        ledger.post(
            db,
            actor=SYSTEM,
            kind="test",
            entries=[(accounts[i % 2], a) for i, a in enumerate(amounts)],
        )
    assert err.value.key == key
    assert (_count(db, LedgerTxn), _count(db, LedgerEntry)) == (txns, entries)


def test_reverse_posts_the_opposite_once(db):
    fw = make_fin_world(db)
    a = ledger.ensure_account(db, "platform")
    b = ledger.ensure_account(db, "worker", fw.worker.id)
    txn = ledger.post(db, actor=SYSTEM, kind="test", entries=[(a, 300), (b, -300)])
    back = ledger.reverse(db, actor=fw.hq, txn_id=txn, reason="记错了")
    assert ledger.get_balance(db, account_id=a) == 0
    assert ledger.get_worker_payable(db, worker_id=fw.worker.id) == 0
    assert db.get(LedgerTxn, back).reverses_txn_id == txn
    with pytest.raises(Conflict):
        ledger.reverse(db, actor=fw.hq, txn_id=txn, reason="再来")
    with pytest.raises(Conflict):
        ledger.reverse(db, actor=fw.hq, txn_id=back, reason="冲正的冲正")
    with pytest.raises(ValidationError):
        ledger.reverse(db, actor=fw.hq, txn_id=txn, reason="  ")
    with pytest.raises(PermissionDenied):
        ledger.reverse(db, actor=fw.dispatcher, txn_id=txn, reason="无权")


def test_balances_list_and_entries_are_scoped_to_the_branch(db):
    fw = make_fin_world(db)
    other = make_fin_world(db)
    mine = ledger.ensure_account(db, "worker", fw.worker.id)
    theirs = ledger.ensure_account(db, "worker", other.worker.id)
    branch = ledger.ensure_account(db, "branch", fw.world.branch.id)
    ledger.post(
        db, actor=SYSTEM, kind="test", entries=[(mine, -700), (theirs, -300), (branch, 1000)]
    )
    seen = {b.code: b for b in ledger.list_balances(db, actor=fw.finance)}
    assert f"worker:{fw.worker.id}" in seen and f"worker:{other.worker.id}" not in seen
    assert seen[f"worker:{fw.worker.id}"].held_fen == 700
    assert seen[f"branch:{fw.world.branch.id}"].held_fen == -1000
    page = ledger.list_entries(db, actor=fw.finance, account_id=mine)
    assert page.total == 1 and page.items[0].amount_fen == -700
    with pytest.raises(PermissionDenied):
        ledger.list_entries(db, actor=fw.finance, account_id=theirs)
    with pytest.raises(PermissionDenied):
        ledger.list_balances(db, actor=fw.dispatcher)


def test_account_of_an_unknown_owner_is_refused(db):
    from jiazheng_desk.services.errors import NotFound

    with pytest.raises(NotFound):
        ledger.ensure_account(db, "worker", 987654321)
    with pytest.raises(ValueError, match="no account"):
        ledger.account_code("nonsense", 1)


def test_a_second_worker_gets_a_second_account(db):
    fw = make_fin_world(db)
    second = make_worker(db, fw.world)
    assert ledger.ensure_account(db, "worker", second.id) != ledger.ensure_account(
        db, "worker", fw.worker.id
    )
