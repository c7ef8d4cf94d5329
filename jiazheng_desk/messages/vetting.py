"""Messages of vetting (cases, checks, decisions) and the franchise's blacklist."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "vetting.check": ("运行审核项", "Vetting check run"),
    "vetting.take": ("接手审核", "Application taken"),
    "vetting.ask_documents": ("要求补充材料", "Documents asked for"),
    "vetting.approve": ("审核通过", "Application approved"),
    "vetting.reject": ("审核不通过", "Application rejected"),
    "vetting.override": ("总部特批通过", "Approved by HQ override"),
    "vetting.certificate_verify": ("证书核验通过", "Certificate verified"),
    "vetting.certificate_reject": ("证书核验不通过", "Certificate refused"),
    "blacklist.add": ("加入黑名单", "Blacklisted"),
    "blacklist.release": ("移出黑名单", "Released from the blacklist"),
}

_ENTITIES: dict[str, tuple[str, str]] = {
    "vetting_case": ("入职审核", "Vetting case"),
    "blacklist_entry": ("黑名单", "Blacklist entry"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    **{f"audit.entity.{code}": names for code, names in _ENTITIES.items()},
    "entity.vetting_case": ("入职审核", "Vetting case"),
    "entity.blacklist_entry": ("黑名单记录", "Blacklist entry"),
    "entity.worker_document": ("证件", "Document"),
    # states, events, checks
    "vetting.state.new": ("新申请", "new"),
    "vetting.state.under_review": ("审核中", "under review"),
    "vetting.state.waiting_documents": ("待补材料", "waiting for documents"),
    "vetting.state.approved": ("已通过", "approved"),
    "vetting.state.rejected": ("未通过", "rejected"),
    "vetting.event.submit": ("提交申请", "submit"),
    "vetting.event.resubmit": ("补交材料", "send again"),
    "vetting.event.take": ("接手审核", "take"),
    "vetting.event.ask_documents": ("要求补充材料", "ask for documents"),
    "vetting.event.approve": ("通过", "approve"),
    "vetting.event.reject": ("不通过", "reject"),
    "vetting.check.id_number": ("身份证号核验", "ID number"),
    "vetting.check.duplicate": ("重复申请检查", "Duplicates"),
    "vetting.check.blacklist": ("黑名单", "Blacklist"),
    "vetting.check.background": ("背景调查", "Background check"),
    "vetting.check.identity": ("实名与人脸核验", "Real name and face"),
    "vetting.check.certificate": ("证书", "Certificates"),
    "vetting.check.interview": ("面试", "Interview"),
    "vetting.check.training": ("岗前培训", "Required training"),
    "vetting.interview.in_person": ("现场面试", "in person"),
    "vetting.interview.video": ("视频面试", "by video"),
    "vetting.run_by_system": ("系统", "system"),
    "vetting.field.reason": ("原因", "Reason"),
    "vetting.field.notes": ("面试记录", "Interview notes"),
    # refusals
    "vetting.case_closed": (
        "该申请已{state}，不能再修改审核项。",
        "This application is {state}; its checks can no longer change.",
    ),
    "vetting.illegal_transition": (
        "申请当前为“{state}”，不能执行“{event}”。",
        "The application is {state}; it cannot {event}.",
    ),
    "vetting.checks_not_passed": (
        "以下审核项尚未通过：{checks}。只有总部管理员可以填写理由特批通过。",
        "These checks have not passed: {checks}. Only an HQ administrator can approve anyway, with a written reason.",
    ),
    "vetting.override_hq_only": (
        "只有总部管理员可以特批未通过审核项的申请。",
        "Only an HQ administrator can approve an application whose checks have not all passed.",
    ),
    "vetting.not_applicant": (
        "该服务人员当前为{status}，不是申请人。",
        "This worker is {status}, not an applicant.",
    ),
    "vetting.bad_level": ("技能等级应为 1 到 {max}。", "A skill level is 1 to {max}."),
    "vetting.skills_required": ("请至少授予一项技能。", "Grant at least one skill."),
    "vetting.unknown_skill": ("技能 {id} 不存在。", "There is no skill {id}."),
    "vetting.districts_required": (
        "请至少选择一个服务区域。",
        "Choose at least one district to serve.",
    ),
    "vetting.bad_district": (
        "区域 {id} 不属于本门店或已停用。",
        "District {id} is not one of this branch's active districts.",
    ),
    "vetting.bad_cert_type": ("请选择证书类型。", "Choose the certificate type."),
    "vetting.bad_interview_mode": (
        "面试方式应为现场或视频。",
        "An interview is in person or by video.",
    ),
    "vetting.not_a_document": (
        "这个文件不是服务人员的证件照片。",
        "This file is not a worker's document photo.",
    ),
    # what each check found
    "vetting.detail.no_id": ("没有登记身份证号。", "No ID number on file."),
    "vetting.detail.id_invalid": (
        "身份证号无效：{problem}",
        "The ID number is not valid: {problem}",
    ),
    "vetting.detail.birth_mismatch": (
        "表单出生日期 {form} 与身份证号中的 {card} 不一致。",
        "The form's birth date {form} differs from the ID number's {card}.",
    ),
    "vetting.detail.sex_mismatch": (
        "表单性别与身份证号不一致。",
        "The form's gender differs from the ID number's.",
    ),
    "vetting.detail.age_out": (
        "年龄 {age} 岁，不在所申请服务的 {low}–{high} 岁范围内。",
        "Aged {age}: outside {low}–{high} for the services asked.",
    ),
    "vetting.detail.id_ok": (
        "校验位正确，{province}，{age} 岁（允许 {low}–{high} 岁）。",
        "Check digit right, {province}, aged {age} (allowed {low}–{high}).",
    ),
    "vetting.detail.no_duplicate": (
        "没有其他服务人员使用相同身份证号或手机号。",
        "No other worker has the same ID number or phone.",
    ),
    "vetting.detail.duplicate": (
        "与{branch}的服务人员 {name}（#{id}，{status}）身份证号或手机号相同。",
        "Same ID number or phone as {name} (#{id}, {status}) of {branch}.",
    ),
    "vetting.detail.not_listed": ("不在本公司黑名单中。", "Not on the franchise's blacklist."),
    "vetting.detail.listed": (
        "在本公司黑名单中（#{id}，{reason}）。",
        "On the franchise's blacklist (#{id}, {reason}).",
    ),
    "vetting.detail.no_answer": (
        "对方服务未应答，请稍后重试。",
        "Not answered, retry later.",
    ),
    "vetting.detail.background_clear": ("背景调查无记录。", "Nothing on record."),
    "vetting.detail.background_hit": (
        "背景调查发现记录：{found}",
        "The background check found: {found}",
    ),
    "vetting.detail.identity_ok": ("姓名与身份证号一致。", "Name and ID number match."),
    "vetting.detail.identity_ok_face": (
        "姓名、身份证号与自拍照一致。",
        "Name, ID number and selfie match.",
    ),
    "vetting.detail.identity_failed": ("核验未通过：{reason}。", "Not verified: {reason}."),
    "vetting.detail.no_course": (
        "所申请的服务没有必修课程。",
        "No course is required for the services asked.",
    ),
    "vetting.detail.course_missing": (
        "尚未通过必修课程：{courses}。",
        "Required courses not passed yet: {courses}.",
    ),
    "vetting.detail.courses_passed": (
        "已通过必修课程：{courses}。",
        "Required courses passed: {courses}.",
    ),
    "vetting.detail.cert_waiting": (
        "待核验的证书：{certs}。",
        "Certificates waiting for review: {certs}.",
    ),
    "vetting.detail.cert_missing": (
        "缺少有效的已核验证书：{certs}。",
        "No verified, valid certificate: {certs}.",
    ),
    "vetting.detail.cert_none_needed": (
        "所申请的服务不需要证书。",
        "No certificate is needed for the services asked.",
    ),
    "vetting.detail.cert_ok": ("证书已核验：{certs}。", "Certificates verified: {certs}."),
    "vetting.detail.interview": ("{mode}：{notes}", "{mode}: {notes}"),
    # the worker's message centre
    "vetting.notify.approved_title": ("入职审核已通过", "Your application was approved"),
    "vetting.notify.approved_body": (
        "欢迎加入！您现在可以上线接单了。",
        "Welcome! You can now go online and take orders.",
    ),
    "vetting.notify.rejected_title": ("入职审核未通过", "Your application was not approved"),
    "vetting.notify.rejected_body": ("原因：{reason}", "Reason: {reason}"),
    "vetting.notify.documents_title": ("请补充申请材料", "Please send more documents"),
    "vetting.notify.documents_body": ("需要补充：{reason}", "Still needed: {reason}"),
    # the blacklist
    "blacklist.reason.fraud": ("欺诈", "fraud"),
    "blacklist.reason.serious_complaint": ("严重投诉", "serious complaint"),
    "blacklist.reason.work_quality": ("服务质量", "work quality"),
    "blacklist.reason.contract_breach": ("违约", "contract breach"),
    "blacklist.field.name": ("姓名", "Name"),
    "blacklist.field.evidence": ("证据说明", "Evidence"),
    "blacklist.field.release_reason": ("移出原因", "Reason for the release"),
    "blacklist.bad_reason_type": ("请选择拉黑原因类型。", "Choose the kind of reason."),
    "blacklist.id_or_phone": (
        "请至少填写身份证号或手机号之一。",
        "Enter the ID number, the phone, or both.",
    ),
    "blacklist.already_listed": (
        "此人已在黑名单中（#{id}）。",
        "This person is already on the blacklist (#{id}).",
    ),
    "blacklist.already_released": ("该记录已移出黑名单。", "This entry was already released."),
}
