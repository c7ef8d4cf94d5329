"""Every mutation writes an audit row in its own transaction; the log is scoped and filterable."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

import jiazheng_desk.services as services_pkg
import tests.services as tests_services_pkg
from jiazheng_desk import clock
from jiazheng_desk.models import AuditLog, Branch, StaffUser
from jiazheng_desk.services import (
    audit,
    auth,
    branches,
    customer_addresses,
    customer_profile,
    customer_status,
    settings,
    staff,
)
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import PermissionDenied
from tests.customer_factories import district_of, make_customer
from tests.factories import PASSWORD, actor, make_branch, make_staff

# quote: prices a booking and writes nothing (the apps call it for anonymous customers)
READ_PREFIXES = ("list_", "get_", "find_", "needs_", "still_", "require_", "_", "quote")
# service functions that take a session and only read; everything else is a mutation and
# must be listed in MUTATION_NAMES below (so its audit row is tested)
READ_FUNCTIONS = {
    "audit.audit_vocabulary",
    "dispatch.candidates",
    "dispatch.free_slots",
    "dispatch.slot_query_for",
    "customer_views.load_customer",
    "customer_views.load_detail",
    "customer_views.load_addresses",
    "app_tokens.authenticate_token",
    "app_public.branch_for_district",
    "app_public.district_named",
    "app_public.district_at",
}


def _mutations(db: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    """name -> (call, expected audit action), over fresh data."""
    branch = make_branch(db)
    hq_user = make_staff(db, role="hq_admin", username="auditor")
    hq = actor(hq_user)
    target = make_staff(db, role="dispatcher", branch=branch, username="target")
    district_id = None  # a new district
    customer = make_customer(db, name="审计客户", branch=branch, address="审计路 1 号")
    address_id = customer_addresses.add_address(
        db,
        actor=hq,
        customer_id=customer.id,
        district_id=district_of(db, branch).id,
        address_text="审计路 2 号",
    ).id
    frozen = make_customer(db, name="冻结客户", branch=branch, status="frozen")
    return {
        "staff.create_staff": (
            lambda: staff.create_staff(
                db,
                actor=hq,
                username="fresh",
                display_name="新",
                role="finance",
                branch_id=branch.id,
                password="Start1234",
            ),
            "staff.create",
        ),
        "staff.update_staff": (
            lambda: staff.update_staff(
                db,
                actor=hq,
                staff_id=target.id,
                display_name="改",
                role="dispatcher",
                branch_id=branch.id,
            ),
            "staff.update",
        ),
        "staff.set_active": (
            lambda: staff.set_active(db, actor=hq, staff_id=target.id, active=False, reason="调岗"),
            "staff.deactivate",
        ),
        "staff.reset_password": (
            lambda: staff.reset_password(
                db, actor=hq, staff_id=target.id, new_password="Temp12345"
            ),
            "staff.reset_password",
        ),
        "staff.create_first_admin": (lambda: _first_admin(db), "staff.create"),
        "auth.login": (lambda: auth.login(db, username="auditor", password=PASSWORD), "auth.login"),
        "auth.logout": (lambda: auth.logout(db, actor=hq), "auth.logout"),
        "auth.change_own_password": (
            lambda: auth.change_own_password(
                db, actor=hq, old_password=PASSWORD, new_password="Changed123"
            ),
            "staff.change_own_password",
        ),
        "branches.save_branch": (
            lambda: branches.save_branch(
                db, actor=hq, branch_id=None, code="NEW1", name="新门店", city="上海"
            ),
            "branch.create",
        ),
        "branches.save_district": (
            lambda: branches.save_district(
                db,
                actor=hq,
                district_id=district_id,
                branch_id=branch.id,
                name="新区",
                center_lat=31.2,
                center_lng=121.4,
            ),
            "district.create",
        ),
        "settings.set_setting": (
            lambda: settings.set_setting(db, actor=hq, key="dispatch.max_rejections", value=5),
            "settings.set",
        ),
        **_catalog_mutations(db, hq, branch),
        **_customer_mutations(db, hq, customer.id, address_id, frozen.id, branch.id),
        **_app_mutations(db, branch),
    }


def _catalog_mutations(db: Any, hq: Actor, branch: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    from jiazheng_desk.services import catalog, price_rules
    from tests.catalog_factories import make_category, make_item, make_rule, make_skill

    category, skill = make_category(db), make_skill(db)
    item = make_item(db, category=category, skill=skill)
    retired = make_item(db, category=category, skill=skill)
    retired.is_active, retired.retired_at = False, clock.now()
    rule = make_rule(db, "holiday", on_date=datetime(2027, 1, 1).date(), amount_fen=100)
    item_args = {
        "category_id": category.id,
        "code": "audited_item",
        "name": "审计项目",
        "unit": "hour",
        "kind": "visit",
        "min_units": 2,
        "minutes_per_unit": 60,
        "base_minutes": 0,
        "base_price_fen": 4500,
        "skill_id": skill.id,
        "required_level": 1,
    }
    rule_args = {"branch_id": None, "kind": "night", "name": "夜间", "start_minute": 1200}
    return {
        "catalog.save_category": (
            lambda: catalog.save_category(
                db, actor=hq, category_id=None, code="audit", name="审计"
            ),
            "catalog.category.create",
        ),
        "catalog.save_item": (
            lambda: catalog.save_item(db, actor=hq, item_id=None, **item_args),
            "catalog.item.create",
        ),
        "catalog.save_option": (
            lambda: catalog.save_option(
                db, actor=hq, option_id=None, item_id=item.id, name="擦玻璃", price_fen=3000
            ),
            "catalog.option.create",
        ),
        "catalog.retire_item": (
            lambda: catalog.retire_item(db, actor=hq, item_id=item.id),
            "catalog.item.retire",
        ),
        "catalog.restore_item": (
            lambda: catalog.restore_item(db, actor=hq, item_id=retired.id),
            "catalog.item.restore",
        ),
        "catalog.set_branch_price": (
            lambda: catalog.set_branch_price(
                db, actor=hq, branch_id=branch.id, item_id=item.id, price_fen=5000
            ),
            "catalog.branch_price.set",
        ),
        "price_rules.save_price_rule": (
            lambda: price_rules.save_price_rule(
                db, actor=hq, rule_id=None, end_minute=360, percent_bp=2000, **rule_args
            ),
            "catalog.price_rule.create",
        ),
        "price_rules.delete_price_rule": (
            lambda: price_rules.delete_price_rule(db, actor=hq, rule_id=rule.id),
            "catalog.price_rule.delete",
        ),
    }


def _customer_mutations(
    db: Any, hq: Actor, customer_id: int, address_id: int, frozen_id: int, branch_id: int
) -> dict[str, tuple[Callable[[], Any], str]]:
    district_id = district_of(db, db.get(Branch, branch_id)).id
    return {
        "customer_profile.create_customer": (
            lambda: customer_profile.create_customer(
                db, actor=hq, phone="13322223333", name="新客户", branch_id=branch_id
            ),
            "customer.create",
        ),
        "customer_profile.update_profile": (
            lambda: customer_profile.update_profile(
                db, actor=hq, customer_id=customer_id, name="改名"
            ),
            "customer.update",
        ),
        "customer_profile.set_note": (
            lambda: customer_profile.set_note(db, actor=hq, customer_id=customer_id, note="备注"),
            "customer.note",
        ),
        "customer_profile.add_tag": (
            lambda: customer_profile.add_tag(db, actor=hq, customer_id=customer_id, tag="VIP"),
            "customer.tag_add",
        ),
        "customer_profile.remove_tag": (
            lambda: (
                customer_profile.add_tag(db, actor=hq, customer_id=customer_id, tag="旧"),
                customer_profile.remove_tag(db, actor=hq, customer_id=customer_id, tag="旧"),
            ),
            "customer.tag_remove",
        ),
        "customer_addresses.add_address": (
            lambda: customer_addresses.add_address(
                db,
                actor=hq,
                customer_id=customer_id,
                district_id=district_id,
                address_text="审计路 3 号",
            ),
            "customer.address_add",
        ),
        "customer_addresses.update_address": (
            lambda: customer_addresses.update_address(
                db,
                actor=hq,
                address_id=address_id,
                district_id=district_id,
                address_text="审计路 4 号",
            ),
            "customer.address_update",
        ),
        "customer_addresses.remove_address": (
            lambda: customer_addresses.remove_address(db, actor=hq, address_id=address_id),
            "customer.address_remove",
        ),
        "customer_addresses.set_default_address": (
            lambda: customer_addresses.set_default_address(db, actor=hq, address_id=address_id),
            "customer.address_default",
        ),
        "customer_status.freeze_customer": (
            lambda: customer_status.freeze_customer(
                db, actor=hq, customer_id=customer_id, reason="爽约"
            ),
            "customer.freeze",
        ),
        "customer_status.unfreeze_customer": (
            lambda: customer_status.unfreeze_customer(
                db, actor=hq, customer_id=frozen_id, reason="已核实"
            ),
            "customer.unfreeze",
        ),
        "customer_status.close_customer": (
            lambda: customer_status.close_customer(
                db, actor=hq, customer_id=customer_id, reason="本人申请"
            ),
            "customer.close",
        ),
    }


def _app_mutations(db: Any, branch: Any) -> dict[str, tuple[Callable[[], Any], str]]:
    """The apps' accounts: each call is what one API request does."""
    from jiazheng_desk.models import Customer
    from jiazheng_desk.services import (
        app_addresses,
        app_auth,
        app_codes,
        app_password,
        app_tokens,
        identity,
    )
    from jiazheng_desk.services.app_addresses import AddressInput, Place
    from jiazheng_desk.services.auth import hash_password
    from jiazheng_desk.sync.gateways.identity_sandbox import SandboxIdentityGateway
    from jiazheng_desk.sync.gateways.oauth_sandbox import SandboxOAuthGateway
    from tests.app_helpers import IP, login, send
    from tests.customer_factories import unique_phone

    place = Place(district_id=district_of(db, branch).id)
    result = login(db, unique_phone())
    me = app_tokens.authenticate_token(db, token=result.token)
    address_id = app_addresses.add_my_address(
        db, actor=me, new=AddressInput(place, "审计路 5 号")
    ).id
    with_password = make_customer(db, name="密码客户")
    with_password.email = "audit.pw@example.com"
    with_password.password_hash = hash_password("Sunny2026")
    db.flush()
    reset_code = send(db, with_password.phone, "reset")
    email_code = send(db, "audit.new@example.com", "register")
    # one code a minute per phone: the login above sent one to this number
    clock.advance(timedelta(minutes=1))
    new_phone = unique_phone()
    old_code = send(db, db.get(Customer, me.id).phone, "change_phone_old")
    new_code = send(db, new_phone, "change_phone_new")
    return {
        "app_codes.send_code": (
            lambda: app_codes.send_code(
                db, channel="sms", target=unique_phone(), purpose="login", ip=IP
            ),
            "app.code_sent",
        ),
        "app_auth.login_with_code": (lambda: login(db, unique_phone()), "app.login"),
        "app_auth.login_with_provider": (
            lambda: app_auth.login_with_provider(
                db,
                provider="wechat",
                provider_code=f"wx-{unique_phone()}",
                role="customer",
                ip=IP,
                gateway=SandboxOAuthGateway(),
            ),
            "app.login",
        ),
        "app_auth.logout": (
            lambda: app_auth.logout(db, actor=me, token=result.token),
            "app.logout",
        ),
        "app_password.register_email": (
            lambda: app_password.register_email(
                db, actor=me, email="audit.new@example.com", code=email_code, password="Sunny2026"
            ),
            "app.email_register",
        ),
        "app_password.login_with_password": (
            lambda: app_password.login_with_password(
                db, email="audit.pw@example.com", password="Sunny2026", ip=IP
            ),
            "app.login",
        ),
        "app_password.reset_password": (
            lambda: app_password.reset_password(
                db,
                channel="sms",
                target=with_password.phone,
                code=reset_code,
                new_password="Brand9new",
            ),
            "app.password_reset",
        ),
        "app_password.change_phone": (
            lambda: app_password.change_phone(
                db,
                actor=me,
                token=result.token,
                old_code=old_code,
                new_phone=new_phone,
                new_code=new_code,
            ),
            "app.phone_change",
        ),
        "identity.verify_real_name": (
            lambda: identity.verify_real_name(
                db,
                actor=me,
                name="张伟",
                id_number="11010519491231002X",
                gateway=SandboxIdentityGateway(),
            ),
            "app.real_name_passed",
        ),
        "app_addresses.add_my_address": (
            lambda: app_addresses.add_my_address(
                db, actor=me, new=AddressInput(place, "审计路 6 号")
            ),
            "customer.address_add",
        ),
        "app_addresses.update_my_address": (
            lambda: app_addresses.update_my_address(
                db, actor=me, address_id=address_id, new=AddressInput(place, "审计路 7 号")
            ),
            "customer.address_update",
        ),
        "app_addresses.remove_my_address": (
            lambda: app_addresses.remove_my_address(db, actor=me, address_id=address_id),
            "customer.address_remove",
        ),
        "app_addresses.set_my_default_address": (
            lambda: app_addresses.set_my_default_address(db, actor=me, address_id=address_id),
            "customer.address_default",
        ),
    }


def _first_admin(db: Any) -> Any:
    # the first admin exists only on an empty staff table
    for user in db.scalars(select(StaffUser)):
        db.delete(user)
    db.flush()
    return staff.create_first_admin(db, username="first", display_name="首位", password="First1234")


MUTATION_NAMES = [
    "staff.create_staff",
    "staff.update_staff",
    "staff.set_active",
    "staff.reset_password",
    "staff.create_first_admin",
    "auth.login",
    "auth.logout",
    "auth.change_own_password",
    "branches.save_branch",
    "branches.save_district",
    "settings.set_setting",
    "catalog.save_category",
    "catalog.save_item",
    "catalog.save_option",
    "catalog.retire_item",
    "catalog.restore_item",
    "catalog.set_branch_price",
    "price_rules.save_price_rule",
    "price_rules.delete_price_rule",
    "customer_profile.create_customer",
    "customer_profile.update_profile",
    "customer_profile.set_note",
    "customer_profile.add_tag",
    "customer_profile.remove_tag",
    "customer_addresses.add_address",
    "customer_addresses.update_address",
    "customer_addresses.remove_address",
    "customer_addresses.set_default_address",
    "customer_status.freeze_customer",
    "customer_status.unfreeze_customer",
    "customer_status.close_customer",
    "app_codes.send_code",
    "app_auth.login_with_code",
    "app_auth.login_with_provider",
    "app_auth.logout",
    "app_password.register_email",
    "app_password.login_with_password",
    "app_password.reset_password",
    "app_password.change_phone",
    "identity.verify_real_name",
    "app_addresses.add_my_address",
    "app_addresses.update_my_address",
    "app_addresses.remove_my_address",
    "app_addresses.set_my_default_address",
]


@pytest.mark.parametrize("name", MUTATION_NAMES)
def test_every_mutation_writes_an_audit_row(db, name):
    call, action = _mutations(db)[name]
    before = db.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == action))
    call()
    db.flush()
    after = db.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == action))
    assert after == before + 1


def test_no_service_mutation_escapes_this_test():
    """A new service function that writes must be added to MUTATION_NAMES above."""
    found = set()
    for info in pkgutil.iter_modules(services_pkg.__path__):
        module = importlib.import_module(f"jiazheng_desk.services.{info.name}")
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ != module.__name__ or fname.startswith(READ_PREFIXES):
                continue
            params = list(inspect.signature(fn).parameters)
            if params and params[0] == "session":
                found.add(f"{info.name}.{fname}")
    # each area's audit test lists its own: NAME_MUTATIONS (list) and NAME_READS (set)
    listed: set[str] = set()
    for info in pkgutil.iter_modules(tests_services_pkg.__path__):
        if not info.name.startswith("test_audit_"):
            continue
        area = importlib.import_module(f"tests.services.{info.name}")
        for attr, value in vars(area).items():
            if attr.endswith(("_MUTATIONS", "_READS")):
                listed |= set(value)

    # write, but only as part of a mutation that records the audit row (the app's login)
    caller_audited = {
        # the apps' codes: checked and spent inside a login, reset or change that audits
        "app_codes.verify_code",
        "app_codes.consume",
        "app_codes.check_code",
        "app_tokens.issue_token",
        "app_tokens.revoke_token",
        "app_tokens.revoke_all",
    }
    unclassified = (
        found - {"audit.record"} - caller_audited - READ_FUNCTIONS - set(MUTATION_NAMES) - listed
    )
    assert not unclassified, f"not in MUTATION_NAMES nor READ_FUNCTIONS: {unclassified}"


def test_the_audit_row_goes_with_its_change(live_db):
    """A refused unit of work leaves neither the change nor its audit row."""
    with live_db.session(write=True) as s:
        hq = actor(make_staff(s, role="hq_admin", username="boss"))
        branch_id = make_branch(s).id
    with pytest.raises(RuntimeError), live_db.session(write=True) as s:
        staff.create_staff(
            s,
            actor=hq,
            username="ghost",
            display_name="幽灵",
            role="finance",
            branch_id=branch_id,
            password="Start1234",
        )
        raise RuntimeError("the desk crashed before commit")
    with live_db.session() as s:
        assert (
            s.scalar(
                select(func.count()).select_from(StaffUser).where(StaffUser.username == "ghost")
            )
            == 0
        )
        assert (
            s.scalar(
                select(func.count()).select_from(AuditLog).where(AuditLog.action == "staff.create")
            )
            == 0
        )


def test_before_and_after_values_and_no_password_hash(db):
    hq = actor(make_staff(db, role="hq_admin"))
    branch = make_branch(db)
    user = make_staff(db, role="dispatcher", branch=branch)
    staff.update_staff(
        db,
        actor=hq,
        staff_id=user.id,
        display_name="新名字",
        role="dispatcher",
        branch_id=branch.id,
    )
    entry = audit.list_audit(
        db, actor=hq, flt=audit.AuditFilter(action="staff.update", entity_id=user.id)
    ).items[0]
    assert entry.after["display_name"] == "新名字"
    assert entry.before["display_name"] == "测试员工"
    values = {**entry.before, **entry.after}
    assert "password_hash" not in values
    assert not any(str(v).startswith("$argon2") for v in values.values())


def test_filters_scoping_and_paging(db):
    clock.freeze(datetime(2026, 11, 1, 4, 0, tzinfo=UTC))
    a, b = make_branch(db), make_branch(db)
    hq = actor(make_staff(db, role="hq_admin"))
    user_a = make_staff(db, role="dispatcher", branch=a)
    user_b = make_staff(db, role="dispatcher", branch=b)
    for i in range(5):
        staff.update_staff(
            db,
            actor=hq,
            staff_id=user_a.id,
            display_name=f"甲{i}",
            role="dispatcher",
            branch_id=a.id,
        )
        clock.advance(timedelta(minutes=1))
    staff.update_staff(
        db, actor=hq, staff_id=user_b.id, display_name="乙", role="dispatcher", branch_id=b.id
    )
    manager = actor(make_staff(db, role="branch_manager", branch=a))
    seen = audit.list_audit(db, actor=manager, flt=audit.AuditFilter(action="staff.update"))
    assert seen.total == 5 and all(e.branch_id == a.id for e in seen.items)
    page = audit.list_audit(
        db, actor=hq, flt=audit.AuditFilter(action="staff.update"), offset=1, limit=2
    )
    assert page.total == 6 and len(page.items) == 2
    newest_first = audit.list_audit(db, actor=hq, flt=audit.AuditFilter(entity_id=user_a.id))
    times = [e.created_at for e in newest_first.items]
    assert times == sorted(times, reverse=True)
    window = audit.AuditFilter(
        since=datetime(2026, 11, 1, 4, 1, tzinfo=UTC),
        until=datetime(2026, 11, 1, 4, 3, tzinfo=UTC),
        entity_id=user_a.id,
    )
    assert audit.list_audit(db, actor=hq, flt=window).total == 2
    assert audit.list_audit(db, actor=hq, flt=audit.AuditFilter(actor_text="测试")).total >= 6
    dispatcher = actor(user_a)
    with pytest.raises(PermissionDenied):
        audit.list_audit(db, actor=dispatcher)


def test_system_actions_are_recorded_as_system(db):
    audit.record(db, actor=Actor.system(source="job"), action="job.test", entity="nothing")
    db.flush()
    row = db.scalars(select(AuditLog).where(AuditLog.action == "job.test")).one()
    assert (row.actor_kind, row.source, row.actor_id) == ("system", "job", None)
