"""Creating customers and editing their profile, note and tags."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, Customer, CustomerTag, District
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_mobile, clean_text, snapshot

# one rule for a first address and for every later one
from jiazheng_desk.services.customer_addresses import _insert_address
from jiazheng_desk.services.customer_views import (
    CustomerDetail,
    DuplicateCustomer,
    NewAddress,
    load_customer,
    load_detail,
    refuse_closed,
    require_customer,
)
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.geo import Geocoder
from jiazheng_desk.services.names import name_initials
from jiazheng_desk.services.permissions import Perm, require_branch

PROFILE_FIELDS = (
    "name",
    "phone",
    "gender",
    "email",
    "branch_id",
    "emergency_name",
    "emergency_phone",
    "remind_sms",
    "remind_push",
    "marketing_opt_in",
)
GENDERS = ("", "female", "male")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TAG_LEN = 32
MAX_NOTE_LEN = 2000


def _clean_name(name: str) -> str:
    return clean_text(
        name, field="name", label=Msg("customer.field.name"), max_len=64, required=True
    )


def _clean_gender(gender: str) -> str:
    value = (gender or "").strip().lower()
    if value not in GENDERS:
        raise ValidationError("customer.bad_gender", field="gender")
    return value


def _clean_email(session: Session, email: str | None, customer_id: int | None) -> str | None:
    value = (email or "").strip()
    if not value:
        return None
    if len(value) > 128 or not EMAIL_RE.match(value):
        raise ValidationError("customer.bad_email", field="email")
    clash = session.scalar(select(Customer.id).where(Customer.email == value))
    if clash is not None and clash != customer_id:
        raise ValidationError("customer.email_taken", field="email")
    return value


def _refuse_taken_phone(session: Session, phone: str, customer_id: int | None) -> None:
    clash = session.execute(
        select(Customer.id, Customer.name).where(Customer.phone == phone)
    ).one_or_none()
    if clash is not None and clash[0] != customer_id:
        raise DuplicateCustomer(customer_id=clash[0], name=clash[1], phone=phone)


def _audit_branch(actor: Actor, customer: Customer) -> int | None:
    # the actor's branch; for HQ the customer's, so the home branch's manager sees it
    return actor.branch_id if actor.branch_id is not None else customer.branch_id


def _audited(customer: Customer) -> dict[str, object]:
    values = snapshot(customer, PROFILE_FIELDS)
    return values


def create_customer(
    session: Session,
    *,
    actor: Actor,
    phone: str,
    name: str,
    gender: str = "",
    branch_id: int | None = None,
    address: NewAddress | None = None,
    geocoder: Geocoder | None = None,
) -> CustomerDetail:
    """Register a customer (on the phone: channel "phone"), optionally with a first address."""
    require_customer(actor, Perm.CUSTOMER_EDIT)
    number = clean_mobile(phone, required=True)
    shown = _clean_name(name)
    gender_value = _clean_gender(gender)
    if branch_id is None and actor.is_staff:
        branch_id = actor.branch_id
    if branch_id is None and address is not None:
        # HQ on the phone: the customer belongs where their first address is served
        branch_id = session.scalar(
            select(District.branch_id).where(District.id == address.district_id)
        )
    if branch_id is not None:
        branch = session.get(Branch, branch_id)
        if branch is None:
            raise ValidationError("branch.unknown", field="branch_id", id=branch_id)
        if not branch.is_active:
            raise ValidationError("branch.inactive", field="branch_id", name=branch.name)
        require_branch(actor, branch_id)
    _refuse_taken_phone(session, number, None)
    customer = Customer(
        phone=number,
        name=shown,
        name_initials=name_initials(shown),
        gender=gender_value,
        branch_id=branch_id,
        status="active",
        channel="phone" if actor.is_staff or actor.source == "desk" else "app",
    )
    try:
        # inside a savepoint (begin_nested flushes earlier work first), so a duplicate
        # that raced past the check above leaves the caller's transaction usable
        with session.begin_nested():
            session.add(customer)
            session.flush()
    except IntegrityError:
        _refuse_taken_phone(session, number, None)
        raise
    audit.record(
        session,
        actor=actor,
        action="customer.create",
        entity="customer",
        entity_id=customer.id,
        after=_audited(customer),
        branch_id=_audit_branch(actor, customer),
    )
    if address is not None:
        _insert_address(session, actor, customer, address, geocoder, make_default=True)
    return load_detail(session, customer)


def update_profile(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    name: str | None = None,
    phone: str | None = None,
    gender: str | None = None,
    email: str | None = None,
    emergency_name: str | None = None,
    emergency_phone: str | None = None,
    remind_sms: bool | None = None,
    remind_push: bool | None = None,
    marketing_opt_in: bool | None = None,
) -> CustomerDetail:
    """Change the profile; an argument left None stays as it is."""
    require_customer(actor, Perm.CUSTOMER_EDIT, customer_id)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    before = _audited(customer)
    if name is not None:
        customer.name = _clean_name(name)
        customer.name_initials = name_initials(customer.name)
    if phone is not None:
        number = clean_mobile(phone, required=True)
        _refuse_taken_phone(session, number, customer.id)
        customer.phone = number
    if gender is not None:
        customer.gender = _clean_gender(gender)
    if email is not None:
        customer.email = _clean_email(session, email, customer.id)
    if emergency_name is not None:
        customer.emergency_name = clean_text(
            emergency_name,
            field="emergency_name",
            label=Msg("customer.field.emergency_name"),
            max_len=64,
            required=False,
        )
    if emergency_phone is not None:
        customer.emergency_phone = clean_mobile(emergency_phone, field="emergency_phone")
    for flag, value in (
        ("remind_sms", remind_sms),
        ("remind_push", remind_push),
        ("marketing_opt_in", marketing_opt_in),
    ):
        if value is not None:
            setattr(customer, flag, bool(value))
    after = _audited(customer)
    if after != before:
        audit.record(
            session,
            actor=actor,
            action="customer.update",
            entity="customer",
            entity_id=customer.id,
            before={k: v for k, v in before.items() if after[k] != v},
            after={k: v for k, v in after.items() if before[k] != v},
            branch_id=_audit_branch(actor, customer),
        )
    return load_detail(session, customer)


def set_note(session: Session, *, actor: Actor, customer_id: int, note: str) -> CustomerDetail:
    """Replace the staff's note on a customer (door codes, pets, how to address them)."""
    require_customer(actor, Perm.CUSTOMER_EDIT)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    text = clean_text(
        note, field="note", label=Msg("customer.field.note"), max_len=MAX_NOTE_LEN, required=False
    )
    before = customer.note
    customer.note = text
    audit.record(
        session,
        actor=actor,
        action="customer.note",
        entity="customer",
        entity_id=customer.id,
        before={"note": before},
        after={"note": text},
        branch_id=_audit_branch(actor, customer),
    )
    return load_detail(session, customer)


def _clean_tag(tag: str) -> str:
    text = clean_text(
        re.sub(r"\s+", " ", tag or ""),
        field="tag",
        label=Msg("customer.field.tag"),
        max_len=MAX_TAG_LEN,
        required=True,
    )
    return text


def add_tag(session: Session, *, actor: Actor, customer_id: int, tag: str) -> tuple[str, ...]:
    """Tag a customer by hand ("VIP", "怕猫"); a tag already there is left as it is."""
    require_customer(actor, Perm.CUSTOMER_EDIT)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    text = _clean_tag(tag)
    exists = session.scalar(
        select(CustomerTag.id).where(
            CustomerTag.customer_id == customer.id, CustomerTag.tag == text
        )
    )
    if exists is None:
        session.add(
            CustomerTag(
                customer_id=customer.id,
                tag=text,
                source="hand",
                created_by=actor.id if actor.is_staff else None,
            )
        )
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="customer.tag_add",
            entity="customer",
            entity_id=customer.id,
            after={"tag": text},
            branch_id=_audit_branch(actor, customer),
        )
    return _tags(session, customer.id)


def remove_tag(session: Session, *, actor: Actor, customer_id: int, tag: str) -> tuple[str, ...]:
    """Take a tag off a customer; a tag that is not there is no error."""
    require_customer(actor, Perm.CUSTOMER_EDIT)
    customer = load_customer(session, customer_id, lock=True)
    text = (tag or "").strip()
    row = session.scalars(
        select(CustomerTag).where(CustomerTag.customer_id == customer.id, CustomerTag.tag == text)
    ).one_or_none()
    if row is not None:
        session.delete(row)
        session.flush()
        audit.record(
            session,
            actor=actor,
            action="customer.tag_remove",
            entity="customer",
            entity_id=customer.id,
            before={"tag": text, "source": row.source},
            branch_id=_audit_branch(actor, customer),
        )
    return _tags(session, customer.id)


def _tags(session: Session, customer_id: int) -> tuple[str, ...]:
    return tuple(
        session.scalars(
            select(CustomerTag.tag)
            .where(CustomerTag.customer_id == customer_id)
            .order_by(CustomerTag.created_at, CustomerTag.id)
        ).all()
    )
