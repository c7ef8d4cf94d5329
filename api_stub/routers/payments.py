"""Paying: ``POST /customer/orders/{id}/payments`` and the gateway's signed callback.

Starting a payment needs an ``Idempotency-Key``. The callback is verified by the gateway
(HMAC-SHA256 for the sandbox, compared in constant time) before anything is read from it;
an unsigned or badly signed one is refused with 401 and logged, and changes nothing.
"""

from __future__ import annotations

import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import ValidationError as PydanticValidationError

from api_stub.customer_deps import PaymentGatewayDep
from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.idempotency import IdempotencyKey, idempotent
from api_stub.schemas.customer_common import IdPath
from api_stub.schemas.payments import CallbackIn, CallbackOut, PaymentIn, PaymentStartOut
from jiazheng_desk.services import payments

log = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Payment-Signature"

router = APIRouter(tags=["payments"])


@router.post(
    "/customer/orders/{order_id}/payments",
    status_code=201,
    response_model=PaymentStartOut,
    summary="Pay for an order",
)
def start_payment(
    order_id: IdPath,
    body: PaymentIn,
    me: CurrentCustomer,
    session: SessionDep,
    key: IdempotencyKey,
    gateway: PaymentGatewayDep,
) -> Response:
    """A payment of what is still due, with the intent the app opens to pay."""

    def run() -> PaymentStartOut:
        started = payments.start_payment(
            session,
            actor=me,
            order_id=order_id,
            method=body.method,
            idempotency_key=key,
            gateway=gateway,
        )
        return PaymentStartOut.of(started)

    return idempotent(
        session,
        actor=me,
        key=key,
        route="customer.payments.start",
        body=body,
        path={"order_id": order_id},
        run=run,
    )


async def raw_body(request: Request) -> bytes:
    """The body exactly as sent: the signature is over these bytes, not a re-encoding."""
    return await request.body()


def signed_body(
    request: Request,
    gateway: PaymentGatewayDep,
    body: Annotated[bytes, Depends(raw_body)],
    signature: Annotated[str, Header(alias=SIGNATURE_HEADER)] = "",
) -> bytes:
    """The callback's body once the gateway vouches for it; a forgery is logged and refused
    before a database connection is taken."""
    if not gateway.signature_ok(body, signature):
        client = request.client.host if request.client else "?"
        log.warning(
            "payment callback refused: bad signature from %s (%d bytes, signature %r)",
            client,
            len(body),
            signature[:16],
        )
        raise payments.BadCallbackSignature()
    return body


@router.post("/payments/callback", response_model=CallbackOut, summary="Payment gateway callback")
def payment_callback(
    body: Annotated[bytes, Depends(signed_body)], session: SessionDep
) -> CallbackOut:
    """Called by the gateway (not the app): the payment's outcome, signed with
    ``X-Payment-Signature``. Repeats are answered and change nothing."""
    try:
        notice = CallbackIn.model_validate_json(body)
    except PydanticValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None
    confirmed = payments.confirm_payment(
        session,
        gateway_ref=notice.gateway_ref,
        amount_fen=notice.amount_fen,
        status=notice.status,
        raw=body.decode("utf-8", "replace"),
    )
    return CallbackOut.of(confirmed)
