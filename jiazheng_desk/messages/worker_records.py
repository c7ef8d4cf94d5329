"""Messages of worker records (profile, skills, districts, certificates, suspension,
personal data) and of certificate expiry (the list, the reminders, the job)."""

from __future__ import annotations

_FIELDS: dict[str, tuple[str, str]] = {
    "name": ("姓名", "Name"),
    "home_address": ("家庭住址", "Home address"),
    "bio": ("个人简介", "About"),
    "bank_name": ("开户银行", "Bank"),
    "cert_type": ("证书类型", "Certificate type"),
    "cert_number": ("证书编号", "Certificate number"),
    "cert_issuer": ("发证机构", "Issuer"),
    "reason": ("原因", "Reason"),
}

_ACTIONS: dict[str, tuple[str, str]] = {
    "worker.profile_edit": ("修改服务人员资料", "Worker profile changed"),
    "worker.skills_set": ("修改技能与等级", "Skills and levels changed"),
    "worker.districts_set": ("修改服务区域", "Districts served changed"),
    "worker.certificate_save": ("登记证书", "Certificate recorded"),
    "worker.certificate_verify": ("审核通过证件", "Document verified"),
    "worker.certificate_reject": ("驳回证件", "Document rejected"),
    "worker.suspend": ("暂停服务人员", "Worker suspended"),
    "worker.reinstate": ("恢复服务人员", "Worker reinstated"),
    "worker.pii_reveal": ("查看完整个人信息", "Personal data shown"),
    "worker.cert_reminders": ("发送证书到期提醒", "Certificate expiry reminders sent"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"worker_records.field.{k}": v for k, v in _FIELDS.items()},
    **{f"audit.action.{k}": v for k, v in _ACTIONS.items()},
    "worker_records.bad_status": ("没有这种人员状态。", "There is no such worker status."),
    "worker_records.cannot_suspend": (
        "只能暂停在岗的服务人员（现在是{status}）。",
        "Only an active worker can be suspended (this one is {status}).",
    ),
    "worker_records.cannot_reinstate": (
        "只能恢复已暂停的服务人员（现在是{status}）。",
        "Only a suspended worker can be reinstated (this one is {status}).",
    ),
    "worker_records.bad_pii_field": (
        "只能查看身份证号或银行账号。",
        "Only the ID number or the bank account can be shown.",
    ),
    "worker_records.no_pii": ("没有登记{what}。", "No {what} is on record."),
    "worker_records.pii.id_number": ("身份证号", "ID number"),
    "worker_records.pii.bank_account": ("银行账号", "bank account"),
    "worker_records.bad_gender": ("请选择性别。", "Choose a gender."),
    "worker_records.bad_experience": (
        "从业年限应在 0 到 {max} 年之间。",
        "Years of experience must be between 0 and {max}.",
    ),
    "worker_records.bad_bank_account": (
        "银行账号应为 12 到 30 位数字。",
        "A bank account is 12 to 30 digits.",
    ),
    "worker_records.bank_name_required": (
        "填写银行账号时请同时填写开户银行。",
        "Give the bank together with the account.",
    ),
    "worker_records.duplicate_phone": (
        "这个手机号已属于服务人员 {name}。",
        "This mobile number already belongs to the worker {name}.",
    ),
    "worker_records.bad_level": (
        "技能等级应在 {low} 到 {high} 之间。",
        "A skill level is between {low} and {high}.",
    ),
    "worker_records.skills_required": (
        "至少保留一项技能；不再派单请暂停该人员。",
        "Keep at least one skill; to stop dispatching, suspend the worker.",
    ),
    "worker_records.unknown_skill": ("没有编号为 {id} 的技能。", "There is no skill {id}."),
    "worker_records.districts_required": (
        "至少选择一个服务区域。",
        "Choose at least one district.",
    ),
    "worker_records.unknown_district": ("没有编号为 {id} 的区域。", "There is no district {id}."),
    "worker_records.district_not_branch": (
        "区域“{name}”不属于该服务人员的门店，或已停用。",
        "The district {name} is not an active district of the worker's branch.",
    ),
    "worker_records.no_document": (
        "该服务人员没有编号为 {id} 的证件。",
        "The worker has no document {id}.",
    ),
    "worker_records.bad_issue_date": (
        "发证日期不能晚于今天，也不能晚于有效期。",
        "The issue date cannot be after today or after the expiry.",
    ),
    "worker_records.not_a_certificate": (
        "这份证件不是资格证书，不能在此修改。",
        "This document is not a certificate and cannot be changed here.",
    ),
    "worker_records.already_verified": ("该证件已审核通过。", "This document is already verified."),
    "worker_records.already_rejected": ("该证件已被驳回。", "This document is already rejected."),
    "cert_expiry.bad_days": (
        "天数应在 0 到 {max} 之间。",
        "The number of days must be between 0 and {max}.",
    ),
    "cert_expiry.title": ("{cert}即将到期", "Your {cert} expires soon"),
    "cert_expiry.body": (
        "您的{cert}（编号 {number}）将于 {day} 到期，还剩 {days} 天。到期当天起将无法接需要该证书的服务，"
        "请尽快办理续期并把新证书交给门店。",
        "Your {cert} (no. {number}) expires on {day}, in {days} days. From that day you cannot "
        "take services that need it; please renew it and bring the new certificate to the branch.",
    ),
    "cli.cert_reminders_done": (
        "已发送 {sent} 条证书到期提醒（{day}）。",
        "{sent} certificate expiry reminders sent ({day}).",
    ),
}
