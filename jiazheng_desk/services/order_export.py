"""Rows of the orders list for an export: many orders by id, with the price breakdown.

The export reads the ids of the filtered list once (``order_list.list_order_ids``) and
then the rows a chunk of ids at a time through ``list_export_rows``: one Core query per chunk,
plain tuples, never a million ORM objects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, Customer, District, Order, ServiceItem, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id

ORDERS = table_of(Order)
# ids per query: well under every database's limit on bound parameters
MAX_IDS = 1000


@dataclass(frozen=True)
class OrderExportRow:
    id: int
    order_no: str
    timezone: str
    service_day: date
    starts_at: datetime
    ends_at: datetime
    state: str
    kind: str
    channel: str
    customer_name: str
    customer_phone: str
    district_name: str
    address_text: str
    item_name: str
    unit: str
    units: int
    worker_name: str
    base_fen: int
    options_fen: int
    travel_fee_fen: int
    surcharge_fen: int
    discount_fen: int
    total_fen: int
    cancel_fee_fen: int
    exception_reason: str
    created_at: datetime


def list_export_rows(session: Session, *, actor: Actor, ids: Sequence[int]) -> list[OrderExportRow]:
    """The orders with these ids, in the order given (other branches' orders are left out)."""
    require(actor, Perm.ORDER_VIEW)
    if len(ids) > MAX_IDS:
        raise ValueError(f"at most {MAX_IDS} ids a call")
    if not ids:
        return []
    stmt = (
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            Branch.timezone,
            ORDERS.c.service_day,
            ORDERS.c.starts_at,
            ORDERS.c.ends_at,
            ORDERS.c.state,
            ORDERS.c.kind,
            ORDERS.c.channel,
            Customer.name,
            Customer.phone,
            District.name,
            ORDERS.c.address_text,
            ServiceItem.name,
            ServiceItem.unit,
            ORDERS.c.units,
            Worker.name,
            ORDERS.c.base_fen,
            ORDERS.c.options_fen,
            ORDERS.c.travel_fee_fen,
            ORDERS.c.surcharge_fen,
            ORDERS.c.discount_fen,
            ORDERS.c.total_fen,
            ORDERS.c.cancel_fee_fen,
            ORDERS.c.exception_reason,
            ORDERS.c.created_at,
        )
        .join(Branch, Branch.id == ORDERS.c.branch_id)
        .join(Customer, Customer.id == ORDERS.c.customer_id)
        .join(District, District.id == ORDERS.c.district_id)
        .join(ServiceItem, ServiceItem.id == ORDERS.c.item_id)
        .outerjoin(Worker, Worker.id == ORDERS.c.worker_id)
        .where(ORDERS.c.id.in_(list(ids)))
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(ORDERS.c.branch_id == scope)
    by_id = {}
    for r in session.execute(stmt).all():
        by_id[r[0]] = OrderExportRow(
            id=r[0],
            order_no=r[1],
            timezone=r[2],
            service_day=r[3],
            starts_at=r[4],
            ends_at=r[5],
            state=r[6],
            kind=r[7],
            channel=r[8],
            customer_name=r[9],
            customer_phone=r[10],
            district_name=r[11],
            address_text=r[12],
            item_name=r[13],
            unit=r[14],
            units=r[15],
            worker_name=r[16] or "",
            base_fen=r[17],
            options_fen=r[18],
            travel_fee_fen=r[19],
            surcharge_fen=r[20],
            discount_fen=r[21],
            total_fen=r[22],
            cancel_fee_fen=r[23],
            exception_reason=r[24],
            created_at=r[25],
        )
    return [by_id[i] for i in ids if i in by_id]
