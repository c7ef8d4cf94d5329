<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountPage</name>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Permissions</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
</context>
<context>
    <name>AddressStep</name>
    <message>
        <source>Choose the customer first.</source>
        <translation>请先选择客户。</translation>
    </message>
    <message>
        <source>New address…</source>
        <translation>新地址…</translation>
    </message>
    <message>
        <source>No address yet: add one with “New address…”.</source>
        <translation>还没有地址：请点“新地址…”添加。</translation>
    </message>
</context>
<context>
    <name>ApproveDialog</name>
    <message>
        <source>Approve {name}</source>
        <translation>审核通过 {name}</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Level (1–5)</source>
        <translation>等级（1–5）</translation>
    </message>
    <message>
        <source>Skills granted</source>
        <translation>授予技能</translation>
    </message>
    <message>
        <source>Districts served</source>
        <translation>服务区域</translation>
    </message>
    <message>
        <source>Not passed yet: {checks}. Only an HQ administrator can approve anyway, with a written reason.</source>
        <translation>尚未通过：{checks}。只有总部管理员可以填写理由特批通过。</translation>
    </message>
    <message>
        <source>HQ override reason</source>
        <translation>总部特批理由</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <source>Record no.</source>
        <translation>对象编号</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Via</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
</context>
<context>
    <name>BalancesPage</name>
    <message>
        <source>Every account</source>
        <translation>全部账户</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>分录数</translation>
    </message>
    <message>
        <source>Choose an account to see its entries.</source>
        <translation>选择一个账户查看明细。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Memo</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>{n} accounts; payable to workers {owed}</source>
        <translation>共 {n} 个账户；应付服务人员 {owed}</translation>
    </message>
    <message>
        <source>{account} {name}: {n} entries, balance {balance}</source>
        <translation>{account} {name}：{n} 条分录，余额 {balance}</translation>
    </message>
</context>
<context>
    <name>BlacklistDialog</name>
    <message>
        <source>Add to the blacklist</source>
        <translation>加入黑名单</translation>
    </message>
    <message>
        <source>The ID number is kept only as a fingerprint: it finds the person again.</source>
        <translation>身份证号只保存其指纹，用于再次识别此人。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因类型</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据说明</translation>
    </message>
</context>
<context>
    <name>BlacklistPage</name>
    <message>
        <source>Name, phone, or a whole ID number</source>
        <translation>姓名、手机号或完整身份证号</translation>
    </message>
    <message>
        <source>Show released</source>
        <translation>显示已移出</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>加入…</translation>
    </message>
    <message>
        <source>Release…</source>
        <translation>移出…</translation>
    </message>
    <message>
        <source>{n} entries</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Listed</source>
        <translation>在黑名单中</translation>
    </message>
    <message>
        <source>Released {day} by {who}</source>
        <translation>{day} 由{who}移出</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>on file</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据说明</translation>
    </message>
    <message>
        <source>Added by</source>
        <translation>添加人</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>添加时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Evidence: {evidence}</source>
        <translation>证据：{evidence}</translation>
    </message>
    <message>
        <source>Released: {reason}</source>
        <translation>移出原因：{reason}</translation>
    </message>
    <message>
        <source>Release {name} from the blacklist</source>
        <translation>将 {name} 移出黑名单</translation>
    </message>
    <message>
        <source>Reason (kept with the entry and in the audit log):</source>
        <translation>原因（记入该记录和操作日志）：</translation>
    </message>
</context>
<context>
    <name>BoardActions</name>
    <message>
        <source>Assign or offer to a worker…</source>
        <translation>指派或发送派单…</translation>
    </message>
    <message>
        <source>Give to another worker…</source>
        <translation>改派他人…</translation>
    </message>
    <message>
        <source>Withdraw the offer</source>
        <translation>撤回派单</translation>
    </message>
    <message>
        <source>Open to the grab pool</source>
        <translation>开放抢单</translation>
    </message>
    <message>
        <source>Auto-dispatch</source>
        <translation>自动派单</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>订单详情…</translation>
    </message>
    <message>
        <source>Cancel the order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <source>{no} → {worker}</source>
        <translation>{no} → {worker}</translation>
    </message>
    <message>
        <source>This order has no open offer.</source>
        <translation>该订单没有待接的派单。</translation>
    </message>
    <message>
        <source>Offer of {no} withdrawn.</source>
        <translation>已撤回订单 {no} 的派单。</translation>
    </message>
    <message>
        <source>{no} is open to the grab pool.</source>
        <translation>订单 {no} 已开放抢单。</translation>
    </message>
    <message>
        <source>Nobody free for {no}: it waits in the exceptions queue.</source>
        <translation>订单 {no} 暂无可派人员，已转入异常队列。</translation>
    </message>
    <message>
        <source>No order of {day} waits for a worker.</source>
        <translation>{day} 没有待派的订单。</translation>
    </message>
    <message>
        <source>Auto-dispatch of {day}: {given} of {n} orders got a worker; {left} wait in the exceptions queue.</source>
        <translation>{day} 自动派单：{n} 单中 {given} 单已派出，{left} 单转入异常队列。</translation>
    </message>
    <message>
        <source>{no} cancelled.</source>
        <translation>订单 {no} 已取消。</translation>
    </message>
</context>
<context>
    <name>BoardPage</name>
    <message>
        <source>Day before</source>
        <translation>前一天</translation>
    </message>
    <message>
        <source>Day after</source>
        <translation>后一天</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>周</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All skills</source>
        <translation>全部技能</translation>
    </message>
    <message>
        <source>Only on shift</source>
        <translation>只看当班</translation>
    </message>
    <message>
        <source>Auto-dispatch the day</source>
        <translation>当日自动派单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Unassigned ({n})</source>
        <translation>未派订单（{n}）</translation>
    </message>
    <message>
        <source>⚠ {n} exceptions</source>
        <translation>⚠ 异常 {n} 单</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>No worker matches these filters.</source>
        <translation>没有符合筛选条件的服务人员。</translation>
    </message>
    <message>
        <source>{n} workers</source>
        <translation>服务人员 {n} 名</translation>
    </message>
</context>
<context>
    <name>BookingPage</name>
    <message>
        <source>Note for the worker (optional)</source>
        <translation>给服务人员的备注（选填）</translation>
    </message>
    <message>
        <source>Confirm booking  Ctrl+Enter</source>
        <translation>确认下单  Ctrl+Enter</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Free times, next 14 days</source>
        <translation>可约时段（未来14天）</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Quote and confirm</source>
        <translation>报价与下单</translation>
    </message>
    <message>
        <source>priced for tomorrow 10:00 until a time is chosen</source>
        <translation>未选时段前按明天 10:00 报价</translation>
    </message>
</context>
<context>
    <name>BookingTexts</name>
    <message>
        <source>Ctrl+N new booking · F2 customer · F3 service · F4 address · F5 time · F6 worker · Enter next step · Ctrl+Enter confirm</source>
        <translation>Ctrl+N 新建预约 · F2 客户 · F3 服务 · F4 地址 · F5 时段 · F6 人员 · 回车 下一步 · Ctrl+Enter 确认下单</translation>
    </message>
    <message>
        <source>{name} cannot book: {reason}</source>
        <translation>{name}不能下单：{reason}</translation>
    </message>
    <message>
        <source>Find or register the customer.</source>
        <translation>请查找或登记客户。</translation>
    </message>
    <message>
        <source>Choose a service.</source>
        <translation>请选择服务项目。</translation>
    </message>
    <message>
        <source>Choose or add an address.</source>
        <translation>请选择或添加服务地址。</translation>
    </message>
    <message>
        <source>Choose a time in the grid or type it.</source>
        <translation>请在表格中选择时段，或直接输入时间。</translation>
    </message>
    <message>
        <source>Choose a worker, or take Auto or Not yet.</source>
        <translation>请选择阿姨，或选“自动”或“暂不指派”。</translation>
    </message>
    <message>
        <source>best free worker</source>
        <translation>自动派给最合适的人员</translation>
    </message>
    <message>
        <source>no worker yet</source>
        <translation>暂不派单</translation>
    </message>
    <message>
        <source>offer to {name}</source>
        <translation>发送派单给{name}</translation>
    </message>
    <message>
        <source>{n} days off</source>
        <translation>休息 {n} 天</translation>
    </message>
    <message>
        <source>waiting for a worker</source>
        <translation>待派单</translation>
    </message>
    <message>
        <source>offered to {name}</source>
        <translation>已派单给{name}，待接单</translation>
    </message>
    <message>
        <source>Booked {no}: {customer} · {service} · {window} · {who}</source>
        <translation>已下单 {no}：{customer} · {service} · {window} · {who}</translation>
    </message>
    <message>
        <source>{n} visits booked</source>
        <translation>共 {n} 次服务</translation>
    </message>
    <message>
        <source>{n} of them wait for a worker</source>
        <translation>其中 {n} 次待派单</translation>
    </message>
</context>
<context>
    <name>BranchDialog</name>
    <message>
        <source>New branch</source>
        <translation>新建门店</translation>
    </message>
    <message>
        <source>Edit branch</source>
        <translation>编辑门店</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
</context>
<context>
    <name>BranchPriceDialog</name>
    <message>
        <source>Price of {item} at {branch}</source>
        <translation>{branch} · {item} 的门店价格</translation>
    </message>
    <message>
        <source>The price of one {unit}. Leave it empty to charge the base price of {base}.</source>
        <translation>每{unit}的价格。留空则按基础价 {base} 收费。</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>基础价</translation>
    </message>
    <message>
        <source>Branch price (¥)</source>
        <translation>门店价格（元）</translation>
    </message>
</context>
<context>
    <name>BranchesPage</name>
    <message>
        <source>Show closed branches</source>
        <translation>显示已停用门店</translation>
    </message>
    <message>
        <source>New branch…</source>
        <translation>新建门店…</translation>
    </message>
    <message>
        <source>Edit branch…</source>
        <translation>编辑门店…</translation>
    </message>
    <message>
        <source>New district…</source>
        <translation>新建区域…</translation>
    </message>
    <message>
        <source>Edit district…</source>
        <translation>编辑区域…</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Centre latitude</source>
        <translation>中心纬度</translation>
    </message>
    <message>
        <source>Centre longitude</source>
        <translation>中心经度</translation>
    </message>
    <message>
        <source>Districts</source>
        <translation>服务区域</translation>
    </message>
    <message>
        <source>Districts of {branch}</source>
        <translation>{branch}的服务区域</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Name, initials or phone</source>
        <translation>姓名、拼音首字母或手机号</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Choose a worker on the left.</source>
        <translation>请在左侧选择一位服务人员。</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>Add leave…</source>
        <translation>添加请假…</translation>
    </message>
    <message>
        <source>Cancel leave</source>
        <translation>取消请假</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No weekly shifts.</source>
        <translation>没有每周班次。</translation>
    </message>
    <message>
        <source>Shifts: {list}</source>
        <translation>班次：{list}</translation>
    </message>
    <message>
        <source>{day}: nothing booked</source>
        <translation>{day}：没有安排</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>驻家服务</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Leave added.</source>
        <translation>已添加请假。</translation>
    </message>
    <message>
        <source>Leave cancelled.</source>
        <translation>已取消请假。</translation>
    </message>
</context>
<context>
    <name>CallDialog</name>
    <message>
        <source>Call {name} on {phone} about order {order}.</source>
        <translation>致电 {name}（{phone}），关于订单 {order}。</translation>
    </message>
    <message>
        <source>Call the customer back</source>
        <translation>客户回访</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户反馈</translation>
    </message>
</context>
<context>
    <name>CallbacksPage</name>
    <message>
        <source>Due today and overdue</source>
        <translation>今日到期及超时</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>All to call</source>
        <translation>全部待回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Record result…</source>
        <translation>记录结果…</translation>
    </message>
    <message>
        <source>Plan calls after first orders</source>
        <translation>安排首单回访</translation>
    </message>
    <message>
        <source>{n} calls</source>
        <translation>{n} 条回访</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>应回访时间</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Calls back</source>
        <translation>客户回访</translation>
    </message>
    <message>
        <source>{n} calls planned after customers&apos; first orders.</source>
        <translation>已为客户首单安排 {n} 条回访。</translation>
    </message>
</context>
<context>
    <name>CancelDialog</name>
    <message>
        <source>Cancel order {no}</source>
        <translation>取消订单 {no}</translation>
    </message>
    <message>
        <source>e.g. the customer&apos;s plans changed</source>
        <translation>例如：客户行程有变</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Cancel the order</source>
        <translation>确认取消</translation>
    </message>
    <message>
        <source>Keep it</source>
        <translation>不取消</translation>
    </message>
    <message>
        <source>Cancelling will cost {fee}: the worker is already on the way.</source>
        <translation>取消将收取 {fee}（服务人员已出发）</translation>
    </message>
    <message>
        <source>Cancelling will cost {fee} (within {hours} hours of the service).</source>
        <translation>取消将收取 {fee}（服务前{hours}小时内）</translation>
    </message>
    <message>
        <source>Cancelling now is free (more than {hours} hours before the service).</source>
        <translation>现在取消免费（距服务开始超过{hours}小时）</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写取消原因。</translation>
    </message>
</context>
<context>
    <name>CancelSeriesDialog</name>
    <message>
        <source>Cancel the recurring booking from {day}</source>
        <translation>取消 {day} 起的周期服务</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>第几次</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Cancellation fee</source>
        <translation>取消费</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>免费</translation>
    </message>
    <message>
        <source>e.g. the customer moves away</source>
        <translation>例如：客户搬家了</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <source>Cancel {n} visits</source>
        <translation>取消这 {n} 次服务</translation>
    </message>
    <message>
        <source>End the booking</source>
        <translation>结束周期服务</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>不取消</translation>
    </message>
    <message>
        <source>No open visit is left from {day} on; the recurring booking ends and books no more visits.</source>
        <translation>{day} 起已没有未完成的服务；周期服务将结束，不再生成新的服务。</translation>
    </message>
    <message>
        <source>{n} open visits from {day} on will be cancelled.</source>
        <translation>{day} 起未完成的 {n} 次服务将被取消。</translation>
    </message>
    <message>
        <source>Cancellation fees: {fee} in total.</source>
        <translation>取消费合计 {fee}。</translation>
    </message>
    <message>
        <source>Cancelling them now is free.</source>
        <translation>现在取消不收取消费。</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写取消原因。</translation>
    </message>
</context>
<context>
    <name>CandidatesStep</name>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>暂不指派</translation>
    </message>
    <message>
        <source>Assign directly</source>
        <translation>直接指派</translation>
    </message>
    <message>
        <source>The worker has the order at once</source>
        <translation>服务人员立即接到订单</translation>
    </message>
    <message>
        <source>Send as offer</source>
        <translation>发送派单</translation>
    </message>
    <message>
        <source>The worker accepts or declines in the app</source>
        <translation>服务人员在App中接单或拒单</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>推荐理由</translation>
    </message>
    <message>
        <source>Choose a time first.</source>
        <translation>请先选择时段。</translation>
    </message>
    <message>
        <source>Looking for free workers…</source>
        <translation>正在查找空闲人员…</translation>
    </message>
    <message>
        <source>{n} free for {window}, best first.</source>
        <translation>{window} 有 {n} 人空闲，按推荐排序。</translation>
    </message>
    <message>
        <source>Nobody qualified is free for {window}: auto or leave it unassigned.</source>
        <translation>{window} 没有合适的空闲人员：可选自动派单或暂不派单。</translation>
    </message>
</context>
<context>
    <name>CasePanel</name>
    <message>
        <source>Take</source>
        <translation>接手审核</translation>
    </message>
    <message>
        <source>Approve…</source>
        <translation>通过…</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>不通过…</translation>
    </message>
    <message>
        <source>Ask for documents…</source>
        <translation>要求补充材料…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>审核项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>By</source>
        <translation>执行人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Run automatic checks</source>
        <translation>运行自动审核项</translation>
    </message>
    <message>
        <source>Run selected check</source>
        <translation>运行所选审核项</translation>
    </message>
    <message>
        <source>Interview…</source>
        <translation>面试…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verify certificate…</source>
        <translation>核验证书…</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>审核项</translation>
    </message>
    <message>
        <source>Documents and photos</source>
        <translation>证件与照片</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>{gender} · born {born} ({age}) · ID {id} · {years} years&apos; experience
Asks for: {skills} · Districts: {districts}
Home: {home} · {branch} · applied {applied}</source>
        <translation>{gender} · 出生 {born}（{age} 岁） · 身份证 {id} · 从业 {years} 年
申请服务：{skills} · 服务区域：{districts}
住址：{home} · {branch} · 申请于 {applied}</translation>
    </message>
    <message>
        <source>Approved by {who} on {when}.</source>
        <translation>{who} 于 {when} 审核通过。</translation>
    </message>
    <message>
        <source>HQ override: {reason}</source>
        <translation>总部特批：{reason}</translation>
    </message>
    <message>
        <source>Told the applicant: {reason}</source>
        <translation>已告知申请人：{reason}</translation>
    </message>
    <message>
        <source>{doc}: no photo was uploaded.</source>
        <translation>{doc}：未上传照片。</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Mine only</source>
        <translation>只看我的</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>建立时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Lowest score</source>
        <translation>最低分</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Choose a case</source>
        <translation>请选择跟进单</translation>
    </message>
    <message>
        <source>Investigation</source>
        <translation>调查情况</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Take it</source>
        <translation>由我处理</translation>
    </message>
    <message>
        <source>Investigation note…</source>
        <translation>记录调查…</translation>
    </message>
    <message>
        <source>Call the customer…</source>
        <translation>回访客户…</translation>
    </message>
    <message>
        <source>Decide…</source>
        <translation>处理决定…</translation>
    </message>
    <message>
        <source>Close the case</source>
        <translation>关闭跟进单</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>{n} cases</source>
        <translation>{n} 个跟进单</translation>
    </message>
    <message>
        <source>Case #{id} · {state}</source>
        <translation>跟进单 #{id} · {state}</translation>
    </message>
    <message>
        <source>Worker: {worker}
Customer: {customer} {phone}
Order: {order}
Scores: {scores}
Review: {text}
Owner: {owner}</source>
        <translation>服务人员：{worker}
客户：{customer} {phone}
订单：{order}
评分：{scores}
评价：{text}
负责人：{owner}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>尚未指定</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Punctuality</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>What did you find out?</source>
        <translation>调查发现了什么？</translation>
    </message>
</context>
<context>
    <name>CatalogLabels</name>
    <message>
        <source>Services and prices</source>
        <translation>服务项目与价格</translation>
    </message>
    <message>
        <source>Price rules</source>
        <translation>价格规则</translation>
    </message>
    <message>
        <source>Try a quote</source>
        <translation>报价试算</translation>
    </message>
</context>
<context>
    <name>CatalogNames</name>
    <message>
        <source>Enter an amount like 45 or 45.50.</source>
        <translation>请输入金额，例如 45 或 45.50。</translation>
    </message>
    <message>
        <source>Enter a percentage like 20 or 12.5.</source>
        <translation>请输入百分比，例如 20 或 12.5。</translation>
    </message>
    <message>
        <source>Per visit</source>
        <translation>按次</translation>
    </message>
    <message>
        <source>Per hour</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>Per m²</source>
        <translation>按平方米</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>visit</source>
        <translation>次</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>小时</translation>
    </message>
    <message>
        <source>m²</source>
        <translation>平方米</translation>
    </message>
    <message>
        <source>day</source>
        <translation>天</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>上门服务</translation>
    </message>
    <message>
        <source>Live-in placement</source>
        <translation>驻家服务</translation>
    </message>
    <message>
        <source>Travel fee by distance</source>
        <translation>上门费（按距离）</translation>
    </message>
    <message>
        <source>Travel fee by district</source>
        <translation>上门费（按区域）</translation>
    </message>
    <message>
        <source>Night surcharge</source>
        <translation>夜间加价</translation>
    </message>
    <message>
        <source>Holiday surcharge</source>
        <translation>节假日加价</translation>
    </message>
    <message>
        <source>Whole days</source>
        <translation>按整天</translation>
    </message>
    <message>
        <source>{minutes} min per {unit}</source>
        <translation>每{unit} {minutes} 分钟</translation>
    </message>
    <message>
        <source> + {minutes} min</source>
        <translation> + {minutes} 分钟</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} 天</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h</source>
        <translation>{h} 小时</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{low} km or more</source>
        <translation>{low} 公里及以上</translation>
    </message>
    <message>
        <source>{low}–{high} km</source>
        <translation>{low}–{high} 公里</translation>
    </message>
    <message>
        <source>{percent}% of the price</source>
        <translation>服务费的 {percent}%</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Show retired</source>
        <translation>显示已下架</translation>
    </message>
    <message>
        <source>New category…</source>
        <translation>新建分类…</translation>
    </message>
    <message>
        <source>Edit category…</source>
        <translation>编辑分类…</translation>
    </message>
    <message>
        <source>New item…</source>
        <translation>新建服务项目…</translation>
    </message>
    <message>
        <source>Edit item…</source>
        <translation>编辑服务项目…</translation>
    </message>
    <message>
        <source>Branch price…</source>
        <translation>门店价格…</translation>
    </message>
    <message>
        <source>Retire…</source>
        <translation>下架…</translation>
    </message>
    <message>
        <source>Try a quote…</source>
        <translation>报价试算…</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Minimum</source>
        <translation>起订量</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>所需技能</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>基础价</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Prices of</source>
        <translation>价格门店</translation>
    </message>
    <message>
        <source>Base prices (no branch)</source>
        <translation>基础价（不分门店）</translation>
    </message>
    <message>
        <source>All categories ({n})</source>
        <translation>全部分类 ({n})</translation>
    </message>
    <message>
        <source> — inactive</source>
        <translation> — 已停用</translation>
    </message>
    <message>
        <source>{n} service items</source>
        <translation>共 {n} 个服务项目</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>已下架</translation>
    </message>
    <message>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <source>This branch&apos;s own price</source>
        <translation>本门店自定价格</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复上架…</translation>
    </message>
    <message>
        <source>Restore {name}</source>
        <translation>恢复上架：{name}</translation>
    </message>
    <message>
        <source>Put “{name}” back on sale? Customers can book it again.</source>
        <translation>将“{name}”恢复上架？客户将可以再次预约。</translation>
    </message>
    <message>
        <source>Retire {name}</source>
        <translation>下架：{name}</translation>
    </message>
    <message>
        <source>Customers can no longer book “{name}”; old orders still show it.
Reason (kept in the audit log):</source>
        <translation>下架后客户不能再预约“{name}”，历史订单仍会显示该项目。
原因（记入审计日志）：</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <source>New category</source>
        <translation>新建服务分类</translation>
    </message>
    <message>
        <source>Edit category</source>
        <translation>编辑服务分类</translation>
    </message>
    <message>
        <source>Letters and digits, e.g. cleaning</source>
        <translation>字母和数字，例如 cleaning</translation>
    </message>
    <message>
        <source>Shown to customers</source>
        <translation>对客户显示</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Verify certificate</source>
        <translation>核验证书</translation>
    </message>
    <message>
        <source>Verified: the photo shows these facts</source>
        <translation>核验通过：照片与以上信息一致</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Why it is refused (blurred, forged, other person…)</source>
        <translation>不通过的原因（模糊、伪造、非本人…）</translation>
    </message>
    <message>
        <source>Compare with the photo; correct what the applicant typed if needed.</source>
        <translation>请对照照片核对，如申请人填写有误请更正。</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>证书类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机关</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>核验结果</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Your password was reset. Choose a new one before you go on.</source>
        <translation>您的密码已被重置，请先设置新密码。</translation>
    </message>
    <message>
        <source>At least 8 characters, with letters and digits.</source>
        <translation>至少 8 位，须同时包含字母和数字。</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat new password</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>ChangeRequestsPage</name>
    <message>
        <source>Waiting for the branch</source>
        <translation>待门店审批</translation>
    </message>
    <message>
        <source>Waiting for the customer</source>
        <translation>待客户确认</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>The customer is asked next</source>
        <translation>同意后再征求客户意见</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>拒绝…</translation>
    </message>
    <message>
        <source>Customer agreed</source>
        <translation>客户已同意</translation>
    </message>
    <message>
        <source>The customer said yes by phone: the visit moves</source>
        <translation>客户电话中同意：服务改到新时间</translation>
    </message>
    <message>
        <source>Customer declined</source>
        <translation>客户不同意</translation>
    </message>
    <message>
        <source>The customer said no by phone: the visit stays</source>
        <translation>客户电话中不同意：服务时间不变</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Booked for</source>
        <translation>原服务时间</translation>
    </message>
    <message>
        <source>Asks for</source>
        <translation>申请改到</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>已改期</translation>
    </message>
    <message>
        <source>Declined by the customer</source>
        <translation>客户不同意</translation>
    </message>
    <message>
        <source>Refused by the branch</source>
        <translation>门店已拒绝</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Workers ask to move a visit in their app. Approve a request and the customer is asked next; refuse it with a reason and the visit stays.</source>
        <translation>服务人员在 App 中申请改期。门店同意后再征求客户意见；门店拒绝须填写原因，服务时间不变。</translation>
    </message>
    <message>
        <source>Approved requests wait for the customer&apos;s answer in the app. When the customer answers by phone, record it here.</source>
        <translation>门店已同意的申请等待客户在 App 中确认。客户通过电话答复的，请在这里记录。</translation>
    </message>
    <message>
        <source>Requests that were already answered.</source>
        <translation>已处理完毕的申请。</translation>
    </message>
    <message>
        <source>{n} requests</source>
        <translation>共 {n} 条申请</translation>
    </message>
    <message>
        <source>Approved the change to order {no}; the customer is asked now.</source>
        <translation>已同意订单 {no} 的改期申请，正在等待客户确认。</translation>
    </message>
    <message>
        <source>Refused the change to order {no}; the visit stays.</source>
        <translation>已拒绝订单 {no} 的改期申请，服务时间不变。</translation>
    </message>
    <message>
        <source>Order {no} moved to the new time.</source>
        <translation>订单 {no} 已改到新时间。</translation>
    </message>
    <message>
        <source>Order {no} keeps its time.</source>
        <translation>订单 {no} 保持原服务时间。</translation>
    </message>
</context>
<context>
    <name>CloseAccountDialog</name>
    <message>
        <source>Close the account of {name}</source>
        <translation>注销{name}的账户</translation>
    </message>
    <message>
        <source>The name, mobile number, addresses, contacts and notes of {name} are erased for good; orders, payments and invoices are kept without them. This cannot be undone. Only close an account when the customer asked for it.</source>
        <translation>{name}的姓名、手机号、地址、联系人和备注将被永久清除；订单、收付款和发票记录保留，但不再含这些个人信息。此操作不可撤销，只有在客户本人申请时才可注销。</translation>
    </message>
    <message>
        <source>e.g. the customer asked on the phone</source>
        <translation>例如：客户来电申请注销</translation>
    </message>
    <message>
        <source>I understand that this cannot be undone</source>
        <translation>我已知悉此操作不可撤销</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Close account</source>
        <translation>注销账户</translation>
    </message>
</context>
<context>
    <name>CodesDialog</name>
    <message>
        <source>Open codes of “{name}” for flyers or partners: each is claimed once in the app.</source>
        <translation>“{name}”的兑换码，用于传单或合作方：每个码只能在 App 里领取一次。</translation>
    </message>
    <message>
        <source>Generate codes</source>
        <translation>生成兑换码</translation>
    </message>
    <message>
        <source>optional, e.g. SPRING</source>
        <translation>可不填，例如 SPRING</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>前缀</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>{n} codes made: copy them from the box.</source>
        <translation>已生成 {n} 个兑换码，请从下框复制。</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Still open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All priorities</source>
        <translation>全部优先级</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Overdue only</source>
        <translation>只看超时</translation>
    </message>
    <message>
        <source>New complaint…</source>
        <translation>登记投诉…</translation>
    </message>
    <message>
        <source>{n} complaints</source>
        <translation>{n} 条投诉</translation>
    </message>
    <message>
        <source>{time} (overdue)</source>
        <translation>{time}（已超时）</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>登记时间</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>处理期限</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Choose a complaint</source>
        <translation>请选择投诉</translation>
    </message>
    <message>
        <source>Take it</source>
        <translation>由我处理</translation>
    </message>
    <message>
        <source>Priority…</source>
        <translation>优先级…</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Complaint #{id} · {state}</source>
        <translation>投诉 #{id} · {state}</translation>
    </message>
    <message>
        <source>Customer: {customer} {phone}
Order: {order}  Worker: {worker}
Deadline: {deadline}  Owner: {owner}

{text}

Resolution: {resolution}  Compensation: {money}</source>
        <translation>客户：{customer} {phone}
订单：{order}  服务人员：{worker}
处理期限：{deadline}  负责人：{owner}

{text}

处理结果：{resolution}  补偿：{money}</translation>
    </message>
    <message>
        <source>nobody yet</source>
        <translation>尚未指定</translation>
    </message>
    <message>
        <source>The deadline follows the priority:</source>
        <translation>处理期限随优先级调整：</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Why is it reopened?</source>
        <translation>重新打开的原因？</translation>
    </message>
</context>
<context>
    <name>ConfirmFlow</name>
    <message>
        <source>{reason} The list was asked again: choose the next one.</source>
        <translation>{reason} 已重新查询候选人员，请选择下一位。</translation>
    </message>
</context>
<context>
    <name>CouponLabels</name>
    <message>
        <source>Coupons</source>
        <translation>优惠券</translation>
    </message>
</context>
<context>
    <name>CouponNames</name>
    <message>
        <source>Amount off</source>
        <translation>立减</translation>
    </message>
    <message>
        <source>Percentage off</source>
        <translation>折扣</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Any service</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <source>{n} days from issue</source>
        <translation>发放后 {n} 天</translation>
    </message>
    <message>
        <source>from {day}</source>
        <translation>自 {day}</translation>
    </message>
    <message>
        <source>until {day}</source>
        <translation>至 {day}</translation>
    </message>
    <message>
        <source>{issued} issued</source>
        <translation>已发 {issued} 张</translation>
    </message>
    <message>
        <source>{issued} of {limit}</source>
        <translation>{issued} / {limit} 张</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>长期有效</translation>
    </message>
</context>
<context>
    <name>CouponPicker</name>
    <message>
        <source>&amp;Coupon</source>
        <translation>优惠券(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Points</source>
        <translation>积分(&amp;P)</translation>
    </message>
    <message>
        <source>of {balance} · {rate} points = ¥1</source>
        <translation>共 {balance} 分 · {rate} 分抵 1 元</translation>
    </message>
    <message>
        <source>No coupon ({n} usable)</source>
        <translation>不用券（{n} 张可用）</translation>
    </message>
    <message>
        <source>No coupon</source>
        <translation>不用券</translation>
    </message>
</context>
<context>
    <name>CouponTemplatesPage</name>
    <message>
        <source>New template…</source>
        <translation>新建模板…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Retire</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Issue to customers…</source>
        <translation>发给客户…</translation>
    </message>
    <message>
        <source>Generate codes…</source>
        <translation>生成兑换码…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>适用服务</translation>
    </message>
    <message>
        <source>New customers</source>
        <translation>仅限新客</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已发放</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>All coupons</source>
        <translation>全部优惠券</translation>
    </message>
    <message>
        <source>Used (redemptions)</source>
        <translation>已使用（核销记录）</translation>
    </message>
    <message>
        <source>Not used</source>
        <translation>未使用</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>已作废</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>券码</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Used on</source>
        <translation>使用时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Templates are the same for every branch; HQ creates and changes them. Branch staff issue them to their own customers or as codes.</source>
        <translation>优惠券模板各门店通用，由总部新建和修改；门店员工可以发给本店客户或生成兑换码。</translation>
    </message>
    <message>
        <source>Coupons of this template</source>
        <translation>该模板的优惠券</translation>
    </message>
    <message>
        <source>{n} templates</source>
        <translation>{n} 个模板</translation>
    </message>
    <message>
        <source>(open code)</source>
        <translation>（未领取的兑换码）</translation>
    </message>
    <message>
        <source>the newest {n} of {total}</source>
        <translation>最新 {n} 张，共 {total} 张</translation>
    </message>
    <message>
        <source>{n} coupons</source>
        <translation>{n} 张</translation>
    </message>
    <message>
        <source>Bring back</source>
        <translation>重新启用</translation>
    </message>
</context>
<context>
    <name>CourseDialog</name>
    <message>
        <source>New course</source>
        <translation>新建课程</translation>
    </message>
    <message>
        <source>Edit course</source>
        <translation>修改课程</translation>
    </message>
    <message>
        <source>General (every skill)</source>
        <translation>通用（不限技能）</translation>
    </message>
    <message>
        <source>No change</source>
        <translation>不变</translation>
    </message>
    <message>
        <source>Level {n}</source>
        <translation>{n} 级</translation>
    </message>
    <message>
        <source>Required to pass vetting (pre-job course)</source>
        <translation>入职审核必修（岗前培训）</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>上课方式</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Passing raises the level to</source>
        <translation>通过后技能等级提升至</translation>
    </message>
    <message>
        <source>Video link</source>
        <translation>视频链接</translation>
    </message>
    <message>
        <source>Session starts</source>
        <translation>上课时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>上课地点</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>名额</translation>
    </message>
    <message>
        <source>Pass mark (0–100)</source>
        <translation>及格分（0–100）</translation>
    </message>
    <message>
        <source>Minimum years of experience</source>
        <translation>最低从业年限</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>课程介绍</translation>
    </message>
</context>
<context>
    <name>CourseFilter</name>
    <message>
        <source>All courses</source>
        <translation>全部课程</translation>
    </message>
</context>
<context>
    <name>CoursesPage</name>
    <message>
        <source>Find a course by title</source>
        <translation>按课程名称查找</translation>
    </message>
    <message>
        <source>Show deactivated</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <source>New course…</source>
        <translation>新建课程…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Push to its workers</source>
        <translation>推送给目标人员</translation>
    </message>
    <message>
        <source>Send the course to the message centre of every worker who needs it</source>
        <translation>把课程发送到每位需要培训的服务人员的消息中心</translation>
    </message>
    <message>
        <source>{n} courses</source>
        <translation>共 {n} 门课程</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>课程名称</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>上课时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Raises to</source>
        <translation>提升至</translation>
    </message>
    <message>
        <source>For vetting</source>
        <translation>入职必修</translation>
    </message>
    <message>
        <source>Enrolled / seats</source>
        <translation>报名 / 名额</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>及格分</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Course pushed</source>
        <translation>课程已推送</translation>
    </message>
    <message>
        <source>{n} workers got the course in their message centre; {m} had been told before and were not told again.</source>
        <translation>已向 {n} 位服务人员的消息中心推送课程；{m} 位此前已推送过，未重复发送。</translation>
    </message>
</context>
<context>
    <name>CustomerAddressDialog</name>
    <message>
        <source>New address of {name}</source>
        <translation>为{name}新增地址</translation>
    </message>
    <message>
        <source>Edit address of {name}</source>
        <translation>修改{name}的地址</translation>
    </message>
    <message>
        <source>Street, number, building, room</source>
        <translation>路名、门牌号、楼栋、房号</translation>
    </message>
    <message>
        <source>Use for new bookings (default address)</source>
        <translation>新订单默认使用此地址（设为常用地址）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact mobile</source>
        <translation>联系人手机号</translation>
    </message>
</context>
<context>
    <name>CustomerAddressesTab</name>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Add address…</source>
        <translation>新增地址…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>设为常用地址</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>The default address (bold) is where a new booking starts.</source>
        <translation>加粗的是常用地址，新订单默认使用它。</translation>
    </message>
</context>
<context>
    <name>CustomerCouponsBox</name>
    <message>
        <source>Coupons and points</source>
        <translation>优惠券和积分</translation>
    </message>
    <message>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <source>Terms</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Points: {n}</source>
        <translation>积分：{n}</translation>
    </message>
</context>
<context>
    <name>CustomerHitTable</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Last order</source>
        <translation>最近下单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>CustomerLabels</name>
    <message>
        <source>Active</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>Frozen</source>
        <translation>已冻结</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Regular</source>
        <translation>普通会员</translation>
    </message>
    <message>
        <source>Silver</source>
        <translation>银卡会员</translation>
    </message>
    <message>
        <source>Gold</source>
        <translation>金卡会员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>已下单</translation>
    </message>
    <message>
        <source>Awaiting payment</source>
        <translation>待付款</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>待派单</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>派单中</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已接单</translation>
    </message>
    <message>
        <source>On the way</source>
        <translation>上门途中</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>服务中</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已评价</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
</context>
<context>
    <name>CustomerNotesTab</name>
    <message>
        <source>New tag, up to 32 characters</source>
        <translation>新标签，最多 32 个字</translation>
    </message>
    <message>
        <source>Add tag</source>
        <translation>添加标签</translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>删除标签</translation>
    </message>
    <message>
        <source>Door code, pets, how they like to be addressed, what to bring …</source>
        <translation>门禁密码、宠物、称呼习惯、需自带的工具……</translation>
    </message>
    <message>
        <source>Save note</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CustomerOrdersTab</name>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>{n} orders</source>
        <translation>共 {n} 单</translation>
    </message>
</context>
<context>
    <name>CustomerPicker</name>
    <message>
        <source>Caller&apos;s mobile, name or initials</source>
        <translation>来电手机号、姓名或拼音首字母</translation>
    </message>
    <message>
        <source>e.g. 张伟 or 张女士</source>
        <translation>如 张伟 或 张女士</translation>
    </message>
    <message>
        <source>Street, number, building, room</source>
        <translation>路名、门牌号、楼栋、房号</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记新客户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Enter takes the highlighted customer.</source>
        <translation>按回车选择高亮的客户。</translation>
    </message>
    <message>
        <source>No customer has this number yet.</source>
        <translation>该手机号还不是客户。</translation>
    </message>
    <message>
        <source>New customer {phone}</source>
        <translation>新客户 {phone}</translation>
    </message>
    <message>
        <source>No customer matches.</source>
        <translation>没有匹配的客户。</translation>
    </message>
    <message>
        <source>Chosen: {name}</source>
        <translation>已选择：{name}</translation>
    </message>
    <message>
        <source>{name} cannot book: {reason}</source>
        <translation>{name}不能下单：{reason}</translation>
    </message>
</context>
<context>
    <name>CustomerProfileTab</name>
    <message>
        <source>SMS reminders</source>
        <translation>短信提醒</translation>
    </message>
    <message>
        <source>App reminders</source>
        <translation>App 提醒</translation>
    </message>
    <message>
        <source>Offers and news</source>
        <translation>优惠和活动消息</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Emergency contact</source>
        <translation>紧急联系人</translation>
    </message>
    <message>
        <source>Emergency mobile</source>
        <translation>紧急联系人手机号</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>提醒方式</translation>
    </message>
    <message>
        <source>Customer no. {id} · home branch {branch} · member level {level} · came by {channel} · since {since}{verified}</source>
        <translation>客户编号 {id} · 归属门店 {branch} · {level} · 来源：{channel} · 注册于 {since}{verified}</translation>
    </message>
    <message>
        <source> · real name verified</source>
        <translation> · 已实名认证</translation>
    </message>
</context>
<context>
    <name>CustomersArea</name>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Mobile (any part), name, or initials: zw → 张伟</source>
        <translation>手机号（任意几位）、姓名或拼音首字母：zw → 张伟</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>新建客户…</translation>
    </message>
    <message>
        <source>Type three digits, a name or initials.</source>
        <translation>请输入至少三位数字、姓名或拼音首字母。</translation>
    </message>
    <message>
        <source>Freeze…</source>
        <translation>冻结…</translation>
    </message>
    <message>
        <source>Close account…</source>
        <translation>注销账户…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>基本资料</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>常用地址</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Tags and note</source>
        <translation>标签和备注</translation>
    </message>
    <message>
        <source>Find a customer on the left, or register a new one.</source>
        <translation>在左侧查找客户，或新建客户。</translation>
    </message>
    <message>
        <source>{n} found, most recent first</source>
        <translation>找到 {n} 位，最近下单的在前</translation>
    </message>
    <message>
        <source>No customer matches “{text}”.</source>
        <translation>没有与“{text}”匹配的客户。</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>Spent {spent} on {completed} completed orders · {orders} orders in all · first {first} · last {last}</source>
        <translation>累计消费 {spent}（已完成 {completed} 单）· 共 {orders} 单 · 首单 {first} · 最近 {last}</translation>
    </message>
    <message>
        <source>Unfreeze…</source>
        <translation>解冻…</translation>
    </message>
    <message>
        <source>Unfreeze {name}</source>
        <translation>解冻{name}</translation>
    </message>
    <message>
        <source>Freeze {name}</source>
        <translation>冻结{name}</translation>
    </message>
    <message>
        <source>Reason (kept with the account and in the audit log):</source>
        <translation>原因（记入账户和审计日志）：</translation>
    </message>
    <message>
        <source>Reason (a frozen customer cannot book or log in):</source>
        <translation>原因（冻结后客户不能下单或登录）：</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>Decide case #{id}</source>
        <translation>处理跟进单 #{id}</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Blacklist reason</source>
        <translation>黑名单原因</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>At most {amount}: paid and not yet refunded. Finance approves it.</source>
        <translation>最多 {amount}（已付且未退部分），由财务审核。</translation>
    </message>
    <message>
        <source>A coupon of this value goes to the customer.</source>
        <translation>向客户发放等额优惠券。</translation>
    </message>
    <message>
        <source>Taken off the worker&apos;s next payroll.</source>
        <translation>从服务人员下期工资中扣除。</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>原因（必填）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
</context>
<context>
    <name>DispatchArea</name>
    <message>
        <source>New booking</source>
        <translation>新建预约</translation>
    </message>
    <message>
        <source>Dispatch board</source>
        <translation>派单看板</translation>
    </message>
    <message>
        <source>Worker calendar</source>
        <translation>服务人员日历</translation>
    </message>
    <message>
        <source>Leave requests</source>
        <translation>请假申请</translation>
    </message>
</context>
<context>
    <name>DispatchTexts</name>
    <message>
        <source>level {v}</source>
        <translation>{v}级</translation>
    </message>
    <message>
        <source>{v} km</source>
        <translation>{v}公里</translation>
    </message>
    <message>
        <source>{v}★</source>
        <translation>{v}分</translation>
    </message>
    <message>
        <source>{v} that day</source>
        <translation>当天{v}单</translation>
    </message>
    <message>
        <source>served before</source>
        <translation>老客户</translation>
    </message>
    <message>
        <source>favourite</source>
        <translation>收藏</translation>
    </message>
    <message>
        <source>certificate to {v}</source>
        <translation>证书至{v}</translation>
    </message>
    <message>
        <source>Mon</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tue</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wed</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thu</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Fri</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Sat</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sun</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Mo</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Tu</source>
        <translation>二</translation>
    </message>
    <message>
        <source>We</source>
        <translation>三</translation>
    </message>
    <message>
        <source>Th</source>
        <translation>四</translation>
    </message>
    <message>
        <source>Fr</source>
        <translation>五</translation>
    </message>
    <message>
        <source>Sa</source>
        <translation>六</translation>
    </message>
    <message>
        <source>Su</source>
        <translation>日</translation>
    </message>
    <message>
        <source>Once</source>
        <translation>单次</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>每周</translation>
    </message>
    <message>
        <source>Every 2 weeks</source>
        <translation>隔周</translation>
    </message>
    <message>
        <source>Monthly (n-th weekday)</source>
        <translation>每月（第几个星期几）</translation>
    </message>
    <message>
        <source>1st</source>
        <translation>第一个</translation>
    </message>
    <message>
        <source>2nd</source>
        <translation>第二个</translation>
    </message>
    <message>
        <source>3rd</source>
        <translation>第三个</translation>
    </message>
    <message>
        <source>4th</source>
        <translation>第四个</translation>
    </message>
    <message>
        <source>last</source>
        <translation>最后一个</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息</translation>
    </message>
    <message>
        <source>Sick leave</source>
        <translation>病假</translation>
    </message>
    <message>
        <source>Blocked</source>
        <translation>停派</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>requested</source>
        <translation>待审批</translation>
    </message>
</context>
<context>
    <name>DistrictDialog</name>
    <message>
        <source>New district of {branch}</source>
        <translation>为{branch}新建区域</translation>
    </message>
    <message>
        <source>Edit district</source>
        <translation>编辑区域</translation>
    </message>
    <message>
        <source>In service</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Centre latitude</source>
        <translation>中心纬度</translation>
    </message>
    <message>
        <source>Centre longitude</source>
        <translation>中心经度</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enrol a worker in {title}</source>
        <translation>为“{title}”报名</translation>
    </message>
    <message>
        <source>Name, pinyin initials or phone digits</source>
        <translation>姓名、拼音首字母或手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>从业年限</translation>
    </message>
    <message>
        <source>Course is for them</source>
        <translation>课程对象</translation>
    </message>
    <message>
        <source>On the course</source>
        <translation>报名状态</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>报名</translation>
    </message>
    <message>
        <source>Type at least one character to search.</source>
        <translation>请输入至少一个字符进行查找。</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>找到 {n} 人</translation>
    </message>
</context>
<context>
    <name>EnrolmentsPanel</name>
    <message>
        <source>Enrol a worker…</source>
        <translation>报名服务人员…</translation>
    </message>
    <message>
        <source>Mark attended</source>
        <translation>登记签到</translation>
    </message>
    <message>
        <source>Record exam score…</source>
        <translation>录入考试成绩…</translation>
    </message>
    <message>
        <source>Cancel enrolment…</source>
        <translation>取消报名…</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>报名时间</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Enrolments</source>
        <translation>报名情况</translation>
    </message>
    <message>
        <source>Choose a course above to see its enrolments.</source>
        <translation>请在上方选择课程查看报名情况。</translation>
    </message>
    <message>
        <source>Enrolments of {title}</source>
        <translation>“{title}”的报名情况</translation>
    </message>
    <message>
        <source>{taken} of {seats} seats taken</source>
        <translation>已报名 {taken} / {seats} 人</translation>
    </message>
    <message>
        <source>online, no seat limit</source>
        <translation>不限名额</translation>
    </message>
    <message>
        <source>{mode}, {seats}; pass mark {mark}; the course is for {n} workers.</source>
        <translation>{mode}，{seats}；及格分 {mark}；目标人员 {n} 人。</translation>
    </message>
    <message>
        <source>Level raised</source>
        <translation>技能等级已提升</translation>
    </message>
    <message>
        <source>{name} passed; the skill&apos;s level is now {level}.</source>
        <translation>{name}考试通过，技能等级现为 {level} 级。</translation>
    </message>
    <message>
        <source>Exam score of {name}</source>
        <translation>{name}的考试成绩</translation>
    </message>
    <message>
        <source>Score (0–100; {mark} or more passes):</source>
        <translation>成绩（0–100，{mark} 分及以上为通过）：</translation>
    </message>
    <message>
        <source>Cancel the enrolment of {name}</source>
        <translation>取消{name}的报名</translation>
    </message>
    <message>
        <source>Reason (optional):</source>
        <translation>原因（可不填）：</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot do that</source>
        <translation>无法执行</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
</context>
<context>
    <name>ExpiringCertificatesPage</name>
    <message>
        <source>Within </source>
        <translation>未来 </translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天内</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Services it gates</source>
        <translation>涉及的服务</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>From its expiry day a certificate no longer counts: the worker gets no orders, offers or pool orders for the services it gates. Workers are reminded in the app 30 and 7 days before.</source>
        <translation>从到期当天起证书失效：该人员不能再接需要此证书的订单、派单或抢单。系统会在到期前 30 天和 7 天在 App 里提醒本人。</translation>
    </message>
    <message>
        <source>{n} certificates</source>
        <translation>{n} 张证书</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>orders-{stamp}.xlsx</source>
        <translation>订单-{stamp}.xlsx</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Every order of the current filter ({count}), not only the rows on screen. The desk stays usable while the file is written.</source>
        <translation>导出当前筛选条件下的全部订单（{count}），不只是屏幕上显示的行。导出期间可以继续使用系统。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Choose a file in an existing folder.</source>
        <translation>请选择一个已存在的文件夹中的文件。</translation>
    </message>
</context>
<context>
    <name>ExportRunner</name>
    <message>
        <source>Exporting… %v / %m</source>
        <translation>正在导出… %v / %m</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>{n} orders were written to
{path}

Total: {total}</source>
        <translation>已导出 {n} 单到
{path}

金额合计：{total}</translation>
    </message>
    <message>
        <source>Only the first {n} orders fit; narrow the filter for the rest.</source>
        <translation>只导出了前 {n} 单，请缩小筛选范围后导出其余订单。</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
</context>
<context>
    <name>FinanceLabels</name>
    <message>
        <source>Payments and refunds</source>
        <translation>收款与退款</translation>
    </message>
    <message>
        <source>Balances</source>
        <translation>账户余额</translation>
    </message>
    <message>
        <source>Pay rules</source>
        <translation>计酬规则</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>对账</translation>
    </message>
    <message>
        <source>Finance settings</source>
        <translation>财务设置</translation>
    </message>
</context>
<context>
    <name>FinanceNames</name>
    <message>
        <source>Platform commission</source>
        <translation>平台佣金</translation>
    </message>
    <message>
        <source>Coupons and discounts</source>
        <translation>优惠券与折扣</translation>
    </message>
    <message>
        <source>Fees</source>
        <translation>手续费</translation>
    </message>
    <message>
        <source>Franchisor share</source>
        <translation>总部分成</translation>
    </message>
    <message>
        <source>Branch share</source>
        <translation>门店分成</translation>
    </message>
    <message>
        <source>Travel fees</source>
        <translation>路费</translation>
    </message>
    <message>
        <source>Worker payable</source>
        <translation>应付服务人员</translation>
    </message>
    <message>
        <source>Withdrawal clearing</source>
        <translation>提现清算</translation>
    </message>
    <message>
        <source>Refunds paid</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Customer payments clearing</source>
        <translation>客户收款清算</translation>
    </message>
    <message>
        <source>Payment gateway</source>
        <translation>支付渠道</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <source>Wallet</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待支付</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>已到账</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待审核</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Share of the price</source>
        <translation>按价格分成</translation>
    </message>
    <message>
        <source>Hourly rate</source>
        <translation>按小时</translation>
    </message>
    <message>
        <source>Per visit</source>
        <translation>按单</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>按天</translation>
    </message>
    <message>
        <source>Worker + service</source>
        <translation>服务人员+服务项目</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Branch + service</source>
        <translation>门店+服务项目</translation>
    </message>
    <message>
        <source>Branch + category</source>
        <translation>门店+服务类别</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Branch default</source>
        <translation>门店默认</translation>
    </message>
    <message>
        <source>Travel fees (branch)</source>
        <translation>路费（门店）</translation>
    </message>
    <message>
        <source>Coupons (platform pays)</source>
        <translation>优惠（平台承担）</translation>
    </message>
    <message>
        <source>Franchisor</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>On the statement, not in our payments</source>
        <translation>对账单有、系统无</translation>
    </message>
    <message>
        <source>In our payments, not on the statement</source>
        <translation>系统有、对账单无</translation>
    </message>
    <message>
        <source>Amounts differ</source>
        <translation>金额不符</translation>
    </message>
    <message>
        <source>Not posted to the ledger</source>
        <translation>未记账</translation>
    </message>
    <message>
        <source>Ledger amount differs</source>
        <translation>账簿金额不符</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Order completed</source>
        <translation>订单完成</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>订单取消</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Reversal</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Bonus</source>
        <translation>奖励</translation>
    </message>
    <message>
        <source>Deduction</source>
        <translation>扣款</translation>
    </message>
</context>
<context>
    <name>FinanceSettingsPage</name>
    <message>
        <source>Head office (all branches)</source>
        <translation>总部（全部门店）</translation>
    </message>
    <message>
        <source>as head office</source>
        <translation>同总部</translation>
    </message>
    <message>
        <source>The travel fee goes to the worker</source>
        <translation>路费归服务人员</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Commission %</source>
        <translation>佣金 %</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Settings for</source>
        <translation>设置范围</translation>
    </message>
    <message>
        <source>Platform commission (%)</source>
        <translation>平台佣金（%）</translation>
    </message>
    <message>
        <source>This branch&apos;s own commission (%)</source>
        <translation>本门店佣金（%）</translation>
    </message>
    <message>
        <source>Franchisor&apos;s share of the branch margin (%)</source>
        <translation>总部分成：门店毛利的（%）</translation>
    </message>
    <message>
        <source>Worker&apos;s default share (%)</source>
        <translation>服务人员默认分成（%）</translation>
    </message>
    <message>
        <source>Pro rata after ending early by more than</source>
        <translation>提前结束超过以下时间按比例计酬</translation>
    </message>
    <message>
        <source>Commission per service category (empty: the default)</source>
        <translation>各服务类别佣金（空：按默认）</translation>
    </message>
    <message>
        <source>Branches with their own commission: {list}</source>
        <translation>有自定佣金的门店：{list}</translation>
    </message>
    <message>
        <source>Enter percentages like 10 or 12.5.</source>
        <translation>请输入百分比，如 10 或 12.5。</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Create the first administrator</source>
        <translation>创建首位管理员</translation>
    </message>
    <message>
        <source>This database has no staff accounts yet. Create the first HQ administrator; there is no default password.</source>
        <translation>此数据库还没有任何员工账户。请创建首位总部管理员；系统没有默认密码。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Create administrator</source>
        <translation>创建管理员</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>The two passwords do not match.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>InterviewDialog</name>
    <message>
        <source>Interview with {name}</source>
        <translation>面试 {name}</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>现场面试</translation>
    </message>
    <message>
        <source>By video</source>
        <translation>视频面试</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>面试记录</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>InvoiceArea</name>
    <message>
        <source>Invoice requests</source>
        <translation>开票申请</translation>
    </message>
</context>
<context>
    <name>InvoiceRequestsPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时间段</translation>
    </message>
    <message>
        <source>Requests asked for in these days; the export takes invoices issued in them</source>
        <translation>按申请日期筛选；导出时按开票日期取这段时间开具的发票</translation>
    </message>
    <message>
        <source>Title, tax id or number</source>
        <translation>抬头、税号或发票号码</translation>
    </message>
    <message>
        <source>Export invoices…</source>
        <translation>导出发票…</translation>
    </message>
    <message>
        <source>The invoices issued in the period (or all) of the branch, to Excel</source>
        <translation>把本门店在所选时间段（或全部）开具的发票导出为 Excel</translation>
    </message>
    <message>
        <source>{n} requests</source>
        <translation>共 {n} 条申请</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Asked</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>抬头</translation>
    </message>
    <message>
        <source>Tax id</source>
        <translation>纳税人识别号</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Invoice no.</source>
        <translation>发票号码</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>开票时间</translation>
    </message>
    <message>
        <source>Choose a request</source>
        <translation>请选择一条申请</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>开票</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>保存 PDF…</translation>
    </message>
    <message>
        <source>Open to print</source>
        <translation>打开并打印</translation>
    </message>
    <message>
        <source>Void…</source>
        <translation>作废…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Orders on the invoice</source>
        <translation>开票订单</translation>
    </message>
    <message>
        <source>History</source>
        <translation>处理记录</translation>
    </message>
    <message>
        <source>Request #{id} · {state}</source>
        <translation>开票申请 #{id} · {state}</translation>
    </message>
    <message>
        <source>Title: {title}</source>
        <translation>抬头：{title}</translation>
    </message>
    <message>
        <source>Tax id: {tax_id}</source>
        <translation>纳税人识别号：{tax_id}</translation>
    </message>
    <message>
        <source>Email: {email}  Customer: {customer}</source>
        <translation>接收邮箱：{email}&#x3000;客户：{customer}</translation>
    </message>
    <message>
        <source>Amount: {money} ({words})</source>
        <translation>金额：{money}（{words}）</translation>
    </message>
    <message>
        <source>Invoice {number}, issued {when}</source>
        <translation>发票号码 {number}，开票时间 {when}</translation>
    </message>
    <message>
        <source>Platform reference: {ref}</source>
        <translation>平台流水号：{ref}</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Issue the invoice</source>
        <translation>开具发票</translation>
    </message>
    <message>
        <source>Issue an invoice of {money} to {title}?
It takes the next invoice number and is filed with the tax platform.</source>
        <translation>为“{title}”开具 {money} 的发票吗？
将占用下一个发票号码，并提交到电子发票平台。</translation>
    </message>
    <message>
        <source>Reject the request</source>
        <translation>驳回开票申请</translation>
    </message>
    <message>
        <source>Why? The customer reads this in the app:</source>
        <translation>驳回原因（客户会在 App 中看到）：</translation>
    </message>
    <message>
        <source>Void the invoice</source>
        <translation>作废发票</translation>
    </message>
    <message>
        <source>Why is invoice {number} voided? Its number stays used.</source>
        <translation>作废发票 {number} 的原因？作废后此号码保留，不会再分配。</translation>
    </message>
    <message>
        <source>Save the invoice</source>
        <translation>保存发票</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Invoice saved</source>
        <translation>发票已保存</translation>
    </message>
    <message>
        <source>The invoice was saved to
{path}</source>
        <translation>发票已保存到
{path}</translation>
    </message>
    <message>
        <source>No PDF viewer</source>
        <translation>没有 PDF 阅读器</translation>
    </message>
    <message>
        <source>No program opened the PDF. It is at
{path}</source>
        <translation>没有程序能打开这个 PDF。文件位于
{path}</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>{n} invoices ({money} issued) were written to
{path}</source>
        <translation>已将 {n} 张发票（有效金额 {money}）写入
{path}</translation>
    </message>
</context>
<context>
    <name>InvoiceTexts</name>
    <message>
        <source>Waiting</source>
        <translation>待开票</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>已开票</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Invoice voided</source>
        <translation>发票已作废</translation>
    </message>
    <message>
        <source>Asked for in the app</source>
        <translation>客户在 App 申请</translation>
    </message>
    <message>
        <source>Issued and filed</source>
        <translation>已开票并报送平台</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>作废</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>个人</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Issue “{name}” ({terms}): one coupon to each customer.</source>
        <translation>发放“{name}”（{terms}）：每位客户一张。</translation>
    </message>
    <message>
        <source>Issue coupons</source>
        <translation>发放优惠券</translation>
    </message>
    <message>
        <source>Phone, name or pinyin initials</source>
        <translation>手机号、姓名或拼音首字母</translation>
    </message>
    <message>
        <source>e.g. VIP, 老客户</source>
        <translation>例如 VIP、老客户</translation>
    </message>
    <message>
        <source>Every customer of your branch with this tag gets one coupon.</source>
        <translation>本店带有该标签的每位客户各得一张。</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>按客户</translation>
    </message>
    <message>
        <source>Customer tag</source>
        <translation>按客户标签</translation>
    </message>
    <message>
        <source>{n} customers chosen</source>
        <translation>已选 {n} 位客户</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <source>New service item</source>
        <translation>新建服务项目</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>编辑：{name}</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Letters and digits, e.g. daily_clean</source>
        <translation>字母和数字，例如 daily_clean</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Base price</source>
        <translation>基础价</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>服务分类</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>服务方式</translation>
    </message>
    <message>
        <source>Charged</source>
        <translation>计价单位</translation>
    </message>
    <message>
        <source>Minimum units</source>
        <translation>起订量</translation>
    </message>
    <message>
        <source>Time per unit</source>
        <translation>每单位时长</translation>
    </message>
    <message>
        <source>Fixed time per visit</source>
        <translation>每次固定时长</translation>
    </message>
    <message>
        <source>Base price per unit (¥)</source>
        <translation>基础单价（元）</translation>
    </message>
    <message>
        <source>Price at {branch} (¥)</source>
        <translation>{branch}价格（元）</translation>
    </message>
    <message>
        <source>Required skill</source>
        <translation>所需技能</translation>
    </message>
    <message>
        <source>Minimum level</source>
        <translation>最低等级</translation>
    </message>
    <message>
        <source>Sort order</source>
        <translation>排序</translation>
    </message>
    <message>
        <source>For customers</source>
        <translation>客户介绍</translation>
    </message>
    <message>
        <source>What the service includes</source>
        <translation>服务包含哪些内容</translation>
    </message>
    <message>
        <source>The steps, one per line</source>
        <translation>服务步骤，每行一步</translation>
    </message>
    <message>
        <source>What the worker brings</source>
        <translation>服务人员自带的工具和材料</translation>
    </message>
    <message>
        <source>One file path per line</source>
        <translation>每行一个文件路径</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>服务介绍</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>服务流程</translation>
    </message>
    <message>
        <source>Tools and materials</source>
        <translation>工具材料</translation>
    </message>
    <message>
        <source>Photos of results</source>
        <translation>效果照片</translation>
    </message>
    <message>
        <source>Add-ons</source>
        <translation>附加项</translation>
    </message>
    <message>
        <source>Add-on</source>
        <translation>附加项</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格</translation>
    </message>
    <message>
        <source>Extra time</source>
        <translation>增加时长</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>提供中</translation>
    </message>
    <message>
        <source>New add-on…</source>
        <translation>新建附加项…</translation>
    </message>
    <message>
        <source>Edit add-on…</source>
        <translation>编辑附加项…</translation>
    </message>
    <message>
        <source>Save the item first, then add its add-ons.</source>
        <translation>请先保存服务项目，再添加附加项。</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>Choose photos of results</source>
        <translation>选择效果照片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp)</source>
        <translation>图片 (*.png *.jpg *.jpeg *.webp)</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>HQ administrator</source>
        <translation>总部管理员</translation>
    </message>
    <message>
        <source>Branch manager</source>
        <translation>门店经理</translation>
    </message>
    <message>
        <source>Dispatcher</source>
        <translation>调度员</translation>
    </message>
    <message>
        <source>Vetting officer</source>
        <translation>审核专员</translation>
    </message>
    <message>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Workers &amp; vetting</source>
        <translation>服务人员与审核</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>经营分析</translation>
    </message>
    <message>
        <source>Quality &amp; care</source>
        <translation>服务质量</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>营销</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>服务目录</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>门店与区域</translation>
    </message>
    <message>
        <source>My account</source>
        <translation>我的账户</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>桌面端</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>后台任务</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>命令行</translation>
    </message>
    <message>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>未知用户</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>LeaveDialog</name>
    <message>
        <source>Leave for {name}</source>
        <translation>{name} 请假</translation>
    </message>
    <message>
        <source>Whole days</source>
        <translation>整天</translation>
    </message>
    <message>
        <source>e.g. family matters, hospital visit</source>
        <translation>例如：家里有事、去医院</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To (included)</source>
        <translation>到（含）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add leave</source>
        <translation>添加请假</translation>
    </message>
</context>
<context>
    <name>LeavePage</name>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Refuse…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>Worker calendar</source>
        <translation>服务人员日程</translation>
    </message>
    <message>
        <source>{n}: {orders}</source>
        <translation>{n} 单：{orders}</translation>
    </message>
    <message>
        <source>Added by {name}</source>
        <translation>{name} 登记</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>请假时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Bookings inside</source>
        <translation>期间已有订单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>处理</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 条待审批</translation>
    </message>
    <message>
        <source>{n} shown</source>
        <translation>共 {n} 条</translation>
    </message>
    <message>
        <source>Choose a request.</source>
        <translation>请选择一条申请。</translation>
    </message>
    <message>
        <source>{name} ({phone}), {kind} {window}</source>
        <translation>{name}（{phone}）{kind} {window}</translation>
    </message>
    <message>
        <source>: “{reason}”</source>
        <translation>：“{reason}”</translation>
    </message>
    <message>
        <source>Refused by {name} at {time}: {reason}</source>
        <translation>{name} 于 {time} 驳回：{reason}</translation>
    </message>
    <message>
        <source>Approved by {name} at {time}.</source>
        <translation>{name} 于 {time} 批准。</translation>
    </message>
    <message>
        <source>No bookings inside this leave.</source>
        <translation>请假期间没有订单。</translation>
    </message>
    <message>
        <source>; and {n} more</source>
        <translation>；另有 {n} 单</translation>
    </message>
    <message>
        <source>{n} bookings inside: {orders}.</source>
        <translation>请假期间有 {n} 个订单：{orders}。</translation>
    </message>
    <message>
        <source>Move or reassign them before approving.</source>
        <translation>请先改派或改期，再批准。</translation>
    </message>
    <message>
        <source>Leave of {name} approved ({window}).</source>
        <translation>已批准{name}的请假（{window}）。</translation>
    </message>
    <message>
        <source>Leave of {name} refused ({window}).</source>
        <translation>已驳回{name}的请假（{window}）。</translation>
    </message>
</context>
<context>
    <name>LeaveTexts</name>
    <message>
        <source>Pending</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Off shift</source>
        <translation>非排班时间</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>家政 Desk — Log in</source>
        <translation>家政 Desk — 登录</translation>
    </message>
    <message>
        <source>家政 Desk</source>
        <translation>家政 Desk</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Connecting to the database…</source>
        <translation>正在连接数据库…</translation>
    </message>
    <message>
        <source>Database ready</source>
        <translation>数据库已就绪</translation>
    </message>
    <message>
        <source>Database not available</source>
        <translation>数据库不可用</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>家政 Desk</source>
        <translation>家政 Desk</translation>
    </message>
    <message>
        <source>&amp;Desk</source>
        <translation>工作台(&amp;D)</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>修改密码…</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>注销</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>About 家政 Desk</source>
        <translation>关于家政 Desk</translation>
    </message>
    <message>
        <source>家政 Desk {version}
Database: {database}
Log file: {log}</source>
        <translation>家政 Desk {version}
数据库：{database}
日志文件：{log}</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Embedded database</source>
        <translation>内置数据库</translation>
    </message>
    <message>
        <source>MySQL</source>
        <translation>MySQL</translation>
    </message>
    <message>
        <source>● Connected</source>
        <translation>● 已连接</translation>
    </message>
    <message>
        <source>● Connection lost — retrying</source>
        <translation>● 连接中断，正在重试</translation>
    </message>
    <message>
        <source>Logged out</source>
        <translation>已注销</translation>
    </message>
    <message>
        <source>Your account was deactivated or its role changed. Please log in again.</source>
        <translation>您的账户已被停用或角色已变更，请重新登录。</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>no shift</source>
        <translation>无班次</translation>
    </message>
    <message>
        <source>+{n} more</source>
        <translation>还有 {n} 项</translation>
    </message>
</context>
<context>
    <name>NeedsPage</name>
    <message>
        <source>Export who needs training…</source>
        <translation>导出待培训名单…</translation>
    </message>
    <message>
        <source>Needs the course</source>
        <translation>待培训</translation>
    </message>
    <message>
        <source>Has not finished</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>{n} workers need a course</source>
        <translation>共 {n} 人次待培训</translation>
    </message>
    <message>
        <source>{n} enrolments without a result</source>
        <translation>共 {n} 条报名尚无成绩</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Years</source>
        <translation>从业年限</translation>
    </message>
    <message>
        <source>Worker status</source>
        <translation>人员状态</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>培训状态</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>报名时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>签到时间</translation>
    </message>
    <message>
        <source>needs-training</source>
        <translation>待培训名单</translation>
    </message>
</context>
<context>
    <name>NewComplaintDialog</name>
    <message>
        <source>Find the caller by phone, name or initials.</source>
        <translation>按电话、姓名或拼音首字母查找来电客户。</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>登记投诉</translation>
    </message>
    <message>
        <source>No customer chosen</source>
        <translation>尚未选择客户</translation>
    </message>
    <message>
        <source>No particular order</source>
        <translation>不针对具体订单</translation>
    </message>
    <message>
        <source>I handle it myself</source>
        <translation>由我负责处理</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
</context>
<context>
    <name>NewCustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <source>11-digit mobile number</source>
        <translation>11 位手机号</translation>
    </message>
    <message>
        <source>e.g. 张伟 or 张女士</source>
        <translation>如 张伟 或 张女士</translation>
    </message>
    <message>
        <source>Street, number, building, room</source>
        <translation>路名、门牌号、楼栋、房号</translation>
    </message>
    <message>
        <source>If someone else opens the door</source>
        <translation>如由他人开门，填写其姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Leave the address empty if the customer has none to give.</source>
        <translation>客户暂时不提供地址时，地址可以留空。</translation>
    </message>
    <message>
        <source>Open the existing customer</source>
        <translation>打开已有客户</translation>
    </message>
</context>
<context>
    <name>NewRefundDialog</name>
    <message>
        <source>New refund</source>
        <translation>新建退款</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>All of it</source>
        <translation>全额</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Amount (¥)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Total {total}, paid {paid}, refunded {refunded}, waiting {requested}: up to {most} can go back.</source>
        <translation>订单金额 {total}，已付 {paid}，已退 {refunded}，待审核 {requested}：最多可退 {most}。</translation>
    </message>
    <message>
        <source>Enter an amount like 45 or 45.50.</source>
        <translation>请输入金额，如 45 或 45.50。</translation>
    </message>
</context>
<context>
    <name>OptionDialog</name>
    <message>
        <source>New add-on of {item}</source>
        <translation>新建附加项：{item}</translation>
    </message>
    <message>
        <source>Edit add-on</source>
        <translation>编辑附加项</translation>
    </message>
    <message>
        <source>e.g. window cleaning</source>
        <translation>例如 擦玻璃</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Offered to customers</source>
        <translation>向客户提供</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Price (¥)</source>
        <translation>价格（元）</translation>
    </message>
    <message>
        <source>Extra time</source>
        <translation>增加时长</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Choose an order in the list to see it here.</source>
        <translation>在左侧列表中选择一个订单，在此查看详情。</translation>
    </message>
    <message>
        <source>Cancel order…</source>
        <translation>取消订单…</translation>
    </message>
    <message>
        <source>Reschedule…</source>
        <translation>改期…</translation>
    </message>
    <message>
        <source>Dispatch…</source>
        <translation>派单…</translation>
    </message>
    <message>
        <source>Reassign…</source>
        <translation>改派…</translation>
    </message>
    <message>
        <source>Withdraw offer</source>
        <translation>撤回派单</translation>
    </message>
    <message>
        <source>Open to grab pool</source>
        <translation>开放抢单</translation>
    </message>
    <message>
        <source>Clear exception</source>
        <translation>解除异常</translation>
    </message>
    <message>
        <source>Cancel this and following…</source>
        <translation>取消此后全部…</translation>
    </message>
    <message>
        <source>Replace the worker…</source>
        <translation>更换服务人员…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>附加项</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Customer&apos;s note</source>
        <translation>客户备注</translation>
    </message>
    <message>
        <source>Staff note</source>
        <translation>内部备注</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>动态</translation>
    </message>
    <message>
        <source>New state</source>
        <translation>变为</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>派单时间</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>回复时间</translation>
    </message>
    <message>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>价格明细</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>订单动态</translation>
    </message>
    <message>
        <source>Offers</source>
        <translation>派单记录</translation>
    </message>
    <message>
        <source>Service records</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Money split</source>
        <translation>分账</translation>
    </message>
    <message>
        <source>Exception: {reason}</source>
        <translation>异常：{reason}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Not dispatched yet</source>
        <translation>尚未派单</translation>
    </message>
    <message>
        <source>{time}: {reason} (fee {fee})</source>
        <translation>{time}：{reason}（取消费 {fee}）</translation>
    </message>
    <message>
        <source>Offers ({n})</source>
        <translation>派单记录（{n}）</translation>
    </message>
    <message>
        <source>Service records ({n})</source>
        <translation>服务记录（{n}）</translation>
    </message>
    <message>
        <source>visit {seq} of a recurring booking</source>
        <translation>周期订单第 {seq} 次</translation>
    </message>
    <message>
        <source>Service: {item} × {units}</source>
        <translation>服务费：{item} × {units}</translation>
    </message>
    <message>
        <source>Option: {name}</source>
        <translation>附加项：{name}</translation>
    </message>
    <message>
        <source>Travel fee</source>
        <translation>上门费</translation>
    </message>
    <message>
        <source>Night or holiday surcharge</source>
        <translation>夜间/节假日加价</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Cancellation fee charged</source>
        <translation>已收取消费</translation>
    </message>
    <message>
        <source>{n} visits moved to the new time.</source>
        <translation>已将 {n} 次服务改到新时间。</translation>
    </message>
    <message>
        <source>{n} of them wait for another worker: theirs cannot make the new time.</source>
        <translation>其中 {n} 次原服务人员无法在新时间服务，等待重新派单。</translation>
    </message>
    <message>
        <source>{n} visits cancelled; the recurring booking ends.</source>
        <translation>已取消 {n} 次服务，周期服务已结束。</translation>
    </message>
    <message>
        <source>{n} visits now go to {worker}.</source>
        <translation>{n} 次服务已改由{worker}负责。</translation>
    </message>
    <message>
        <source>A new order for the remaining days goes to {worker}.</source>
        <translation>剩余天数已生成新订单，由{worker}负责。</translation>
    </message>
    <message>
        <source>Withdraw the offer to {worker}</source>
        <translation>撤回派给{worker}的订单</translation>
    </message>
    <message>
        <source>Reason (optional):</source>
        <translation>原因（可不填）：</translation>
    </message>
</context>
<context>
    <name>OrderFilterBar</name>
    <message>
        <source>Order no. or phone</source>
        <translation>订单号或电话</translation>
    </message>
    <message>
        <source>The start of an order number, or at least the last 7 digits of a phone</source>
        <translation>订单号开头，或电话号码后 7 位以上</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All districts</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All services</source>
        <translation>全部服务项目</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>Worker: {name}</source>
        <translation>服务人员：{name}</translation>
    </message>
    <message>
        <source>Customer: {name}</source>
        <translation>客户：{name}</translation>
    </message>
</context>
<context>
    <name>OrderTexts</name>
    <message>
        <source>Open (not finished)</source>
        <translation>进行中（未完成）</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled or refunded</source>
        <translation>已取消或已退款</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>No worker found</source>
        <translation>无人可派</translation>
    </message>
    <message>
        <source>Rejected too often</source>
        <translation>多次被拒</translation>
    </message>
    <message>
        <source>No-show</source>
        <translation>未上门</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>客户投诉</translation>
    </message>
    <message>
        <source>Waiting for an answer</source>
        <translation>等待接单</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接单</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Timed out</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>已撤回</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Grabbed</source>
        <translation>抢单</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n}小时</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n}天</translation>
    </message>
    <message>
        <source>{n} visit(s)</source>
        <translation>{n}次</translation>
    </message>
    <message>
        <source>{n} m²</source>
        <translation>{n}平方米</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>One visit</source>
        <translation>单次服务</translation>
    </message>
    <message>
        <source>Visit of a recurring booking</source>
        <translation>周期订单</translation>
    </message>
    <message>
        <source>Live-in placement</source>
        <translation>长期住家</translation>
    </message>
    <message>
        <source>Any date</source>
        <translation>不限日期</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>明天</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>最近30天</translation>
    </message>
    <message>
        <source>From … to …</source>
        <translation>自定义日期…</translation>
    </message>
</context>
<context>
    <name>OrdersArea</name>
    <message>
        <source>All orders</source>
        <translation>全部订单</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常订单</translation>
    </message>
    <message>
        <source>Change requests</source>
        <translation>改期申请</translation>
    </message>
</context>
<context>
    <name>OrdersPage</name>
    <message>
        <source>In the exceptions queue</source>
        <translation>异常队列中</translation>
    </message>
    <message>
        <source>Waiting for a worker</source>
        <translation>待派单（无服务人员）</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Service time</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>{n} orders</source>
        <translation>共 {n} 单</translation>
    </message>
</context>
<context>
    <name>PayRulesPage</name>
    <message>
        <source>New rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>End…</source>
        <translation>结束…</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>计酬方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>The most specific rule valid on an order&apos;s day pays it: worker + service, worker, branch + service, branch + category, service, category; without one the branch&apos;s default share (Finance settings). A visit that ends early is paid pro rata, shown as its own line.</source>
        <translation>按订单服务日有效的最具体规则计酬：服务人员+服务项目、服务人员、门店+服务项目、门店+服务类别、服务项目、服务类别；都没有时按门店默认分成（财务设置）。提前结束的服务按比例计酬，并单列一行说明。</translation>
    </message>
    <message>
        <source>open</source>
        <translation>长期</translation>
    </message>
    <message>
        <source>{n} rules</source>
        <translation>{n} 条规则</translation>
    </message>
    <message>
        <source>End the rule</source>
        <translation>结束规则</translation>
    </message>
    <message>
        <source>Enter the day as 2026-12-31.</source>
        <translation>请按 2026-12-31 的格式输入日期。</translation>
    </message>
    <message>
        <source>Last day the rule applies (YYYY-MM-DD):</source>
        <translation>规则最后生效日（YYYY-MM-DD）：</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All methods</source>
        <translation>全部方式</translation>
    </message>
    <message>
        <source>Order no., customer or gateway reference</source>
        <translation>订单号、客户或支付流水号</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>支付方式</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <source>Gateway reference</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <source>Paid at</source>
        <translation>支付时间</translation>
    </message>
    <message>
        <source>Still refundable</source>
        <translation>尚可退</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Asked by</source>
        <translation>申请人</translation>
    </message>
    <message>
        <source>Asked at</source>
        <translation>申请时间</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>New refund…</source>
        <translation>新建退款…</translation>
    </message>
    <message>
        <source>Refund requests</source>
        <translation>退款申请</translation>
    </message>
    <message>
        <source>{shown} of {n} payments (narrow the filter, or export all)</source>
        <translation>显示 {shown} / {n} 笔（请缩小筛选范围，或导出全部）</translation>
    </message>
    <message>
        <source>{n} payments</source>
        <translation>{n} 笔支付</translation>
    </message>
    <message>
        <source>(automatic)</source>
        <translation>（系统）</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 项待审核</translation>
    </message>
    <message>
        <source>Reject the refund</source>
        <translation>驳回退款</translation>
    </message>
    <message>
        <source>Why is the refund of {amount} for {order} rejected?</source>
        <translation>为什么驳回订单 {order} 的退款 {amount}？</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>{n} payments ({amount}) were written to
{path}</source>
        <translation>已将 {n} 笔支付（{amount}）写入
{path}</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Choose a document to see its photo.</source>
        <translation>选择一个证件查看照片。</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>⟲ Rotate</source>
        <translation>⟲ 左转</translation>
    </message>
    <message>
        <source>Rotate ⟳</source>
        <translation>右转 ⟳</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>This file cannot be shown.</source>
        <translation>无法显示此文件。</translation>
    </message>
</context>
<context>
    <name>PriceRulesPage</name>
    <message>
        <source>New rule…</source>
        <translation>新建规则…</translation>
    </message>
    <message>
        <source>Edit rule…</source>
        <translation>编辑规则…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用门店</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>A branch&apos;s own rules replace the rules for all branches: its distance bands replace all the general bands, its night windows the general windows, its rule for a district or a date the general rule for it. Travel fees and surcharges do not apply to live-in placements.</source>
        <translation>门店自己的规则优先于全门店通用规则：门店设了距离档，就整体替代通用距离档；设了夜间时段，就替代通用夜间时段；某个区域或某个日期的门店规则，替代该区域或该日期的通用规则。驻家服务不收上门费，也不加价。</translation>
    </message>
    <message>
        <source>Rules of</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Every rule</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>{n} rules</source>
        <translation>共 {n} 条规则</translation>
    </message>
    <message>
        <source>Delete {name}</source>
        <translation>删除：{name}</translation>
    </message>
    <message>
        <source>Delete the rule “{name}”? Orders already placed keep their fees.</source>
        <translation>删除规则“{name}”？已下的订单费用不受影响。</translation>
    </message>
</context>
<context>
    <name>QualityArea</name>
    <message>
        <source>Reviews</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Follow-up cases</source>
        <translation>差评跟进</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Calls back</source>
        <translation>客户回访</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>质量统计</translation>
    </message>
</context>
<context>
    <name>QualityTexts</name>
    <message>
        <source>Open</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>调查中</translation>
    </message>
    <message>
        <source>Customer contacted</source>
        <translation>已回访</translation>
    </message>
    <message>
        <source>Decided</source>
        <translation>已处理</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>No fault</source>
        <translation>无过错</translation>
    </message>
    <message>
        <source>Coaching for the worker</source>
        <translation>服务人员辅导</translation>
    </message>
    <message>
        <source>Coupon for the customer</source>
        <translation>补偿优惠券</translation>
    </message>
    <message>
        <source>Refund through finance</source>
        <translation>退款（财务审核）</translation>
    </message>
    <message>
        <source>Deduction from pay</source>
        <translation>扣款</translation>
    </message>
    <message>
        <source>Suspend the worker</source>
        <translation>暂停接单</translation>
    </message>
    <message>
        <source>Blacklist the worker</source>
        <translation>列入黑名单</translation>
    </message>
    <message>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <source>Accepts the explanation</source>
        <translation>接受解释</translation>
    </message>
    <message>
        <source>Still dissatisfied</source>
        <translation>仍不满意</translation>
    </message>
    <message>
        <source>Could not be reached</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Serious complaint</source>
        <translation>严重投诉</translation>
    </message>
    <message>
        <source>Work quality</source>
        <translation>服务质量</translation>
    </message>
    <message>
        <source>Contract breach</source>
        <translation>违约</translation>
    </message>
    <message>
        <source>Service quality</source>
        <translation>服务质量</translation>
    </message>
    <message>
        <source>Lateness</source>
        <translation>迟到</translation>
    </message>
    <message>
        <source>Damage</source>
        <translation>损坏物品</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>服务态度</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>收费问题</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>安全问题</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>Reopened</source>
        <translation>已重开</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>App</source>
        <translation>App</translation>
    </message>
    <message>
        <source>After the first order</source>
        <translation>首单回访</translation>
    </message>
    <message>
        <source>Case follow-up</source>
        <translation>差评跟进</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>To call</source>
        <translation>待回访</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation>未接通</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>建立</translation>
    </message>
    <message>
        <source>Filed</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Owner set</source>
        <translation>指定负责人</translation>
    </message>
    <message>
        <source>Investigation note</source>
        <translation>调查记录</translation>
    </message>
    <message>
        <source>Customer called</source>
        <translation>回访客户</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理决定</translation>
    </message>
    <message>
        <source>Taken up</source>
        <translation>开始处理</translation>
    </message>
    <message>
        <source>Priority changed</source>
        <translation>修改优先级</translation>
    </message>
    <message>
        <source>Worker suspended</source>
        <translation>暂停接单</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Customer (app)</source>
        <translation>客户（App）</translation>
    </message>
</context>
<context>
    <name>QueueList</name>
    <message>
        <source>open to grab</source>
        <translation>抢单中</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <source>Name, phone, initials (wxl) or ID last digits</source>
        <translation>姓名、手机号、拼音首字母（wxl）或身份证尾号</translation>
    </message>
    <message>
        <source>Open applications</source>
        <translation>待处理申请</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Choose an application on the left.</source>
        <translation>请在左侧选择一份申请。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Asks for</source>
        <translation>申请服务</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>{n} applications</source>
        <translation>共 {n} 份申请</translation>
    </message>
</context>
<context>
    <name>QuotePage</name>
    <message>
        <source>Booking</source>
        <translation>预约信息</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Service item</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Add-ons</source>
        <translation>附加项</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>The travel fee is measured to the centre of the district.</source>
        <translation>上门费按门店到该区中心的距离计算。</translation>
    </message>
    <message>
        <source>What the customer pays</source>
        <translation>客户应付</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Duration: {time}</source>
        <translation>时长：{time}</translation>
    </message>
    <message>
        <source>{km} km from the branch office</source>
        <translation>距门店 {km} 公里</translation>
    </message>
</context>
<context>
    <name>QuotePanel</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>The price shows once the service and address are chosen.</source>
        <translation>选好服务项目和地址后显示报价。</translation>
    </message>
    <message>
        <source>{length} · per visit; {n} visits</source>
        <translation>{length} · 以上为每次价格，共 {n} 次</translation>
    </message>
    <message>
        <source>{length}</source>
        <translation>{length}</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Reject the application of {name}</source>
        <translation>不通过 {name} 的申请</translation>
    </message>
    <message>
        <source>The applicant reads this reason in the app.</source>
        <translation>申请人会在 App 中看到这个原因。</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Ask {name} for documents</source>
        <translation>要求 {name} 补充材料</translation>
    </message>
    <message>
        <source>Say exactly what is missing; the applicant reads it in the app.</source>
        <translation>请写明缺少的材料，申请人会在 App 中看到。</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>需补充</translation>
    </message>
</context>
<context>
    <name>ReconcilePage</name>
    <message>
        <source>Load the statement and compare</source>
        <translation>下载对账单并核对</translation>
    </message>
    <message>
        <source>Pick a day and load the gateway&apos;s statement.</source>
        <translation>选择日期，下载支付渠道的对账单。</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Gateway reference</source>
        <translation>支付流水号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Ours</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Statement</source>
        <translation>对账单</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>账簿</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>{day}: statement {lines} lines, {total}; our payments and refunds {ours} lines, {ours_total}; ledger {ledger}. {n} differences.</source>
        <translation>{day}：对账单 {lines} 笔，{total}；系统收退款 {ours} 笔，{ours_total}；账簿 {ledger}。差异 {n} 项。</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>收款</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
</context>
<context>
    <name>RecordCallDialog</name>
    <message>
        <source>Call {name} on {phone} (order {order}).</source>
        <translation>致电 {name}（{phone}），订单 {order}。</translation>
    </message>
    <message>
        <source>Record the call</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>What the customer said</source>
        <translation>客户反馈</translation>
    </message>
</context>
<context>
    <name>RefuseLeaveDialog</name>
    <message>
        <source>Refuse the leave {name} asked for, {window}?</source>
        <translation>驳回{name}的请假申请（{window}）？</translation>
    </message>
    <message>
        <source>Refuse leave</source>
        <translation>驳回请假</translation>
    </message>
    <message>
        <source>e.g. short of staff that week, please pick other days</source>
        <translation>例如：那周人手紧张，请改其他日期</translation>
    </message>
    <message>
        <source>Reason (the worker reads it)</source>
        <translation>原因（服务人员可见）</translation>
    </message>
</context>
<context>
    <name>RejectChangeDialog</name>
    <message>
        <source>Refuse the change to order {no}</source>
        <translation>拒绝订单 {no} 的改期申请</translation>
    </message>
    <message>
        <source>{worker} asked to move the visit from {old} to {new}: {reason}</source>
        <translation>{worker}申请将服务从 {old} 改到 {new}，原因：{reason}</translation>
    </message>
    <message>
        <source>The worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>e.g. the customer cannot be moved that day</source>
        <translation>例如：客户当天不方便改时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>拒绝原因</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写拒绝原因。</translation>
    </message>
</context>
<context>
    <name>ReplaceWorkerDialog</name>
    <message>
        <source>the present worker</source>
        <translation>原服务人员</translation>
    </message>
    <message>
        <source>Replace the worker of a recurring booking</source>
        <translation>更换周期订单的服务人员</translation>
    </message>
    <message>
        <source>Every open visit from the chosen day on goes to the new worker; earlier visits keep theirs, so the history stays true. All or nothing: if the new worker cannot make one of the visits, nothing changes.</source>
        <translation>从所选日期起，所有未完成的服务都改由新服务人员负责；之前的服务保留原服务人员，历史记录不变。要么全部更换，要么都不换：新服务人员只要有一次无法服务，就不做任何更改。</translation>
    </message>
    <message>
        <source>Replace the worker of placement {no}</source>
        <translation>更换长期订单 {no} 的服务人员</translation>
    </message>
    <message>
        <source>The placement is split at the chosen day: {worker} keeps the days before, and a new order for the remaining days goes to the new worker.</source>
        <translation>订单将在所选日期拆分：之前的天数仍由{worker}负责，剩余天数生成新订单，由新服务人员负责。</translation>
    </message>
    <message>
        <source>e.g. the worker left, or the customer asked</source>
        <translation>例如：服务人员离职，或客户要求换人</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Looking for free workers…</source>
        <translation>正在查找有空的服务人员…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>更换日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>确认更换</translation>
    </message>
    <message>
        <source>served this customer</source>
        <translation>服务过该客户</translation>
    </message>
    <message>
        <source>customer&apos;s favourite</source>
        <translation>客户收藏</translation>
    </message>
    <message>
        <source>{km} km</source>
        <translation>{km} 公里</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>No open visit is booked from this day on.</source>
        <translation>该日期起没有未完成的服务。</translation>
    </message>
    <message>
        <source>No qualified worker is free for all {n} visits from this day on.</source>
        <translation>没有符合条件、且该日期起 {n} 次服务都有空的服务人员。</translation>
    </message>
    <message>
        <source>{m} workers are free for all {n} visits from this day on.</source>
        <translation>有 {m} 位服务人员该日期起 {n} 次服务都有空。</translation>
    </message>
    <message>
        <source>No qualified worker is free for the remaining {n} days.</source>
        <translation>没有符合条件、且剩余 {n} 天都有空的服务人员。</translation>
    </message>
    <message>
        <source>{m} workers are free for the remaining {n} days.</source>
        <translation>有 {m} 位服务人员剩余 {n} 天都有空。</translation>
    </message>
    <message>
        <source>Choose the new worker in the list.</source>
        <translation>请在列表中选择新的服务人员。</translation>
    </message>
    <message>
        <source>Please give a reason.</source>
        <translation>请填写更换原因。</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Reschedule order {no}</source>
        <translation>订单 {no} 改期</translation>
    </message>
    <message>
        <source>Only this visit</source>
        <translation>只改这一次</translation>
    </message>
    <message>
        <source>This and all following visits</source>
        <translation>这次及以后</translation>
    </message>
    <message>
        <source>Every later open visit moves to the new weekday and time; a worker who cannot come along is released and the visit waits for another.</source>
        <translation>之后所有未完成的服务都改到新的星期和时间；原服务人员无法服务的那几次将退回待派单。</translation>
    </message>
    <message>
        <source>Keep the worker</source>
        <translation>保留原服务人员</translation>
    </message>
    <message>
        <source>Checked: the move is refused if {worker} cannot make the new time. Unchecked: the order goes back to the queue for another worker.</source>
        <translation>勾选：如果{worker}无法在新时间服务，则不能改期。不勾选：订单退回待派单，另派服务人员。</translation>
    </message>
    <message>
        <source>the worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Optional, e.g. the customer asked</source>
        <translation>可不填，例如：客户要求</translation>
    </message>
    <message>
        <source>Booked for</source>
        <translation>原服务时间</translation>
    </message>
    <message>
        <source>(visit {seq} of a recurring booking)</source>
        <translation>（周期订单第 {seq} 次）</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>修改范围</translation>
    </message>
    <message>
        <source>New start</source>
        <translation>新的开始时间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>确认改期</translation>
    </message>
    <message>
        <source>Move these visits</source>
        <translation>确认改期</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve complaint #{id}</source>
        <translation>解决投诉 #{id}</translation>
    </message>
    <message>
        <source>Compensation is recorded here; pay it as a coupon or refund from a case.</source>
        <translation>此处仅记录补偿金额；发券或退款请在跟进单中处理。</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>补偿金额</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Export to Excel…</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>{n} results</source>
        <translation>共 {n} 条成绩</translation>
    </message>
    <message>
        <source>Taken at</source>
        <translation>考试时间</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>成绩</translation>
    </message>
    <message>
        <source>Pass mark</source>
        <translation>及格分</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>exam-results</source>
        <translation>考试成绩</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Negative only</source>
        <translation>只看差评</translation>
    </message>
    <message>
        <source>With text</source>
        <translation>有文字</translation>
    </message>
    <message>
        <source>This worker only</source>
        <translation>只看此服务人员</translation>
    </message>
    <message>
        <source>Open the case</source>
        <translation>打开跟进单</translation>
    </message>
    <message>
        <source>Open cases for older negative reviews</source>
        <translation>为历史差评建立跟进单</translation>
    </message>
    <message>
        <source>{n} reviews</source>
        <translation>{n} 条评价</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>无跟进单</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>评价时间</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Punctuality</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>跟进单</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>评价内容</translation>
    </message>
    <message>
        <source>Only {name} (click for all)</source>
        <translation>只看 {name}（点击看全部）</translation>
    </message>
    <message>
        <source>Follow-up cases</source>
        <translation>差评跟进</translation>
    </message>
    <message>
        <source>{n} cases opened for negative reviews that had none.</source>
        <translation>已为 {n} 条没有跟进单的差评建立跟进单。</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>New price rule</source>
        <translation>新建价格规则</translation>
    </message>
    <message>
        <source>Edit price rule</source>
        <translation>编辑价格规则</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>e.g. Travel fee 3–8 km</source>
        <translation>例如 上门费 3–8公里</translation>
    </message>
    <message>
        <source>No upper limit</source>
        <translation>不设上限</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>生效</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用门店</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>From (inclusive)</source>
        <translation>距离从（含）</translation>
    </message>
    <message>
        <source>Up to (exclusive)</source>
        <translation>距离到（不含）</translation>
    </message>
    <message>
        <source>District</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Fixed amount (¥)</source>
        <translation>固定金额（元）</translation>
    </message>
    <message>
        <source>Share of the service price (%)</source>
        <translation>按服务费比例（%）</translation>
    </message>
    <message>
        <source>Pay rule</source>
        <translation>计酬规则</translation>
    </message>
    <message>
        <source>New pay rule</source>
        <translation>新建计酬规则</translation>
    </message>
    <message>
        <source>No end</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>服务类别</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>计酬方式</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>To</source>
        <translation>止</translation>
    </message>
    <message>
        <source>yuan</source>
        <translation>元</translation>
    </message>
    <message>
        <source>Enter an amount like 45 or 45.50.</source>
        <translation>请输入金额，如 45 或 45.50。</translation>
    </message>
</context>
<context>
    <name>ServiceStep</name>
    <message>
        <source>Options</source>
        <translation>附加项</translation>
    </message>
    <message>
        <source>times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>until</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Days off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>— choose a service —</source>
        <translation>— 请选择服务项目 —</translation>
    </message>
    <message>
        <source> (+{m} min)</source>
        <translation>（加 {m} 分钟）</translation>
    </message>
    <message>
        <source>{unit} · at least {min} · {length} · {kind}</source>
        <translation>按{unit}计 · 至少 {min} · 约{length} · {kind}</translation>
    </message>
    <message>
        <source>Choose the first visit&apos;s time below; the repeat follows its weekday.</source>
        <translation>请在下方选择首次服务时间，之后按同一星期几重复。</translation>
    </message>
    <message>
        <source>every {weekday}</source>
        <translation>每{weekday}</translation>
    </message>
    <message>
        <source>every other {weekday}</source>
        <translation>隔周{weekday}</translation>
    </message>
    <message>
        <source>the {nth} {weekday} of each month</source>
        <translation>每月{nth}{weekday}</translation>
    </message>
    <message>
        <source>{n} visits</source>
        <translation>共 {n} 次</translation>
    </message>
    <message>
        <source>until {day}</source>
        <translation>至 {day}</translation>
    </message>
    <message>
        <source>From {day}, {when}, {end}</source>
        <translation>从 {day} 起，{when}，{end}</translation>
    </message>
</context>
<context>
    <name>SlotsStep</name>
    <message>
        <source>Choose the service and the address first.</source>
        <translation>请先选择服务项目和地址。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Looking for free times…</source>
        <translation>正在查找可约时段…</translation>
    </message>
    <message>
        <source>{day} {time}: {n} free</source>
        <translation>{day} {time}：{n} 人空闲</translation>
    </message>
    <message>
        <source>No worker has a shift for this service in these days.</source>
        <translation>这些天没有可提供此服务的排班人员。</translation>
    </message>
    <message>
        <source>Every qualified worker is booked in these days.</source>
        <translation>这些天合适的人员都已约满。</translation>
    </message>
    <message>
        <source>Numbers: free workers. Arrows move, Enter takes the slot.</source>
        <translation>数字为空闲人数。方向键移动，回车选定时段。</translation>
    </message>
    <message>
        <source>Chosen: {day} {time}</source>
        <translation>已选：{day} {time}</translation>
    </message>
</context>
<context>
    <name>SplitPanel</name>
    <message>
        <source>Share</source>
        <translation>分配</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>In the ledger</source>
        <translation>已记账</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Worker&apos;s pay</source>
        <translation>服务人员报酬</translation>
    </message>
    <message>
        <source>As shared in the ledger</source>
        <translation>已按此记账</translation>
    </message>
    <message>
        <source>Forecast: as if completed and paid in full</source>
        <translation>预估：按完成并全额付款计算</translation>
    </message>
    <message>
        <source>{basis}. Paid {paid}, refunded {refunded}, discount {discount}; revenue {revenue}; commission {commission}, franchisor {franchisor} of the margin.</source>
        <translation>{basis}。已付 {paid}，已退 {refunded}，优惠 {discount}；收入 {revenue}；佣金 {commission}，总部分成毛利的 {franchisor}。</translation>
    </message>
    <message>
        <source>No worker on the order.</source>
        <translation>订单没有服务人员。</translation>
    </message>
    <message>
        <source>Pay rule: {scope}, {kind}</source>
        <translation>计酬规则：{scope}，{kind}</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
</context>
<context>
    <name>StaffDialog</name>
    <message>
        <source>New staff member</source>
        <translation>新建员工</translation>
    </message>
    <message>
        <source>Edit staff member</source>
        <translation>编辑员工</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>First password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Repeat password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>The new member must change this password at the first login.</source>
        <translation>新员工首次登录时须修改此密码。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <source>Find by user name, name or phone</source>
        <translation>按用户名、姓名或电话查找</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>全部角色</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Show deactivated</source>
        <translation>显示已停用</translation>
    </message>
    <message>
        <source>New…</source>
        <translation>新建…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>锁定至 {time}</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>需修改密码</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>总部</translation>
    </message>
    <message>
        <source>Mobile phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Last login</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>{n} staff</source>
        <translation>共 {n} 名员工</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Deactivate {name}</source>
        <translation>停用 {name}</translation>
    </message>
    <message>
        <source>Reason (kept in the audit log):</source>
        <translation>原因（记入审计日志）：</translation>
    </message>
    <message>
        <source>Reset password of {name}</source>
        <translation>重置 {name} 的密码</translation>
    </message>
    <message>
        <source>Temporary password (the user must change it at the next login):</source>
        <translation>临时密码（该员工下次登录时须修改）：</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>密码已重置</translation>
    </message>
    <message>
        <source>{name} can now log in as {user} with the temporary password:

{password}

The account is unlocked; a new password is required at the next login.</source>
        <translation>{name} 现在可以用户名 {user} 和以下临时密码登录：

{password}

账户已解锁；下次登录时须设置新密码。</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>评价数</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Attitude</source>
        <translation>态度</translation>
    </message>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Efficiency</source>
        <translation>效率</translation>
    </message>
    <message>
        <source>Punctuality</source>
        <translation>准时</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>差评</translation>
    </message>
    <message>
        <source>Negative rate</source>
        <translation>差评率</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未办结跟进单</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未办结投诉</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>已超时</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Branches</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>加载中…</translation>
    </message>
    <message>
        <source>{n} workers</source>
        <translation>{n} 名服务人员</translation>
    </message>
</context>
<context>
    <name>TemplateDialog</name>
    <message>
        <source>New coupon template</source>
        <translation>新建优惠券模板</translation>
    </message>
    <message>
        <source>Edit coupon template</source>
        <translation>修改优惠券模板</translation>
    </message>
    <message>
        <source>e.g. 新客立减 20 元</source>
        <translation>例如 新客立减 20 元</translation>
    </message>
    <message>
        <source>Any service</source>
        <translation>全部服务</translation>
    </message>
    <message>
        <source>Category: {name}</source>
        <translation>类别：{name}</translation>
    </message>
    <message>
        <source>First order only (new customers)</source>
        <translation>仅限首单（新客户）</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>优惠方式</translation>
    </message>
    <message>
        <source>Amount off (¥)</source>
        <translation>立减金额（元）</translation>
    </message>
    <message>
        <source>Percentage off (%)</source>
        <translation>折扣比例（%）</translation>
    </message>
    <message>
        <source>For orders from (¥)</source>
        <translation>订单满（元）</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>适用服务</translation>
    </message>
    <message>
        <source>Valid after issue</source>
        <translation>发放后有效</translation>
    </message>
    <message>
        <source>Usable from</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Usable until</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>At most issued</source>
        <translation>发放总量</translation>
    </message>
    <message>
        <source>At most off (¥)</source>
        <translation>最高减免（元）</translation>
    </message>
</context>
<context>
    <name>TrainingArea</name>
    <message>
        <source>Courses</source>
        <translation>培训课程</translation>
    </message>
    <message>
        <source>Needs training</source>
        <translation>待培训人员</translation>
    </message>
    <message>
        <source>Exam results</source>
        <translation>考试成绩</translation>
    </message>
</context>
<context>
    <name>TrainingExporter</name>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export finished</source>
        <translation>导出完成</translation>
    </message>
    <message>
        <source>{n} rows were written to
{path}</source>
        <translation>已写入 {n} 行到
{path}</translation>
    </message>
</context>
<context>
    <name>TrainingTexts</name>
    <message>
        <source>Online</source>
        <translation>线上</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>线下</translation>
    </message>
    <message>
        <source>Not enrolled</source>
        <translation>未报名</translation>
    </message>
    <message>
        <source>Enrolled</source>
        <translation>已报名</translation>
    </message>
    <message>
        <source>Attended</source>
        <translation>已签到</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申请中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>All branches (HQ)</source>
        <translation>全部门店（总部）</translation>
    </message>
</context>
<context>
    <name>VettingArea</name>
    <message>
        <source>Applications</source>
        <translation>入职申请</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
</context>
<context>
    <name>VettingTexts</name>
    <message>
        <source>New</source>
        <translation>新申请</translation>
    </message>
    <message>
        <source>Under review</source>
        <translation>审核中</translation>
    </message>
    <message>
        <source>Waiting for documents</source>
        <translation>待补材料</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Documents sent again</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <source>Taken for review</source>
        <translation>接手审核</translation>
    </message>
    <message>
        <source>Documents asked for</source>
        <translation>要求补充材料</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号核验</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复申请检查</translation>
    </message>
    <message>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <source>Background check</source>
        <translation>背景调查</translation>
    </message>
    <message>
        <source>Real name and face</source>
        <translation>实名与人脸核验</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>证书</translation>
    </message>
    <message>
        <source>Interview</source>
        <translation>面试</translation>
    </message>
    <message>
        <source>Required training</source>
        <translation>岗前培训</translation>
    </message>
    <message>
        <source>✔ Passed</source>
        <translation>✔ 通过</translation>
    </message>
    <message>
        <source>✘ Failed</source>
        <translation>✘ 未通过</translation>
    </message>
    <message>
        <source>⚠ Not answered, retry</source>
        <translation>⚠ 未应答，请重试</translation>
    </message>
    <message>
        <source>… Pending</source>
        <translation>… 待处理</translation>
    </message>
    <message>
        <source>ID card, front</source>
        <translation>身份证正面</translation>
    </message>
    <message>
        <source>ID card, back</source>
        <translation>身份证反面</translation>
    </message>
    <message>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>Selfie</source>
        <translation>自拍照</translation>
    </message>
    <message>
        <source>to review</source>
        <translation>待核验</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Serious complaint</source>
        <translation>严重投诉</translation>
    </message>
    <message>
        <source>Work quality</source>
        <translation>服务质量</translation>
    </message>
    <message>
        <source>Contract breach</source>
        <translation>违约</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n} 分钟</translation>
    </message>
    <message>
        <source>{n} h</source>
        <translation>{n} 小时</translation>
    </message>
    <message>
        <source>{n} d</source>
        <translation>{n} 天</translation>
    </message>
</context>
<context>
    <name>WorkerCertificateDialog</name>
    <message>
        <source>Add a certificate</source>
        <translation>登记证书</translation>
    </message>
    <message>
        <source>Correct the certificate</source>
        <translation>修改证书</translation>
    </message>
    <message>
        <source>Issue date known</source>
        <translation>填写发证日期</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机构</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发证日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
</context>
<context>
    <name>WorkerDocumentsTab</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机构</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verified by</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Add a certificate…</source>
        <translation>登记证书…</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>驳回…</translation>
    </message>
    <message>
        <source>A certificate counts for dispatch while it is verified and before its expiry day; red: no longer valid, amber: expires within 30 days.</source>
        <translation>证书审核通过且未到有效期当天才能用于派单；红色：已失效，橙色：30 天内到期。</translation>
    </message>
    <message>
        <source>Reject the document</source>
        <translation>驳回证件</translation>
    </message>
    <message>
        <source>Why is it rejected (blurred, wrong person, forged…)?</source>
        <translation>驳回原因（模糊、非本人、伪造…）：</translation>
    </message>
</context>
<context>
    <name>WorkerHistoryTab</name>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>WorkerPickerDialog</name>
    <message>
        <source>Give order {no} to another worker</source>
        <translation>订单 {no} 改派</translation>
    </message>
    <message>
        <source>Dispatch order {no}</source>
        <translation>订单 {no} 派单</translation>
    </message>
    <message>
        <source>{service} · {district} · {window}</source>
        <translation>{service} · {district} · {window}</translation>
    </message>
    <message>
        <source>Now with {worker}; the change takes effect only if the new worker fits.</source>
        <translation>当前服务人员：{worker}；新服务人员可以接单时才会改派。</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>服务人员</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Distance</source>
        <translation>距离</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Orders that day</source>
        <translation>当天订单</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Looking for free workers…</source>
        <translation>正在查找有空的服务人员…</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>直接指派</translation>
    </message>
    <message>
        <source>The worker gets the order at once</source>
        <translation>订单直接派给该服务人员</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>The worker accepts or declines in the app</source>
        <translation>服务人员在App中接单或拒单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>served this customer</source>
        <translation>服务过该客户</translation>
    </message>
    <message>
        <source>customer&apos;s favourite</source>
        <translation>客户收藏</translation>
    </message>
    <message>
        <source>{km} km</source>
        <translation>{km} 公里</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{n} free workers fit this order.</source>
        <translation>有 {n} 位服务人员可以接这一单。</translation>
    </message>
    <message>
        <source>No qualified worker is free at this time.</source>
        <translation>这个时间没有合适且有空的服务人员。</translation>
    </message>
</context>
<context>
    <name>WorkerProfileTab</name>
    <message>
        <source> years</source>
        <translation> 年</translation>
    </message>
    <message>
        <source>A new account number; empty keeps the old</source>
        <translation>填写新账号；留空则保留原账号</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>保存修改</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>从业年限</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>About</source>
        <translation>个人简介</translation>
    </message>
    <message>
        <source>Bank</source>
        <translation>开户银行</translation>
    </message>
    <message>
        <source>Bank account</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Account on file</source>
        <translation>已登记账号</translation>
    </message>
    <message>
        <source>Not on file</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Worker no. {id} · branch {branch} · born {birth} · joined {joined}</source>
        <translation>人员编号 {id} · 门店 {branch} · 出生 {birth} · 入职 {joined}</translation>
    </message>
</context>
<context>
    <name>WorkerRatingsTab</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总评</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>评价</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Recent reviews</source>
        <translation>最近评价</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>No ratings yet.</source>
        <translation>还没有评分。</translation>
    </message>
    <message>
        <source>Average {avg} ★ from {n} reviews</source>
        <translation>平均 {avg} ★（{n} 条评价）</translation>
    </message>
</context>
<context>
    <name>WorkerRecordLabels</name>
    <message>
        <source>Applicant</source>
        <translation>申请中</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>在岗</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>已离职</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>资格证书</translation>
    </message>
    <message>
        <source>ID card</source>
        <translation>身份证</translation>
    </message>
    <message>
        <source>ID card (front)</source>
        <translation>身份证正面</translation>
    </message>
    <message>
        <source>ID card (back)</source>
        <translation>身份证反面</translation>
    </message>
    <message>
        <source>Selfie</source>
        <translation>自拍照</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>未审核</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已驳回</translation>
    </message>
    <message>
        <source>Reinstated</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Application submitted</source>
        <translation>提交申请</translation>
    </message>
    <message>
        <source>Documents sent again</source>
        <translation>补交材料</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Expired {n} days ago</source>
        <translation>已过期 {n} 天</translation>
    </message>
    <message>
        <source>Expires today</source>
        <translation>今天到期</translation>
    </message>
    <message>
        <source>{n} days left</source>
        <translation>还剩 {n} 天</translation>
    </message>
    <message>
        <source>No ratings</source>
        <translation>暂无评分</translation>
    </message>
    <message>
        <source>{avg} ★ ({n})</source>
        <translation>{avg} ★（{n}）</translation>
    </message>
</context>
<context>
    <name>WorkerRecordsArea</name>
    <message>
        <source>Workers</source>
        <translation>服务人员档案</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>证书即将到期</translation>
    </message>
</context>
<context>
    <name>WorkerShiftsTab</name>
    <message>
        <source>Day</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束</translation>
    </message>
    <message>
        <source>Add a shift</source>
        <translation>添加班次</translation>
    </message>
    <message>
        <source>Remove the shift</source>
        <translation>删除班次</translation>
    </message>
    <message>
        <source>Save shifts</source>
        <translation>保存排班</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>WorkerSkillsTab</name>
    <message>
        <source>Skill</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Needs certificate</source>
        <translation>所需证书</translation>
    </message>
    <message>
        <source>Save skills</source>
        <translation>保存技能</translation>
    </message>
    <message>
        <source>Save districts</source>
        <translation>保存服务区域</translation>
    </message>
    <message>
        <source>Skills and levels (1 = junior … 5 = gold)</source>
        <translation>技能与等级（1 = 初级 … 5 = 金牌）</translation>
    </message>
    <message>
        <source>Districts served</source>
        <translation>服务区域</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
</context>
<context>
    <name>WorkersPage</name>
    <message>
        <source>Name, initials, phone digits or ID last four</source>
        <translation>姓名、拼音首字母、手机号或身份证后四位</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Any skill</source>
        <translation>全部技能</translation>
    </message>
    <message>
        <source>Any district</source>
        <translation>全部区域</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部门店</translation>
    </message>
    <message>
        <source>{n} workers</source>
        <translation>{n} 名服务人员</translation>
    </message>
    <message>
        <source>Suspend…</source>
        <translation>暂停…</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>资料</translation>
    </message>
    <message>
        <source>Skills and districts</source>
        <translation>技能与区域</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>证件</translation>
    </message>
    <message>
        <source>Ratings and complaints</source>
        <translation>评价与投诉</translation>
    </message>
    <message>
        <source>History</source>
        <translation>状态记录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>手机</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>评分</translation>
    </message>
    <message>
        <source>Experience</source>
        <translation>从业年限</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} 年</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>门店</translation>
    </message>
    <message>
        <source>Choose a worker on the left to see the record.</source>
        <translation>在左侧选择一名服务人员查看档案。</translation>
    </message>
    <message>
        <source>{state}: {reason}</source>
        <translation>{state}：{reason}</translation>
    </message>
    <message>
        <source>Reinstate…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Reinstate {name}</source>
        <translation>恢复 {name}</translation>
    </message>
    <message>
        <source>Suspend {name}</source>
        <translation>暂停 {name}</translation>
    </message>
    <message>
        <source>Reason (kept in the worker&apos;s history):</source>
        <translation>原因（记入该人员的状态记录）：</translation>
    </message>
    <message>
        <source>Reason (a suspended worker gets no orders, offers or pool orders):</source>
        <translation>原因（暂停后不会再被派单、邀请或抢单）：</translation>
    </message>
</context>
</TS>
