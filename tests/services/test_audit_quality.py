"""Every mutation of reviews' cases, complaints and calls back writes its audit row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import QualityCase, StateEvent
from jiazheng_desk.services import callbacks, complaints, quality_cases, quality_decisions
from jiazheng_desk.services.quality_decisions import Decision
from tests.booking_factories import local
from tests.quality_factories import DAY, completed_order, customer_of, open_shop, review
from tests.services.audit_support import audit_rows

Case = tuple[Callable[[], Any], Callable[[Any], Any], str]


def _cases(db: Any) -> dict[str, Case]:
    """name -> (prepare, call with what prepare made, expected audit action)."""
    shop = open_shop(db)
    boss = shop.boss

    def negative_case() -> int:
        review(db, shop, overall=1)
        return quality_cases.list_cases(db, actor=boss).items[0].id

    def decided_case() -> int:
        case_id = negative_case()
        quality_decisions.decide_case(
            db, actor=boss, case_id=case_id, decision=Decision("no_fault")
        )
        return case_id

    def old_negative_review() -> None:
        made = review(db, shop, overall=1)
        # as if written before cases existed
        case = db.scalar(select(QualityCase).where(QualityCase.review_id == made.id))
        for event in db.scalars(
            select(StateEvent).where(
                StateEvent.entity == "quality_case", StateEvent.entity_id == case.id
            )
        ):
            db.delete(event)
        db.delete(case)
        db.flush()

    def complaint() -> int:
        order_id = completed_order(db, shop).id
        return complaints.create_complaint(
            db, actor=boss, order_id=order_id, category="late", text="迟到"
        ).row.id

    def pending_call() -> int:
        completed_order(db, shop)
        callbacks.schedule_first_order_callbacks(db, actor=boss, now=clock.now())
        flt = callbacks.CallbackFilter(when="pending")
        return callbacks.list_callbacks(db, actor=boss, flt=flt).items[0].id

    return {
        "quality_cases.open_case_for_review": (
            lambda: completed_order(db, shop),
            lambda order: review(db, shop, overall=2, order=order),
            "quality.case_open",
        ),
        "quality_cases.open_cases_for_negative_reviews": (
            old_negative_review,
            lambda _: quality_cases.open_cases_for_negative_reviews(db, actor=boss),
            "quality.case_open",
        ),
        "quality_cases.assign_case": (
            negative_case,
            lambda case_id: quality_cases.assign_case(db, actor=boss, case_id=case_id),
            "quality.case_assign",
        ),
        "quality_cases.add_investigation_note": (
            negative_case,
            lambda case_id: quality_cases.add_investigation_note(
                db, actor=boss, case_id=case_id, note="查看了服务记录"
            ),
            "quality.case_investigate",
        ),
        "quality_cases.record_case_call": (
            negative_case,
            lambda case_id: quality_cases.record_case_call(
                db, actor=boss, case_id=case_id, result="satisfied", note="已道歉"
            ),
            "quality.case_contact",
        ),
        "quality_decisions.decide_case": (
            negative_case,
            lambda case_id: quality_decisions.decide_case(
                db,
                actor=boss,
                case_id=case_id,
                decision=Decision("deduction", amount_fen=100, note="迟到"),
            ),
            "quality.case_decide",
        ),
        "quality_cases.close_case": (
            decided_case,
            lambda case_id: quality_cases.close_case(db, actor=boss, case_id=case_id),
            "quality.case_close",
        ),
        "complaints.create_complaint": (lambda: None, lambda _: complaint(), "complaint.create"),
        "complaints.file_my_complaint": (
            lambda: completed_order(db, shop),
            lambda order: complaints.file_my_complaint(
                db, actor=customer_of(order), order_id=order.id, category="late", text="迟到"
            ),
            "complaint.create",
        ),
        "complaints.assign_complaint": (
            complaint,
            lambda cid: complaints.assign_complaint(
                db, actor=boss, complaint_id=cid, owner_id=None
            ),
            "complaint.assign",
        ),
        "complaints.set_complaint_priority": (
            complaint,
            lambda cid: complaints.set_complaint_priority(
                db, actor=boss, complaint_id=cid, priority="high"
            ),
            "complaint.priority",
        ),
        "complaints.move_complaint": (
            complaint,
            lambda cid: complaints.move_complaint(db, actor=boss, complaint_id=cid, event="start"),
            "complaint.start",
        ),
        "callbacks.schedule_first_order_callbacks": (
            lambda: completed_order(db, shop),
            lambda _: callbacks.schedule_first_order_callbacks(db, actor=boss, now=clock.now()),
            "callback.schedule",
        ),
        "callbacks.record_callback": (
            pending_call,
            lambda call_id: callbacks.record_callback(
                db, actor=boss, callback_id=call_id, result="unreachable"
            ),
            "callback.record",
        ),
    }


QUALITY_MUTATIONS = [
    "quality_cases.open_case_for_review",
    "quality_cases.open_cases_for_negative_reviews",
    "quality_cases.assign_case",
    "quality_cases.add_investigation_note",
    "quality_cases.record_case_call",
    "quality_decisions.decide_case",
    "quality_cases.close_case",
    "complaints.create_complaint",
    "complaints.file_my_complaint",
    "complaints.assign_complaint",
    "complaints.set_complaint_priority",
    "complaints.move_complaint",
    "callbacks.schedule_first_order_callbacks",
    "callbacks.record_callback",
]
QUALITY_READS: set[str] = set()


@pytest.mark.parametrize("name", QUALITY_MUTATIONS)
def test_every_quality_mutation_writes_an_audit_row(db, name):
    clock.freeze(local(DAY, 20))
    prepare, call, action = _cases(db)[name]

    prepared = prepare()
    before = audit_rows(db, action)
    call(prepared)
    db.flush()
    assert audit_rows(db, action) == before + 1
