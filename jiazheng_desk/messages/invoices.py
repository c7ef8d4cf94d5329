"""Invoices (发票): requests from the app, issuing, rejecting, voiding, the printed invoice."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "invoice.request": ("申请开票", "Invoice requested"),
    "invoice.issue": ("开具发票", "Invoice issued"),
    "invoice.reject": ("驳回开票申请", "Invoice request rejected"),
    "invoice.void": ("作废发票", "Invoice voided"),
}

_ENTITIES: dict[str, tuple[str, str]] = {
    "invoice_request": ("开票申请", "Invoice request"),
    "invoice": ("发票", "Invoice"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    **{f"entity.{code}": names for code, names in _ENTITIES.items()},
    # states and events, for refusals in words
    "invoice.state.requested": ("待开票", "waiting"),
    "invoice.state.issued": ("已开票", "issued"),
    "invoice.state.rejected": ("已驳回", "rejected"),
    "invoice.state.voided": ("发票已作废", "invoice voided"),
    "invoice.state.void": ("已作废", "void"),
    "invoice.event.issue": ("开票", "issue"),
    "invoice.event.reject": ("驳回", "reject"),
    "invoice.event.void": ("作废", "void"),
    "invoice.illegal_transition": (
        "状态为“{state}”时不能{event}",
        "Cannot {event} while the state is “{state}”",
    ),
    # the request
    "invoice.customers_only": ("只有客户本人可以申请开票", "Only customers ask for invoices"),
    "invoice.bad_buyer_kind": (
        "抬头类型只能是企业（company）或个人（personal）",
        "The buyer is a company or a person (company, personal)",
    ),
    "invoice.field.title": ("发票抬头", "Invoice title"),
    "invoice.field.email": ("接收邮箱", "Email"),
    "invoice.field.reason": ("原因", "Reason"),
    "invoice.tax_id_required": (
        "企业抬头需要填写纳税人识别号（统一社会信用代码）",
        "A company needs its tax id (unified social credit code)",
    ),
    "invoice.personal_no_tax_id": (
        "个人抬头不填写纳税人识别号",
        "A personal invoice has no tax id",
    ),
    "invoice.tax_id_length": (
        "纳税人识别号应为 18 位，现为 {length} 位",
        "A tax id has 18 characters, this one {length}",
    ),
    "invoice.tax_id_characters": (
        "纳税人识别号含有不允许的字符（统一社会信用代码不含 I、O、S、V、Z）",
        "The tax id has characters a unified social credit code cannot have (no I, O, S, V, Z)",
    ),
    "invoice.tax_id_check": (
        "纳税人识别号的校验位不对，请核对营业执照",
        "The tax id's check character is wrong: please check the business licence",
    ),
    "invoice.bad_email": ("邮箱格式不正确", "That is not an email address"),
    "invoice.orders_required": ("请至少选择一个订单", "Choose at least one order"),
    "invoice.too_many_orders": (
        "一次最多为 {max} 个订单开票",
        "At most {max} orders on one invoice",
    ),
    "invoice.order_not_done": (
        "订单 {order_no} 尚未完成，完成后才能开票",
        "Order {order_no} is not done yet: it can be invoiced once it is",
    ),
    "invoice.order_not_paid": (
        "订单 {order_no} 尚未付清，付清后才能开票",
        "Order {order_no} is not paid in full yet",
    ),
    "invoice.order_refunded": (
        "订单 {order_no} 已全额退款，没有可开票金额",
        "Order {order_no} was refunded in full: nothing to invoice",
    ),
    "invoice.orders_two_branches": (
        "所选订单属于不同门店，请按门店分别申请",
        "The orders belong to different branches: ask for one invoice per branch",
    ),
    "invoice.order_already_requested": (
        "订单 {order_no} 已申请过发票",
        "Order {order_no} already has an invoice or a request",
    ),
    # finance
    "invoice.amount_changed": (
        "申请后有退款：申请金额 {asked}，现可开票金额 {now}。请驳回，由客户重新申请",
        "Refunded since it was asked for: {asked} asked, {now} now. "
        "Reject it so that the customer asks again",
    ),
    "invoice.orders_taken": (
        "其中有订单已开过发票",
        "Some of these orders were invoiced already",
    ),
    "invoice.filing_failed": (
        "电子发票平台未受理：{detail}",
        "The e-invoice platform refused it: {detail}",
    ),
    # the customer's message centre
    "invoice.issued_title": ("发票已开具", "Invoice issued"),
    "invoice.issued_body": (
        "您的发票 {invoice_no} 已开具，将发送至 {email}",
        "Your invoice {invoice_no} was issued and goes to {email}",
    ),
    "invoice.rejected_title": ("开票申请未通过", "Invoice request declined"),
    "invoice.rejected_body": ("原因：{reason}", "Reason: {reason}"),
    "invoice.voided_title": ("发票已作废", "Invoice voided"),
    "invoice.voided_body": (
        "发票 {invoice_no} 已作废，原因：{reason}。相关订单可重新申请开票",
        "Invoice {invoice_no} was voided: {reason}. Its orders can be invoiced again",
    ),
    # the printed invoice
    "invoice_pdf.no_font": (
        "找不到可嵌入 PDF 的中文字体（已查找：{searched}）。请安装文泉驿微米黑，"
        "或用环境变量 JIAZHENG_PDF_FONT 指定 TTF/TTC 字体文件",
        "No Chinese font to embed in the PDF (looked for: {searched}). Install WenQuanYi "
        "Micro Hei or name a TTF/TTC font file in JIAZHENG_PDF_FONT",
    ),
    "invoice_pdf.heading": ("电子发票（普通发票）", "Electronic invoice (general)"),
    "invoice_pdf.number": ("发票号码", "Invoice number"),
    "invoice_pdf.date": ("开票日期", "Date of issue"),
    "invoice_pdf.buyer": ("购买方", "Buyer"),
    "invoice_pdf.seller": ("销售方", "Seller"),
    "invoice_pdf.name": ("名称", "Name"),
    "invoice_pdf.tax_id": ("纳税人识别号", "Tax id"),
    "invoice_pdf.personal": ("个人", "Personal"),
    "invoice_pdf.address": ("地址、电话", "Address, phone"),
    "invoice_pdf.col_service": ("项目名称", "Service"),
    "invoice_pdf.col_order": ("订单号", "Order"),
    "invoice_pdf.col_day": ("服务日期", "Date of service"),
    "invoice_pdf.col_amount": ("金额", "Amount"),
    "invoice_pdf.total": ("价税合计（小写）", "Total (in figures)"),
    "invoice_pdf.total_words": ("价税合计（大写）", "Total (in words)"),
    "invoice_pdf.issuer": ("开票人", "Issued by"),
    "invoice_pdf.filing_ref": ("平台流水号", "Platform reference"),
    "invoice_pdf.void": ("作废", "VOID"),
    "invoice_pdf.void_note": (
        "本发票已于 {day} 作废，原因：{reason}",
        "This invoice was voided on {day}: {reason}",
    ),
    "invoice_pdf.footer": (
        "本页为家政 Desk 生成的发票打印件",
        "A print of the invoice made by 家政 Desk",
    ),
    # the Excel export of issued invoices
    "invoice_export.title": ("发票清单", "Invoices"),
    "invoice_export.sheet": ("发票", "Invoices"),
    "invoice_export.totals": ("合计 {n} 张", "Total of {n}"),
    "invoice_export.col.invoice_no": ("发票号码", "Number"),
    "invoice_export.col.issued_at": ("开票时间", "Issued"),
    "invoice_export.col.branch": ("门店", "Branch"),
    "invoice_export.col.title": ("抬头", "Title"),
    "invoice_export.col.tax_id": ("纳税人识别号", "Tax id"),
    "invoice_export.col.amount": ("金额", "Amount"),
    "invoice_export.col.void_amount": ("作废金额", "Voided amount"),
    "invoice_export.col.state": ("状态", "State"),
    "invoice_export.col.issued_by": ("开票人", "Issued by"),
    "invoice_export.col.void_reason": ("作废原因", "Void reason"),
}
