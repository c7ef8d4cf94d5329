"""Factories for vetting tests: an application submitted from the app, gateways that pass,
refuse or stay silent, and a case whose checks have all passed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from jiazheng_desk.models import Worker
from jiazheng_desk.services import applications, media, vetting_checks, vetting_recorded
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.applications import CertificateIn
from jiazheng_desk.services.background import NOT_ANSWERED, BackgroundResult
from jiazheng_desk.services.idcard import parse_id_number
from jiazheng_desk.services.identity import NO_ANSWER, IdentityResult
from jiazheng_desk.sync.gateways.background_sandbox import SandboxBackgroundGateway
from tests.booking_factories import World, make_worker
from tests.factories import actor, make_staff
from tests.worker_factories import make_id_number, make_media, png_bytes, worker_actor

BIRTH = date(1985, 5, 20)


class PassingIdentity:
    def verify(self, name: str, id_number: str, selfie_path: str | None = None) -> IdentityResult:
        return IdentityResult(passed=True)


class SilentIdentity:
    def verify(self, name: str, id_number: str, selfie_path: str | None = None) -> IdentityResult:
        return IdentityResult(passed=False, reason=NO_ANSWER)


class TimingOutBackground:
    """What a gateway whose HTTP call timed out says (or, worse, raises)."""

    def __init__(self, *, raise_it: bool = False) -> None:
        self.raise_it = raise_it
        self.calls = 0

    def check(self, name: str, id_number: str) -> BackgroundResult:
        self.calls += 1
        if self.raise_it:
            raise TimeoutError("read timed out")
        return BackgroundResult(NOT_ANSWERED)


@dataclass
class Applied:
    worker: Worker
    case_id: int
    id_number: str
    me: Actor


def apply(
    db: Session,
    world: World,
    *,
    name: str = "王秀兰",
    birth: date = BIRTH,
    gender: str = "female",
    id_number: str | None = None,
    skills: Sequence[str] | None = None,
    certificates: Sequence[tuple[str, date]] = (),
    media_dir: Path | None = None,
) -> Applied:
    """An applicant who filled in the app's form (the case is ``new``)."""
    applicant = make_worker(db, world, status="applicant", name="新人")
    me = worker_actor(applicant)
    if media_dir is None:
        photos = [make_media(db, me).id for _ in range(2 + len(certificates))]
    else:  # real photos on disk, for the desk to show
        photos = [
            media.store_upload(
                db,
                actor=me,
                filename=f"p{i}.png",
                data=png_bytes((320, 200)),
                declared_type="image/png",
                media_dir=media_dir,
            ).id
            for i in range(2 + len(certificates))
        ]
    number = id_number or make_id_number(birth, gender)
    # the form must agree with the number (the app checks it)
    card = parse_id_number(number)
    birth, gender = card.birth_date, card.sex
    status = applications.submit_application(
        db,
        actor=me,
        name=name,
        gender=gender,
        birth_date=birth,
        id_number=number,
        years_experience=4,
        skills=list(skills or [world.skill.code]),
        district_ids=[world.district.id],
        home_address="人民路 100 号",
        id_photo_ids=photos[:2],
        certificates=[
            CertificateIn(cert, f"NO{i:04d}", "上海市人社局", expires, photos[2 + i])
            for i, (cert, expires) in enumerate(certificates)
        ],
    )
    assert status.case_id is not None
    return Applied(applicant, status.case_id, number, me)


def officer(db: Session, world: World, role: str = "vetting_officer") -> Actor:
    return actor(make_staff(db, role=role, branch=world.branch, display_name="审核员"))


def pass_every_check(db: Session, who: Actor, case_id: int) -> dict[str, Any]:
    """Run the automatic checks (sandboxes that pass), verify certificates, interview."""
    results = vetting_checks.run_automatic_checks(
        db,
        actor=who,
        case_id=case_id,
        background=SandboxBackgroundGateway(),
        identity=PassingIdentity(),
    )
    results["interview"] = vetting_recorded.record_interview(
        db, actor=who, case_id=case_id, mode="in_person", notes="沟通顺畅，经验丰富", passed=True
    )
    return results
