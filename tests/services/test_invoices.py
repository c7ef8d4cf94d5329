"""Invoices: the customer's request, finance's queue, issuing with gap-free numbers,
rejecting and voiding; the numbers under concurrent issuing on MariaDB (with a control
that shows the race without the lock)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import (
    Branch,
    Invoice,
    Notification,
    NumberSequence,
    Order,
    StateEvent,
)
from jiazheng_desk.services import invoice_views, invoices, numbering
from jiazheng_desk.services.errors import (
    Conflict,
    IllegalTransition,
    NotFound,
    PermissionDenied,
    ValidationError,
)
from jiazheng_desk.services.invoice_views import InvoiceFilter, InvoiceRequestFilter
from jiazheng_desk.services.invoices import InvoiceFilingFailed, format_invoice_no
from jiazheng_desk.services.tax_ids import check_character, clean_tax_id
from jiazheng_desk.sync.gateways.invoice_sandbox import SandboxInvoiceGateway
from tests.booking_factories import make_world
from tests.factories import actor, make_staff
from tests.invoice_factories import (
    COMPANY_TAX_ID,
    OTHER_TAX_ID,
    another_customer,
    ask,
    open_shop,
    paid_order,
    refund,
)

NOW = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _now():
    clock.freeze(NOW)


@pytest.fixture
def gateway() -> SandboxInvoiceGateway:
    return SandboxInvoiceGateway()


# --- the tax id ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        (COMPANY_TAX_ID, COMPANY_TAX_ID),
        (OTHER_TAX_ID, OTHER_TAX_ID),
        ("91110000600037341l", OTHER_TAX_ID),
        (" 9135 0100-M000 100Y43 ", COMPANY_TAX_ID),
    ],
)
def test_a_valid_credit_code_is_accepted_and_normalised(typed, clean):
    assert clean_tax_id(typed) == clean


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("", "invoice.tax_id_length"),
        ("9135010", "invoice.tax_id_length"),
        ("91350100M000100Y431", "invoice.tax_id_length"),
        # an old 15-digit tax registration number is not accepted any more
        ("350100123456789", "invoice.tax_id_length"),
        ("91350100M000100Y4I", "invoice.tax_id_characters"),  # no I in the alphabet
        ("9135O100M000100Y43", "invoice.tax_id_characters"),  # letter in the division code
        ("91350100M000100Y44", "invoice.tax_id_check"),
        ("91110000600037341K", "invoice.tax_id_check"),
    ],
)
def test_a_tax_id_of_the_wrong_form_is_refused_with_its_reason(typed, key):
    with pytest.raises(ValidationError) as err:
        clean_tax_id(typed)
    assert err.value.key == key
    assert err.value.field == "tax_id"


def test_every_single_character_change_breaks_the_check():
    body = COMPANY_TAX_ID[:17]
    assert check_character(body) == COMPANY_TAX_ID[17]
    for wrong in "0123456789ABCDEFGHJKLMNPQRTUWXY":
        if wrong != COMPANY_TAX_ID[17]:
            with pytest.raises(ValidationError):
                clean_tax_id(body + wrong)


# --- the request ---------------------------------------------------------------------


def test_the_request_is_what_was_paid_less_refunds(db):
    shop = open_shop(db)
    a = paid_order(db, shop)
    b = paid_order(db, shop, hour=14, paid_fen=10000, refund_fen=2550)
    made = ask(db, shop, [a, b])
    assert made.state == "requested"
    assert made.amount_fen == 10000 + 10000 - 2550
    assert made.tax_id == COMPANY_TAX_ID
    assert made.order_count == 2
    assert made.branch_id == shop.branch_id
    queue = invoice_views.list_invoice_requests(db, actor=shop.finance)
    assert [r.id for r in queue.items] == [made.id]
    detail = invoice_views.get_invoice_request(db, actor=shop.finance, request_id=made.id)
    assert {(x.order_no, x.amount_fen) for x in detail.lines} == {
        (a.order_no, 10000),
        (b.order_no, 7450),
    }
    assert [s.event for s in detail.steps] == ["create"]


def test_a_personal_title_has_no_tax_id(db):
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)], title="张伟", tax_id=None)
    assert made.is_personal and made.tax_id == ""
    with pytest.raises(ValidationError) as err:
        invoices.request_invoice(
            db,
            actor=shop.customer,
            buyer_kind="personal",
            title="张伟",
            tax_id=COMPANY_TAX_ID,
            email="a@b.cn",
            order_ids=[paid_order(db, shop).id],
        )
    assert err.value.key == "invoice.personal_no_tax_id"


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"buyer_kind": "company", "tax_id": ""}, "invoice.tax_id_required"),
        ({"buyer_kind": "company", "tax_id": "91350100M000100Y44"}, "invoice.tax_id_check"),
        ({"buyer_kind": "group"}, "invoice.bad_buyer_kind"),
        ({"title": "   "}, "error.required"),
        ({"title": "长" * 129}, "error.too_long"),
        ({"email": "not-an-address"}, "invoice.bad_email"),
        ({"email": ""}, "error.required"),
        ({"order_ids": []}, "invoice.orders_required"),
        ({"order_ids": list(range(1, 60))}, "invoice.too_many_orders"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(db, change, key):
    shop = open_shop(db)
    order = paid_order(db, shop)
    args = {
        "buyer_kind": "company",
        "title": "上海星河科技有限公司",
        "tax_id": COMPANY_TAX_ID,
        "email": "a@b.cn",
        "order_ids": [order.id],
    }
    args.update(change)
    with pytest.raises(ValidationError) as err:
        invoices.request_invoice(db, actor=shop.customer, **args)
    assert err.value.key == key
    assert invoice_views.list_invoice_requests(db, actor=shop.finance).total == 0


def test_only_own_done_and_paid_orders_can_be_invoiced(db):
    shop = open_shop(db)
    stranger = another_customer(db, shop)
    theirs = paid_order(db, stranger)
    with pytest.raises(NotFound):
        ask(db, shop, [theirs])
    with pytest.raises(NotFound):
        invoices.request_invoice(
            db,
            actor=shop.customer,
            buyer_kind="personal",
            title="张伟",
            tax_id=None,
            email="a@b.cn",
            order_ids=[theirs.id + 10_000_000],
        )
    cases = [
        (paid_order(db, shop, state="in_service"), "invoice.order_not_done"),
        (paid_order(db, shop, state="cancelled"), "invoice.order_not_done"),
        (paid_order(db, shop, paid_fen=0), "invoice.order_not_paid"),
        (paid_order(db, shop, paid_fen=5000), "invoice.order_not_paid"),
        (paid_order(db, shop, refund_fen=10000), "invoice.order_refunded"),
    ]
    for order, key in cases:
        with pytest.raises(ValidationError) as err:
            ask(db, shop, [order])
        assert err.value.key == key, order.state
    reviewed = paid_order(db, shop, state="reviewed")
    assert ask(db, shop, [reviewed]).amount_fen == 10000
    with pytest.raises(PermissionDenied):
        invoices.request_invoice(
            db,
            actor=shop.finance,
            buyer_kind="personal",
            title="张伟",
            tax_id=None,
            email="a@b.cn",
            order_ids=[reviewed.id],
        )


def test_orders_of_two_branches_are_two_invoices(db):
    shop = open_shop(db)
    here = paid_order(db, shop)
    elsewhere = paid_order(db, shop)
    elsewhere.branch_id = make_world(db).branch.id
    db.flush()
    with pytest.raises(ValidationError) as err:
        ask(db, shop, [here, elsewhere])
    assert err.value.key == "invoice.orders_two_branches"


def test_an_order_cannot_be_invoiced_twice(db, gateway):
    shop = open_shop(db)
    a, b = paid_order(db, shop), paid_order(db, shop, hour=14)
    first = ask(db, shop, [a])
    with pytest.raises(Conflict) as err:
        ask(db, shop, [b, a])
    assert err.value.key == "invoice.order_already_requested"
    invoices.issue_invoice(db, actor=shop.finance, request_id=first.id, gateway=gateway)
    with pytest.raises(Conflict):
        ask(db, shop, [a])
    # the app's list of what may be invoiced leaves it out, and keeps the other
    free = invoice_views.list_invoiceable_orders(db, actor=shop.customer)
    assert [o.order_id for o in free] == [b.id]


# --- issuing -------------------------------------------------------------------------


def test_issuing_numbers_per_branch_and_year_without_gaps(db, gateway):
    shop = open_shop(db)
    requests = [ask(db, shop, [paid_order(db, shop, hour=8 + i)]) for i in range(3)]
    issued = [
        invoices.issue_invoice(db, actor=shop.finance, request_id=r.id, gateway=gateway)
        for r in requests
    ]
    code = shop.world.branch.code.upper()
    assert [d.row.invoice_no for d in issued] == [f"{code}2026{n:06d}" for n in (1, 2, 3)]
    assert all(d.row.state == "issued" and d.row.invoice_state == "issued" for d in issued)
    assert issued[0].filing_ref.startswith(f"SBX-INV-{code}2026000001-")
    assert set(gateway.filed) == {d.row.invoice_no for d in issued}
    # another branch counts from 1 again
    other = open_shop(db)
    theirs = ask(db, other, [paid_order(db, other)])
    done = invoices.issue_invoice(db, actor=other.finance, request_id=theirs.id, gateway=gateway)
    assert done.row.invoice_no.endswith("2026000001")
    # a new local year counts from 1 again (01:00 on 1 January in Shanghai)
    clock.freeze(datetime(2026, 12, 31, 17, 0, tzinfo=UTC))
    new_year = ask(db, shop, [paid_order(db, shop, hour=20)])
    done = invoices.issue_invoice(db, actor=shop.finance, request_id=new_year.id, gateway=gateway)
    assert done.row.invoice_no == f"{code}2027000001"
    steps = [(s.entity, s.event, s.to_state) for s in done.steps]
    assert steps == [
        ("invoice_request", "create", "requested"),
        ("invoice_request", "issue", "issued"),
        ("invoice", "issue", "issued"),
    ]
    note = db.scalars(
        select(Notification).where(
            Notification.recipient_id == shop.customer.id, Notification.kind == "invoice"
        )
    ).all()
    assert any(done.row.invoice_no in n.body for n in note)


def test_format_of_the_number():
    assert format_invoice_no("PD", 2026, 123) == "PD2026000123"
    assert format_invoice_no("pu-dong", 2026, 7) == "PUDONG2026000007"


def test_issuing_twice_is_an_illegal_transition(db, gateway):
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)])
    invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    with pytest.raises(IllegalTransition):
        invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    with pytest.raises(IllegalTransition):
        invoices.reject_invoice_request(db, actor=shop.finance, request_id=made.id, reason="x")
    assert db.scalar(select(NumberSequence.last_value)) == 1


def test_a_refund_after_the_request_stops_the_issue(db, gateway):
    shop = open_shop(db)
    order = paid_order(db, shop)
    made = ask(db, shop, [order])
    refund(db, order, 3000)
    with pytest.raises(Conflict) as err:
        invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    assert err.value.key == "invoice.amount_changed"
    assert "¥100.00" in str(err.value) and "¥70.00" in str(err.value)


def test_who_may_issue_and_see(db, gateway):
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)])
    dispatcher = actor(make_staff(db, role="dispatcher", branch=shop.world.branch))
    with pytest.raises(PermissionDenied):
        invoices.issue_invoice(db, actor=dispatcher, request_id=made.id, gateway=gateway)
    with pytest.raises(PermissionDenied):
        invoice_views.list_invoice_requests(db, actor=dispatcher)
    elsewhere = open_shop(db)
    with pytest.raises(PermissionDenied):
        invoices.issue_invoice(db, actor=elsewhere.finance, request_id=made.id, gateway=gateway)
    with pytest.raises(PermissionDenied):
        invoice_views.get_invoice_request(db, actor=elsewhere.finance, request_id=made.id)
    assert invoice_views.list_invoice_requests(db, actor=elsewhere.finance).total == 0
    hq = actor(make_staff(db, role="hq_admin"))
    flt = InvoiceRequestFilter(branch_id=shop.branch_id)
    assert invoice_views.list_invoice_requests(db, actor=hq, flt=flt).total == 1
    manager = actor(make_staff(db, role="branch_manager", branch=shop.world.branch))
    done = invoices.issue_invoice(db, actor=manager, request_id=made.id, gateway=gateway)
    assert done.row.state == "issued"


def test_the_queue_filters_by_state_branch_date_and_text(db, gateway):
    shop = open_shop(db)
    first = ask(db, shop, [paid_order(db, shop)], title="甲公司")
    clock.freeze(datetime(2026, 11, 26, 2, 0, tzinfo=UTC))
    second = ask(db, shop, [paid_order(db, shop, hour=14)], title="乙个人", tax_id=None)
    invoices.issue_invoice(db, actor=shop.finance, request_id=first.id, gateway=gateway)

    def ids(**kw):
        flt = InvoiceRequestFilter(**kw)
        return [
            r.id for r in invoice_views.list_invoice_requests(db, actor=shop.finance, flt=flt).items
        ]

    assert ids() == [second.id, first.id]
    assert ids(state="requested") == [second.id]
    assert ids(state="issued") == [first.id]
    assert ids(since=datetime(2026, 11, 25, tzinfo=UTC)) == [second.id]
    assert ids(until=datetime(2026, 11, 25, tzinfo=UTC)) == [first.id]
    assert ids(text="乙") == [second.id]
    assert ids(text="2026000001") == [first.id]
    assert ids(branch_id=shop.branch_id) == [second.id, first.id]  # scoped anyway


def test_a_refused_filing_issues_nothing(db):
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)])
    with pytest.raises(InvoiceFilingFailed) as err:
        invoices.issue_invoice(
            db, actor=shop.finance, request_id=made.id, gateway=SandboxInvoiceGateway(5000)
        )
    assert "¥50.00" in str(err.value)


def test_a_failed_unit_of_work_gives_its_number_back(live_db):
    """The refused filing rolls back the number with the invoice: the next one is 1."""
    clock.freeze(NOW)
    with live_db.session(write=True) as s:
        shop = open_shop(s)
        made = [ask(s, shop, [paid_order(s, shop, hour=8 + i)]).id for i in range(2)]
        finance = shop.finance
    with pytest.raises(InvoiceFilingFailed), live_db.session(write=True) as s:
        invoices.issue_invoice(
            s, actor=finance, request_id=made[0], gateway=SandboxInvoiceGateway(5000)
        )
    with live_db.session(write=True) as s:
        done = invoices.issue_invoice(
            s, actor=finance, request_id=made[1], gateway=SandboxInvoiceGateway()
        )
    assert done.row.invoice_no.endswith("2026000001")
    with live_db.session() as s:
        assert s.scalar(select(Invoice.seq)) == 1


# --- rejecting and voiding -----------------------------------------------------------


def test_a_rejection_carries_its_reason_to_the_customer_and_frees_the_orders(db):
    shop = open_shop(db)
    order = paid_order(db, shop)
    made = ask(db, shop, [order])
    with pytest.raises(ValidationError):
        invoices.reject_invoice_request(db, actor=shop.finance, request_id=made.id, reason=" ")
    done = invoices.reject_invoice_request(
        db, actor=shop.finance, request_id=made.id, reason="抬头与营业执照不符"
    )
    assert done.row.state == "rejected" and done.row.reason == "抬头与营业执照不符"
    mine = invoice_views.list_my_invoice_requests(db, actor=shop.customer).items
    assert [(r.state, r.reason) for r in mine] == [("rejected", "抬头与营业执照不符")]
    again = ask(db, shop, [order], title="上海星河科技股份有限公司")
    assert again.state == "requested"
    event = db.scalar(
        select(StateEvent).where(
            StateEvent.entity == "invoice_request",
            StateEvent.entity_id == made.id,
            StateEvent.event == "reject",
        )
    )
    assert event.actor_id == shop.finance.id and event.from_state == "requested"


def test_void_keeps_the_number_and_frees_the_orders(db, gateway):
    shop = open_shop(db)
    order = paid_order(db, shop)
    made = ask(db, shop, [order])
    issued = invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    invoice_id = issued.row.invoice_id
    assert invoice_id is not None
    with pytest.raises(ValidationError):
        invoices.void_invoice(
            db, actor=shop.finance, invoice_id=invoice_id, reason="", gateway=gateway
        )
    voided = invoices.void_invoice(
        db, actor=shop.finance, invoice_id=invoice_id, reason="抬头有误", gateway=gateway
    )
    assert voided.row.state == "voided"
    assert voided.row.invoice_state == "void"
    assert voided.row.invoice_no == issued.row.invoice_no
    assert voided.row.reason == "抬头有误"
    assert gateway.voided == {issued.row.invoice_no: "抬头有误"}
    with pytest.raises(IllegalTransition):
        invoices.void_invoice(
            db, actor=shop.finance, invoice_id=invoice_id, reason="再次", gateway=gateway
        )
    # the order is asked for again and gets the next number: the voided one stays used
    again = ask(db, shop, [order], title="上海星河科技股份有限公司")
    reissued = invoices.issue_invoice(db, actor=shop.finance, request_id=again.id, gateway=gateway)
    assert reissued.row.invoice_no.endswith("2026000002")
    listed = invoice_views.list_invoices(db, actor=shop.finance).items
    assert [(i.invoice_no[-6:], i.state) for i in listed] == [
        ("000001", "void"),
        ("000002", "issued"),
    ]
    assert listed[0].void_reason == "抬头有误"
    only_void = invoice_views.list_invoices(db, actor=shop.finance, flt=InvoiceFilter(state="void"))
    assert only_void.total == 1


def test_the_document_is_the_customers_own(db, gateway):
    shop = open_shop(db)
    made = ask(db, shop, [paid_order(db, shop)])
    done = invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    invoice_id = done.row.invoice_id
    doc = invoice_views.get_invoice_document(db, actor=shop.customer, invoice_id=invoice_id)
    assert doc.buyer_title == "上海星河科技有限公司" and doc.amount_fen == 10000
    assert doc.issuer_name == "李会计" and doc.seller_name == shop.world.branch.name
    stranger = another_customer(db, shop)
    with pytest.raises(NotFound):
        invoice_views.get_invoice_document(db, actor=stranger.customer, invoice_id=invoice_id)
    # a later refund does not change what the invoice says
    clock.freeze(datetime(2026, 11, 25, 2, 0, tzinfo=UTC))
    refund(db, db.get(Order, done.lines[0].order_id), 1000)
    doc = invoice_views.get_invoice_document(db, actor=shop.finance, invoice_id=invoice_id)
    assert [x.amount_fen for x in doc.lines] == [10000]


# --- concurrency (MariaDB, real threads) ---------------------------------------------

THREADS = 8


def _prepare(database, n):
    clock.freeze(NOW)
    with database.session(write=True) as s:
        shop = open_shop(s)
        made = [ask(s, shop, [paid_order(s, shop, hour=6 + i % 14)]).id for i in range(n)]
        return shop.finance, shop.branch_id, made


def _run(threads):
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not any(t.is_alive() for t in threads)


def test_numbers_stay_gap_free_under_concurrent_issuing(mysql_live_db):
    """Eight desks issue at once; two filings are refused and roll back: 1..6, no gaps."""
    finance, branch_id, made = _prepare(mysql_live_db, THREADS)
    refused = set(made[2:4])
    start = threading.Barrier(THREADS)
    results: list[str] = []
    errors: list[BaseException] = []

    def issue(request_id: int) -> None:
        limit = 5000 if request_id in refused else 10_000_000
        start.wait()
        try:
            with mysql_live_db.session(write=True) as s:
                done = invoices.issue_invoice(
                    s,
                    actor=finance,
                    request_id=request_id,
                    gateway=SandboxInvoiceGateway(limit),
                )
            results.append(done.row.invoice_no)
        except BaseException as exc:
            errors.append(exc)

    _run([threading.Thread(target=issue, args=(r,)) for r in made])
    assert len(errors) == 2 and all(isinstance(e, InvoiceFilingFailed) for e in errors)
    with mysql_live_db.session() as s:
        seqs = sorted(s.scalars(select(Invoice.seq).where(Invoice.branch_id == branch_id)))
        last = s.scalar(select(NumberSequence.last_value))
    assert seqs == list(range(1, THREADS - 1))
    assert len(set(results)) == THREADS - 2
    assert last == THREADS - 2


def test_the_first_number_of_a_year_is_created_once_under_a_race(mysql_live_db):
    """No sequence row yet: every thread finds none, all create it, none deadlocks."""
    with mysql_live_db.session(write=True) as s:
        branch_id = make_world(s).branch.id
    start = threading.Barrier(THREADS)
    taken: list[int] = []
    errors: list[BaseException] = []

    def take() -> None:
        start.wait()
        try:
            with mysql_live_db.session(write=True) as s:
                taken.append(
                    numbering.take_next(
                        s.connection(), name="invoice", branch_id=branch_id, year=2031
                    )
                )
        except BaseException as exc:
            errors.append(exc)

    _run([threading.Thread(target=take) for _ in range(THREADS)])
    assert not errors
    assert sorted(taken) == list(range(1, THREADS + 1))


def test_control_without_the_lock_numbers_repeat(mysql_live_db):
    """The same race reading the counter without FOR UPDATE hands out one number many times."""
    with mysql_live_db.session(write=True) as s:
        branch_id = make_world(s).branch.id
        s.add(NumberSequence(name="invoice", branch_id=branch_id, year=2026, last_value=0))
    read_done = threading.Barrier(THREADS)
    taken: list[int] = []

    def naive() -> None:
        with mysql_live_db.session(write=True) as s:
            row = s.execute(select(NumberSequence)).scalar_one()
            value = row.last_value + 1
            read_done.wait()
            row.last_value = value
            s.flush()
            taken.append(value)

    _run([threading.Thread(target=naive) for _ in range(THREADS)])
    assert len(taken) == THREADS
    assert len(set(taken)) < THREADS, "the control should have repeated a number"


def test_two_requests_for_one_order_at_once_only_one_wins(mysql_live_db):
    clock.freeze(NOW)
    with mysql_live_db.session(write=True) as s:
        shop = open_shop(s)
        order_id = paid_order(s, shop).id
        customer = shop.customer
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def request() -> None:
        start.wait()
        try:
            with mysql_live_db.session(write=True) as s:
                invoices.request_invoice(
                    s,
                    actor=customer,
                    buyer_kind="personal",
                    title="张伟",
                    tax_id=None,
                    email="a@b.cn",
                    order_ids=[order_id],
                )
            outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")

    _run([threading.Thread(target=request) for _ in range(2)])
    assert sorted(outcomes) == ["conflict", "ok"]


def test_branch_code_of_the_number(db, gateway):
    shop = open_shop(db)
    branch = db.get(Branch, shop.branch_id)
    branch.code = "pd"
    db.flush()
    made = ask(db, shop, [paid_order(db, shop)])
    done = invoices.issue_invoice(db, actor=shop.finance, request_id=made.id, gateway=gateway)
    assert done.row.invoice_no == "PD2026000001"
