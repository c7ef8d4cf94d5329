"""The demo generator on SQLite and MySQL: determinism, the booking invariants, logins."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text

from jiazheng_desk import clock
from jiazheng_desk.db import Database, make_engine
from jiazheng_desk.demo import DemoError, DemoResult, generate
from jiazheng_desk.demo.areas import SEEDERS
from jiazheng_desk.demo.generate import DEMO_TABLES, SCALES, make_people
from jiazheng_desk.demo.texts import possible_review_texts
from jiazheng_desk.i18n import t
from jiazheng_desk.models import Base, Customer, Order, OrderEvent, Review, ShiftTemplate
from jiazheng_desk.schema import upgrade
from jiazheng_desk.services.auth import login
from jiazheng_desk.services.order_states import HOLDING_STATES, TRANSITIONS
from tests.factories import make_branch

SEED = 7
# two instants on different weekdays and times of day: the counts must not care
FIRST_NOW = datetime(2026, 3, 10, 2, 30, tzinfo=UTC)
SECOND_NOW = FIRST_NOW + timedelta(days=3, hours=7)
LOCAL = timedelta(hours=8)

# each query counts the rows that break one rule the demo promises
DOUBLE_BOOKED = """
    SELECT COUNT(*) FROM orders a JOIN orders b ON a.worker_id = b.worker_id AND a.id < b.id
    WHERE a.state <> 'cancelled' AND b.state <> 'cancelled'
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"""
UNSKILLED = """
    SELECT COUNT(*) FROM orders o JOIN service_item i ON i.id = o.item_id
    WHERE o.worker_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM worker_skill ws WHERE ws.worker_id = o.worker_id
          AND ws.skill_id = i.skill_id AND ws.level >= i.required_level)"""
OUT_OF_DISTRICT = """
    SELECT COUNT(*) FROM orders o WHERE o.worker_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM worker_district wd
        WHERE wd.worker_id = o.worker_id AND wd.district_id = o.district_id)"""
UNCERTIFIED = """
    SELECT COUNT(*) FROM orders o
      JOIN service_item i ON i.id = o.item_id JOIN skill s ON s.id = i.skill_id
    WHERE o.worker_id IS NOT NULL AND s.required_cert_type <> '' AND NOT EXISTS (
        SELECT 1 FROM worker_document d WHERE d.worker_id = o.worker_id
          AND d.cert_type = s.required_cert_type AND d.expires_on >= o.service_day)"""
BAD_TOTALS = """
    SELECT COUNT(*) FROM orders o
    WHERE o.total_fen <> o.base_fen + o.options_fen + o.travel_fee_fen + o.surcharge_fen
                         - o.discount_fen
       OR o.total_fen <= 0
       OR o.options_fen <> COALESCE(
            (SELECT SUM(oo.price_fen) FROM order_option oo WHERE oo.order_id = o.id), 0)"""
BAD_PAYMENTS = """
    SELECT COUNT(*) FROM payment p JOIN orders o ON o.id = p.order_id
    WHERE p.amount_fen <> o.total_fen OR p.customer_id <> o.customer_id"""
BAD_RATINGS = """
    SELECT COUNT(*) FROM worker w
    LEFT JOIN (SELECT worker_id, COUNT(*) AS n, SUM(overall) AS total
               FROM review GROUP BY worker_id) r ON r.worker_id = w.id
    WHERE w.rating_count <> COALESCE(r.n, 0) OR w.rating_sum <> COALESCE(r.total, 0)"""
BAD_LAST_ORDERS = """
    SELECT COUNT(*) FROM customer c
    LEFT JOIN (SELECT customer_id, MAX(created_at) AS latest
               FROM orders GROUP BY customer_id) x ON x.customer_id = c.id
    WHERE (x.latest IS NULL) <> (c.last_order_at IS NULL) OR x.latest <> c.last_order_at"""
UNREVIEWED = """
    SELECT COUNT(*) FROM orders o WHERE (o.state = 'reviewed') <> EXISTS (
        SELECT 1 FROM review r WHERE r.order_id = o.id)"""


@dataclass
class Demo:
    engine: Engine
    result: DemoResult


def _generate_at(engine: Engine, now: datetime, seed: int = SEED) -> DemoResult:
    clock.freeze(now)
    try:
        return generate(engine, seed=seed, scale="small")
    finally:
        clock.reset()


@pytest.fixture(scope="module")
def fresh_engine(
    request: pytest.FixtureRequest, sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Engine]]:
    """Make empty migrated databases of a kind; they are dropped with the module."""
    made: list[tuple[Engine, str | None]] = []

    def make(kind: str) -> Engine:
        if kind == "sqlite":
            path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
            shutil.copy(sqlite_template, path)
            engine = make_engine(f"sqlite:///{path}")
            made.append((engine, None))
            return engine
        server = request.getfixturevalue("mysql_server")
        name = server.create_database("jiazheng_demo")
        engine = make_engine(server.url_for(name))
        made.append((engine, name))
        upgrade(engine)
        return engine

    yield make
    for engine, name in made:
        engine.dispose()
        if name is not None:
            request.getfixturevalue("mysql_server").drop_database(name)


@pytest.fixture(scope="module", params=["sqlite", "mysql"])
def demo(request: pytest.FixtureRequest, fresh_engine: Callable[[str], Engine]) -> Demo:
    """A small demo, written once per database kind for the whole module."""
    engine = fresh_engine(request.param)
    return Demo(engine, _generate_at(engine, FIRST_NOW))


def _scalar(engine: Engine, sql: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(sql)).scalar_one())


def test_same_seed_gives_same_counts_on_any_day(
    demo: Demo, fresh_engine: Callable[[str], Engine]
) -> None:
    second = fresh_engine(demo.engine.dialect.name)
    again = _generate_at(second, SECOND_NOW)

    assert again.counts == demo.result.counts
    counts = demo.result.counts
    assert set(counts) == set(DEMO_TABLES)
    # the areas seeded through their services each wrote something, the same each time
    assert set(demo.result.seeded) == {name for name, _ in SEEDERS}
    assert all(rows > 0 for rows in demo.result.seeded.values())
    assert again.seeded == demo.result.seeded
    assert (counts["worker"], counts["customer"], counts["orders"]) == (300, 3_000, 30_000)
    assert (counts["staff_user"], counts["branch"], counts["district"]) == (13, 3, 9)
    assert 3_000 <= counts["customer_address"] <= 4_500
    assert 20_000 <= counts["payment"] <= 30_000
    assert 10_000 <= counts["review"] <= 16_000
    assert 5 <= counts["complaint"] <= 300
    with demo.engine.connect() as conn:
        for name, expected in counts.items():
            table = Base.metadata.tables[name]
            # the areas' seeders add to some bulk tables (complaints, documents) afterwards
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() >= expected
    # the same orders are laid out whatever the day; only the dates move
    layout = select(
        Order.id, Order.customer_id, Order.worker_id, Order.item_id, Order.units, Order.kind,
        Order.state,
    ).order_by(Order.id)  # fmt: skip
    with demo.engine.connect() as a, second.connect() as b:
        assert a.execute(layout).all() == b.execute(layout).all()


def test_no_worker_is_booked_twice(demo: Demo) -> None:
    assert _scalar(demo.engine, DOUBLE_BOOKED) == 0
    assert _scalar(demo.engine, "SELECT COUNT(DISTINCT worker_id) FROM orders") > 200


def test_workers_have_the_skill_district_and_certificate(demo: Demo) -> None:
    broken = [_scalar(demo.engine, sql) for sql in (UNSKILLED, OUT_OF_DISTRICT, UNCERTIFIED)]
    assert broken == [0, 0, 0]


def test_visits_fall_inside_the_workers_shifts(demo: Demo) -> None:
    with demo.engine.connect() as conn:
        shifts: dict[int, set[tuple[int, int, int]]] = {}
        for wid, weekday, start, end in conn.execute(
            select(ShiftTemplate.worker_id, ShiftTemplate.weekday, ShiftTemplate.start_minute,
                   ShiftTemplate.end_minute)
        ):  # fmt: skip
            shifts.setdefault(wid, set()).add((weekday, start, end))
        visits = conn.execute(
            select(Order.worker_id, Order.starts_at, Order.ends_at, Order.service_day).where(
                Order.worker_id.is_not(None), Order.kind != "placement", Order.state != "cancelled"
            )
        ).all()
    outside = []
    for wid, starts_at, ends_at, service_day in visits:
        local = starts_at + LOCAL
        assert local.date() == service_day
        start = local.hour * 60 + local.minute
        end = start + int((ends_at - starts_at).total_seconds()) // 60
        if not any(w == local.weekday() and s <= start and end <= e for w, s, e in shifts[wid]):
            outside.append((wid, local))
    assert len(visits) > 20_000
    assert outside == []


def test_money_reviews_ratings_and_last_orders_add_up(demo: Demo) -> None:
    rules = (BAD_TOTALS, BAD_PAYMENTS, UNREVIEWED, BAD_RATINGS, BAD_LAST_ORDERS)
    assert [_scalar(demo.engine, sql) for sql in rules] == [0] * len(rules)
    unassigned = "SELECT COUNT(*) FROM orders WHERE worker_id IS NULL AND state <> 'cancelled'"
    assert _scalar(demo.engine, unassigned) >= 150


def test_nothing_happens_in_the_future(demo: Demo) -> None:
    stamps = {
        "orders": "created_at", "order_event": "created_at", "payment": "confirmed_at",
        "refund": "done_at", "review": "created_at", "complaint": "created_at",
        "customer": "last_order_at", "worker": "created_at", "worker_document": "verified_at",
    }  # fmt: skip
    tables = Base.metadata.tables
    with demo.engine.connect() as conn:
        for name, column in stamps.items():
            latest = conn.execute(select(func.max(tables[name].c[column]))).scalar_one()
            assert latest is not None
            assert latest <= FIRST_NOW, name
        booked_after_start = select(func.count()).where(Order.created_at > Order.starts_at)
        assert conn.execute(booked_after_start).scalar_one() == 0


def test_orders_follow_the_state_machine(demo: Demo) -> None:
    """The demo is what the services would have written: each event a legal transition,
    the last one the order's state, and every booked worker's order holding her time."""
    with demo.engine.connect() as conn:
        states = dict(conn.execute(select(Order.id, Order.state)).all())
        events = conn.execute(
            select(OrderEvent.order_id, OrderEvent.event, OrderEvent.from_state,
                   OrderEvent.to_state).order_by(OrderEvent.order_id, OrderEvent.id)
        ).all()  # fmt: skip
        unheld = conn.execute(
            select(func.count()).where(
                Order.worker_id.is_not(None),
                Order.state.not_in(HOLDING_STATES | {"cancelled", "refunded"}),
            )
        ).scalar_one()
    last: dict[int, str] = {}
    illegal = []
    for order_id, event, before, after in events:
        legal = event == "create" and before == "" and after == "created"
        if not legal and TRANSITIONS.get(event, {}).get(before) != after:
            illegal.append((order_id, event, before, after))
        if last.get(order_id, "") != before:
            illegal.append((order_id, event, "after", last.get(order_id, "")))
        last[order_id] = after
    assert illegal[:5] == []
    assert last == states
    assert unheld == 0
    assert "accepted" in set(states.values())


def test_chinese_text_round_trips(demo: Demo) -> None:
    made = make_people(SEED, SCALES["small"]).customers[:200]
    with demo.engine.connect() as conn:
        stored = conn.execute(
            select(Customer.name, Customer.phone, Customer.name_initials)
            .where(Customer.id <= 200)
            .order_by(Customer.id)
        ).all()
        reviews = set(conn.execute(select(Review.text)).scalars())
    assert [tuple(row) for row in stored] == [(c.name, c.phone, c.initials) for c in made]
    assert reviews <= possible_review_texts()
    assert any("👍" in text for text in reviews)


def test_demo_logins_log_in(demo: Demo) -> None:
    logins = demo.result.logins
    roles = {x.role for x in logins}
    assert roles == {"hq_admin", "branch_manager", "dispatcher", "vetting_officer", "finance"}
    assert {x.branch_name for x in logins} == {"", "浦东分店", "徐汇分店", "静安分店"}
    database = Database(demo.engine)
    for x in logins:
        assert len(x.password) >= 8
        with database.session(write=True) as session:
            who = login(session, username=x.username, password=x.password)
        assert (who.actor.role, who.branch_name) == (x.role, x.branch_name)


def test_refuses_a_database_that_is_not_empty(live_db: Database) -> None:
    with live_db.session(write=True) as session:
        make_branch(session, name="已有门店")

    with pytest.raises(DemoError) as caught:
        generate(live_db.engine, seed=1, scale="small")

    assert caught.value.not_empty
    assert "不是空的" in str(caught.value)
    assert "not empty" in t(caught.value.key, "en", **caught.value.params)
    with live_db.session() as session:
        assert session.scalar(select(func.count()).select_from(Customer)) == 0


def test_refuses_an_unknown_scale(live_db: Database) -> None:
    with pytest.raises(DemoError) as caught:
        generate(live_db.engine, scale="huge")
    assert "huge" in str(caught.value)
    assert not caught.value.not_empty
