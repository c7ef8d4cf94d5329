"""How workers are paid: pay rules and the pay for one order.

A rule is a share of the price (basis points), an hourly rate, a fixed amount per visit
or per day of a placement, for a scope: a worker and a service, a worker, a branch and a
service, a branch and a category, a service, a category. For an order the most specific
rule valid on its service day wins, in that order; without one the branch's default share
(setting ``pay.default_share_bp``) applies. Two rules of one scope may not be valid on the
same day, so the choice is never a coin toss.

``worker_pay_for`` explains the pay line by line: the rule, a cut when the visit ended
early (pro rata, said in so many words, since the customer was charged the booked time),
and the travel fee passed to the worker when the setting says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, insert, or_, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import t
from jiazheng_desk.models import (
    Branch,
    Order,
    OrderEvent,
    PayRule,
    PlacementDayOff,
    ServiceCategory,
    ServiceItem,
    Worker,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, ValidationError
from jiazheng_desk.services.permissions import Perm, require, scope_branch_id
from jiazheng_desk.services.settings import get_settings

RULES = table_of(PayRule)
KINDS = ("share", "hourly", "per_visit", "per_day")
# most specific first
SCOPES = (
    "worker_item",
    "worker",
    "branch_item",
    "branch_category",
    "item",
    "category",
)
# sane ceilings that catch a typed extra zero
MAX_VALUE = {"share": 10_000, "hourly": 100_000, "per_visit": 1_000_000, "per_day": 500_000}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


@dataclass(frozen=True)
class PayRuleView:
    id: int
    scope: str
    branch_id: int | None
    branch_name: str
    worker_id: int | None
    worker_name: str
    category_id: int | None
    category_name: str
    item_id: int | None
    item_name: str
    kind: str
    # basis points for share, fen for the others
    value: int
    valid_from: date
    valid_to: date | None
    created_at: datetime


@dataclass(frozen=True)
class PayLine:
    # rule | prorata | day_off | travel
    key: str
    amount_fen: int
    text: str


@dataclass(frozen=True)
class PayBreakdown:
    """A worker's pay for one order, explained."""

    order_id: int
    worker_id: int | None
    # None: the branch's default share
    rule_id: int | None
    rule_scope: str
    rule_kind: str
    rule_value: int
    booked_minutes: int
    # None when the visit has not ended (or is a placement)
    worked_minutes: int | None
    prorata: bool
    lines: tuple[PayLine, ...]
    total_fen: int


def scope_of(
    worker_id: int | None, branch_id: int | None, category_id: int | None, item_id: int | None
) -> str:
    """The scope a combination of ids names; ValidationError for one that is none."""
    if worker_id is not None and branch_id is None and category_id is None:
        return "worker_item" if item_id is not None else "worker"
    if worker_id is None and branch_id is not None:
        if item_id is not None and category_id is None:
            return "branch_item"
        if category_id is not None and item_id is None:
            return "branch_category"
    if worker_id is None and branch_id is None:
        if item_id is not None and category_id is None:
            return "item"
        if category_id is not None and item_id is None:
            return "category"
    raise ValidationError("pay_rule.bad_scope", field="scope")


def _view(r: Any) -> PayRuleView:
    return PayRuleView(
        id=int(r.id),
        scope=scope_of(r.worker_id, r.branch_id, r.category_id, r.item_id),
        branch_id=r.branch_id,
        branch_name=r.branch_name or "",
        worker_id=r.worker_id,
        worker_name=r.worker_name or "",
        category_id=r.category_id,
        category_name=r.category_name or "",
        item_id=r.item_id,
        item_name=r.item_name or "",
        kind=r.kind,
        value=int(r.value),
        valid_from=r.valid_from,
        valid_to=r.valid_to,
        created_at=r.created_at,
    )


def _select() -> Any:
    return (
        select(
            RULES,
            Branch.name.label("branch_name"),
            Worker.name.label("worker_name"),
            Worker.branch_id.label("worker_branch_id"),
            ServiceCategory.name.label("category_name"),
            ServiceItem.name.label("item_name"),
        )
        .outerjoin(Branch, Branch.id == RULES.c.branch_id)
        .outerjoin(Worker, Worker.id == RULES.c.worker_id)
        .outerjoin(ServiceCategory, ServiceCategory.id == RULES.c.category_id)
        .outerjoin(ServiceItem, ServiceItem.id == RULES.c.item_id)
    )


def list_pay_rules(
    session: Session, *, actor: Actor, branch_id: int | None = None, on_day: date | None = None
) -> list[PayRuleView]:
    """The rules a staff member may see (a branch: its own, its workers' and the general
    ones), most specific first; ``on_day``: only those valid that day."""
    require(actor, Perm.FINANCE_VIEW, branch_id=branch_id)
    branch_id = scope_branch_id(actor) or branch_id
    stmt = _select()
    if branch_id is not None:
        stmt = stmt.where(
            or_(
                RULES.c.branch_id == branch_id,
                Worker.branch_id == branch_id,
                and_(RULES.c.branch_id.is_(None), RULES.c.worker_id.is_(None)),
            )
        )
    if on_day is not None:
        stmt = stmt.where(
            RULES.c.valid_from <= on_day,
            or_(RULES.c.valid_to.is_(None), RULES.c.valid_to >= on_day),
        )
    views = [_view(r) for r in session.execute(stmt).all()]
    rank = {s: i for i, s in enumerate(SCOPES)}
    return sorted(
        views,
        key=lambda v: (rank[v.scope], v.worker_name, v.branch_name, v.item_name, v.valid_from),
    )


def get_pay_rule(session: Session, *, actor: Actor, rule_id: int) -> PayRuleView:
    """One rule (refused if it belongs to another branch)."""
    require(actor, Perm.FINANCE_VIEW)
    row = session.execute(_select().where(RULES.c.id == rule_id)).first()
    if row is None:
        raise NotFound("pay_rule", rule_id)
    owner = row.branch_id if row.branch_id is not None else row.worker_branch_id
    if owner is not None:
        require(actor, Perm.FINANCE_VIEW, branch_id=owner)
    return _view(row)


def _owner_branch(session: Session, worker_id: int | None, branch_id: int | None) -> int | None:
    if worker_id is None:
        return branch_id
    found = session.scalar(select(Worker.branch_id).where(Worker.id == worker_id))
    if found is None:
        raise NotFound("worker", worker_id)
    return int(found)


def _require_write(session: Session, actor: Actor, owner: int | None) -> None:
    if owner is None:
        # a rule for every branch: HQ's finance settings
        require(actor, Perm.FINANCE_SETTINGS)
    else:
        require(actor, Perm.PAYROLL_PREPARE, branch_id=owner)


def _check_value(kind: str, value: int) -> None:
    if kind not in KINDS:
        raise ValidationError("pay_rule.bad_kind", field="kind")
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise ValidationError("pay_rule.value_positive", field="value")
    if value > MAX_VALUE[kind]:
        raise ValidationError(f"pay_rule.too_high_{kind}", field="value")


def _check_days(valid_from: date, valid_to: date | None) -> None:
    if not isinstance(valid_from, date) or not FIRST_DAY <= valid_from <= LAST_DAY:
        raise ValidationError("pay_rule.bad_day", field="valid_from")
    if valid_to is not None:
        if not isinstance(valid_to, date) or not FIRST_DAY <= valid_to <= LAST_DAY:
            raise ValidationError("pay_rule.bad_day", field="valid_to")
        if valid_to < valid_from:
            raise ValidationError("pay_rule.ends_before_start", field="valid_to")


def _check_refs(
    session: Session, branch_id: int | None, category_id: int | None, item_id: int | None
) -> None:
    for model, value, name in (
        (Branch, branch_id, "branch"),
        (ServiceCategory, category_id, "service_category"),
        (ServiceItem, item_id, "service_item"),
    ):
        if value is not None and session.get(model, value) is None:
            raise NotFound(name, value)


def _check_overlap(
    session: Session,
    *,
    ids: dict[str, int | None],
    valid_from: date,
    valid_to: date | None,
    other_than: int | None,
) -> None:
    """Two rules of one scope may not both be valid on any day."""
    stmt = select(RULES.c.id, RULES.c.valid_from, RULES.c.valid_to)
    for column, value in ids.items():
        stmt = stmt.where(RULES.c[column].is_(None) if value is None else RULES.c[column] == value)
    if other_than is not None:
        stmt = stmt.where(RULES.c.id != other_than)
    stmt = stmt.where(or_(RULES.c.valid_to.is_(None), RULES.c.valid_to >= valid_from))
    if valid_to is not None:
        stmt = stmt.where(RULES.c.valid_from <= valid_to)
    clash = session.execute(stmt.limit(1)).first()
    if clash is not None:
        raise ValidationError(
            "pay_rule.overlap",
            field="valid_from",
            start=clash.valid_from.isoformat(),
            end=clash.valid_to.isoformat() if clash.valid_to else "…",
        )


def create_pay_rule(
    session: Session,
    *,
    actor: Actor,
    kind: str,
    value: int,
    valid_from: date,
    valid_to: date | None = None,
    branch_id: int | None = None,
    worker_id: int | None = None,
    category_id: int | None = None,
    item_id: int | None = None,
) -> PayRuleView:
    """A new pay rule for one scope (see the module doc)."""
    scope_of(worker_id, branch_id, category_id, item_id)
    owner = _owner_branch(session, worker_id, branch_id)
    _require_write(session, actor, owner)
    _check_value(kind, value)
    _check_days(valid_from, valid_to)
    _check_refs(session, branch_id, category_id, item_id)
    ids = {
        "branch_id": branch_id,
        "worker_id": worker_id,
        "category_id": category_id,
        "item_id": item_id,
    }
    # one writer per scope at a time: the overlap check and the insert go together
    if owner is not None:
        session.execute(select(Branch.id).where(Branch.id == owner).with_for_update())
    _check_overlap(session, ids=ids, valid_from=valid_from, valid_to=valid_to, other_than=None)
    rule_id = inserted_id(
        session.connection().execute(
            insert(RULES),
            {
                **ids,
                "kind": kind,
                "value": value,
                "valid_from": valid_from,
                "valid_to": valid_to,
                "created_by": actor.id if actor.is_staff else None,
                "created_at": clock.now(),
            },
        )
    )
    view = get_pay_rule(session, actor=Actor.system(), rule_id=rule_id)
    audit.record(
        session,
        actor=actor,
        action="pay_rule.create",
        entity="pay_rule",
        entity_id=rule_id,
        after=_snapshot(view),
        branch_id=owner,
    )
    return view


def _snapshot(v: PayRuleView) -> dict[str, Any]:
    return {
        "scope": v.scope,
        "branch_id": v.branch_id,
        "worker_id": v.worker_id,
        "category_id": v.category_id,
        "item_id": v.item_id,
        "kind": v.kind,
        "value": v.value,
        "valid_from": v.valid_from.isoformat(),
        "valid_to": v.valid_to.isoformat() if v.valid_to else None,
    }


def update_pay_rule(
    session: Session,
    *,
    actor: Actor,
    rule_id: int,
    kind: str,
    value: int,
    valid_from: date,
    valid_to: date | None = None,
) -> PayRuleView:
    """Change a rule's kind, value or validity (its scope stays; make a new rule for
    another). Pay already posted for past orders does not change."""
    before = get_pay_rule(session, actor=actor, rule_id=rule_id)
    owner = _owner_branch(session, before.worker_id, before.branch_id)
    _require_write(session, actor, owner)
    _check_value(kind, value)
    _check_days(valid_from, valid_to)
    session.execute(select(RULES.c.id).where(RULES.c.id == rule_id).with_for_update())
    _check_overlap(
        session,
        ids={
            "branch_id": before.branch_id,
            "worker_id": before.worker_id,
            "category_id": before.category_id,
            "item_id": before.item_id,
        },
        valid_from=valid_from,
        valid_to=valid_to,
        other_than=rule_id,
    )
    session.execute(
        update(RULES)
        .where(RULES.c.id == rule_id)
        .values(kind=kind, value=value, valid_from=valid_from, valid_to=valid_to)
    )
    after = get_pay_rule(session, actor=actor, rule_id=rule_id)
    audit.record(
        session,
        actor=actor,
        action="pay_rule.update",
        entity="pay_rule",
        entity_id=rule_id,
        before=_snapshot(before),
        after=_snapshot(after),
        branch_id=owner,
    )
    return after


def end_pay_rule(session: Session, *, actor: Actor, rule_id: int, last_day: date) -> PayRuleView:
    """A rule stops applying after ``last_day`` (kept for the orders it paid)."""
    before = get_pay_rule(session, actor=actor, rule_id=rule_id)
    if before.valid_to is not None and before.valid_to <= last_day:
        raise Conflict("pay_rule.already_ended", day=before.valid_to.isoformat())
    return update_pay_rule(
        session,
        actor=actor,
        rule_id=rule_id,
        kind=before.kind,
        value=before.value,
        valid_from=before.valid_from,
        valid_to=last_day,
    )


# --- the pay for an order ----------------------------------------------------------------


def _choose_rule(session: Session, order: Any, category_id: int) -> Any:
    day = order.service_day
    valid = and_(
        RULES.c.valid_from <= day, or_(RULES.c.valid_to.is_(None), RULES.c.valid_to >= day)
    )
    rows = session.execute(
        select(RULES).where(
            valid,
            or_(
                and_(RULES.c.worker_id == order.worker_id, RULES.c.worker_id.is_not(None)),
                RULES.c.worker_id.is_(None),
            ),
            or_(RULES.c.branch_id == order.branch_id, RULES.c.branch_id.is_(None)),
            or_(RULES.c.item_id == order.item_id, RULES.c.item_id.is_(None)),
            or_(RULES.c.category_id == category_id, RULES.c.category_id.is_(None)),
        )
    ).all()
    rank = {s: i for i, s in enumerate(SCOPES)}
    ranked = []
    for r in rows:
        try:
            ranked.append((rank[scope_of(r.worker_id, r.branch_id, r.category_id, r.item_id)], r))
        except ValidationError:
            continue
    return min(ranked, key=lambda pair: (pair[0], -pair[1].id))[1] if ranked else None


def _worked_minutes(session: Session, order: Any) -> int | None:
    """Minutes from the start of the service to its end (None before the end)."""
    if order.completed_at is None:
        return None
    started = session.scalar(
        select(func.min(OrderEvent.created_at)).where(
            OrderEvent.order_id == order.id, OrderEvent.event == "start"
        )
    )
    begin = started or order.starts_at
    return max(0, int((order.completed_at - begin).total_seconds() // 60))


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}¥{whole}.{cents:02d}"


def worker_pay_for(session: Session, order: Any) -> PayBreakdown:
    """The worker's pay for an order (an ``Order`` or a row with its columns), explained."""
    item = session.execute(
        select(ServiceItem.category_id, ServiceItem.kind).where(ServiceItem.id == order.item_id)
    ).one()
    values = get_settings(
        session,
        ["pay.default_share_bp", "pay.early_end_grace_minutes", "finance.travel_to_worker"],
        branch_id=order.branch_id,
    )
    rule = _choose_rule(session, order, int(item.category_id)) if order.worker_id else None
    kind = rule.kind if rule is not None else "share"
    value = int(rule.value) if rule is not None else int(values["pay.default_share_bp"])
    scope = (
        scope_of(rule.worker_id, rule.branch_id, rule.category_id, rule.item_id)
        if rule is not None
        else "default"
    )
    booked = max(0, int((order.ends_at - order.starts_at).total_seconds() // 60))
    placement = order.kind == "placement" or item.kind == "placement"
    price = int(order.total_fen) + int(order.discount_fen) - int(order.travel_fee_fen)
    lines: list[PayLine] = []
    if kind == "share":
        base = max(0, price) * value // 10_000
        text = t("pay.line.share", pct=f"{value / 100:g}", price=_yuan(price))
    elif kind == "hourly":
        base = value * booked // 60
        text = t("pay.line.hourly", rate=_yuan(value), minutes=booked)
    elif kind == "per_visit":
        base = value
        text = t("pay.line.per_visit", amount=_yuan(value))
    else:
        days = max(1, -(-booked // (24 * 60)))
        base = value * days
        text = t("pay.line.per_day", amount=_yuan(value), days=days)
    lines.append(PayLine("rule", base, text))
    if kind == "per_day":
        off = int(
            session.scalar(
                select(func.count())
                .select_from(PlacementDayOff)
                .where(PlacementDayOff.order_id == order.id)
            )
            or 0
        )
        if off:
            cut = -min(base, value * off)
            lines.append(PayLine("day_off", cut, t("pay.line.day_off", days=off)))
    worked = None if placement else _worked_minutes(session, order)
    prorata = False
    if (
        worked is not None
        and kind != "per_day"
        and booked > 0
        and booked - worked > int(values["pay.early_end_grace_minutes"])
    ):
        prorata = True
        kept = base * worked // booked
        lines.append(
            PayLine(
                "prorata",
                kept - base,
                t("pay.line.prorata", worked=worked, booked=booked, paid=_yuan(kept)),
            )
        )
    travel = int(order.travel_fee_fen)
    if travel > 0 and bool(values["finance.travel_to_worker"]):
        lines.append(PayLine("travel", travel, t("pay.line.travel", amount=_yuan(travel))))
    total = max(0, sum(line.amount_fen for line in lines)) if order.worker_id else 0
    return PayBreakdown(
        order_id=int(order.id),
        worker_id=order.worker_id,
        rule_id=int(rule.id) if rule is not None else None,
        rule_scope=scope,
        rule_kind=kind,
        rule_value=value,
        booked_minutes=booked,
        worked_minutes=worked,
        prorata=prorata,
        lines=tuple(lines),
        total_fen=total,
    )


def get_order_pay(session: Session, *, actor: Actor, order_id: int) -> PayBreakdown:
    """The pay breakdown of an order (finance, the order's branch)."""
    order = session.get(Order, order_id)
    if order is None:
        raise NotFound("order", order_id)
    require(actor, Perm.FINANCE_VIEW, branch_id=order.branch_id)
    return worker_pay_for(session, order)


@dataclass(frozen=True)
class RuleChoices:
    """What the rule dialog offers: (id, name) of branches, categories, services, workers."""

    branches: tuple[tuple[int, str], ...]
    categories: tuple[tuple[int, str], ...]
    items: tuple[tuple[int, str], ...]
    workers: tuple[tuple[int, str], ...]


def list_rule_choices(session: Session, *, actor: Actor) -> RuleChoices:
    """Branches, categories, services and active workers a rule may be for (a branch's
    staff: their own branch and workers)."""
    require(actor, Perm.FINANCE_VIEW)
    scope = scope_branch_id(actor)
    branch_q = select(Branch.id, Branch.name).order_by(Branch.id)
    worker_q = (
        select(Worker.id, Worker.name)
        .where(Worker.status.in_(("active", "suspended")))
        .order_by(Worker.name, Worker.id)
        .limit(5000)
    )
    if scope is not None:
        branch_q = branch_q.where(Branch.id == scope)
        worker_q = worker_q.where(Worker.branch_id == scope)
    return RuleChoices(
        branches=tuple((int(i), n) for i, n in session.execute(branch_q).all()),
        categories=tuple(
            (int(i), n)
            for i, n in session.execute(
                select(ServiceCategory.id, ServiceCategory.name).order_by(
                    ServiceCategory.sort_order, ServiceCategory.id
                )
            ).all()
        ),
        items=tuple(
            (int(i), n)
            for i, n in session.execute(
                select(ServiceItem.id, ServiceItem.name)
                .where(ServiceItem.is_active.is_(True))
                .order_by(ServiceItem.sort_order, ServiceItem.id)
            ).all()
        ),
        workers=tuple((int(i), f"{n} #{i}") for i, n in session.execute(worker_q).all()),
    )
