from __future__ import annotations

import pytest
from sqlalchemy import select

from jiazheng_desk.i18n import set_language
from jiazheng_desk.models import StaffUser
from jiazheng_desk.services import auth, staff
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import Conflict, NotFound, PermissionDenied, ValidationError
from tests.factories import actor, make_branch, make_staff


@pytest.fixture
def hq(db):
    return actor(make_staff(db, role="hq_admin", username="root.admin"))


def test_create_list_and_log_in_as_the_new_member(db, hq):
    branch = make_branch(db, name="浦东分公司")
    view = staff.create_staff(
        db,
        actor=hq,
        username="  Li.Na ",
        display_name=" 李娜 ",
        role="dispatcher",
        branch_id=branch.id,
        password="Start1234",
        phone="138 0013 8000",
    )
    assert (view.username, view.display_name, view.branch_name) == ("li.na", "李娜", "浦东分公司")
    assert view.phone == "13800138000" and view.must_change_password
    page = staff.list_staff(db, actor=hq, flt=staff.StaffFilter(text="李"))
    assert [v.username for v in page.items] == ["li.na"] and page.total == 1
    result = auth.login(db, username="li.na", password="Start1234")
    assert result.must_change_password and result.branch_name == "浦东分公司"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"username": "x"}, "username"),
        ({"username": "bad name!"}, "username"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "长" * 65}, "display_name"),
        ({"role": "janitor"}, "role"),
        ({"password": "short1"}, "password"),
        ({"password": "onlyletters"}, "password"),
        ({"phone": "12345"}, "phone"),
        ({"branch_id": None}, "branch_id"),
        ({"branch_id": 999_999}, "branch_id"),
    ],
)
def test_bad_input_names_the_field(db, hq, kwargs, field):
    branch = make_branch(db)
    args = {
        "username": "good.name",
        "display_name": "好名字",
        "role": "dispatcher",
        "branch_id": branch.id,
        "password": "Start1234",
        "phone": "",
    }
    args.update(kwargs)
    with pytest.raises(ValidationError) as err:
        staff.create_staff(db, actor=hq, **args)
    assert err.value.field == field
    assert str(err.value)  # a message in words


def test_username_taken_and_hq_admin_without_branch(db, hq):
    set_language("en")
    branch = make_branch(db)
    staff.create_staff(
        db,
        actor=hq,
        username="dup",
        display_name="一",
        role="finance",
        branch_id=branch.id,
        password="Start1234",
    )
    with pytest.raises(ValidationError) as err:
        staff.create_staff(
            db,
            actor=hq,
            username="DUP",
            display_name="二",
            role="finance",
            branch_id=branch.id,
            password="Start1234",
        )
    assert "already taken" in str(err.value)
    with pytest.raises(ValidationError) as err:
        staff.create_staff(
            db,
            actor=hq,
            username="hq2",
            display_name="二",
            role="hq_admin",
            branch_id=branch.id,
            password="Start1234",
        )
    assert err.value.field == "branch_id"


def test_update_deactivate_reactivate(db, hq):
    a, b = make_branch(db), make_branch(db)
    user = make_staff(db, role="dispatcher", branch=a)
    view = staff.update_staff(
        db,
        actor=hq,
        staff_id=user.id,
        display_name="新名字",
        role="finance",
        branch_id=b.id,
        phone="13900001111",
    )
    assert (view.role, view.branch_id, view.display_name) == ("finance", b.id, "新名字")
    view = staff.set_active(db, actor=hq, staff_id=user.id, active=False, reason="离职")
    assert not view.is_active
    assert staff.list_staff(db, actor=hq, flt=staff.StaffFilter(text=user.username)).total == 0
    shown = staff.list_staff(
        db, actor=hq, flt=staff.StaffFilter(text=user.username, include_inactive=True)
    )
    assert shown.total == 1
    assert staff.set_active(db, actor=hq, staff_id=user.id, active=True).is_active


def test_nobody_deactivates_themselves_or_the_last_hq_admin(db):
    me = make_staff(db, role="hq_admin")
    for other in db.scalars(
        select(StaffUser).where(StaffUser.role == "hq_admin", StaffUser.id != me.id)
    ):
        other.is_active = False
    db.flush()
    with pytest.raises(PermissionDenied):
        staff.set_active(db, actor=actor(me), staff_id=me.id, active=False)
    second = make_staff(db, role="hq_admin")
    staff.set_active(db, actor=actor(second), staff_id=me.id, active=False)
    # second is now the only active HQ admin: not even the system may remove or demote them
    with pytest.raises(Conflict):
        staff.set_active(db, actor=Actor.system(), staff_id=second.id, active=False)
    branch = make_branch(db)
    with pytest.raises(Conflict):
        staff.update_staff(
            db,
            actor=Actor.system(),
            staff_id=second.id,
            display_name="x",
            role="dispatcher",
            branch_id=branch.id,
        )


def test_reset_password_unlocks_and_forces_a_change(db, hq):
    user = make_staff(db, role="dispatcher", username="forgetful")
    user.failed_logins = 5
    db.flush()
    view = staff.reset_password(db, actor=hq, staff_id=user.id, new_password="Temp12345")
    assert view.must_change_password and view.locked_until is None
    assert auth.login(db, username="forgetful", password="Temp12345").must_change_password


def test_other_branch_staff_are_not_found_for_a_manager(db):
    a, b = make_branch(db), make_branch(db)
    manager = actor(make_staff(db, role="branch_manager", branch=a))
    stranger = make_staff(db, role="dispatcher", branch=b)
    with pytest.raises(NotFound):
        staff.get_staff(db, actor=manager, staff_id=stranger.id)


def test_first_admin_only_on_an_empty_database(live_db):
    with live_db.session() as s:
        assert staff.needs_first_admin(s)
    with live_db.session(write=True) as s:
        view = staff.create_first_admin(
            s, username="boss", display_name="老板", password="Boss12345"
        )
    assert view.role == "hq_admin" and view.branch_id is None and not view.must_change_password
    with pytest.raises(Conflict), live_db.session(write=True) as s:
        staff.create_first_admin(s, username="boss2", display_name="二", password="Boss12345")
    with live_db.session() as s:
        assert not staff.needs_first_admin(s)
        assert auth.login(s, username="boss", password="Boss12345").actor.role == "hq_admin"


def test_wildcards_typed_in_a_search_are_literal(db, hq):
    branch = make_branch(db)
    staff.create_staff(
        db,
        actor=hq,
        username="a_b",
        display_name="甲乙",
        role="finance",
        branch_id=branch.id,
        password="Start1234",
    )
    staff.create_staff(
        db,
        actor=hq,
        username="axb",
        display_name="丙丁",
        role="finance",
        branch_id=branch.id,
        password="Start1234",
    )
    found = staff.list_staff(db, actor=hq, flt=staff.StaffFilter(text="a_b")).items
    assert [v.username for v in found] == ["a_b"]
    assert staff.list_staff(db, actor=hq, flt=staff.StaffFilter(text="%")).total == 0
