"""A customer's own addresses in the app: the customer rules, plus "is it served?" and 404s.

The app names the place by district id, by city and district name, or by coordinates
(the phone's location); each must fall in an active branch's district, or the answer is
"not served yet" (``app_public.NotServed``). The writing is ``customer_addresses``'s. An
address of another customer is "not found" (404), exactly like one that does not exist,
so that ids cannot be probed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from jiazheng_desk.models import CustomerAddress
from jiazheng_desk.services import audit, customer_addresses
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.app_public import (
    ServedDistrict,
    branch_for_district,
    district_at,
    district_named,
)
from jiazheng_desk.services.customer_views import (
    AddressNotFound,
    AddressView,
    load_addresses,
    load_customer,
    require_customer,
)
from jiazheng_desk.services.errors import ValidationError
from jiazheng_desk.services.geo import Geocoder, LatLng
from jiazheng_desk.services.permissions import Perm


@dataclass(frozen=True)
class Place:
    """Where an address is, as the app knows it (the first given of the three ways)."""

    district_id: int | None = None
    city: str = ""
    district: str = ""
    lat: float | None = None
    lng: float | None = None

    @property
    def point(self) -> LatLng | None:
        return None if self.lat is None or self.lng is None else LatLng(self.lat, self.lng)


@dataclass(frozen=True)
class AddressInput:
    place: Place
    address_text: str
    contact_name: str = ""
    contact_phone: str = ""


class _AtPoint:
    """A geocoder that answers with the phone's own location (better than a guess)."""

    def __init__(self, point: LatLng) -> None:
        self.point = point

    def locate(self, city: str, district: str, address: str, centre: LatLng) -> LatLng:
        return self.point


def _self(actor: Actor) -> int:
    require_customer(actor, Perm.CUSTOMER_EDIT, actor.id)
    assert actor.id is not None
    return actor.id


def _where(session: Session, place: Place) -> ServedDistrict:
    if place.district_id is not None:
        return branch_for_district(session, district_id=place.district_id)
    if place.city.strip() and place.district.strip():
        return district_named(session, city=place.city, district=place.district)
    if place.point is not None:
        return district_at(session, lat=place.point.lat, lng=place.point.lng)
    raise ValidationError("app.place_required", field="district_id")


def _geocoder(place: Place) -> Geocoder | None:
    return None if place.point is None else _AtPoint(place.point)


def _own(session: Session, actor: Actor, address_id: int) -> None:
    customer_id = _self(actor)
    row = session.get(CustomerAddress, address_id)
    if row is None or row.deleted_at is not None or row.customer_id != customer_id:
        raise AddressNotFound(address_id)


def _adopt_branch(session: Session, actor: Actor, customer_id: int, branch_id: int) -> None:
    customer = load_customer(session, customer_id, lock=True)
    if customer.branch_id is not None:
        return
    customer.branch_id = branch_id
    session.flush()
    audit.record(
        session,
        actor=actor,
        action="customer.update",
        entity="customer",
        entity_id=customer_id,
        before={"branch_id": None},
        after={"branch_id": branch_id},
        branch_id=branch_id,
    )


def list_my_addresses(session: Session, *, actor: Actor) -> tuple[AddressView, ...]:
    """The customer's addresses in use, the default first."""
    return load_addresses(session, _self(actor))


def add_my_address(
    session: Session, *, actor: Actor, new: AddressInput, make_default: bool = False
) -> AddressView:
    """Add an address in a served district (else "not served yet").

    A customer who signed up in the app has no home branch yet: the first served address
    gives it, as the staff's first address does for a customer created at HQ.
    """
    customer_id = _self(actor)
    district = _where(session, new.place)
    view = customer_addresses.add_address(
        session,
        actor=actor,
        customer_id=customer_id,
        district_id=district.id,
        address_text=new.address_text,
        contact_name=new.contact_name,
        contact_phone=new.contact_phone,
        make_default=make_default,
        geocoder=_geocoder(new.place),
    )
    _adopt_branch(session, actor, customer_id, district.branch_id)
    return view


def update_my_address(
    session: Session, *, actor: Actor, address_id: int, new: AddressInput
) -> AddressView:
    """Change one of the customer's addresses (another's is not found)."""
    _own(session, actor, address_id)
    district = _where(session, new.place)
    return customer_addresses.update_address(
        session,
        actor=actor,
        address_id=address_id,
        district_id=district.id,
        address_text=new.address_text,
        contact_name=new.contact_name,
        contact_phone=new.contact_phone,
        geocoder=_geocoder(new.place),
    )


def remove_my_address(session: Session, *, actor: Actor, address_id: int) -> AddressView:
    """Retire one of the customer's addresses (orders keep their copy)."""
    _own(session, actor, address_id)
    return customer_addresses.remove_address(session, actor=actor, address_id=address_id)


def set_my_default_address(session: Session, *, actor: Actor, address_id: int) -> AddressView:
    """Make one of the customer's addresses the default."""
    _own(session, actor, address_id)
    return customer_addresses.set_default_address(session, actor=actor, address_id=address_id)
