"""Read-only helpers of the Dispatch area: what the booking form and the board ask before an
order exists — free slots and ranked candidates for (item, address, time), workers found
by name for the calendar, and the board's filter choices.

Everything here reads; the booking itself is ``orders.book`` / ``series.create_series``
and the worker is placed by ``booking.assign``, which checks again under the worker's lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Branch, District, Skill, Worker, WorkerSkill
from jiazheng_desk.services import board, dispatch, fit, pricing
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.availability import Candidate, Slot, find_candidates, find_free_slots
from jiazheng_desk.services.board import Board
from jiazheng_desk.services.common import like_pattern
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id
from jiazheng_desk.services.settings import get_settings
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day

MAX_WORKER_HITS = 200


@dataclass(frozen=True)
class BookingPlace:
    """Where and how long a not-yet-booked service is: what slots and candidates need."""

    branch_id: int
    district_id: int
    tz: str
    minutes: int
    kind: str
    requirement: fit.Requirement
    query: dispatch.SlotQuery


def _place(
    session: Session,
    actor: Actor,
    *,
    address_id: int,
    item_id: int,
    units: int,
    option_ids: Sequence[int],
    starts_at: datetime | None,
) -> BookingPlace:
    """Check the item, units and options with the quote (the same refusals as booking) and
    find the address's branch, district and the service's length."""
    require(actor, Perm.ORDER_VIEW)
    probe = dispatch.slot_query_for(session, address_id=address_id, item_id=item_id, minutes=0)
    conn = session.connection()
    req = fit.requirement(conn, item_id=item_id, district_id=probe.district_id)
    if actor.is_staff and not actor.is_hq and actor.branch_id != probe.branch_id:
        raise ValidationError(
            "booking.address_other_branch", field="address_id", district=req.district_name
        )
    require_branch(actor, probe.branch_id)
    quote = pricing.quote(
        session,
        branch_id=probe.branch_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        district_id=probe.district_id,
        location=probe.where,
        # the length does not depend on the time; any aware moment prices it
        starts_at=starts_at or clock.now() + timedelta(days=1),
    )
    query = dispatch.SlotQuery(
        branch_id=probe.branch_id,
        item_id=item_id,
        district_id=probe.district_id,
        where=probe.where,
        minutes=quote.duration_minutes,
    )
    return BookingPlace(
        branch_id=probe.branch_id,
        district_id=probe.district_id,
        tz=get_branch_timezone(session, probe.branch_id),
        minutes=quote.duration_minutes,
        kind=quote.kind,
        requirement=req,
        query=query,
    )


@dataclass(frozen=True)
class SlotTable:
    """Free windows over some days, in the branch's zone, for one service at one address."""

    tz: str
    minutes: int
    kind: str
    first_day: date
    days: int
    slots: tuple[Slot, ...]


def booking_slots(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    item_id: int,
    units: int,
    option_ids: Sequence[int] = (),
    first_day: date | None = None,
    days: int = 14,
) -> SlotTable:
    """Windows of the next ``days`` days with how many qualified workers are free for each,
    stepped by the branch's ``booking.slot_step_minutes``."""
    if not 1 <= days <= 62:
        raise ValidationError("dispatch.bad_days", field="days", max=62)
    place = _place(
        session,
        actor,
        address_id=address_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        starts_at=None,
    )
    step = int(
        get_settings(session, ["booking.slot_step_minutes"], branch_id=place.branch_id)[
            "booking.slot_step_minutes"
        ]
    )
    first = first_day or local_day(clock.now(), place.tz)
    slots = find_free_slots(
        session,
        req=place.requirement,
        branch_id=place.branch_id,
        where=place.query.where,
        tz=place.tz,
        minutes=place.minutes,
        first_day=first,
        days=days,
        step_minutes=step,
    )
    return SlotTable(place.tz, place.minutes, place.kind, first, days, tuple(slots))


@dataclass(frozen=True)
class CandidateList:
    """Ranked free workers for one window of a service not booked yet."""

    starts_at: datetime
    ends_at: datetime
    tz: str
    candidates: tuple[Candidate, ...]


def booking_candidates(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    item_id: int,
    units: int,
    starts_at: datetime,
    option_ids: Sequence[int] = (),
    customer_id: int | None = None,
    limit: int = 20,
) -> CandidateList:
    """Qualified free workers for (item, address, start), best first, with their reasons —
    ranked as ``dispatch.candidates`` ranks them for a booked order."""
    if starts_at.tzinfo is None:
        raise ValidationError("pricing.naive_time", field="starts_at")
    place = _place(
        session,
        actor,
        address_id=address_id,
        item_id=item_id,
        units=units,
        option_ids=option_ids,
        starts_at=starts_at,
    )
    ends_at = starts_at + timedelta(minutes=place.minutes)
    window = fit.Window(starts_at, ends_at, place.query.where, place.tz)
    found = find_candidates(
        session,
        req=place.requirement,
        window=window,
        branch_id=place.branch_id,
        customer_id=customer_id,
        limit=limit,
    )
    return CandidateList(starts_at, ends_at, place.tz, tuple(found))


# --- workers by name ---------------------------------------------------------------------


@dataclass(frozen=True)
class WorkerHit:
    id: int
    name: str
    phone: str
    branch_id: int
    branch_name: str
    status: str
    skills: tuple[str, ...]


def find_workers(
    session: Session, *, actor: Actor, text: str = "", limit: int = 50
) -> list[WorkerHit]:
    """Workers of the actor's branch (HQ: every branch) whose name, initials or phone match,
    by name; an empty text lists the first ones. Applicants and leavers are left out."""
    require(actor, Perm.WORKER_VIEW)
    stmt = select(Worker.id).where(Worker.status.in_(("active", "suspended")))
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Worker.branch_id == scope)
    typed = (text or "").strip()
    if typed:
        pattern = like_pattern(typed)
        stmt = stmt.where(
            or_(
                Worker.name.like(pattern, escape="\\"),
                Worker.phone.like(pattern, escape="\\"),
                Worker.name_initials.like(f"{typed.lower()}%"),
            )
        )
    limit = max(1, min(limit, MAX_WORKER_HITS))
    ids = list(session.scalars(stmt.order_by(Worker.name, Worker.id).limit(limit)).all())
    if not ids:
        return []
    rows = session.execute(
        select(Worker.id, Worker.name, Worker.phone, Worker.branch_id, Branch.name, Worker.status)
        .join(Branch, Branch.id == Worker.branch_id)
        .where(Worker.id.in_(ids))
    ).all()
    skills: dict[int, list[str]] = {}
    for wid, name, level in session.execute(
        select(WorkerSkill.worker_id, Skill.name, WorkerSkill.level)
        .join(Skill, Skill.id == WorkerSkill.skill_id)
        .where(WorkerSkill.worker_id.in_(ids))
        .order_by(WorkerSkill.level.desc(), Skill.name)
    ).all():
        skills.setdefault(int(wid), []).append(f"{name}{level}")
    by_id = {int(r[0]): r for r in rows}
    return [
        WorkerHit(
            id=wid,
            name=by_id[wid][1],
            phone=by_id[wid][2],
            branch_id=int(by_id[wid][3]),
            branch_name=by_id[wid][4],
            status=by_id[wid][5],
            skills=tuple(skills.get(wid, ())),
        )
        for wid in ids
    ]


# --- the board's filters -------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    id: int
    name: str


@dataclass(frozen=True)
class BoardChoices:
    """What the board can be filtered by: the branch's districts and its workers' skills."""

    branch_id: int
    tz: str
    districts: tuple[Choice, ...]
    skills: tuple[Choice, ...]


def board_choices(session: Session, *, actor: Actor, branch_id: int) -> BoardChoices:
    """The districts of a branch and the skills its workers have, by name."""
    require(actor, Perm.ORDER_VIEW, branch_id=branch_id)
    districts = session.execute(
        select(District.id, District.name)
        .where(District.branch_id == branch_id, District.is_active.is_(True))
        .order_by(District.name)
    ).all()
    skills = session.execute(
        select(Skill.id, Skill.name)
        .where(
            Skill.id.in_(
                select(WorkerSkill.skill_id)
                .join(Worker, Worker.id == WorkerSkill.worker_id)
                .where(Worker.branch_id == branch_id)
            )
        )
        .order_by(Skill.name)
    ).all()
    return BoardChoices(
        branch_id,
        get_branch_timezone(session, branch_id),
        tuple(Choice(int(i), n) for i, n in districts),
        tuple(Choice(int(i), n) for i, n in skills),
    )


@dataclass(frozen=True)
class BoardSnapshot:
    """A board and the fingerprint it was read at, from one unit of work: a poll that sees
    another fingerprint knows the board shown is out of date."""

    board: Board
    version: str


def board_snapshot(
    session: Session,
    *,
    actor: Actor,
    branch_id: int,
    first_day: date,
    days: int = 1,
    district_id: int | None = None,
    skill_id: int | None = None,
    only_on_shift: bool = False,
) -> BoardSnapshot:
    """``get_board`` with its ``board_version``, read together."""
    # the fingerprint first: a change landing between the two reads makes the next poll
    # see a new fingerprint and reload, never the other way round
    version = board.board_version(session, branch_id=branch_id, first_day=first_day, days=days)
    shown = board.get_board(
        session,
        actor=actor,
        branch_id=branch_id,
        first_day=first_day,
        days=days,
        district_id=district_id,
        skill_id=skill_id,
        only_on_shift=only_on_shift,
    )
    return BoardSnapshot(shown, version)
