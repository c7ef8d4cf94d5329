"""The areas whose demo data goes through their own services, after the bulk rows.

Vetting cases, quality cases, training … are few (hundreds, not millions) and full of
rules; writing them through the services keeps the demo honest about those rules. Each
area adds its ``seed(session, rng) -> rows written`` to ``SEEDERS``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from jiazheng_desk.demo import (
    coupon_demo,
    finance_demo,
    invoice_demo,
    leave_demo,
    quality_demo,
    training_demo,
    vetting_demo,
)

Seeder = Callable[[Session, random.Random], int]

# (name, seeder); names key the rng so one area's data does not shift another's
SEEDERS: tuple[tuple[str, Seeder], ...] = (
    ("quality", quality_demo.seed),
    ("training", training_demo.seed),
    ("vetting", vetting_demo.seed),
    ("leave", leave_demo.seed),
    ("invoices", invoice_demo.seed),
    # before finance: the discounts of the redeemed coupons are in the orders it posts
    ("coupons", coupon_demo.seed),
    # last: it posts the ledger of what the others left (quality's refund requests wait)
    ("finance", finance_demo.seed),
)


def seed_areas(engine: Engine, seed: int) -> dict[str, int]:
    """Run every area's seeder in its own transaction; rows written per area."""
    counts: dict[str, int] = {}
    for name, seeder in SEEDERS:
        with Session(engine) as session, session.begin():
            counts[name] = seeder(session, random.Random(f"demo-{name}-{seed}"))
    return counts
