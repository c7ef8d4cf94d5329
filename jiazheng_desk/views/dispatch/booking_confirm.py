"""Confirming a booking: what the page collected becomes a ``BookingRequest``, goes out as
one command, and the answer lands where the dispatcher looks for it.

- something missing: each step says what it lacks, the first such step gets the focus;
- booked: the order number on top of the page, every step cleared for the next call;
- the worker was taken meanwhile (``WorkerNotAvailable``): the rule's message in step 5,
  the candidates asked again, nothing else touched — the refused unit of work wrote nothing;
- any other refusal: beside the step its ``field`` names, else above the Confirm button.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from jiazheng_desk.services.booking import WorkerNotAvailable
from jiazheng_desk.tasks import TaskFailure
from jiazheng_desk.views.dispatch import booking_texts
from jiazheng_desk.views.dispatch.commands import (
    CHANGES,
    BookingOutcome,
    BookingRequest,
    SeriesWorkerTaken,
    place_booking,
)

if TYPE_CHECKING:
    from jiazheng_desk.views.dispatch.booking_page import BookingPage

# which step a service's refusal belongs to, by the argument it names
FIELD_STEPS = {
    "customer_id": 1,
    "phone": 1,
    "item_id": 2,
    "units": 2,
    "option_ids": 2,
    "days_off": 2,
    "rule": 2,
    "count": 2,
    "until_date": 2,
    "week_of_month": 2,
    "address_id": 3,
    "district_id": 3,
    "starts_at": 4,
    "start_minute": 4,
    "first_date": 4,
    "weekday": 4,
    "worker_id": 5,
    "coupon_id": 6,
    "points": 6,
}


class ConfirmFlow(QObject):
    def __init__(self, page: BookingPage) -> None:
        super().__init__(page)
        self.page = page
        self.sending = False

    def request(self) -> BookingRequest | None:
        """What to book, or None after showing, beside each step, what is missing."""
        page = self.page
        for step in page.steps.values():
            step.clear_error()
        page.general_error.hide()
        missing = booking_texts.missing(page)
        for number, text in missing:
            page.steps[number].set_error(text)
        if missing:
            page.focus_step(missing[0][0])
            return None
        item = page.service.current_item()
        customer, address, start = page.customer, page.address, page.when.chosen
        if item is None or customer is None or address is None or start is None:
            return None
        chosen = page.who.chosen()
        mode = page.who.mode()
        return BookingRequest(
            customer_id=customer.id,
            address_id=address.id,
            item_id=item.id,
            units=page.service.units.value(),
            option_ids=page.service.option_ids(),
            starts_at=start,
            tz=page.when.tz,
            worker_mode=mode,
            worker_id=chosen.worker_id if mode == "worker" and chosen else None,
            offer=page.who.offer(),
            days_off=page.service.days_off_chosen() if item.kind == "placement" else (),
            repeat=page.service.repeat_plan(),
            customer_note=page.note.text().strip(),
            coupon_id=page.coupons.coupon_id() if page.coupons.isEnabled() else None,
            points_used=page.coupons.points_used() if page.coupons.isEnabled() else 0,
        )

    def confirm(self) -> None:
        if self.sending:
            return
        request = self.request()
        if request is None:
            return
        self.sending = True
        self.page.confirm_button.setEnabled(False)
        self.page.ctx.runner.run_command(
            place_booking,
            actor=self.page.ctx.actor,
            request=request,
            on_done=self._booked,
            on_error=self._refused,
            changes=CHANGES,
        )

    def _booked(self, outcome: BookingOutcome) -> None:
        page = self.page
        self.sending = False
        page.confirm_button.setEnabled(True)
        page.last_outcome = outcome
        page.new_booking()
        page.banner.setText(booking_texts.booked_text(outcome))
        page.banner.show()

    def _refused(self, failure: TaskFailure) -> None:
        page = self.page
        self.sending = False
        page.confirm_button.setEnabled(True)
        if isinstance(failure.error, WorkerNotAvailable | SeriesWorkerTaken):
            # taken meanwhile by another desk: say so where the worker was chosen, and
            # offer the next candidates; everything else on the page stays as it was
            page.steps[5].set_error(
                self.tr("{reason} The list was asked again: choose the next one.").format(
                    reason=failure.message
                )
            )
            page.refresh_candidates()
            page.focus_step(5)
            return
        self.show_refusal(failure, default_step=None)

    def show_refusal(self, failure: TaskFailure, *, default_step: int | None) -> None:
        """A refusal beside the step its field names (else ``default_step``, else on top
        of the Confirm button)."""
        page = self.page
        field = str(getattr(failure.error, "field", None) or "")
        number = FIELD_STEPS.get(field, default_step)
        if number is None:
            page.general_error.setText(failure.message)
            page.general_error.show()
            return
        page.steps[number].set_error(failure.message)
