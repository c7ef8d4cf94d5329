"""The catalogue as the apps show it: what can be booked, at the prices of the branch
that serves the customer's place.

Prices differ by branch (``BranchPrice``), and a branch is chosen by where the service
happens: one of the customer's addresses, or a district picked before logging in.
Without either the base prices are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, District
from jiazheng_desk.services import catalog
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.customer_booking import get_own_place
from jiazheng_desk.services.errors import NotFound


@dataclass(frozen=True)
class AppCatalog:
    # the branch whose prices these are (None: base prices)
    branch_id: int | None
    categories: tuple[catalog.CategoryView, ...]


def get_app_catalog(
    session: Session,
    *,
    actor: Actor | None = None,
    address_id: int | None = None,
    district_id: int | None = None,
) -> AppCatalog:
    """Bookable categories and items with options, durations, photos and the place's prices.

    ``address_id`` must be one of the logged-in customer's addresses; ``district_id`` a
    district of an active branch. Anything else is "not found".
    """
    branch_id: int | None = None
    if address_id is not None:
        if actor is None:
            raise NotFound("address", address_id)
        branch_id = get_own_place(session, actor=actor, address_id=address_id).branch_id
    elif district_id is not None:
        found = session.scalar(
            select(District.branch_id)
            .join(Branch, Branch.id == District.branch_id)
            .where(
                District.id == district_id,
                District.is_active.is_(True),
                Branch.is_active.is_(True),
            )
        )
        if found is None:
            raise NotFound("district", district_id)
        branch_id = int(found)
    # the public catalogue: no actor, so only what can be booked (see catalog._is_public)
    categories = catalog.list_catalog(session, branch_id=branch_id)
    return AppCatalog(branch_id=branch_id, categories=tuple(categories))
