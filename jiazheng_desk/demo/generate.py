"""``jiazheng-desk demo``: fill an empty, migrated database with realistic demo data.

The whole world is planned in memory first (people, then every order in day order), so
that customers and workers can be written with figures that depend on their orders
(last order, member level, rating); the orders are then dressed and written in batches
with Core multi-row inserts (MEASURED.md: ORM ``add_all`` is 6× slower).
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any

from faker import Faker
from sqlalchemy import Engine, literal, select

from jiazheng_desk import clock
from jiazheng_desk.db import DatabaseError
from jiazheng_desk.demo.areas import seed_areas
from jiazheng_desk.demo.catalog import catalog_rows
from jiazheng_desk.demo.catalog_data import BRANCH_ROLES, BRANCHES
from jiazheng_desk.demo.frame import Frame
from jiazheng_desk.demo.orders import ORDER_TABLES, OrderRows
from jiazheng_desk.demo.people import (
    CustomerPlan,
    PeopleKit,
    WorkerPlan,
    demo_password,
    district_refs,
    district_weights,
    make_customer,
    make_worker,
)
from jiazheng_desk.demo.rows import (
    Row,
    StaffIds,
    StaffPlan,
    WorkerRows,
    customer_rows,
    series_rows,
    staff_rows,
)
from jiazheng_desk.demo.schedule import Plan, Scheduler
from jiazheng_desk.demo.writer import Writer, ahead
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Base
from jiazheng_desk.schema import schema_status
from jiazheng_desk.services.auth import hash_password

HISTORY_DAYS = 180
FUTURE_DAYS = 14
BATCH_ORDERS = 10_000
PROGRESS_ORDERS = 100_000
# the day offset on which the franchise opened
OPENED_DAY = -730
# not an argon2 hash, so it verifies no password until ``Writer.set_passwords``
PENDING_HASH = "!demo-pending"

# every table the demo writes, in foreign-key order
DEMO_TABLES: tuple[str, ...] = (
    "branch",
    "district",
    "staff_user",
    "skill",
    "service_category",
    "service_item",
    "service_option",
    "branch_price",
    "price_rule",
    "worker",
    "worker_skill",
    "worker_district",
    "shift_template",
    "worker_leave",
    "worker_document",
    "customer",
    "customer_address",
    "order_series",
    *ORDER_TABLES,
    "audit_log",
)


@dataclass(frozen=True)
class Scale:
    workers: int
    customers: int
    orders: int
    series: int
    streets: int


SCALES = {
    "small": Scale(workers=300, customers=3_000, orders=30_000, series=60, streets=400),
    "large": Scale(
        workers=10_000, customers=100_000, orders=1_000_000, series=2_000, streets=2_000
    ),
}


class DemoError(Exception):
    """The demo cannot be written; ``str()`` says why in the current language."""

    def __init__(self, key: str, /, *, not_empty: bool = False, **params: Any) -> None:
        self.key = key
        self.params = params
        # the command's --if-empty skips quietly on this one
        self.not_empty = not_empty
        super().__init__(key)

    def __str__(self) -> str:
        return t(self.key, **self.params)


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    role: str
    branch_name: str


@dataclass(frozen=True)
class DemoResult:
    counts: dict[str, int]
    logins: tuple[DemoLogin, ...]
    seconds: float
    # rows each area wrote through its services (vetting, quality, training …)
    seeded: dict[str, int] = field(default_factory=dict)


def generate(
    engine: Engine,
    *,
    seed: int = 1,
    scale: str = "small",
    progress: Callable[[str], None] | None = None,
    areas: bool = True,
) -> DemoResult:
    """Write the demo into an empty, migrated database; same seed and scale, same counts.

    ``areas=False`` writes only the bulk rows (the load benchmark times the areas apart)."""
    started = perf_counter()
    spec = SCALES.get(scale)
    if spec is None:
        raise DemoError("demo.bad_scale", scale=scale)
    say = progress or _quiet
    check_empty(engine)
    frame = Frame(clock.now(), history_days=HISTORY_DAYS, future_days=FUTURE_DAYS)
    say(t("demo.progress.people", workers=spec.workers, customers=spec.customers))
    people = make_people(seed, spec)
    writer = Writer(engine, say)
    # argon2 runs in C without the GIL: the staff's hashes are made while everything else
    # is planned and written, and go in last (until then the accounts cannot log in)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="demo-hash") as pool:
        hashes = pool.map(hash_password, [s.password for s in people.staff])
        say(t("demo.progress.plan", orders=spec.orders))
        plan = Scheduler(
            people.rng,
            frame,
            people.workers,
            people.customers,
            orders=spec.orders,
            series=spec.series,
        ).run()
        _write_world(writer, seed, frame, people, plan)
        writer.set_passwords([(s.id, h) for s, h in zip(people.staff, hashes, strict=True)])
    seeded = seed_areas(engine, seed) if areas else {}
    total_rows = sum(writer.counts.values())
    writer.write([("audit_log", [_audit_row(frame, seed, scale, total_rows)])])
    seconds = perf_counter() - started
    say(
        t(
            "demo.progress.done",
            generate=f"{seconds - writer.insert_seconds:.1f}",
            insert=f"{writer.insert_seconds:.1f}",
        )
    )
    branch_name = {i: b.name for i, b in enumerate(BRANCHES)}
    logins = tuple(
        DemoLogin(s.username, s.password, s.role, "" if s.branch is None else branch_name[s.branch])
        for s in people.staff
    )
    return DemoResult(counts=dict(writer.counts), logins=logins, seconds=seconds, seeded=seeded)


def _write_world(writer: Writer, seed: int, frame: Frame, people: People, plan: Plan) -> None:
    staff, workers, customers = people.staff, people.workers, people.customers
    staff_ids = StaffIds.of(staff)
    row_rng = random.Random(f"demo-rows-{seed}")
    # the franchise, its staff and its catalogue are older than the order history
    opened = frame.at(OPENED_DAY, 9 * 60)
    catalog = catalog_rows(frame, opened)
    writer.write(
        [*catalog[:2], ("staff_user", staff_rows(staff, PENDING_HASH, opened)), *catalog[2:]]
    )
    worker_rows = WorkerRows(row_rng, frame, staff_ids)
    for w in workers:
        worker_rows.add(w, plan.leave.get(w.id, []))
    writer.write(worker_rows.tables())
    writer.stream(customer_rows(row_rng, frame, customers))
    writer.write([("order_series", series_rows(frame, plan.series, staff_ids))])
    order_rows = OrderRows(random.Random(f"demo-orders-{seed}"), frame, staff_ids)
    done = 0
    for batch in ahead(order_rows.batches(plan.orders, BATCH_ORDERS)):
        writer.write(batch)
        done += len(batch[0][1])
        if done % PROGRESS_ORDERS == 0 or done == len(plan.orders):
            writer.say(t("demo.progress.orders", done=done, total=len(plan.orders)))


@dataclass(frozen=True)
class People:
    rng: random.Random
    staff: list[StaffPlan]
    workers: list[WorkerPlan]
    customers: list[CustomerPlan]


def make_people(seed: int, spec: Scale) -> People:
    """Staff, workers and customers of a seed (the random stream goes on into the plan)."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    staff_count = 1 + len(BRANCHES) * len(BRANCH_ROLES)
    kit = PeopleKit(
        rng, fake, people=staff_count + spec.workers + spec.customers, streets=spec.streets
    )
    staff = _staff(kit)
    districts = district_refs()
    workers = [make_worker(kit, i + 1, districts) for i in range(spec.workers)]
    cum = district_weights(districts)
    customers = []
    address_id = 1
    for i in range(spec.customers):
        customer = make_customer(kit, i + 1, address_id, districts, cum)
        address_id += len(customer.addresses)
        customers.append(customer)
    return People(rng, staff, workers, customers)


def check_empty(engine: Engine) -> None:
    """Refuse a database that is not migrated or already holds any of the demo's tables' rows."""
    try:
        status = schema_status(engine)
    except DatabaseError as exc:
        raise DemoError("demo.unusable", detail=str(exc)) from exc
    if status.state != "ok":
        raise DemoError("demo.schema", state=status.state)
    tables = Base.metadata.tables
    with engine.connect() as conn:
        for name in DEMO_TABLES:
            if conn.execute(select(literal(1)).select_from(tables[name]).limit(1)).first():
                raise DemoError("demo.not_empty", not_empty=True, table=name)


def _staff(kit: PeopleKit) -> list[StaffPlan]:
    rng = kit.rng
    staff = [
        StaffPlan(
            1, "hq.admin", kit.name("male"), "hq_admin", None, kit.phone(), demo_password(rng)
        )
    ]
    for b, branch in enumerate(BRANCHES):
        for role, suffix in BRANCH_ROLES:
            gender = "female" if rng.random() < 0.6 else "male"
            staff.append(
                StaffPlan(
                    len(staff) + 1,
                    f"{branch.slug}.{suffix}",
                    kit.name(gender),
                    role,
                    b,
                    kit.phone(),
                    demo_password(rng),
                )
            )
    return staff


def _audit_row(frame: Frame, seed: int, scale: str, rows: int) -> Row:
    return {
        # written after the areas' seeders, whose audit rows took the first ids
        "id": None,
        "created_at": frame.now,
        "actor_kind": "system",
        "actor_id": None,
        "actor_name": "demo",
        "source": "cli",
        "branch_id": None,
        "action": "demo.generate",
        "entity": "database",
        "entity_id": None,
        "before_json": "",
        "after_json": json.dumps({"seed": seed, "scale": scale, "rows": rows}),
    }


def _quiet(_message: str) -> None:
    return None
