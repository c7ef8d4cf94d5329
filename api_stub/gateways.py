"""The outside services the API calls, chosen by configuration and built when the app is.

Each gateway is named by an environment variable as ``package.module:Class`` (built with
``Class.from_env()`` when it has one, else ``Class()``); by default the sandboxes in
``jiazheng_desk/sync/gateways``. They are loaded by name rather than imported because the
API and the jobs (``sync``) are sibling faces that may not import each other
(import-linter), and so a real provider plugs in without a code change. They are built in
``create_app``: a misspelt name stops the server at start with a message, not at the first
request with a 500. A test or an embedding program may replace one on ``app.state``.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from fastapi import FastAPI

SANDBOXES = "jiazheng_desk.sync.gateways"
# app.state attribute -> (environment variable, default class)
GATEWAYS = {
    "identity_gateway": (
        "JIAZHENG_IDENTITY_GATEWAY",
        f"{SANDBOXES}.identity_sandbox:SandboxIdentityGateway",
    ),
    "oauth_gateway": ("JIAZHENG_OAUTH_GATEWAY", f"{SANDBOXES}.oauth_sandbox:SandboxOAuthGateway"),
    "payment_gateway": (
        "JIAZHENG_PAYMENT_GATEWAY",
        f"{SANDBOXES}.payment_sandbox:SandboxPaymentGateway",
    ),
}


class GatewayConfigError(Exception):
    """A gateway named in the environment cannot be loaded."""


def load_gateway(spec: str, *, variable: str = "") -> Any:
    """An instance of the class named ``package.module:Class``."""
    module_name, _, class_name = spec.partition(":")
    where = f"{variable}={spec}" if variable else spec
    if not module_name or not class_name:
        raise GatewayConfigError(f"{where}: expected package.module:Class")
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise GatewayConfigError(f"{where}: {exc}") from exc
    return cls.from_env() if hasattr(cls, "from_env") else cls()


def install_gateways(app: FastAPI) -> None:
    """Build every gateway the configuration names onto ``app.state``."""
    for attribute, (variable, default) in GATEWAYS.items():
        spec = os.environ.get(variable) or default
        setattr(app.state, attribute, load_gateway(spec, variable=variable))
