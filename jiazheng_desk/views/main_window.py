"""The main window: navigation by area, one page per job, a status bar that tells the truth."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from jiazheng_desk import __version__
from jiazheng_desk.logsetup import current_log_file
from jiazheng_desk.services import auth
from jiazheng_desk.services.auth import StaffSession
from jiazheng_desk.services.permissions import Perm, permissions_of
from jiazheng_desk.tasks import TaskFailure, TaskRunner
from jiazheng_desk.views import labels
from jiazheng_desk.views.dialogs import inform
from jiazheng_desk.views.password import ChangePasswordDialog
from jiazheng_desk.views.uistate import ui_settings

PING_INTERVAL_MS = 30_000


@dataclass(frozen=True)
class DeskContext:
    """What every page needs: the runner, who is logged in, what they may do."""

    runner: TaskRunner
    session: StaffSession
    permissions: frozenset[Perm]
    database_label: str
    embedded: bool

    @property
    def actor(self):  # type: ignore[no-untyped-def]
        return self.session.actor

    @property
    def tz(self) -> str:
        return self.session.timezone

    def can(self, perm: Perm) -> bool:
        return perm in self.permissions


@dataclass(frozen=True)
class PageSpec:
    """A page of the navigation: its group (area), title, permission and builder."""

    key: str
    group: str
    title: Callable[[], str]
    needs: Perm | None
    build: Callable[[DeskContext, QWidget], QWidget]
    # position in the navigation (areas by hundreds: dispatch 100 … system 900)
    order: int = 0


def page_specs() -> list[PageSpec]:
    """Every page of every area package under ``views`` that has a ``pages()`` function.

    An area that is not built yet has no package, so it is simply not in the navigation.
    """
    import jiazheng_desk.views as views_pkg

    specs: list[PageSpec] = []
    for info in pkgutil.iter_modules(views_pkg.__path__):
        if not info.ispkg:
            continue
        module = importlib.import_module(f"jiazheng_desk.views.{info.name}")
        pages = getattr(module, "pages", None)
        if pages is not None:
            specs.extend(pages())
    return sorted(specs, key=lambda s: (s.order, s.key))


class MainWindow(QMainWindow):
    logout_requested = Signal()
    language_requested = Signal(str)

    def __init__(
        self, runner: TaskRunner, session: StaffSession, *, database_label: str, embedded: bool
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = DeskContext(
            runner=runner,
            session=session,
            permissions=permissions_of(session.actor),
            database_label=database_label,
            embedded=embedded,
        )
        self._closing_for_logout = False
        self.setWindowTitle(self.tr("家政 Desk"))
        self.resize(1280, 800)

        self.nav = QTreeWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setHeaderHidden(True)
        self.nav.setMinimumWidth(180)
        self.nav.setUniformRowHeights(True)
        self.stack = QStackedWidget(self)
        self._pages: dict[str, QWidget] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._specs = [s for s in page_specs() if s.needs is None or self.ctx.can(s.needs)]
        self._build_navigation()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1080])
        self.setCentralWidget(splitter)
        self.nav.currentItemChanged.connect(self._on_nav)

        self._build_menus()
        self._build_status_bar()
        runner.connection_changed.connect(self._show_connection)
        runner.changed.connect(self._broadcast)
        self._ping_timer = QTimer(self)
        self._ping_timer.setInterval(PING_INTERVAL_MS)
        self._ping_timer.timeout.connect(self.ping)
        self._ping_timer.start()
        first = self._specs[0].key if self._specs else None
        if first is not None:
            self.open_page(first)
        self._restore_geometry()

    # --- navigation -------------------------------------------------------------------

    def _build_navigation(self) -> None:
        groups: dict[str, QTreeWidgetItem] = {}
        for spec in self._specs:
            group = groups.get(spec.group)
            if group is None:
                group = QTreeWidgetItem(self.nav, [labels.group_title(spec.group)])
                group.setSizeHint(0, QSize(0, 30))
                group.setFlags(group.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                group.setExpanded(True)
                groups[spec.group] = group
            item = QTreeWidgetItem(group, [spec.title()])
            item.setSizeHint(0, QSize(0, 30))
            item.setData(0, Qt.ItemDataRole.UserRole, spec.key)
            self._items[spec.key] = item

    def page_keys(self) -> list[str]:
        return [s.key for s in self._specs]

    def open_page(self, key: str) -> QWidget:
        """Show a page (building it on first use) and select it in the navigation."""
        page = self._pages.get(key)
        if page is None:
            spec = next(s for s in self._specs if s.key == key)
            page = spec.build(self.ctx, self.stack)
            page.setObjectName(f"page:{key}")
            self._pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        item = self._items[key]
        if self.nav.currentItem() is not item:
            self.nav.setCurrentItem(item)
        return page

    def _on_nav(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            return
        key = current.data(0, Qt.ItemDataRole.UserRole)
        if key:
            self.open_page(key)

    def _broadcast(self, changes: frozenset[str]) -> None:
        for page in self._pages.values():
            handler = getattr(page, "on_data_changed", None)
            if handler is not None:
                handler(changes)

    # --- menus --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        bar = self.menuBar()
        desk = bar.addMenu(self.tr("&Desk"))
        change = QAction(self.tr("Change password…"), self)
        change.triggered.connect(self.change_password)
        desk.addAction(change)
        logout = QAction(self.tr("Log out"), self)
        logout.setObjectName("logoutAction")
        logout.triggered.connect(self.logout)
        desk.addAction(logout)
        desk.addSeparator()
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        desk.addAction(quit_action)

        language = bar.addMenu(self.tr("&Language"))
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            action = QAction(label, self)
            action.setObjectName(f"language:{code}")
            action.triggered.connect(lambda _c=False, c=code: self.language_requested.emit(c))
            language.addAction(action)

        help_menu = bar.addMenu(self.tr("&Help"))
        about = QAction(self.tr("About 家政 Desk"), self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def change_password(self) -> None:
        ChangePasswordDialog(self.ctx.runner, self.ctx.actor, forced=False, parent=self).open()

    def about(self) -> None:
        inform(
            self,
            self.tr("About 家政 Desk"),
            self.tr("家政 Desk {version}\nDatabase: {database}\nLog file: {log}").format(
                version=__version__, database=self.ctx.database_label, log=current_log_file()
            ),
            "aboutDialog",
        )

    # --- status bar ---------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        actor = self.ctx.actor
        self.user_label = QLabel(f"{actor.name} · {labels.role_name(actor.role or '')}", self)
        self.user_label.setObjectName("statusUser")
        self.branch_label = QLabel(self.ctx.session.branch_name or self.tr("Headquarters"), self)
        self.branch_label.setObjectName("statusBranch")
        kind = self.tr("Embedded database") if self.ctx.embedded else self.tr("MySQL")
        self.database_label = QLabel(f"{kind}: {self.ctx.database_label}", self)
        self.database_label.setObjectName("statusDatabase")
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("statusConnection")
        for widget in (self.user_label, self.branch_label, self.database_label):
            bar.addWidget(widget)
        bar.addPermanentWidget(self.connection_label)
        self._show_connection(True)

    def _show_connection(self, connected: bool) -> None:
        if connected:
            self.connection_label.setText(self.tr("● Connected"))
            self.connection_label.setProperty("state", "ok")
        else:
            self.connection_label.setText(self.tr("● Connection lost — retrying"))
            self.connection_label.setProperty("state", "down")
        self.connection_label.style().unpolish(self.connection_label)
        self.connection_label.style().polish(self.connection_label)

    def ping(self) -> None:
        """Check the connection and that this account is still allowed in."""
        self.ctx.runner.run_query(
            auth.still_active,
            actor=self.ctx.actor,
            on_done=self._after_ping,
            on_error=lambda _f: None,
            key="main.ping",
        )

    def _after_ping(self, active: bool) -> None:
        if not active:
            # shown over the login dialog, after this window has closed
            inform(
                None,
                self.tr("Logged out"),
                self.tr("Your account was deactivated or its role changed. Please log in again."),
                "loggedOutInfo",
            )
            self.logout()

    def show_failure(self, failure: TaskFailure) -> None:
        from jiazheng_desk.views.dialogs import show_failure

        show_failure(self, failure)

    # --- leaving ------------------------------------------------------------------------

    def logout(self) -> None:
        self.ctx.runner.run_command(auth.logout, actor=self.ctx.actor, on_error=lambda _f: None)
        self._closing_for_logout = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._ping_timer.stop()
        ui_settings().setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
        if self._closing_for_logout:
            self.logout_requested.emit()

    def _restore_geometry(self) -> None:
        geometry = ui_settings().value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
