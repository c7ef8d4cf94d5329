"""The dispatch board: a branch's day (or days), a lane per worker, and the unassigned queue.

``board_version`` is a cheap fingerprint of the branch's days so that a desk can poll
every few seconds and reload only when the API, the jobs or another desk changed something.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from jiazheng_desk.models import (
    Customer,
    District,
    Order,
    ServiceItem,
    ShiftTemplate,
    Skill,
    Worker,
    WorkerDistrict,
    WorkerLeave,
    WorkerSkill,
)
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.fit import FREE_STATES_EXCLUDED
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.timeutil import day_start_utc, get_branch_timezone

ORDERS = table_of(Order)


@dataclass(frozen=True)
class Block:
    order_id: int
    order_no: str
    starts_at: datetime
    ends_at: datetime
    state: str
    kind: str
    item_name: str
    customer_name: str
    district_name: str
    address_text: str
    worker_id: int | None
    locked: bool
    pool_open: bool
    exception_reason: str


@dataclass(frozen=True)
class Lane:
    worker_id: int
    name: str
    skills: tuple[str, ...]
    districts: tuple[str, ...]
    # shift windows per day of the board: {day: ((start_minute, end_minute), …)}
    shifts: dict[date, tuple[tuple[int, int], ...]]
    leave: tuple[tuple[datetime, datetime], ...]
    blocks: tuple[Block, ...]

    @property
    def booked_minutes(self) -> int:
        return sum(int((b.ends_at - b.starts_at).total_seconds() // 60) for b in self.blocks)


@dataclass(frozen=True)
class Board:
    branch_id: int
    first_day: date
    days: int
    timezone: str
    lanes: tuple[Lane, ...]
    unassigned: tuple[Block, ...]


def _blocks(
    session: Session, branch_id: int, worker_ids: list[int], start: datetime, end: datetime
) -> list[Block]:
    # the branch's own orders, and anything its workers do elsewhere (it fills their lanes)
    mine = ORDERS.c.branch_id == branch_id
    where = or_(mine, ORDERS.c.worker_id.in_(worker_ids)) if worker_ids else mine
    rows = session.execute(
        select(
            ORDERS.c.id,
            ORDERS.c.order_no,
            ORDERS.c.starts_at,
            ORDERS.c.ends_at,
            ORDERS.c.state,
            ORDERS.c.kind,
            ServiceItem.name,
            Customer.name,
            District.name,
            ORDERS.c.address_text,
            ORDERS.c.worker_id,
            ORDERS.c.locked,
            ORDERS.c.pool_open,
            ORDERS.c.exception_reason,
        )
        .join(ServiceItem, ServiceItem.id == ORDERS.c.item_id)
        .join(Customer, Customer.id == ORDERS.c.customer_id)
        .join(District, District.id == ORDERS.c.district_id)
        .where(
            ORDERS.c.state.notin_(FREE_STATES_EXCLUDED),
            ORDERS.c.ends_at > start,
            ORDERS.c.starts_at < end,
            where,
        )
    ).all()
    return [Block(*r) for r in rows]


def get_board(
    session: Session,
    *,
    actor: Actor,
    branch_id: int,
    first_day: date,
    days: int = 1,
    district_id: int | None = None,
    skill_id: int | None = None,
    only_on_shift: bool = False,
) -> Board:
    """The branch's workers with their shifts, leave and orders over the days, and the
    orders still waiting for a worker."""
    require(actor, Perm.ORDER_VIEW, branch_id=branch_id)
    tz = get_branch_timezone(session, branch_id)
    start = day_start_utc(first_day, tz)
    end = day_start_utc(first_day + timedelta(days=days), tz)
    worker_stmt = select(Worker.id, Worker.name).where(
        Worker.branch_id == branch_id, Worker.status == "active"
    )
    if district_id is not None:
        worker_stmt = worker_stmt.where(
            Worker.id.in_(
                select(WorkerDistrict.worker_id).where(WorkerDistrict.district_id == district_id)
            )
        )
    if skill_id is not None:
        worker_stmt = worker_stmt.where(
            Worker.id.in_(select(WorkerSkill.worker_id).where(WorkerSkill.skill_id == skill_id))
        )
    workers = session.execute(worker_stmt.order_by(Worker.name, Worker.id)).all()
    ids = [int(w.id) for w in workers]
    skills: dict[int, list[str]] = defaultdict(list)
    districts: dict[int, list[str]] = defaultdict(list)
    shifts: dict[int, dict[int, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    leave: dict[int, list[tuple[datetime, datetime]]] = defaultdict(list)
    if ids:
        for wid, name, level in session.execute(
            select(WorkerSkill.worker_id, Skill.name, WorkerSkill.level)
            .join(Skill, Skill.id == WorkerSkill.skill_id)
            .where(WorkerSkill.worker_id.in_(ids))
        ).all():
            skills[int(wid)].append(f"{name}{level}")
        for wid, name in session.execute(
            select(WorkerDistrict.worker_id, District.name)
            .join(District, District.id == WorkerDistrict.district_id)
            .where(WorkerDistrict.worker_id.in_(ids))
        ).all():
            districts[int(wid)].append(name)
        for wid, weekday, first, last in session.execute(
            select(
                ShiftTemplate.worker_id,
                ShiftTemplate.weekday,
                ShiftTemplate.start_minute,
                ShiftTemplate.end_minute,
            ).where(ShiftTemplate.worker_id.in_(ids))
        ).all():
            shifts[int(wid)][int(weekday)].append((int(first), int(last)))
        for wid, s, e in session.execute(
            select(WorkerLeave.worker_id, WorkerLeave.starts_at, WorkerLeave.ends_at).where(
                WorkerLeave.worker_id.in_(ids),
                WorkerLeave.status == "approved",
                and_(WorkerLeave.ends_at > start, WorkerLeave.starts_at < end),
            )
        ).all():
            leave[int(wid)].append((s, e))
    blocks = _blocks(session, branch_id, ids, start, end)
    by_worker: dict[int, list[Block]] = defaultdict(list)
    unassigned: list[Block] = []
    for b in blocks:
        if b.worker_id is None:
            unassigned.append(b)
        else:
            by_worker[b.worker_id].append(b)
    board_days = [first_day + timedelta(days=i) for i in range(days)]
    lanes = []
    for w in workers:
        wid = int(w.id)
        day_shifts = {d: tuple(sorted(shifts[wid].get(d.weekday(), []))) for d in board_days}
        if only_on_shift and not any(day_shifts.values()) and not by_worker.get(wid):
            continue
        lanes.append(
            Lane(
                worker_id=wid,
                name=w.name,
                skills=tuple(skills[wid]),
                districts=tuple(districts[wid]),
                shifts=day_shifts,
                leave=tuple(leave[wid]),
                blocks=tuple(sorted(by_worker.get(wid, []), key=lambda b: b.starts_at)),
            )
        )
    unassigned.sort(key=lambda b: (b.exception_reason == "", b.starts_at))
    return Board(branch_id, first_day, days, tz, tuple(lanes), tuple(unassigned))


def board_version(session: Session, *, branch_id: int, first_day: date, days: int = 1) -> str:
    """A fingerprint of what the board shows: equal means nothing changed.

    The branch's orders on those days (any write moves ``updated_at``), and its workers'
    leave over the days and weekly shifts (the worker app changes both). A placement that
    began before the first day is not in it: its changes show at the next reload."""
    row = session.execute(
        select(func.count(ORDERS.c.id), func.max(ORDERS.c.updated_at), func.sum(ORDERS.c.id)).where(
            ORDERS.c.branch_id == branch_id,
            ORDERS.c.service_day >= first_day,
            ORDERS.c.service_day < first_day + timedelta(days=days),
        )
    ).one()
    tz = get_branch_timezone(session, branch_id)
    start = day_start_utc(first_day, tz)
    end = day_start_utc(first_day + timedelta(days=days), tz)
    approved = case((WorkerLeave.status == "approved", WorkerLeave.id), else_=0)
    leave = session.execute(
        select(func.count(WorkerLeave.id), func.sum(WorkerLeave.id), func.sum(approved))
        .join(Worker, Worker.id == WorkerLeave.worker_id)
        .where(
            Worker.branch_id == branch_id,
            WorkerLeave.ends_at > start,
            WorkerLeave.starts_at < end,
        )
    ).one()
    shifts = session.execute(
        select(
            func.count(ShiftTemplate.id),
            func.sum(ShiftTemplate.id),
            func.sum(ShiftTemplate.start_minute * 7 + ShiftTemplate.end_minute * 13),
        )
        .join(Worker, Worker.id == ShiftTemplate.worker_id)
        .where(Worker.branch_id == branch_id, Worker.status == "active")
    ).one()
    return ":".join(str(v) for v in (*row, *leave, *shifts))
