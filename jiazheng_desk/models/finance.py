"""Money: payments, refunds, the double-entry ledger, withdrawals, payroll, invoices.

Every money movement is a ``LedgerTxn`` whose ``LedgerEntry`` amounts sum to zero;
balances are sums of entries. Posted entries are never updated or deleted.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from jiazheng_desk.models.base import (
    FEN,
    ID,
    Base,
    created_column,
    fen_column,
    fk,
    fk_opt,
    id_column,
    table_args,
)


class Payment(Base):
    """A customer's payment for an order through a gateway (or cash at the desk)."""

    __tablename__ = "payment"
    __table_args__ = table_args(Index("ix_payment_state_created_at", "state", "created_at"))

    id: Mapped[int] = id_column()
    order_id: Mapped[int] = fk("orders.id")
    customer_id: Mapped[int] = fk("customer.id")
    # wechat | alipay | card | cash | wallet
    method: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(FEN)
    # pending | confirmed | failed | cancelled
    state: Mapped[str] = mapped_column(String(16), default="pending")
    gateway_ref: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True)
    created_at: Mapped[datetime] = created_column()
    confirmed_at: Mapped[datetime | None] = mapped_column(nullable=True)


class Refund(Base):
    __tablename__ = "refund"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    payment_id: Mapped[int] = fk("payment.id")
    order_id: Mapped[int] = fk("orders.id")
    amount_fen: Mapped[int] = mapped_column(FEN)
    reason: Mapped[str] = mapped_column(String(255))
    # requested | done | failed
    state: Mapped[str] = mapped_column(String(16), default="requested")
    gateway_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()
    done_at: Mapped[datetime | None] = mapped_column(nullable=True)


class LedgerAccount(Base):
    """An account of the ledger: platform revenue, a branch's share, a worker's payable…"""

    __tablename__ = "ledger_account"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    code: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128), default="")
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    customer_id: Mapped[int | None] = fk_opt("customer.id")
    created_at: Mapped[datetime] = created_column()


class LedgerTxn(Base):
    """A balanced transaction; a correction is a new transaction that reverses another."""

    __tablename__ = "ledger_txn"
    __table_args__ = table_args(Index("ix_ledger_txn_created_at", "created_at"))

    id: Mapped[int] = id_column()
    kind: Mapped[str] = mapped_column(String(32))
    order_id: Mapped[int | None] = fk_opt("orders.id")
    ref_entity: Mapped[str] = mapped_column(String(32), default="")
    ref_id: Mapped[int | None] = mapped_column(ID, nullable=True)
    memo: Mapped[str] = mapped_column(String(255), default="")
    reverses_txn_id: Mapped[int | None] = mapped_column(
        ID, ForeignKey("ledger_txn.id"), nullable=True, unique=True
    )
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class LedgerEntry(Base):
    """One leg of a transaction: a signed amount in fen on one account."""

    __tablename__ = "ledger_entry"
    __table_args__ = table_args(Index("ix_ledger_entry_account_id_txn_id", "account_id", "txn_id"))

    id: Mapped[int] = id_column()
    txn_id: Mapped[int] = fk("ledger_txn.id")
    account_id: Mapped[int] = mapped_column(ID, ForeignKey("ledger_account.id"))
    amount_fen: Mapped[int] = mapped_column(FEN)


class Withdrawal(Base):
    """A worker's (or a referring customer's) request to be paid out (提现)."""

    __tablename__ = "withdrawal"
    __table_args__ = table_args(Index("ix_withdrawal_state_requested_at", "state", "requested_at"))

    id: Mapped[int] = id_column()
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    customer_id: Mapped[int | None] = fk_opt("customer.id")
    amount_fen: Mapped[int] = mapped_column(FEN)
    fee_fen: Mapped[int] = fen_column()
    # requested | approved | rejected | paid
    state: Mapped[str] = mapped_column(String(16), default="requested")
    reason: Mapped[str] = mapped_column(String(255), default="")
    bank_ref: Mapped[str] = mapped_column(String(64), default="")
    requested_at: Mapped[datetime] = created_column()
    decided_by: Mapped[int | None] = fk_opt("staff_user.id")
    decided_at: Mapped[datetime | None] = mapped_column(nullable=True)
    paid_at: Mapped[datetime | None] = mapped_column(nullable=True)


class PayAdjustment(Base):
    """A bonus or a deduction on a worker's pay, with its reason."""

    __tablename__ = "pay_adjustment"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    worker_id: Mapped[int] = fk("worker.id")
    # bonus | deduction
    kind: Mapped[str] = mapped_column(String(16))
    amount_fen: Mapped[int] = mapped_column(FEN)
    reason: Mapped[str] = mapped_column(String(255))
    order_id: Mapped[int | None] = fk_opt("orders.id")
    payroll_run_id: Mapped[int | None] = fk_opt("payroll_run.id")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class PayrollRun(Base):
    """A branch's payroll for a period: draft, reviewed, signed off, locked."""

    __tablename__ = "payroll_run"
    __table_args__ = table_args(UniqueConstraint("branch_id", "period_start"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(16), default="draft")
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    signed_by: Mapped[int | None] = fk_opt("staff_user.id")
    signed_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_at: Mapped[datetime] = created_column()


class PayrollLine(Base):
    __tablename__ = "payroll_line"
    __table_args__ = table_args(UniqueConstraint("run_id", "worker_id"))

    id: Mapped[int] = id_column()
    run_id: Mapped[int] = mapped_column(ID, ForeignKey("payroll_run.id", ondelete="CASCADE"))
    worker_id: Mapped[int] = fk("worker.id")
    orders_count: Mapped[int] = mapped_column(Integer, default=0)
    minutes: Mapped[int] = mapped_column(Integer, default=0)
    gross_fen: Mapped[int] = fen_column()
    bonuses_fen: Mapped[int] = fen_column()
    deductions_fen: Mapped[int] = fen_column()
    withdrawn_fen: Mapped[int] = fen_column()
    net_fen: Mapped[int] = fen_column()


class InvoiceRequest(Base):
    """A customer's request for an invoice (发票) over some orders."""

    __tablename__ = "invoice_request"
    __table_args__ = table_args()

    id: Mapped[int] = id_column()
    customer_id: Mapped[int] = fk("customer.id")
    branch_id: Mapped[int] = fk("branch.id")
    title: Mapped[str] = mapped_column(String(128))
    tax_id: Mapped[str] = mapped_column(String(32), default="")
    email: Mapped[str] = mapped_column(String(128), default="")
    amount_fen: Mapped[int] = mapped_column(FEN)
    # requested | issued | rejected
    state: Mapped[str] = mapped_column(String(16), default="requested")
    created_at: Mapped[datetime] = created_column()


class InvoiceRequestOrder(Base):
    __tablename__ = "invoice_request_order"
    __table_args__ = table_args()

    request_id: Mapped[int] = mapped_column(
        ID, ForeignKey("invoice_request.id", ondelete="CASCADE"), primary_key=True
    )
    order_id: Mapped[int] = mapped_column(ID, ForeignKey("orders.id"), primary_key=True)


class Invoice(Base):
    """An issued invoice with a gap-free number per branch and year."""

    __tablename__ = "invoice"
    __table_args__ = table_args(UniqueConstraint("branch_id", "year", "seq"))

    id: Mapped[int] = id_column()
    request_id: Mapped[int] = fk("invoice_request.id")
    branch_id: Mapped[int] = mapped_column(ID, ForeignKey("branch.id"))
    year: Mapped[int] = mapped_column(SmallInteger)
    seq: Mapped[int] = mapped_column(Integer)
    invoice_no: Mapped[str] = mapped_column(String(32), unique=True)
    amount_fen: Mapped[int] = mapped_column(FEN)
    # issued | void
    state: Mapped[str] = mapped_column(String(16), default="issued")
    issued_by: Mapped[int | None] = fk_opt("staff_user.id")
    issued_at: Mapped[datetime] = created_column()
    void_reason: Mapped[str] = mapped_column(Text, default="")
    voided_at: Mapped[datetime | None] = mapped_column(nullable=True)


class PayRule(Base):
    """How a worker is paid for a service: a share of the price (basis points), an hourly
    rate, a fixed amount per visit, or per day of a placement. The most specific rule wins:
    worker + item, worker, branch + item, branch + category, item, category, default."""

    __tablename__ = "pay_rule"
    __table_args__ = table_args(Index("ix_pay_rule_worker_id_item_id", "worker_id", "item_id"))

    id: Mapped[int] = id_column()
    branch_id: Mapped[int | None] = fk_opt("branch.id")
    worker_id: Mapped[int | None] = fk_opt("worker.id")
    category_id: Mapped[int | None] = fk_opt("service_category.id")
    item_id: Mapped[int | None] = fk_opt("service_item.id")
    # share | hourly | per_visit | per_day
    kind: Mapped[str] = mapped_column(String(16))
    # basis points of the price for "share", fen for the others
    value: Mapped[int] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[int | None] = fk_opt("staff_user.id")
    created_at: Mapped[datetime] = created_column()


class NumberSequence(Base):
    """A gap-free counter (invoice numbers per branch and year): the row is locked, read,
    incremented and used in the transaction that uses the number."""

    __tablename__ = "number_sequence"
    __table_args__ = table_args(UniqueConstraint("name", "branch_id", "year"))

    id: Mapped[int] = id_column()
    name: Mapped[str] = mapped_column(String(32))
    branch_id: Mapped[int] = fk("branch.id")
    year: Mapped[int] = mapped_column(SmallInteger)
    last_value: Mapped[int] = mapped_column(Integer, default=0)
