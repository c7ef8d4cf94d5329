"""The Orders list's first paint and a filter over 1,000,000 orders, beside a bare QTableView.

    python -m benchmarks.orders_view [--quick] [--runs N] [--db FILE]

The orders come from ``jiazheng_desk.demo.generate`` (scale large: 1,000,000 orders; with
``--quick`` the small demo, 30,000), written once into a cached SQLite file under
``~/.cache/jiazheng-bench/`` and reused (building the large one takes minutes).

Measured offscreen, in one process, warm (one untimed round first), median of ``--runs``:

- bare: a plain ``QTableView`` over a minimal ``QAbstractTableModel`` that already holds
  the same first page of rows (read beforehand with one plain SQL query, whose time is
  printed as ``bare_query_ms`` but is not part of the bare figure): from creating the
  view to its first paint, at the size the desk's table gets;
- desk: the Orders page (``OrdersPage``, a real ``TaskRunner`` on the same database) from
  creation to the first page of orders painted: widgets, the query through the runner's
  thread (``list_orders``: page ids, capped count, rows), the model and the paint;
- filter: on the painted page, a state group and a date range applied, until the new
  first page is painted.

Goal (orders issue): desk first paint ≤ 1.5 × bare. The breakdown after the figures
(the service call alone, its page-id query, its count, the query plan) says where the
desk's time goes when it is not met.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QEventLoop,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView, QWidget

GOAL = 1.5
PAGE = 200
CACHE = Path.home() / ".cache" / "jiazheng-bench"
# the size of the desk window the page is measured in
PAGE_SIZE = QSize(1240, 780)

BARE_SQL = """
SELECT o.order_no, o.starts_at, o.ends_at, i.name, o.units, c.name, c.phone, d.name,
       w.name, o.state, o.total_fen, o.channel, o.exception_reason
FROM (SELECT id, order_no, starts_at, ends_at, item_id, units, customer_id, district_id,
             worker_id, state, total_fen, channel, exception_reason
      FROM orders ORDER BY starts_at DESC, id DESC LIMIT :page) AS o
JOIN customer AS c ON c.id = o.customer_id
JOIN district AS d ON d.id = o.district_id
JOIN service_item AS i ON i.id = o.item_id
LEFT JOIN worker AS w ON w.id = o.worker_id
ORDER BY o.starts_at DESC, o.id DESC
"""


def database_file(scale: str, override: str | None) -> Path:
    """The cached demo database of this scale, built on first use."""
    if override:
        return Path(override).expanduser()
    from jiazheng_desk.db import make_engine
    from jiazheng_desk.demo import generate
    from jiazheng_desk.schema import upgrade

    path = CACHE / f"{scale}.sqlite3"
    if path.exists():
        # a file cached by an older version gets the newer migrations (indexes)
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        return path

    CACHE.mkdir(parents=True, exist_ok=True)
    building = path.with_name(f"{scale}.building.sqlite3")
    for leftover in CACHE.glob(f"{building.name}*"):
        leftover.unlink()
    print(f"building {path} (scale {scale}; large takes several minutes) …", flush=True)
    engine = make_engine(f"sqlite:///{building}")
    try:
        upgrade(engine)
        generate(engine, scale=scale, progress=lambda msg: print(f"  {msg}", flush=True))
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()
    building.rename(path)
    return path


# --- waiting for paint ----------------------------------------------------------------


class PaintProbe(QObject):
    """Sees the first paint event of a widget once ``ready()`` holds."""

    def __init__(self, widget: QWidget, ready: Callable[[], bool]) -> None:
        super().__init__()
        self.ready = ready
        self.seen = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.seen and self.ready():
            self.seen = True
        return False


def pump_until(app: QApplication, done: Callable[[], bool], timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not done():
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() > end:
            raise TimeoutError("nothing painted")


def paint_time(app: QApplication, probe: PaintProbe) -> float:
    """Pump events until the probe saw the paint; the moment that paint was done.

    The filter sees the event before the widget paints; when ``processEvents`` returns
    here the paint is finished, so the time is taken then.
    """
    pump_until(app, lambda: probe.seen)
    return time.perf_counter()


# --- bare -----------------------------------------------------------------------------


class BareModel(QAbstractTableModel):
    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 12

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()][index.column()]
        return None


def bare_rows(engine: Any) -> tuple[list[tuple[str, ...]], float]:
    from sqlalchemy import text

    started = time.perf_counter()
    with engine.connect() as conn:
        raw = conn.execute(text(BARE_SQL), {"page": PAGE}).all()
    elapsed = time.perf_counter() - started
    rows = [
        (r[0], f"{r[1]}–{r[2]}", r[3], str(r[4]), r[5], r[6], r[7], r[8] or "—", r[9],
         f"¥{r[10] / 100:,.2f}", r[11], r[12])
        for r in raw
    ]  # fmt: skip
    return rows, elapsed


def bare_first_paint(app: QApplication, rows: list[tuple[str, ...]], size: QSize) -> float:
    started = time.perf_counter()
    model = BareModel(rows)
    view = QTableView()
    view.setModel(model)
    view.resize(size)
    probe = PaintProbe(view.viewport(), lambda: True)
    view.show()
    ended = paint_time(app, probe)
    view.close()
    view.deleteLater()
    app.processEvents()
    return ended - started


# --- desk -----------------------------------------------------------------------------


def desk_context(database: Any) -> Any:
    from sqlalchemy import select

    from jiazheng_desk.models import StaffUser
    from jiazheng_desk.services.auth import StaffSession, actor_for
    from jiazheng_desk.services.permissions import permissions_of
    from jiazheng_desk.tasks import TaskRunner
    from jiazheng_desk.views.main_window import DeskContext

    with database.session() as session:
        user = session.scalars(
            select(StaffUser).where(StaffUser.role == "hq_admin").order_by(StaffUser.id)
        ).first()
        assert user is not None, "the demo has no HQ administrator"
        staff = StaffSession(
            actor=actor_for(user),
            username=user.username,
            branch_name="",
            timezone="Asia/Shanghai",
            must_change_password=False,
        )
    runner = TaskRunner(database)
    return DeskContext(
        runner=runner,
        session=staff,
        permissions=permissions_of(staff.actor),
        database_label=database.label,
        embedded=True,
    )


def settle(app: QApplication, ctx: Any) -> None:
    """Let the page's background work (filter choices) finish between rounds."""
    pump_until(app, lambda: ctx.runner.pending_count == 0)
    app.processEvents()


def desk_first_paint(app: QApplication, ctx: Any) -> tuple[float, Any]:
    from jiazheng_desk.views.orders.orders_page import OrdersPage

    holder: dict[str, Any] = {}

    def ready() -> bool:
        page = holder.get("page")
        return page is not None and page.model.rowCount() > 0

    started = time.perf_counter()
    page = OrdersPage(ctx)
    holder["page"] = page
    page.resize(PAGE_SIZE)
    probe = PaintProbe(page.table.viewport(), ready)
    page.show()
    ended = paint_time(app, probe)
    return ended - started, page


def desk_filter(app: QApplication, page: Any) -> float:
    """Apply a state group and a date range to the painted list; time to the new page."""
    bar = page.filters
    arrived: list[bool] = []
    page.model.first_page_loaded.connect(lambda: arrived.append(True))
    probe = PaintProbe(page.table.viewport(), lambda: bool(arrived))
    bar.state.blockSignals(True)
    bar.set_states("done")
    bar.state.blockSignals(False)
    started = time.perf_counter()
    bar.set_preset("last_30_days")  # one reload with both
    ended = paint_time(app, probe)
    return ended - started


def close_page(app: QApplication, ctx: Any, page: Any) -> None:
    settle(app, ctx)
    page.close()
    page.deleteLater()
    app.processEvents()


# --- where the time goes --------------------------------------------------------------


def service_breakdown(database: Any, ctx: Any, runs: int) -> dict[str, float]:
    from sqlalchemy import select

    from jiazheng_desk.services import order_list
    from jiazheng_desk.services.order_list import ORDERS, OrderFilter, _filtered

    actor = ctx.actor
    flt = OrderFilter()
    out: dict[str, list[float]] = {"list_orders_ms": [], "page_ids_ms": [], "count_ms": []}
    with database.session() as session:
        ids_stmt = (
            _filtered(session, select(ORDERS.c.id), actor, flt)
            .order_by(ORDERS.c.starts_at.desc(), ORDERS.c.id.desc())
            .limit(PAGE)
        )
        for _ in range(runs):
            t0 = time.perf_counter()
            order_list.list_orders(session, actor=actor, flt=flt, limit=PAGE)
            t1 = time.perf_counter()
            session.scalars(ids_stmt).all()
            t2 = time.perf_counter()
            order_list.count_orders(session, actor=actor, flt=flt)
            t3 = time.perf_counter()
            out["list_orders_ms"].append((t1 - t0) * 1000)
            out["page_ids_ms"].append((t2 - t1) * 1000)
            out["count_ms"].append((t3 - t2) * 1000)
    return {k: statistics.median(v) for k, v in out.items()}


def query_plan(engine: Any) -> str:
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM orders ORDER BY starts_at DESC, id DESC LIMIT 200"
        ).all()
    return "; ".join(str(r[-1]) for r in rows)


# --- main -----------------------------------------------------------------------------


def measure(app: QApplication, path: Path, runs: int) -> dict[str, Any]:
    """Every figure for one database file (warm: one untimed round first)."""
    from jiazheng_desk.db import Database, make_engine

    database = Database(make_engine(f"sqlite:///{path}"))
    with database.engine.connect() as conn:
        orders = conn.exec_driver_sql("SELECT count(*) FROM orders").scalar_one()
    ctx = desk_context(database)

    # warm-up round (disk cache, SQLite page cache, Qt's first-use costs), untimed
    rows, _ = bare_rows(database.engine)
    _, page = desk_first_paint(app, ctx)
    size = page.table.viewport().size()
    desk_filter(app, page)
    close_page(app, ctx, page)
    bare_first_paint(app, rows, size)

    bare, desk, flt, queries = [], [], [], []
    for _ in range(runs):
        rows, query_s = bare_rows(database.engine)
        queries.append(query_s)
        bare.append(bare_first_paint(app, rows, size))
        first, page = desk_first_paint(app, ctx)
        desk.append(first)
        settle(app, ctx)
        flt.append(desk_filter(app, page))
        close_page(app, ctx, page)
    breakdown = service_breakdown(database, ctx, runs)
    plan = query_plan(database.engine)
    ctx.runner.wait_for_threads(10000)
    database.dispose()

    def ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    return {
        "orders": orders,
        "bare_first_paint_ms": ms(bare),
        "bare_query_ms": ms(queries),
        "desk_first_paint_ms": ms(desk),
        "desk_first_paint_ms_min": min(desk) * 1000,
        "desk_filter_ms": ms(flt),
        **{f"service_{k}": v for k, v in breakdown.items()},
        "page_ids_plan": plan,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="the small demo (30,000 orders)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", help="an existing demo SQLite file to use instead")
    args = parser.parse_args(argv)
    import PySide6

    if PySide6.__version__ == "6.12.0":
        # every Signal.emit() drops a reference to True there: a long run aborts
        # ("bool_dealloc"); 6.11 is fine
        print("note: PySide6 6.12.0 loses references on each signal emit; use 6.11", flush=True)
    scale = "small" if args.quick else "large"
    path = database_file(scale, args.db)

    from jiazheng_desk.views import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    theme.apply_fonts(app)
    theme.apply_style(app)
    theme.install_language(app, "zh_CN")
    figures = measure(app, path, args.runs)

    bare_ms, desk_ms = figures["bare_first_paint_ms"], figures["desk_first_paint_ms"]
    ratio = desk_ms / bare_ms
    print(f"runs: {args.runs}")
    for key, value in figures.items():
        print(f"{key}: {value:.1f}" if isinstance(value, float) else f"{key}: {value}")
    print(f"desk_first_paint_vs_bare: {ratio:.2f}")
    print(f"desk_filter_vs_bare_first_paint: {figures['desk_filter_ms'] / bare_ms:.2f}")
    verdict = "met" if ratio <= GOAL else "NOT MET"
    print(f"goal: orders list first paint vs bare QTableView {ratio:.2f} <= {GOAL}: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
