"""The electronic invoice platform the desk files invoices with, chosen by configuration.

As for vetting (``views/vetting/gateways.py``), the gateway is named ``package.module:Class``
in ``JIAZHENG_INVOICE_GATEWAY`` and loaded by name (the desk may not import ``sync``); the
default is the sandbox. It is built once per desk process: the sandbox keeps what it
filed in memory, as a real client keeps its connection.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from jiazheng_desk.views.gateways import load_named

INVOICE = (
    "JIAZHENG_INVOICE_GATEWAY",
    "jiazheng_desk.sync.gateways.invoice_sandbox:SandboxInvoiceGateway",
)


def invoice_gateway() -> Any:
    """The invoice platform (``JIAZHENG_INVOICE_GATEWAY``; the sandbox by default)."""
    variable, default = INVOICE
    return _built(os.environ.get(variable) or default)


@lru_cache(maxsize=1)
def _built(spec: str) -> Any:
    return load_named(INVOICE[0], spec)
