"""Logging to a rotating file in the log directory (and stderr for commands).

Nothing logged may contain a password, an SMS code or an ID number: URLs are logged
with the password hidden, and services never log personal data.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_log_file: Path | None = None


def setup_logging(log_dir: Path, *, name: str = "desk", console: bool = False) -> Path | None:
    """Log INFO and above to ``<log_dir>/<name>.log`` (5 × 2 MB, rotating)."""
    global _log_file
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / f"{name}.log"
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(fmt)
        root.addHandler(handler)
        _log_file = path
    except OSError:
        # a read-only or full disk must not stop the desk; log to stderr instead
        _log_file = None
        console = True
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(fmt)
        stream.setLevel(logging.WARNING)
        root.addHandler(stream)
    return _log_file


def current_log_file() -> str:
    """Where the log is written, for messages that say "see the log"."""
    return str(_log_file) if _log_file is not None else "stderr"
