"""What the order detail's buttons run, and when each one makes sense.

Each command is one service call in one unit of work (``run_command``); giving an order
to another worker is ``offers.reassign`` (withdraw or release, then assign, in one
transaction). Every rule is the services' own; ``actions_for`` only hides buttons
that would certainly be refused (the role lacks the permission or the state forbids it).
"""

from __future__ import annotations

from dataclasses import dataclass

from jiazheng_desk.services.order_states import ASSIGNABLE_STATES, OPEN_STATES, TRANSITIONS
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.permissions import Perm

# what an order command changes, for the pages that show it
CHANGES = frozenset({"orders", "audit"})
# a decision on a worker's change request (the queue of requests shows it too)
CHANGE_REQUEST_CHANGES = CHANGES | {"change_requests"}
REASSIGNABLE_STATES = frozenset({"offered", "accepted"})
# a series visit under way keeps its worker; a placement under way is what gets replaced
UNDER_WAY = frozenset({"on_the_way", "in_service"})


@dataclass(frozen=True)
class Actions:
    cancel: bool = False
    reschedule: bool = False
    assign: bool = False
    reassign: bool = False
    withdraw_offer: bool = False
    open_pool: bool = False
    clear_exception: bool = False
    cancel_series: bool = False
    replace_worker: bool = False


def open_offer_id(detail: OrderDetail) -> int | None:
    """The offer still waiting for the worker's answer, if any."""
    return next((o.id for o in reversed(detail.offers) if o.state == "offered"), None)


def actions_for(detail: OrderDetail, permissions: frozenset[Perm]) -> Actions:
    """The actions the role may take that the order's state allows."""
    state = detail.state
    may_assign = Perm.ORDER_ASSIGN in permissions
    unassigned = detail.worker_id is None and state in ASSIGNABLE_STATES
    return Actions(
        cancel=Perm.ORDER_CANCEL in permissions and state in TRANSITIONS["cancel"],
        reschedule=Perm.ORDER_CREATE in permissions and state in TRANSITIONS["reschedule"],
        assign=may_assign and unassigned,
        reassign=may_assign and detail.worker_id is not None and state in REASSIGNABLE_STATES,
        withdraw_offer=may_assign and state == "offered" and open_offer_id(detail) is not None,
        open_pool=may_assign and unassigned and not detail.pool_open,
        clear_exception=may_assign and bool(detail.exception_reason),
        cancel_series=Perm.ORDER_CANCEL in permissions
        and detail.series_id is not None
        and state in TRANSITIONS["cancel"],
        replace_worker=may_assign and replaceable(detail),
    )


def replaceable(detail: OrderDetail) -> bool:
    """A series visit still to come, or an open placement: its worker can change from a date."""
    if detail.series_id is not None:
        return detail.state in OPEN_STATES - UNDER_WAY
    return detail.kind == "placement" and detail.state in OPEN_STATES
