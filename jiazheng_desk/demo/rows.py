"""Rows (plain dicts, every column given) of staff, workers, customers and series.

Every column is spelled out: a missing key would make SQLAlchemy call the column's Python
default once per row, or silently write NULL.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from jiazheng_desk.demo import texts
from jiazheng_desk.demo.bookings import SeriesPlan
from jiazheng_desk.demo.catalog_data import BRANCHES, SKILL_INDEX
from jiazheng_desk.demo.frame import Frame
from jiazheng_desk.demo.people import CustomerPlan, WorkerPlan

Row = dict[str, Any]


@dataclass(frozen=True)
class StaffPlan:
    id: int
    username: str
    display_name: str
    role: str
    branch: int | None
    phone: str
    password: str


@dataclass(frozen=True)
class StaffIds:
    """The staff the demo names as actors, per branch index."""

    hq: int
    manager: tuple[int, ...]
    dispatcher: tuple[int, ...]
    vetting: tuple[int, ...]

    @classmethod
    def of(cls, staff: list[StaffPlan]) -> StaffIds:
        def ids(role: str) -> tuple[int, ...]:
            found = {s.branch: s.id for s in staff if s.role == role}
            return tuple(found[b] for b in range(len(BRANCHES)))

        hq = next(s.id for s in staff if s.role == "hq_admin")
        return cls(hq, ids("branch_manager"), ids("dispatcher"), ids("vetting_officer"))


def staff_rows(staff: list[StaffPlan], password_hash: str, created: datetime) -> list[Row]:
    return [
        {
            "id": s.id,
            "username": s.username,
            "display_name": s.display_name,
            "role": s.role,
            "branch_id": None if s.branch is None else s.branch + 1,
            "phone": s.phone,
            "password_hash": password_hash,
            "must_change_password": False,
            "is_active": True,
            "failed_logins": 0,
            "locked_until": None,
            "last_login_at": None,
            "created_at": created,
            "updated_at": created,
        }
        for s in staff
    ]


class WorkerRows:
    """The worker table and its satellites, with their own id counters."""

    def __init__(self, rng: random.Random, frame: Frame, staff: StaffIds) -> None:
        self.rng, self.frame, self.staff = rng, frame, staff
        self.workers: list[Row] = []
        self.skills: list[Row] = []
        self.districts: list[Row] = []
        self.shifts: list[Row] = []
        self.leave: list[Row] = []
        self.documents: list[Row] = []

    def add(self, w: WorkerPlan, leave: list[tuple[int, int, str]]) -> None:
        frame, r = self.frame, self.rng.random
        applicant = w.status == "applicant"
        joined_at = frame.at(w.joined, 9 * 60 + int(r() * 480))
        vetting = None if applicant else self.staff.vetting[w.branch]
        self.workers.append(
            {
                "id": w.id,
                "branch_id": w.branch + 1,
                "phone": w.phone,
                "name": w.name,
                "name_initials": w.initials,
                "gender": w.gender,
                "birth_date": w.birth_date,
                "id_number_enc": None,
                "id_number_hash": None,
                "id_number_suffix": "",
                "status": w.status,
                "status_reason": w.status_reason,
                "work_status": "online" if w.status == "active" and r() < 0.35 else "offline",
                "years_experience": w.years,
                "home_address": w.home,
                "home_lat": w.lat,
                "home_lng": w.lng,
                "bio": w.bio,
                "photo_path": "",
                "bank_name": w.bank,
                "bank_account_enc": None,
                "rating_count": w.rating_count,
                "rating_sum": w.rating_sum,
                "joined_on": None if applicant else frame.date(w.joined),
                "created_at": joined_at,
                "updated_at": joined_at,
            }
        )
        for code, level in w.skills.items():
            self.skills.append(
                {
                    "id": len(self.skills) + 1,
                    "worker_id": w.id,
                    "skill_id": SKILL_INDEX[code] + 1,
                    "level": level,
                    "granted_by": vetting,
                    "granted_at": joined_at,
                }
            )
        for d in w.districts:
            self.districts.append({"worker_id": w.id, "district_id": d.id})
        s0, s1 = w.shift
        for virtual in w.workdays:
            self.shifts.append(
                {
                    "id": len(self.shifts) + 1,
                    "worker_id": w.id,
                    "weekday": frame.real_weekday(virtual),
                    "start_minute": s0,
                    "end_minute": s1,
                }
            )
        for first, last, reason in leave:
            self.leave.append(
                {
                    "id": len(self.leave) + 1,
                    "worker_id": w.id,
                    "kind": "leave",
                    "starts_at": frame.day_start(first),
                    "ends_at": frame.day_start(last + 1),
                    "reason": reason,
                    "status": "approved",
                    "created_by": self.staff.manager[w.branch],
                    "created_at": min(frame.day_start(first) - timedelta(days=3), frame.now),
                }
            )
        self._documents(w, joined_at, vetting)

    def _documents(self, w: WorkerPlan, joined_at: datetime, vetting: int | None) -> None:
        frame = self.frame
        status = "submitted" if vetting is None else "verified"
        docs: list[tuple[str, str, str, date | None, date | None]] = [
            ("id_card", "", "", None, None)
        ]
        for cert, (issued, expires) in w.certs.items():
            number = f"SH{w.id:08d}{len(docs):02d}"
            docs.append(("certificate", cert, number, frame.date(issued), frame.date(expires)))
        for kind, cert, number, issued_on, expires_on in docs:
            self.documents.append(
                {
                    "id": len(self.documents) + 1,
                    "worker_id": w.id,
                    "kind": kind,
                    "cert_type": cert,
                    "number": number,
                    "issuer": texts.CERT_ISSUERS.get(cert, ""),
                    "issued_on": issued_on,
                    "expires_on": expires_on,
                    "file_path": "",
                    "status": status,
                    "verified_by": vetting,
                    "verified_at": None if vetting is None else joined_at,
                    "created_at": joined_at,
                }
            )

    def tables(self) -> list[tuple[str, list[Row]]]:
        return [
            ("worker", self.workers),
            ("worker_skill", self.skills),
            ("worker_district", self.districts),
            ("shift_template", self.shifts),
            ("worker_leave", self.leave),
            ("worker_document", self.documents),
        ]


def customer_rows(
    rng: random.Random, frame: Frame, customers: list[CustomerPlan]
) -> Iterator[tuple[str, Row]]:
    """Customers and then their addresses, as (table, row)."""
    r = rng.random
    created_at: list[datetime] = []
    for c in customers:
        if c.first_created is not None:
            created = c.first_created - timedelta(minutes=60 + int(r() * 60 * 1440))
        else:
            created = frame.at(frame.first + int(r() * -frame.first), int(r() * 1440))
        created_at.append(created)
        level = "gold" if c.orders >= 20 else ("silver" if c.orders >= 8 else "normal")
        yield (
            "customer",
            {
                "id": c.id,
                "branch_id": c.addresses[0].district.branch + 1,
                "phone": c.phone,
                "name": c.name,
                "name_initials": c.initials,
                "gender": c.gender,
                "email": c.email,
                "password_hash": None,
                "status": c.status,
                "status_reason": c.status_reason,
                "channel": c.channel,
                "member_level": level,
                "referrer_id": c.referrer_id,
                "real_name": "",
                "id_number_enc": None,
                "real_name_verified_at": None,
                "emergency_name": "",
                "emergency_phone": "",
                "remind_sms": True,
                "remind_push": c.channel == "app",
                "marketing_opt_in": r() < 0.6,
                "note": "",
                "last_order_at": c.last_created,
                "created_at": created,
                "closed_at": None,
            },
        )
    for c, created in zip(customers, created_at, strict=True):
        for a in c.addresses:
            yield (
                "customer_address",
                {
                    "id": a.id,
                    "customer_id": c.id,
                    "district_id": a.district.id,
                    "address_text": a.text,
                    "contact_name": c.name,
                    "contact_phone": c.phone,
                    "lat": a.lat,
                    "lng": a.lng,
                    "is_default": a.is_default,
                    "created_at": created,
                    "deleted_at": None,
                },
            )


def series_rows(frame: Frame, series: list[SeriesPlan], staff: StaffIds) -> list[Row]:
    rows = []
    for s in series:
        branch = s.address.district.branch
        rows.append(
            {
                "id": s.id,
                "branch_id": branch + 1,
                "customer_id": s.address.customer.id,
                "address_id": s.address.id,
                "item_id": s.item + 1,
                "units": s.units,
                "rule": s.rule,
                "weekday": frame.real_weekday(s.virtual_weekday),
                "week_of_month": None,
                "start_minute": s.start_min,
                "first_date": frame.date(s.first_k),
                "count": None,
                "until_date": None if s.until_k is None else frame.date(s.until_k),
                "worker_id": s.worker.id,
                "options_json": "[]",
                "customer_note": "",
                "status": "active" if s.until_k is None else "ended",
                "created_by": staff.dispatcher[branch] if s.channel == "phone" else None,
                "created_at": s.created_at,
            }
        )
    return rows
