"""Rows of ``state_event``: a transition of a state machine other than the order's."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jiazheng_desk.services.actor import Actor


def state_event_row(
    entity: str,
    entity_id: int,
    event: str,
    from_state: str,
    to_state: str,
    actor: Actor,
    reason: str,
    now: datetime,
) -> dict[str, Any]:
    """The values of one ``state_event`` row: what moved, from where to where, who, why."""
    return {
        "entity": entity,
        "entity_id": entity_id,
        "event": event,
        "from_state": from_state,
        "to_state": to_state,
        "actor_kind": actor.kind,
        "actor_id": actor.id,
        "reason": reason,
        "created_at": now,
    }
