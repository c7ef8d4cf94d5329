"""``POST /api/v1/sandbox/background-check``: the background-check provider's sandbox.

Mounted only when ``JIAZHENG_SANDBOX_ROUTES=1`` (``app.py``), so a demo or a test can
point ``HttpBackgroundGateway`` at a real HTTP server; it answers from the seeded list of
``jiazheng_desk/sync/gateways/background_sandbox.py`` (loaded by name: the API and the
jobs are sibling faces). A number the sandbox never answers gets a 504, as a provider
behind a failing proxy would.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api_stub.gateways import load_gateway

ENV = "JIAZHENG_SANDBOX_ROUTES"
SANDBOX = "jiazheng_desk.sync.gateways.background_sandbox:SandboxBackgroundGateway"

sandbox_router = APIRouter(prefix="/sandbox", tags=["sandbox"])


def enabled() -> bool:
    return os.environ.get(ENV, "") == "1"


@cache
def _gateway() -> Any:
    return load_gateway(SANDBOX)


class BackgroundQuery(BaseModel):
    name: str = Field(max_length=64)
    id_number: str = Field(max_length=32)


class BackgroundAnswer(BaseModel):
    outcome: Literal["clear", "hit"]
    detail: str = ""


@sandbox_router.post(
    "/background-check",
    response_model=BackgroundAnswer,
    responses={504: {"description": "The sandbox's silent person: no answer."}},
)
def background_check(query: BackgroundQuery) -> Any:
    """What the sandbox provider holds on a person."""
    result = _gateway().check(query.name, query.id_number)
    if result.outcome == "not_answered":
        return JSONResponse(
            {"error": "no_answer", "message": "upstream did not answer"}, status_code=504
        )
    return BackgroundAnswer(outcome=result.outcome, detail=result.detail)
