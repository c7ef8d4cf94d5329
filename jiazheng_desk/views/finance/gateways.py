"""The payment gateway's statement source for the desk, chosen by configuration.

As ``views/vetting/gateways.py``: named ``package.module:Class`` in
``JIAZHENG_STATEMENT_GATEWAY`` and loaded by name (the desk may not import ``sync``);
the default is the sandbox, which writes the statement from our own rows.
"""

from __future__ import annotations

from typing import Any

from jiazheng_desk.views.gateways import load_named

STATEMENT = (
    "JIAZHENG_STATEMENT_GATEWAY",
    "jiazheng_desk.sync.gateways.statement_sandbox:SandboxStatementGateway",
)


def statement_gateway() -> Any:
    """The source of the gateway's daily statements."""
    return load_named(*STATEMENT)
