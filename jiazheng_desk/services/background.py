"""The external background check (背景调查) a vetting officer asks of an outside provider.

The provider is a ``Protocol`` handed in by the face (``sync/gateways/background_http.py``
over HTTP, ``background_sandbox.py`` in process). Its answer is one of three: nothing on
record, a hit with what was found, or no answer at all (a timeout, a refused connection,
a server error). "No answer" is never a pass: the check shows it and can be run again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

CLEAR = "clear"
HIT = "hit"
NOT_ANSWERED = "not_answered"
OUTCOMES = (CLEAR, HIT, NOT_ANSWERED)


@dataclass(frozen=True)
class BackgroundResult:
    """``clear`` | ``hit`` (with ``detail``: what the provider holds) | ``not_answered``."""

    outcome: str
    detail: str = ""


class BackgroundCheckGateway(Protocol):
    def check(self, name: str, id_number: str) -> BackgroundResult:
        """What the provider holds on this person (never raises for a network failure)."""
        ...
