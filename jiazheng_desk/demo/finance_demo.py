"""The ledger of the demo: the bulk rows wrote payments and refunds without postings;
this posts them through ``services.finance`` (payment, the split of each ended order,
refunds), so balances, the split preview and reconciliation show real figures.

Capped: only orders whose service day is in the last ``POSTED_DAYS`` days (and the next days'
prepaid ones) are posted, oldest first; older payments stay unposted (the large demo has
a million orders; through the services each takes a few milliseconds). Reconciling a day
before the cap lists those payments as "not posted", which is true of the demo data.
A few pay rules and one branch's own commission rate are made too, through the services.
"""

from __future__ import annotations

import random
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, Order, Payment, Refund, ServiceItem, Worker
from jiazheng_desk.services import finance, finance_settings, ledger, pay_rules
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.timeutil import DEFAULT_TZ

POSTED_DAYS = 14
DEMO = Actor.system(source="cli", name="demo")


def _rules(session: Session, rng: random.Random) -> int:
    """A pay rule per hourly service, some per worker; a branch with its own commission."""
    start = (clock.now() - timedelta(days=400)).date()
    made = 0
    items = session.execute(
        select(ServiceItem.id, ServiceItem.unit, ServiceItem.kind).order_by(ServiceItem.id)
    ).all()
    for item_id, unit, kind in items:
        if kind == "placement":
            pay_rules.create_pay_rule(
                session,
                actor=DEMO,
                kind="per_day",
                value=rng.choice((18_000, 22_000, 26_000)),
                valid_from=start,
                item_id=item_id,
            )
        elif unit == "hour":
            pay_rules.create_pay_rule(
                session,
                actor=DEMO,
                kind="hourly",
                value=rng.choice((3_000, 3_500, 4_000)),
                valid_from=start,
                item_id=item_id,
            )
        else:
            continue
        made += 1
    workers = session.scalars(
        select(Worker.id).where(Worker.status == "active").order_by(Worker.id).limit(12)
    ).all()
    for worker_id in workers:
        pay_rules.create_pay_rule(
            session,
            actor=DEMO,
            kind="share",
            value=rng.choice((7_200, 7_500, 8_000)),
            valid_from=start,
            worker_id=worker_id,
        )
        made += 1
    branch = session.scalar(select(Branch.id).order_by(Branch.id.desc()).limit(1))
    if branch is not None:
        finance_settings.set_finance_setting(
            session, actor=DEMO, key="finance.branch_commission_bp", value=800, branch_id=branch
        )
    return made


def seed(session: Session, rng: random.Random) -> int:
    """Post the ledger of the last ``POSTED_DAYS`` days; rows of ledger_txn written."""
    made = _rules(session, rng)
    # one unit of work: account ids may be remembered across postings
    session.info[ledger.ACCOUNT_CACHE] = {}
    # whole business days (the same orders whatever the hour the demo is made)
    since = clock.now().astimezone(ZoneInfo(DEFAULT_TZ)).date() - timedelta(days=POSTED_DAYS)
    order_ids = session.scalars(
        select(Order.id)
        .where(Order.service_day >= since)
        .where(
            Order.state.in_(finance.SETTLED_STATES)
            | select(Payment.id).where(Payment.order_id == Order.id).exists()
        )
        .order_by(Order.starts_at, Order.id)
    ).all()
    payments: dict[int, list[int]] = {}
    for pid, oid in session.execute(
        select(Payment.id, Payment.order_id)
        .join(Order, Order.id == Payment.order_id)
        .where(Order.service_day >= since, Payment.state == "confirmed")
        .order_by(Payment.id)
    ).all():
        payments.setdefault(int(oid), []).append(int(pid))
    done: dict[int, list[tuple[int, int, str]]] = {}
    for rid, oid, amount, reason in session.execute(
        select(Refund.id, Refund.order_id, Refund.amount_fen, Refund.reason)
        .join(Order, Order.id == Refund.order_id)
        .where(Order.service_day >= since, Refund.state == "done")
        .order_by(Refund.id)
    ).all():
        done.setdefault(int(oid), []).append((int(rid), int(amount), reason))
    posted = 0
    for order_id in order_ids:
        for payment_id in payments.get(order_id, ()):
            posted += finance.post_payment(session, actor=DEMO, payment_id=payment_id) is not None
        for refund_id, amount, reason in done.get(order_id, ()):
            posted += (
                finance.settle_order(
                    session,
                    actor=DEMO,
                    order_id=order_id,
                    kind="refund",
                    extra=(("clearing", amount), ("refunds", -amount)),
                    ref=("refund", refund_id),
                    memo=reason,
                )
                is not None
            )
        if order_id not in payments:
            # ended without payment (a completed phone order not paid yet)
            posted += (
                finance.settle_order(session, actor=DEMO, order_id=order_id, kind="completion")
                is not None
            )
    session.info.pop(ledger.ACCOUNT_CACHE, None)
    return made + posted
