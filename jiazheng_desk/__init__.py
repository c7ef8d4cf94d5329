"""家政 Desk: the back office of a franchise operator of same-city home services."""

from __future__ import annotations

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("jiazheng-desk")
except PackageNotFoundError:  # running from a bundle or an uninstalled checkout
    __version__ = "0.1.0"
