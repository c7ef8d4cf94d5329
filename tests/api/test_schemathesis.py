"""Schemathesis over ``/openapi.json``: no 5xx, and every response fits the published schema.

Every operation is fuzzed (the schema's examples, the boundary cases of valid input, random
valid and invalid input), worker routes as a logged-in worker and all others as a logged-in
customer, on both databases (the MySQL half takes about as long as the SQLite one). The
shop already holds some of everything: orders in each step of a visit, an offer, a pooled
order, a private message, a notification and a photo. About half of the generated ids are
pointed at those (``_aim``), so the fuzzing gets past "not found" into the rules; the other
half stay random.

The shop is built once per module and each operation starts from the same rows again
(``_restore``): building it per operation cost more than the fuzzing. The run is seeded and
derandomised, so CI sees the same cases every time, with few examples per operation: a
smoke net, not a soak. For a soak, raise ``MAX_EXAMPLES``, change ``SEED`` and drop the
"positive" coverage mode (hundreds of examples per operation: minutes, not seconds).

``POST /payments/callback`` is fuzzed like the rest, but its body is the gateway's signed
bytes and not part of the schema, so every case ends at the signature check (401 in the
documented error shape); the signed path is covered by test_payments.py.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from sqlalchemy import Engine, Table, insert, select

from api_stub.app import API_PREFIX, create_app
from jiazheng_desk import clock
from jiazheng_desk.db import Database, make_engine
from jiazheng_desk.models import Base, Branch, Order, Payment
from jiazheng_desk.services import invoices, offers
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.api.customer_support import DAY, NOW, Shop, notify_customer, open_shop, set_state
from tests.booking_factories import local
from tests.factories import actor, make_staff
from tests.worker_factories import jpeg_with_gps

SEED = 20261120
MAX_EXAMPLES = 10
CONFIG = schemathesis.Config.from_dict(
    {
        "seed": SEED,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        # the boundary cases of valid input reach the rules and the database; the invalid
        # ones (thousands, nearly all answered by request validation) are left to the
        # random fuzzing, which sends invalid input too
        "phases": {"coverage": {"generation": {"mode": "positive"}}},
    }
)


def _published_app() -> Any:
    # only the schema is read from this one (nothing reaches its database); the cases go
    # to the app of the module's shop
    return create_app(Database(make_engine("sqlite://")))


schema = schemathesis.openapi.from_asgi("/openapi.json", _published_app(), config=CONFIG)

Rows = list[tuple[Table, list[dict[str, Any]]]]


def _clear(engine: Engine) -> None:
    with engine.begin() as conn:
        if engine.dialect.name == "mysql":
            conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS=0")
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        if engine.dialect.name == "mysql":
            conn.exec_driver_sql("SET FOREIGN_KEY_CHECKS=1")


def _snapshot(engine: Engine) -> Rows:
    with engine.connect() as conn:
        return [
            (table, [dict(row._mapping) for row in conn.execute(select(table))])
            for table in Base.metadata.sorted_tables
        ]


def _restore(engine: Engine, rows: Rows) -> None:
    """Back to the seeded shop: the same rows with the same ids."""
    _clear(engine)
    with engine.begin() as conn:
        for table, content in rows:
            if content:
                conn.execute(insert(table), content)


@dataclass
class Fuzzed:
    """The seeded shop, its app and the real ids the fuzzer may aim at."""

    shop: Shop
    app: Any
    engine: Engine
    rows: Rows = field(default_factory=list)
    ids: dict[str, list[int]] = field(default_factory=dict)

    def token_for(self, path: str) -> str:
        """The worker's token on worker routes, the customer's everywhere else."""
        if path.startswith(f"{API_PREFIX}/worker/"):
            return self.shop.worker_tokens[0]
        return self.shop.token


def _order(shop: Shop, hour: int, **overrides: Any) -> int:
    reply = shop.book(shop.booking(hour=hour, **overrides))
    assert reply.status_code == 201, reply.text
    return int(reply.json()["order"]["id"])


def _seed(shop: Shop) -> dict[str, list[int]]:
    """Something for every route to find, on the Monday of the shop and the day after."""
    me = shop.worker_ids[0]
    booked = _order(shop, 8, worker_id=me)
    on_the_way = _order(shop, 11, worker_id=me)
    in_service = _order(shop, 14, worker_id=me)
    done = _order(shop, 17, worker_id=me)
    set_state(shop, on_the_way, "on_the_way")
    set_state(shop, in_service, "in_service")
    set_state(shop, done, "completed")
    offered = _order(shop, 9, starts_at=local(DAY + timedelta(days=1), 9).isoformat())
    pooled = _order(shop, 15)
    for paid in (offered, pooled):
        set_state(shop, paid, "confirmed")
    sent = shop.call("POST", f"/customer/orders/{booked}/messages", json={"body": "到了请打电话"})
    assert sent.status_code == 201, sent.text
    photo = shop.call(
        "POST", "/media", files={"file": ("photo.jpg", jpeg_with_gps(), "image/jpeg")}
    )
    assert photo.status_code == 201, photo.text
    with shop.db.session(write=True) as s:
        staff = actor(make_staff(s, role="dispatcher", branch=s.get(Branch, shop.branch_id)))
        offer = offers.offer(s, order_id=offered, worker_id=me, actor=staff)
        offers.open_pool(s, order_id=pooled, actor=staff)
        note = notify_customer(s, shop.customer_id, booked)
        invoice = _issued_invoice(s, shop, done)
    return {
        "order_id": [booked, on_the_way, in_service, done, offered, pooled],
        "offer_id": [offer],
        "notification_id": [note],
        "media_id": [int(photo.json()["id"])],
        "address_id": [shop.address_id],
        "worker_id": list(shop.worker_ids),
        "target_id": list(shop.worker_ids),
        "invoice_id": [invoice],
    }


def _issued_invoice(s: Any, shop: Shop, order_id: int) -> int:
    """The done order paid and invoiced (a company buyer), for the PDF route to find."""
    order = s.get(Order, order_id)
    s.add(
        Payment(
            order_id=order_id,
            customer_id=shop.customer_id,
            method="wechat",
            amount_fen=order.total_fen,
            state="confirmed",
            confirmed_at=clock.now(),
        )
    )
    s.flush()
    asked = invoices.request_invoice(
        s,
        actor=Actor(kind="customer", id=shop.customer_id, name="客户", source="api"),
        buyer_kind="company",
        title="上海星河科技有限公司",
        tax_id="91350100M000100Y43",
        email="finance@xinghe.cn",
        order_ids=[order_id],
    )
    finance = actor(make_staff(s, role="finance", branch=s.get(Branch, shop.branch_id)))
    issued = invoices.issue_invoice(
        s, actor=finance, request_id=asked.id, gateway=SandboxInvoiceGateway()
    )
    assert issued.row.invoice_id is not None
    return issued.row.invoice_id


def _database(kind: str, request: pytest.FixtureRequest, folder: Path) -> Database:
    if kind == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = folder / "fuzz.sqlite3"
        shutil.copy(template, path)
        return Database(make_engine(f"sqlite:///{path}"))
    # the worker process's scratch MySQL database (the live_db of other modules clears it
    # before each of their tests, as this module does)
    engine: Engine = request.getfixturevalue("mysql_engine")
    _clear(engine)
    return Database(engine)


@pytest.fixture(scope="module", params=["sqlite", "mysql"])
def seeded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Fuzzed]:
    folder = tmp_path_factory.mktemp("fuzz")
    database = _database(request.param, request, folder)
    try:
        with open_shop(database, media_dir=folder / "media") as shop:
            fuzzed = Fuzzed(shop=shop, app=shop.client.app, engine=database.engine)
            fuzzed.ids = _seed(shop)
            fuzzed.rows = _snapshot(database.engine)
            yield fuzzed
    finally:
        _clear(database.engine)
        if request.param == "sqlite":
            database.dispose()  # the MySQL engine is the session's


@pytest.fixture
def fuzzed(seeded: Fuzzed) -> Fuzzed:
    """The seeded shop as it was built, at its time (each test resets the clock)."""
    clock.freeze(NOW)
    _restore(seeded.engine, seeded.rows)
    return seeded


def _aim(case: schemathesis.Case, fuzzed: Fuzzed) -> None:
    """Point an even generated id at a real one (the generated value decides: reproducible)."""
    for name, value in (case.path_parameters or {}).items():
        known = fuzzed.ids.get(name)
        if known and isinstance(value, int) and value % 2 == 0:
            case.path_parameters[name] = known[(value // 2) % len(known)]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # the fixture resets the shop once per operation, not per example: on purpose
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_server_error_and_every_response_fits_the_schema(
    case: schemathesis.Case, fuzzed: Fuzzed
) -> None:
    _aim(case, fuzzed)
    case.call_and_validate(
        app=fuzzed.app,
        headers={"Authorization": f"Bearer {fuzzed.token_for(case.path)}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
