"""Rows of what follows an order: payments, refunds, reviews and complaints."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.rows import StaffIds
from jiazheng_desk.demo.schedule import PlannedOrder

Row = dict[str, Any]
_APP_METHODS = ("wechat",) * 11 + ("alipay",) * 8 + ("card",)
_PHONE_METHODS = ("wechat",) * 9 + ("alipay",) * 5 + ("cash",) * 4 + ("card",) * 2
_REF_PREFIX = {"wechat": "WX", "alipay": "ALI", "card": "UP", "cash": ""}
_SCORE_SPREAD = (0, 0, 0, -1, 1)
_MINUTE = timedelta(minutes=1)


class AfterService:
    """Payments and refunds, reviews and complaints, with running ids."""

    def __init__(
        self, rng: random.Random, now: datetime, staff: StaffIds, next_id: Callable[[str], int]
    ) -> None:
        self.rng, self.now, self.staff, self._id = rng, now, staff, next_id

    def payment(
        self,
        o: PlannedOrder,
        total: int,
        cancel_fee: int,
        cancelled_at: datetime | None,
        out: dict[str, list[Row]],
    ) -> None:
        """The payment of an order (and its refund when it was cancelled after paying)."""
        r, now = self.rng.random, self.now
        pid = self._id("payment")
        if o.channel == "app":
            method = _APP_METHODS[int(r() * len(_APP_METHODS))]
            at = min(o.created_at + timedelta(minutes=1 + int(r() * 15)), now)
        else:
            method = _PHONE_METHODS[int(r() * len(_PHONE_METHODS))]
            paid_after = o.starts_at if o.kind == "placement" else o.ends_at
            at = min(paid_after + timedelta(minutes=5 + int(r() * 85)), now)
        prefix = _REF_PREFIX[method]
        out["payment"].append(
            {
                "id": pid,
                "order_id": o.id,
                "customer_id": o.address.customer.id,
                "method": method,
                "amount_fen": total,
                "state": "confirmed",
                "gateway_ref": f"{prefix}{pid:014d}" if prefix else None,
                "idempotency_key": None,
                "created_at": at,
                "confirmed_at": min(at + timedelta(seconds=3 + int(r() * 60)), now),
            }
        )
        if cancelled_at is not None and total > cancel_fee:
            done = min(max(cancelled_at, at) + timedelta(minutes=1 + int(r() * 60)), now)
            out["refund"].append(
                {
                    "id": self._id("refund"),
                    "payment_id": pid,
                    "order_id": o.id,
                    "amount_fen": total - cancel_fee,
                    "reason": "订单取消退款",
                    "state": "done",
                    "gateway_ref": f"RF{pid:014d}" if prefix else None,
                    "created_by": None,
                    "created_at": max(cancelled_at, at),
                    "done_at": done,
                }
            )

    def review(
        self,
        o: PlannedOrder,
        worker_id: int | None,
        completed_at: datetime,
        out: dict[str, list[Row]],
    ) -> datetime:
        """The customer's review (now and then a complaint); returns when it was written."""
        r = self.rng.random
        overall = o.review
        scores = [min(5, max(1, overall + _SCORE_SPREAD[int(r() * 5)])) for _ in range(4)]
        band = texts.review_band(overall)
        phrase = band[int(r() * len(band))]
        emoji = texts.REVIEW_EMOJI[int(r() * len(texts.REVIEW_EMOJI))]
        y = r()
        text = "" if y < 0.15 else (phrase + emoji if overall >= 4 and y > 0.75 else phrase)
        at = max(
            completed_at,
            min(completed_at + timedelta(minutes=60 + int(r() * 2820)), self.now - _MINUTE),
        )
        out["review"].append(
            {
                "id": self._id("review"),
                "order_id": o.id,
                "customer_id": o.address.customer.id,
                "worker_id": worker_id,
                "attitude": scores[0],
                "skill": scores[1],
                "efficiency": scores[2],
                "punctuality": scores[3],
                "overall": overall,
                "text": text,
                "reply_text": texts.REVIEW_REPLY if overall <= 2 else "",
                "is_hidden": False,
                "created_at": at,
            }
        )
        if overall <= 2 and r() < 0.12:
            self.complaint(o, worker_id, at, overall, out)
        return at

    def complaint(
        self,
        o: PlannedOrder,
        worker_id: int | None,
        after: datetime,
        overall: int,
        out: dict[str, list[Row]],
    ) -> None:
        """A complaint about the order, handled by the branch manager."""
        r, now = self.rng.random, self.now
        category, text, resolution = texts.COMPLAINTS[int(r() * len(texts.COMPLAINTS))]
        created = min(after + timedelta(minutes=10 + int(r() * 170)), now)
        age = now - created
        closed_after = timedelta(hours=4 + int(r() * 100))
        compensation = 1000 * (2 + int(r() * 9)) if r() < 0.3 else 0
        branch = o.address.district.branch
        state = (
            "closed"
            if age > timedelta(days=7)
            else ("in_progress" if age > timedelta(days=2) else "open")
        )
        closed = state == "closed"
        out["complaint"].append(
            {
                "id": self._id("complaint"),
                "branch_id": branch + 1,
                "order_id": o.id,
                "customer_id": o.address.customer.id,
                "worker_id": worker_id,
                "category": category,
                "priority": "high" if overall <= 1 else "normal",
                "channel": o.channel,
                "text": text,
                "state": state,
                "owner_id": self.staff.manager[branch],
                "deadline_at": created + timedelta(hours=48),
                "resolution": resolution if closed else "",
                "compensation_fen": compensation if closed else 0,
                "created_at": created,
                "closed_at": min(created + closed_after, now) if closed else None,
            }
        )
