"""Finance: payments and refunds, balances, pay rules, reconciliation, finance settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_payments() -> str:
    return QCoreApplication.translate("FinanceLabels", "Payments and refunds")


def page_balances() -> str:
    return QCoreApplication.translate("FinanceLabels", "Balances")


def page_rules() -> str:
    return QCoreApplication.translate("FinanceLabels", "Pay rules")


def page_reconcile() -> str:
    return QCoreApplication.translate("FinanceLabels", "Reconciliation")


def page_settings() -> str:
    return QCoreApplication.translate("FinanceLabels", "Finance settings")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.finance.balances_page import BalancesPage
    from jiazheng_desk.views.finance.payments_page import PaymentsPage
    from jiazheng_desk.views.finance.reconcile_page import ReconcilePage
    from jiazheng_desk.views.finance.rules_page import PayRulesPage
    from jiazheng_desk.views.finance.settings_page import FinanceSettingsPage
    from jiazheng_desk.views.main_window import PageSpec

    view = Perm.FINANCE_VIEW
    return [
        PageSpec("finance.payments", "finance", page_payments, view, PaymentsPage, 500),
        PageSpec("finance.balances", "finance", page_balances, view, BalancesPage, 510),
        PageSpec("finance.rules", "finance", page_rules, view, PayRulesPage, 520),
        PageSpec("finance.reconcile", "finance", page_reconcile, view, ReconcilePage, 530),
        PageSpec(
            "finance.settings",
            "finance",
            page_settings,
            Perm.FINANCE_SETTINGS,
            FinanceSettingsPage,
            540,
        ),
    ]
