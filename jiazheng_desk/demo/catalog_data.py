"""The fixed part of the demo: branches and districts of 上海, skills, the catalogue, prices.

Ids follow the position in these tuples (first row = 1), which the demo can rely on
because it only writes into an empty database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CITY = "上海"
TIMEZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class DistrictDef:
    name: str
    lat: float
    lng: float
    # share of the branch's customers living there
    weight: int


@dataclass(frozen=True)
class BranchDef:
    slug: str
    name: str
    address: str
    phone: str
    # the office (travel-fee bands are measured from here)
    lat: float
    lng: float
    # share of the franchise's workers and customers
    weight: int
    districts: tuple[DistrictDef, ...]


# fmt: off
BRANCHES: tuple[BranchDef, ...] = (
    BranchDef(
        "pudong", "浦东分店", "上海市浦东新区张杨路1500号2楼", "021-58881234",
        31.2310, 121.5260, 36,
        (DistrictDef("浦东新区", 31.2215, 121.5447, 1),),
    ),
    BranchDef(
        "xuhui", "徐汇分店", "上海市徐汇区漕溪北路88号5楼", "021-64876543",
        31.1950, 121.4370, 30,
        (
            DistrictDef("徐汇区", 31.1885, 121.4365, 4),
            DistrictDef("长宁区", 31.2204, 121.4244, 3),
            DistrictDef("闵行区", 31.1129, 121.3816, 5),
        ),
    ),
    BranchDef(
        "jingan", "静安分店", "上海市静安区南京西路1266号12楼", "021-62583300",
        31.2290, 121.4530, 34,
        (
            DistrictDef("静安区", 31.2289, 121.4480, 4),
            DistrictDef("黄浦区", 31.2317, 121.4846, 3),
            DistrictDef("普陀区", 31.2496, 121.3970, 3),
            DistrictDef("虹口区", 31.2646, 121.5052, 3),
            DistrictDef("杨浦区", 31.2595, 121.5260, 4),
        ),
    ),
)
# fmt: on

# (role, username suffix) of each branch's staff; the HQ admin is added on its own
BRANCH_ROLES: tuple[tuple[str, str], ...] = (
    ("branch_manager", "manager"),
    ("dispatcher", "dispatcher"),
    ("vetting_officer", "vetting"),
    ("finance", "finance"),
)


@dataclass(frozen=True)
class SkillDef:
    code: str
    name: str
    cert: str = ""
    # whether workers with it mostly do live-in placements rather than visits
    placement_share: int = 0


SKILLS: tuple[SkillDef, ...] = (
    SkillDef("cleaning", "保洁"),
    SkillDef("appliance", "家电清洗"),
    SkillDef("floor_care", "地板护理"),
    SkillDef("sofa_care", "沙发保养"),
    SkillDef("nanny", "保姆", placement_share=30),
    SkillDef("maternity", "月嫂", "母婴护理证", placement_share=100),
    SkillDef("infant_care", "育婴师", "育婴师证", placement_share=50),
    SkillDef("elder_care", "老人护理", "养老护理员证", placement_share=40),
    SkillDef("patient_care", "病人护理"),
    SkillDef("repair", "家庭维修", "电工证"),
)
SKILL_INDEX = {s.code: i for i, s in enumerate(SKILLS)}

CATEGORIES: tuple[tuple[str, str], ...] = (
    ("cleaning", "保洁服务"),
    ("appliance", "家电清洗"),
    ("floor", "地面护理"),
    ("furniture", "家具保养"),
    ("nanny", "保姆"),
    ("maternity", "月嫂"),
    ("infant", "育婴师"),
    ("elder", "老人护理"),
    ("patient", "病人护理"),
    ("repair", "家庭维修"),
)


@dataclass(frozen=True)
class OptionDef:
    name: str
    price_fen: int
    extra_minutes: int = 0


@dataclass(frozen=True)
class ItemDef:
    code: str
    name: str
    category: str
    unit: str
    kind: str
    min_units: int
    minutes_per_unit: int
    base_minutes: int
    price_fen: int
    skill: str
    level: int
    # relative demand among visits; placements ignore it
    popularity: int
    # the units a booking asks for, low..high (placements: a choice of lengths)
    units: tuple[int, ...]
    description: str = ""
    options: tuple[OptionDef, ...] = field(default=())


_GLASS = OptionDef("擦玻璃", 3000, 30)
_DETERGENT = OptionDef("自带清洁剂", 2000)

# fmt: off
ITEMS: tuple[ItemDef, ...] = (
    ItemDef("daily_clean", "日常保洁", "cleaning", "hour", "visit", 2, 60, 0, 4500,
            "cleaning", 1, 50, (2, 4), "客厅、卧室、厨房、卫生间日常清洁",
            (_GLASS, _DETERGENT, OptionDef("冰箱内部清洁", 4000, 30))),
    ItemDef("deep_clean", "深度保洁", "cleaning", "sqm", "visit", 40, 2, 30, 800,
            "cleaning", 2, 12, (50, 120), "全屋深度清洁，含厨卫除垢",
            (_GLASS, OptionDef("除螨", 5000, 30))),
    ItemDef("move_in_clean", "开荒保洁", "cleaning", "sqm", "visit", 60, 3, 30, 1000,
            "cleaning", 2, 4, (60, 110), "新房装修后首次全面清洁", (_DETERGENT,)),
    ItemDef("ac_clean", "空调清洗", "appliance", "visit", "visit", 1, 60, 30, 12000,
            "appliance", 1, 10, (1, 2), "挂机/柜机拆洗消毒",
            (OptionDef("高温蒸汽杀菌", 3000, 15),)),
    ItemDef("washer_clean", "洗衣机清洗", "appliance", "visit", "visit", 1, 90, 0, 10000,
            "appliance", 1, 6, (1, 1), "波轮/滚筒洗衣机拆洗除垢"),
    ItemDef("fridge_clean", "冰箱清洗", "appliance", "visit", "visit", 1, 60, 0, 9000,
            "appliance", 1, 4, (1, 1), "冰箱内外清洁除味"),
    ItemDef("hood_clean", "油烟机清洗", "appliance", "visit", "visit", 1, 120, 0, 15000,
            "appliance", 2, 8, (1, 1), "油烟机拆洗去油污",
            (OptionDef("深度拆洗", 5000, 30),)),
    ItemDef("floor_wax", "地板打蜡", "floor", "sqm", "visit", 20, 2, 20, 1200,
            "floor_care", 1, 3, (30, 90), "木地板清洁打蜡养护"),
    ItemDef("sofa_care", "沙发保养", "furniture", "visit", "visit", 1, 120, 0, 20000,
            "sofa_care", 1, 3, (1, 1), "布艺/皮质沙发清洁保养",
            (OptionDef("除螨", 4000, 20),)),
    ItemDef("hourly_nanny", "钟点保姆", "nanny", "hour", "visit", 4, 60, 0, 4000,
            "nanny", 1, 6, (4, 6), "做饭、洗衣、家务整理"),
    ItemDef("livein_nanny", "住家保姆", "nanny", "day", "placement", 30, 1440, 0, 26000,
            "nanny", 2, 0, (30, 30, 60), "住家服务，按月计费，每月休息4天"),
    ItemDef("maternity", "月嫂", "maternity", "day", "placement", 26, 1440, 0, 55000,
            "maternity", 2, 0, (26,), "26天住家母婴护理"),
    ItemDef("gold_maternity", "金牌月嫂", "maternity", "day", "placement", 26, 1440, 0, 80000,
            "maternity", 4, 0, (26,), "金牌月嫂，26天住家母婴护理"),
    ItemDef("infant_hourly", "育婴师（白班）", "infant", "hour", "visit", 4, 60, 0, 6000,
            "infant_care", 1, 4, (4, 8), "白天上门照看婴幼儿"),
    ItemDef("infant_livein", "住家育婴师", "infant", "day", "placement", 30, 1440, 0, 30000,
            "infant_care", 2, 0, (30, 60), "住家育婴，按月计费"),
    ItemDef("elder_hourly", "老人陪护（钟点）", "elder", "hour", "visit", 3, 60, 0, 5000,
            "elder_care", 1, 5, (3, 6), "上门陪护、助餐、助浴"),
    ItemDef("elder_livein", "住家老人护理", "elder", "day", "placement", 30, 1440, 0, 28000,
            "elder_care", 2, 0, (30, 60, 90), "住家照护老人，按月计费，每月休息4天"),
    ItemDef("hospital_care", "医院陪护", "patient", "day", "visit", 1, 600, 0, 30000,
            "patient_care", 1, 5, (1, 1), "医院白天陪护（10小时）"),
    ItemDef("patient_home", "居家病人护理", "patient", "hour", "visit", 4, 60, 0, 6000,
            "patient_care", 2, 3, (4, 8), "术后及慢病居家护理"),
    ItemDef("plumbing", "水电维修", "repair", "visit", "visit", 1, 60, 0, 8000,
            "repair", 1, 6, (1, 1), "水管、电路、开关插座维修"),
    ItemDef("lamp_install", "灯具安装", "repair", "visit", "visit", 1, 60, 0, 6000,
            "repair", 1, 3, (1, 1), "吸顶灯、吊灯安装"),
    ItemDef("pipe_unclog", "管道疏通", "repair", "visit", "visit", 1, 60, 0, 10000,
            "repair", 1, 4, (1, 1), "下水道、马桶疏通"),
)
# fmt: on
ITEM_INDEX = {item.code: i for i, item in enumerate(ITEMS)}

# (branch slug, item code, price in fen): the branches that price above the catalogue
BRANCH_PRICES: tuple[tuple[str, str, int], ...] = (
    ("pudong", "daily_clean", 5000),
    ("jingan", "daily_clean", 5500),
    ("jingan", "maternity", 60000),
    ("jingan", "gold_maternity", 88000),
    ("xuhui", "deep_clean", 900),
    ("pudong", "ac_clean", 13000),
)

# (min metres, max metres or None, fee in fen): the travel fee bands of every branch
TRAVEL_BANDS: tuple[tuple[int, int | None, int], ...] = (
    (3000, 8000, 1000),
    (8000, 15000, 2000),
    (15000, None, 3500),
)
NIGHT_START_MINUTE = 20 * 60
NIGHT_END_MINUTE = 6 * 60
NIGHT_PERCENT_BP = 2000
HOLIDAY_PERCENT_BP = 5000
# (month, day, name): fixed-date public holidays, each priced on its next occurrence
HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (10, 1, "国庆节"),
)
