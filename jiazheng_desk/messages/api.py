"""Messages of the mobile API (validation, limits, availability)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "api.invalid_field": (
        "参数 {field}：{reason}",
        "{field}: {reason}",
    ),
    "api.invalid_request": (
        "请求无效：{reason}",
        "Invalid request: {reason}",
    ),
    "api.malformed_json": (
        "请求内容不是有效的 JSON（第 {pos} 个字符附近：{detail}）。",
        "The request body is not valid JSON (near character {pos}: {detail}).",
    ),
    "api.body_too_large": (
        "请求内容过大，上限为 {limit}。",
        "The request body is too large; the limit is {limit}.",
    ),
    "api.no_such_endpoint": (
        "没有这个接口：{path}",
        "No such endpoint: {path}",
    ),
    "api.method_not_allowed": (
        "接口 {path} 不支持 {method} 请求。",
        "{path} does not accept {method} requests.",
    ),
    "api.http_error": (
        "请求失败（{status}）：{detail}",
        "The request failed ({status}): {detail}",
    ),
    "api.internal": (
        "服务器内部错误，已记录日志（错误编号 {ref}）。请稍后重试或联系客服。",
        "An internal error occurred and was logged (reference {ref}). Please try again later or contact support.",
    ),
    "api.database_unavailable": (
        "数据库暂时无法使用，请稍后重试。",
        "The database is unavailable at the moment; please try again shortly.",
    ),
    "api.health_timeout": (
        "数据库在 {seconds} 秒内没有响应。",
        "The database did not answer within {seconds} s.",
    ),
    "api.schema_mismatch": (
        "数据库结构版本为 {current}，本服务需要 {head}；请升级本服务或数据库。",
        "The database schema is {current} but this server needs {head}; upgrade the server or the database.",
    ),
    "api.invalid.missing": (
        "此项必填。",
        "This field is required.",
    ),
    "api.invalid.string_too_short": (
        "至少 {min_length} 个字符。",
        "At least {min_length} characters are needed.",
    ),
    "api.invalid.string_too_long": (
        "最多 {max_length} 个字符。",
        "At most {max_length} characters are allowed.",
    ),
    "api.invalid.string_type": (
        "应为文本。",
        "Text is expected.",
    ),
    "api.invalid.int_parsing": (
        "应为整数。",
        "A whole number is expected.",
    ),
    "api.invalid.int_type": (
        "应为整数。",
        "A whole number is expected.",
    ),
    "api.invalid.int_from_float": (
        "应为整数。",
        "A whole number is expected.",
    ),
    "api.invalid.float_parsing": (
        "应为数字。",
        "A number is expected.",
    ),
    "api.invalid.float_type": (
        "应为数字。",
        "A number is expected.",
    ),
    "api.invalid.bool_parsing": (
        "应为 true 或 false。",
        "true or false is expected.",
    ),
    "api.invalid.bool_type": (
        "应为 true 或 false。",
        "true or false is expected.",
    ),
    "api.invalid.greater_than": (
        "必须大于 {gt}。",
        "Must be greater than {gt}.",
    ),
    "api.invalid.greater_than_equal": (
        "不能小于 {ge}。",
        "Must be at least {ge}.",
    ),
    "api.invalid.less_than": (
        "必须小于 {lt}。",
        "Must be less than {lt}.",
    ),
    "api.invalid.less_than_equal": (
        "不能大于 {le}。",
        "Must be at most {le}.",
    ),
    "api.invalid.literal_error": (
        "应为以下之一：{expected}。",
        "Expected one of: {expected}.",
    ),
    "api.invalid.enum": (
        "应为以下之一：{expected}。",
        "Expected one of: {expected}.",
    ),
    "api.invalid.extra_forbidden": (
        "不允许此字段。",
        "This field is not allowed.",
    ),
    "api.invalid.date_from_datetime_parsing": (
        "应为日期（YYYY-MM-DD）。",
        "A date (YYYY-MM-DD) is expected.",
    ),
    "api.invalid.datetime_from_date_parsing": (
        "应为日期时间（ISO 8601）。",
        "A date and time (ISO 8601) is expected.",
    ),
    "api.invalid.model_attributes_type": (
        "应为 JSON 对象。",
        "A JSON object is expected.",
    ),
    "api.invalid.dict_type": (
        "应为 JSON 对象。",
        "A JSON object is expected.",
    ),
    "api.invalid.list_type": (
        "应为列表。",
        "A list is expected.",
    ),
}
