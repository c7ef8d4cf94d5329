"""Finding workers in the customer app: filters, sorting, paging, and the public profile.

Only active workers are found, and only what a stranger may know is shown: the surname
with 阿姨/师傅 (``public_people``), gender, stars and review count, years of experience,
skills with their level, the districts served, the types of certificate held (verified
and unexpired), the photo, the bio, a price and a distance rounded to whole kilometres.
Never the phone, the full name, the birth date, the ID or bank numbers, nor the home
address or coordinates (the distance is from home, rounded so it cannot pinpoint it).

What "price" means for a worker: a worker has no price of their own; the customer pays
the price of the service item. A worker's price is the lowest unit price (the branch's
own price of the item in the worker's branch, else the item's base price) among the
bookable items whose skill the worker has at the required level — restricted to the
asked skill when one is given, which is what makes prices comparable (per hour of
cleaning, per day of 月嫂). The price range filters and the price sort use that number.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import (
    BranchPrice,
    District,
    ServiceCategory,
    ServiceItem,
    Skill,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerSkill,
)
from jiazheng_desk.services import reviews
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, like_pattern
from jiazheng_desk.services.customer_booking import get_own_place
from jiazheng_desk.services.errors import NotFound, ValidationError
from jiazheng_desk.services.geo import LatLng, distance_m
from jiazheng_desk.services.public_people import public_name
from jiazheng_desk.services.timeutil import DEFAULT_TZ, local_day

SORTS = ("rating", "distance", "price")
GENDERS = ("female", "male")
MAX_PAGE = 50
RECENT_REVIEWS = 5


@dataclass(frozen=True)
class WorkerQuery:
    """The filters of a search; empty or None means "any"."""

    name: str = ""
    # a skill's code, or its id as digits
    skill: str = ""
    district_id: int | None = None
    # 0–5, one decimal
    min_stars: float | None = None
    min_years: int | None = None
    # True: only workers holding a verified, unexpired certificate
    has_certificate: bool = False
    gender: str = ""
    min_price_fen: int | None = None
    max_price_fen: int | None = None
    sort: str = "rating"
    # where distances are measured from: one of the customer's addresses, or a point
    address_id: int | None = None
    near: LatLng | None = None


@dataclass(frozen=True)
class SkillBadge:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class PublicWorker:
    id: int
    display_name: str
    gender: str
    stars: float | None
    review_count: int
    years_experience: int
    skills: tuple[SkillBadge, ...]
    districts: tuple[str, ...]
    certificates: tuple[str, ...]
    photo_path: str
    price_from_fen: int | None
    distance_km: int | None


@dataclass(frozen=True)
class PublicProfile:
    worker: PublicWorker
    bio: str
    recent_reviews: tuple[reviews.ReviewView, ...]


def _today() -> date:
    return local_day(clock.now(), DEFAULT_TZ)


def _valid_certificate(today: date) -> ColumnElement[bool]:
    # as in dispatch (fit.py): a certificate no longer counts on its expiry day
    return and_(
        WorkerDocument.kind == "certificate",
        WorkerDocument.status == "verified",
        or_(WorkerDocument.expires_on.is_(None), WorkerDocument.expires_on > today),
    )


def _price_from(skill_id: int | None) -> Any:
    """The worker's price (see the module doc) as a correlated scalar subquery."""
    price = func.coalesce(BranchPrice.price_fen, ServiceItem.base_price_fen)
    stmt = (
        select(func.min(price))
        .select_from(WorkerSkill)
        .join(
            ServiceItem,
            and_(
                ServiceItem.skill_id == WorkerSkill.skill_id,
                ServiceItem.required_level <= WorkerSkill.level,
            ),
        )
        .join(ServiceCategory, ServiceCategory.id == ServiceItem.category_id)
        .outerjoin(
            BranchPrice,
            and_(BranchPrice.item_id == ServiceItem.id, BranchPrice.branch_id == Worker.branch_id),
        )
        .where(
            WorkerSkill.worker_id == Worker.id,
            ServiceItem.is_active.is_(True),
            ServiceItem.retired_at.is_(None),
            ServiceCategory.is_active.is_(True),
        )
    )
    if skill_id is not None:
        stmt = stmt.where(WorkerSkill.skill_id == skill_id)
    return stmt.correlate(Worker).scalar_subquery()


def _skill_id(session: Session, skill: str) -> int | None:
    text = skill.strip()
    if not text:
        return None
    found = session.scalar(
        select(Skill.id).where(Skill.id == int(text) if text.isdigit() else Skill.code == text)
    )
    if found is None:
        raise ValidationError("search.unknown_skill", field="skill", skill=text[:32])
    return int(found)


def _check(query: WorkerQuery) -> None:
    if query.sort not in SORTS:
        raise ValidationError("search.bad_sort", field="sort", sorts=", ".join(SORTS))
    if query.gender and query.gender not in GENDERS:
        raise ValidationError("search.bad_gender", field="gender")
    if query.min_stars is not None and not 0 <= query.min_stars <= 5:
        raise ValidationError("search.bad_stars", field="min_stars")
    low, high = query.min_price_fen, query.max_price_fen
    if low is not None and high is not None and low > high:
        raise ValidationError("search.bad_price_range", field="max_price_fen")


def _origin(session: Session, actor: Actor | None, query: WorkerQuery) -> LatLng | None:
    if query.address_id is not None:
        if actor is None:
            # an address is the customer's own; without a login there is none to find
            raise NotFound("address", query.address_id)
        return get_own_place(session, actor=actor, address_id=query.address_id).where
    return query.near


def _filters(query: WorkerQuery, skill_id: int | None, price: Any) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [Worker.status == "active"]
    name = query.name.strip()
    if name:
        if name.isascii() and name.isalpha():
            where.append(
                or_(
                    Worker.name_initials.like(f"{name.lower()}%"),
                    Worker.name.like(like_pattern(name), escape="\\"),
                )
            )
        else:
            where.append(Worker.name.like(like_pattern(name), escape="\\"))
    if skill_id is not None:
        where.append(
            exists().where(WorkerSkill.worker_id == Worker.id, WorkerSkill.skill_id == skill_id)
        )
    if query.district_id is not None:
        where.append(
            exists().where(
                WorkerDistrict.worker_id == Worker.id,
                WorkerDistrict.district_id == query.district_id,
            )
        )
    if query.min_stars is not None and query.min_stars > 0:
        # stars ≥ x  ⇔  sum·10 ≥ round(x·10)·count: whole numbers, no float compare
        tenths = round(query.min_stars * 10)
        where.append(Worker.rating_count > 0)
        where.append(Worker.rating_sum * 10 >= tenths * Worker.rating_count)
    if query.min_years is not None:
        where.append(Worker.years_experience >= query.min_years)
    if query.has_certificate:
        where.append(
            exists().where(WorkerDocument.worker_id == Worker.id, _valid_certificate(_today()))
        )
    if query.gender:
        where.append(Worker.gender == query.gender)
    if query.min_price_fen is not None:
        where.append(price >= query.min_price_fen)
    if query.max_price_fen is not None:
        where.append(price <= query.max_price_fen)
    return where


def _ordering(query: WorkerQuery, origin: LatLng | None, price: Any) -> list[Any]:
    stars = case(
        (Worker.rating_count > 0, Worker.rating_sum * 1.0 / Worker.rating_count), else_=None
    )
    by_rating = [
        case((Worker.rating_count > 0, 0), else_=1),
        stars.desc(),
        Worker.rating_count.desc(),
    ]
    if query.sort == "price":
        return [case((price.is_(None), 1), else_=0), price, *by_rating, Worker.id]
    if query.sort == "distance":
        if origin is None:
            raise ValidationError("search.needs_place", field="sort")
        # squared equirectangular distance: same order as the real one within a city,
        # portable SQL (no trigonometry in SQLite)
        squeeze = math.cos(math.radians(origin.lat))
        near = (Worker.home_lat - origin.lat) * (Worker.home_lat - origin.lat) + (
            (Worker.home_lng - origin.lng) * squeeze
        ) * ((Worker.home_lng - origin.lng) * squeeze)
        return [case((Worker.home_lat.is_(None), 1), else_=0), near, *by_rating, Worker.id]
    return [*by_rating, Worker.id]


def find_workers(
    session: Session,
    *,
    query: WorkerQuery,
    actor: Actor | None = None,
    offset: int = 0,
    limit: int = 20,
) -> Page[PublicWorker]:
    """A page of active workers matching the filters, in the order asked (public)."""
    _check(query)
    limit = max(1, min(limit, MAX_PAGE))
    offset = max(0, offset)
    skill_id = _skill_id(session, query.skill)
    origin = _origin(session, actor, query)
    price = _price_from(skill_id)
    where = _filters(query, skill_id, price)
    total = session.scalar(select(func.count(Worker.id)).where(*where)) or 0
    ids = [
        int(i)
        for i in session.scalars(
            select(Worker.id)
            .where(*where)
            .order_by(*_ordering(query, origin, price))
            .offset(offset)
            .limit(limit)
        )
    ]
    # the price of the page only: a subquery per worker of the whole district is the
    # costly part of this search, and only a price sort or filter needs it for all
    prices: dict[int, int | None] = {}
    if ids:
        prices = {
            int(wid): p
            for wid, p in session.execute(select(Worker.id, price).where(Worker.id.in_(ids)))
        }
    items = _public(session, ids, prices, origin)
    return Page(items=tuple(items), total=int(total), offset=offset)


def _public(
    session: Session,
    worker_ids: Sequence[int],
    prices: dict[int, int | None],
    origin: LatLng | None,
) -> list[PublicWorker]:
    """Public cards of workers, in the order given, in four queries."""
    if not worker_ids:
        return []
    ids = list(worker_ids)
    workers = {w.id: w for w in session.scalars(select(Worker).where(Worker.id.in_(ids)))}
    skills: dict[int, list[SkillBadge]] = {}
    for wid, code, name, level in session.execute(
        select(WorkerSkill.worker_id, Skill.code, Skill.name, WorkerSkill.level)
        .join(Skill, Skill.id == WorkerSkill.skill_id)
        .where(WorkerSkill.worker_id.in_(ids))
        .order_by(WorkerSkill.level.desc(), Skill.name)
    ):
        skills.setdefault(int(wid), []).append(SkillBadge(code, name, int(level)))
    districts: dict[int, list[str]] = {}
    for wid, name in session.execute(
        select(WorkerDistrict.worker_id, District.name)
        .join(District, District.id == WorkerDistrict.district_id)
        .where(WorkerDistrict.worker_id.in_(ids))
        .order_by(District.name)
    ):
        districts.setdefault(int(wid), []).append(name)
    certificates: dict[int, set[str]] = {}
    for wid, cert_type in session.execute(
        select(WorkerDocument.worker_id, WorkerDocument.cert_type).where(
            WorkerDocument.worker_id.in_(ids), _valid_certificate(_today())
        )
    ):
        if cert_type:
            certificates.setdefault(int(wid), set()).add(cert_type)
    out = []
    for wid in ids:
        w = workers[wid]
        km = None
        if origin is not None and w.home_lat is not None and w.home_lng is not None:
            home = LatLng(w.home_lat, w.home_lng)
            km = max(1, round(distance_m(origin, home) / 1000))
        out.append(
            PublicWorker(
                id=w.id,
                display_name=public_name(w.name, w.gender),
                gender=w.gender,
                stars=round(w.rating_sum / w.rating_count, 1) if w.rating_count else None,
                review_count=w.rating_count,
                years_experience=w.years_experience,
                skills=tuple(skills.get(wid, ())),
                districts=tuple(districts.get(wid, ())),
                certificates=tuple(sorted(certificates.get(wid, ()))),
                photo_path=w.photo_path,
                price_from_fen=prices.get(wid),
                distance_km=km,
            )
        )
    return out


def get_public_worker(
    session: Session,
    *,
    worker_id: int,
    actor: Actor | None = None,
    address_id: int | None = None,
    near: LatLng | None = None,
) -> PublicProfile:
    """One active worker's public profile with their latest reviews; else NotFound."""
    worker = session.get(Worker, worker_id)
    if worker is None or worker.status != "active":
        raise NotFound("worker", worker_id)
    origin = _origin(session, actor, WorkerQuery(address_id=address_id, near=near))
    price = session.scalar(select(_price_from(None)).where(Worker.id == worker_id))
    card = _public(session, [worker_id], {worker_id: price}, origin)[0]
    latest = reviews.list_worker_reviews(session, worker_id=worker_id, limit=RECENT_REVIEWS)
    return PublicProfile(worker=card, bio=worker.bio, recent_reviews=latest.items)


def list_public_reviews(
    session: Session, *, worker_id: int, offset: int = 0, limit: int = 20
) -> Page[reviews.ReviewView]:
    """An active worker's visible reviews, newest first; any other worker is not found."""
    status = session.scalar(select(Worker.status).where(Worker.id == worker_id))
    if status != "active":
        raise NotFound("worker", worker_id)
    return reviews.list_worker_reviews(session, worker_id=worker_id, offset=offset, limit=limit)
