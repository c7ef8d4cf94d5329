"""Messages of the customer's business in the API: booking, paying, reviews, messages,
favourites, worker search, idempotency keys (and the audit names of those actions)."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "payment.start": ("发起支付", "Payment started"),
    "payment.confirm": ("支付成功", "Payment confirmed"),
    "payment.fail": ("支付失败", "Payment failed"),
    "review.create": ("发表评价", "Review written"),
    "chat.send": ("发送私信", "Private message sent"),
    "chat.read": ("已读私信", "Private messages read"),
    "notification.read": ("已读通知", "Notification read"),
    "notification.read_all": ("全部通知已读", "All notifications read"),
    "favorite.add": ("添加收藏", "Favourite added"),
    "favorite.remove": ("取消收藏", "Favourite removed"),
}

_ENTITIES: dict[str, tuple[str, str]] = {
    "payment": ("支付", "Payment"),
    "review": ("评价", "Review"),
    "notification": ("通知", "Notification"),
    "favorite": ("收藏", "Favourite"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    **{f"audit.entity.{code}": names for code, names in _ENTITIES.items()},
    "entity.payment": ("支付记录", "Payment"),
    "entity.notification": ("通知", "Notification"),
    # idempotency keys
    "idempotency.key_required": (
        "请在请求头 Idempotency-Key 中提供一个唯一标识（如 UUID），以免重复下单或重复付款。",
        "Send an Idempotency-Key header (a unique value such as a UUID) so a retry never books or pays twice.",
    ),
    "idempotency.bad_key": (
        "Idempotency-Key 应为 1 到 {max} 个可见 ASCII 字符。",
        "The Idempotency-Key must be 1 to {max} visible ASCII characters.",
    ),
    "idempotency.key_reused": (
        "这个 Idempotency-Key 已用于另一个请求；新请求请使用新的标识。",
        "This Idempotency-Key was used for a different request; use a new key for a new request.",
    ),
    # booking from the app
    "app_booking.customers_only": ("只有客户可以这样下单。", "Only customers can book this way."),
    "app_booking.worker_or_auto": (
        "请选择一位服务人员，或选择“自动派单”，不能两者都选。",
        "Choose a worker or automatic dispatch, not both.",
    ),
    "app_booking.note_too_long": (
        "备注最多 {max} 个字。",
        "The note may have at most {max} characters.",
    ),
    "app_booking.placement_not_recurring": (
        "长期住家类服务不能设置为周期订单。",
        "A placement cannot be booked as a recurring series.",
    ),
    "app_booking.days_off_placement_only": (
        "只有长期住家类服务可以设置休息日。",
        "Days off can only be set for placements.",
    ),
    "app_booking.bad_range": (
        "结束日期不能早于开始日期。",
        "The last day cannot be before the first.",
    ),
    "app_booking.range_too_long": (
        "一次最多查询 {days} 天的可约时间。",
        "Ask for at most {days} days of slots at a time.",
    ),
    "customer_orders.bad_state": ("没有这个订单状态：{state}", "No such order state: {state}"),
    # paying
    "payment.customers_only": ("只有客户可以在线支付。", "Only customers can pay online."),
    "payment.bad_method": (
        "不支持这种支付方式（可选：{methods}）。",
        "This payment method is not supported (choose {methods}).",
    ),
    "payment.not_payable": (
        "订单当前状态为“{state}”，不能支付。",
        "The order is {state} and cannot be paid.",
    ),
    "payment.already_paid": ("订单 {order_no} 已付清。", "Order {order_no} is paid in full."),
    "payment.key_other_order": (
        "这个 Idempotency-Key 已用于另一笔订单的支付。",
        "This Idempotency-Key was used to pay another order.",
    ),
    "payment.amount_mismatch": (
        "支付金额不符：应为 {expected} 分，回调为 {got} 分；已拒绝并记录。",
        "The paid amount does not match: expected {expected} fen, the callback says {got} fen; refused and logged.",
    ),
    "payment.bad_signature": (
        "支付回调签名无效，已拒绝。",
        "The payment callback's signature is not valid; refused.",
    ),
    "payment.bad_status": ("支付状态无效。", "Not a valid payment status."),
    "payment.paid_title": ("支付成功", "Payment received"),
    "payment.paid_body": (
        "订单 {order_no} 已支付 {amount}。",
        "Order {order_no}: {amount} received.",
    ),
    # reviews
    "review.customers_only": ("只有客户可以评价订单。", "Only customers can review orders."),
    "review.bad_score": ("{label}应为 1 到 5 分。", "{label} must be 1 to 5."),
    "review.score.attitude": ("服务态度", "Attitude"),
    "review.score.skill": ("专业技能", "Skill"),
    "review.score.efficiency": ("工作效率", "Efficiency"),
    "review.score.punctuality": ("准时守约", "Punctuality"),
    "review.score.overall": ("综合评分", "Overall"),
    "review.field.text": ("评价内容", "The review text"),
    "review.too_many_photos": ("最多上传 {max} 张照片。", "At most {max} photos."),
    "review.duplicate_photo": ("同一张照片只能用一次。", "Each photo can be used once."),
    "review.already": (
        "订单 {order_no} 已经评价过了。",
        "Order {order_no} has already been reviewed.",
    ),
    "review.no_worker": (
        "订单 {order_no} 没有服务人员，无法评价。",
        "Order {order_no} has no worker to review.",
    ),
    # private messages
    "chat.empty": ("消息不能为空。", "The message is empty."),
    "chat.too_long": ("消息最多 {max} 个字。", "A message may have at most {max} characters."),
    "chat.no_worker": (
        "订单 {order_no} 还没有服务人员，暂时无法发私信。",
        "Order {order_no} has no worker yet to message.",
    ),
    "chat.closed": (
        "订单 {order_no} 已取消，不能再发私信。",
        "Order {order_no} was cancelled; messages are closed.",
    ),
    # favourites
    "favorite.customers_only": ("只有客户可以收藏。", "Only customers have favourites."),
    "favorite.bad_kind": ("收藏类型应为：{kinds}", "A favourite is one of: {kinds}"),
    # worker search
    "search.bad_sort": ("排序方式应为：{sorts}", "Sort by one of: {sorts}"),
    "search.bad_gender": ("性别应为 female 或 male。", "Gender is female or male."),
    "search.bad_stars": ("评分应在 0 到 5 之间。", "Stars are between 0 and 5."),
    "search.bad_price_range": (
        "最高价格不能低于最低价格。",
        "The highest price cannot be below the lowest.",
    ),
    "search.unknown_skill": ("没有这个技能：{skill}", "No such skill: {skill}"),
    "search.needs_place": (
        "按距离排序需要一个地址或坐标（address_id 或 lat/lng）。",
        "Sorting by distance needs a place (address_id, or lat and lng).",
    ),
    "search.lat_lng_pair": ("经纬度需要同时提供。", "Give lat and lng together."),
}
