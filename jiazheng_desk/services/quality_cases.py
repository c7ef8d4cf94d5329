"""Follow-up cases of negative reviews: investigate, call the customer back, decide.

A review is negative when its overall score or any one of its four dimensions is 2 or
less. ``create_review`` opens the case in the review's own transaction
(``open_case_for_review``); ``open_cases_for_negative_reviews`` catches up on reviews
written before (idempotent: one case per review, the unique key on ``review_id`` is the
last guard).

The case moves open → investigating → contacted → decided → closed; every step writes a
``state_event`` of entity ``quality_case`` and an audit row. The decision itself is in
``quality_decisions``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case as sql_case
from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session, aliased

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import (
    CareCallback,
    Complaint,
    Customer,
    Order,
    PayAdjustment,
    Payment,
    QualityCase,
    Refund,
    Review,
    StaffUser,
    StateEvent,
    Worker,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import AnySelect, Page, clean_text
from jiazheng_desk.services.errors import Conflict, IllegalTransition, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.state_events import state_event_row
from jiazheng_desk.services.timeutil import get_branch_timezone, local

CASES = table_of(QualityCase)
CALLBACKS = table_of(CareCallback)
EVENTS = table_of(StateEvent)
REVIEWS = table_of(Review)
NEGATIVE_AT_MOST = 2
DIMENSIONS = ("attitude", "skill", "efficiency", "punctuality", "overall")
STATES = ("open", "investigating", "contacted", "decided", "closed")
OPEN_STATES = ("open", "investigating", "contacted")
# what a call back to the customer found
CALL_RESULTS = ("satisfied", "neutral", "dissatisfied", "unreachable")
MAX_NOTE = 2000
MAX_REASON = 255
SORTABLE = {"created_at", "updated_at", "state", "id"}
# money already on its way back to the customer
REFUND_COUNTED = ("requested", "done")


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None  # a state, or "active" for any not decided or closed
    branch_id: int | None = None
    worker_id: int | None = None
    owner_id: int | None = None
    unassigned: bool = False


@dataclass(frozen=True)
class CaseRow:
    id: int
    branch_id: int
    state: str
    review_id: int | None
    complaint_id: int | None
    order_id: int | None
    order_no: str
    customer_id: int | None
    customer_name: str
    worker_id: int | None
    worker_name: str
    overall: int | None
    lowest: int | None
    review_text: str
    decision: str
    amount_fen: int
    owner_id: int | None
    owner_name: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CaseStep:
    at: datetime
    event: str
    from_state: str
    to_state: str
    actor_name: str
    reason: str


@dataclass(frozen=True)
class CallView:
    id: int
    kind: str
    state: str
    result: str
    note: str
    due_at: datetime
    done_at: datetime | None
    done_by_name: str


@dataclass(frozen=True)
class CaseDetail:
    row: CaseRow
    scores: dict[str, int]
    customer_phone: str
    investigation: str
    decision_note: str
    decided_by_name: str
    decided_at: datetime | None
    # confirmed payments less refunds requested or done: the most a refund may give back
    refundable_fen: int
    steps: tuple[CaseStep, ...]
    calls: tuple[CallView, ...]


def is_negative(scores: dict[str, int]) -> bool:
    """Overall 2 or less, or any dimension 2 or less."""
    return min(int(scores[d]) for d in DIMENSIONS) <= NEGATIVE_AT_MOST


def _negative_clause() -> Any:
    return or_(*(REVIEWS.c[d] <= NEGATIVE_AT_MOST for d in DIMENSIONS))


# --- opening --------------------------------------------------------------------------


def _open(session: Session, actor: Actor, review: Any, branch_id: int, now: datetime) -> int:
    conn = session.connection()
    lowest = min(int(review._mapping[d]) for d in DIMENSIONS)
    case_id = inserted_id(
        conn.execute(
            insert(CASES),
            {
                "branch_id": branch_id,
                "review_id": review.id,
                "complaint_id": None,
                "order_id": review.order_id,
                "customer_id": review.customer_id,
                "worker_id": review.worker_id,
                "state": "open",
                "investigation": "",
                "decision": "",
                "decision_note": "",
                "amount_fen": 0,
                "owner_id": None,
                "created_at": now,
                "updated_at": now,
            },
        )
    )
    reason = f"差评：总体 {review.overall} 分，最低 {lowest} 分"
    conn.execute(
        insert(EVENTS),
        state_event_row("quality_case", case_id, "open", "", "open", actor, reason, now),
    )
    audit.record(
        session,
        actor=actor,
        action="quality.case_open",
        entity="quality_case",
        entity_id=case_id,
        after={"review_id": int(review.id), "worker_id": review.worker_id, "lowest": lowest},
        branch_id=branch_id,
    )
    return case_id


def _review_rows(stmt: AnySelect, session: Session) -> list[Any]:
    return list(session.execute(stmt).all())


def open_case_for_review(session: Session, *, actor: Actor, review_id: int) -> int | None:
    """Open the follow-up case of a negative review (None: not negative, or already open)."""
    row = session.execute(
        select(REVIEWS, Order.branch_id.label("branch_id"))
        .join(Order, Order.id == REVIEWS.c.order_id)
        .where(REVIEWS.c.id == review_id)
    ).first()
    if row is None:
        raise NotFound("review", review_id)
    if not is_negative({d: row._mapping[d] for d in DIMENSIONS}):
        return None
    if session.scalar(select(CASES.c.id).where(CASES.c.review_id == review_id)) is not None:
        return None
    return _open(session, actor, row, int(row.branch_id), clock.now())


def open_cases_for_negative_reviews(
    session: Session, *, actor: Actor, since: datetime | None = None, limit: int = 500
) -> int:
    """Open the missing cases of negative reviews, newest first (the actor's branch, or all
    for HQ); returns how many were opened."""
    require(actor, Perm.QUALITY_HANDLE)
    stmt = (
        select(REVIEWS, Order.branch_id.label("branch_id"))
        .join(Order, Order.id == REVIEWS.c.order_id)
        .outerjoin(CASES, CASES.c.review_id == REVIEWS.c.id)
        .where(CASES.c.id.is_(None), _negative_clause())
        .order_by(REVIEWS.c.id.desc())
        .limit(max(1, min(limit, 5000)))
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Order.branch_id == scope)
    if since is not None:
        stmt = stmt.where(REVIEWS.c.created_at >= since)
    now = clock.now()
    rows = _review_rows(stmt, session)
    for row in rows:
        _open(session, actor, row, int(row.branch_id), now)
    return len(rows)


# --- reading --------------------------------------------------------------------------

_owner = aliased(StaffUser)


def _row_select() -> AnySelect:
    return (
        select(
            CASES,
            Order.order_no,
            Customer.name.label("customer_name"),
            Worker.name.label("worker_name"),
            _owner.display_name.label("owner_name"),
            REVIEWS.c.overall,
            REVIEWS.c.attitude,
            REVIEWS.c.skill,
            REVIEWS.c.efficiency,
            REVIEWS.c.punctuality,
            REVIEWS.c.text.label("review_text"),
        )
        .outerjoin(Order, Order.id == CASES.c.order_id)
        .outerjoin(Customer, Customer.id == CASES.c.customer_id)
        .outerjoin(Worker, Worker.id == CASES.c.worker_id)
        .outerjoin(_owner, _owner.id == CASES.c.owner_id)
        .outerjoin(REVIEWS, REVIEWS.c.id == CASES.c.review_id)
    )


def _row(r: Any) -> CaseRow:
    scores = [r.attitude, r.skill, r.efficiency, r.punctuality, r.overall]
    return CaseRow(
        id=int(r.id),
        branch_id=int(r.branch_id),
        state=r.state,
        review_id=r.review_id,
        complaint_id=r.complaint_id,
        order_id=r.order_id,
        order_no=r.order_no or "",
        customer_id=r.customer_id,
        customer_name=r.customer_name or "",
        worker_id=r.worker_id,
        worker_name=r.worker_name or "",
        overall=r.overall,
        lowest=min(scores) if r.overall is not None else None,
        review_text=r.review_text or "",
        decision=r.decision,
        amount_fen=int(r.amount_fen or 0),
        owner_id=r.owner_id,
        owner_name=r.owner_name or "",
        created_at=r.created_at,
        updated_at=r.updated_at,
    )


def _filtered(stmt: AnySelect, actor: Actor, flt: CaseFilter) -> AnySelect:
    scope = scope_branch_id(actor)
    branch = scope if scope is not None else flt.branch_id
    if branch is not None:
        stmt = stmt.where(CASES.c.branch_id == branch)
    if flt.state == "active":
        stmt = stmt.where(CASES.c.state.in_(OPEN_STATES))
    elif flt.state:
        stmt = stmt.where(CASES.c.state == flt.state)
    if flt.worker_id is not None:
        stmt = stmt.where(CASES.c.worker_id == flt.worker_id)
    if flt.owner_id is not None:
        stmt = stmt.where(CASES.c.owner_id == flt.owner_id)
    if flt.unassigned:
        stmt = stmt.where(CASES.c.owner_id.is_(None))
    return stmt


def list_cases(
    session: Session,
    *,
    actor: Actor,
    flt: CaseFilter | None = None,
    offset: int = 0,
    limit: int = 200,
    sort: str = "created_at",
    descending: bool = True,
) -> Page[CaseRow]:
    """Quality cases with filters, newest first, limited to the actor's branch unless HQ."""
    require(actor, Perm.QUALITY_HANDLE)
    flt = flt or CaseFilter()
    total = session.scalar(_filtered(select(func.count(CASES.c.id)), actor, flt)) or 0
    column = CASES.c[sort if sort in SORTABLE else "created_at"]
    order = [column.desc(), CASES.c.id.desc()] if descending else [column, CASES.c.id]
    rows = session.execute(
        _filtered(_row_select(), actor, flt).order_by(*order).offset(offset).limit(limit)
    ).all()
    return Page(items=tuple(_row(r) for r in rows), total=int(total), offset=offset)


def _staff_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {
        int(i): n
        for i, n in session.execute(
            select(StaffUser.id, StaffUser.display_name).where(StaffUser.id.in_(ids))
        )
    }


def list_steps(session: Session, *, entity: str, entity_id: int) -> tuple[CaseStep, ...]:
    """The state history of a case or complaint, oldest first, with who did each step."""
    events = session.execute(
        select(EVENTS)
        .where(EVENTS.c.entity == entity, EVENTS.c.entity_id == entity_id)
        .order_by(EVENTS.c.created_at, EVENTS.c.id)
    ).all()
    names = _staff_names(
        session, {int(e.actor_id) for e in events if e.actor_kind == "staff" and e.actor_id}
    )
    return tuple(
        CaseStep(
            at=e.created_at,
            event=e.event,
            from_state=e.from_state,
            to_state=e.to_state,
            actor_name=names.get(int(e.actor_id or 0), "") or e.actor_kind,
            reason=e.reason,
        )
        for e in events
    )


def get_refundable_fen(session: Session, order_id: int | None) -> int:
    """What is paid on the order and not yet refunded (requested or done)."""
    if order_id is None:
        return 0
    paid = session.scalar(
        select(func.coalesce(func.sum(Payment.amount_fen), 0)).where(
            Payment.order_id == order_id, Payment.state == "confirmed"
        )
    )
    refunded = session.scalar(
        select(func.coalesce(func.sum(Refund.amount_fen), 0)).where(
            Refund.order_id == order_id, Refund.state.in_(REFUND_COUNTED)
        )
    )
    return max(0, int(paid or 0) - int(refunded or 0))


def _load(session: Session, actor: Actor, case_id: int, *, lock: bool = False) -> Any:
    stmt = select(CASES).where(CASES.c.id == case_id)
    if lock:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).first()
    scope = scope_branch_id(actor)
    if row is None or (scope is not None and row.branch_id != scope):
        raise NotFound("quality_case", case_id)
    return row


def get_case(session: Session, *, actor: Actor, case_id: int) -> CaseDetail:
    """One case with its review, its steps and the calls to the customer."""
    require(actor, Perm.QUALITY_HANDLE)
    _load(session, actor, case_id)
    r = session.execute(_row_select().where(CASES.c.id == case_id)).one()
    phone = ""
    if r.customer_id is not None:
        phone = session.scalar(select(Customer.phone).where(Customer.id == r.customer_id)) or ""
    calls = session.execute(
        select(CALLBACKS).where(CALLBACKS.c.case_id == case_id).order_by(CALLBACKS.c.id)
    ).all()
    names = _staff_names(
        session,
        {int(c.done_by) for c in calls if c.done_by}
        | ({int(r.decided_by)} if r.decided_by else set()),
    )
    scores = {d: int(getattr(r, d)) for d in DIMENSIONS} if r.overall is not None else {}
    return CaseDetail(
        row=_row(r),
        scores=scores,
        customer_phone=phone,
        investigation=r.investigation,
        decision_note=r.decision_note,
        decided_by_name=names.get(int(r.decided_by or 0), ""),
        decided_at=r.decided_at,
        refundable_fen=get_refundable_fen(session, r.order_id),
        steps=list_steps(session, entity="quality_case", entity_id=case_id),
        calls=tuple(
            CallView(
                id=int(c.id),
                kind=c.kind,
                state=c.state,
                result=c.result,
                note=c.note,
                due_at=c.due_at,
                done_at=c.done_at,
                done_by_name=names.get(int(c.done_by or 0), ""),
            )
            for c in calls
        ),
    )


# --- steps ----------------------------------------------------------------------------


def _step(
    session: Session,
    actor: Actor,
    case: Any,
    event: str,
    to_state: str,
    reason: str,
    values: dict[str, Any],
    audit_after: dict[str, Any],
) -> None:
    now = clock.now()
    conn = session.connection()
    conn.execute(
        update(CASES).where(CASES.c.id == case.id).values(state=to_state, updated_at=now, **values)
    )
    conn.execute(
        insert(EVENTS),
        state_event_row(
            "quality_case", int(case.id), event, case.state, to_state, actor, reason, now
        ),
    )
    audit.record(
        session,
        actor=actor,
        action=f"quality.case_{event}",
        entity="quality_case",
        entity_id=int(case.id),
        before={"state": case.state},
        after={"state": to_state, **audit_after},
        branch_id=int(case.branch_id),
    )


def _require_open(case: Any) -> None:
    if case.state not in OPEN_STATES:
        raise IllegalTransition(
            "quality.case_not_open", state=Msg(f"quality.case_state.{case.state}")
        )


def _note(
    value: str, *, field: str = "note", required: bool = True, max_len: int = MAX_NOTE
) -> str:
    return clean_text(
        value, field=field, label=Msg(f"quality.field.{field}"), max_len=max_len, required=required
    )


def assign_case(
    session: Session, *, actor: Actor, case_id: int, owner_id: int | None = None
) -> CaseDetail:
    """Give the case to a staff member of its branch (None: the actor takes it)."""
    require(actor, Perm.QUALITY_HANDLE)
    case = _load(session, actor, case_id, lock=True)
    require(actor, Perm.QUALITY_HANDLE, branch_id=int(case.branch_id))
    _require_open(case)
    owner = actor.id if owner_id is None else owner_id
    if owner is None:
        raise ValidationError("quality.owner_required", field="owner_id")
    staff = session.get(StaffUser, owner)
    if (
        staff is None
        or not staff.is_active
        or (staff.branch_id is not None and staff.branch_id != case.branch_id)
    ):
        raise ValidationError("quality.bad_owner", field="owner_id")
    _step(
        session,
        actor,
        case,
        "assign",
        case.state,
        staff.display_name,
        {"owner_id": owner},
        {"owner_id": owner},
    )
    return get_case(session, actor=actor, case_id=case_id)


def add_investigation_note(
    session: Session, *, actor: Actor, case_id: int, note: str
) -> CaseDetail:
    """Add what the investigation found (the case moves to investigating)."""
    require(actor, Perm.QUALITY_HANDLE)
    case = _load(session, actor, case_id, lock=True)
    _require_open(case)
    text = _note(note)
    tz = get_branch_timezone(session, int(case.branch_id))
    stamp = local(clock.now(), tz).strftime("%Y-%m-%d %H:%M")
    joined = f"{case.investigation}\n[{stamp} {actor.name}] {text}".strip()
    to_state = "investigating" if case.state == "open" else case.state
    values: dict[str, Any] = {"investigation": joined[-20000:]}
    if case.owner_id is None and actor.is_staff:
        values["owner_id"] = actor.id
    _step(session, actor, case, "investigate", to_state, text, values, {"note": text})
    return get_case(session, actor=actor, case_id=case_id)


def record_case_call(
    session: Session, *, actor: Actor, case_id: int, result: str, note: str
) -> CaseDetail:
    """Note a call back to the customer (回访) with its result (the case moves to contacted)."""
    require(actor, Perm.QUALITY_HANDLE)
    case = _load(session, actor, case_id, lock=True)
    _require_open(case)
    if result not in CALL_RESULTS:
        raise ValidationError("quality.bad_call_result", field="result")
    text = _note(note, required=result != "unreachable")
    if case.customer_id is None:
        raise Conflict("quality.no_customer")
    now = clock.now()
    call_id = inserted_id(
        session.connection().execute(
            insert(CALLBACKS),
            {
                "branch_id": case.branch_id,
                "customer_id": case.customer_id,
                "order_id": case.order_id,
                "case_id": case.id,
                "kind": "follow_up",
                "due_at": now,
                "state": "unreachable" if result == "unreachable" else "done",
                "result": result,
                "note": text,
                "done_by": actor.id if actor.is_staff else None,
                "done_at": now,
                "created_at": now,
            },
        )
    )
    # an unanswered call is a try, not a contact
    to_state = case.state if result == "unreachable" else "contacted"
    _step(
        session,
        actor,
        case,
        "contact",
        to_state,
        f"{result}: {text}".strip(": "),
        {},
        {"callback_id": call_id, "result": result},
    )
    return get_case(session, actor=actor, case_id=case_id)


def close_case(session: Session, *, actor: Actor, case_id: int, note: str = "") -> CaseDetail:
    """Close a decided case."""
    require(actor, Perm.QUALITY_HANDLE)
    case = _load(session, actor, case_id, lock=True)
    if case.state != "decided":
        raise IllegalTransition("quality.case_not_decided")
    text = _note(note, required=False)
    _step(session, actor, case, "close", "closed", text, {}, {"note": text})
    return get_case(session, actor=actor, case_id=case_id)


# --- the worker's record --------------------------------------------------------------


@dataclass(frozen=True)
class WorkerAdjustment:
    id: int
    kind: str
    amount_fen: int
    reason: str
    order_id: int | None
    created_at: datetime


@dataclass(frozen=True)
class WorkerComplaint:
    id: int
    category: str
    priority: str
    state: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class WorkerQuality:
    """What the worker's record shows of reviews, cases, complaints and deductions."""

    worker_id: int
    review_count: int
    average_overall: float | None
    negative_count: int
    cases: tuple[CaseRow, ...]
    complaints: tuple[WorkerComplaint, ...]
    adjustments: tuple[WorkerAdjustment, ...]
    # every step of the worker's cases and the worker's own suspensions, newest first
    history: tuple[CaseStep, ...]


def list_worker_quality(session: Session, *, actor: Actor, worker_id: int) -> WorkerQuality:
    """The worker's reviews summary, quality cases, complaints and pay deductions."""
    require(actor, Perm.WORKER_VIEW)
    branch = session.scalar(select(Worker.branch_id).where(Worker.id == worker_id))
    if branch is None:
        raise NotFound("worker", worker_id)
    require(actor, Perm.WORKER_VIEW, branch_id=int(branch))
    count, total, negative = session.execute(
        select(
            func.count(REVIEWS.c.id),
            func.sum(REVIEWS.c.overall),
            func.sum(sql_case((_negative_clause(), 1), else_=0)),
        ).where(REVIEWS.c.worker_id == worker_id)
    ).one()
    cases = session.execute(
        _row_select().where(CASES.c.worker_id == worker_id).order_by(CASES.c.id.desc()).limit(200)
    ).all()
    complaints = session.scalars(
        select(Complaint)
        .where(Complaint.worker_id == worker_id)
        .order_by(Complaint.id.desc())
        .limit(200)
    ).all()
    adjustments = session.scalars(
        select(PayAdjustment)
        .where(PayAdjustment.worker_id == worker_id)
        .order_by(PayAdjustment.id.desc())
        .limit(200)
    ).all()
    history: list[CaseStep] = []
    for c in cases:
        history.extend(list_steps(session, entity="quality_case", entity_id=int(c.id)))
    history.extend(list_steps(session, entity="worker", entity_id=worker_id))
    history.sort(key=lambda s: s.at, reverse=True)
    return WorkerQuality(
        worker_id=worker_id,
        review_count=int(count or 0),
        average_overall=round(int(total) / int(count), 2) if count else None,
        negative_count=int(negative or 0),
        cases=tuple(_row(c) for c in cases),
        complaints=tuple(
            WorkerComplaint(c.id, c.category, c.priority, c.state, c.text, c.created_at)
            for c in complaints
        ),
        adjustments=tuple(
            WorkerAdjustment(a.id, a.kind, a.amount_fen, a.reason, a.order_id, a.created_at)
            for a in adjustments
        ),
        history=tuple(history),
    )


def find_cases_of_reviews(
    session: Session, review_ids: Sequence[int]
) -> dict[int, tuple[int, str]]:
    """review id -> (case id, state), for the reviews list."""
    if not review_ids:
        return {}
    return {
        int(r): (int(c), s)
        for r, c, s in session.execute(
            select(CASES.c.review_id, CASES.c.id, CASES.c.state).where(
                CASES.c.review_id.in_(list(review_ids))
            )
        )
    }
