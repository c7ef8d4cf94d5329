"""Demo vetting: cases for the demo's applicants in every state, checks run through the
services, a few blacklist entries, and applicants who hit the background-check sandbox.

The applicants come from the bulk rows (``status = "applicant"``, without an ID number);
here they get one (consistent with their birth date and gender), an ID-card photo for the
first few, and a case. A few take the ID numbers of the background sandbox's seeded list
(loaded by name: the demo and ``sync`` are sibling faces), so the desk shows hits. The
number of cases is capped: the large demo has many more applicants.
"""

from __future__ import annotations

import importlib
import io
import random
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jiazheng_desk.config import default_paths
from jiazheng_desk.models import (
    MediaFile,
    Skill,
    StaffUser,
    StateEvent,
    VettingCase,
    Worker,
    WorkerDistrict,
    WorkerDocument,
    WorkerSkill,
)
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import (
    blacklist,
    media,
    pii,
    vetting_checks,
    vetting_decisions,
    vetting_recorded,
)
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for
from jiazheng_desk.services.idcard import check_char, parse_id_number
from jiazheng_desk.services.names import name_initials

MAX_CASES = 24
PHOTOS = 6
SANDBOX = "jiazheng_desk.sync.gateways"
REGIONS = ("310104", "310115", "320102", "330106", "340104", "410105", "510107", "420102")
FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
# what happens to the i-th case (repeating): checks run, documents asked, decided …
PLAN = (
    "new",
    "checked",
    "interviewed",
    "waiting_documents",
    "new",
    "rejected",
    "checked",
    "approved",
)


def _sandbox(module: str, name: str) -> Any:
    return getattr(importlib.import_module(f"{SANDBOX}.{module}"), name)


def _id_number(rng: random.Random, worker: Worker) -> str:
    born = worker.birth_date
    assert born is not None
    seq = int(rng.random() * 400) * 2 + (1 if worker.gender == "male" else 0)
    first = f"{REGIONS[int(rng.random() * len(REGIONS))]}{born:%Y%m%d}{seq:03d}"
    return first + check_char(first)


def _font(size: int) -> Any:
    for path in FONTS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _card_photo(worker: Worker, number: str) -> bytes:
    """A stand-in for a photo of the front of an ID card (grey, slightly tilted)."""
    image = Image.new("RGB", (640, 404), (236, 232, 222))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((16, 16, 624, 388), 18, outline=(150, 140, 120), width=3)
    draw.rectangle((452, 60, 590, 230), fill=(200, 205, 215))
    font, small = _font(28), _font(22)
    gender = "女" if worker.gender == "female" else "男"
    lines = [
        ("姓名", worker.name),
        ("性别", gender),
        ("出生", f"{worker.birth_date:%Y 年 %m 月 %d 日}"),
        ("住址", worker.home_address[:14]),
    ]
    for i, (label, value) in enumerate(lines):
        draw.text((44, 60 + i * 52), label, fill=(90, 90, 90), font=small)
        draw.text((120, 56 + i * 52), value, fill=(20, 20, 20), font=font)
    draw.text((44, 320), "公民身份号码", fill=(90, 90, 90), font=small)
    draw.text((210, 314), number, fill=(20, 20, 20), font=font)
    out = io.BytesIO()
    image.rotate(4, expand=True, fillcolor=(60, 60, 60)).save(out, "PNG")
    return out.getvalue()


def _photo(session: Session, worker: Worker, number: str) -> int:
    """A photo for the applicant's ID-card document (the bulk rows wrote it without one)."""
    doc = session.scalars(
        select(WorkerDocument)
        .where(WorkerDocument.worker_id == worker.id, WorkerDocument.kind == "id_card")
        .order_by(WorkerDocument.id)
    ).first()
    if doc is None:
        return 0
    me = Actor(kind="worker", id=worker.id, name=worker.name, branch_id=worker.branch_id)
    stored = media.store_upload(
        session,
        actor=me,
        filename="id_card.png",
        data=_card_photo(worker, number),
        declared_type="image/png",
        media_dir=default_paths().media_dir,
    )
    doc.file_path = stored.path
    row = session.get(MediaFile, stored.id)
    assert row is not None
    row.entity, row.entity_id = "worker_document", doc.id
    session.flush()
    return 2


def _open_case(session: Session, worker: Worker, codes: list[str]) -> int:
    created = worker.created_at
    case_id = inserted_id(
        session.execute(
            insert(table_of(VettingCase)),
            {
                "worker_id": worker.id,
                "branch_id": worker.branch_id,
                "state": "new",
                "requested_skills": ",".join(codes)[:255],
                "decision_reason": "",
                "override_reason": "",
                "created_at": created,
                "updated_at": created,
            },
        )
    )
    session.execute(
        insert(table_of(StateEvent)),
        {
            "entity": "vetting_case",
            "entity_id": case_id,
            "event": "submit",
            "from_state": "",
            "to_state": "new",
            "actor_kind": "worker",
            "actor_id": worker.id,
            "reason": "",
            "created_at": created,
        },
    )
    return case_id


def _blacklist(session: Session, officer: Actor, rng: random.Random, hit: str) -> int:
    entries = [
        ("fraud", "冒用他人身份证件应聘，已报警处理", hit, ""),
        ("serious_complaint", "服务期间与客户发生肢体冲突，客户报警", "", "13812340001"),
        ("work_quality", "三个月内被投诉 6 次，培训后仍无改善", "", "13812340002"),
        ("contract_breach", "月嫂合同期内无故离岗，造成客户损失", "", "13812340003"),
    ]
    written = 0
    for i, (reason, evidence, number, phone) in enumerate(entries):
        view = blacklist.add_entry(
            session,
            actor=officer,
            name=("刘某", "陈某", "黄某", "杨某")[i],
            id_number=number,
            phone=phone,
            reason_type=reason,
            evidence=evidence,
        )
        written += 2
        if i == 2:
            blacklist.release_entry(
                session, actor=officer, entry_id=view.id, reason="申诉成立，投诉系误会"
            )
            written += 1
    return written


def seed(session: Session, rng: random.Random) -> int:
    """Cases for the demo's applicants, their checks, and the blacklist."""
    try:
        pii.lookup_hash("x")
    except pii.PersonalDataUnavailable:
        return 0  # no data key: an ID number cannot be stored, so no case can be checked
    applicants = session.scalars(
        select(Worker).where(Worker.status == "applicant").order_by(Worker.id).limit(MAX_CASES)
    ).all()
    if not applicants:
        return 0
    officers = {
        s.branch_id: actor_for(s)
        for s in session.scalars(select(StaffUser).where(StaffUser.role == "vetting_officer"))
    }
    hq_user = session.scalars(
        select(StaffUser).where(StaffUser.role == "hq_admin").order_by(StaffUser.id)
    ).first()
    if not officers or hq_user is None:
        return 0
    hq = actor_for(hq_user)
    records = _sandbox("background_sandbox", "RECORDS")
    background = _sandbox("background_sandbox", "SandboxBackgroundGateway")()
    identity = _sandbox("identity_sandbox", "SandboxIdentityGateway")()
    codes = dict(session.execute(select(Skill.id, Skill.code)).all())
    written = 0
    numbers: list[str] = []
    # the seeded background hits go to the 2nd, 7th … applicants
    hits = {1 + 5 * i: r for i, r in enumerate(records)}
    for i, worker in enumerate(applicants):
        record = hits.get(i)
        if record is not None:
            card = parse_id_number(record.id_number)
            worker.name, worker.birth_date, worker.gender = record.name, card.birth_date, card.sex
            worker.name_initials = name_initials(record.name)
            number = record.id_number
        else:
            number = _id_number(rng, worker)
        numbers.append(number)
        worker.id_number_enc = pii.encrypt(number)
        worker.id_number_hash = pii.lookup_hash(number)
        worker.id_number_suffix = number[-4:]
        written += 1
    session.flush()
    officer = officers.get(applicants[0].branch_id) or next(iter(officers.values()))
    written += _blacklist(session, officer, rng, numbers[3] if len(numbers) > 3 else "")
    for i, worker in enumerate(applicants):
        if i < PHOTOS:
            written += _photo(session, worker, numbers[i])
        skill_ids = session.scalars(
            select(WorkerSkill.skill_id).where(WorkerSkill.worker_id == worker.id)
        ).all()
        case_id = _open_case(session, worker, [codes[s] for s in skill_ids])
        written += 2
        me = officers.get(worker.branch_id, officer)
        plan = PLAN[i % len(PLAN)]
        # the form's own checks, as the app records them
        for run in (
            vetting_checks.run_id_check,
            vetting_checks.run_duplicate_check,
            vetting_checks.run_blacklist_check,
        ):
            run(session, actor=me, case_id=case_id)
            written += 2
        if plan == "new":
            continue
        vetting_decisions.take_case(session, actor=me, case_id=case_id)
        results = vetting_checks.run_automatic_checks(
            session, actor=me, case_id=case_id, background=background, identity=identity
        )
        written += 2 + 2 * len(results)
        if plan in ("interviewed", "rejected", "approved"):
            good = plan != "rejected"
            vetting_recorded.record_interview(
                session,
                actor=me,
                case_id=case_id,
                mode="in_person" if rng.random() < 0.7 else "video",
                notes="沟通顺畅，做过三户家庭保洁，动作规范"
                if good
                else "多次打断提问，对服务流程不熟悉，自述曾被雇主辞退",
                passed=good,
            )
            written += 2
        if plan == "waiting_documents":
            vetting_decisions.ask_for_documents(
                session, actor=me, case_id=case_id, missing="请补传清晰的身份证反面照片和健康证"
            )
            written += 3
        elif plan == "rejected":
            vetting_decisions.reject_case(
                session, actor=me, case_id=case_id, reason="面试未通过，服务意识不足"
            )
            written += 3
        elif plan == "approved":
            districts = session.scalars(
                select(WorkerDistrict.district_id).where(WorkerDistrict.worker_id == worker.id)
            ).all()
            vetting_decisions.approve_case(
                session,
                actor=hq,
                case_id=case_id,
                skills=[vetting_decisions.SkillGrant(s, 1) for s in skill_ids],
                district_ids=list(districts),
                override_reason="门店已现场核验身份证原件，实名核验通道当时不可用",
            )
            written += 5
    session.flush()
    return written
