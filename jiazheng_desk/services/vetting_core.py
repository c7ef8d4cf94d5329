"""What the vetting services share: the case's states and checks, loading a case under
its lock, writing a check's result and a state event.

A check's ``detail`` is stored as a catalog message (``{"key": …, "params": …}`` in
JSON) so the desk shows it in the reader's language; older plain texts (the ones the
application form writes) are shown as they are.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.messages import MESSAGES
from jiazheng_desk.models import Skill, StateEvent, VettingCase, VettingCheck, Worker
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services import audit, pii
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, IllegalTransition, NotFound
from jiazheng_desk.services.permissions import Perm, require
from jiazheng_desk.services.timeutil import get_branch_timezone, local_day

CASES = table_of(VettingCase)
CHECKS = table_of(VettingCheck)
EVENTS = table_of(StateEvent)

STATES = ("new", "under_review", "waiting_documents", "approved", "rejected")
OPEN_STATES = ("new", "under_review", "waiting_documents")
# event -> (states it may leave, the state it enters)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "take": (("new", "waiting_documents"), "under_review"),
    "ask_documents": (("new", "under_review"), "waiting_documents"),
    "approve": (("new", "under_review"), "approved"),
    "reject": (("new", "under_review", "waiting_documents"), "rejected"),
}
# every check an application goes through, in the order the desk shows them; each one
# must have passed before a case is approved (unless HQ overrides with a reason)
CHECK_KINDS = (
    "id_number",
    "duplicate",
    "blacklist",
    "background",
    "identity",
    "certificate",
    "interview",
    "training",
)
RESULTS = ("pending", "passed", "failed", "not_answered")


def detail(key: str, **params: Any) -> str:
    """A check's detail as a catalog message, stored as JSON (a ``Msg`` parameter too)."""
    stored = {k: {"msg": v.key} if isinstance(v, Msg) else v for k, v in params.items()}
    return json.dumps({"key": key, "params": stored}, ensure_ascii=False, default=str)


def render_detail(text: str) -> str:
    """A stored detail in the current language (a plain text stays as it is)."""
    if not text.startswith("{"):
        return text
    try:
        value = json.loads(text)
        key, params = value["key"], value.get("params") or {}
    except (ValueError, KeyError, TypeError):
        return text
    if key not in MESSAGES:
        return text
    values: dict[str, Any] = {
        str(k): Msg(v["msg"]) if isinstance(v, dict) else v for k, v in params.items()
    }
    return t(key, **values)


def get_case_row(session: Session, case_id: int, *, lock: bool = False) -> Any:
    """The case's row (Core), locked for a change; NotFound when there is none."""
    stmt = select(CASES).where(CASES.c.id == case_id)
    if lock:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).one_or_none()
    if row is None:
        raise NotFound("vetting_case", case_id)
    return row


def require_case(session: Session, actor: Actor, case_id: int, perm: Perm, *, lock: bool) -> Any:
    """A case the actor may act on (their branch unless HQ), optionally locked."""
    case = get_case_row(session, case_id, lock=lock)
    require(actor, perm, branch_id=case.branch_id)
    return case


def require_open_case(session: Session, actor: Actor, case_id: int) -> Any:
    """A case still under review, locked, for running or recording a check."""
    case = require_case(session, actor, case_id, Perm.VETTING_REVIEW, lock=True)
    if case.state not in OPEN_STATES:
        raise Conflict("vetting.case_closed", state=t(f"vetting.state.{case.state}"))
    return case


def get_applicant(session: Session, worker_id: int, *, lock: bool = False) -> Worker:
    worker = session.get(Worker, worker_id, with_for_update=lock, populate_existing=True)
    if worker is None:
        raise NotFound("worker", worker_id)
    return worker


def id_number_of(worker: Worker) -> str | None:
    """The applicant's ID number in clear (None when none is on file)."""
    return pii.decrypt(worker.id_number_enc) if worker.id_number_enc else None


def masked_id_number(worker_enc: bytes | None, suffix: str) -> str:
    """110***********1234; without the data key, the stored last four only."""
    if worker_enc:
        try:
            return pii.mask_id_number(pii.decrypt(worker_enc))
        except pii.PersonalDataUnavailable:
            pass
    return "*" * 14 + suffix if suffix else ""


def get_branch_today(session: Session, branch_id: int) -> date:
    return local_day(clock.now(), get_branch_timezone(session, branch_id))


def requested_codes(case: Any) -> tuple[str, ...]:
    return tuple(s for s in (case.requested_skills or "").split(",") if s)


def record_check(
    session: Session, actor: Actor, case: Any, kind: str, result: str, text: str
) -> str:
    """Write a check's result (who and when) and its audit row; returns the result."""
    conn = session.connection()
    before = conn.execute(
        select(CHECKS.c.result).where(CHECKS.c.case_id == case.id, CHECKS.c.kind == kind)
    ).scalar()
    values = {
        "result": result,
        "detail": text,
        "run_by": actor.id if actor.is_staff else None,
        "run_at": clock.now(),
    }
    if before is None:
        conn.execute(insert(CHECKS), {"case_id": case.id, "kind": kind, **values})
    else:
        conn.execute(
            update(CHECKS)
            .where(CHECKS.c.case_id == case.id, CHECKS.c.kind == kind)
            .values(**values)
        )
    audit.record(
        session,
        actor=actor,
        action="vetting.check",
        entity="vetting_case",
        entity_id=case.id,
        before={"kind": kind, "result": before or "pending"},
        after={"kind": kind, "result": result, "detail": render_detail(text)},
        branch_id=case.branch_id,
    )
    return result


def get_check_results(session: Session, case_id: int) -> dict[str, str]:
    rows = session.execute(
        select(CHECKS.c.kind, CHECKS.c.result).where(CHECKS.c.case_id == case_id)
    ).all()
    return {kind: result for kind, result in rows}


def find_blocking_checks(session: Session, case_id: int) -> tuple[str, ...]:
    """The checks that have not passed (failed, not answered or never run)."""
    results = get_check_results(session, case_id)
    return tuple(k for k in CHECK_KINDS if results.get(k) != "passed")


def transition(
    session: Session,
    actor: Actor,
    case: Any,
    event: str,
    *,
    reason: str = "",
    after: dict[str, Any] | None = None,
    **values: Any,
) -> str:
    """Move the case along the state machine; write the state event and the audit row."""
    allowed_from, to_state = TRANSITIONS[event]
    if case.state not in allowed_from:
        raise IllegalTransition(
            "vetting.illegal_transition",
            state=t(f"vetting.state.{case.state}"),
            event=t(f"vetting.event.{event}"),
        )
    now = clock.now()
    session.connection().execute(
        update(CASES).where(CASES.c.id == case.id).values(state=to_state, updated_at=now, **values)
    )
    session.connection().execute(
        insert(EVENTS),
        {
            "entity": "vetting_case",
            "entity_id": case.id,
            "event": event,
            "from_state": case.state,
            "to_state": to_state,
            "actor_kind": actor.kind,
            "actor_id": actor.id,
            "reason": reason,
            "created_at": now,
        },
    )
    audit.record(
        session,
        actor=actor,
        action=f"vetting.{event}",
        entity="vetting_case",
        entity_id=case.id,
        before={"state": case.state},
        after={"state": to_state, "reason": reason, **(after or {})},
        branch_id=case.branch_id,
    )
    return to_state


def get_requested_skills(session: Session, case: Any) -> list[Any]:
    codes = requested_codes(case)
    if not codes:
        return []
    return list(
        session.execute(
            select(Skill.id, Skill.code, Skill.name, Skill.required_cert_type).where(
                Skill.code.in_(codes)
            )
        ).all()
    )
