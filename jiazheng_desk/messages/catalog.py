"""Messages of the service catalogue, branch prices, price rules and the quote."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # --- catalogue: who may change what -------------------------------------------------
    "catalog.hq_only": (
        "只有总部可以修改服务分类、服务项目和全门店通用的价格规则。",
        "Only HQ can change categories, service items and price rules for all branches.",
    ),
    # --- catalogue: bad input -----------------------------------------------------------
    "catalog.bad_code": (
        "代码为 2–32 位字母、数字、下划线或连字符。",
        "A code has 2–32 letters, digits, underscores or hyphens.",
    ),
    "catalog.code_taken": (
        "代码 {code} 已被使用。",
        "The code {code} is already taken.",
    ),
    "catalog.not_integer": (
        "{label}必须是整数。",
        "{label} must be a whole number.",
    ),
    "catalog.out_of_range": (
        "{label}应在 {min} 到 {max} 之间。",
        "{label} must be between {min} and {max}.",
    ),
    "catalog.money_out_of_range": (
        "{label}应在 ¥0 到 {max} 之间。",
        "{label} must be between ¥0 and {max}.",
    ),
    "catalog.unknown_category": (
        "服务分类不存在：{id}",
        "No such category: {id}",
    ),
    "catalog.unknown_skill": (
        "技能不存在：{id}",
        "No such skill: {id}",
    ),
    "catalog.unknown_item": (
        "服务项目不存在：{id}",
        "No such service item: {id}",
    ),
    "catalog.unknown_district": (
        "区域不存在：{id}",
        "No such district: {id}",
    ),
    "catalog.bad_unit": (
        "计价单位只能是：次、小时、平方米、天。",
        "The unit is one of: visit, hour, m², day.",
    ),
    "catalog.bad_kind": (
        "服务方式只能是：上门（当天完成）或驻家（连续多天）。",
        "The kind is either a visit (within one day) or a placement (days in a row).",
    ),
    "catalog.placement_by_day": (
        "驻家服务按天计价，计价单位须为“天”。",
        "A placement is priced by the day; its unit must be “day”.",
    ),
    "catalog.visit_too_long": (
        "起订量下一次上门就要 {minutes} 分钟，超过了 24 小时。",
        "At the minimum units one visit takes {minutes} minutes, more than 24 hours.",
    ),
    "catalog.too_many_photos": (
        "最多 {max} 张效果照片。",
        "At most {max} photos.",
    ),
    "catalog.bad_photo_path": (
        "照片路径无效：{path}",
        "Not a valid photo path: {path}",
    ),
    "catalog.already_retired": (
        "服务项目“{name}”已经下架。",
        "The service item “{name}” is already retired.",
    ),
    "catalog.not_retired": (
        "服务项目“{name}”没有下架。",
        "The service item “{name}” is not retired.",
    ),
    "catalog.category_inactive": (
        "服务分类“{name}”已停用，请先启用分类。",
        "The category “{name}” is inactive; activate it first.",
    ),
    # --- price rules --------------------------------------------------------------------
    "catalog.bad_rule_kind": (
        "规则类型只能是：按距离上门费、按区域上门费、夜间加价、节假日加价。",
        "A rule is a travel fee by distance, a travel fee by district, a night or a holiday surcharge.",
    ),
    "catalog.band_order": (
        "距离上限必须大于下限（不填表示不设上限）。",
        "The upper distance must be above the lower one (leave it empty for no limit).",
    ),
    "catalog.band_overlap": (
        "与已有的距离档“{name}”重叠。",
        "It overlaps the distance band “{name}”.",
    ),
    "catalog.zone_taken": (
        "该区已有上门费规则“{name}”。",
        "The district already has the travel fee rule “{name}”.",
    ),
    "catalog.night_empty": (
        "夜间时段的开始和结束时间不能相同。",
        "A night window cannot start and end at the same time.",
    ),
    "catalog.night_overlap": (
        "与已有的夜间时段“{name}”重叠。",
        "It overlaps the night window “{name}”.",
    ),
    "catalog.holiday_taken": (
        "{date} 已有节假日规则“{name}”。",
        "{date} already has the holiday rule “{name}”.",
    ),
    "catalog.travel_no_percent": (
        "上门费是固定金额，不能按服务费的比例收取。",
        "A travel fee is a fixed amount, never a share of the service price.",
    ),
    "catalog.district_other_branch": (
        "区“{name}”不由这个门店服务。",
        "The district “{name}” is not served by this branch.",
    ),
    # --- field names in messages --------------------------------------------------------
    "catalog.field.code": ("代码", "Code"),
    "catalog.field.name": ("名称", "Name"),
    "catalog.field.sort_order": ("排序", "Sort order"),
    "catalog.field.min_units": ("起订量", "Minimum units"),
    "catalog.field.minutes_per_unit": ("每单位时长（分钟）", "Minutes per unit"),
    "catalog.field.base_minutes": ("固定时长（分钟）", "Fixed minutes"),
    "catalog.field.base_price": ("基础单价", "Base price"),
    "catalog.field.price": ("价格", "Price"),
    "catalog.field.level": ("等级", "Level"),
    "catalog.field.description": ("服务介绍", "Description"),
    "catalog.field.process": ("服务流程", "Process"),
    "catalog.field.tools": ("工具材料", "Tools and materials"),
    "catalog.field.extra_minutes": ("增加时长（分钟）", "Extra minutes"),
    "catalog.field.amount": ("固定金额", "Fixed amount"),
    "catalog.field.percent": ("比例（万分之）", "Share (basis points)"),
    "catalog.field.min_m": ("距离下限（米）", "From (metres)"),
    "catalog.field.max_m": ("距离上限（米）", "Up to (metres)"),
    "catalog.field.start_minute": ("开始时间", "Start time"),
    "catalog.field.end_minute": ("结束时间", "End time"),
    "catalog.field.district": ("区域", "District"),
    "catalog.field.on_date": ("日期", "Date"),
    # --- units and kinds (the quote and the public catalogue show them) -------------------
    "catalog.unit.visit": ("次", "visit(s)"),
    "catalog.unit.hour": ("小时", "h"),
    "catalog.unit.sqm": ("平方米", "m²"),
    "catalog.unit.day": ("天", "day(s)"),
    "catalog.kind.visit": ("上门", "visit"),
    "catalog.kind.placement": ("驻家", "placement"),
    # --- the quote ----------------------------------------------------------------------
    "pricing.units_below_min": (
        "数量至少为 {min}{unit}。",
        "At least {min} {unit}.",
    ),
    "pricing.units_above_max": (
        "数量最多为 {max}{unit}。",
        "At most {max} {unit}.",
    ),
    "pricing.units_not_integer": (
        "数量必须是整数。",
        "The number of units must be a whole number.",
    ),
    "pricing.visit_too_long": (
        "一次上门服务不能超过 24 小时（现为 {minutes} 分钟），请减少数量或分次预约。",
        "One visit cannot last more than 24 hours (this one: {minutes} minutes); book fewer units or several visits.",
    ),
    "pricing.item_unavailable": (
        "服务项目“{name}”已下架，不能预约。",
        "The service item “{name}” is retired and cannot be booked.",
    ),
    "pricing.option_unavailable": (
        "附加项 {id} 不属于该服务项目，或已停用。",
        "Add-on {id} does not belong to this service item or is no longer offered.",
    ),
    "pricing.option_twice": (
        "附加项“{name}”选了两次。",
        "The add-on “{name}” was chosen twice.",
    ),
    "pricing.district_other_branch": (
        "区“{district}”不由这个门店服务。",
        "The district “{district}” is not served by this branch.",
    ),
    "pricing.naive_time": (
        "服务开始时间必须带时区。",
        "The start time must carry a time zone.",
    ),
    "pricing.line.base": (
        "{item}（{units}{unit}）",
        "{item} ({units} {unit})",
    ),
    "pricing.line.option": (
        "附加：{name}",
        "Add-on: {name}",
    ),
    "pricing.line.travel_distance": (
        "上门费（{km} 公里）",
        "Travel fee ({km} km)",
    ),
    "pricing.line.travel_zone": (
        "上门费（{district}）",
        "Travel fee ({district})",
    ),
    "pricing.line.night": (
        "夜间加价",
        "Night surcharge",
    ),
    "pricing.line.holiday": (
        "节假日加价（{date}）",
        "Holiday surcharge ({date})",
    ),
    # --- records named in "not found" messages --------------------------------------------
    "entity.service_item": ("服务项目", "Service item"),
    "entity.service_category": ("服务分类", "Category"),
    "entity.service_option": ("附加项", "Add-on"),
    "entity.price_rule": ("价格规则", "Price rule"),
}
