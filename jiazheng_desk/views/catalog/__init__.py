"""Catalogue: service items and their prices, price rules, and a quote to try them out."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from jiazheng_desk.views.main_window import PageSpec


def page_items() -> str:
    return QCoreApplication.translate("CatalogLabels", "Services and prices")


def page_rules() -> str:
    return QCoreApplication.translate("CatalogLabels", "Price rules")


def page_quote() -> str:
    return QCoreApplication.translate("CatalogLabels", "Try a quote")


def pages() -> list[PageSpec]:
    from jiazheng_desk.services.permissions import Perm
    from jiazheng_desk.views.catalog.catalog_page import CatalogPage
    from jiazheng_desk.views.catalog.quote_page import QuotePage
    from jiazheng_desk.views.catalog.rules_page import PriceRulesPage
    from jiazheng_desk.views.main_window import PageSpec

    manage = Perm.CATALOG_MANAGE
    return [
        PageSpec("catalog.items", "catalog", page_items, manage, CatalogPage, 700),
        PageSpec("catalog.rules", "catalog", page_rules, manage, PriceRulesPage, 710),
        PageSpec("catalog.quote", "catalog", page_quote, manage, QuotePage, 720),
    ]
