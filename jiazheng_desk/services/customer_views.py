"""What the customer services hand out (frozen views), their errors and shared lookups.

The desk, the booking wizard and the API see customers only through these shapes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, Customer, CustomerAddress, CustomerTag, District, Order
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, DomainError, NotFound, PermissionDenied
from jiazheng_desk.services.order_states import ENDED_STATES
from jiazheng_desk.services.permissions import Perm, require

# orders that count as money spent
SPENT_STATES = ("completed", "reviewed")
# orders that are over: an account may be closed once every order is in one of these
FINISHED_STATES = tuple(sorted(ENDED_STATES))


# --- views ------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewAddress:
    """An address to add: the district (of the branch's list) and the text as spoken."""

    district_id: int
    address_text: str
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(frozen=True)
class AddressView:
    id: int
    customer_id: int
    district_id: int
    district_name: str
    city: str
    branch_id: int
    branch_name: str
    address_text: str
    contact_name: str
    contact_phone: str
    lat: float
    lng: float
    is_default: bool

    @property
    def summary(self) -> str:
        return f"{self.district_name} {self.address_text}".strip()


@dataclass(frozen=True)
class CustomerHit:
    """One line of find-as-you-type."""

    id: int
    name: str
    phone: str
    branch_id: int | None
    branch_name: str
    member_level: str
    status: str
    last_order_at: datetime | None
    created_at: datetime
    address_summary: str

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class CustomerDetail:
    """The whole profile with addresses, tags and what the customer has spent."""

    id: int
    phone: str
    name: str
    name_initials: str
    gender: str
    email: str
    branch_id: int | None
    branch_name: str
    status: str
    status_reason: str
    channel: str
    member_level: str
    real_name_verified: bool
    emergency_name: str
    emergency_phone: str
    remind_sms: bool
    remind_push: bool
    marketing_opt_in: bool
    note: str
    created_at: datetime
    closed_at: datetime | None
    addresses: tuple[AddressView, ...]
    tags: tuple[str, ...]
    order_count: int
    completed_count: int
    spending_fen: int
    first_order_at: datetime | None
    last_order_at: datetime | None

    @property
    def default_address(self) -> AddressView | None:
        return next((a for a in self.addresses if a.is_default), None)

    @property
    def bookable(self) -> bool:
        return self.status == "active"

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


@dataclass(frozen=True)
class CustomerOrderRow:
    id: int
    order_no: str
    service_day: date
    starts_at: datetime
    item_name: str
    state: str
    total_fen: int
    worker_name: str
    branch_name: str


def mask_phone(phone: str) -> str:
    """138****5678 (lists outside the desk, the apps' views of other people)."""
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) == 11 and phone.isdigit() else phone


# --- errors -----------------------------------------------------------------------------


class CustomerNotFound(NotFound):
    def __init__(self, customer_id: object) -> None:
        DomainError.__init__(self, "customer.not_found", id=customer_id)


class AddressNotFound(NotFound):
    def __init__(self, address_id: object) -> None:
        DomainError.__init__(self, "customer.address_not_found", id=address_id)


class DuplicateCustomer(Conflict):
    """The phone belongs to a customer already; ``customer_id`` lets the desk open them."""

    def __init__(self, *, customer_id: int, name: str, phone: str) -> None:
        super().__init__(
            "customer.duplicate_phone", field="phone", name=name, id=customer_id, phone=phone
        )
        self.customer_id = customer_id


class CustomerNotBookable(DomainError):
    """A frozen or closed customer may not book or log in."""

    http_status = 403


# --- shared lookups ---------------------------------------------------------------------


def require_customer(actor: Actor, perm: Perm, customer_id: int | None = None) -> None:
    """Staff by their role; a customer in an app may read and edit only themself."""
    if actor.kind == "customer":
        if (
            customer_id is not None
            and actor.id == customer_id
            and perm in (Perm.CUSTOMER_VIEW, Perm.CUSTOMER_EDIT)
        ):
            return
        raise PermissionDenied(action=Msg(f"perm.{perm.value}"))
    require(actor, perm)


def load_customer(session: Session, customer_id: int, *, lock: bool = False) -> Customer:
    customer = session.get(Customer, customer_id, with_for_update=lock)
    if customer is None:
        raise CustomerNotFound(customer_id)
    return customer


def refuse_closed(customer: Customer) -> None:
    """A closed account keeps no personal data and takes no more changes."""
    if customer.status == "closed":
        raise Conflict("customer.is_closed")


def load_addresses(session: Session, customer_id: int) -> tuple[AddressView, ...]:
    """The customer's addresses in use, the default first, then the newest."""
    rows = session.execute(
        select(CustomerAddress, District, Branch.name)
        .join(District, District.id == CustomerAddress.district_id)
        .join(Branch, Branch.id == District.branch_id)
        .where(CustomerAddress.customer_id == customer_id, CustomerAddress.deleted_at.is_(None))
        .order_by(
            CustomerAddress.is_default.desc(),
            CustomerAddress.created_at.desc(),
            CustomerAddress.id.desc(),
        )
    ).all()
    return tuple(address_view(a, d, branch_name) for a, d, branch_name in rows)


def address_view(a: CustomerAddress, d: District, branch_name: str) -> AddressView:
    return AddressView(
        id=a.id,
        customer_id=a.customer_id,
        district_id=a.district_id,
        district_name=d.name,
        city=d.city,
        branch_id=d.branch_id,
        branch_name=branch_name,
        address_text=a.address_text,
        contact_name=a.contact_name,
        contact_phone=a.contact_phone,
        lat=a.lat,
        lng=a.lng,
        is_default=a.is_default,
    )


def load_detail(session: Session, c: Customer) -> CustomerDetail:
    """Build the profile view (a handful of indexed queries)."""
    session.flush()
    branch_name = ""
    if c.branch_id is not None:
        branch_name = session.scalar(select(Branch.name).where(Branch.id == c.branch_id)) or ""
    tags = session.scalars(
        select(CustomerTag.tag)
        .where(CustomerTag.customer_id == c.id)
        .order_by(CustomerTag.created_at, CustomerTag.id)
    ).all()
    spent = Order.state.in_(SPENT_STATES)
    count, completed, spending, first, last = session.execute(
        select(
            func.count(Order.id),
            func.coalesce(func.sum(case((spent, 1), else_=0)), 0),
            func.coalesce(func.sum(case((spent, Order.total_fen), else_=0)), 0),
            func.min(Order.created_at),
            func.max(Order.created_at),
        ).where(Order.customer_id == c.id)
    ).one()
    return CustomerDetail(
        id=c.id,
        phone=c.phone,
        name=c.name,
        name_initials=c.name_initials,
        gender=c.gender,
        email=c.email or "",
        branch_id=c.branch_id,
        branch_name=branch_name,
        status=c.status,
        status_reason=c.status_reason,
        channel=c.channel,
        member_level=c.member_level,
        real_name_verified=c.real_name_verified_at is not None,
        emergency_name=c.emergency_name,
        emergency_phone=c.emergency_phone,
        remind_sms=c.remind_sms,
        remind_push=c.remind_push,
        marketing_opt_in=c.marketing_opt_in,
        note=c.note,
        created_at=c.created_at,
        closed_at=c.closed_at,
        addresses=load_addresses(session, c.id),
        tags=tuple(tags),
        order_count=int(count),
        completed_count=int(completed),
        spending_fen=int(spending),
        first_order_at=first,
        last_order_at=last or c.last_order_at,
    )
