"""Names of the invoice area's codes as the desk shows them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def request_states() -> dict[str, str]:
    return {
        "requested": QCoreApplication.translate("InvoiceTexts", "Waiting"),
        "issued": QCoreApplication.translate("InvoiceTexts", "Issued"),
        "rejected": QCoreApplication.translate("InvoiceTexts", "Rejected"),
        "voided": QCoreApplication.translate("InvoiceTexts", "Invoice voided"),
    }


def events() -> dict[str, str]:
    return {
        "create": QCoreApplication.translate("InvoiceTexts", "Asked for in the app"),
        "issue": QCoreApplication.translate("InvoiceTexts", "Issued and filed"),
        "reject": QCoreApplication.translate("InvoiceTexts", "Rejected"),
        "void": QCoreApplication.translate("InvoiceTexts", "Voided"),
    }


def buyer(tax_id: str) -> str:
    if tax_id:
        return tax_id
    return QCoreApplication.translate("InvoiceTexts", "Personal")


def name_of(names: dict[str, str], code: str) -> str:
    return names.get(code, code)
