"""Messages of the apps' accounts: codes, logins, passwords, real name, served places."""

from __future__ import annotations

_ACTIONS: dict[str, tuple[str, str]] = {
    "app.code_sent": ("发送验证码", "Code sent"),
    "app.login": ("App 登录", "App login"),
    "app.login_failed": ("App 登录失败", "Failed app login"),
    "app.login_refused": ("拒绝 App 登录", "App login refused"),
    "app.logout": ("App 退出登录", "App logout"),
    "app.worker_signup": ("服务人员注册（申请中）", "Worker signed up (applicant)"),
    "app.provider_link": ("绑定第三方账号", "Third-party account linked"),
    "app.email_register": ("绑定邮箱和密码", "E-mail and password added"),
    "app.password_failed": ("App 密码错误", "Wrong app password"),
    "app.password_refused": ("App 账户锁定中", "App login locked"),
    "app.password_reset": ("App 重置密码", "App password reset"),
    "app.phone_change": ("更换手机号", "Phone number changed"),
    "app.real_name_passed": ("实名认证通过", "Real name verified"),
    "app.real_name_failed": ("实名认证未通过", "Real name not verified"),
}

MESSAGES: dict[str, tuple[str, str]] = {
    **{f"audit.action.{code}": names for code, names in _ACTIONS.items()},
    "audit.entity.sms_code": ("验证码", "Code"),
    # codes
    "app.bad_channel": ("验证码只能通过短信或邮件发送。", "Codes are sent by SMS or e-mail."),
    "app.bad_purpose": (
        "验证码用途不正确，可选：{allowed}。",
        "That is not a purpose of a code; one of: {allowed}.",
    ),
    "app.code_too_soon": (
        "验证码发送太频繁，请 {seconds} 秒后再试。",
        "A code was sent a moment ago; try again in {seconds} s.",
    ),
    "app.code_daily_limit": (
        "今天向该号码发送验证码已达 {max} 次上限，请明天再试。",
        "This number or address has had {max} codes today, the daily limit; try again tomorrow.",
    ),
    "app.code_ip_limit": (
        "当前网络发送验证码过于频繁（每小时最多 {max} 次），请稍后再试。",
        "Too many codes from your network (at most {max} an hour); try again later.",
    ),
    "app.code_none": ("请先获取验证码。", "Please ask for a code first."),
    "app.code_wrong": (
        "验证码不正确，还可以再试 {left} 次。",
        "The code is wrong; {left} more tries are left.",
    ),
    "app.code_burnt": (
        "验证码已输错 {max} 次而失效，请重新获取。",
        "The code was entered wrongly {max} times and no longer works; ask for a new one.",
    ),
    "app.code_expired": ("验证码已过期，请重新获取。", "The code has expired; ask for a new one."),
    "app.code_used": (
        "验证码已使用过，请重新获取。",
        "The code was used already; ask for a new one.",
    ),
    # logins
    "app.bad_role": ("登录身份不正确，可选：{allowed}。", "Unknown role; one of: {allowed}."),
    "app.account_frozen": (
        "账号已被冻结，不能登录，请联系客服。",
        "This account is frozen and cannot log in; please contact customer service.",
    ),
    "app.account_closed": (
        "账号已注销，不能登录。",
        "This account is closed and cannot log in.",
    ),
    "app.worker_blocked": (
        "该服务人员账号已停用，不能登录，请联系门店。",
        "This worker account is suspended or closed and cannot log in; please contact your branch.",
    ),
    "app.no_branch": (
        "暂时没有开放的门店，无法注册服务人员账号。",
        "No branch is open at the moment; worker sign-up is not possible.",
    ),
    "app.bad_provider": (
        "不支持该第三方登录，可选：{allowed}。",
        "Unknown provider; one of: {allowed}.",
    ),
    "app.bad_provider_code": ("第三方登录凭证无效。", "The provider's login code is not valid."),
    "app.provider_refused": (
        "{provider} 登录未通过，请重试或改用短信验证码登录。",
        "The {provider} login was refused; try again or log in with an SMS code.",
    ),
    # e-mail and password
    "app.action.email": ("绑定邮箱", "add an e-mail login"),
    "app.action.phone": ("更换手机号", "change the phone number"),
    "app.action.real_name": ("实名认证", "verify a real name"),
    "app.password_wrong": ("邮箱或密码错误。", "Wrong e-mail address or password."),
    "app.password_wrong_left": (
        "邮箱或密码错误，再错 {left} 次账号将被锁定 {minutes} 分钟。",
        "Wrong e-mail address or password. {left} more wrong tries lock the account for {minutes} minutes.",
    ),
    "app.password_locked": (
        "密码错误次数过多，账号已锁定，请约 {minutes} 分钟后再试，或用验证码重置密码。",
        "Too many wrong passwords: the account is locked for about {minutes} minutes; or reset the password with a code.",
    ),
    "app.no_account": ("{target} 没有注册账号。", "There is no account for {target}."),
    "app.phone_same": ("新手机号与当前手机号相同。", "The new number is the current one."),
    "app.phone_taken": (
        "该手机号已被其他账号使用。",
        "Another account already uses this phone number.",
    ),
    # real name
    "app.field.real_name": ("真实姓名", "Real name"),
    "app.real_name_done": ("您已完成实名认证。", "Your real name is verified already."),
    "app.real_name_rejected": ("实名认证未通过：{reason}", "The real-name check failed: {reason}"),
    "app.real_name_reason.mismatch": (
        "姓名与身份证号不一致",
        "the name does not match the ID number",
    ),
    "app.real_name_reason.no_record": ("查无此身份证号", "no record of this ID number"),
    "app.real_name_reason.bad_checksum": ("身份证号无效", "the ID number is not valid"),
    "app.real_name_reason.refused": ("核验未通过", "the check did not pass"),
    "app.real_name_no_answer": (
        "实名认证服务暂时没有响应，本次未认证，请稍后再试。",
        "The real-name check did not answer; nothing was verified. Please try again later.",
    ),
    "app.real_name_limit": (
        "今天的实名认证次数已达 {max} 次上限，请明天再试。",
        "You have tried the real-name check {max} times today, the limit; try again tomorrow.",
    ),
    # where we serve
    "app.not_served": (
        "{place} 暂未开通服务，敬请期待。",
        "We do not serve {place} yet.",
    ),
    "app.place_required": (
        "请选择地址所在的区（或提供城市和区名、或定位）。",
        "Give the address's district (or city and district names, or a location).",
    ),
    "app.bad_audience": (
        "公告对象不正确，可选：{allowed}。",
        "Unknown audience; one of: {allowed}.",
    ),
}
