"""``/api/v1/public``: served cities and current announcements, no login, both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from api_stub.app import create_app
from jiazheng_desk import clock
from jiazheng_desk.models import Announcement, District
from tests.factories import make_branch

P = "/api/v1/public"
EN = {"Accept-Language": "en"}
T0 = datetime(2026, 11, 18, 2, 0, tzinfo=UTC)


@pytest.fixture
def api(live_db):
    clock.freeze(T0)
    with TestClient(create_app(live_db)) as client:
        yield client, live_db


def test_cities_and_their_served_districts(api):
    client, db = api
    with db.session(write=True) as s:
        shanghai = make_branch(s, districts=("浦东新区", "徐汇区"))
        hangzhou = make_branch(s, city="杭州", districts=("西湖区",))
        closed = make_branch(s, city="苏州", districts=("姑苏区",))
        closed.is_active = False
        off = s.scalars(select(District).where(District.branch_id == shanghai.id)).first()
        off.is_active = False
        off_name = off.name
        ids = (shanghai.id, hangzhou.id)
    reply = client.get(f"{P}/cities", headers=EN)
    assert reply.status_code == 200
    body = reply.json()
    assert body["total"] == 2 == len(body["items"])
    by_city = {c["city"]: c["districts"] for c in body["items"]}
    assert set(by_city) == {"上海", "杭州"}
    assert [d["name"] for d in by_city["上海"]] != [] and off_name not in {
        d["name"] for d in by_city["上海"]
    }
    assert {d["branch_id"] for d in by_city["上海"]} == {ids[0]}
    assert by_city["杭州"][0]["branch_name"]


def test_no_branch_no_cities(api):
    client, _db = api
    assert client.get(f"{P}/cities").json() == {"items": [], "total": 0}


def test_current_announcements_for_the_audience(api):
    client, db = api
    with db.session(write=True) as s:
        branch = make_branch(s)

        def notice(title, **kw):
            values = {"audience": "all", "starts_at": T0 - timedelta(days=1), **kw}
            s.add(Announcement(title=title, body="正文 ✨", **values))

        notice("春节安排", ends_at=T0 + timedelta(days=3))
        notice("客户福利", audience="customers", starts_at=T0 - timedelta(hours=1))
        notice("阿姨培训", audience="workers")
        notice("门店通知", branch_id=branch.id)
        notice("明天开始", starts_at=T0 + timedelta(days=1))
        notice("已过期", ends_at=T0)
        notice("已撤下", is_active=False)
        branch_id = branch.id
    reply = client.get(f"{P}/announcements")
    assert reply.status_code == 200
    body = reply.json()
    assert [a["title"] for a in body["items"]] == ["客户福利", "春节安排"] and body["total"] == 2
    first = body["items"][1]
    assert first["starts_at"] == "2026-11-17T10:00:00+08:00"
    assert first["ends_at"] == "2026-11-21T10:00:00+08:00" and first["body"] == "正文 ✨"
    workers = client.get(
        f"{P}/announcements", params={"audience": "workers", "branch_id": branch_id}
    )
    assert {a["title"] for a in workers.json()["items"]} == {"春节安排", "阿姨培训", "门店通知"}
    page = client.get(f"{P}/announcements", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == 2 and [a["title"] for a in page["items"]] == ["春节安排"]
    # time passes: the holiday notice ends
    clock.advance(timedelta(days=3))
    titles = [a["title"] for a in client.get(f"{P}/announcements").json()["items"]]
    assert titles == ["明天开始", "客户福利"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"audience": "staff"}, "audience"),
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"branch_id": "1 OR 1=1"}, "branch_id"),
    ],
)
def test_bad_announcement_queries_are_422(api, params, field):
    client, _db = api
    reply = client.get(f"{P}/announcements", params=params, headers=EN)
    assert (reply.status_code, reply.json()["error"], reply.json()["field"]) == (
        422,
        "validation",
        field,
    )
