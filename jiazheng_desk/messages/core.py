"""Messages of the foundation: configuration, database, generic errors, staff, roles."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "config.bad_toml": (
        "配置文件 {path} 格式错误：{detail}",
        "The configuration file {path} is not valid TOML: {detail}",
    ),
    "config.bad_value": (
        "配置项 {name} 的值 “{value}” 无效：{detail}",
        "Setting {name} has an invalid value “{value}”: {detail}",
    ),
    "config.keyring_unavailable": (
        "无法使用系统密码库（keyring）：{detail}",
        "The system keyring is not available: {detail}",
    ),
    "config.password_in_url": (
        "数据库密码不能写在配置文件里，已移入系统密码库。",
        "Database passwords are never written to the configuration file; it was moved to the keyring.",
    ),
    "db.bad_url": (
        "数据库地址无效：{url}（应类似 mysql+pymysql://用户@主机:3306/库名 或 sqlite:///文件路径）",
        "Invalid database URL: {url} (expected mysql+pymysql://user@host:3306/name or sqlite:///path)",
    ),
    "db.unsupported": (
        "不支持的数据库类型：{dialect}（只支持 MySQL/MariaDB 和 SQLite）",
        "Unsupported database: {dialect} (only MySQL/MariaDB and SQLite are supported)",
    ),
    "db.unreachable": (
        "无法连接数据库服务器 {host}：{detail}",
        "Cannot reach the database server {host}: {detail}",
    ),
    "db.access_denied": (
        "数据库拒绝登录（用户 {user}）：用户名或密码错误。请运行 jiazheng-desk config db <地址> 重新保存密码。",
        "The database refused the login for user {user}: wrong user name or password. Run jiazheng-desk config db <url> to store the password again.",
    ),
    "db.unknown_database": (
        "数据库服务器上没有名为 {name} 的数据库。",
        "The database server has no database named {name}.",
    ),
    "db.tls_failed": (
        "与数据库的加密连接（TLS）失败：{detail}",
        "The encrypted (TLS) connection to the database failed: {detail}",
    ),
    "db.disk_full": (
        "磁盘已满，数据未写入：{detail}",
        "The disk is full; nothing was written: {detail}",
    ),
    "db.cannot_open": (
        "无法打开数据库文件 {path}：{detail}",
        "Cannot open the database file {path}: {detail}",
    ),
    "db.locked": (
        "数据库正忙，请稍后重试。",
        "The database is busy; please try again.",
    ),
    "db.connection_lost": (
        "与数据库的连接中断：{detail}",
        "The connection to the database was lost: {detail}",
    ),
    "db.error": (
        "数据库错误：{detail}",
        "Database error: {detail}",
    ),
    "schema.empty": (
        "数据库 {target} 还没有建表。请先运行：jiazheng-desk db upgrade --db {url}",
        "The database {target} has no tables yet. Run: jiazheng-desk db upgrade --db {url}",
    ),
    "schema.older": (
        "数据库 {target} 的结构版本（{current}）比本程序需要的（{head}）旧。请先运行：jiazheng-desk db upgrade --db {url}",
        "The database {target} has schema version {current}, older than this desk needs ({head}). Run: jiazheng-desk db upgrade --db {url}",
    ),
    "schema.newer": (
        "数据库 {target} 已被更新版本的程序升级（结构版本 {current}），请安装最新版本的家政 Desk。",
        "The database {target} was upgraded by a newer version (schema {current}); install the newest 家政 Desk.",
    ),
    "cli.demo_start": (
        "正在向 {target} 写入演示数据（规模 {scale}，种子 {seed}）…",
        "Writing demo data into {target} (scale {scale}, seed {seed})…",
    ),
    "cli.demo_skipped": (
        "数据库中已有数据，未写入演示数据。",
        "The database already holds data; no demo data was written.",
    ),
    "cli.demo_no_data_key": (
        "本机没有个人信息加密密钥（系统密码库不可用），演示数据将不含待审核的申请；"
        "可设置 JIAZHENG_DATA_KEY 后重试。",
        "No personal-data key on this machine (no keyring): the demo will have no vetting "
        "cases; set JIAZHENG_DATA_KEY and run it again.",
    ),
    "cli.demo_seeded_area": ("经业务规则写入的行", "rows written through its services"),
    "cli.demo_done": (
        "完成：{rows} 行，用时 {seconds} 秒。",
        "Done: {rows} rows in {seconds} s.",
    ),
    "cli.demo_logins": (
        "演示账号（用户名 / 密码 / 角色 / 门店），只在此显示一次：",
        "Demo logins (user name / password / role / branch), shown only here:",
    ),
    "cli.saved": (
        "已保存到 {path}",
        "Saved to {path}",
    ),
    "cli.password_prompt": (
        "{target} 上用户 {user} 的密码（直接回车表示无密码）：",
        "Password of {user} on {target} (Enter for none): ",
    ),
    "cli.connection_ok": (
        "已连接 {target}；结构版本 {current}（程序需要 {head}，状态 {state}）。",
        "Connected to {target}; schema {current} (this build needs {head}; {state}).",
    ),
    "error.not_found": (
        "找不到{entity}（编号 {id}）。",
        "{entity} {id} was not found.",
    ),
    "error.permission": (
        "您没有权限执行此操作：{action}",
        "You are not allowed to do this: {action}",
    ),
    "error.other_branch": (
        "您只能处理本门店（{branch}）的数据。",
        "You can only work on data of your own branch ({branch}).",
    ),
    "error.illegal_transition": (
        "{entity}当前状态为“{state}”，不能执行“{event}”。",
        "{entity} is {state}; it cannot be {event}.",
    ),
    "error.conflict": (
        "{detail}",
        "{detail}",
    ),
    "error.required": (
        "请填写{label}。",
        "{label} is required.",
    ),
    "error.too_long": (
        "{label}最多 {max} 个字符。",
        "{label} may have at most {max} characters.",
    ),
    "error.unexpected": (
        "出现意外错误，已记录到日志（{log}）。",
        "An unexpected error occurred; it was written to the log ({log}).",
    ),
    "auth.wrong_password": (
        "用户名或密码错误。",
        "Wrong user name or password.",
    ),
    "auth.wrong_password_left": (
        "用户名或密码错误，再错 {left} 次账户将被锁定 {minutes} 分钟。",
        "Wrong user name or password. {left} more wrong tries lock the account for {minutes} minutes.",
    ),
    "auth.locked": (
        "密码错误次数过多，账户已锁定，请在 {until} 之后重试（约 {minutes} 分钟）。",
        "Too many wrong passwords: the account is locked until {until} (about {minutes} minutes).",
    ),
    "auth.inactive": (
        "该账户已停用，请联系管理员。",
        "This account is deactivated; ask an administrator.",
    ),
    "auth.weak_password": (
        "密码至少 {min} 位，且须同时包含字母和数字。",
        "The password needs at least {min} characters with both letters and digits.",
    ),
    "auth.password_mismatch": (
        "两次输入的密码不一致。",
        "The two passwords do not match.",
    ),
    "auth.old_password_wrong": (
        "原密码不正确。",
        "The current password is wrong.",
    ),
    "staff.username_taken": (
        "用户名 {username} 已被使用。",
        "The user name {username} is already taken.",
    ),
    "staff.bad_username": (
        "用户名只能包含字母、数字、点、下划线和连字符，长度 3–32。",
        "A user name has 3–32 letters, digits, dots, underscores or hyphens.",
    ),
    "staff.bad_role": (
        "未知的角色：{role}",
        "Unknown role: {role}",
    ),
    "staff.branch_required": (
        "除总部管理员外，员工必须属于一个门店。",
        "Every staff member except HQ administrators belongs to a branch.",
    ),
    "staff.hq_has_no_branch": (
        "总部管理员不属于任何门店。",
        "HQ administrators do not belong to a branch.",
    ),
    "staff.role_ceiling": (
        "您不能创建或修改角色为“{role}”的员工。",
        "You cannot create or change staff with the role “{role}”.",
    ),
    "staff.not_self": (
        "不能对自己的账户执行此操作。",
        "You cannot do this to your own account.",
    ),
    "staff.last_admin": (
        "不能停用最后一位在职的总部管理员。",
        "The last active HQ administrator cannot be deactivated.",
    ),
    "staff.first_admin_exists": (
        "系统已有员工账户，不能再创建首位管理员。",
        "Staff accounts already exist; the first administrator cannot be created again.",
    ),
    "staff.bad_phone": (
        "手机号应为 11 位中国大陆手机号。",
        "A phone number is an 11-digit mainland China mobile number.",
    ),
    "branch.unknown": (
        "门店不存在：{id}",
        "No such branch: {id}",
    ),
    "branch.inactive": (
        "门店“{name}”已停用。",
        "Branch “{name}” is inactive.",
    ),
    "branch.bad_code": (
        "门店代码为 2–32 位字母、数字、下划线或连字符。",
        "A branch code has 2–32 letters, digits, underscores or hyphens.",
    ),
    "branch.code_taken": (
        "门店代码 {code} 已被使用。",
        "The branch code {code} is already taken.",
    ),
    "branch.bad_coordinates": (
        "坐标超出范围。",
        "The coordinates are out of range.",
    ),
    "branch.district_taken": (
        "该城市已有名为“{name}”的区。",
        "The city already has a district named “{name}”.",
    ),
    "field.display_name": (
        "姓名",
        "Name",
    ),
    "field.name": (
        "名称",
        "Name",
    ),
    "field.city": (
        "城市",
        "City",
    ),
    "field.address": (
        "地址",
        "Address",
    ),
    "field.phone": (
        "电话",
        "Phone",
    ),
    "role.hq_admin": (
        "总部管理员",
        "HQ administrator",
    ),
    "role.branch_manager": (
        "门店经理",
        "Branch manager",
    ),
    "role.dispatcher": (
        "调度员",
        "Dispatcher",
    ),
    "role.vetting_officer": (
        "审核专员",
        "Vetting officer",
    ),
    "role.finance": (
        "财务",
        "Finance",
    ),
    "perm.staff.view": (
        "查看员工",
        "view staff",
    ),
    "perm.staff.create": (
        "新建员工",
        "create staff",
    ),
    "perm.staff.update": (
        "修改员工",
        "edit staff",
    ),
    "perm.staff.deactivate": (
        "停用/启用员工",
        "deactivate or reactivate staff",
    ),
    "perm.staff.reset_password": (
        "重置员工密码",
        "reset staff passwords",
    ),
    "perm.audit.view": (
        "查看审计日志",
        "view the audit log",
    ),
    "perm.branch.view": (
        "查看门店",
        "view branches",
    ),
    "perm.branch.manage": (
        "管理门店和区域",
        "manage branches and districts",
    ),
    "perm.settings.manage": (
        "修改系统设置",
        "change system settings",
    ),
    "perm.catalog.manage": (
        "管理服务目录和价格",
        "manage the catalogue and prices",
    ),
    "perm.customer.view": (
        "查看客户",
        "view customers",
    ),
    "perm.customer.edit": (
        "编辑客户",
        "edit customers",
    ),
    "perm.customer.freeze": (
        "冻结/解冻客户",
        "freeze or unfreeze customers",
    ),
    "perm.customer.close": (
        "注销客户账户",
        "close customer accounts",
    ),
    "perm.order.view": (
        "查看订单",
        "view orders",
    ),
    "perm.order.create": (
        "下单",
        "create orders",
    ),
    "perm.order.assign": (
        "派单",
        "assign orders",
    ),
    "perm.order.cancel": (
        "取消订单",
        "cancel orders",
    ),
    "perm.dispatch.optimise": (
        "优化排班",
        "optimise the day",
    ),
    "perm.worker.view": (
        "查看服务人员",
        "view workers",
    ),
    "perm.worker.edit": (
        "编辑服务人员",
        "edit workers",
    ),
    "perm.schedule.edit": ("修改排班和请假", "change shifts and leave"),
    "perm.worker.suspend": (
        "暂停/恢复服务人员",
        "suspend or reinstate workers",
    ),
    "perm.pii.reveal": (
        "查看完整身份证号和银行账户",
        "reveal ID and bank numbers",
    ),
    "perm.vetting.review": (
        "审核入职申请",
        "review applications",
    ),
    "perm.vetting.decide": (
        "批准或拒绝入职申请",
        "approve or reject applications",
    ),
    "perm.vetting.override": (
        "越过未通过的审核项",
        "override failed checks",
    ),
    "perm.blacklist.manage": (
        "管理黑名单",
        "manage the blacklist",
    ),
    "perm.training.manage": (
        "管理培训和考试",
        "manage training and exams",
    ),
    "perm.quality.handle": (
        "处理评价和投诉",
        "handle reviews and complaints",
    ),
    "perm.finance.view": (
        "查看财务",
        "view finance",
    ),
    "perm.payment.record": (
        "登记收款",
        "record payments",
    ),
    "perm.refund.create": (
        "退款",
        "refund",
    ),
    "perm.withdrawal.approve": (
        "审批提现",
        "approve withdrawals",
    ),
    "perm.payroll.prepare": (
        "编制工资单",
        "prepare payroll",
    ),
    "perm.payroll.sign": (
        "签批工资单",
        "sign off payroll",
    ),
    "perm.invoice.issue": (
        "开具发票",
        "issue invoices",
    ),
    "perm.coupon.manage": (
        "管理优惠券",
        "manage coupons",
    ),
    "perm.finance.settings": (
        "修改财务设置",
        "change finance settings",
    ),
    "perm.analytics.view": (
        "查看经营分析",
        "view analytics",
    ),
    "perm.marketing.manage": (
        "管理营销活动",
        "manage marketing",
    ),
    "perm.jobs.manage": (
        "管理后台任务",
        "manage jobs",
    ),
    "perm.backup.run": (
        "备份和恢复",
        "back up and restore",
    ),
    "settings.unknown": (
        "未知的设置项：{key}",
        "Unknown setting: {key}",
    ),
    "settings.bad_value": (
        "设置项 {key} 的值类型不对。",
        "Setting {key} has a value of the wrong type.",
    ),
    "settings.out_of_range": (
        "设置项 {key} 应在 {min} 到 {max} 之间。",
        "Setting {key} must be between {min} and {max}.",
    ),
    "settings.hq_only": (
        "设置项 {key} 只能由总部设置。",
        "Only HQ can set {key}.",
    ),
    "entity.district": (
        "区域",
        "District",
    ),
    "entity.staff": (
        "员工",
        "Staff member",
    ),
    "entity.branch": (
        "门店",
        "Branch",
    ),
    "entity.audit": (
        "审计记录",
        "Audit entry",
    ),
}
