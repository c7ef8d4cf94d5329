"""Coupon templates and the coupons issued from them.

A template says what a coupon gives: a fixed amount or a percentage off (``percent_bp``,
1 % = 100; for a percentage ``amount_fen`` is an optional cap), from which order total
(``threshold_fen``, 满减), for which service (an item, a category, or any), to new
customers only or to anyone, and for how long (``valid_days`` from issue, and/or a fixed
``valid_from``–``valid_to`` window). ``total_limit`` caps how many coupons the template
may ever issue: the template row is locked while coupons are issued, so two desks issuing
at once never pass it together.

Templates are franchise-wide (the table has no branch): HQ creates, edits and retires
them; any staff member with ``COUPON_MANAGE`` issues them to customers of their own branch
or generates open codes, which a customer claims in the app. What a coupon is worth on a
quote, and redeeming it, is ``coupon_use``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg, t
from jiazheng_desk.models import (
    Coupon,
    CouponTemplate,
    Customer,
    CustomerTag,
    Order,
    ServiceCategory,
    ServiceItem,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import Page, clean_text
from jiazheng_desk.services.customer_views import mask_phone
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, require, require_branch, scope_branch_id

TEMPLATES = table_of(CouponTemplate)
COUPONS = table_of(Coupon)
KINDS = ("fixed", "percent")
STATES = ("issued", "redeemed", "expired", "void")
# caps that catch a typed extra zero
MAX_AMOUNT_FEN = 1_000_000
MAX_VALID_DAYS = 3650
MAX_TOTAL_LIMIT = 1_000_000
MAX_CODES = 5000
MAX_CUSTOMERS = 5000
MAX_NAME = 64
MAX_REASON = 255
# codes a customer reads aloud or types: no 0/O, 1/I/L
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10


@dataclass(frozen=True)
class TemplateInput:
    """What a template is made of (``save_template``)."""

    name: str
    kind: str
    amount_fen: int = 0
    percent_bp: int = 0
    threshold_fen: int = 0
    category_id: int | None = None
    item_id: int | None = None
    new_customer_only: bool = False
    valid_days: int | None = None
    valid_from: datetime | None = None
    valid_to: datetime | None = None
    total_limit: int | None = None


@dataclass(frozen=True)
class TemplateView:
    id: int
    name: str
    kind: str
    amount_fen: int
    percent_bp: int
    threshold_fen: int
    category_id: int | None
    category_name: str
    item_id: int | None
    item_name: str
    new_customer_only: bool
    valid_days: int | None
    valid_from: datetime | None
    valid_to: datetime | None
    total_limit: int | None
    is_active: bool
    created_at: datetime
    issued: int
    redeemed: int

    @property
    def terms(self) -> str:
        """满 200 减 30, 9 折 …, in the current language."""
        return terms_text(self.kind, self.amount_fen, self.percent_bp, self.threshold_fen)


@dataclass(frozen=True)
class CouponView:
    """One coupon as staff and its customer see it."""

    id: int
    code: str
    template_id: int
    name: str
    kind: str
    amount_fen: int
    percent_bp: int
    threshold_fen: int
    item_name: str
    category_name: str
    new_customer_only: bool
    # issued | redeemed | expired | void, as stored
    state: str
    # usable | used | expired | void: "issued" past its date reads expired before the job runs
    status: str
    customer_id: int | None
    customer_name: str
    customer_phone: str
    issued_at: datetime
    expires_at: datetime | None
    redeemed_at: datetime | None
    order_id: int | None
    order_no: str

    @property
    def terms(self) -> str:
        return terms_text(self.kind, self.amount_fen, self.percent_bp, self.threshold_fen)


@dataclass(frozen=True)
class IssueResult:
    template_id: int
    count: int
    coupon_ids: tuple[int, ...]
    # generated open codes (empty when issued to customers)
    codes: tuple[str, ...] = ()


def _yuan(fen: int) -> str:
    whole, part = divmod(fen, 100)
    return str(whole) if not part else f"{whole}.{part:02d}".rstrip("0")


def terms_text(kind: str, amount_fen: int, percent_bp: int, threshold_fen: int) -> str:
    """The coupon's terms in words: 满 200 减 30, 立减 20 元, 9 折 (最高减 50 元)."""
    if kind == "percent":
        rest = 10_000 - percent_bp
        zhe = f"{rest // 1000}" + (f".{rest % 1000:03d}".rstrip("0") if rest % 1000 else "")
        text = t("coupons.terms.percent", off=_yuan(percent_bp), zhe=zhe)
        if amount_fen:
            text += t("coupons.terms.cap", cap=_yuan(amount_fen))
    else:
        text = t("coupons.terms.fixed", amount=_yuan(amount_fen))
    if threshold_fen:
        text = t("coupons.terms.threshold", threshold=_yuan(threshold_fen)) + text
    return text


def status_of(state: str, expires_at: datetime | None, now: datetime) -> str:
    """What the customer sees: usable, used, expired or void."""
    if state == "issued":
        return "expired" if expires_at is not None and expires_at <= now else "usable"
    return {"redeemed": "used", "expired": "expired"}.get(state, "void")


# --- templates ----------------------------------------------------------------------------


def _require_hq(actor: Actor) -> None:
    require(actor, Perm.COUPON_MANAGE)
    if not actor.is_hq:
        raise PermissionDenied("coupons.hq_only")


def _int(value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("coupons.not_integer", field=field)
    return value


def _check(session: Session, data: TemplateInput) -> dict[str, Any]:
    """The template's columns from the input, or the first rule it breaks."""
    name = clean_text(
        data.name, field="name", label=Msg("coupons.field.name"), max_len=MAX_NAME, required=True
    )
    if data.kind not in KINDS:
        raise ValidationError("coupons.bad_kind", field="kind")
    amount = _int(data.amount_fen, "amount_fen")
    percent = _int(data.percent_bp, "percent_bp")
    threshold = _int(data.threshold_fen, "threshold_fen")
    if data.kind == "fixed":
        if amount <= 0:
            raise ValidationError("coupons.amount_positive", field="amount_fen")
        percent = 0
    else:
        if not 100 <= percent <= 10_000:
            raise ValidationError("coupons.bad_percent", field="percent_bp")
        if amount < 0:
            raise ValidationError("coupons.cap_negative", field="amount_fen")
    if amount > MAX_AMOUNT_FEN:
        raise ValidationError(
            "coupons.amount_too_high", field="amount_fen", max=_yuan(MAX_AMOUNT_FEN)
        )
    if threshold < 0:
        raise ValidationError("coupons.threshold_negative", field="threshold_fen")
    if threshold > MAX_AMOUNT_FEN:
        raise ValidationError(
            "coupons.amount_too_high", field="threshold_fen", max=_yuan(MAX_AMOUNT_FEN)
        )
    if data.kind == "fixed" and threshold and amount > threshold:
        raise ValidationError("coupons.amount_above_threshold", field="amount_fen")
    valid_days = data.valid_days
    if valid_days is not None:
        valid_days = _int(valid_days, "valid_days")
        if not 1 <= valid_days <= MAX_VALID_DAYS:
            raise ValidationError("coupons.bad_valid_days", field="valid_days", max=MAX_VALID_DAYS)
    for field, moment in (("valid_from", data.valid_from), ("valid_to", data.valid_to)):
        if moment is not None and moment.tzinfo is None:
            raise ValidationError("pricing.naive_time", field=field)
    if data.valid_from and data.valid_to and data.valid_to <= data.valid_from:
        raise ValidationError("coupons.bad_window", field="valid_to")
    if valid_days is None and data.valid_to is None:
        raise ValidationError("coupons.validity_needed", field="valid_days")
    limit = data.total_limit
    if limit is not None:
        limit = _int(limit, "total_limit")
        if not 1 <= limit <= MAX_TOTAL_LIMIT:
            raise ValidationError("coupons.bad_limit", field="total_limit", max=MAX_TOTAL_LIMIT)
    category_id, item_id = data.category_id, data.item_id
    if item_id is not None:
        item = session.get(ServiceItem, item_id)
        if item is None:
            raise ValidationError("catalog.unknown_item", field="item_id", id=item_id)
        category_id = None
    elif category_id is not None and session.get(ServiceCategory, category_id) is None:
        raise ValidationError("coupons.unknown_category", field="category_id", id=category_id)
    return {
        "name": name,
        "kind": data.kind,
        "amount_fen": amount,
        "percent_bp": percent,
        "threshold_fen": threshold,
        "category_id": category_id,
        "item_id": item_id,
        "new_customer_only": bool(data.new_customer_only),
        "valid_days": valid_days,
        "valid_from": data.valid_from,
        "valid_to": data.valid_to,
        "total_limit": limit,
    }


def _audited(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def save_template(
    session: Session, *, actor: Actor, template_id: int | None, data: TemplateInput
) -> TemplateView:
    """Create a template (``template_id`` None) or change one; coupons already issued keep
    the dates they were given."""
    _require_hq(actor)
    values = _check(session, data)
    conn = session.connection()
    if template_id is None:
        template_id = inserted_id(
            conn.execute(
                insert(TEMPLATES), {**values, "is_active": True, "created_at": clock.now()}
            )
        )
        before: dict[str, Any] = {}
        action = "coupon_template.create"
    else:
        row = _lock_template(session, template_id)
        before = _audited({k: getattr(row, k) for k in values})
        issued = _issued_count(session, template_id)
        if values["total_limit"] is not None and values["total_limit"] < issued:
            raise ValidationError("coupons.limit_below_issued", field="total_limit", issued=issued)
        conn.execute(update(TEMPLATES).where(TEMPLATES.c.id == template_id).values(**values))
        action = "coupon_template.update"
    audit.record(
        session,
        actor=actor,
        action=action,
        entity="coupon_template",
        entity_id=template_id,
        before=before,
        after=_audited(values),
    )
    return get_template(session, actor=actor, template_id=template_id)


def set_template_active(
    session: Session, *, actor: Actor, template_id: int, active: bool
) -> TemplateView:
    """Retire a template (no more issuing or claiming; coupons held stay usable) or bring it
    back."""
    _require_hq(actor)
    row = _lock_template(session, template_id)
    if bool(row.is_active) != active:
        session.connection().execute(
            update(TEMPLATES).where(TEMPLATES.c.id == template_id).values(is_active=active)
        )
        audit.record(
            session,
            actor=actor,
            action="coupon_template.activate" if active else "coupon_template.deactivate",
            entity="coupon_template",
            entity_id=template_id,
            before={"is_active": bool(row.is_active)},
            after={"is_active": active},
        )
    return get_template(session, actor=actor, template_id=template_id)


def _lock_template(session: Session, template_id: int) -> Any:
    row = session.execute(
        select(TEMPLATES).where(TEMPLATES.c.id == template_id).with_for_update()
    ).first()
    if row is None:
        raise NotFound("coupon_template", template_id)
    return row


def _issued_count(session: Session, template_id: int) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(COUPONS).where(COUPONS.c.template_id == template_id)
        )
        or 0
    )


def _template_views(session: Session, where: Any = None) -> list[TemplateView]:
    issued = (
        select(
            COUPONS.c.template_id,
            func.count().label("issued"),
            func.sum(case((COUPONS.c.state == "redeemed", 1), else_=0)).label("redeemed"),
        )
        .group_by(COUPONS.c.template_id)
        .subquery()
    )
    stmt = (
        select(
            TEMPLATES,
            ServiceCategory.name.label("category_name"),
            ServiceItem.name.label("item_name"),
            func.coalesce(issued.c.issued, 0).label("issued"),
            func.coalesce(issued.c.redeemed, 0).label("redeemed"),
        )
        .outerjoin(ServiceCategory, ServiceCategory.id == TEMPLATES.c.category_id)
        .outerjoin(ServiceItem, ServiceItem.id == TEMPLATES.c.item_id)
        .outerjoin(issued, issued.c.template_id == TEMPLATES.c.id)
        .order_by(TEMPLATES.c.is_active.desc(), TEMPLATES.c.id.desc())
    )
    if where is not None:
        stmt = stmt.where(where)
    return [
        TemplateView(
            id=int(r.id),
            name=r.name,
            kind=r.kind,
            amount_fen=int(r.amount_fen),
            percent_bp=int(r.percent_bp or 0),
            threshold_fen=int(r.threshold_fen),
            category_id=r.category_id,
            category_name=r.category_name or "",
            item_id=r.item_id,
            item_name=r.item_name or "",
            new_customer_only=bool(r.new_customer_only),
            valid_days=r.valid_days,
            valid_from=r.valid_from,
            valid_to=r.valid_to,
            total_limit=r.total_limit,
            is_active=bool(r.is_active),
            created_at=r.created_at,
            issued=int(r.issued or 0),
            redeemed=int(r.redeemed or 0),
        )
        for r in session.execute(stmt)
    ]


def list_templates(
    session: Session, *, actor: Actor, active_only: bool = False
) -> list[TemplateView]:
    """Every template with how many coupons it issued and how many were used."""
    require(actor, Perm.COUPON_MANAGE)
    return _template_views(session, TEMPLATES.c.is_active.is_(True) if active_only else None)


def get_template(session: Session, *, actor: Actor, template_id: int) -> TemplateView:
    require(actor, Perm.COUPON_MANAGE)
    found = _template_views(session, TEMPLATES.c.id == template_id)
    if not found:
        raise NotFound("coupon_template", template_id)
    return found[0]


# --- issuing ------------------------------------------------------------------------------


def new_code(prefix: str = "") -> str:
    """A code to read out or type: no 0/O or 1/I/L."""
    body = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return (prefix + body)[:32]


def expiry_for(template: Any, issued_at: datetime) -> datetime | None:
    """When a coupon issued now stops: ``valid_days`` after issue, never past ``valid_to``."""
    ends = [template.valid_to] if template.valid_to is not None else []
    if template.valid_days:
        ends.append(issued_at + timedelta(days=int(template.valid_days)))
    return min(ends) if ends else None


def _issuable(session: Session, template_id: int, count: int) -> Any:
    """The template, locked, if it may issue ``count`` more coupons now."""
    row = _lock_template(session, template_id)
    if not row.is_active:
        raise Conflict("coupons.template_inactive", name=row.name)
    now = clock.now()
    if row.valid_to is not None and row.valid_to <= now:
        raise Conflict("coupons.template_over", name=row.name)
    if row.total_limit is not None:
        left = int(row.total_limit) - _issued_count(session, template_id)
        if count > left:
            raise Conflict("coupons.limit_reached", name=row.name, left=max(0, left))
    return row


def _insert(
    session: Session, template: Any, customer_ids: Sequence[int | None], prefix: str
) -> tuple[list[int], list[str]]:
    now = clock.now()
    expires = expiry_for(template, now)
    conn = session.connection()
    ids: list[int] = []
    codes: list[str] = []
    for customer_id in customer_ids:
        code = new_code(prefix)
        ids.append(
            inserted_id(
                conn.execute(
                    insert(COUPONS),
                    {
                        "template_id": template.id,
                        "customer_id": customer_id,
                        "code": code,
                        "state": "issued",
                        "issued_at": now,
                        "expires_at": expires,
                        "redeemed_at": None,
                        "order_id": None,
                    },
                )
            )
        )
        codes.append(code)
    return ids, codes


def _customers(session: Session, actor: Actor, customer_ids: Sequence[int]) -> list[int]:
    wanted = list(dict.fromkeys(_int(c, "customer_ids") for c in customer_ids))
    if not wanted:
        raise ValidationError("coupons.no_customers", field="customer_ids")
    if len(wanted) > MAX_CUSTOMERS:
        raise ValidationError("coupons.too_many", field="customer_ids", max=MAX_CUSTOMERS)
    rows = session.execute(
        select(Customer.id, Customer.branch_id, Customer.status).where(Customer.id.in_(wanted))
    ).all()
    found = {int(r.id): r for r in rows}
    for customer_id in wanted:
        row = found.get(customer_id)
        if row is None:
            raise NotFound("customer", customer_id)
        require_branch(actor, row.branch_id)
        if row.status == "closed":
            raise ValidationError("coupons.customer_closed", field="customer_ids", id=customer_id)
    return wanted


def issue_coupons(
    session: Session, *, actor: Actor, template_id: int, customer_ids: Sequence[int]
) -> IssueResult:
    """Give one coupon of the template to each customer (of the actor's branch)."""
    require(actor, Perm.COUPON_MANAGE)
    wanted = _customers(session, actor, customer_ids)
    template = _issuable(session, template_id, len(wanted))
    ids, _codes = _insert(session, template, wanted, "")
    audit.record(
        session,
        actor=actor,
        action="coupon.issue",
        entity="coupon_template",
        entity_id=template_id,
        after={"count": len(ids), "customer_ids": wanted[:50], "coupon_ids": ids[:50]},
    )
    return IssueResult(template_id, len(ids), tuple(ids))


def issue_to_tag(session: Session, *, actor: Actor, template_id: int, tag: str) -> IssueResult:
    """A campaign: one coupon to every live customer with the tag (of the actor's branch)."""
    require(actor, Perm.COUPON_MANAGE)
    require(actor, Perm.MARKETING_MANAGE)
    text = clean_text(tag, field="tag", label=Msg("coupons.field.tag"), max_len=32, required=True)
    stmt = (
        select(Customer.id)
        .join(CustomerTag, CustomerTag.customer_id == Customer.id)
        .where(CustomerTag.tag == text, Customer.status != "closed")
        .order_by(Customer.id)
    )
    scope = scope_branch_id(actor)
    if scope is not None:
        stmt = stmt.where(Customer.branch_id == scope)
    wanted = [int(c) for c in session.scalars(stmt.limit(MAX_CUSTOMERS + 1))]
    if not wanted:
        raise ValidationError("coupons.tag_empty", field="tag", tag=text)
    if len(wanted) > MAX_CUSTOMERS:
        raise ValidationError("coupons.too_many", field="tag", max=MAX_CUSTOMERS)
    template = _issuable(session, template_id, len(wanted))
    ids, _codes = _insert(session, template, wanted, "")
    audit.record(
        session,
        actor=actor,
        action="coupon.issue",
        entity="coupon_template",
        entity_id=template_id,
        after={"count": len(ids), "tag": text, "coupon_ids": ids[:50]},
    )
    return IssueResult(template_id, len(ids), tuple(ids))


def generate_codes(
    session: Session, *, actor: Actor, template_id: int, count: int, prefix: str = ""
) -> IssueResult:
    """N open codes of the template (for a flyer, a partner): each is claimed once in the
    app and then belongs to that customer."""
    require(actor, Perm.COUPON_MANAGE)
    count = _int(count, "count")
    if not 1 <= count <= MAX_CODES:
        raise ValidationError("coupons.bad_count", field="count", max=MAX_CODES)
    prefix = (prefix or "").strip().upper()
    if len(prefix) > 8 or not all(ch.isascii() and ch.isalnum() for ch in prefix):
        raise ValidationError("coupons.bad_prefix", field="prefix")
    template = _issuable(session, template_id, count)
    ids, codes = _insert(session, template, [None] * count, prefix)
    audit.record(
        session,
        actor=actor,
        action="coupon.generate",
        entity="coupon_template",
        entity_id=template_id,
        after={"count": count, "prefix": prefix},
    )
    return IssueResult(template_id, count, tuple(ids), tuple(codes))


def claim_code(session: Session, *, actor: Actor, code: str) -> CouponView:
    """The app's customer takes an open code: it becomes theirs (once, whoever is first)."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("coupons.customers_only")
    text = (code or "").strip().upper().replace(" ", "").replace("-", "")
    if not text or len(text) > 32:
        raise ValidationError("coupons.unknown_code", field="code")
    row = session.execute(
        select(
            COUPONS.c.id, COUPONS.c.customer_id, COUPONS.c.state, COUPONS.c.expires_at, TEMPLATES
        )
        .join(TEMPLATES, TEMPLATES.c.id == COUPONS.c.template_id)
        .where(COUPONS.c.code == text)
    ).first()
    if row is None:
        raise ValidationError("coupons.unknown_code", field="code")
    coupon_id = int(row[0])
    if row.customer_id == actor.id:
        raise Conflict("coupons.already_yours")
    now = clock.now()
    if row.customer_id is not None or row.state != "issued":
        raise Conflict("coupons.code_taken")
    if (row.expires_at is not None and row.expires_at <= now) or (
        row.valid_to is not None and row.valid_to <= now
    ):
        raise Conflict("coupons.code_expired")
    if not row.is_active:
        raise Conflict("coupons.code_withdrawn")
    expires = row.expires_at
    if row.valid_days:
        # an open code runs its days from the claim, never past the template's end
        expires = expiry_for(row, now)
    claimed = session.connection().execute(
        update(COUPONS)
        .where(
            COUPONS.c.id == coupon_id, COUPONS.c.customer_id.is_(None), COUPONS.c.state == "issued"
        )
        .values(customer_id=actor.id, expires_at=expires, issued_at=now)
    )
    if claimed.rowcount != 1:
        raise Conflict("coupons.code_taken")
    audit.record(
        session,
        actor=actor,
        action="coupon.claim",
        entity="coupon",
        entity_id=coupon_id,
        before={"customer_id": None},
        after={"customer_id": actor.id, "code": text},
    )
    return _coupon_views(session, COUPONS.c.id == coupon_id)[0]


def void_coupon(session: Session, *, actor: Actor, coupon_id: int, reason: str) -> CouponView:
    """Withdraw a coupon not yet used (issued by mistake, abuse)."""
    require(actor, Perm.COUPON_MANAGE)
    text = clean_text(
        reason,
        field="reason",
        label=Msg("coupons.field.reason"),
        max_len=MAX_REASON,
        required=True,
    )
    row = session.execute(
        select(COUPONS.c.state, Customer.branch_id)
        .outerjoin(Customer, Customer.id == COUPONS.c.customer_id)
        .where(COUPONS.c.id == coupon_id)
    ).first()
    if row is None:
        raise NotFound("coupon", coupon_id)
    require_branch(actor, row.branch_id)
    done = session.connection().execute(
        update(COUPONS)
        .where(COUPONS.c.id == coupon_id, COUPONS.c.state == "issued")
        .values(state="void")
    )
    if done.rowcount != 1:
        raise Conflict("coupons.not_voidable", state=Msg(f"coupons.state.{row.state}"))
    audit.record(
        session,
        actor=actor,
        action="coupon.void",
        entity="coupon",
        entity_id=coupon_id,
        before={"state": "issued"},
        after={"state": "void", "reason": text},
        branch_id=row.branch_id,
    )
    return _coupon_views(session, COUPONS.c.id == coupon_id)[0]


def expire_coupons(session: Session, *, actor: Actor | None = None) -> int:
    """Mark every issued coupon past its date expired (the job runner's task); how many."""
    actor = actor or Actor.system()
    require(actor, Perm.COUPON_MANAGE)
    now = clock.now()
    done = session.connection().execute(
        update(COUPONS)
        .where(COUPONS.c.state == "issued", COUPONS.c.expires_at <= now)
        .values(state="expired")
    )
    count = int(done.rowcount or 0)
    if count:
        audit.record(
            session,
            actor=actor,
            action="coupon.expire",
            entity="coupon",
            after={"count": count, "before": now.isoformat()},
        )
    return count


# --- reading ------------------------------------------------------------------------------


def _coupon_views(
    session: Session, *where: Any, offset: int = 0, limit: int | None = None
) -> list[CouponView]:
    stmt = (
        select(
            COUPONS,
            TEMPLATES.c.name,
            TEMPLATES.c.kind,
            TEMPLATES.c.amount_fen,
            TEMPLATES.c.percent_bp,
            TEMPLATES.c.threshold_fen,
            TEMPLATES.c.new_customer_only,
            ServiceItem.name.label("item_name"),
            ServiceCategory.name.label("category_name"),
            Customer.name.label("customer_name"),
            Customer.phone.label("customer_phone"),
            Order.order_no,
        )
        .join(TEMPLATES, TEMPLATES.c.id == COUPONS.c.template_id)
        .outerjoin(ServiceItem, ServiceItem.id == TEMPLATES.c.item_id)
        .outerjoin(ServiceCategory, ServiceCategory.id == TEMPLATES.c.category_id)
        .outerjoin(Customer, Customer.id == COUPONS.c.customer_id)
        .outerjoin(Order, Order.id == COUPONS.c.order_id)
        .where(*where)
        .order_by(COUPONS.c.issued_at.desc(), COUPONS.c.id.desc())
        .offset(offset)
    )
    if limit is not None:
        stmt = stmt.limit(limit)
    now = clock.now()
    return [
        CouponView(
            id=int(r.id),
            code=r.code,
            template_id=int(r.template_id),
            name=r.name,
            kind=r.kind,
            amount_fen=int(r.amount_fen),
            percent_bp=int(r.percent_bp or 0),
            threshold_fen=int(r.threshold_fen),
            item_name=r.item_name or "",
            category_name=r.category_name or "",
            new_customer_only=bool(r.new_customer_only),
            state=r.state,
            status=status_of(r.state, r.expires_at, now),
            customer_id=r.customer_id,
            customer_name=r.customer_name or "",
            customer_phone=mask_phone(r.customer_phone) if r.customer_phone else "",
            issued_at=r.issued_at,
            expires_at=r.expires_at,
            redeemed_at=r.redeemed_at,
            order_id=r.order_id,
            order_no=r.order_no or "",
        )
        for r in session.execute(stmt)
    ]


def list_template_coupons(
    session: Session,
    *,
    actor: Actor,
    template_id: int,
    state: str | None = None,
    offset: int = 0,
    limit: int = 200,
) -> Page[CouponView]:
    """The template's coupons (its redemptions with ``state="redeemed"``), newest first;
    staff of a branch see their branch's customers and the open codes."""
    require(actor, Perm.COUPON_MANAGE)
    where: list[Any] = [COUPONS.c.template_id == template_id]
    if state is not None:
        if state not in STATES:
            raise ValidationError("coupons.bad_state", field="state")
        where.append(COUPONS.c.state == state)
    scope = scope_branch_id(actor)
    if scope is not None:
        mine = select(Customer.id).where(Customer.branch_id == scope)
        where.append(COUPONS.c.customer_id.is_(None) | COUPONS.c.customer_id.in_(mine))
    total = session.scalar(select(func.count()).select_from(COUPONS).where(*where)) or 0
    items = _coupon_views(session, *where, offset=max(0, offset), limit=max(1, min(limit, 500)))
    return Page(items=tuple(items), total=int(total), offset=offset)


def list_customer_coupons(session: Session, *, actor: Actor, customer_id: int) -> list[CouponView]:
    """A customer's coupons for the desk's profile (usable first)."""
    require(actor, Perm.CUSTOMER_VIEW)
    customer = session.get(Customer, customer_id)
    if customer is None:
        raise NotFound("customer", customer_id)
    require_branch(actor, customer.branch_id)
    return _sorted(_coupon_views(session, COUPONS.c.customer_id == customer_id))


def list_my_coupons(
    session: Session, *, actor: Actor, status: str | None = None
) -> list[CouponView]:
    """The app customer's own coupons: usable, used, expired (void ones with expired)."""
    if actor.kind != "customer" or actor.id is None:
        raise PermissionDenied("coupons.customers_only")
    if status not in (None, "usable", "used", "expired"):
        raise ValidationError("coupons.bad_status", field="status")
    found = _coupon_views(session, COUPONS.c.customer_id == actor.id)
    if status == "expired":
        return _sorted([c for c in found if c.status in ("expired", "void")])
    return _sorted([c for c in found if status is None or c.status == status])


def _sorted(items: list[CouponView]) -> list[CouponView]:
    rank = {"usable": 0, "used": 1, "expired": 2, "void": 3}
    return sorted(items, key=lambda c: rank.get(c.status, 9))
