"""The outside services the desk calls, chosen by configuration.

As in the API (``api_stub/gateways.py``), a gateway is named ``package.module:Class`` in an
environment variable and loaded by name: the desk and ``sync`` are sibling faces that may
not import each other, and a real provider plugs in without a code change.
"""

from __future__ import annotations

import importlib
import os
from typing import Any


def load_named(variable: str, default: str) -> Any:
    """An instance of the class ``$variable`` names (``default`` when unset)."""
    module_name, _, class_name = (os.environ.get(variable) or default).partition(":")
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls.from_env() if hasattr(cls, "from_env") else cls()
