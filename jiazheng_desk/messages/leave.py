"""Leave requests from the worker app, decided at the desk (``services/leave_requests.py``)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "entity.leave": ("请假", "Leave"),
    "leave.bad_state": ("请假申请状态无效。", "Invalid state of leave request."),
    "leave.field.refusal": ("驳回原因", "Reason for refusing"),
    "leave.has_bookings": (
        "请假时段内还有 {count} 个订单：{orders}。请先改派或改期，再批准请假。",
        "{count} orders are booked inside the leave: {orders}. "
        "Reassign or move them before approving the leave.",
    ),
    "leave.notify.approve_title": ("请假已批准", "Leave approved"),
    "leave.notify.approve_body": (
        "您 {window} 的请假已批准，这段时间不会给您派单。",
        "Your leave {window} is approved; no orders will be given to you then.",
    ),
    "leave.notify.reject_title": ("请假未获批准", "Leave refused"),
    "leave.notify.reject_body": (
        "您 {window} 的请假未获批准。原因：{reason}",
        "Your leave {window} was refused. Reason: {reason}",
    ),
    "leave.notify.reject_body_plain": (
        "您 {window} 的请假未获批准，详情请联系门店。",
        "Your leave {window} was refused; please ask your branch for details.",
    ),
    "audit.action.worker.leave_approve": ("批准请假", "Leave approved"),
}
