"""The payment gateway's sandbox: intents without a provider, callbacks signed with HMAC.

- ``create_intent`` answers at once: the reference is ``SBX-<payment id>`` (the same
  payment gives the same intent, as a real provider keyed by our payment id does) and the
  "pay page" is a URL under the reserved ``.invalid`` domain, for the demo app to show.
- ``callback`` builds what the provider would post to ``confirm_url``: a JSON body and
  its HMAC-SHA256 signature (hex) for the ``X-Payment-Signature`` header; ``pay`` posts it
  (the demo's "customer paid" button). Tests post the signed callback themselves.
- ``signature_ok`` checks a callback with ``hmac.compare_digest``.

The secret comes from ``JIAZHENG_PAYMENT_SANDBOX_SECRET``. Without it nothing verifies:
every callback is refused (a well-known default secret would let anyone mark orders paid).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os

import requests

from jiazheng_desk.services.payments import Intent

log = logging.getLogger(__name__)

SECRET_ENV = "JIAZHENG_PAYMENT_SANDBOX_SECRET"
CONFIRM_URL_ENV = "JIAZHENG_PAYMENT_SANDBOX_CONFIRM_URL"
DEFAULT_CONFIRM_URL = "http://127.0.0.1:8000/api/v1/payments/callback"
SIGNATURE_HEADER = "X-Payment-Signature"
PAY_PAGE = "https://pay.sandbox.invalid"


def sign(secret: str, body: bytes) -> str:
    """The HMAC-SHA256 of a callback body, as lower-case hex."""
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class SandboxPaymentGateway:
    """A ``payments.PaymentGateway`` for the demo and the tests."""

    def __init__(self, secret: str = "", confirm_url: str = DEFAULT_CONFIRM_URL) -> None:
        self.secret = secret
        self.confirm_url = confirm_url

    @classmethod
    def from_env(cls) -> SandboxPaymentGateway:
        secret = os.environ.get(SECRET_ENV, "")
        if not secret:
            log.warning("%s is not set: every payment callback will be refused", SECRET_ENV)
        return cls(secret, os.environ.get(CONFIRM_URL_ENV, DEFAULT_CONFIRM_URL))

    def create_intent(self, payment_id: int, amount_fen: int, method: str) -> Intent:
        ref = f"SBX-{payment_id}"
        return Intent(
            gateway_ref=ref,
            pay_url=f"{PAY_PAGE}/{method}/{ref}",
            params={
                "gateway": "sandbox",
                "ref": ref,
                "method": method,
                "amount_fen": str(amount_fen),
            },
        )

    def signature_ok(self, body: bytes, signature: str) -> bool:
        if not self.secret:
            return False
        expected = sign(self.secret, body).encode("ascii")
        return hmac.compare_digest(expected, signature.strip().lower().encode("utf-8"))

    def callback(
        self, gateway_ref: str, amount_fen: int, status: str = "paid"
    ) -> tuple[bytes, str]:
        """The body the sandbox posts for a payment, and its signature."""
        body = json.dumps(
            {"gateway_ref": gateway_ref, "amount_fen": amount_fen, "status": status},
            separators=(",", ":"),
        ).encode("utf-8")
        return body, sign(self.secret, body)

    def pay(self, gateway_ref: str, amount_fen: int, status: str = "paid") -> int:
        """Post the signed callback to ``confirm_url`` (what the provider does); the status."""
        body, signature = self.callback(gateway_ref, amount_fen, status)
        response = requests.post(
            self.confirm_url,
            data=body,
            headers={"Content-Type": "application/json", SIGNATURE_HEADER: signature},
            timeout=10,
        )
        return response.status_code
