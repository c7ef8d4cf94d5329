"""The payment gateway's statement source for the desk, chosen by configuration.

As ``views/vetting/gateways.py``: named ``package.module:Class`` in
``JIAZHENG_STATEMENT_GATEWAY`` and loaded by name (the desk may not import ``sync``);
the default is the sandbox, which writes the statement from our own rows.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

STATEMENT = (
    "JIAZHENG_STATEMENT_GATEWAY",
    "jiazheng_desk.sync.gateways.statement_sandbox:SandboxStatementGateway",
)


def statement_gateway() -> Any:
    """The source of the gateway's daily statements."""
    variable, default = STATEMENT
    module_name, _, class_name = (os.environ.get(variable) or default).partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_env() if hasattr(cls, "from_env") else cls()
