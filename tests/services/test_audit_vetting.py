"""Every mutation of vetting and the blacklist writes its audit row (see test_audit.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import WorkerDocument
from jiazheng_desk.services import (
    blacklist,
    vetting_checks,
    vetting_core,
    vetting_decisions,
    vetting_recorded,
)
from jiazheng_desk.services.vetting_decisions import SkillGrant
from jiazheng_desk.services.vetting_recorded import CertificateCheck
from jiazheng_desk.sync.gateways.background_sandbox import SandboxBackgroundGateway
from tests.booking_factories import make_world
from tests.factories import actor, make_staff
from tests.services.audit_support import audit_rows
from tests.vetting_factories import PassingIdentity, apply, officer, pass_every_check


def _cases(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    world = make_world(db)
    me = officer(db, world)
    hq = actor(make_staff(db, role="hq_admin"))

    def case() -> int:
        return apply(db, world).case_id

    def cert_case() -> tuple[int, int]:
        applied = apply(db, world, certificates=[("健康证", date(2027, 6, 1))])
        doc = db.scalars(
            select(WorkerDocument.id).where(
                WorkerDocument.worker_id == applied.worker.id,
                WorkerDocument.kind == "certificate",
            )
        ).one()
        return applied.case_id, doc

    def verify(accept: bool) -> Any:
        case_id, doc = cert_case()
        check = CertificateCheck("健康证", "JK1", "疾控中心", date(2027, 6, 1), accept, "模糊")
        return vetting_recorded.verify_certificate(
            db, actor=me, case_id=case_id, document_id=doc, check=check
        )

    def approved(override: str = "") -> Any:
        case_id = case()
        if not override:
            pass_every_check(db, me, case_id)
        return vetting_decisions.approve_case(
            db,
            actor=hq if override else me,
            case_id=case_id,
            skills=[SkillGrant(world.skill.id, 2)],
            district_ids=[world.district.id],
            override_reason=override,
        )

    def entry() -> int:
        return blacklist.add_entry(
            db, actor=me, name="某", phone="13500009999", reason_type="fraud", evidence="x"
        ).id

    gateway = SandboxBackgroundGateway()
    return {
        "blacklist.add_entry": (entry, "blacklist.add"),
        "blacklist.release_entry": (
            lambda: blacklist.release_entry(db, actor=me, entry_id=entry(), reason="申诉"),
            "blacklist.release",
        ),
        "vetting_checks.run_id_check": (
            lambda: vetting_checks.run_id_check(db, actor=me, case_id=case()),
            "vetting.check",
        ),
        "vetting_checks.run_duplicate_check": (
            lambda: vetting_checks.run_duplicate_check(db, actor=me, case_id=case()),
            "vetting.check",
        ),
        "vetting_checks.run_blacklist_check": (
            lambda: vetting_checks.run_blacklist_check(db, actor=me, case_id=case()),
            "vetting.check",
        ),
        "vetting_checks.run_background_check": (
            lambda: vetting_checks.run_background_check(
                db, actor=me, case_id=case(), gateway=gateway
            ),
            "vetting.check",
        ),
        "vetting_checks.run_identity_check": (
            lambda: vetting_checks.run_identity_check(
                db, actor=me, case_id=case(), gateway=PassingIdentity()
            ),
            "vetting.check",
        ),
        "vetting_checks.run_training_check": (
            lambda: vetting_checks.run_training_check(db, actor=me, case_id=case()),
            "vetting.check",
        ),
        "vetting_recorded.run_certificate_check": (
            lambda: vetting_recorded.run_certificate_check(db, actor=me, case_id=case()),
            "vetting.check",
        ),
        "vetting_recorded.record_interview": (
            lambda: vetting_recorded.record_interview(
                db, actor=me, case_id=case(), mode="video", notes="好", passed=True
            ),
            "vetting.check",
        ),
        "vetting_recorded.verify_certificate": (lambda: verify(True), "vetting.certificate_verify"),
        "vetting_recorded.verify_certificate/refuse": (
            lambda: verify(False),
            "vetting.certificate_reject",
        ),
        "vetting_checks.run_automatic_checks": (
            lambda: vetting_checks.run_automatic_checks(
                db, actor=me, case_id=case(), background=gateway, identity=PassingIdentity()
            ),
            "vetting.check",
        ),
        "vetting_core.record_check": (
            lambda: vetting_core.record_check(
                db, me, vetting_core.get_case_row(db, case()), "interview", "passed", "好"
            ),
            "vetting.check",
        ),
        "vetting_core.transition": (
            lambda: vetting_core.transition(db, me, vetting_core.get_case_row(db, case()), "take"),
            "vetting.take",
        ),
        "vetting_decisions.take_case": (
            lambda: vetting_decisions.take_case(db, actor=me, case_id=case()),
            "vetting.take",
        ),
        "vetting_decisions.reject_case": (
            lambda: vetting_decisions.reject_case(db, actor=me, case_id=case(), reason="不符合"),
            "vetting.reject",
        ),
        "vetting_decisions.ask_for_documents": (
            lambda: vetting_decisions.ask_for_documents(
                db, actor=me, case_id=case(), missing="健康证"
            ),
            "vetting.ask_documents",
        ),
        "vetting_decisions.approve_case": (approved, "vetting.approve"),
        "vetting_decisions.approve_case/override": (
            lambda: approved("总部特批"),
            "vetting.override",
        ),
    }


VETTING_MUTATIONS = [
    "blacklist.add_entry",
    "blacklist.release_entry",
    "vetting_checks.run_id_check",
    "vetting_checks.run_duplicate_check",
    "vetting_checks.run_blacklist_check",
    "vetting_checks.run_background_check",
    "vetting_checks.run_identity_check",
    "vetting_checks.run_training_check",
    "vetting_checks.run_automatic_checks",
    "vetting_recorded.run_certificate_check",
    "vetting_recorded.record_interview",
    "vetting_recorded.verify_certificate",
    "vetting_recorded.verify_certificate/refuse",
    "vetting_core.record_check",
    "vetting_core.transition",
    "vetting_decisions.take_case",
    "vetting_decisions.reject_case",
    "vetting_decisions.ask_for_documents",
    "vetting_decisions.approve_case",
    "vetting_decisions.approve_case/override",
]
# read-only helpers of the vetting services whose names do not say so
VETTING_READS: set[str] = set()


@pytest.mark.parametrize("name", VETTING_MUTATIONS)
def test_every_vetting_mutation_writes_an_audit_row(db, name):
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    call, action = _cases(db)[name]

    before = audit_rows(db, action)
    call()
    assert audit_rows(db, action) > before
