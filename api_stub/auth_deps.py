"""What the account routes need besides a session: the client's IP and the gateways.

The client IP is ``request.client.host``. Behind a load balancer that is the balancer's
address unless uvicorn trusts the balancer's ``X-Forwarded-For``: start ``jiazheng-api
--forwarded-allow-ips <balancer IPs>`` (uvicorn also reads ``FORWARDED_ALLOW_IPS``). The
per-IP code limit depends on it: without it every client shares the balancer's limit.
Never trust ``*`` on a server reachable directly: a client could then claim any IP.

The gateways (identity check, WeChat/Alipay login) are built with the app
(``api_stub/gateways.py``); tests put a fake in ``app.state.identity_gateway`` /
``app.state.oauth_gateway``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from api_stub.deps import bearer_token
from jiazheng_desk.services.app_auth import OAuthGateway
from jiazheng_desk.services.identity import IdentityGateway


def client_ip(request: Request) -> str:
    """The caller's IP as uvicorn saw it (after ``--forwarded-allow-ips``), or ""."""
    return request.client.host if request.client else ""


async def identity_gateway(request: Request) -> IdentityGateway:
    gateway: IdentityGateway = request.app.state.identity_gateway
    return gateway


async def oauth_gateway(request: Request) -> OAuthGateway:
    gateway: OAuthGateway = request.app.state.oauth_gateway
    return gateway


async def _bearer(request: Request) -> str:
    return bearer_token(request)


ClientIp = Annotated[str, Depends(client_ip)]
BearerToken = Annotated[str, Depends(_bearer)]
IdentityGatewayDep = Annotated[IdentityGateway, Depends(identity_gateway)]
OAuthGatewayDep = Annotated[OAuthGateway, Depends(oauth_gateway)]
