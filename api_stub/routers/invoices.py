"""The customer's invoices: ask for one over done and paid orders, follow the requests,
download an issued invoice as PDF."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api_stub.deps import CurrentCustomer, SessionDep
from api_stub.schemas.customer_common import IdPath, Offset
from api_stub.schemas.invoices import (
    InvoiceableOrderList,
    InvoiceableOrderOut,
    InvoiceRequestIn,
    InvoiceRequestOut,
    InvoiceRequestPage,
    RequestState,
)
from jiazheng_desk.reports import invoice_pdf
from jiazheng_desk.services import invoice_views, invoices

router = APIRouter(prefix="/customer", tags=["invoices"])


@router.post(
    "/invoice-requests",
    status_code=201,
    response_model=InvoiceRequestOut,
    summary="Ask for an invoice",
)
def request_invoice(
    body: InvoiceRequestIn, me: CurrentCustomer, session: SessionDep
) -> InvoiceRequestOut:
    """Over some of one's own done and paid orders (an order is invoiced once)."""
    made = invoices.request_invoice(
        session,
        actor=me,
        buyer_kind=body.buyer_kind,
        title=body.title,
        tax_id=body.tax_id,
        email=body.email,
        order_ids=body.order_ids,
    )
    return InvoiceRequestOut.of(made)


@router.get("/invoice-requests", response_model=InvoiceRequestPage, summary="My invoice requests")
def my_requests(
    me: CurrentCustomer,
    session: SessionDep,
    state: Annotated[RequestState | None, Query(description="Only this state.")] = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> InvoiceRequestPage:
    """Newest first, with the invoice number once issued or the reason when refused."""
    page = invoice_views.list_my_invoice_requests(
        session, actor=me, state=state, offset=offset, limit=limit
    )
    return InvoiceRequestPage(items=[InvoiceRequestOut.of(r) for r in page.items], total=page.total)


@router.get("/invoiceable-orders", response_model=InvoiceableOrderList, summary="Orders to invoice")
def invoiceable_orders(me: CurrentCustomer, session: SessionDep) -> InvoiceableOrderList:
    """One's done and paid orders that no request holds yet (the latest 200)."""
    found = invoice_views.list_invoiceable_orders(session, actor=me)
    return InvoiceableOrderList(items=[InvoiceableOrderOut.of(o) for o in found])


@router.get(
    "/invoices/{invoice_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The invoice."}},
    summary="Download an invoice",
)
def invoice_pdf_file(invoice_id: IdPath, me: CurrentCustomer, session: SessionDep) -> Response:
    """One's own issued (or voided, stamped so) invoice as PDF."""
    doc = invoice_views.get_invoice_document(session, actor=me, invoice_id=invoice_id)
    return Response(
        invoice_pdf.build_invoice_pdf(doc),
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="invoice-{doc.invoice_no}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )
