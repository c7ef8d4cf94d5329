"""What the order detail's buttons run, and when each one makes sense.

Each command is one service call in one unit of work (``run_command``); giving an order
to another worker is ``offers.reassign`` (withdraw or release, then assign, in one
transaction). Every rule is the services' own; ``actions_for`` only hides buttons
that would certainly be refused (the role lacks the permission or the state forbids it).
"""

from __future__ import annotations

from dataclasses import dataclass

from jiazheng_desk.services.order_states import ASSIGNABLE_STATES, TRANSITIONS
from jiazheng_desk.services.order_views import OrderDetail
from jiazheng_desk.services.permissions import Perm

# what an order command changes, for the pages that show it
CHANGES = frozenset({"orders", "audit"})
REASSIGNABLE_STATES = frozenset({"offered", "accepted"})


@dataclass(frozen=True)
class Actions:
    cancel: bool = False
    reschedule: bool = False
    assign: bool = False
    reassign: bool = False
    withdraw_offer: bool = False
    open_pool: bool = False
    clear_exception: bool = False


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
    )
