"""Reviews of completed orders: five 1–5 scores, text and up to nine photos, one per order.

``create_review`` moves the order completed → reviewed and adds the overall score to the
worker's rating cache (``rating_count``/``rating_sum``, which search and ranking read) in
the same transaction. Locks are taken in the booking's order: the order's row (which
makes the one-review-per-order check exact; the unique key on ``review.order_id`` is the
last guard), then the worker's, so two reviews of one worker queue instead of both
counting from the same old sum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Customer, MediaFile, Review, ReviewPhoto, Worker
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit, booking, media, quality_cases
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, clean_text
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.order_states import event_row, next_state
from jiazheng_desk.services.public_people import masked_name

REVIEWS = table_of(Review)
PHOTOS = table_of(ReviewPhoto)
WORKERS = table_of(Worker)
SCORES = ("attitude", "skill", "efficiency", "punctuality", "overall")
MAX_PHOTOS = 9
MAX_TEXT = 1000
MAX_PAGE = 50


@dataclass(frozen=True)
class ReviewView:
    id: int
    order_id: int
    worker_id: int
    # "张*": reviews are public, their authors are not
    customer_name: str
    attitude: int
    skill: int
    efficiency: int
    punctuality: int
    overall: int
    text: str
    reply_text: str
    photo_paths: tuple[str, ...]
    created_at: datetime


def _check_scores(scores: dict[str, Any]) -> dict[str, int]:
    for name in SCORES:
        value = scores[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
            raise ValidationError("review.bad_score", field=name, label=Msg(f"review.score.{name}"))
    return {name: int(scores[name]) for name in SCORES}


def _check_photos(session: Session, actor: Actor, photo_ids: Sequence[int]) -> list[str]:
    """The stored paths of the photos, each the customer's own unattached image."""
    if len(photo_ids) > MAX_PHOTOS:
        raise ValidationError("review.too_many_photos", field="photo_ids", max=MAX_PHOTOS)
    if len(set(photo_ids)) != len(photo_ids):
        raise ValidationError("review.duplicate_photo", field="photo_ids")
    return [
        media.require_attachable(
            session, actor=actor, media_id=photo_id, kind="image", field="photo_ids"
        ).path
        for photo_id in photo_ids
    ]


def create_review(
    session: Session,
    *,
    actor: Actor,
    order_id: int,
    attitude: int,
    skill: int,
    efficiency: int,
    punctuality: int,
    overall: int,
    text: str = "",
    photo_ids: Sequence[int] = (),
) -> ReviewView:
    """The order's customer reviews it once, after completion (completed → reviewed)."""
    if actor.kind != "customer":
        raise PermissionDenied("review.customers_only")
    scores = _check_scores(
        {
            "attitude": attitude,
            "skill": skill,
            "efficiency": efficiency,
            "punctuality": punctuality,
            "overall": overall,
        }
    )
    body = clean_text(
        text, field="text", label=Msg("review.field.text"), max_len=MAX_TEXT, required=False
    )
    conn = session.connection()
    order = booking.lock_order(conn, order_id)
    if order.customer_id != actor.id:
        raise NotFound("order", order_id)
    already = session.scalar(select(REVIEWS.c.id).where(REVIEWS.c.order_id == order_id))
    if already is not None or order.state == "reviewed":
        raise Conflict("review.already", order_no=order.order_no)
    state = next_state(order.state, "review")
    if order.worker_id is None:  # completed orders always had a worker; old data may not
        raise Conflict("review.no_worker", order_no=order.order_no)
    # the worker's row now, before the review's insert: its foreign key would take a shared
    # lock on that row, and two reviews each upgrading a shared lock deadlock on MariaDB
    conn.execute(select(WORKERS.c.id).where(WORKERS.c.id == order.worker_id).with_for_update())
    paths = _check_photos(session, actor, photo_ids)
    now = clock.now()
    review_id = inserted_id(
        conn.execute(
            insert(REVIEWS),
            {
                "order_id": order_id,
                "customer_id": actor.id,
                "worker_id": order.worker_id,
                **scores,
                "text": body,
                "reply_text": "",
                "is_hidden": False,
                "created_at": now,
            },
        )
    )
    if paths:
        conn.execute(
            insert(PHOTOS),
            [{"review_id": review_id, "seq": i, "file_path": p} for i, p in enumerate(paths)],
        )
        conn.execute(
            update(table_of(MediaFile))
            .where(table_of(MediaFile).c.id.in_(list(photo_ids)))
            .values(entity="review", entity_id=review_id)
        )
    # relative, under the worker's lock: adds to what the last review committed
    conn.execute(
        update(WORKERS)
        .where(WORKERS.c.id == order.worker_id)
        .values(
            rating_count=WORKERS.c.rating_count + 1,
            rating_sum=WORKERS.c.rating_sum + scores["overall"],
        )
    )
    conn.execute(
        update(booking.ORDERS)
        .where(booking.ORDERS.c.id == order_id)
        .values(state=state, updated_at=now)
    )
    conn.execute(
        insert(booking.EVENTS), event_row(order_id, "review", order.state, state, actor, now)
    )
    # a negative review opens its follow-up case in this same transaction
    quality_cases.open_case_for_review(
        session, actor=Actor.system(source=actor.source, name="review"), review_id=review_id
    )
    audit.record(
        session,
        actor=actor,
        action="review.create",
        entity="review",
        entity_id=review_id,
        after={"order_id": order_id, "worker_id": order.worker_id, **scores, "photos": len(paths)},
        branch_id=order.branch_id,
    )
    return _views(session, [review_id])[0]


def _views(session: Session, review_ids: Sequence[int]) -> list[ReviewView]:
    """Reviews by id, in the order given, with their photos and masked authors."""
    if not review_ids:
        return []
    rows = session.execute(
        select(REVIEWS, Customer.name.label("customer_name"))
        .join(Customer, Customer.id == REVIEWS.c.customer_id)
        .where(REVIEWS.c.id.in_(list(review_ids)))
    ).all()
    photos: dict[int, list[str]] = {}
    for review_id, path in session.execute(
        select(PHOTOS.c.review_id, PHOTOS.c.file_path)
        .where(PHOTOS.c.review_id.in_(list(review_ids)))
        .order_by(PHOTOS.c.review_id, PHOTOS.c.seq)
    ):
        photos.setdefault(int(review_id), []).append(path)
    by_id = {int(r.id): r for r in rows}
    return [
        ReviewView(
            id=int(r.id),
            order_id=int(r.order_id),
            worker_id=int(r.worker_id),
            customer_name=masked_name(r.customer_name or ""),
            attitude=r.attitude,
            skill=r.skill,
            efficiency=r.efficiency,
            punctuality=r.punctuality,
            overall=r.overall,
            text=r.text,
            reply_text=r.reply_text,
            photo_paths=tuple(photos.get(int(r.id), ())),
            created_at=r.created_at,
        )
        for r in (by_id[i] for i in review_ids if i in by_id)
    ]


def list_worker_reviews(
    session: Session, *, worker_id: int, offset: int = 0, limit: int = 10
) -> Page[ReviewView]:
    """A worker's visible reviews, newest first (public: the worker's profile shows them)."""
    limit = max(1, min(limit, MAX_PAGE))
    where = (REVIEWS.c.worker_id == worker_id, REVIEWS.c.is_hidden.is_(False))
    total = session.scalar(select(func.count()).select_from(REVIEWS).where(*where)) or 0
    ids = list(
        session.scalars(
            select(REVIEWS.c.id)
            .where(*where)
            .order_by(REVIEWS.c.created_at.desc(), REVIEWS.c.id.desc())
            .offset(max(0, offset))
            .limit(limit)
        ).all()
    )
    return Page(items=tuple(_views(session, ids)), total=int(total), offset=offset)


def get_order_review(session: Session, *, actor: Actor, order_id: int) -> ReviewView | None:
    """The review of one of the customer's orders, if it has one."""
    review_id = session.scalar(
        select(REVIEWS.c.id).where(
            REVIEWS.c.order_id == order_id, REVIEWS.c.customer_id == actor.id
        )
    )
    return None if review_id is None else _views(session, [int(review_id)])[0]
