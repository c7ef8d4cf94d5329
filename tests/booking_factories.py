"""Factories for booking tests: a branch with a service, workers, customers, orders."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Branch,
    Customer,
    CustomerAddress,
    District,
    Order,
    ServiceCategory,
    ServiceItem,
    ShiftTemplate,
    Skill,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerLeave,
    WorkerSkill,
)

SH = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


def local(day: date, hh: int, mm: int = 0) -> datetime:
    """A Shanghai wall-clock time as aware UTC."""
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=SH).astimezone(UTC)


@dataclass
class World:
    branch: Branch
    district: District
    other_district: District
    skill: Skill
    item: ServiceItem
    placement_item: ServiceItem
    cert_skill: Skill
    cert_item: ServiceItem


def make_world(session: Session) -> World:
    n = next(_seq)
    branch = Branch(
        code=f"W{n}", name=f"门店{n}", city="上海", timezone="Asia/Shanghai", lat=31.23, lng=121.47
    )
    session.add(branch)
    session.flush()
    district = District(
        branch_id=branch.id, city="上海", name=f"黄浦区{n}", center_lat=31.2317, center_lng=121.4846
    )
    other = District(
        branch_id=branch.id, city="上海", name=f"杨浦区{n}", center_lat=31.2595, center_lng=121.5260
    )
    cat = ServiceCategory(code=f"c{n}", name="保洁服务")
    skill = Skill(code=f"cleaning{n}", name="保洁")
    cert_skill = Skill(code=f"maternity{n}", name="月嫂", required_cert_type="母婴护理证")
    session.add_all([district, other, cat, skill, cert_skill])
    session.flush()
    item = ServiceItem(
        category_id=cat.id,
        code=f"daily{n}",
        name="日常保洁",
        unit="hour",
        kind="visit",
        min_units=2,
        minutes_per_unit=60,
        base_minutes=0,
        base_price_fen=5000,
        skill_id=skill.id,
        required_level=2,
    )
    placement = ServiceItem(
        category_id=cat.id,
        code=f"nanny{n}",
        name="住家保姆",
        unit="day",
        kind="placement",
        min_units=1,
        minutes_per_unit=1440,
        base_price_fen=30000,
        skill_id=skill.id,
        required_level=1,
    )
    cert_item = ServiceItem(
        category_id=cat.id,
        code=f"yuesao{n}",
        name="月嫂26天",
        unit="day",
        kind="placement",
        min_units=26,
        minutes_per_unit=1440,
        base_price_fen=50000,
        skill_id=cert_skill.id,
        required_level=1,
    )
    session.add_all([item, placement, cert_item])
    session.flush()
    return World(branch, district, other, skill, item, placement, cert_skill, cert_item)


def make_worker(
    session: Session,
    world: World,
    *,
    name: str | None = None,
    level: int = 3,
    shifts: tuple[tuple[int, int], ...] = ((8 * 60, 20 * 60),),
    districts: tuple[District, ...] | None = None,
    status: str = "active",
    skills: tuple[Skill, ...] | None = None,
    home: tuple[float, float] = (31.23, 121.48),
) -> Worker:
    n = next(_seq)
    worker = Worker(
        branch_id=world.branch.id,
        phone=f"139{n:08d}",
        name=name or f"阿姨{n}",
        status=status,
        home_lat=home[0],
        home_lng=home[1],
    )
    session.add(worker)
    session.flush()
    for skill in skills or (world.skill,):
        session.add(WorkerSkill(worker_id=worker.id, skill_id=skill.id, level=level))
    for d in districts or (world.district,):
        session.add(WorkerDistrict(worker_id=worker.id, district_id=d.id))
    for weekday in range(7):
        for start, end in shifts:
            session.add(
                ShiftTemplate(
                    worker_id=worker.id, weekday=weekday, start_minute=start, end_minute=end
                )
            )
    session.flush()
    return worker


def give_certificate(
    session: Session, worker: Worker, cert_type: str, expires_on: date, status: str = "verified"
) -> None:
    session.add(
        WorkerDocument(
            worker_id=worker.id,
            kind="certificate",
            cert_type=cert_type,
            number="X1",
            expires_on=expires_on,
            status=status,
        )
    )
    session.flush()


def give_leave(session: Session, worker: Worker, starts_at: datetime, ends_at: datetime) -> None:
    session.add(
        WorkerLeave(
            worker_id=worker.id,
            starts_at=starts_at,
            ends_at=ends_at,
            status="approved",
            reason="事假",
        )
    )
    session.flush()


def make_customer(
    session: Session,
    world: World,
    *,
    lat: float = 31.2317,
    lng: float = 121.4846,
    district: District | None = None,
) -> tuple[Customer, CustomerAddress]:
    n = next(_seq)
    customer = Customer(phone=f"137{n:08d}", name=f"客户{n}", branch_id=world.branch.id)
    session.add(customer)
    session.flush()
    address = CustomerAddress(
        customer_id=customer.id,
        district_id=(district or world.district).id,
        address_text=f"某路{n}号",
        lat=lat,
        lng=lng,
        is_default=True,
    )
    session.add(address)
    session.flush()
    return customer, address


def make_order(
    session: Session,
    world: World,
    starts_at: datetime,
    minutes: int = 120,
    *,
    item: ServiceItem | None = None,
    address: CustomerAddress | None = None,
    worker: Worker | None = None,
    state: str = "confirmed",
    kind: str | None = None,
) -> Order:
    if address is None:
        _, address = make_customer(session, world)
    item = item or world.item
    n = next(_seq)
    order = Order(
        order_no=f"T{n:09d}",
        branch_id=world.branch.id,
        customer_id=address.customer_id,
        address_id=address.id,
        district_id=address.district_id,
        address_text=address.address_text,
        lat=address.lat,
        lng=address.lng,
        item_id=item.id,
        units=max(1, minutes // 60),
        kind=kind or item.kind,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        service_day=starts_at.astimezone(SH).date(),
        worker_id=worker.id if worker else None,
        state=state if worker is None else "accepted",
        total_fen=10000,
        base_fen=10000,
    )
    session.add(order)
    session.flush()
    return order
