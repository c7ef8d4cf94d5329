"""Every mutation of worker records and certificate expiry writes its audit row (see
test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from jiazheng_desk import clock
from jiazheng_desk.services import cert_expiry, pii, worker_record_edits, worker_records
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.worker_record_edits import SkillGrant
from tests.booking_factories import give_certificate, local, make_worker, make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows

DAY = date(2026, 11, 23)


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    officer = actor(make_staff(db, role="vetting_officer", branch=world.branch))
    worker = make_worker(db, world, name="审计阿姨")
    worker.id_number_enc = pii.encrypt("11010519491231002X")
    worker.id_number_suffix = "002X"
    suspended = make_worker(db, world, status="suspended")
    give_certificate(db, worker, "健康证", DAY + timedelta(days=5))
    db.flush()

    def new_certificate() -> int:
        return worker_record_edits.save_certificate(
            db,
            actor=officer,
            worker_id=worker.id,
            cert_type="育婴师证",
            number="YY-1",
            issuer="人社局",
            expires_on=DAY + timedelta(days=90),
        ).id

    return {
        "worker_records.suspend_worker": (
            lambda: worker_records.suspend_worker(
                db, actor=officer, worker_id=worker.id, reason="审计"
            ),
            "worker.suspend",
        ),
        "worker_records.reinstate_worker": (
            lambda: worker_records.reinstate_worker(
                db, actor=officer, worker_id=suspended.id, reason="审计"
            ),
            "worker.reinstate",
        ),
        "worker_records.reveal_personal_data": (
            lambda: worker_records.reveal_personal_data(
                db, actor=officer, worker_id=worker.id, field="id_number"
            ),
            "worker.pii_reveal",
        ),
        "worker_record_edits.update_worker_profile": (
            lambda: worker_record_edits.update_worker_profile(
                db,
                actor=officer,
                worker_id=worker.id,
                name="审计阿姨",
                gender="female",
                phone=worker.phone,
                years_experience=3,
                home_address="审计路 1 号",
            ),
            "worker.profile_edit",
        ),
        "worker_record_edits.set_worker_skills": (
            lambda: worker_record_edits.set_worker_skills(
                db, actor=officer, worker_id=worker.id, skills=[SkillGrant(world.skill.id, 4)]
            ),
            "worker.skills_set",
        ),
        "worker_record_edits.set_worker_districts": (
            lambda: worker_record_edits.set_worker_districts(
                db, actor=officer, worker_id=worker.id, district_ids=[world.other_district.id]
            ),
            "worker.districts_set",
        ),
        "worker_record_edits.save_certificate": (new_certificate, "worker.certificate_save"),
        "worker_record_edits.verify_certificate": (
            lambda: worker_record_edits.verify_certificate(
                db, actor=officer, worker_id=worker.id, document_id=new_certificate()
            ),
            "worker.certificate_verify",
        ),
        "cert_expiry.send_expiry_reminders": (
            lambda: cert_expiry.send_expiry_reminders(db, actor=Actor.system(), today=DAY),
            "worker.cert_reminders",
        ),
    }


WORKER_RECORDS_MUTATIONS = [
    "worker_records.suspend_worker",
    "worker_records.reinstate_worker",
    "worker_records.reveal_personal_data",
    "worker_record_edits.update_worker_profile",
    "worker_record_edits.set_worker_skills",
    "worker_record_edits.set_worker_districts",
    "worker_record_edits.save_certificate",
    "worker_record_edits.verify_certificate",
    "cert_expiry.send_expiry_reminders",
]
WORKER_RECORDS_READS: set[str] = set()


@pytest.mark.parametrize("name", WORKER_RECORDS_MUTATIONS)
def test_every_worker_records_mutation_writes_an_audit_row(db, name):
    clock.freeze(local(DAY, 9))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) == before + 1
