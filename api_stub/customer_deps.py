"""What the customer routes need besides ``deps``: an optional login and the payment gateway.

The payment gateway is built with the app (``api_stub/gateways.py``); a test or an
embedding program may set ``app.state.payment_gateway`` instead.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api_stub.deps import SessionDep, bearer_token
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.app_tokens import authenticate_token
from jiazheng_desk.services.payments import PaymentGateway


def optional_customer(request: Request, session: SessionDep) -> Actor | None:
    """The customer when the request carries a token (which must then be good), else None."""
    token = bearer_token(request)
    if not token:
        return None
    return authenticate_token(session, token=token, kind="customer")


OptionalCustomer = Annotated[Actor | None, Depends(optional_customer)]


async def payment_gateway(request: Request) -> PaymentGateway:
    """The app's payment gateway (built by ``create_app``)."""
    gateway: PaymentGateway = request.app.state.payment_gateway
    return gateway


PaymentGatewayDep = Annotated[PaymentGateway, Depends(payment_gateway)]
