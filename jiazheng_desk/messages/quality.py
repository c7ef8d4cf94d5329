"""Reviews, quality cases, complaints and calls back to customers (回访)."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "quality.case_open": ("差评跟进单建立", "Quality case opened"),
    "quality.case_assign": ("指定跟进人", "Quality case assigned"),
    "quality.case_investigate": ("记录调查情况", "Investigation noted"),
    "quality.case_contact": ("客户回访", "Customer called back"),
    "quality.case_decide": ("质量处理决定", "Quality case decided"),
    "quality.case_close": ("关闭跟进单", "Quality case closed"),
    "complaint.create": ("登记投诉", "Complaint filed"),
    "complaint.assign": ("指定投诉负责人", "Complaint assigned"),
    "complaint.priority": ("修改投诉优先级", "Complaint priority changed"),
    "complaint.start": ("开始处理投诉", "Complaint taken up"),
    "complaint.resolve": ("投诉已解决", "Complaint resolved"),
    "complaint.close": ("关闭投诉", "Complaint closed"),
    "complaint.reopen": ("重新打开投诉", "Complaint reopened"),
    "callback.schedule": ("安排回访", "Call back planned"),
    "callback.record": ("记录回访结果", "Call back recorded"),
}

_ENTITIES: dict[str, tuple[str, str]] = {
    "quality_case": ("差评跟进单", "Quality case"),
    "complaint": ("投诉", "Complaint"),
    "care_callback": ("客户回访", "Customer call back"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    **{f"audit.entity.{code}": names for code, names in _ENTITIES.items()},
    **{f"entity.{code}": names for code, names in _ENTITIES.items()},
    "entity.review": ("评价", "Review"),
    # quality cases
    "quality.case_state.open": ("待处理", "open"),
    "quality.case_state.investigating": ("调查中", "investigating"),
    "quality.case_state.contacted": ("已回访", "customer contacted"),
    "quality.case_state.decided": ("已处理", "decided"),
    "quality.case_state.closed": ("已关闭", "closed"),
    "quality.case_not_open": (
        "该跟进单{state}，不能再处理。",
        "This case is {state}; it can no longer be handled.",
    ),
    "quality.case_not_decided": (
        "跟进单作出处理决定后才能关闭。",
        "A case is closed only after its decision.",
    ),
    "quality.field.note": ("说明", "Note"),
    "quality.owner_required": ("请选择跟进人。", "Choose who handles the case."),
    "quality.bad_owner": (
        "跟进人必须是本门店在职员工。",
        "The owner must be an active staff member of the case's branch.",
    ),
    "quality.bad_call_result": ("请选择回访结果。", "Choose the result of the call."),
    "quality.no_customer": ("该单没有关联客户。", "The case has no customer."),
    "quality.no_order": ("该单没有关联订单，无法退款。", "The case has no order to refund."),
    "quality.no_worker": ("该单没有关联服务人员。", "The case has no worker."),
    "quality.worker_not_active": (
        "该服务人员当前不在岗，无法暂停。",
        "The worker is not active and cannot be suspended.",
    ),
    "quality.amount_positive": ("金额必须大于 0。", "The amount must be more than 0."),
    "quality.amount_too_high": (
        "金额不能超过 ¥{max}。",
        "The amount may not be more than ¥{max}.",
    ),
    "quality.nothing_to_refund": (
        "该订单没有可退的已付款项。",
        "Nothing paid on this order is left to refund.",
    ),
    "quality.bad_template": (
        "请选择有效的优惠券模板。",
        "Choose an active coupon template.",
    ),
    "quality.bad_decision": ("请选择处理方式。", "Choose a decision."),
    "quality.bad_blacklist_reason": (
        "请选择列入黑名单的原因类型。",
        "Choose the blacklist reason type.",
    ),
    "quality.bad_score_range": (
        "评分范围应为 1–5 分，且下限不高于上限。",
        "Scores are 1–5, low to high.",
    ),
    "quality.bad_date_range": ("结束日期必须晚于开始日期。", "The end must be after the start."),
    # complaints
    "complaint.state.open": ("待处理", "open"),
    "complaint.state.in_progress": ("处理中", "in progress"),
    "complaint.state.resolved": ("已解决", "resolved"),
    "complaint.state.closed": ("已关闭", "closed"),
    "complaint.state.reopened": ("已重开", "reopened"),
    "complaint.event.start": ("开始处理", "take up"),
    "complaint.event.resolve": ("解决", "resolve"),
    "complaint.event.close": ("关闭", "close"),
    "complaint.event.reopen": ("重新打开", "reopen"),
    "complaint.field.text": ("投诉内容", "Complaint"),
    "complaint.field.note": ("说明", "Note"),
    "complaint.field.resolution": ("处理结果", "Resolution"),
    "complaint.bad_category": ("请选择投诉类别。", "Choose the complaint's category."),
    "complaint.bad_priority": ("请选择优先级。", "Choose a priority."),
    "complaint.bad_owner": (
        "负责人必须是本门店在职员工。",
        "The owner must be an active staff member of the complaint's branch.",
    ),
    "complaint.order_not_customers": (
        "该订单不属于所选客户。",
        "The order is not the chosen customer's.",
    ),
    "complaint.who_required": (
        "请先找到来电客户或订单。",
        "Find the caller or the order first.",
    ),
    "complaint.branch_required": ("请选择门店。", "Choose the branch."),
    "complaint.customers_only": (
        "只有客户可以在 App 中投诉。",
        "Only customers file complaints in the app.",
    ),
    "complaint.order_too_early": (
        "订单 {order_no} 尚未开始服务，如需取消请直接取消订单。",
        "Order {order_no} has not started; cancel it instead.",
    ),
    "complaint.already": (
        "订单 {order_no} 已有投诉，客服会尽快与您联系。",
        "Order {order_no} already has a complaint; we will call you soon.",
    ),
    "complaint.bad_event": ("不支持的操作。", "Unknown action."),
    "complaint.illegal_move": (
        "投诉当前{state}，不能{event}。",
        "The complaint is {state}; it cannot {event}.",
    ),
    "complaint.bad_compensation": (
        "补偿金额必须是不小于 0 的整数（分）。",
        "Compensation must be a whole number of fen, 0 or more.",
    ),
    # calls back
    "callback.not_pending": ("该回访已记录结果。", "This call back is already recorded."),
}
