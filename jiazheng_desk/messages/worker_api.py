"""Messages of the worker app: the application, work status, the order steps, uploads."""

from __future__ import annotations

_AUDIT_ACTIONS: dict[str, tuple[str, str]] = {
    "media.upload": ("上传文件", "File uploaded"),
    "worker.application_submit": ("提交入职申请", "Application submitted"),
    "worker.application_resubmit": ("补交申请材料", "Application documents sent again"),
    "worker.work_status": ("切换接单状态", "Work status changed"),
    "order.set_out": ("服务人员出发", "Worker set out"),
    "order.start": ("开始服务", "Service started"),
    "order.finish": ("完成服务", "Service finished"),
    "order.location": ("上报位置", "Position reported"),
    "order.record_add": ("添加服务记录", "Service record added"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _AUDIT_ACTIONS.items()},
    "audit.entity.media": ("文件", "File"),
    "entity.media": ("文件", "File"),
    # --- the application ---
    "application.workers_only": (
        "只有服务人员账号可以提交入职申请。",
        "Only a worker account can apply.",
    ),
    "application.field.name": ("姓名", "Name"),
    "application.field.home_address": ("家庭住址", "Home address"),
    "application.field.cert_type": ("证书类型", "Certificate type"),
    "application.field.cert_number": ("证书编号", "Certificate number"),
    "application.field.cert_issuer": ("发证机关", "Issuer"),
    "application.bad_gender": ("性别应为女或男。", "Gender is female or male."),
    "application.birth_date_mismatch": (
        "出生日期与身份证号不一致（身份证号上是 {day}）。",
        "The birth date does not match the ID number (which says {day}).",
    ),
    "application.gender_mismatch": (
        "性别与身份证号不一致。",
        "The gender does not match the ID number.",
    ),
    "application.too_young": (
        "未满 {age} 周岁，不能申请。",
        "Applicants must be at least {age} years old.",
    ),
    "application.bad_experience": (
        "从业年限应在 0 到 {max} 年之间。",
        "Years of experience are between 0 and {max}.",
    ),
    "application.skills_required": (
        "请至少选择一项技能。",
        "Choose at least one skill.",
    ),
    "application.too_many_skills": ("最多选择 {max} 项技能。", "Choose at most {max} skills."),
    "application.unknown_skill": ("没有“{code}”这项技能。", "There is no skill “{code}”."),
    "application.districts_required": (
        "请至少选择一个服务区域。",
        "Choose at least one district to work in.",
    ),
    "application.unknown_district": (
        "服务区域（编号 {id}）不存在。",
        "District {id} does not exist.",
    ),
    "application.district_inactive": (
        "{name}暂不开放服务。",
        "{name} is not served at the moment.",
    ),
    "application.districts_two_branches": (
        "所选服务区域属于不同门店，请只选同一门店的区域。",
        "The districts belong to different branches; choose districts of one branch.",
    ),
    "application.bad_home_district": (
        "住址所在区域（编号 {id}）不存在或不在本市。",
        "The home district {id} does not exist or is in another city.",
    ),
    "application.two_id_photos": (
        "请上传身份证正面和反面两张照片。",
        "Upload two photos of the ID card: the front and the back.",
    ),
    "application.photo_twice": (
        "同一张照片不能用作两份材料。",
        "The same photo cannot serve as two documents.",
    ),
    "application.too_many_certificates": (
        "最多提交 {max} 份证书。",
        "At most {max} certificates can be submitted.",
    ),
    "application.expiry_required": (
        "请填写证书有效期。",
        "Please give the certificate's expiry date.",
    ),
    "application.certificate_expired": (
        "{cert}已于 {day} 过期，请提交有效的证书。",
        "The {cert} expired on {day}; please submit a valid one.",
    ),
    "application.duplicate_id": (
        "该身份证号已登记过服务人员，请勿重复申请；如有疑问请联系门店。",
        "A worker with this ID number is already registered; please contact the branch.",
    ),
    "application.duplicate_phone": (
        "该手机号已登记过服务人员，请联系门店。",
        "A worker with this phone number is already registered; please contact the branch.",
    ),
    "application.not_applicant": (
        "您的账号当前{status}，无需再提交申请。",
        "Your account is {status}; there is no application to submit.",
    ),
    "application.in_review": (
        "申请已提交，正在审核中，请耐心等待。",
        "Your application is being reviewed; please wait for the result.",
    ),
    "application.rejected": (
        "您的申请未通过：{reason}。如有疑问请联系门店。",
        "Your application was declined: {reason}. Please contact the branch with any questions.",
    ),
    "application.approved": (
        "您的申请已通过，无需再次提交。",
        "Your application was approved; there is nothing more to submit.",
    ),
    # --- work status ---
    "worker_status.workers_only": (
        "只有服务人员账号可以使用此功能。",
        "Only a worker account can do this.",
    ),
    "worker_status.bad_value": (
        "接单状态应为在线、离线或忙碌。",
        "The work status is online, offline or busy.",
    ),
    "worker_status.not_active": (
        "您的账号当前{status}，暂时不能上线接单。",
        "Your account is {status}; you cannot go online yet.",
    ),
    # --- the order steps ---
    "order_flow.workers_only": (
        "只有服务人员可以操作订单进度。",
        "Only the order's worker can report its progress.",
    ),
    "order_flow.too_early": (
        "订单时间为 {window}，开始前 {hours} 小时内才能出发或开始服务。",
        "This order is booked for {window}; you can set out or start at most {hours} hours before.",
    ),
    "order_flow.title.set_out": ("服务人员已出发", "Your worker is on the way"),
    "order_flow.title.start": ("服务人员已到达并开始服务", "Your worker has arrived and started"),
    "order_flow.title.finish": ("服务已完成，欢迎评价", "The service is done; tell us how it went"),
    "order_flow.bad_day": (
        "日期应在 2000 年到 2100 年之间。",
        "The day must be between the years 2000 and 2100.",
    ),
    "order_flow.bad_lat": ("纬度应在 -90 到 90 之间。", "Latitude is between -90 and 90."),
    "order_flow.bad_lng": ("经度应在 -180 到 180 之间。", "Longitude is between -180 and 180."),
    "order_flow.not_on_the_way": (
        "订单当前{state}，只有出发后才能上报位置。",
        "The order is {state}; positions are reported only while on the way.",
    ),
    "order_flow.not_in_service": (
        "订单当前{state}，只有服务中才能添加服务记录。",
        "The order is {state}; records are added only during the service.",
    ),
    "order_flow.bad_record_kind": (
        "服务记录类型应为文字、照片或视频。",
        "A record is text, a photo or a video.",
    ),
    "order_flow.field.text": ("记录内容", "Text"),
    "order_flow.text_no_media": (
        "文字记录不能附带文件，请选择照片或视频类型。",
        "A text record has no file; use the photo or video kind.",
    ),
    "order_flow.needs_image": ("请先上传照片。", "Upload the photo first."),
    "order_flow.needs_video": ("请先上传视频。", "Upload the video first."),
    "order_flow.too_many_records": (
        "每单最多 {max} 条服务记录。",
        "An order has at most {max} records.",
    ),
    # --- uploads ---
    "media.unsupported": (
        "只支持 JPEG、PNG、WebP 图片和 MP4 视频。",
        "Only JPEG, PNG and WebP images and MP4 videos are accepted.",
    ),
    "media.not_what_it_claims": (
        "文件声称是 {claimed}，但内容不是，未保存。",
        "The file claims to be {claimed} but is not; nothing was saved.",
    ),
    "media.type_mismatch": (
        "文件声称是 {claimed}，实际是 {actual}，未保存。",
        "The file claims to be {claimed} but is {actual}; nothing was saved.",
    ),
    "media.not_mp4": (
        "只支持 MP4 视频（苹果手机的 MOV 请先转为 MP4）。",
        "Only MP4 videos are accepted (convert a MOV to MP4 first).",
    ),
    "media.too_large": (
        "文件过大，上限为 {limit}。",
        "The file is too large; the limit is {limit}.",
    ),
    "media.too_many_pixels": (
        "图片尺寸 {width}×{height} 过大。",
        "The image is too large ({width}×{height} pixels).",
    ),
    "media.corrupt": (
        "文件已损坏或不完整，无法读取。",
        "The file is damaged or incomplete and cannot be read.",
    ),
    "media.empty": ("文件是空的。", "The file is empty."),
    "media.no_owner": ("上传文件需要登录。", "Log in to upload files."),
    "media.not_yours": (
        "文件（编号 {id}）不存在或不是您上传的。",
        "File {id} does not exist or was not uploaded by you.",
    ),
    "media.needs_image": ("文件（编号 {id}）不是图片。", "File {id} is not an image."),
    "media.needs_video": ("文件（编号 {id}）不是视频。", "File {id} is not a video."),
    "media.already_used": (
        "文件（编号 {id}）已用于其他记录。",
        "File {id} is already used elsewhere.",
    ),
}
