"""The customer's bookings: slots, quotes, booking, the list, one order, cancel, move.

``POST /customer/orders`` needs an ``Idempotency-Key``: a repeat returns the first answer
and never books twice (``api_stub.idempotency``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.idempotency import IdempotencyKey, idempotent
from api_stub.schemas.customer_common import Id, IdPath, IdQuery, Offset
from api_stub.schemas.orders import (
    BookingIn,
    BookingOut,
    CancelFeeOut,
    CancelIn,
    OrderOut,
    OrderPage,
    OrderRowOut,
    QuoteIn,
    QuoteOut,
    RescheduleIn,
    SlotsOut,
)
from jiazheng_desk.services import customer_booking, customer_orders, orders

router = APIRouter(prefix="/customer", tags=["customer orders"])


@router.get("/slots", response_model=SlotsOut, summary="Free start times")
def slots(
    me: CurrentCustomer,
    session: SessionDep,
    service_id: Annotated[IdQuery, Query(description="The service item.")],
    address_id: IdQuery,
    from_: Annotated[date | None, Query(alias="from", description="First local day.")] = None,
    to: Annotated[date | None, Query(description="Last local day (at most 31 days).")] = None,
    units: Annotated[int | None, Query(ge=1, le=10_000)] = None,
    option_ids: Annotated[list[Id] | None, Query()] = None,
) -> SlotsOut:
    """Start times over the days with how many qualified workers are free for each."""
    found = customer_booking.list_slots_for_customer(
        session,
        actor=me,
        address_id=address_id,
        item_id=service_id,
        first_day=from_,
        last_day=to,
        units=units,
        option_ids=option_ids or (),
    )
    return SlotsOut.of(found)


@router.post("/quotes", response_model=QuoteOut, summary="Price a booking")
def quote(body: QuoteIn, me: CurrentCustomer, session: SessionDep) -> QuoteOut:
    """The price line by line (nothing is booked)."""
    priced = customer_booking.quote_for_customer(
        session,
        actor=me,
        address_id=body.address_id,
        item_id=body.item_id,
        units=body.units,
        starts_at=body.starts_at,
        option_ids=body.option_ids,
        coupon_id=body.coupon_id,
        points_used=body.points,
    )
    return QuoteOut.of(priced)


@router.post(
    "/orders",
    status_code=201,
    response_model=BookingOut,
    summary="Book",
    responses={409: {"description": "The worker is not free (the message says why)."}},
)
def book(
    body: BookingIn, me: CurrentCustomer, session: SessionDep, key: IdempotencyKey
) -> Response:
    """Book a visit, a placement or a recurring series, with a chosen worker, any free
    worker (``auto``), or none (pay first; the branch dispatches)."""

    def run() -> BookingOut:
        repeat = None
        if body.repeat is not None:
            repeat = customer_booking.Repeat(
                rule=body.repeat.rule,
                count=body.repeat.count,
                until=body.repeat.until,
                week_of_month=body.repeat.week_of_month,
            )
        result = customer_booking.book_for_customer(
            session,
            actor=me,
            address_id=body.address_id,
            item_id=body.item_id,
            units=body.units,
            starts_at=body.starts_at,
            option_ids=body.option_ids,
            worker_id=body.worker_id,
            auto=body.auto,
            note=body.note,
            days_off=body.days_off,
            repeat=repeat,
            coupon_id=body.coupon_id,
            points_used=body.points,
        )
        return BookingOut.of(result)

    return idempotent(
        session, actor=me, key=key, route="customer.orders.create", body=body, run=run
    )


@router.get("/orders", response_model=OrderPage, summary="My orders")
def my_orders(
    me: CurrentCustomer,
    session: SessionDep,
    state: Annotated[list[str] | None, Query(description="Only these states.")] = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> OrderPage:
    """The customer's own orders, newest service first."""
    page = customer_orders.list_my_orders(
        session, actor=me, states=tuple(state or ()), offset=offset, limit=limit
    )
    return OrderPage(items=[OrderRowOut.of(r) for r in page.items], total=page.total)


@router.get("/orders/{order_id}", response_model=OrderOut, summary="One of my orders")
def my_order(order_id: IdPath, me: CurrentCustomer, session: SessionDep) -> OrderOut:
    """The order with its state history, payments, review, and — while the worker is on the
    way — their position and ETA."""
    return OrderOut.of_mine(customer_orders.get_my_order(session, actor=me, order_id=order_id))


@router.get("/orders/{order_id}/cancel-fee", response_model=CancelFeeOut, summary="Cancel fee")
def cancel_fee(order_id: IdPath, me: CurrentCustomer, session: SessionDep) -> CancelFeeOut:
    """What cancelling now would cost (show it before the customer confirms)."""
    return CancelFeeOut.of(orders.cancellation_fee(session, order_id=order_id, actor=me))


@router.post("/orders/{order_id}/cancel", response_model=OrderOut, summary="Cancel")
def cancel(order_id: IdPath, body: CancelIn, me: CurrentCustomer, session: SessionDep) -> OrderOut:
    """Cancel with the fee the rules give; with ``expected_fee_fen`` a changed fee is a 409."""
    mine = customer_orders.cancel_my_order(
        session,
        actor=me,
        order_id=order_id,
        reason=body.reason,
        expected_fee_fen=body.expected_fee_fen,
    )
    return OrderOut.of_mine(mine)


@router.post("/orders/{order_id}/reschedule", response_model=OrderOut, summary="Move")
def reschedule(
    order_id: IdPath, body: RescheduleIn, me: CurrentCustomer, session: SessionDep
) -> OrderOut:
    """Move the order; its worker comes along if free then (else 409, unless
    ``keep_worker`` is false)."""
    mine = customer_orders.reschedule_my_order(
        session,
        actor=me,
        order_id=order_id,
        new_starts_at=body.starts_at,
        keep_worker=body.keep_worker,
        reason=body.reason,
    )
    return OrderOut.of_mine(mine)
