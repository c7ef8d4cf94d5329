"""What the finance pages share: names of kinds and states, a table filler, changes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

# what a finance command changes (pages reload on it)
CHANGES = {"finance", "orders", "audit"}


def account_kind_name(kind: str) -> str:
    names = {
        "platform": QCoreApplication.translate("FinanceNames", "Platform commission"),
        "coupons": QCoreApplication.translate("FinanceNames", "Coupons and discounts"),
        "fees": QCoreApplication.translate("FinanceNames", "Fees"),
        "franchisor": QCoreApplication.translate("FinanceNames", "Franchisor share"),
        "branch": QCoreApplication.translate("FinanceNames", "Branch share"),
        "travel": QCoreApplication.translate("FinanceNames", "Travel fees"),
        "worker": QCoreApplication.translate("FinanceNames", "Worker payable"),
        "withdrawals": QCoreApplication.translate("FinanceNames", "Withdrawal clearing"),
        "refunds": QCoreApplication.translate("FinanceNames", "Refunds paid"),
        "clearing": QCoreApplication.translate("FinanceNames", "Customer payments clearing"),
        "gateway": QCoreApplication.translate("FinanceNames", "Payment gateway"),
    }
    return names.get(kind, kind)


def method_name(method: str) -> str:
    names = {
        "wechat": QCoreApplication.translate("FinanceNames", "WeChat Pay"),
        "alipay": QCoreApplication.translate("FinanceNames", "Alipay"),
        "card": QCoreApplication.translate("FinanceNames", "Card"),
        "cash": QCoreApplication.translate("FinanceNames", "Cash"),
        "wallet": QCoreApplication.translate("FinanceNames", "Wallet"),
    }
    return names.get(method, method)


def payment_state_name(state: str) -> str:
    names = {
        "pending": QCoreApplication.translate("FinanceNames", "Pending"),
        "confirmed": QCoreApplication.translate("FinanceNames", "Confirmed"),
        "failed": QCoreApplication.translate("FinanceNames", "Failed"),
        "cancelled": QCoreApplication.translate("FinanceNames", "Cancelled"),
    }
    return names.get(state, state)


def refund_state_name(state: str) -> str:
    names = {
        "requested": QCoreApplication.translate("FinanceNames", "Waiting"),
        "done": QCoreApplication.translate("FinanceNames", "Refunded"),
        "rejected": QCoreApplication.translate("FinanceNames", "Rejected"),
        "failed": QCoreApplication.translate("FinanceNames", "Failed"),
    }
    return names.get(state, state)


def rule_kind_name(kind: str) -> str:
    names = {
        "share": QCoreApplication.translate("FinanceNames", "Share of the price"),
        "hourly": QCoreApplication.translate("FinanceNames", "Hourly rate"),
        "per_visit": QCoreApplication.translate("FinanceNames", "Per visit"),
        "per_day": QCoreApplication.translate("FinanceNames", "Per day"),
    }
    return names.get(kind, kind)


def scope_name(scope: str) -> str:
    names = {
        "worker_item": QCoreApplication.translate("FinanceNames", "Worker + service"),
        "worker": QCoreApplication.translate("FinanceNames", "Worker"),
        "branch_item": QCoreApplication.translate("FinanceNames", "Branch + service"),
        "branch_category": QCoreApplication.translate("FinanceNames", "Branch + category"),
        "item": QCoreApplication.translate("FinanceNames", "Service"),
        "category": QCoreApplication.translate("FinanceNames", "Category"),
        "default": QCoreApplication.translate("FinanceNames", "Branch default"),
    }
    return names.get(scope, scope)


def share_key_name(key: str) -> str:
    names = {
        "worker": QCoreApplication.translate("FinanceNames", "Worker"),
        "travel": QCoreApplication.translate("FinanceNames", "Travel fees (branch)"),
        "platform": QCoreApplication.translate("FinanceNames", "Platform commission"),
        "coupons": QCoreApplication.translate("FinanceNames", "Coupons (platform pays)"),
        "franchisor": QCoreApplication.translate("FinanceNames", "Franchisor"),
        "branch": QCoreApplication.translate("FinanceNames", "Branch"),
    }
    return names.get(key, key)


def problem_name(problem: str) -> str:
    names = {
        "missing_ours": QCoreApplication.translate(
            "FinanceNames", "On the statement, not in our payments"
        ),
        "missing_theirs": QCoreApplication.translate(
            "FinanceNames", "In our payments, not on the statement"
        ),
        "amount": QCoreApplication.translate("FinanceNames", "Amounts differ"),
        "not_posted": QCoreApplication.translate("FinanceNames", "Not posted to the ledger"),
        "ledger_amount": QCoreApplication.translate("FinanceNames", "Ledger amount differs"),
    }
    return names.get(problem, problem)


def txn_kind_name(kind: str) -> str:
    names = {
        "payment": QCoreApplication.translate("FinanceNames", "Payment"),
        "completion": QCoreApplication.translate("FinanceNames", "Order completed"),
        "cancellation": QCoreApplication.translate("FinanceNames", "Order cancelled"),
        "refund": QCoreApplication.translate("FinanceNames", "Refund"),
        "reversal": QCoreApplication.translate("FinanceNames", "Reversal"),
        "pay_bonus": QCoreApplication.translate("FinanceNames", "Bonus"),
        "pay_deduction": QCoreApplication.translate("FinanceNames", "Deduction"),
    }
    return names.get(kind, kind)


def percent_text(bp: int | None) -> str:
    if bp is None:
        return ""
    whole, part = divmod(bp, 100)
    return f"{whole}.{part:02d} %" if part else f"{whole} %"


def fill(table: QTableWidget, rows: Sequence[Sequence[str]], right: tuple[int, ...] = ()) -> None:
    """Put rows of text into a table (right-aligned money columns)."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)
