"""Demo of invoices, through their services: customers ask for invoices over recent done
and paid orders (companies with valid credit codes, and persons); finance issues most,
rejects a few with a reason, voids one per branch, and leaves some waiting.

The filing goes to the sandbox platform, loaded by name as the desk does (``demo`` may not
import ``sync``). Counts are capped so the large demo seeds this in a second or two.
"""

from __future__ import annotations

import importlib
import random
from collections import defaultdict
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Customer, Order, Payment, StaffUser
from jiazheng_desk.services import invoice_views, invoices
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for
from jiazheng_desk.services.errors import DomainError
from jiazheng_desk.services.tax_ids import check_character

GATEWAY = "jiazheng_desk.sync.gateways.invoice_sandbox:SandboxInvoiceGateway"
RECENT_DAYS = 60
CUSTOMERS_PER_BRANCH = 12
# the first 17 characters of made-up credit codes (the check character is computed)
COMPANIES = (
    ("上海星河信息科技有限公司", "91310115MA1H7Q2X0"),
    ("上海浦江物业管理有限公司", "91310104MA1FR3KL5"),
    ("上海明德律师事务所", "31310000425012345"),
    ("上海申城餐饮管理有限公司", "91310106MA1G8B9T2"),
    ("上海嘉禾贸易有限公司", "91310112MA1GB0WW4"),
    ("上海静安区青松幼儿园", "52310106MJ4987654"),
)
REJECTIONS = (
    "抬头与营业执照上的名称不一致，请核对后重新申请",
    "纳税人识别号与抬头不符，请核对",
    "订单包含已开过纸质发票的服务，请联系门店",
)
VOID_REASONS = ("客户要求更换抬头", "开票金额有误，重新开具")


def _gateway() -> Any:
    module_name, _, class_name = GATEWAY.partition(":")
    return getattr(importlib.import_module(module_name), class_name)()


def _finance(session: Session) -> dict[int, Actor]:
    """A finance clerk of each branch (the branch manager where there is none)."""
    found: dict[int, Actor] = {}
    for role in ("finance", "branch_manager"):
        for user in session.scalars(
            select(StaffUser)
            .where(StaffUser.role == role, StaffUser.is_active.is_(True))
            .order_by(StaffUser.id)
        ):
            if user.branch_id is not None and user.branch_id not in found:
                found[user.branch_id] = actor_for(user)
    return found


def _customers(session: Session) -> dict[int, list[tuple[int, str]]]:
    """Customers with recent paid and done orders, by branch (id, name)."""
    since = clock.now() - timedelta(days=RECENT_DAYS)
    rows = session.execute(
        select(Order.branch_id, Customer.id, Customer.name)
        .join(Customer, Customer.id == Order.customer_id)
        .join(Payment, Payment.order_id == Order.id)
        .where(
            Order.state.in_(invoice_views.INVOICEABLE_ORDER_STATES),
            Order.starts_at >= since,
            Payment.state == "confirmed",
            Customer.status == "active",
        )
        .distinct()
        .order_by(Order.branch_id, Customer.id)
    ).all()
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for branch_id, customer_id, name in rows:
        if len(found[branch_id]) < CUSTOMERS_PER_BRANCH:
            found[branch_id].append((int(customer_id), name))
    return found


def _ask(session: Session, rng: random.Random, customer: Actor, name: str) -> int | None:
    free = invoice_views.list_invoiceable_orders(session, actor=customer)
    if not free:
        return None
    branch_id = free[0].branch_id
    mine = [o.order_id for o in free if o.branch_id == branch_id][: rng.randint(1, 3)]
    if rng.random() < 0.6:
        title, body = rng.choice(COMPANIES)
        kind, tax_id = "company", body + check_character(body)
    else:
        title, kind, tax_id = name or "个人", "personal", ""
    made = invoices.request_invoice(
        session,
        actor=customer,
        buyer_kind=kind,
        title=title,
        tax_id=tax_id,
        email=f"invoice{customer.id}@example.cn",
        order_ids=mine,
    )
    return made.id


def _steps(
    session: Session,
    rng: random.Random,
    gateway: Any,
    customer: Actor,
    clerk: Actor | None,
    voided: bool,
) -> tuple[int, bool]:
    """One customer's request and what finance does with it: (rows, whether voided)."""
    request_id = _ask(session, rng, customer, customer.name)
    if request_id is None or clerk is None:
        return (0 if request_id is None else 1), False
    roll = rng.random()
    if roll < 0.3:
        return 1, False  # waiting for finance
    if roll < 0.45:
        invoices.reject_invoice_request(
            session, actor=clerk, request_id=request_id, reason=rng.choice(REJECTIONS)
        )
        return 1, False
    done = invoices.issue_invoice(session, actor=clerk, request_id=request_id, gateway=gateway)
    if voided or done.row.invoice_id is None:
        return 2, False
    invoices.void_invoice(
        session,
        actor=clerk,
        invoice_id=done.row.invoice_id,
        reason=rng.choice(VOID_REASONS),
        gateway=gateway,
    )
    return 2, True


def seed(session: Session, rng: random.Random) -> int:
    """Requests in every state; returns the rows written (about)."""
    gateway = _gateway()
    clerks = _finance(session)
    written = 0
    for branch_id, people in sorted(_customers(session).items()):
        clerk = clerks.get(branch_id)
        voided = False
        for customer_id, name in people:
            customer = Actor(kind="customer", id=customer_id, name=name, source="api")
            try:
                # each customer's steps whole or not at all (a refusal rolls them back)
                with session.begin_nested():
                    made, void_done = _steps(session, rng, gateway, customer, clerk, voided)
            except DomainError:
                # the data does not allow it (an order the quality demo refunded): skip
                continue
            written += made
            voided = voided or void_done
    return written
