"""Small factory functions with defaults: each test builds exactly the data it needs."""

from __future__ import annotations

import itertools

from sqlalchemy.orm import Session

from jiazheng_desk.models import Branch, District, StaffUser
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.auth import actor_for, hash_password

PASSWORD = "Passw0rd!"
_seq = itertools.count(1)


def make_branch(
    session: Session,
    *,
    name: str | None = None,
    code: str | None = None,
    city: str = "上海",
    districts: tuple[str, ...] = ("浦东新区",),
) -> Branch:
    n = next(_seq)
    branch = Branch(
        code=code or f"B{n:04d}", name=name or f"测试门店{n}", city=city, timezone="Asia/Shanghai"
    )
    session.add(branch)
    session.flush()
    for i, district in enumerate(districts):
        session.add(
            District(
                branch_id=branch.id,
                city=city,
                name=f"{district}{n}-{i}",
                center_lat=31.2 + i * 0.01,
                center_lng=121.5 + i * 0.01,
            )
        )
    session.flush()
    return branch


def make_staff(
    session: Session,
    *,
    role: str = "hq_admin",
    branch: Branch | None = None,
    username: str | None = None,
    password: str = PASSWORD,
    display_name: str = "测试员工",
    is_active: bool = True,
) -> StaffUser:
    n = next(_seq)
    if role != "hq_admin" and branch is None:
        branch = make_branch(session)
    user = StaffUser(
        username=username or f"user{n}",
        display_name=display_name,
        role=role,
        branch_id=None if role == "hq_admin" else branch.id,  # type: ignore[union-attr]
        password_hash=hash_password(password),
        is_active=is_active,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    return user


def actor(user: StaffUser) -> Actor:
    return actor_for(user)
