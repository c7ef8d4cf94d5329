"""The catalog of messages shown to people outside Qt widgets: key -> (Chinese, English).

One module per area (``core``, ``api``, ``demo``, ``booking`` …) so that areas grow
without touching each other; placeholders use ``str.format`` names and must be the same
in both languages (a test checks), and no key may be defined twice.
"""

from __future__ import annotations

import importlib
import pkgutil

MESSAGES: dict[str, tuple[str, str]] = {}

for _info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    _area = importlib.import_module(f"{__name__}.{_info.name}")
    _dupes = MESSAGES.keys() & _area.MESSAGES.keys()
    if _dupes:
        raise RuntimeError(f"message keys defined twice ({_info.name}): {sorted(_dupes)}")
    MESSAGES.update(_area.MESSAGES)
