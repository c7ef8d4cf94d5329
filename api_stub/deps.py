"""What every request gets: the database, one unit of work, the client's language.

Routes that take a ``SessionDep`` are plain ``def`` functions: FastAPI runs them in its
thread pool, so a slow query never blocks the event loop.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from jiazheng_desk.db import Database
from jiazheng_desk.i18n import DEFAULT_LANGUAGE, set_language
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.app_tokens import authenticate_token

# Methods that change nothing read in a plain transaction; every other method gets a
# write unit of work from its first statement (BEGIN IMMEDIATE on SQLite, see db.py).
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def database_of(request: Request) -> Database:
    """The Database that ``create_app`` was given."""
    database: Database = request.app.state.database
    return database


async def get_database(request: Request) -> Database:
    # async so FastAPI does not hop to a worker thread just to read an attribute
    return database_of(request)


DatabaseDep = Annotated[Database, Depends(get_database)]


def get_session(request: Request) -> Iterator[Session]:
    """One unit of work per request: commit on success, roll back on error.

    Database.session does the committing; a refusal with ``commit_before_raise`` (a
    counted wrong password) is committed before it becomes an error response.
    """
    write = request.method not in READ_ONLY_METHODS
    with database_of(request).session(write=write) as session:
        yield session


# scope="function": the commit happens when the route returns, *before* the response is
# sent, so a client never gets 200 for a write whose commit then failed (with the default
# "request" scope FastAPI would commit after sending).
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def language_from_header(accept_language: str | None) -> str:
    """The shipped language the client prefers most (``Accept-Language``); Chinese by default."""
    if not accept_language:
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept_language.split(",")):
        tag, _, params = part.partition(";")
        tag = tag.strip().lower()
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality <= 0:
            continue
        if tag.startswith("en"):
            ranked.append((-quality, index, "en"))
        elif tag.startswith("zh"):
            ranked.append((-quality, index, "zh_CN"))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE


def language_of(request: Request) -> str:
    return language_from_header(request.headers.get("accept-language"))


async def use_request_language(request: Request) -> str:
    """Render this request's messages in the client's language.

    async on purpose: FastAPI runs a sync dependency in a worker thread with a *copy* of
    the context, so a language set there would never reach the route.
    """
    return set_language(language_of(request))


# --- who is calling ----------------------------------------------------------------------


def bearer_token(request: Request) -> str:
    """The token of ``Authorization: Bearer <token>`` (empty when absent)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def current_customer(request: Request, session: SessionDep) -> Actor:
    return authenticate_token(session, token=bearer_token(request), kind="customer")


def current_worker(request: Request, session: SessionDep) -> Actor:
    return authenticate_token(session, token=bearer_token(request), kind="worker")


def current_app_user(request: Request, session: SessionDep) -> Actor:
    return authenticate_token(session, token=bearer_token(request))


CurrentCustomer = Annotated[Actor, Depends(current_customer)]
CurrentWorker = Annotated[Actor, Depends(current_worker)]
CurrentAppUser = Annotated[Actor, Depends(current_app_user)]
