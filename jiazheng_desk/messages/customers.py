"""Messages of the customers area: finding, profiles, addresses, freezing and closing."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "customer.not_found": (
        "找不到客户（编号 {id}）。",
        "Customer {id} was not found.",
    ),
    "customer.address_not_found": (
        "找不到地址（编号 {id}），可能已被删除。",
        "Address {id} was not found; it may have been removed.",
    ),
    "customer.duplicate_phone": (
        "手机号 {phone} 已是客户：{name}（编号 {id}）。",
        "{phone} is already a customer: {name} (no. {id}).",
    ),
    "customer.bad_gender": (
        "性别应为女、男或不填。",
        "Gender is female, male or left empty.",
    ),
    "customer.bad_email": (
        "邮箱地址格式不正确。",
        "The e-mail address is not valid.",
    ),
    "customer.email_taken": (
        "该邮箱已被其他客户使用。",
        "Another customer already uses this e-mail address.",
    ),
    "customer.district_unknown": (
        "区域不存在（编号 {id}）。",
        "No such district: {id}.",
    ),
    "customer.district_inactive": (
        "区域“{name}”已停止服务。",
        "District “{name}” is no longer served.",
    ),
    "customer.district_other_branch": (
        "“{district}”由{branch}服务，本门店不能在该区域添加地址。",
        "“{district}” is served by {branch}; your branch cannot add addresses there.",
    ),
    "customer.too_many_addresses": (
        "每位客户最多 {max} 个地址，请先删除不用的地址。",
        "A customer has at most {max} addresses; remove one that is no longer used.",
    ),
    "customer.address_in_series": (
        "该地址还有进行中的周期服务，不能删除。",
        "A recurring booking still uses this address; it cannot be removed.",
    ),
    "customer.is_closed": (
        "该客户账户已注销，不能再修改。",
        "This customer account is closed and can no longer be changed.",
    ),
    "customer.frozen": (
        "该客户账户已冻结（{reason}），不能下单或登录。",
        "This customer account is frozen ({reason}); it cannot book or log in.",
    ),
    "customer.closed": (
        "该客户账户已注销，不能下单或登录。",
        "This customer account is closed; it cannot book or log in.",
    ),
    "customer.already_frozen": (
        "该客户账户已经是冻结状态。",
        "This customer account is already frozen.",
    ),
    "customer.not_frozen": (
        "该客户账户没有被冻结。",
        "This customer account is not frozen.",
    ),
    "customer.close_open_orders": (
        "该客户还有 {count} 个未完成的订单（如 {order_no}），请先完成或取消后再注销。",
        "The customer still has {count} unfinished orders (e.g. {order_no}); finish or cancel them before closing the account.",
    ),
    "customer.close_open_series": (
        "该客户还有进行中的周期服务，请先停止后再注销。",
        "The customer still has an active recurring booking; stop it before closing the account.",
    ),
    "customer.field.name": (
        "姓名",
        "Name",
    ),
    "customer.field.address": (
        "地址",
        "Address",
    ),
    "customer.field.contact_name": (
        "联系人",
        "Contact name",
    ),
    "customer.field.emergency_name": (
        "紧急联系人",
        "Emergency contact",
    ),
    "customer.field.tag": (
        "标签",
        "Tag",
    ),
    "customer.field.note": (
        "备注",
        "Note",
    ),
    "customer.field.reason": (
        "原因",
        "Reason",
    ),
}
