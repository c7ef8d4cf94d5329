"""Where a customer books: their live address with its district and branch, and their
account status, read in one query.

The desk's booking (``orders.book``), a series, and the app's own-address check
(``customer_booking.get_own_place``) all need these facts; the app hands the place it
checked on to ``orders.book``, so a booking reads them once. Each refusal stays with its
caller: the desk says "bad address", the app says "not found" (never "not yours").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Customer, CustomerAddress, District
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.timeutil import get_branch_timezone


@dataclass(frozen=True)
class Place:
    """A customer's live address, where it is, and who serves it."""

    customer_id: int
    # active | frozen | closed, with the reason staff gave (``customers.check_bookable``)
    customer_status: str
    status_reason: str
    address_id: int
    address_text: str
    district_id: int
    district_name: str
    branch_id: int
    where: LatLng
    tz: str


def get_place(session: Session, *, customer_id: int, address_id: int) -> Place | None:
    """The customer's live address ``address_id`` with its district, branch and the
    customer's status; None when the customer has no such live address."""
    row = session.execute(
        select(
            CustomerAddress.address_text,
            CustomerAddress.district_id,
            CustomerAddress.lat,
            CustomerAddress.lng,
            District.name,
            District.branch_id,
            Customer.status,
            Customer.status_reason,
        )
        .join(District, District.id == CustomerAddress.district_id)
        .join(Customer, Customer.id == CustomerAddress.customer_id)
        .where(
            CustomerAddress.id == address_id,
            CustomerAddress.customer_id == customer_id,
            CustomerAddress.deleted_at.is_(None),
        )
    ).one_or_none()
    if row is None:
        return None
    branch_id = int(row.branch_id)
    return Place(
        customer_id=customer_id,
        customer_status=row.status,
        status_reason=row.status_reason or "",
        address_id=address_id,
        address_text=row.address_text,
        district_id=int(row.district_id),
        district_name=row.name,
        branch_id=branch_id,
        where=LatLng(row.lat, row.lng),
        tz=get_branch_timezone(session, branch_id),
    )
