"""The order's state machine: an explicit table of allowed transitions.

Every transition goes through ``transition()``, which refuses an illegal one with a
readable ``IllegalTransition`` and writes the ``order_event`` row (who, why).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from jiazheng_desk.i18n import Msg
from jiazheng_desk.models import OrderEvent
from jiazheng_desk.models.base import table_of
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import IllegalTransition

STATES = (
    "created",  # booked, no payment asked yet (phone orders pay after the visit)
    "pending_payment",  # the app asked for payment first
    "confirmed",  # the booking stands; waiting for a worker
    "offered",  # offered to one worker, who holds the time until answer or timeout
    "accepted",  # a worker takes it (accepted the offer, grabbed it, or assigned directly)
    "on_the_way",
    "in_service",
    "completed",
    "reviewed",
    "cancelled",
    "refunded",
)

# event -> {from state: to state}
TRANSITIONS: dict[str, dict[str, str]] = {
    "request_payment": {"created": "pending_payment"},
    "confirm": {"created": "confirmed", "pending_payment": "confirmed"},
    "offer": {"created": "offered", "confirmed": "offered"},
    "assign": {"created": "accepted", "confirmed": "accepted"},
    "accept": {"offered": "accepted"},
    "grab": {"confirmed": "accepted", "created": "accepted"},
    # an offer answered no, timed out, or withdrawn: back to the queue
    "release": {"offered": "confirmed", "accepted": "confirmed"},
    "set_out": {"accepted": "on_the_way"},
    "start": {"accepted": "in_service", "on_the_way": "in_service"},
    "finish": {"in_service": "completed"},
    "review": {"completed": "reviewed"},
    "cancel": {
        "created": "cancelled",
        "pending_payment": "cancelled",
        "confirmed": "cancelled",
        "offered": "cancelled",
        "accepted": "cancelled",
        "on_the_way": "cancelled",
    },
    "refund": {"cancelled": "refunded", "completed": "refunded", "reviewed": "refunded"},
    "reschedule": {
        "created": "created",
        "pending_payment": "pending_payment",
        "confirmed": "confirmed",
        "offered": "confirmed",
        "accepted": "accepted",
    },
}

# states in which an order holds its worker's time
HOLDING_STATES = frozenset(
    {"offered", "accepted", "on_the_way", "in_service", "completed", "reviewed"}
)
# states in which an order still needs something to happen
OPEN_STATES = frozenset(
    {"created", "pending_payment", "confirmed", "offered", "accepted", "on_the_way", "in_service"}
)
ENDED_STATES = frozenset({"completed", "reviewed", "cancelled", "refunded"})
ASSIGNABLE_STATES = frozenset({"created", "confirmed"})


def next_state(state: str, event: str) -> str:
    """The state after ``event``, or ``IllegalTransition`` in words."""
    target = TRANSITIONS.get(event, {}).get(state)
    if target is None:
        raise IllegalTransition(
            entity=Msg("entity.order"),
            state=Msg(f"order.state.{state}"),
            event=Msg(f"order.event.{event}"),
        )
    return target


def transition(
    conn: Connection,
    *,
    order_id: int,
    state: str,
    event: str,
    actor: Actor,
    now: datetime,
    reason: str = "",
) -> str:
    """Check the move, write its event row, and return the new state (the caller updates)."""
    target = next_state(state, event)
    conn.execute(
        insert(table_of(OrderEvent)), event_row(order_id, event, state, target, actor, now, reason)
    )
    return target


def event_row(
    order_id: int,
    event: str,
    from_state: str,
    to_state: str,
    actor: Actor,
    now: datetime,
    reason: str = "",
) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "event": event,
        "from_state": from_state,
        "to_state": to_state,
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "reason": reason[:255],
        "created_at": now,
    }
