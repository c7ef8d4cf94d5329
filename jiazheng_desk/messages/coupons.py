"""Coupons and loyalty points."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "coupon_template.create": ("新建优惠券模板", "Coupon template created"),
    "coupon_template.update": ("修改优惠券模板", "Coupon template changed"),
    "coupon_template.activate": ("启用优惠券模板", "Coupon template brought back"),
    "coupon_template.deactivate": ("停用优惠券模板", "Coupon template retired"),
    "coupon.issue": ("发放优惠券", "Coupons issued"),
    "coupon.generate": ("生成兑换码", "Coupon codes generated"),
    "coupon.claim": ("领取优惠券", "Coupon claimed"),
    "coupon.redeem": ("使用优惠券", "Coupon redeemed"),
    "coupon.release": ("退回优惠券", "Coupon given back"),
    "coupon.void": ("作废优惠券", "Coupon voided"),
    "coupon.expire": ("优惠券过期", "Coupons expired"),
    "points.earn": ("获得积分", "Points earned"),
    "points.spend": ("使用积分", "Points spent"),
    "points.return": ("退回积分", "Points given back"),
}

_ENTITIES: dict[str, tuple[str, str]] = {
    "coupon_template": ("优惠券模板", "Coupon template"),
    "coupon": ("优惠券", "Coupon"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    **{f"audit.entity.{code}": names for code, names in _ENTITIES.items()},
    **{f"entity.{code}": names for code, names in _ENTITIES.items()},
    # terms in words
    "coupons.terms.fixed": ("立减 {amount} 元", "¥{amount} off"),
    "coupons.terms.percent": ("{zhe} 折（减 {off}%）", "{off} % off (pay {zhe}/10)"),
    "coupons.terms.cap": ("（最高减 {cap} 元）", " (at most ¥{cap})"),
    "coupons.terms.threshold": ("满 {threshold} 元", "From ¥{threshold}: "),
    "coupons.line.coupon": ("优惠券：{name}", "Coupon: {name}"),
    "points.line": ("积分抵扣（{points} 分）", "Points ({points})"),
    "coupons.state.issued": ("未使用", "not used"),
    "coupons.state.redeemed": ("已使用", "used"),
    "coupons.state.expired": ("已过期", "expired"),
    "coupons.state.void": ("已作废", "void"),
    "coupons.field.name": ("名称", "Name"),
    "coupons.field.reason": ("原因", "Reason"),
    "coupons.field.tag": ("客户标签", "Customer tag"),
    # templates
    "coupons.hq_only": (
        "优惠券模板全加盟通用，只有总部可以新建、修改或停用。",
        "Coupon templates are franchise-wide: only HQ creates, changes or retires them.",
    ),
    "coupons.not_integer": ("请输入整数。", "Enter a whole number."),
    "coupons.bad_kind": (
        "优惠方式只能是立减或折扣。",
        "A coupon is a fixed amount or a percentage.",
    ),
    "coupons.amount_positive": ("立减金额必须大于 0。", "The amount off must be more than 0."),
    "coupons.bad_percent": (
        "折扣须在 1% 到 100% 之间。",
        "The percentage off must be between 1 % and 100 %.",
    ),
    "coupons.cap_negative": ("最高减免金额不能为负数。", "The cap cannot be negative."),
    "coupons.amount_too_high": (
        "金额过大（最多 {max} 元）。",
        "The amount is too high (at most ¥{max}).",
    ),
    "coupons.threshold_negative": ("使用门槛不能为负数。", "The threshold cannot be negative."),
    "coupons.amount_above_threshold": (
        "立减金额不能高于使用门槛。",
        "The amount off cannot be more than the threshold.",
    ),
    "coupons.bad_valid_days": (
        "有效天数须在 1 到 {max} 天之间。",
        "Days valid must be between 1 and {max}.",
    ),
    "coupons.bad_window": ("结束时间须晚于开始时间。", "The end must come after the start."),
    "coupons.validity_needed": (
        "请设置有效天数或截止日期。",
        "Give the days valid or an end date.",
    ),
    "coupons.bad_limit": ("发放总量须在 1 到 {max} 之间。", "The total limit must be 1 to {max}."),
    "coupons.limit_below_issued": (
        "已经发放了 {issued} 张，发放总量不能更少。",
        "{issued} coupons are out already: the limit cannot be lower.",
    ),
    "coupons.unknown_category": ("没有编号为 {id} 的服务类别。", "There is no category no. {id}."),
    # issuing
    "coupons.template_inactive": (
        "模板“{name}”已停用，不能再发放。",
        "The template “{name}” is retired: it issues no more coupons.",
    ),
    "coupons.template_over": (
        "模板“{name}”的活动已结束。",
        "The template “{name}” has ended.",
    ),
    "coupons.limit_reached": (
        "模板“{name}”已达发放总量，还剩 {left} 张。",
        "The template “{name}” has reached its limit: {left} left.",
    ),
    "coupons.no_customers": ("请至少选择一位客户。", "Choose at least one customer."),
    "coupons.too_many": ("一次最多 {max} 张。", "At most {max} at once."),
    "coupons.customer_closed": (
        "客户 {id} 已注销，不能发券。",
        "Customer {id} has closed their account.",
    ),
    "coupons.tag_empty": (
        "没有带“{tag}”标签的客户。",
        "No customer carries the tag “{tag}”.",
    ),
    "coupons.bad_count": ("数量须在 1 到 {max} 之间。", "The number must be 1 to {max}."),
    "coupons.bad_prefix": (
        "前缀最多 8 个字母或数字。",
        "The prefix is up to 8 letters or digits.",
    ),
    "coupons.customers_only": ("只有客户可以这样做。", "Only a customer can do this."),
    "coupons.unknown_code": (
        "兑换码不存在，请核对后再试。",
        "There is no such code: check it and try again.",
    ),
    "coupons.already_yours": ("这张券您已经领取过了。", "You have this coupon already."),
    "coupons.code_taken": ("这个兑换码已经被使用。", "This code has been used."),
    "coupons.code_expired": ("这个兑换码已过期。", "This code has expired."),
    "coupons.code_withdrawn": ("这个活动已结束。", "This offer has ended."),
    "coupons.not_voidable": (
        "这张券{state}，不能作废。",
        "This coupon is {state}: it cannot be voided.",
    ),
    "coupons.bad_state": ("未知的优惠券状态。", "Unknown coupon state."),
    "coupons.bad_status": (
        "状态只能是可用、已使用或已过期。",
        "The status is usable, used or expired.",
    ),
    # using
    "coupons.customer_needed": (
        "使用优惠券或积分需要先确定客户。",
        "Choose the customer before a coupon or points.",
    ),
    "coupons.unknown": ("没有这张优惠券。", "There is no such coupon."),
    "coupons.not_yours": ("这张券不属于该客户。", "This coupon is not the customer's."),
    "coupons.is_redeemed": ("这张券已经用过了。", "This coupon has been used."),
    "coupons.is_expired": ("这张券已过期。", "This coupon has expired."),
    "coupons.is_void": ("这张券已作废。", "This coupon has been voided."),
    "coupons.not_yet": ("这张券还没到可用时间。", "This coupon is not valid yet."),
    "coupons.other_service": (
        "这张券不能用于这项服务。",
        "This coupon is not for this service.",
    ),
    "coupons.new_customers_only": (
        "这张券仅限首次下单使用。",
        "This coupon is for a first order only.",
    ),
    "coupons.below_threshold": (
        "订单满 {threshold} 元才能使用这张券。",
        "This coupon needs an order of ¥{threshold} or more.",
    ),
    "coupons.just_used": (
        "这张券刚刚被另一笔订单使用了，请换一张。",
        "This coupon was just used on another order: choose another one.",
    ),
    "app_booking.discount_not_recurring": (
        "优惠券和积分只能用于单次预约，不能用于周期预约。",
        "Coupons and points are for a single booking, not a recurring one.",
    ),
    # points
    "points.not_integer": ("积分须为整数。", "Points are a whole number."),
    "points.bad_amount": ("积分须在 1 到 {max} 之间。", "Points must be 1 to {max}."),
    "points.not_enough": (
        "积分不足，当前余额 {balance} 分。",
        "Not enough points: the balance is {balance}.",
    ),
    "points.too_few": (
        "积分太少，{per_yuan} 分抵 1 元。",
        "Too few points: {per_yuan} points make ¥1.",
    ),
}
