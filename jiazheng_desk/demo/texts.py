"""Chinese phrases of the demo: reviews, complaints, reasons, place names, banks."""

from __future__ import annotations

# reviews by overall score band: 5, 4, 3, and 1–2
REVIEWS_GOOD: tuple[str, ...] = (
    "阿姨非常细心，打扫得很干净",
    "师傅很专业，准时到达，干活利索",
    "服务态度好，下次还约这位阿姨",
    "家里焕然一新，非常满意",
    "做事认真负责，角角落落都照顾到了",
    "已经推荐给朋友了",
    "月嫂经验丰富，宝宝照顾得很好",
    "老人很喜欢她，说话温和有耐心",
    "拆洗很彻底，油污全部清理干净",
    "提前十分钟就到了，很守时",
)
REVIEWS_OK: tuple[str, ...] = (
    "整体不错，有些角落没打扫到",
    "挺好的，就是来晚了十分钟",
    "服务可以，价格稍微有点贵",
    "干得不错，沟通上还可以再主动一些",
)
REVIEWS_MEH: tuple[str, ...] = (
    "一般般，效率有点低",
    "还行吧，工具带得不全",
    "态度还好，但清洁效果一般",
)
REVIEWS_BAD: tuple[str, ...] = (
    "迟到了一个多小时，也没提前说一声",
    "打碎了一个杯子，态度也不好",
    "做得很马虎，很多地方都没擦",
    "说好的项目没做完就走了",
)
REVIEW_EMOJI: tuple[str, ...] = (" 👍", "👍👍", " 😊", " 💯", "🙏")
REVIEW_REPLY = "非常抱歉给您带来不便，门店已安排回访，感谢您的反馈。"


def review_band(overall: int) -> tuple[str, ...]:
    """The phrases that fit an overall score."""
    if overall >= 5:
        return REVIEWS_GOOD
    if overall == 4:
        return REVIEWS_OK
    if overall == 3:
        return REVIEWS_MEH
    return REVIEWS_BAD


def possible_review_texts() -> frozenset[str]:
    """Every review text the demo can write (tests check the round trip against it)."""
    texts = {""}
    for band in (REVIEWS_GOOD, REVIEWS_OK, REVIEWS_MEH, REVIEWS_BAD):
        for phrase in band:
            texts.add(phrase)
            texts.update(phrase + emoji for emoji in REVIEW_EMOJI)
    return frozenset(texts)


# (category, text, resolution)
COMPLAINTS: tuple[tuple[str, str, str], ...] = (
    ("late", "服务人员迟到一个多小时，耽误了我的安排", "已向客户致歉，对服务人员进行考勤提醒"),
    ("damage", "清洁时打碎了餐具，要求赔偿", "核实后按价赔偿，已与客户达成一致"),
    ("quality", "保洁质量差，厨房油污没有处理", "已安排免费返工，客户确认满意"),
    ("attitude", "服务人员态度不好，说话不客气", "已约谈服务人员并记录在案"),
    ("billing", "实际收费和下单时报价不一致", "核对订单后退还差价"),
)

CANCEL_BY_CUSTOMER: tuple[str, ...] = (
    "行程有变，暂时不需要了",
    "临时有事，改天再约",
    "已找到其他服务",
    "下单时间填错了",
)
CANCEL_BY_STAFF: tuple[str, ...] = ("客户电话联系不上", "客户地址超出服务范围")
CANCEL_NO_WORKER = "暂无可派服务人员"
CANCEL_LEAVE = "服务人员请假，本次服务取消"

LEAVE_REASONS: tuple[str, ...] = ("回老家", "身体不适", "家中有事", "孩子开学", "年假")
SUSPEND_REASONS: tuple[str, ...] = ("客户投诉待核查", "证件过期待更新", "多次爽约")
FREEZE_REASONS: tuple[str, ...] = ("多次恶意取消订单", "疑似刷单，待核实")

COMMUNITY_PREFIXES: tuple[str, ...] = (
    "阳光",
    "金桥",
    "世纪",
    "滨江",
    "锦绣",
    "翠湖",
    "东方",
    "明珠",
    "华府",
    "紫薇",
    "春晓",
    "碧云",
    "绿洲",
    "和平",
    "康桥",
    "龙柏",
    "古北",
    "梅陇",
    "新华",
    "仁恒",
    "中远",
    "绿地",
    "万源",
    "静安",
    "凯旋",
    "田林",
    "曹杨",
    "控江",
    "长风",
    "天山",
)
COMMUNITY_SUFFIXES: tuple[str, ...] = (
    "花园",
    "苑",
    "新村",
    "公寓",
    "家园",
    "华庭",
    "小区",
    "名邸",
    "雅苑",
    "一村",
    "二村",
    "城",
)

BANKS: tuple[str, ...] = (
    "中国工商银行",
    "中国建设银行",
    "中国农业银行",
    "中国银行",
    "交通银行",
    "招商银行",
    "上海银行",
    "浦发银行",
)

BIO_TRAITS: tuple[str, ...] = (
    "做事认真细致",
    "性格开朗，有耐心",
    "手脚麻利，爱干净",
    "持证上岗，经验丰富",
    "守时守信，客户好评多",
    "踏实肯干，沟通顺畅",
)

CERT_ISSUERS = {
    "母婴护理证": "上海市家庭服务业行业协会",
    "育婴师证": "上海市人力资源和社会保障局",
    "养老护理员证": "上海市人力资源和社会保障局",
    "电工证": "上海市应急管理局",
    "健康证": "上海市疾病预防控制中心",
}
HEALTH_CERT = "健康证"

# surnames whose reading differs from the character's most common one
SURNAME_INITIALS = {
    "单": "s",
    "曾": "z",
    "解": "x",
    "仇": "q",
    "区": "o",
    "查": "z",
    "朴": "p",
    "盖": "g",
    "覃": "q",
    "尉": "y",
    "乐": "y",
    "缪": "m",
    "秘": "b",
    "种": "c",
}
