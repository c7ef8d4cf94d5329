"""A customer's service addresses: add, edit, remove (soft), choose the default.

The district comes from the branches' lists (an active district of an active branch; a
branch's staff may only use their own branch's districts) and the coordinates from the
geocoder gateway, seeded with the district centre. Orders keep their own snapshot of
the address, so editing or removing one never changes a booked order.
"""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import Branch, Customer, CustomerAddress, District, OrderSeries
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.common import clean_mobile, clean_text, snapshot
from jiazheng_desk.services.customer_views import (
    AddressNotFound,
    AddressView,
    NewAddress,
    address_view,
    load_customer,
    refuse_closed,
    require_customer,
)
from jiazheng_desk.services.errors import Conflict, ValidationError
from jiazheng_desk.services.geo import Geocoder, LatLng, SandboxGeocoder
from jiazheng_desk.services.permissions import Perm

MAX_ADDRESSES = 20
ADDRESS_FIELDS = (
    "district_id",
    "address_text",
    "contact_name",
    "contact_phone",
    "lat",
    "lng",
    "is_default",
)


def _district(session: Session, actor: Actor, district_id: int) -> tuple[District, Branch]:
    """The district, if it is in service and the actor's branch may use it."""
    row = session.execute(
        select(District, Branch)
        .join(Branch, Branch.id == District.branch_id)
        .where(District.id == district_id)
    ).one_or_none()
    if row is None:
        raise ValidationError("customer.district_unknown", field="district_id", id=district_id)
    district, branch = row
    if not (district.is_active and branch.is_active):
        raise ValidationError("customer.district_inactive", field="district_id", name=district.name)
    if actor.is_staff and not actor.is_hq and actor.branch_id != district.branch_id:
        raise ValidationError(
            "customer.district_other_branch",
            field="district_id",
            district=district.name,
            branch=branch.name,
        )
    return district, branch


def _clean(new: NewAddress) -> tuple[str, str, str]:
    text = clean_text(
        new.address_text,
        field="address_text",
        label=Msg("customer.field.address"),
        max_len=255,
        required=True,
    )
    contact = clean_text(
        new.contact_name,
        field="contact_name",
        label=Msg("customer.field.contact_name"),
        max_len=64,
        required=False,
    )
    return text, contact, clean_mobile(new.contact_phone, field="contact_phone")


def _locate(geocoder: Geocoder | None, district: District, text: str) -> LatLng:
    centre = LatLng(district.center_lat, district.center_lng)
    return (geocoder or SandboxGeocoder()).locate(district.city, district.name, text, centre)


def _audit_branch(actor: Actor, district: District) -> int | None:
    return actor.branch_id if actor.branch_id is not None else district.branch_id


def _clear_default(session: Session, customer_id: int) -> None:
    session.execute(
        update(CustomerAddress)
        .where(CustomerAddress.customer_id == customer_id, CustomerAddress.is_default.is_(True))
        .values(is_default=False)
        .execution_options(synchronize_session="fetch")
    )


def _insert_address(
    session: Session,
    actor: Actor,
    customer: Customer,
    new: NewAddress,
    geocoder: Geocoder | None,
    *,
    make_default: bool,
) -> AddressView:
    """Add an address to a (locked) customer; the first one becomes the default."""
    text, contact, contact_phone = _clean(new)
    district, branch = _district(session, actor, new.district_id)
    in_use = (
        session.scalar(
            select(func.count(CustomerAddress.id)).where(
                CustomerAddress.customer_id == customer.id, CustomerAddress.deleted_at.is_(None)
            )
        )
        or 0
    )
    if in_use >= MAX_ADDRESSES:
        raise ValidationError(
            "customer.too_many_addresses", field="address_text", max=MAX_ADDRESSES
        )
    point = _locate(geocoder, district, text)
    default = make_default or in_use == 0
    if default:
        _clear_default(session, customer.id)
    row = CustomerAddress(
        customer_id=customer.id,
        district_id=district.id,
        address_text=text,
        contact_name=contact,
        contact_phone=contact_phone,
        lat=point.lat,
        lng=point.lng,
        is_default=default,
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="customer.address_add",
        entity="customer",
        entity_id=customer.id,
        after={"address_id": row.id, **snapshot(row, ADDRESS_FIELDS)},
        branch_id=_audit_branch(actor, district),
    )
    return address_view(row, district, branch.name)


def _load_address(
    session: Session, actor: Actor, address_id: int
) -> tuple[CustomerAddress, Customer]:
    row = session.get(CustomerAddress, address_id)
    if row is None or row.deleted_at is not None:
        raise AddressNotFound(address_id)
    require_customer(actor, Perm.CUSTOMER_EDIT, row.customer_id)
    # the customer's row is the lock that keeps one default address per customer
    customer = load_customer(session, row.customer_id, lock=True)
    refuse_closed(customer)
    session.refresh(row)
    if row.deleted_at is not None:
        raise AddressNotFound(address_id)
    return row, customer


def _view(session: Session, row: CustomerAddress) -> AddressView:
    district, branch_name = session.execute(
        select(District, Branch.name)
        .join(Branch, Branch.id == District.branch_id)
        .where(District.id == row.district_id)
    ).one()
    return address_view(row, district, branch_name)


def add_address(
    session: Session,
    *,
    actor: Actor,
    customer_id: int,
    district_id: int,
    address_text: str,
    contact_name: str = "",
    contact_phone: str = "",
    make_default: bool = False,
    geocoder: Geocoder | None = None,
) -> AddressView:
    """Add a service address; its coordinates come from the geocoder."""
    require_customer(actor, Perm.CUSTOMER_EDIT, customer_id)
    customer = load_customer(session, customer_id, lock=True)
    refuse_closed(customer)
    new = NewAddress(district_id, address_text, contact_name, contact_phone)
    return _insert_address(session, actor, customer, new, geocoder, make_default=make_default)


def update_address(
    session: Session,
    *,
    actor: Actor,
    address_id: int,
    district_id: int,
    address_text: str,
    contact_name: str = "",
    contact_phone: str = "",
    geocoder: Geocoder | None = None,
) -> AddressView:
    """Change an address; it is located again when its district or text changed."""
    row, _customer = _load_address(session, actor, address_id)
    text, contact, phone = _clean(
        NewAddress(district_id, address_text, contact_name, contact_phone)
    )
    before = snapshot(row, ADDRESS_FIELDS)
    if district_id != row.district_id or text != row.address_text:
        district, _branch = _district(session, actor, district_id)
        point = _locate(geocoder, district, text)
        row.district_id, row.address_text = district.id, text
        row.lat, row.lng = point.lat, point.lng
    row.contact_name, row.contact_phone = contact, phone
    session.flush()
    view = _view(session, row)
    audit.record(
        session,
        actor=actor,
        action="customer.address_update",
        entity="customer",
        entity_id=row.customer_id,
        before={"address_id": row.id, **before},
        after={"address_id": row.id, **snapshot(row, ADDRESS_FIELDS)},
        branch_id=actor.branch_id if actor.branch_id is not None else view.branch_id,
    )
    return view


def remove_address(session: Session, *, actor: Actor, address_id: int) -> AddressView:
    """Retire an address (orders keep their snapshot); the newest other one becomes default."""
    row, customer = _load_address(session, actor, address_id)
    in_series = session.scalar(
        select(OrderSeries.id).where(
            OrderSeries.address_id == row.id, OrderSeries.status == "active"
        )
    )
    if in_series is not None:
        raise Conflict("customer.address_in_series", field="address_id")
    was_default = row.is_default
    row.deleted_at = clock.now()
    row.is_default = False
    session.flush()
    if was_default:
        successor = session.scalars(
            select(CustomerAddress)
            .where(
                CustomerAddress.customer_id == customer.id,
                CustomerAddress.deleted_at.is_(None),
            )
            .order_by(CustomerAddress.created_at.desc(), CustomerAddress.id.desc())
            .limit(1)
        ).first()
        if successor is not None:
            successor.is_default = True
            session.flush()
    view = _view(session, row)
    audit.record(
        session,
        actor=actor,
        action="customer.address_remove",
        entity="customer",
        entity_id=customer.id,
        before={"address_id": row.id, **snapshot(row, ADDRESS_FIELDS), "is_default": was_default},
        branch_id=actor.branch_id if actor.branch_id is not None else view.branch_id,
    )
    return view


def set_default_address(session: Session, *, actor: Actor, address_id: int) -> AddressView:
    """Make this the address a new booking starts from."""
    row, customer = _load_address(session, actor, address_id)
    if not row.is_default:
        _clear_default(session, customer.id)
        row.is_default = True
        session.flush()
    view = _view(session, row)
    audit.record(
        session,
        actor=actor,
        action="customer.address_default",
        entity="customer",
        entity_id=customer.id,
        after={"address_id": row.id},
        branch_id=actor.branch_id if actor.branch_id is not None else view.branch_id,
    )
    return view
