"""The payment gateway's daily statement, sandbox: written from our own payment and refund
rows, so a demo or a test has a statement to reconcile.

Differences can be injected (what a real statement shows now and then): ``drop`` leaves
lines out (by gateway reference), ``amounts`` changes an amount, ``extra`` adds lines we
know nothing of. ``from_env`` reads them from ``JIAZHENG_STATEMENT_SANDBOX_DROP`` (refs,
comma-separated) and ``JIAZHENG_STATEMENT_SANDBOX_EXTRA`` (``ref:fen`` pairs), for a
demonstration without code.
"""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from jiazheng_desk.services.reconciliation import Movement, list_gateway_movements, statement_csv


class SandboxStatementGateway:
    """A ``reconciliation.StatementGateway`` for the demo and the tests."""

    def __init__(
        self,
        *,
        drop: tuple[str, ...] = (),
        amounts: dict[str, int] | None = None,
        extra: tuple[tuple[str, str, int], ...] = (),
    ) -> None:
        self.drop = set(drop)
        self.amounts = dict(amounts or {})
        # (gateway_ref, kind, amount_fen)
        self.extra = extra

    @classmethod
    def from_env(cls) -> SandboxStatementGateway:
        drop = tuple(
            r for r in os.environ.get("JIAZHENG_STATEMENT_SANDBOX_DROP", "").split(",") if r
        )
        extra = []
        for pair in os.environ.get("JIAZHENG_STATEMENT_SANDBOX_EXTRA", "").split(","):
            ref, _, fen = pair.partition(":")
            if ref and fen.lstrip("-").isdigit():
                extra.append((ref, "payment", int(fen)))
        return cls(drop=drop, extra=tuple(extra))

    def fetch_statement(self, session: Session, *, day: date, tz: str) -> str:
        lines = [
            replace(m, amount_fen=self.amounts.get(m.gateway_ref, m.amount_fen))
            for m in list_gateway_movements(session, day=day, tz=tz)
            if m.gateway_ref not in self.drop
        ]
        noon = datetime.combine(day, time(12), ZoneInfo(tz)).astimezone(UTC)
        lines += [Movement(ref, kind, fen, noon) for ref, kind, fen in self.extra]
        return statement_csv(lines)
