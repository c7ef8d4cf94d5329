"""Customers: find one as you type, see and edit the profile, freeze or close the account.

Keyboard first: the search box has the focus; typing finds (digits: any part of the
mobile; letters: pinyin initials; Chinese: the name), Up/Down move through the hits and
show each profile, Enter takes the current hit, Ctrl+F goes back to the search box and
Ctrl+N registers a new customer.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import branches, customer_status, customers
from jiazheng_desk.services.branches import BranchView
from jiazheng_desk.services.customer_views import CustomerDetail, CustomerHit
from jiazheng_desk.services.permissions import Perm
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views import fmt
from jiazheng_desk.views.customers.address_tab import CustomerAddressesTab, CustomerOrdersTab
from jiazheng_desk.views.customers.dialogs import CHANGES, CloseAccountDialog, NewCustomerDialog
from jiazheng_desk.views.customers.profile_tab import CustomerNotesTab, CustomerProfileTab
from jiazheng_desk.views.customers.search import CustomerHitTable, CustomerSearch
from jiazheng_desk.views.customers.texts import DistrictChoice, district_choices, status_text
from jiazheng_desk.views.dialogs import ask_text
from jiazheng_desk.views.main_window import DeskContext

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")


class CustomersPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.current: CustomerDetail | None = None
        self.districts: list[DistrictChoice] = []
        self.dialog: QWidget | None = None
        self.question: QWidget | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(self.tr("Mobile (any part), name, or initials: zw → 张伟"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New customer…"), self)
        self.new_button.setObjectName("newCustomer")
        self.new_button.setVisible(ctx.can(Perm.CUSTOMER_EDIT))
        self.hits = CustomerHitTable(ctx.tz, self)
        self.hits.setObjectName("customerHits")
        self.count = QLabel(self.tr("Type three digits, a name or initials."), self)
        self.count.setObjectName("hitCount")
        self.count.setProperty("role", "hint")
        self.finder = CustomerSearch(ctx, self.search, self.hits, key="customers.find")

        self.title = QLabel(self)
        self.title.setObjectName("customerTitle")
        self.title.setStyleSheet("font-size: 18px; font-weight: bold;")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.state = QLabel(self)
        self.state.setObjectName("customerState")
        self.state.setWordWrap(True)
        self.stats = QLabel(self)
        self.stats.setObjectName("customerStats")
        self.stats.setWordWrap(True)
        self.freeze_button = QPushButton(self.tr("Freeze…"), self)
        self.freeze_button.setObjectName("freezeCustomer")
        self.close_button = QPushButton(self.tr("Close account…"), self)
        self.close_button.setObjectName("closeCustomer")
        self.profile_tab = CustomerProfileTab(ctx, self)
        self.address_tab = CustomerAddressesTab(ctx, self)
        self.orders_tab = CustomerOrdersTab(ctx, self)
        self.notes_tab = CustomerNotesTab(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("customerTabs")
        self.tabs.addTab(self.profile_tab, self.tr("Profile"))
        self.tabs.addTab(self.address_tab, self.tr("Addresses"))
        self.tabs.addTab(self.orders_tab, self.tr("Orders"))
        self.tabs.addTab(self.notes_tab, self.tr("Tags and note"))

        self._layout()
        self.finder.found.connect(self._found)
        self.finder.picked.connect(self.open_hit)
        self.finder.failed.connect(lambda f: self.count.setText(f.message))
        self.hits.itemSelectionChanged.connect(self._selection_changed)
        self.new_button.clicked.connect(self.new_customer)
        self.freeze_button.clicked.connect(self.toggle_freeze)
        self.close_button.clicked.connect(self.close_account)
        self.profile_tab.saved.connect(self.show_customer)
        for tab in (self.address_tab, self.notes_tab):
            tab.changed.connect(self.reload_customer)
        for keys, slot in (
            (QKeySequence.StandardKey.Find, self._focus_search),
            (QKeySequence.StandardKey.New, self.new_customer),
        ):
            # only while this page is shown: other pages have their own Ctrl+N
            shortcut = QShortcut(keys, self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._load_districts()
        self.search.setFocus()

    def _layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.hits, 1)
        left_layout.addWidget(self.count)

        profile = QWidget(self)
        profile_layout = QVBoxLayout(profile)
        profile_layout.setContentsMargins(6, 0, 0, 0)
        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch(1)
        header.addWidget(self.freeze_button)
        header.addWidget(self.close_button)
        profile_layout.addLayout(header)
        profile_layout.addWidget(self.state)
        profile_layout.addWidget(self.stats)
        profile_layout.addWidget(self.tabs, 1)
        self.empty = QLabel(self.tr("Find a customer on the left, or register a new one."), self)
        self.empty.setObjectName("noCustomer")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setProperty("role", "hint")
        self.right = QStackedWidget(self)
        self.right.addWidget(self.empty)
        self.right.addWidget(profile)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([430, 850])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # --- finding ----------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _found(self, hits: list[CustomerHit]) -> None:
        text = self.search.text().strip()
        if not text:
            self.count.setText(self.tr("Type three digits, a name or initials."))
        elif hits:
            self.count.setText(self.tr("{n} found, most recent first").format(n=len(hits)))
        else:
            self.count.setText(self.tr("No customer matches “{text}”.").format(text=text))

    def _selection_changed(self) -> None:
        hit = self.hits.current_hit()
        if hit is not None and (self.current is None or self.current.id != hit.id):
            self.open_customer(hit.id)

    def open_hit(self, hit: CustomerHit) -> None:
        self.open_customer(hit.id)

    def open_customer(self, customer_id: int) -> None:
        self.ctx.runner.run_query(
            customers.get_customer,
            actor=self.ctx.actor,
            customer_id=customer_id,
            on_done=self.show_customer,
            key="customers.profile",
        )

    def reload_customer(self) -> None:
        if self.current is not None:
            self.open_customer(self.current.id)

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "customers" in changes or "orders" in changes:
            if self.search.text().strip():
                self.finder.search_now()
            self.reload_customer()
        if "branches" in changes:
            self._load_districts()

    # --- the profile ------------------------------------------------------------------

    def show_customer(self, customer: CustomerDetail) -> None:
        self.current = customer
        self.right.setCurrentIndex(1)
        self.title.setText(f"{customer.name}  {customer.phone}")
        state = status_text(customer.status)
        if customer.status != "active" and customer.status_reason:
            state = self.tr("{state}: {reason}").format(state=state, reason=customer.status_reason)
        self.state.setText(state)
        self.state.setProperty("role", "hint" if customer.status == "active" else "error")
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        tz = self.ctx.tz
        self.stats.setText(
            self.tr(
                "Spent {spent} on {completed} completed orders · {orders} orders in all · "
                "first {first} · last {last}"
            ).format(
                spent=fmt.yuan(customer.spending_fen),
                completed=customer.completed_count,
                orders=customer.order_count,
                first=fmt.local_time(customer.first_order_at, tz)[:10] or "—",
                last=fmt.local_time(customer.last_order_at, tz)[:10] or "—",
            )
        )
        is_closed = customer.status == "closed"
        self.freeze_button.setVisible(self.ctx.can(Perm.CUSTOMER_FREEZE) and not is_closed)
        self.freeze_button.setText(
            self.tr("Unfreeze…") if customer.status == "frozen" else self.tr("Freeze…")
        )
        self.close_button.setVisible(self.ctx.can(Perm.CUSTOMER_CLOSE) and not is_closed)
        self.profile_tab.show_customer(customer)
        self.address_tab.show_customer(customer)
        self.orders_tab.show_customer(customer)
        self.notes_tab.show_customer(customer)

    def _load_districts(self) -> None:
        self.ctx.runner.run_query(
            branches.list_branches,
            actor=self.ctx.actor,
            on_done=self._districts_loaded,
            key="customers.districts",
        )

    def _districts_loaded(self, items: list[BranchView]) -> None:
        self.districts = district_choices(items, self.ctx.actor)
        self.address_tab.districts = self.districts
        self.address_tab._update()

    # --- actions ----------------------------------------------------------------------

    def new_customer(self) -> None:
        if not self.ctx.can(Perm.CUSTOMER_EDIT):
            return
        typed = re.sub(r"[\s-]", "", self.search.text())
        dialog = NewCustomerDialog(
            self.ctx, self.districts, self, phone=typed if MOBILE_RE.match(typed) else ""
        )
        dialog.accepted.connect(lambda: self._created(dialog))
        dialog.existing_chosen.connect(self.open_customer)
        self.dialog = dialog
        dialog.open()

    def _created(self, dialog: NewCustomerDialog) -> None:
        created = dialog.created
        if created is not None:
            self.search.setText(created.phone)
            self.show_customer(created)

    def toggle_freeze(self) -> None:
        customer = self.current
        if customer is None:
            return
        frozen = customer.status == "frozen"

        def apply(reason: str) -> None:
            self.ctx.runner.run_command(
                customer_status.unfreeze_customer if frozen else customer_status.freeze_customer,
                actor=self.ctx.actor,
                customer_id=customer.id,
                reason=reason,
                on_done=self.show_customer,
                on_error=self._refused,
                changes=CHANGES,
            )

        self.question = ask_text(
            self,
            (self.tr("Unfreeze {name}") if frozen else self.tr("Freeze {name}")).format(
                name=customer.name
            ),
            self.tr("Reason (kept with the account and in the audit log):")
            if frozen
            else self.tr("Reason (a frozen customer cannot book or log in):"),
            apply,
            name="freezeReason",
        )

    def close_account(self) -> None:
        if self.current is None:
            return
        dialog = CloseAccountDialog(self.ctx, self.current, self)
        dialog.accepted.connect(lambda: self.show_customer(dialog.result_value))
        self.dialog = dialog
        dialog.open()

    def _refused(self, failure: TaskFailure) -> None:
        from jiazheng_desk.views.dialogs import show_failure

        self.question = show_failure(self, failure)
