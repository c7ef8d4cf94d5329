"""Messages of the demo data command."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "demo.bad_scale": (
        "未知的演示数据规模“{scale}”：只能是 small 或 large。",
        "Unknown demo scale “{scale}”: use small or large.",
    ),
    "demo.not_empty": (
        "数据库不是空的（{table} 表已有数据）：演示数据只能写入空数据库。",
        "The database is not empty (table {table} has rows): demo data can only be written into an empty database.",
    ),
    "demo.schema": (
        "数据库结构不是当前版本（{state}）：请先运行 jiazheng-desk db upgrade。",
        "The database schema is not current ({state}): run jiazheng-desk db upgrade first.",
    ),
    "demo.unusable": (
        "无法使用该数据库：{detail}",
        "The database cannot be used: {detail}",
    ),
    "demo.progress.people": (
        "生成人员：{workers} 名服务人员，{customers} 位客户…",
        "Making people: {workers} workers, {customers} customers…",
    ),
    "demo.progress.plan": (
        "排期 {orders} 个订单…",
        "Scheduling {orders} orders…",
    ),
    "demo.progress.rows": (
        "已写入 {table}：{rows} 行",
        "Written {table}: {rows} rows",
    ),
    "demo.progress.orders": (
        "已写入订单 {done}/{total}",
        "Written orders {done}/{total}",
    ),
    "demo.progress.done": (
        "生成用时 {generate} 秒，写入数据库用时 {insert} 秒。",
        "Generating took {generate} s, writing to the database {insert} s.",
    ),
}
