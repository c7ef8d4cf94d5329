"""The outside services the desk's vetting calls, chosen by configuration.

As in the API (``api_stub/gateways.py``), a gateway is named ``package.module:Class`` in
an environment variable and loaded by name: the desk and ``sync`` are sibling faces that
may not import each other, and a real provider plugs in without a code change. The
defaults are the in-process sandboxes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jiazheng_desk.config import load_settings
from jiazheng_desk.views.gateways import load_named

SANDBOXES = "jiazheng_desk.sync.gateways"
BACKGROUND = (
    "JIAZHENG_BACKGROUND_GATEWAY",
    f"{SANDBOXES}.background_sandbox:SandboxBackgroundGateway",
)
IDENTITY = ("JIAZHENG_IDENTITY_GATEWAY", f"{SANDBOXES}.identity_sandbox:SandboxIdentityGateway")


def background_gateway() -> Any:
    """The background-check provider (``JIAZHENG_BACKGROUND_GATEWAY``)."""
    return load_named(*BACKGROUND)


def identity_gateway() -> Any:
    """The real-name and face check (``JIAZHENG_IDENTITY_GATEWAY``)."""
    return load_named(*IDENTITY)


def media_dir() -> Path:
    """Where the photos are: this machine's data folder, or the API server's share
    (``media.dir`` in the config file, ``JIAZHENG_MEDIA_DIR``)."""
    return load_settings().paths.media_dir
