"""A customer's favourite workers and services (收藏).

Only what can be booked can be added (an active worker, an item on the catalogue); a
favourite that has since retired or left stays in the list, marked unavailable, until
the customer removes it. Adding twice is harmless (the unique key holds one row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Favorite, ServiceCategory, ServiceItem, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.public_people import public_name

FAVORITES = table_of(Favorite)
KINDS = ("worker", "item")


@dataclass(frozen=True)
class FavoriteView:
    kind: str
    target_id: int
    # the worker's public name (王阿姨) or the item's name
    name: str
    available: bool
    # workers: their stars and review count; items: their base price
    stars: float | None
    review_count: int
    price_fen: int | None
    created_at: datetime


def _customer_id(actor: Actor) -> int:
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("favorite.customers_only")
    return actor.id


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError("favorite.bad_kind", field="kind", kinds=", ".join(KINDS))


def _bookable(session: Session, kind: str, target_id: int) -> bool:
    if kind == "worker":
        worker = session.get(Worker, target_id)
        return worker is not None and worker.status == "active"
    row = session.execute(
        select(ServiceItem.is_active, ServiceItem.retired_at, ServiceCategory.is_active)
        .join(ServiceCategory, ServiceCategory.id == ServiceItem.category_id)
        .where(ServiceItem.id == target_id)
    ).one_or_none()
    return row is not None and bool(row[0]) and row[1] is None and bool(row[2])


def add_favorite(
    session: Session, *, actor: Actor, kind: str, target_id: int
) -> tuple[FavoriteView, bool]:
    """Add a favourite; the view and whether it is new (False: it was there already)."""
    customer_id = _customer_id(actor)
    _check_kind(kind)
    if not _bookable(session, kind, target_id):
        raise NotFound(kind, target_id)
    where = (
        FAVORITES.c.customer_id == customer_id,
        FAVORITES.c.kind == kind,
        FAVORITES.c.target_id == target_id,
    )
    created = False
    if session.scalar(select(FAVORITES.c.id).where(*where)) is None:
        try:
            # a savepoint: a double tap's twin that got there first is not an error
            with session.begin_nested():
                session.execute(
                    insert(FAVORITES),
                    {
                        "customer_id": customer_id,
                        "kind": kind,
                        "target_id": target_id,
                        "created_at": clock.now(),
                    },
                )
            created = True
        except IntegrityError:
            created = False
    if created:
        audit.record(
            session,
            actor=actor,
            action="favorite.add",
            entity="favorite",
            after={"kind": kind, "target_id": target_id},
        )
    views = _views(session, customer_id, _rows(session, customer_id, where))
    return views[0], created


def remove_favorite(session: Session, *, actor: Actor, kind: str, target_id: int) -> bool:
    """Remove a favourite; False when it was not there (removing is idempotent)."""
    customer_id = _customer_id(actor)
    _check_kind(kind)
    result = session.execute(
        delete(FAVORITES).where(
            FAVORITES.c.customer_id == customer_id,
            FAVORITES.c.kind == kind,
            FAVORITES.c.target_id == target_id,
        )
    )
    removed = bool(getattr(result, "rowcount", 0))
    if removed:
        audit.record(
            session,
            actor=actor,
            action="favorite.remove",
            entity="favorite",
            before={"kind": kind, "target_id": target_id},
        )
    return removed


def _rows(session: Session, customer_id: int, where: tuple[Any, ...]) -> list[Any]:
    return list(
        session.execute(
            select(FAVORITES)
            .where(FAVORITES.c.customer_id == customer_id, *where)
            .order_by(FAVORITES.c.created_at.desc(), FAVORITES.c.id.desc())
        ).all()
    )


def list_favorites(
    session: Session, *, actor: Actor, kind: str | None = None
) -> list[FavoriteView]:
    """The customer's favourites, newest first, of one kind or both."""
    customer_id = _customer_id(actor)
    where: tuple[Any, ...] = ()
    if kind is not None:
        _check_kind(kind)
        where = (FAVORITES.c.kind == kind,)
    return _views(session, customer_id, _rows(session, customer_id, where))


def _views(session: Session, customer_id: int, rows: list[Any]) -> list[FavoriteView]:
    worker_ids = [int(r.target_id) for r in rows if r.kind == "worker"]
    item_ids = [int(r.target_id) for r in rows if r.kind == "item"]
    workers = (
        {w.id: w for w in session.scalars(select(Worker).where(Worker.id.in_(worker_ids)))}
        if worker_ids
        else {}
    )
    items = (
        {i.id: i for i in session.scalars(select(ServiceItem).where(ServiceItem.id.in_(item_ids)))}
        if item_ids
        else {}
    )
    out = []
    for r in rows:
        target = int(r.target_id)
        if r.kind == "worker":
            w = workers.get(target)
            out.append(
                FavoriteView(
                    kind="worker",
                    target_id=target,
                    name=public_name(w.name, w.gender) if w else "",
                    available=w is not None and w.status == "active",
                    stars=round(w.rating_sum / w.rating_count, 1) if w and w.rating_count else None,
                    review_count=w.rating_count if w else 0,
                    price_fen=None,
                    created_at=r.created_at,
                )
            )
        else:
            i = items.get(target)
            out.append(
                FavoriteView(
                    kind="item",
                    target_id=target,
                    name=i.name if i else "",
                    available=i is not None and i.is_active and i.retired_at is None,
                    stars=None,
                    review_count=0,
                    price_fen=i.base_price_fen if i else None,
                    created_at=r.created_at,
                )
            )
    return out
