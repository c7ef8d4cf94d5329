"""Demo people: names, phones and addresses, staff, workers with skills and shifts, customers.

Faker is slow per call (tens of µs), so it only seeds pools (streets, the name lists of its
zh_CN provider) and every person is drawn from those with the seeded ``random.Random``.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass, field
from datetime import date, datetime

from faker import Faker
from pypinyin import Style, lazy_pinyin

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.catalog_data import BRANCHES, ITEMS, SKILLS, DistrictDef

NEVER = 10**6  # a day offset past every horizon
# the mobile prefixes of mainland China that the demo draws from
_MOBILE_PREFIXES = (
    *(p for p in range(130, 200)
      if p // 10 in (13, 15, 17, 18, 19) and p not in (154, 174, 179, 190, 192, 194, 197)),
    166,
)  # fmt: skip
# female given names in Faker's male list
_NOT_MALE = {"红霞"}


@dataclass(frozen=True)
class DistrictRef:
    id: int
    branch: int
    name: str
    lat: float
    lng: float


def district_refs() -> tuple[DistrictRef, ...]:
    """The districts of every branch with their ids (1..n in catalogue order)."""
    refs: list[DistrictRef] = []
    for b, branch in enumerate(BRANCHES):
        for d in branch.districts:
            refs.append(DistrictRef(len(refs) + 1, b, d.name, d.lat, d.lng))
    return tuple(refs)


class PeopleKit:
    """Seeded pools and helpers shared by every person the demo makes."""

    def __init__(self, rng: random.Random, fake: Faker, *, people: int, streets: int) -> None:
        self.rng = rng
        person = fake.provider("faker.providers.person")
        # the provider's own lists: surnames with their frequencies, given names by gender
        last: list[tuple[str, float]] = list(person.last_names.items())
        self._last = [name for name, _ in last]
        self._last_cum = _cumulative([weight for _, weight in last])
        self._male: list[str] = [n for n in person.first_names_male if n not in _NOT_MALE]
        self._female: list[str] = list(person.first_names_female)
        self.streets = sorted({fake.street_name() for _ in range(streets)})
        self._initials: dict[str, str] = {}
        span = len(_MOBILE_PREFIXES) * 10**8
        self._phones = iter(rng.sample(range(span), people))

    def name(self, gender: str) -> str:
        """A Chinese name of the gender ("female" or "male")."""
        rng = self.rng
        surname = rng.choices(self._last, cum_weights=self._last_cum)[0]
        given = self._female if gender == "female" else self._male
        return surname + given[int(rng.random() * len(given))]

    def initials(self, name: str) -> str:
        """Pinyin initials, lower case ("张伟" -> "zw"), memoised per character."""
        memo = self._initials
        out = [texts.SURNAME_INITIALS.get(name[0]) or _initial(memo, name[0])]
        out.extend(_initial(memo, ch) for ch in name[1:])
        return "".join(out)

    def phone(self) -> str:
        """A mobile number no other demo person has."""
        n = next(self._phones)
        return f"{_MOBILE_PREFIXES[n // 10**8]}{n % 10**8:08d}"

    def address(self, district: DistrictRef) -> tuple[str, float, float]:
        """A home address in the district with coordinates near its centre."""
        rng = self.rng
        street = self.streets[int(rng.random() * len(self.streets))]
        community = (
            texts.COMMUNITY_PREFIXES[int(rng.random() * len(texts.COMMUNITY_PREFIXES))]
            + texts.COMMUNITY_SUFFIXES[int(rng.random() * len(texts.COMMUNITY_SUFFIXES))]
        )
        number = 1 + int(rng.random() * 1200)
        building = 1 + int(rng.random() * 30)
        room = (1 + int(rng.random() * 28)) * 100 + 1 + int(rng.random() * 4)
        # the district is its own field (shown beside the text): not repeated here
        text = f"{street}{number}号{community}{building}栋{room}室"
        lat = round(district.lat + rng.gauss(0.0, 0.02), 6)
        lng = round(district.lng + rng.gauss(0.0, 0.025), 6)
        return text, lat, lng


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _initial(memo: dict[str, str], ch: str) -> str:
    got = memo.get(ch)
    if got is None:
        got = lazy_pinyin(ch, style=Style.FIRST_LETTER)[0][:1].lower()
        memo[ch] = got
    return got


def demo_password(rng: random.Random) -> str:
    """A demo password: letters and digits, accepted by the password rule."""
    alnum = string.ascii_letters + string.digits
    return "Demo-" + "".join(rng.choice(alnum) for _ in range(6)) + rng.choice(string.digits)


# --- workers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    """A kind of worker: gender mix, main skill and the extra skills they often have."""

    main: str
    share: int
    female_pct: int
    extras: tuple[tuple[str, int], ...]
    shifts: tuple[tuple[int, int], ...]


# main skill, share %, female %, (extra skill, %)…, shifts as (start, end) local minutes
# fmt: off
PROFILES: tuple[Profile, ...] = (
    Profile("cleaning", 48, 88,
            (("appliance", 15), ("floor_care", 15), ("sofa_care", 10), ("nanny", 15)),
            ((480, 1080), (540, 1020), (450, 1140), (720, 1260))),
    Profile("appliance", 14, 10, (("repair", 60), ("floor_care", 25), ("sofa_care", 25)),
            ((480, 1200), (540, 1080))),
    Profile("nanny", 10, 95, (("cleaning", 70), ("infant_care", 20)), ((480, 1080), (450, 1140))),
    Profile("maternity", 8, 100, (("infant_care", 60),), ((480, 1200),)),
    Profile("infant_care", 6, 98, (("nanny", 40),), ((480, 1080),)),
    Profile("elder_care", 8, 75, (("patient_care", 50), ("nanny", 20)), ((480, 1140),)),
    Profile("patient_care", 6, 65, (("elder_care", 40),), ((420, 1260),)),
)
# fmt: on
_PROFILE_CUM = _cumulative([p.share for p in PROFILES])
_BRANCH_CUM = _cumulative([b.weight for b in BRANCHES])
CERT_OF = {s.code: s.cert for s in SKILLS}
_PLACEMENT_SHARE = {s.code: s.placement_share for s in SKILLS}
_MAIN_LEVEL_CUM = _cumulative([15, 30, 30, 17, 8])
_EXTRA_LEVEL_CUM = _cumulative([45, 35, 15, 5])


@dataclass(slots=True)
class WorkerPlan:
    id: int
    branch: int
    name: str
    gender: str
    initials: str
    phone: str
    birth_date: date
    years: int
    status: str
    status_reason: str
    districts: tuple[DistrictRef, ...]
    home: str
    lat: float
    lng: float
    skills: dict[str, int]
    main: str
    placement: bool
    shift: tuple[int, int]
    # virtual weekdays worked: day offset k is worked when k % 7 is in it
    workdays: tuple[int, ...]
    # cert type -> (issued offset, expiry offset)
    certs: dict[str, tuple[int, int]]
    joined: int
    # first day offset on which the worker takes no more orders (suspended workers)
    active_until: int
    bank: str
    bio: str
    # (item index, last day offset the certificate allows it), weighted by repetition
    picks: list[tuple[int, int]] = field(default_factory=list)
    placement_items: list[int] = field(default_factory=list)
    rating_count: int = 0
    rating_sum: int = 0


def make_worker(kit: PeopleKit, wid: int, districts: tuple[DistrictRef, ...]) -> WorkerPlan:
    """One worker with skills, districts, home, shifts and certificates."""
    rng = kit.rng
    profile = PROFILES[_pick_cum(rng, _PROFILE_CUM)]
    branch = _pick_cum(rng, _BRANCH_CUM)
    own = [d for d in districts if d.branch == branch]
    served = tuple(rng.sample(own, min(len(own), 1 + int(rng.random() * 3))))
    gender = "female" if rng.random() * 100 < profile.female_pct else "male"
    name = kit.name(gender)
    skills = {profile.main: 1 + _pick_cum(rng, _MAIN_LEVEL_CUM)}
    for skill, pct in profile.extras:
        if rng.random() * 100 < pct:
            skills[skill] = 1 + _pick_cum(rng, _EXTRA_LEVEL_CUM)
    r = rng.random()
    status, reason, active_until, joined = "active", "", NEVER, -181 - int(rng.random() * 1300)
    if r < 0.08:
        status, joined = "applicant", -1 - int(rng.random() * 30)
        skills = dict.fromkeys(skills, 1)
    elif r < 0.12:
        status = "suspended"
        reason = texts.SUSPEND_REASONS[int(rng.random() * len(texts.SUSPEND_REASONS))]
        active_until = -5 - int(rng.random() * 60)
    placement = rng.random() * 100 < _PLACEMENT_SHARE[profile.main]
    if placement:
        shift, workdays = (480, 1200), tuple(range(7))
    else:
        shift = profile.shifts[int(rng.random() * len(profile.shifts))]
        days = 6 if rng.random() < 0.7 else (5 if rng.random() < 0.85 else 7)
        workdays = tuple(sorted(rng.sample(range(7), days)))
    certs: dict[str, tuple[int, int]] = {}
    for skill in skills:
        if CERT_OF[skill]:
            expiry = _cert_expiry(rng)
            certs[CERT_OF[skill]] = (expiry - 1095, expiry)
    if status != "applicant":
        expiry = 1 + int(rng.random() * 365)
        certs[texts.HEALTH_CERT] = (expiry - 365, expiry)
    home, lat, lng = kit.address(served[0])
    years = int(rng.random() * 16) if status != "applicant" else int(rng.random() * 3)
    worker = WorkerPlan(
        id=wid,
        branch=branch,
        name=name,
        gender=gender,
        initials=kit.initials(name),
        phone=kit.phone(),
        birth_date=date(
            1966 + int(rng.random() * 34), 1 + int(rng.random() * 12), 1 + int(rng.random() * 28)
        ),
        years=years,
        status=status,
        status_reason=reason,
        districts=served,
        home=home,
        lat=lat,
        lng=lng,
        skills=skills,
        main=profile.main,
        placement=placement,
        shift=shift,
        workdays=workdays,
        certs=certs,
        joined=joined,
        active_until=active_until,
        bank=texts.BANKS[int(rng.random() * len(texts.BANKS))],
        bio=f"从事家政服务{max(years, 1)}年，"
        f"{texts.BIO_TRAITS[int(rng.random() * len(texts.BIO_TRAITS))]}。",
    )
    _fill_picks(worker)
    return worker


def _cert_expiry(rng: random.Random) -> int:
    """The day offset a three-year certificate expires: mostly later, some soon, a few past."""
    u = rng.random()
    if u < 0.05:
        return -1 - int(rng.random() * 150)
    if u < 0.12:
        return 14 + int(rng.random() * 16)
    return 30 + int(rng.random() * 970)


def _fill_picks(worker: WorkerPlan) -> None:
    for idx, item in enumerate(ITEMS):
        level = worker.skills.get(item.skill)
        if level is None or level < item.level:
            continue
        cert = CERT_OF[item.skill]
        valid_until = worker.certs[cert][1] if cert else NEVER
        if item.kind == "placement":
            if worker.placement:
                worker.placement_items.append(idx)
            continue
        weight = item.popularity * (3 if item.skill == worker.main else 1)
        worker.picks.extend([(idx, valid_until)] * weight)


def _pick_cum(rng: random.Random, cum: list[float]) -> int:
    x = rng.random() * cum[-1]
    for i, c in enumerate(cum):
        if x < c:
            return i
    return len(cum) - 1


# --- customers -----------------------------------------------------------------------


@dataclass(slots=True)
class AddressPlan:
    id: int
    customer: CustomerPlan
    district: DistrictRef
    text: str
    lat: float
    lng: float
    is_default: bool


@dataclass(slots=True)
class CustomerPlan:
    id: int
    name: str
    gender: str
    initials: str
    phone: str
    channel: str
    referrer_id: int | None
    email: str | None
    addresses: list[AddressPlan] = field(default_factory=list)
    orders: int = 0
    first_created: datetime | None = None
    last_created: datetime | None = None
    has_future: bool = False
    status: str = "active"
    status_reason: str = ""


def district_weights(districts: tuple[DistrictRef, ...]) -> list[float]:
    """Cumulative weights of districts for placing customers (branch share × district share)."""
    weights = []
    for d in districts:
        branch = BRANCHES[d.branch]
        own: tuple[DistrictDef, ...] = branch.districts
        total = sum(x.weight for x in own)
        weight = next(x.weight for x in own if x.name == d.name)
        weights.append(branch.weight * weight / total)
    return _cumulative(weights)


def make_customer(
    kit: PeopleKit,
    cid: int,
    next_address_id: int,
    districts: tuple[DistrictRef, ...],
    cum: list[float],
) -> CustomerPlan:
    """One customer with one or two addresses (ids from ``next_address_id``)."""
    rng = kit.rng
    gender = "female" if rng.random() < 0.55 else "male"
    name = kit.name(gender)
    initials = kit.initials(name)
    referrer = 1 + int(rng.random() * (cid - 1)) if cid > 20 and rng.random() < 0.05 else None
    email = f"{initials}{cid}@example.com" if rng.random() < 0.2 else None
    customer = CustomerPlan(
        id=cid,
        name=name,
        gender=gender,
        initials=initials,
        phone=kit.phone(),
        channel="app" if rng.random() < 0.62 else "phone",
        referrer_id=referrer,
        email=email,
    )
    first = districts[_pick_cum(rng, cum)]
    count = 2 if rng.random() < 0.3 else 1
    for n in range(count):
        if n == 0:
            district = first
        else:
            # a second home is mostly near the first (parents, a rented flat)
            same = [d for d in districts if d.branch == first.branch]
            district = (
                same[int(rng.random() * len(same))]
                if rng.random() < 0.8
                else (districts[_pick_cum(rng, cum)])
            )
        text, lat, lng = kit.address(district)
        customer.addresses.append(
            AddressPlan(next_address_id + n, customer, district, text, lat, lng, n == 0)
        )
    return customer
