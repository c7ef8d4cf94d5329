"""Finding workers over HTTP: every filter, every order, pages, and only public data."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from jiazheng_desk.services.names import name_initials
from tests.api.customer_support import error_of, open_shop
from tests.booking_factories import give_certificate, make_worker, make_world
from tests.catalog_factories import set_price


def _worker(s, world, name, gender, years, reviews, **kw):
    worker = make_worker(s, world, name=name, **kw)
    worker.gender, worker.years_experience = gender, years
    worker.name_initials = name_initials(name)
    worker.rating_count, worker.rating_sum = reviews
    worker.bio = f"{name[0]}阿姨的自我介绍"
    s.flush()
    return worker


@pytest.fixture
def shop(live_db):
    with open_shop(live_db, workers=0) as opened:
        with live_db.session(write=True) as s:
            # the shop's world is not kept; build a second one for the search
            world = make_world(s)
            set_price(s, world.branch, world.item, 6000)
            a = _worker(s, world, "王芳", "female", 8, (1, 5), level=3, home=(31.2317, 121.4846))
            b = _worker(s, world, "李强", "male", 2, (2, 7), level=1, home=(31.30, 121.60))
            c = _worker(
                s,
                world,
                "欧阳娜娜",
                "female",
                12,
                (2, 9),
                skills=(world.cert_skill,),
                districts=(world.other_district,),
                home=(31.2595, 121.5260),
            )
            give_certificate(s, c, "母婴护理证", date(2028, 1, 1))
            d = _worker(s, world, "赵敏", "female", 5, (0, 0), skills=(world.cert_skill,))
            give_certificate(s, d, "母婴护理证", date(2026, 1, 1))  # expired
            gone = _worker(s, world, "钱多", "male", 20, (5, 25), status="suspended")
            ids = SimpleNamespace(
                gone=gone.id,
                a=a.id,
                b=b.id,
                c=c.id,
                d=d.id,
                skill=world.skill.code,
                cert_skill=world.cert_skill.id,
                other_district=world.other_district.id,
            )
        opened.ids = ids
        yield opened


def _find(shop, token=None, **params):
    reply = shop.call("GET", "/workers", token, params=params)
    assert reply.status_code == 200, reply.text
    return reply.json()


def _ids(body):
    return [w["id"] for w in body["items"]]


def test_by_rating_with_only_public_data(shop):
    ids = shop.ids
    body = _find(shop)
    assert body["total"] == 4
    assert _ids(body) == [ids.a, ids.c, ids.b, ids.d]  # 5.0, 4.5, 3.5, no reviews
    first = body["items"][0]
    assert first["display_name"] == "王阿姨" and first["stars"] == 5.0
    assert (first["years_experience"], first["review_count"], first["gender"]) == (8, 1, "female")
    assert [s["level"] for s in first["skills"]] == [3]
    assert (first["price_from_fen"], first["price_from"]) == (6000, "¥60.00")  # branch price
    names = {w["id"]: w["display_name"] for w in body["items"]}
    assert names[ids.b] == "李师傅" and names[ids.c] == "欧阳阿姨"
    by_id = {w["id"]: w for w in body["items"]}
    assert by_id[ids.c]["certificates"] == ["母婴护理证"]
    assert by_id[ids.d]["certificates"] == []  # expired
    for private in ("王芳", "李强", "139", "31.2317", "home", "phone"):
        assert private not in str(body), private


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"name": "王"}, ["a"]),
        ({"name": "oy"}, ["c"]),  # pinyin initials of 欧阳娜娜
        ({"skill": "SKILL"}, ["a", "b"]),
        ({"skill": "CERT"}, ["c", "d"]),
        ({"district_id": "OTHER"}, ["c"]),
        ({"min_stars": 4}, ["a", "c"]),
        ({"min_stars": 4.6}, ["a"]),
        ({"min_years": 8}, ["a", "c"]),
        ({"has_certificate": True}, ["c"]),
        ({"gender": "male"}, ["b"]),
        ({"min_price_fen": 30000}, ["c", "b", "d"]),
        ({"skill": "SKILL", "max_price_fen": 10000}, ["a"]),
        ({"skill": "SKILL", "min_price_fen": 7000, "max_price_fen": 40000}, ["b"]),
    ],
)
def test_each_filter(shop, params, expected):
    ids = shop.ids
    values = {
        "SKILL": ids.skill,
        "CERT": str(ids.cert_skill),
        "OTHER": ids.other_district,
    }
    query = {k: values.get(v, v) if isinstance(v, str) else v for k, v in params.items()}
    assert _ids(_find(shop, **query)) == [getattr(ids, x) for x in expected]


def test_by_price_and_by_distance(shop):
    ids = shop.ids
    assert _ids(_find(shop, sort="price")) == [ids.a, ids.b, ids.c, ids.d]
    near_b = _find(shop, sort="distance", lat=31.30, lng=121.60)
    assert _ids(near_b)[0] == ids.b
    assert near_b["items"][0]["distance_km"] == 1  # whole kilometres, at least 1
    # from the customer's own address (the shop's default is at the 黄浦 centre, by 王芳)
    mine = _find(shop, token=shop.token, sort="distance", address_id=shop.address_id)
    assert _ids(mine)[0] == ids.a


def test_pages(shop):
    ids = shop.ids
    page = _find(shop, limit=2, offset=2)
    assert page["total"] == 4 and _ids(page) == [ids.b, ids.d]


@pytest.mark.parametrize(
    ("params", "token", "status", "field"),
    [
        ({"sort": "distance"}, None, 422, "sort"),
        ({"sort": "age"}, None, 422, "sort"),
        ({"lat": 31.2}, None, 422, "lng"),
        ({"min_stars": 6}, None, 422, "min_stars"),
        ({"gender": "x"}, None, 422, "gender"),
        ({"skill": "no-such-skill"}, None, 422, "skill"),
        ({"min_price_fen": 9, "max_price_fen": 1}, None, 422, "max_price_fen"),
        ({"limit": 51}, None, 422, "limit"),
        ({"address_id": "mine"}, None, 404, None),
        ({"address_id": "theirs"}, "", 404, None),
    ],
)
def test_search_refusals(shop, params, token, status, field):
    if params.get("address_id") == "mine":
        params = {"address_id": shop.address_id}
    elif params.get("address_id") == "theirs":
        params = {"address_id": shop.other_address_id}
    reply = shop.call("GET", "/workers", token if token is None else shop.token, params=params)
    assert error_of(reply, status).get("field") == field


def test_the_public_profile(shop):
    ids = shop.ids
    profile = shop.call("GET", f"/workers/{ids.c}", None)
    assert profile.status_code == 200, profile.text
    body = profile.json()
    assert body["worker"]["display_name"] == "欧阳阿姨" and body["bio"] == "欧阿姨的自我介绍"
    assert body["worker"]["price_from"] == "¥500.00"
    assert body["recent_reviews"] == []
    reviews = shop.call("GET", f"/workers/{ids.c}/reviews", None).json()
    assert reviews == {"items": [], "total": 0}
    # a suspended worker is not public, nor are their reviews
    assert error_of(shop.call("GET", f"/workers/{ids.gone}", None), 404)
    assert error_of(shop.call("GET", f"/workers/{ids.gone}/reviews", None), 404)
    assert error_of(shop.call("GET", "/workers/999999", None), 404)
