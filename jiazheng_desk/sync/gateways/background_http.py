"""The background check over HTTP: a provider's JSON API behind a base URL.

``POST {base}/background-check`` with ``{"name", "id_number"}`` answers
``{"outcome": "clear" | "hit", "detail": text}``. Connections and reads have their own
timeouts; refused connections, read timeouts and 429/5xx answers are retried a few times
with backoff (urllib3 ``Retry`` on the session's adapter). Whatever still fails — no
connection, no answer in time, an error status, a body that is not the agreed JSON — is
``not_answered``: the check shows "not answered, retry" and never passes by itself.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from jiazheng_desk.services.background import CLEAR, HIT, NOT_ANSWERED, BackgroundResult

log = logging.getLogger(__name__)

PATH = "/background-check"
RETRY_STATUSES = (429, 500, 502, 503, 504)


class HttpBackgroundGateway:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str = "",
        connect_timeout: float = 3.0,
        read_timeout: float = 10.0,
        retries: int = 2,
        backoff: float = 0.5,
    ) -> None:
        self.url = base_url.rstrip("/") + PATH
        self.timeout = (connect_timeout, read_timeout)
        retry = Retry(
            total=retries,
            connect=retries,
            read=retries,
            status=retries,
            backoff_factor=backoff,
            status_forcelist=RETRY_STATUSES,
            # a lookup changes nothing at the provider: safe to ask again
            allowed_methods=frozenset({"POST"}),
            raise_on_status=False,
        )
        self.session = requests.Session()
        adapter = HTTPAdapter(max_retries=retry)
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)
        if api_key:
            self.session.headers["Authorization"] = f"Bearer {api_key}"

    @classmethod
    def from_env(cls) -> HttpBackgroundGateway:
        """Configured by ``JIAZHENG_BACKGROUND_URL`` (and ``_KEY``, ``_TIMEOUT`` seconds)."""
        url = os.environ.get("JIAZHENG_BACKGROUND_URL", "")
        if not url:
            raise ValueError("JIAZHENG_BACKGROUND_URL is not set")
        read = float(os.environ.get("JIAZHENG_BACKGROUND_TIMEOUT", "10"))
        return cls(url, api_key=os.environ.get("JIAZHENG_BACKGROUND_KEY", ""), read_timeout=read)

    def check(self, name: str, id_number: str) -> BackgroundResult:
        try:
            response = self.session.post(
                self.url, json={"name": name, "id_number": id_number}, timeout=self.timeout
            )
        except requests.RequestException as exc:
            log.warning("background check: no answer from %s (%s)", self.url, type(exc).__name__)
            return BackgroundResult(NOT_ANSWERED)
        if response.status_code != 200:
            log.warning("background check: HTTP %s from %s", response.status_code, self.url)
            return BackgroundResult(NOT_ANSWERED)
        try:
            body: Any = response.json()
        except ValueError:
            return BackgroundResult(NOT_ANSWERED)
        outcome = body.get("outcome") if isinstance(body, dict) else None
        if outcome == CLEAR:
            return BackgroundResult(CLEAR)
        if outcome == HIT:
            return BackgroundResult(HIT, str(body.get("detail") or ""))
        return BackgroundResult(NOT_ANSWERED)

    def close(self) -> None:
        self.session.close()
