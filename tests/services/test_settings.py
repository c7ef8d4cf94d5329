from __future__ import annotations

import pytest

from jiazheng_desk.services import settings
from jiazheng_desk.services.errors import PermissionDenied, ValidationError
from tests.factories import actor, make_branch, make_staff


def test_defaults_hq_values_and_branch_overrides(db):
    hq = actor(make_staff(db, role="hq_admin"))
    a, b = make_branch(db), make_branch(db)
    key = "dispatch.offer_timeout_minutes"
    assert settings.get_setting(db, key) == settings.DEFS[key].default
    settings.set_setting(db, actor=hq, key=key, value=20)
    settings.set_setting(db, actor=hq, key=key, value=5, branch_id=a.id)
    assert settings.get_setting(db, key) == 20
    assert settings.get_setting(db, key, branch_id=a.id) == 5
    assert settings.get_setting(db, key, branch_id=b.id) == 20
    both = settings.get_settings(db, [key, "dispatch.max_rejections"], branch_id=a.id)
    assert both == {key: 5, "dispatch.max_rejections": 3}
    settings.set_setting(db, actor=hq, key=key, value=None, branch_id=a.id)
    assert settings.get_setting(db, key, branch_id=a.id) == 20


@pytest.mark.parametrize("value", [0, 100_000, "10", 2.5, True])
def test_values_are_checked(db, value):
    hq = actor(make_staff(db, role="hq_admin"))
    with pytest.raises(ValidationError):
        settings.set_setting(db, actor=hq, key="dispatch.offer_timeout_minutes", value=value)


def test_only_those_allowed_change_settings(db):
    branch = make_branch(db)
    dispatcher = actor(make_staff(db, role="dispatcher", branch=branch))
    with pytest.raises(PermissionDenied):
        settings.set_setting(db, actor=dispatcher, key="dispatch.max_rejections", value=4)
    with pytest.raises(ValidationError):
        settings.set_setting(db, actor=actor(make_staff(db)), key="no.such.key", value=1)
