"""``/api/v1/customer``: the customer's own profile, addresses and real-name check.

Every route acts on the customer of the token and nobody else: another customer's
address is 404, like one that does not exist.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from api_stub.auth_deps import IdentityGatewayDep
from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.customer_profile import (
    AddressIn,
    AddressOut,
    AddressPage,
    NewAddressIn,
    ProfileIn,
    ProfileOut,
    RealNameIn,
    RealNameOut,
)
from jiazheng_desk.services import app_addresses, customer_profile, customers, identity
from jiazheng_desk.services.app_addresses import AddressInput, Place

router = APIRouter(prefix="/customer", tags=["customer"])

AddressId = Annotated[int, Path(ge=1, le=2**63 - 1)]


def _input(body: AddressIn) -> AddressInput:
    place = Place(
        district_id=body.district_id,
        city=body.city,
        district=body.district,
        lat=body.lat,
        lng=body.lng,
    )
    return AddressInput(place, body.address_text, body.contact_name, body.contact_phone)


@router.get("/profile", summary="My profile")
def get_profile(me: CurrentCustomer, session: SessionDep) -> ProfileOut:
    assert me.id is not None
    return ProfileOut.of(customers.get_customer(session, actor=me, customer_id=me.id))


@router.put("/profile", summary="Change my profile")
def put_profile(body: ProfileIn, me: CurrentCustomer, session: SessionDep) -> ProfileOut:
    """Name, gender, emergency contact, reminder preferences; fields left out stay."""
    assert me.id is not None
    detail = customer_profile.update_profile(
        session, actor=me, customer_id=me.id, **body.model_dump(exclude_none=True)
    )
    return ProfileOut.of(detail)


@router.get("/addresses", summary="My addresses")
def list_addresses(me: CurrentCustomer, session: SessionDep) -> AddressPage:
    """The default first, then the newest."""
    items = app_addresses.list_my_addresses(session, actor=me)
    return AddressPage(items=[AddressOut.of(a) for a in items], total=len(items))


@router.post("/addresses", status_code=201, summary="Add an address")
def add_address(body: NewAddressIn, me: CurrentCustomer, session: SessionDep) -> AddressOut:
    """Its district decides the branch; a place outside every branch is 422 app.not_served."""
    view = app_addresses.add_my_address(
        session, actor=me, new=_input(body), make_default=body.is_default
    )
    return AddressOut.of(view)


@router.put("/addresses/{address_id}", summary="Change an address")
def put_address(
    address_id: AddressId, body: AddressIn, me: CurrentCustomer, session: SessionDep
) -> AddressOut:
    view = app_addresses.update_my_address(
        session, actor=me, address_id=address_id, new=_input(body)
    )
    return AddressOut.of(view)


@router.delete(
    "/addresses/{address_id}", status_code=204, response_class=Response, summary="Remove"
)
def delete_address(address_id: AddressId, me: CurrentCustomer, session: SessionDep) -> None:
    """Booked orders keep their copy of the address."""
    app_addresses.remove_my_address(session, actor=me, address_id=address_id)


@router.post("/addresses/{address_id}/default", summary="Make an address the default")
def default_address(address_id: AddressId, me: CurrentCustomer, session: SessionDep) -> AddressOut:
    return AddressOut.of(
        app_addresses.set_my_default_address(session, actor=me, address_id=address_id)
    )


@router.get("/real-name", summary="My real-name verification (masked)")
def get_real_name(me: CurrentCustomer, session: SessionDep) -> RealNameOut:
    return RealNameOut.of(identity.get_real_name(session, actor=me))


@router.post("/real-name", summary="Verify my real name")
def post_real_name(
    body: RealNameIn, me: CurrentCustomer, session: SessionDep, gateway: IdentityGatewayDep
) -> RealNameOut:
    """Name and ID number through the identity check: 422 when refused, 503 when it does
    not answer; only a pass marks the account verified."""
    view = identity.verify_real_name(
        session, actor=me, name=body.name, id_number=body.id_number, gateway=gateway
    )
    return RealNameOut.of(view)
