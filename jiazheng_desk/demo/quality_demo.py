"""Demo of the quality area, through its services: follow-up cases of the recent negative
reviews in every state (some decided: coaching, coupons, deductions, a refund for
finance), phone complaints with owners and deadlines, first-order calls back.

Counts are capped so the large demo (a million orders) seeds this in seconds.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import Order, StaffUser
from jiazheng_desk.services import callbacks, complaints, quality_cases, quality_decisions
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for
from jiazheng_desk.services.callbacks import CallbackFilter
from jiazheng_desk.services.errors import DomainError
from jiazheng_desk.services.quality_cases import CaseFilter
from jiazheng_desk.services.quality_decisions import Decision

RECENT_DAYS = 45
MAX_CASES = 240
MAX_PHONE_COMPLAINTS = 4  # per branch
MAX_CALLS_DONE = 40

NOTES = (
    "查看了服务记录和照片，厨房角落确实未清洁到位",
    "与服务人员核实：当天路上堵车，迟到约 40 分钟，未提前告知客户",
    "服务人员承认沟通时语气生硬",
    "客户反映的问题与服务记录不符，需回访确认",
)
CALLS = (
    ("satisfied", "客户接受道歉，表示下次继续预约"),
    ("neutral", "客户表示理解，希望以后准时"),
    ("dissatisfied", "客户仍不满意，要求补偿"),
    ("unreachable", ""),
)
PHONE_COMPLAINTS = (
    ("late", "high", "来电反映阿姨迟到一个小时，也没有提前打电话"),
    ("damage", "urgent", "擦玻璃时把窗台上的花瓶碰碎了，要求赔偿"),
    ("billing", "normal", "电话里说好的价格和实际扣款不一样"),
    ("safety", "urgent", "师傅维修燃气灶后有异味，担心漏气"),
    ("attitude", "low", "阿姨服务时一直打电话，态度敷衍"),
)


def _managers(session: Session) -> dict[int, Actor]:
    """The first active branch manager of each branch, acting at the desk."""
    found: dict[int, Actor] = {}
    for user in session.scalars(
        select(StaffUser)
        .where(StaffUser.role == "branch_manager", StaffUser.is_active.is_(True))
        .order_by(StaffUser.id)
    ):
        if user.branch_id is not None and user.branch_id not in found:
            found[user.branch_id] = actor_for(user)
    return found


def _work_cases(session: Session, rng: random.Random, managers: dict[int, Actor]) -> int:
    """Move the open cases along: some stay open, others are investigated, called, decided."""
    system = Actor.system(source="cli", name="demo")
    rows = quality_cases.list_cases(
        session, actor=system, flt=CaseFilter(state="open"), limit=MAX_CASES
    ).items
    steps = 0
    for case in rows:
        boss = managers.get(case.branch_id)
        if boss is None:
            continue
        roll = rng.random()
        try:
            if roll < 0.3:
                continue  # still waiting for someone to take it
            quality_cases.assign_case(session, actor=boss, case_id=case.id)
            quality_cases.add_investigation_note(
                session, actor=boss, case_id=case.id, note=rng.choice(NOTES)
            )
            steps += 2
            if roll < 0.45:
                continue
            result, note = rng.choice(CALLS)
            quality_cases.record_case_call(
                session, actor=boss, case_id=case.id, result=result, note=note
            )
            steps += 1
            if roll < 0.6:
                continue
            quality_decisions.decide_case(
                session, actor=boss, case_id=case.id, decision=_decision(rng)
            )
            steps += 1
            if roll > 0.85:
                quality_cases.close_case(session, actor=boss, case_id=case.id)
                steps += 1
        except DomainError:
            # a decision the data does not allow (nothing paid to refund): the case waits
            continue
    return steps


def _decision(rng: random.Random) -> Decision:
    roll = rng.random()
    if roll < 0.3:
        return Decision("coaching", note="安排服务规范复训，主管跟岗一次")
    if roll < 0.5:
        return Decision("no_fault", note="核实后服务人员无过错，已向客户解释")
    if roll < 0.7:
        return Decision("compensation_coupon", amount_fen=rng.choice((2000, 3000, 5000)))
    if roll < 0.9:
        return Decision("deduction", amount_fen=rng.choice((2000, 5000)), note="服务质量不达标扣款")
    return Decision("compensation_refund", amount_fen=2000, note="部分退款，待财务审核")


def _phone_complaints(session: Session, rng: random.Random, managers: dict[int, Actor]) -> int:
    """A few complaints taken on the phone today, about recent orders of each branch."""
    written = 0
    since = clock.now() - timedelta(days=10)
    for branch_id, boss in managers.items():
        orders = session.scalars(
            select(Order.id)
            .where(
                Order.branch_id == branch_id,
                Order.state.in_(("completed", "reviewed")),
                Order.starts_at >= since,
                Order.starts_at < clock.now(),
            )
            .order_by(Order.starts_at.desc())
            .limit(20)
        ).all()
        for order_id in rng.sample(list(orders), min(len(orders), MAX_PHONE_COMPLAINTS)):
            category, priority, text = rng.choice(PHONE_COMPLAINTS)
            made = complaints.create_complaint(
                session,
                actor=boss,
                order_id=order_id,
                category=category,
                priority=priority,
                text=text,
                owner_id=boss.id if rng.random() < 0.7 else None,
            )
            written += 1
            if rng.random() < 0.4:
                complaints.move_complaint(
                    session, actor=boss, complaint_id=made.row.id, event="start"
                )
    return written


def _calls(session: Session, rng: random.Random, managers: dict[int, Actor]) -> int:
    system = Actor.system(source="cli", name="demo")
    planned = callbacks.schedule_first_order_callbacks(session, actor=system, now=clock.now())
    due = callbacks.list_callbacks(
        session, actor=system, flt=CallbackFilter(when="overdue"), limit=MAX_CALLS_DONE
    ).items
    for call in due:
        boss = managers.get(call.branch_id)
        if boss is None or rng.random() < 0.5:
            continue
        result, note = rng.choice(CALLS)
        callbacks.record_callback(
            session,
            actor=boss,
            callback_id=call.id,
            result=result,
            note=note or "",
        )
    return planned


def seed(session: Session, rng: random.Random) -> int:
    """Cases, complaints and calls back; returns the rows written (about)."""
    system = Actor.system(source="cli", name="demo")
    managers = _managers(session)
    opened = quality_cases.open_cases_for_negative_reviews(
        session,
        actor=system,
        since=clock.now() - timedelta(days=RECENT_DAYS),
        limit=MAX_CASES,
    )
    steps = _work_cases(session, rng, managers)
    written = _phone_complaints(session, rng, managers)
    planned = _calls(session, rng, managers)
    return opened + steps + written + planned
