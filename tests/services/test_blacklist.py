"""The franchise's blacklist: by ID number (kept only as a keyed hash) or phone, with the
evidence; released with its own reason; managed by vetting roles and HQ only."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from jiazheng_desk.models import AuditLog, BlacklistEntry
from jiazheng_desk.services import blacklist, pii
from jiazheng_desk.services.blacklist import BlacklistFilter
from jiazheng_desk.services.errors import Conflict, PermissionDenied, ValidationError
from tests.factories import actor, make_branch, make_staff
from tests.worker_factories import make_id_number


def _officer(db):
    return actor(
        make_staff(db, role="vetting_officer", branch=make_branch(db), display_name="审核员")
    )


def test_an_entry_keeps_the_hash_not_the_number_and_is_found_again(db):
    me = _officer(db)
    number = make_id_number()
    view = blacklist.add_entry(
        db,
        actor=me,
        name="赵某",
        id_number=number,
        phone="139 1234 5678",
        reason_type="serious_complaint",
        evidence="2026-03 客户投诉损坏贵重物品，已赔付",
    )
    assert view.active and view.phone == "13912345678" and view.added_by_name == "审核员"
    row = db.get(BlacklistEntry, view.id)
    assert row.id_number_hash == pii.lookup_hash(number)
    assert number not in (row.id_number_hash or "")
    log = db.scalars(select(AuditLog).where(AuditLog.action == "blacklist.add")).one()
    assert number not in log.after_json
    assert json.loads(log.after_json)["id_number"] == pii.mask_id_number(number)
    assert blacklist.find_listed(db, id_number_hash=pii.lookup_hash(number), phone="") == view.id
    assert blacklist.find_listed(db, id_number_hash=None, phone="13912345678") == view.id
    # the same person twice is refused
    with pytest.raises(Conflict):
        blacklist.add_entry(
            db, actor=me, name="赵某", phone="13912345678", reason_type="fraud", evidence="再次"
        )


def test_bad_input_is_refused_with_a_field(db):
    me = _officer(db)
    cases = [
        ({"name": "", "phone": "13900000001"}, "name"),
        ({"name": "某", "phone": "13900000001", "reason_type": "rude"}, "reason_type"),
        ({"name": "某", "phone": "13900000001", "evidence": " "}, "evidence"),
        ({"name": "某"}, "id_number"),
        ({"name": "某", "id_number": "110105194912310021"}, "id_number"),  # bad check digit
        ({"name": "某", "phone": "12345"}, "phone"),
    ]
    for changes, field in cases:
        args = {"reason_type": "fraud", "evidence": "证据", **changes}
        with pytest.raises(ValidationError) as refused:
            blacklist.add_entry(db, actor=me, **args)
        assert refused.value.field == field, changes


def test_release_needs_a_reason_keeps_the_entry_and_is_audited(db):
    me = _officer(db)
    entry = blacklist.add_entry(
        db,
        actor=me,
        name="钱某",
        phone="13700000002",
        reason_type="contract_breach",
        evidence="违约",
    )
    with pytest.raises(ValidationError):
        blacklist.release_entry(db, actor=me, entry_id=entry.id, reason="")
    released = blacklist.release_entry(db, actor=me, entry_id=entry.id, reason="已与客户和解")
    assert not released.active and released.release_reason == "已与客户和解"
    assert released.released_by_name == "审核员"
    with pytest.raises(Conflict):
        blacklist.release_entry(db, actor=me, entry_id=entry.id, reason="再次")
    assert blacklist.find_listed(db, id_number_hash=None, phone="13700000002") is None
    row = db.scalars(select(AuditLog).where(AuditLog.action == "blacklist.release")).one()
    assert json.loads(row.after_json)["reason"] == "已与客户和解"
    # off the list by default, still in the book
    assert blacklist.list_blacklist(db, actor=me).total == 0
    book = blacklist.list_blacklist(db, actor=me, flt=BlacklistFilter(include_released=True))
    assert [e.id for e in book.items] == [entry.id]


def test_list_search_by_name_phone_or_whole_id_number(db):
    me = _officer(db)
    number = make_id_number()
    a = blacklist.add_entry(
        db, actor=me, name="孙小红", id_number=number, reason_type="fraud", evidence="冒名"
    )
    b = blacklist.add_entry(
        db, actor=me, name="李大壮", phone="13600000003", reason_type="work_quality", evidence="差"
    )

    def found(text: str) -> list[int]:
        return [
            e.id for e in blacklist.list_blacklist(db, actor=me, flt=BlacklistFilter(text)).items
        ]

    assert found("小红") == [a.id]
    assert found("0000003") == [b.id]
    assert found(number) == [a.id]
    assert set(found("")) >= {a.id, b.id}


@pytest.mark.parametrize("role", ["dispatcher", "finance"])
def test_only_vetting_roles_and_hq_manage_the_list(db, role):
    other = actor(make_staff(db, role=role, branch=make_branch(db)))
    with pytest.raises(PermissionDenied):
        blacklist.list_blacklist(db, actor=other)
    with pytest.raises(PermissionDenied):
        blacklist.add_entry(
            db, actor=other, name="某", phone="13500000004", reason_type="fraud", evidence="x"
        )
    for allowed_role in ("hq_admin", "branch_manager", "vetting_officer"):
        branch = None if allowed_role == "hq_admin" else make_branch(db)
        who = actor(make_staff(db, role=allowed_role, branch=branch))
        assert blacklist.list_blacklist(db, actor=who).total >= 0
