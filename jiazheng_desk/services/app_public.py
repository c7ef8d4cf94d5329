"""What the apps show before anyone logs in: where we serve, and the current notices.

Where an address is served decides its branch: a district of an active branch. A place
given by coordinates is matched to the nearest served district centre within
``SERVED_RADIUS_M`` (districts have a centre but no boundary yet); anything else is a
clear "not served yet" (``app.not_served``), never a silent guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Announcement, Branch, District
from jiazheng_desk.services.common import Page
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.geo import LatLng, distance_m

AUDIENCES = ("customers", "workers")
# a Shanghai district is 5-20 km across; beyond this from every centre we do not serve
SERVED_RADIUS_M = 15_000
MAX_PAGE = 100


@dataclass(frozen=True)
class ServedDistrict:
    id: int
    name: str
    city: str
    branch_id: int
    branch_name: str
    center_lat: float
    center_lng: float


@dataclass(frozen=True)
class ServedCity:
    city: str
    districts: tuple[ServedDistrict, ...]


@dataclass(frozen=True)
class AnnouncementView:
    id: int
    title: str
    body: str
    audience: str
    branch_id: int | None
    starts_at: datetime
    ends_at: datetime | None


class NotServed(ValidationError):
    """The place is outside every active branch's districts."""

    key = "app.not_served"


def _district(d: District, branch_name: str) -> ServedDistrict:
    return ServedDistrict(
        d.id, d.name, d.city, d.branch_id, branch_name, d.center_lat, d.center_lng
    )


def _served_rows(session: Session, *where: ColumnElement[bool]) -> list[ServedDistrict]:
    stmt = (
        select(District, Branch.name)
        .join(Branch, Branch.id == District.branch_id)
        .where(District.is_active.is_(True), Branch.is_active.is_(True), *where)
        .order_by(District.city, District.name, District.id)
    )
    return [_district(d, branch_name) for d, branch_name in session.execute(stmt).all()]


def list_served_cities(session: Session) -> list[ServedCity]:
    """Cities and their districts served by an active branch, by name."""
    cities: dict[str, list[ServedDistrict]] = {}
    for district in _served_rows(session):
        cities.setdefault(district.city, []).append(district)
    return [ServedCity(city, tuple(ds)) for city, ds in cities.items()]


def branch_for_district(session: Session, *, district_id: int) -> ServedDistrict:
    """The served district of this id (with its branch), or "not served yet"."""
    found = _served_rows(session, District.id == district_id)
    if not found:
        name = session.scalar(select(District.name).where(District.id == district_id))
        raise NotServed(field="district_id", place=name or f"#{district_id}")
    return found[0]


def district_named(session: Session, *, city: str, district: str) -> ServedDistrict:
    """The served district of a city by its name (全称, e.g. 浦东新区), or "not served yet"."""
    city_name, district_name = (city or "").strip(), (district or "").strip()
    found = _served_rows(session, District.city == city_name, District.name == district_name)
    if not found:
        raise NotServed(field="district", place=f"{city_name}{district_name}")
    return found[0]


def district_at(session: Session, *, lat: float, lng: float) -> ServedDistrict:
    """The served district whose centre is nearest a point, within SERVED_RADIUS_M."""
    point = LatLng(lat, lng)
    best: tuple[int, ServedDistrict] | None = None
    for district in _served_rows(session):
        metres = distance_m(point, LatLng(district.center_lat, district.center_lng))
        if metres <= SERVED_RADIUS_M and (best is None or metres < best[0]):
            best = (metres, district)
    if best is None:
        raise NotServed(field="lat", place=f"{lat:.4f}, {lng:.4f}")
    return best[1]


def list_announcements(
    session: Session,
    *,
    audience: str,
    branch_id: int | None = None,
    now: datetime | None = None,
    offset: int = 0,
    limit: int = 20,
) -> Page[AnnouncementView]:
    """Notices shown now to customers or workers: HQ-wide, plus the branch's when given."""
    if audience not in AUDIENCES:
        raise ValidationError("app.bad_audience", field="audience", allowed=", ".join(AUDIENCES))
    at = now or clock.now()
    where = [
        Announcement.is_active.is_(True),
        Announcement.audience.in_((audience, "all")),
        Announcement.starts_at <= at,
        or_(Announcement.ends_at.is_(None), Announcement.ends_at > at),
    ]
    if branch_id is None:
        where.append(Announcement.branch_id.is_(None))
    else:
        where.append(or_(Announcement.branch_id.is_(None), Announcement.branch_id == branch_id))
    total = session.scalar(select(func.count(Announcement.id)).where(*where)) or 0
    rows = session.scalars(
        select(Announcement)
        .where(*where)
        .order_by(Announcement.starts_at.desc(), Announcement.id.desc())
        .offset(max(0, offset))
        .limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    items = tuple(
        AnnouncementView(a.id, a.title, a.body, a.audience, a.branch_id, a.starts_at, a.ends_at)
        for a in rows
    )
    return Page(items=items, total=total, offset=offset)
