"""The one runner for database work off the GUI thread.

Every view calls services through ``TaskRunner``: the function runs in a ``QThreadPool``
worker inside one unit of work (a read session for queries, a write session for
commands), and its result or error comes back to the GUI thread through a signal. A
branch office on a slow link to the shared MySQL must never see a frozen window.

- ``run_query(fn, *args, on_done=...)`` and ``run_command(fn, *args, on_done=...,
  changes={"staff"})`` call ``fn(session, *args, **kwargs)``; ``run_call`` runs a plain
  function without a session (connecting, checking the schema).
- Requests are numbered; with a ``key`` only the newest request of that key delivers
  its result, so a slow answer to an old filter never overwrites a newer one.
- Errors go to ``on_error`` when given, otherwise to the ``failed`` signal, which the
  application connects to its one error dialog. A ``DomainError`` is a message for the
  user; anything else is logged with its traceback and shown as "unexpected error".
- After a command succeeds, ``changed`` broadcasts the areas it touched so that each
  view refreshes only when its data changed (anki's ``operation_did_execute``).
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

if TYPE_CHECKING:
    # imported lazily: the login dialog must not wait for SQLAlchemy to load
    from jiazheng_desk.db import Database

log = logging.getLogger(__name__)

Callback = Callable[[Any], None]


@dataclass(frozen=True)
class TaskFailure:
    """An error delivered to the GUI thread: the exception and a message fit to show."""

    error: BaseException
    message: str
    # True for refusals of the business rules and database outages (no bug)
    expected: bool
    connection_lost: bool = False


def describe_failure(exc: BaseException) -> TaskFailure:
    """Turn an exception into what the user is told."""
    from jiazheng_desk.config import ConfigError
    from jiazheng_desk.db import DatabaseError, friendly_error, is_connection_error
    from jiazheng_desk.i18n import t
    from jiazheng_desk.services.errors import DomainError

    if isinstance(exc, DomainError | ConfigError | DatabaseError):
        return TaskFailure(exc, str(exc), expected=True)
    name = type(exc).__module__
    if name.startswith(("sqlalchemy", "pymysql", "sqlite3")) or isinstance(exc, OSError):
        lost = is_connection_error(exc)
        return TaskFailure(exc, friendly_error(exc), expected=True, connection_lost=lost)
    from jiazheng_desk.logsetup import current_log_file

    return TaskFailure(exc, t("error.unexpected", log=current_log_file()), expected=False)


@dataclass
class _Pending:
    on_done: Callback | None
    on_error: Callback | None
    key: str | None
    changes: frozenset[str] = field(default_factory=frozenset)


class _Relay(QObject):
    """Lives in the GUI thread; worker threads emit on it, Qt queues the call over."""

    finished = Signal(int, object, object)


class _Job(QRunnable):
    def __init__(self, request_id: int, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.request_id = request_id
        self.work = work
        self.relay = relay
        # the submitter's context (its message language) goes with the work
        self.context = contextvars.copy_context()
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            result = self.context.run(self.work)
        except BaseException as exc:
            if not getattr(exc, "commit_before_raise", False) and not _is_expected(exc):
                log.exception("task %s failed", self.request_id)
            self.relay.finished.emit(self.request_id, None, exc)
        else:
            self.relay.finished.emit(self.request_id, result, None)


def _is_expected(exc: BaseException) -> bool:
    from jiazheng_desk.config import ConfigError
    from jiazheng_desk.db import DatabaseError
    from jiazheng_desk.services.errors import DomainError

    return isinstance(exc, DomainError | ConfigError | DatabaseError)


class TaskRunner(QObject):
    """Runs service calls on a thread pool and delivers results on the GUI thread."""

    failed = Signal(object)  # TaskFailure not handled by an on_error callback
    changed = Signal(object)  # frozenset of areas a command changed
    connection_changed = Signal(bool)  # the database answered (True) or not (False)
    busy_changed = Signal(bool)

    def __init__(
        self,
        database: Database | None,
        *,
        max_threads: int = 4,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._lock = threading.Lock()
        self._connected: bool | None = None
        self._closed = False

    # --- submitting -----------------------------------------------------------------

    def run_query(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        key: str | None = None,
        **kwargs: Any,
    ) -> int:
        """Run ``fn(session, *args, **kwargs)`` in a read unit of work."""
        return self._submit(fn, args, kwargs, on_done, on_error, key, write=False, changes=())

    def run_command(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        key: str | None = None,
        changes: Iterable[str] = (),
        **kwargs: Any,
    ) -> int:
        """Run ``fn(session, *args, **kwargs)`` in a write unit of work, then broadcast."""
        return self._submit(fn, args, kwargs, on_done, on_error, key, write=True, changes=changes)

    def run_call(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Callback | None = None,
        on_error: Callback | None = None,
        key: str | None = None,
        **kwargs: Any,
    ) -> int:
        """Run a plain ``fn(*args, **kwargs)`` off the GUI thread (no session)."""
        request_id = self._register(on_done, on_error, key, ())
        self._pool.start(_Job(request_id, lambda: fn(*args, **kwargs), self._relay))
        return request_id

    def _submit(
        self,
        fn: Callable[..., Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        on_done: Callback | None,
        on_error: Callback | None,
        key: str | None,
        *,
        write: bool,
        changes: Iterable[str],
    ) -> int:
        database = self.database
        if database is None:
            raise RuntimeError("TaskRunner has no database")
        request_id = self._register(on_done, on_error, key, changes)

        def work() -> Any:
            with database.session(write=write) as session:
                return fn(session, *args, **kwargs)

        self._pool.start(_Job(request_id, work, self._relay))
        return request_id

    def _register(
        self,
        on_done: Callback | None,
        on_error: Callback | None,
        key: str | None,
        changes: Iterable[str],
    ) -> int:
        with self._lock:
            request_id = next(self._ids)
            was_idle = not self._pending
            self._pending[request_id] = _Pending(on_done, on_error, key, frozenset(changes))
            if key is not None:
                self._latest[key] = request_id
        if was_idle:
            self.busy_changed.emit(True)
        return request_id

    # --- delivering (GUI thread) ----------------------------------------------------

    @Slot(int, object, object)
    def _deliver(self, request_id: int, result: Any, error: BaseException | None) -> None:
        with self._lock:
            if self._closed:
                return
            pending = self._pending.pop(request_id, None)
            stale = (
                pending is not None
                and pending.key is not None
                and self._latest.get(pending.key) != request_id
            )
            if pending is not None and pending.key is not None and not stale:
                self._latest.pop(pending.key, None)
            now_idle = not self._pending
        if pending is None:
            return
        try:
            if error is None:
                self._set_connected(True)
                if stale:
                    return
                if pending.on_done is not None:
                    pending.on_done(result)
                if pending.changes:
                    self.changed.emit(pending.changes)
                return
            failure = describe_failure(error)
            if failure.connection_lost:
                self._set_connected(False)
            if stale:
                return
            if pending.on_error is not None:
                pending.on_error(failure)
            else:
                self.failed.emit(failure)
        finally:
            if now_idle:
                self.busy_changed.emit(False)

    def _set_connected(self, value: bool) -> None:
        if self._connected != value:
            self._connected = value
            self.connection_changed.emit(value)

    def note_connection(self, value: bool) -> None:
        """Record the outcome of an explicit check (the status bar's ping)."""
        self._set_connected(value)

    # --- state ------------------------------------------------------------------------

    @property
    def pending_count(self) -> int:
        with self._lock:
            return len(self._pending)

    def is_stale(self, request_id: int, key: str) -> bool:
        with self._lock:
            latest = self._latest.get(key)
        return latest is not None and latest != request_id

    def wait_for_threads(self, msecs: int = 10000) -> bool:
        """Block until the pool's threads are done (shutdown and tests)."""
        return bool(self._pool.waitForDone(msecs))

    def close(self) -> None:
        """Drop every answer still on its way: the widgets that asked are being torn down,
        and an answer queued behind the last event would reach them after they are gone."""
        with self._lock:
            self._closed = True
            self._pending.clear()
            self._latest.clear()
