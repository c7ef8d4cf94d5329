"""The electronic invoice platform's sandbox (数电发票): files invoices without a tax bureau.

- ``file_invoice`` answers at once with a reference ``SBX-INV-<number>-<8 hex>`` (the hex
  is a digest of what was filed, so the same filing gives the same reference) and keeps
  the filing in ``filed`` for a demo or a test to look at;
- an invoice above the sandbox's credit line (授信额度, ``limit_fen``, by default ¥100,000;
  ``JIAZHENG_INVOICE_SANDBOX_LIMIT_FEN``) is refused with ``InvoiceFilingFailed``, as
  the real platform refuses one above the seller's line;
- ``void_invoice`` (红冲) answers ``SBX-VOID-<number>`` (any number: the sandbox keeps
  nothing between runs, so one filed by an earlier run is voided all the same).
"""

from __future__ import annotations

import hashlib
import os

from jiazheng_desk.services.invoices import InvoiceFiling, InvoiceFilingFailed

LIMIT_ENV = "JIAZHENG_INVOICE_SANDBOX_LIMIT_FEN"
DEFAULT_LIMIT_FEN = 10_000_000


class SandboxInvoiceGateway:
    """Files in memory; refuses above the credit line."""

    def __init__(self, limit_fen: int = DEFAULT_LIMIT_FEN) -> None:
        self.limit_fen = limit_fen
        self.filed: dict[str, InvoiceFiling] = {}
        self.voided: dict[str, str] = {}

    @classmethod
    def from_env(cls) -> SandboxInvoiceGateway:
        raw = os.environ.get(LIMIT_ENV, "").strip()
        return cls(int(raw) if raw.isdigit() else DEFAULT_LIMIT_FEN)

    def file_invoice(self, filing: InvoiceFiling) -> str:
        if filing.amount_fen > self.limit_fen:
            whole, cents = divmod(self.limit_fen, 100)
            raise InvoiceFilingFailed(detail=f"超出开票额度 ¥{whole}.{cents:02d}")
        digest = hashlib.sha256(
            f"{filing.invoice_no}|{filing.buyer_title}|{filing.buyer_tax_id}|"
            f"{filing.amount_fen}".encode()
        ).hexdigest()[:8]
        self.filed[filing.invoice_no] = filing
        return f"SBX-INV-{filing.invoice_no}-{digest}"

    def void_invoice(self, invoice_no: str, reason: str) -> str:
        # a new sandbox (another desk start) has not seen older filings: it accepts them
        self.voided[invoice_no] = reason
        return f"SBX-VOID-{invoice_no}"
