"""Each role × each staff action is allowed or refused exactly as the permission map says."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jiazheng_desk.services import audit, staff
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import PermissionDenied
from jiazheng_desk.services.permissions import (
    MANAGEABLE_ROLES,
    ROLE_PERMISSIONS,
    Perm,
    Role,
    allowed,
)
from tests.factories import actor, make_branch, make_staff

STAFF_ACTIONS: dict[Perm, Callable[[Any, Actor, Any, int], Any]] = {
    Perm.STAFF_VIEW: lambda s, who, target, _b: staff.list_staff(s, actor=who),
    Perm.STAFF_CREATE: lambda s, who, _t, branch_id: staff.create_staff(
        s,
        actor=who,
        username="new.one",
        display_name="新人",
        role="dispatcher",
        branch_id=branch_id,
        password="Start1234",
    ),
    Perm.STAFF_UPDATE: lambda s, who, target, branch_id: staff.update_staff(
        s,
        actor=who,
        staff_id=target.id,
        display_name="改名",
        role="dispatcher",
        branch_id=branch_id,
    ),
    Perm.STAFF_DEACTIVATE: lambda s, who, target, _b: staff.set_active(
        s, actor=who, staff_id=target.id, active=False
    ),
    Perm.STAFF_RESET_PASSWORD: lambda s, who, target, _b: staff.reset_password(
        s, actor=who, staff_id=target.id, new_password="Temp12345"
    ),
    Perm.AUDIT_VIEW: lambda s, who, _t, _b: audit.list_audit(s, actor=who),
}


@pytest.mark.parametrize("perm", list(STAFF_ACTIONS), ids=lambda p: p.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda r: r.value)
def test_role_times_staff_action(db, role: Role, perm: Perm):
    branch = make_branch(db)
    me = make_staff(db, role=role.value, branch=None if role == Role.HQ_ADMIN else branch)
    target = make_staff(db, role="dispatcher", branch=branch)
    who = actor(me)
    expected = perm in ROLE_PERMISSIONS[role]
    assert allowed(who, perm) is expected
    if expected:
        STAFF_ACTIONS[perm](db, who, target, branch.id)
    else:
        with pytest.raises(PermissionDenied):
            STAFF_ACTIONS[perm](db, who, target, branch.id)


def test_the_map_keeps_money_and_vetting_decisions_away_from_dispatchers():
    dispatcher = ROLE_PERMISSIONS[Role.DISPATCHER]
    assert Perm.WITHDRAWAL_APPROVE not in dispatcher
    assert Perm.VETTING_DECIDE not in dispatcher
    assert Perm.REFUND_CREATE not in dispatcher
    assert Perm.WITHDRAWAL_APPROVE in ROLE_PERMISSIONS[Role.FINANCE]
    # a branch manager signs payroll but the finance role approves withdrawals
    assert Perm.WITHDRAWAL_APPROVE not in ROLE_PERMISSIONS[Role.BRANCH_MANAGER]
    assert ROLE_PERMISSIONS[Role.HQ_ADMIN] == frozenset(Perm)


def test_a_manager_manages_only_the_roles_below_and_only_in_the_own_branch(db):
    mine, other = make_branch(db), make_branch(db)
    manager = actor(make_staff(db, role="branch_manager", branch=mine))
    assert Role.BRANCH_MANAGER not in MANAGEABLE_ROLES[Role.BRANCH_MANAGER]
    with pytest.raises(PermissionDenied):
        staff.create_staff(
            db,
            actor=manager,
            username="boss2",
            display_name="经理二",
            role="branch_manager",
            branch_id=mine.id,
            password="Start1234",
        )
    with pytest.raises(PermissionDenied):
        staff.create_staff(
            db,
            actor=manager,
            username="elsewhere",
            display_name="外店",
            role="dispatcher",
            branch_id=other.id,
            password="Start1234",
        )
    peer = make_staff(db, role="branch_manager", branch=mine)
    with pytest.raises(PermissionDenied):
        staff.reset_password(db, actor=manager, staff_id=peer.id, new_password="Temp12345")


def test_lists_are_scoped_to_the_branch_unless_hq(db):
    a, b = make_branch(db), make_branch(db)
    make_staff(db, role="dispatcher", branch=a, username="in.a")
    make_staff(db, role="dispatcher", branch=b, username="in.b")
    manager = actor(make_staff(db, role="branch_manager", branch=a))
    names = {v.username for v in staff.list_staff(db, actor=manager).items}
    assert "in.a" in names and "in.b" not in names
    hq = actor(make_staff(db, role="hq_admin"))
    names = {v.username for v in staff.list_staff(db, actor=hq).items}
    assert {"in.a", "in.b"} <= names
