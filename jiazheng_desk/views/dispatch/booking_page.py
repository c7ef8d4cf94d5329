"""Dispatch → New booking: a phone booking on one screen, keyboard first.

The steps stand side by side, each with its shortcut: (1) the caller's customer, found or
registered (F2); (2) the service (F3); (3) the address (F4); (4) a free slot of the next
14 days (F5); (5) the worker — ranked candidates, auto, or nobody yet (F6); (6) the quote,
live; (7) Ctrl+Enter confirms. Enter moves on to the next step. Every answer comes through
the task runner under a key, so a slow answer to an older input never overwrites a newer.

Confirm is one ``run_command`` (``commands.place_booking``). A worker taken meanwhile by
another desk comes back as ``WorkerNotAvailable``: its message is shown in step 5, the
candidates are asked again and nothing else changes; any other refusal is shown beside
the step its ``field`` names.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from jiazheng_desk.services import catalog, dispatch_views, pricing
from jiazheng_desk.services.catalog import CategoryView
from jiazheng_desk.services.customer_views import AddressView, CustomerDetail
from jiazheng_desk.services.dispatch_views import CandidateList, SlotTable
from jiazheng_desk.services.geo import LatLng
from jiazheng_desk.services.pricing import Quote
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.coupons.booking_picker import CouponPicker
from jiazheng_desk.views.customers.picker import CustomerPicker
from jiazheng_desk.views.dispatch import booking_texts
from jiazheng_desk.views.dispatch.address_step import AddressStep
from jiazheng_desk.views.dispatch.booking_confirm import ConfirmFlow
from jiazheng_desk.views.dispatch.candidates_step import CandidatesStep
from jiazheng_desk.views.dispatch.commands import BookingOutcome
from jiazheng_desk.views.dispatch.quote_panel import QuotePanel
from jiazheng_desk.views.dispatch.service_step import ServiceStep
from jiazheng_desk.views.dispatch.slots_step import SlotsStep
from jiazheng_desk.views.dispatch.step_box import StepBox, on_enter
from jiazheng_desk.views.main_window import DeskContext

REFRESH_MS = 200
# the steps' narrowest widths and their shares of the space left over
STEP_WIDTHS = {1: 330, 2: 330, 3: 240, 4: 470, 5: 290, 6: 230}
STEP_STRETCH = {1: 4, 2: 4, 3: 3, 4: 6, 5: 4, 6: 3}


class BookingPage(QWidget):
    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer: CustomerDetail | None = None
        self.address: AddressView | None = None
        self.slots: SlotTable | None = None
        self.catalog_branch: int | None = ctx.actor.branch_id
        self.quote: Quote | None = None
        self.last_outcome: BookingOutcome | None = None
        key = f"dispatch.booking.{id(self)}"
        self.keys = {k: f"{key}.{k}" for k in ("catalog", "slots", "candidates", "quote")}

        self.hint = QLabel(booking_texts.shortcut_hint(), self)
        self.hint.setObjectName("bookingShortcuts")
        self.hint.setProperty("role", "hint")
        self.banner = QLabel(self)
        self.banner.setObjectName("bookingResult")
        self.banner.setWordWrap(True)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()

        self.picker = CustomerPicker(ctx, self)
        self.service = ServiceStep(self)
        self.where = AddressStep(ctx, self)
        self.when = SlotsStep(ctx, self)
        self.who = CandidatesStep(self)
        self.price = QuotePanel(self)
        self.coupons = CouponPicker(ctx, self)
        self.note = QLineEdit(self)
        self.note.setObjectName("customerNote")
        self.note.setPlaceholderText(self.tr("Note for the worker (optional)"))
        self.summary = QLabel(self)
        self.summary.setObjectName("bookingSummary")
        self.summary.setWordWrap(True)
        self.general_error = QLabel(self)
        self.general_error.setObjectName("bookingError")
        self.general_error.setProperty("role", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.confirm_button = QPushButton(self.tr("Confirm booking  Ctrl+Enter"), self)
        self.confirm_button.setObjectName("confirmBooking")
        self.confirm_button.setDefault(True)
        self.confirm_button.setAutoDefault(True)
        self.confirm_button.setMinimumHeight(34)

        self.steps = {
            1: StepBox(1, self.tr("Customer"), "F2", self),
            2: StepBox(2, self.tr("Service"), "F3", self),
            3: StepBox(3, self.tr("Address"), "F4", self),
            4: StepBox(4, self.tr("Free times, next 14 days"), "F5", self),
            5: StepBox(5, self.tr("Worker"), "F6", self),
            6: StepBox(6, self.tr("Quote and confirm"), "Ctrl+Enter", self),
        }
        for number, widget in ((1, self.picker), (2, self.service), (3, self.where)):
            self.steps[number].body.addWidget(widget)
        # the service's rows stay together at the top; the room left over goes below them
        self.steps[2].body.addStretch(1)
        self.steps[4].body.addWidget(self.when)
        self.steps[5].body.addWidget(self.who)
        confirm = self.steps[6].body
        confirm.addWidget(self.price, 1)
        confirm.addWidget(self.coupons)
        confirm.addWidget(self.note)
        confirm.addWidget(self.summary)
        confirm.addWidget(self.general_error)
        confirm.addWidget(self.confirm_button)
        self.flow = ConfirmFlow(self)
        self._lay_out()
        self._wire()
        self._shortcuts()
        self.reload_catalog()

    # --- layout and keys --------------------------------------------------------------

    def _lay_out(self) -> None:
        # two rows of three: who, what, where over when, who does it, what it costs — the
        # order of the call, and everything on one 1280×800 screen without scrolling
        top = QHBoxLayout()
        bottom = QHBoxLayout()
        for row, numbers in ((top, (1, 2, 3)), (bottom, (4, 5, 6))):
            row.setSpacing(10)
            for number in numbers:
                step = self.steps[number]
                step.setMinimumWidth(STEP_WIDTHS[number])
                row.addWidget(step, STEP_STRETCH[number])
        content = QWidget(self)
        content.setMinimumSize(1020, 640)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(10, 6, 10, 10)
        inner.setSpacing(8)
        inner.addWidget(self.hint)
        inner.addWidget(self.banner)
        inner.addLayout(top, 0)
        inner.addLayout(bottom, 1)
        scroll = QScrollArea(self)
        scroll.setObjectName("bookingScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setStyleSheet(booking_texts.STYLE)

    def _shortcuts(self) -> None:
        scoped = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, action in (
            ("Ctrl+N", self.new_booking),
            ("F2", self.picker.focus),
            ("F3", self.service.focus),
            ("F4", self.where.focus),
            ("F5", self.when.focus),
            ("F6", self.who.focus),
            ("Ctrl+Return", self.confirm),
            ("Ctrl+Enter", self.confirm),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, context=scoped)
            shortcut.activated.connect(action)

    def _wire(self) -> None:
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self.picker.customer_chosen.connect(self.set_customer)
        self.service.changed.connect(self._service_changed)
        self.service.repeat_changed.connect(self._repeat_changed)
        self.where.address_chosen.connect(self.set_address)
        self.where.customer_reloaded.connect(lambda d: setattr(self, "customer", d))
        self.when.start_chosen.connect(self.set_start)
        self.who.changed.connect(self._show_summary)
        self.coupons.changed.connect(self._refresh_quote)
        self.confirm_button.clicked.connect(self.confirm)
        # Enter moves on: service → units → time; address → time; slot → worker → confirm
        on_enter(self.service.item, self.service.units.setFocus)
        on_enter(self.service.category, self.service.item.setFocus)
        on_enter(self.service.units, self._after_service)
        on_enter(self.where.list, self.when.focus)
        on_enter(self.when.grid, self._take_slot)
        on_enter(self.who.table, self.confirm_button.setFocus)

    def _after_service(self) -> None:
        (self.where if self.address is None else self.when).focus()

    def _take_slot(self) -> None:
        self.when.choose_current()
        self.who.focus()

    # --- the steps --------------------------------------------------------------------

    def set_customer(self, detail: CustomerDetail) -> None:
        self.customer = detail
        self.banner.hide()
        self.steps[1].set_done(detail.bookable)
        if not detail.bookable:
            self.steps[1].set_error(booking_texts.not_bookable(detail))
            self.where.set_customer(None)
            self._enable_steps(False)
            return
        self.steps[1].clear_error()
        self._enable_steps(True)
        self.coupons.set_customer(detail.id)
        self.where.set_customer(detail)
        (self.service if self.service.current_item() is None else self.when).focus()

    def _enable_steps(self, on: bool) -> None:
        for number in (2, 3, 4, 5, 6):
            self.steps[number].setEnabled(on)

    def set_address(self, address: AddressView | None) -> None:
        self.address = address
        self.steps[3].set_done(address is not None)
        self.steps[3].clear_error()
        if address is not None and address.branch_id != self.catalog_branch:
            # the branch's own prices: the catalogue of the address's branch
            self.catalog_branch = address.branch_id
            self.reload_catalog()
        self._schedule_refresh()

    def _service_changed(self) -> None:
        self.steps[2].clear_error()
        self.steps[2].set_done(self.service.current_item() is not None)
        self.who.allow_offer(self.service.repeat_plan() is None)
        self._schedule_refresh()

    def _repeat_changed(self) -> None:
        self.steps[2].clear_error()
        self.who.allow_offer(self.service.repeat_plan() is None)
        # a coupon and points go on a single booking only
        self.coupons.setEnabled(self.service.repeat_plan() is None)
        self._refresh_quote()
        self._show_summary()

    def set_start(self, starts_at: datetime | None) -> None:
        self.steps[4].clear_error()
        self.steps[4].set_done(starts_at is not None)
        self.service.set_start(
            None if starts_at is None else booking_texts.local_day(starts_at, self.when.tz)
        )
        self._refresh_candidates()
        self._refresh_quote()
        self._show_summary()

    # --- asking the services ----------------------------------------------------------

    def reload_catalog(self) -> None:
        self.ctx.runner.run_query(
            catalog.list_catalog,
            actor=self.ctx.actor,
            branch_id=self.catalog_branch,
            on_done=self._catalog_loaded,
            on_error=lambda f: self.steps[2].set_error(f.message),
            key=self.keys["catalog"],
        )

    def _catalog_loaded(self, categories: list[CategoryView]) -> None:
        self.service.set_catalog(categories)

    def _schedule_refresh(self) -> None:
        self._refresh_timer.start()

    def ready_for_slots(self) -> bool:
        item = self.service.current_item()
        return item is not None and self.address is not None and self.service.units.value() > 0

    def refresh(self) -> None:
        """Ask again for the slots, the candidates and the quote of what the page shows."""
        self._refresh_timer.stop()
        item = self.service.current_item()
        if not self.ready_for_slots() or item is None or self.address is None:
            self.when.clear()
            self.who.clear()
            self._refresh_quote()
            self._show_summary()
            return
        self.when.set_loading()
        self.ctx.runner.run_query(
            dispatch_views.booking_slots,
            actor=self.ctx.actor,
            address_id=self.address.id,
            item_id=item.id,
            units=self.service.units.value(),
            option_ids=self.service.option_ids(),
            on_done=self._slots_loaded,
            on_error=self._slots_failed,
            key=self.keys["slots"],
        )
        self._refresh_candidates()
        self._refresh_quote()
        self._show_summary()

    def _slots_loaded(self, table: SlotTable) -> None:
        self.slots = table
        self.when.set_table(table)

    def _slots_failed(self, failure: TaskFailure) -> None:
        self.when.clear(failure.message)
        self.flow.show_refusal(failure, default_step=4)

    def _refresh_candidates(self) -> None:
        item = self.service.current_item()
        start = self.when.chosen
        if item is None or self.address is None or start is None:
            self.who.clear()
            return
        self.who.set_loading()
        self.ctx.runner.run_query(
            dispatch_views.booking_candidates,
            actor=self.ctx.actor,
            address_id=self.address.id,
            item_id=item.id,
            units=self.service.units.value(),
            option_ids=self.service.option_ids(),
            starts_at=start,
            customer_id=self.customer.id if self.customer else None,
            on_done=self._candidates_loaded,
            on_error=lambda f: self.who.clear(f.message),
            key=self.keys["candidates"],
        )

    def _candidates_loaded(self, found: CandidateList) -> None:
        self.who.set_candidates(found)

    def _refresh_quote(self) -> None:
        item = self.service.current_item()
        if item is None or self.address is None:
            self.quote = None
            self.price.set_quote(None)
            return
        start = self.when.chosen or booking_texts.default_start(self.ctx.tz)
        self.ctx.runner.run_query(
            pricing.quote,
            branch_id=self.address.branch_id,
            item_id=item.id,
            units=self.service.units.value(),
            option_ids=self.service.option_ids(),
            district_id=self.address.district_id,
            location=LatLng(self.address.lat, self.address.lng),
            starts_at=start,
            customer_id=self.customer.id if self.customer else None,
            coupon_id=self.coupons.coupon_id() if self.coupons.isEnabled() else None,
            points_used=self.coupons.points_used() if self.coupons.isEnabled() else 0,
            on_done=self._quote_loaded,
            on_error=self._quote_failed,
            key=self.keys["quote"],
        )

    def _quote_loaded(self, quote: Quote) -> None:
        self.quote = quote
        plan = self.service.repeat_plan()
        visits = plan.count if plan is not None and plan.count else 1
        note = (
            "" if self.when.chosen else self.tr("priced for tomorrow 10:00 until a time is chosen")
        )
        self.price.set_quote(quote, note, visits=visits)
        self.coupons.offer_for(quote)
        self.steps[2].clear_error()
        self._show_summary()

    def _quote_failed(self, failure: TaskFailure) -> None:
        if self.coupons.refuse(failure):
            # the coupon or the points did not fit: priced again without them
            self._refresh_quote()
            return
        self.quote = None
        self.price.set_quote(None, failure.message)
        self.flow.show_refusal(failure, default_step=2)

    def _show_summary(self) -> None:
        self.summary.setText(booking_texts.summary(self))
        chosen = self.who.chosen() if self.who.mode() == "worker" else None
        self.steps[5].set_done(self.who.mode() != "worker" or chosen is not None)

    # --- confirming -------------------------------------------------------------------

    def confirm(self) -> None:
        """Book what the page shows (Ctrl+Enter); the answer lands beside its step."""
        self.flow.confirm()

    def focus_step(self, number: int) -> None:
        {
            1: self.picker.focus,
            2: self.service.focus,
            3: self.where.focus,
            4: self.when.focus,
            5: self.who.focus,
            6: self.confirm_button.setFocus,
        }[number]()

    def refresh_candidates(self) -> None:
        self._refresh_candidates()

    def new_booking(self) -> None:
        """Clear every step for the next call (Ctrl+N); the last result stays on top."""
        self.customer = None
        self.address = None
        self.quote = None
        self.picker.clear()
        self.where.set_customer(None)
        self.service.reset()
        self.when.set_start(None)
        self.when.clear()
        self.who.reset()
        self.price.set_quote(None)
        self.coupons.set_customer(None)
        self.note.clear()
        self.general_error.hide()
        self._enable_steps(True)
        for step in self.steps.values():
            step.clear_error()
            step.set_done(False)
        self._show_summary()
        self.picker.focus()

    def on_data_changed(self, changes: frozenset[str]) -> None:
        if "catalog" in changes:
            self.reload_catalog()
