"""Messages of finance: the ledger, pay rules, posting, refunds, reconciliation, settings."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "entity.refund": ("退款", "Refund"),
    "entity.pay_rule": ("计酬规则", "Pay rule"),
    "entity.pay_adjustment": ("奖惩调整", "Pay adjustment"),
    "entity.ledger_account": ("账户", "Ledger account"),
    "entity.ledger_txn": ("记账凭证", "Ledger transaction"),
    # --- audit ---
    "audit.action.ledger.post": ("记账", "Ledger transaction posted"),
    "audit.action.pay_rule.create": ("新建计酬规则", "Pay rule created"),
    "audit.action.pay_rule.update": ("修改计酬规则", "Pay rule changed"),
    "audit.action.refund.request": ("申请退款", "Refund requested"),
    "audit.action.refund.approve": ("批准退款", "Refund approved"),
    "audit.action.refund.reject": ("驳回退款", "Refund rejected"),
    "audit.action.refund.create": ("办理退款", "Refund made"),
    "audit.action.order.refund": ("订单已全额退款", "Order refunded in full"),
    # --- the ledger ---
    "ledger.not_integer": ("金额必须是整数（分）。", "An amount must be whole fen."),
    "ledger.absurd_amount": (
        "金额过大，不可能是真实的款项。",
        "The amount is too large to be real.",
    ),
    "ledger.empty": (
        "记账凭证没有任何非零分录。",
        "The transaction has no entries other than zero.",
    ),
    "ledger.unbalanced": (
        "借贷不平：分录合计为 {sum} 分，应为 0。",
        "The entries do not balance: they sum to {sum} fen, not 0.",
    ),
    "ledger.bad_kind": ("凭证类型无效。", "The kind of transaction is not valid."),
    "ledger.reason_required": ("请填写冲正原因。", "Give the reason for the reversal."),
    "ledger.reverse_a_reversal": (
        "冲正凭证不能再被冲正，请重新记账。",
        "A reversal cannot be reversed: post the correction anew.",
    ),
    "ledger.already_reversed": ("该凭证已被冲正（凭证 {txn}）。", "Already reversed (by {txn})."),
    # --- pay rules ---
    "pay_rule.bad_scope": (
        "适用范围无效：可选 服务人员+服务项目、服务人员、门店+服务项目、门店+服务类别、服务项目、服务类别。",
        "Not a valid scope: worker + service, worker, branch + service, branch + category, "
        "service or category.",
    ),
    "pay_rule.bad_kind": ("计酬方式无效。", "Not a valid kind of pay."),
    "pay_rule.value_positive": ("金额或比例必须大于 0。", "The amount or share must be above 0."),
    "pay_rule.too_high_share": ("分成比例不能超过 100%。", "A share cannot be above 100 %."),
    "pay_rule.too_high_hourly": ("时薪不能超过 ¥1000。", "An hourly rate cannot be above ¥1000."),
    "pay_rule.too_high_per_visit": (
        "每单金额不能超过 ¥10000。",
        "An amount per visit cannot be above ¥10000.",
    ),
    "pay_rule.too_high_per_day": ("日薪不能超过 ¥5000。", "A day rate cannot be above ¥5000."),
    "pay_rule.bad_day": ("日期无效。", "The date is not valid."),
    "pay_rule.ends_before_start": ("结束日期早于开始日期。", "The last day is before the first."),
    "pay_rule.overlap": (
        "同一范围已有规则在 {start} 至 {end} 有效，时段不能重叠。",
        "A rule for the same scope is valid from {start} to {end}: periods may not overlap.",
    ),
    "pay_rule.already_ended": ("该规则已于 {day} 结束。", "The rule already ended on {day}."),
    "pay.line.share": ("服务价 {price} 的 {pct}%", "{pct} % of the price {price}"),
    "pay.line.hourly": ("时薪 {rate} × {minutes} 分钟", "{rate} an hour × {minutes} min"),
    "pay.line.per_visit": ("每单 {amount}", "{amount} per visit"),
    "pay.line.per_day": ("日薪 {amount} × {days} 天", "{amount} a day × {days} days"),
    "pay.line.day_off": ("休息 {days} 天不计薪", "{days} days off unpaid"),
    "pay.line.prorata": (
        "提前结束：实际服务 {worked} / 预约 {booked} 分钟，按比例计 {paid}（客户按预约付费）",
        "Ended early: worked {worked} of {booked} booked minutes, paid pro rata {paid} "
        "(the customer was charged the booked time)",
    ),
    "pay.line.travel": ("路费 {amount} 归服务人员", "Travel fee {amount} to the worker"),
    # --- posting ---
    "finance.note.commission": ("平台佣金 {pct}%", "Platform commission {pct} %"),
    "finance.note.coupon": ("优惠由平台承担", "Discount funded by the platform"),
    "finance.note.franchisor": ("总部分成：门店毛利的 {pct}%", "Franchisor: {pct} % of the margin"),
    "finance.cancel_refund_reason": (
        "订单取消，退还扣除取消费后的余款",
        "Order cancelled: refund of what exceeds the fee",
    ),
    "finance.payment_not_confirmed": (
        "该支付尚未确认，不能记账。",
        "The payment is not confirmed.",
    ),
    "finance.adjustment_posted": (
        "该奖惩已记账（凭证 {txn}）。",
        "The adjustment is already posted ({txn}).",
    ),
    # --- refunds ---
    "refund.reason_required": ("请填写退款原因。", "Give the reason."),
    "refund.reason_too_long": ("原因最多 {max} 个字。", "The reason is at most {max} characters."),
    "refund.not_requested": (
        "该退款不在待审核状态（{state}）。",
        "The refund is not waiting ({state}).",
    ),
    "refund.above_paid": (
        "退款 {amount} 超过可退金额 {most}（已付减已退）。",
        "A refund of {amount} is more than can go back: {most} (paid less refunded).",
    ),
    "refund.amount_positive": ("退款金额必须大于 0。", "The refund must be above 0."),
    # --- reconciliation ---
    "reconcile.bad_header": (
        "对账单格式不对：第一行应为 {columns}。",
        "Not a statement: the first line must be {columns}.",
    ),
    "reconcile.too_long": ("对账单超过 {max} 行。", "The statement has more than {max} lines."),
    "reconcile.bad_line": (
        "对账单第 {line} 行无法识别。",
        "Line {line} of the statement is not valid.",
    ),
    "reconcile.no_statement": ("没有对账单。", "There is no statement."),
    # --- the payments export ---
    "finance_export.title": ("支付记录", "Payments"),
    "finance_export.sheet": ("支付记录", "Payments"),
    "finance_export.totals": ("合计 {n} 笔", "{n} payments"),
    "finance_export.col.order_no": ("订单号", "Order"),
    "finance_export.col.customer": ("客户", "Customer"),
    "finance_export.col.method": ("支付方式", "Method"),
    "finance_export.col.state": ("状态", "State"),
    "finance_export.col.gateway_ref": ("支付流水号", "Gateway reference"),
    "finance_export.col.amount": ("金额", "Amount"),
    "finance_export.col.refunded": ("已退款", "Refunded"),
    "finance_export.col.created_at": ("创建时间", "Created"),
    "finance_export.col.confirmed_at": ("到账时间", "Confirmed"),
    "finance.method.wechat": ("微信支付", "WeChat Pay"),
    "finance.method.alipay": ("支付宝", "Alipay"),
    "finance.method.card": ("银行卡", "Card"),
    "finance.method.cash": ("现金", "Cash"),
    "finance.method.wallet": ("余额", "Wallet"),
    "finance.payment_state.pending": ("待支付", "pending"),
    "finance.payment_state.confirmed": ("已到账", "confirmed"),
    "finance.payment_state.failed": ("失败", "failed"),
    "finance.payment_state.cancelled": ("已取消", "cancelled"),
    "finance.refund_state.requested": ("待审核", "requested"),
    "finance.refund_state.done": ("已退款", "done"),
    "finance.refund_state.rejected": ("已驳回", "rejected"),
    "finance.refund_state.failed": ("失败", "failed"),
    # --- settings ---
    "finance_settings.branch_only": (
        "门店佣金率只能为某个门店设置。",
        "A branch's own commission is set for one branch.",
    ),
    "finance_settings.unknown_category": ("没有服务类别 {code}。", "There is no category {code}."),
    "finance_settings.bad_rate": (
        "服务类别 {code} 的佣金率应在 0–100% 之间。",
        "The commission of {code} must be between 0 and 100 %.",
    ),
}
