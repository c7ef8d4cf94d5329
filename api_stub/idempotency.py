"""``Idempotency-Key`` on the POSTs that create bookings or money: a repeat gets the first
answer, never a second booking or payment.

How a keyed request runs, in the request's one unit of work:

1. The key is *claimed* first: an ``idempotency_record`` row (customer, key) is inserted
   before the work starts. The unique key (subject_kind, subject_id, key) does the rest:
   - a repeat after the first committed finds the row: the insert fails at once;
   - a repeat that arrives while the first is still running waits on MySQL/MariaDB for the
     first's transaction (InnoDB's duplicate-key check), and on SQLite behind the first's
     write lock (``BEGIN IMMEDIATE``); either way it then sees the committed row.
   The loser rolls back (it has written nothing) and answers with the stored result.
2. The work runs; its status and JSON body are written into the claimed row, and both
   commit together. A crash or a refusal (any error) rolls back the booking *and* the
   claim, so a retry with the same key simply runs again.
3. A repeat with the same key and the same body (same route, same path) gets the stored
   status and body, marked ``Idempotent-Replayed: true``. The same key with a different
   body is refused (422 ``idempotency.key_reused``): it is a client bug, not a retry.

Keys are 1–64 visible ASCII characters (a UUID fits) and belong to one customer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Header
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import IdempotencyRecord
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import DomainError

RECORDS = table_of(IdempotencyRecord)
HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY = 64
_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")


class IdempotencyKeyError(DomainError):
    """The header is missing or is not a usable key."""

    http_status = 400


class IdempotencyKeyReused(DomainError):
    """The key was used before for another request."""

    key = "idempotency.key_reused"
    http_status = 422


async def require_key(
    idempotency_key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            description="A key the client makes per booking or payment (e.g. a UUID); "
            "repeating the request with the same key returns the first answer.",
        ),
    ] = None,
) -> str:
    """The request's ``Idempotency-Key`` (400 JSON when missing or unusable).

    async: a plain check, not worth a hop to the thread pool on every booking.
    """
    if idempotency_key is None:
        raise IdempotencyKeyError("idempotency.key_required", field=HEADER)
    if not _KEY.match(idempotency_key):
        raise IdempotencyKeyError("idempotency.bad_key", field=HEADER, max=MAX_KEY)
    return idempotency_key


IdempotencyKey = Annotated[str, Depends(require_key)]


def request_hash(route: str, body: BaseModel, path: dict[str, Any] | None = None) -> str:
    """What makes two requests "the same": the route, the path values and the body's values
    (as validated, so key order and whitespace do not matter)."""
    canonical = json.dumps(
        {"route": route, "path": path or {}, "body": body.model_dump(mode="json")},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _json(status: int, text: str, *, replayed: bool) -> Response:
    headers = {REPLAYED_HEADER: "true"} if replayed else None
    return Response(text, status_code=status, media_type="application/json", headers=headers)


def _replay(session: Session, actor: Actor, key: str, route: str, digest: str) -> Response:
    row = session.execute(
        select(
            RECORDS.c.route, RECORDS.c.request_hash, RECORDS.c.status_code, RECORDS.c.response_json
        ).where(
            RECORDS.c.subject_kind == actor.kind,
            RECORDS.c.subject_id == actor.id,
            RECORDS.c.key == key,
        )
    ).one()
    if row.route != route or row.request_hash != digest:
        raise IdempotencyKeyReused(field=HEADER)
    return _json(int(row.status_code), row.response_json, replayed=True)


def idempotent(
    session: Session,
    *,
    actor: Actor,
    key: str,
    route: str,
    body: BaseModel,
    run: Callable[[], BaseModel],
    status_code: int = 201,
    path: dict[str, Any] | None = None,
) -> Response:
    """Run ``run`` once per key (see the module doc) and answer with its JSON."""
    digest = request_hash(route, body, path)
    try:
        record_id = inserted_id(
            session.connection().execute(
                insert(RECORDS),
                {
                    "subject_kind": actor.kind,
                    "subject_id": actor.id,
                    "key": key,
                    "route": route,
                    "request_hash": digest,
                    # 0 until the answer is written, in this same transaction
                    "status_code": 0,
                    "response_json": "",
                    "created_at": clock.now(),
                },
            )
        )
    except IntegrityError:
        # nothing of ours is written yet: start afresh and read the winner's answer
        session.rollback()
        return _replay(session, actor, key, route, digest)
    answer = run().model_dump_json()
    session.connection().execute(
        update(RECORDS)
        .where(RECORDS.c.id == record_id)
        .values(status_code=status_code, response_json=answer)
    )
    return _json(status_code, answer, replayed=False)
