"""The electronic invoice platform the desk files invoices with, chosen by configuration.

As for vetting (``views/vetting/gateways.py``), the gateway is named ``package.module:Class``
in ``JIAZHENG_INVOICE_GATEWAY`` and loaded by name (the desk may not import ``sync``); the
default is the sandbox. It is built once per desk process: the sandbox keeps what it
filed in memory, as a real client keeps its connection.
"""

from __future__ import annotations

import importlib
import os
from functools import lru_cache
from typing import Any

INVOICE = (
    "JIAZHENG_INVOICE_GATEWAY",
    "jiazheng_desk.sync.gateways.invoice_sandbox:SandboxInvoiceGateway",
)


@lru_cache(maxsize=1)
def _load(spec: str) -> Any:
    module_name, _, class_name = spec.partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_env() if hasattr(cls, "from_env") else cls()


def invoice_gateway() -> Any:
    """The invoice platform (``JIAZHENG_INVOICE_GATEWAY``; the sandbox by default)."""
    variable, default = INVOICE
    return _load(os.environ.get(variable) or default)
