"""``/worker/application``: upload the photos, submit the form, follow the status."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from jiazheng_desk import clock
from jiazheng_desk.models import VettingCase, Worker
from jiazheng_desk.services import pii
from tests.api.worker_support import api_client, call, error_of, token_for, upload
from tests.booking_factories import make_customer, make_worker, make_world
from tests.worker_factories import jpeg_with_gps, make_id_number

BIRTH = date(1988, 8, 8)


@pytest.fixture
def setup(live_db, tmp_path):
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with live_db.session(write=True) as s:
        world = make_world(s)
        applicant = make_worker(s, world, status="applicant", name="")
        customer, _ = make_customer(s, world)
        facts = {
            "worker": applicant.id,
            "customer": customer.id,
            "skill": world.skill.code,
            "districts": [world.district.id, world.other_district.id],
        }
    token = token_for(live_db, "worker", facts["worker"])
    with api_client(live_db, tmp_path / "media") as client:
        yield client, live_db, facts, token


def _photos(client, token, n: int) -> list[int]:
    return [upload(client, token, jpeg_with_gps()).json()["id"] for _ in range(n)]


def _form(client, token, facts, **changes):
    front, back, cert = _photos(client, token, 3)
    form = {
        "name": "李春梅",
        "gender": "female",
        "birth_date": BIRTH.isoformat(),
        "id_number": make_id_number(BIRTH, "female"),
        "years_experience": 8,
        "skills": [facts["skill"]],
        "district_ids": facts["districts"],
        "home_address": "长寿路 8 号",
        "id_photo_ids": [front, back],
        "certificates": [
            {
                "cert_type": "健康证",
                "number": "JK2026-001",
                "issuer": "普陀区疾控中心",
                "expires_on": "2027-11-01",
                "photo_id": cert,
            }
        ],
    }
    form.update(changes)
    return form


def test_submit_and_follow_the_application(setup):
    client, db, facts, token = setup
    before = call(client, "GET", "/worker/application", token)
    assert before.status_code == 200 and before.json()["status"] == "not_submitted"
    form = _form(client, token, facts)
    reply = call(client, "POST", "/worker/application", token, json=form)
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert (body["status"], body["reason"], body["worker_status"]) == ("applied", "", "applicant")
    assert [d["kind"] for d in body["documents"]] == ["id_front", "id_back", "certificate"]
    assert body["documents"][2]["expires_on"] == "2027-11-01"
    assert call(client, "GET", "/worker/application", token).json()["status"] == "applied"
    with db.session() as s:
        worker = s.get(Worker, facts["worker"])
        assert pii.decrypt(worker.id_number_enc) == form["id_number"]
        case = s.scalars(select(VettingCase).where(VettingCase.worker_id == worker.id)).one()
        case_id = case.id
    # the ID photos are now documents: the worker still sees them
    photo = body["documents"][0]["media_id"]
    assert call(client, "GET", f"/media/{photo}", token).status_code == 200
    with db.session(write=True) as s:
        case = s.get(VettingCase, case_id)
        case.state, case.decision_reason = "rejected", "无法核实从业经历"
    seen = call(client, "GET", "/worker/application", token).json()
    assert (seen["status"], seen["reason"]) == ("rejected", "无法核实从业经历")


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"id_number": "110101199003070012"}, "id_number", "idcard.bad_checksum"),
        ({"birth_date": "1988-08-09"}, "birth_date", "application.birth_date_mismatch"),
        ({"gender": "male"}, "gender", "application.gender_mismatch"),
        ({"skills": ["nope"]}, "skills", "application.unknown_skill"),
        ({"gender": "other"}, "gender", "validation"),
        ({"id_photo_ids": [1]}, "id_photo_ids", "validation"),
        ({"years_experience": -1}, "years_experience", "validation"),
    ],
)
def test_a_bad_form_is_422_with_the_field(setup, change, field, code):
    client, db, facts, token = setup
    reply = call(
        client, "POST", "/worker/application", token, json=_form(client, token, facts, **change)
    )
    body = error_of(reply, 422)
    assert (body["error"], body["field"]) == (code, field)
    with db.session() as s:
        assert s.scalars(select(VettingCase)).all() == []


def test_an_expired_certificate_is_422_on_its_expiry(setup):
    client, _db, facts, token = setup
    form = _form(client, token, facts)
    form["certificates"][0]["expires_on"] = "2026-11-19"
    body = error_of(call(client, "POST", "/worker/application", token, json=form), 422)
    assert (body["error"], body["field"]) == (
        "application.certificate_expired",
        "certificates.0.expires_on",
    )
    assert "expired on 2026-11-19" in body["message"]


def test_a_duplicate_applicant_is_422(setup):
    client, db, facts, token = setup
    number = make_id_number(BIRTH, "female")
    with db.session(write=True) as s:
        world = make_world(s)
        make_worker(s, world).id_number_hash = pii.lookup_hash(number)
    reply = call(
        client,
        "POST",
        "/worker/application",
        token,
        json=_form(client, token, facts, id_number=number),
    )
    body = error_of(reply, 422)
    assert (body["error"], body["field"]) == ("application.duplicate_id", "id_number")


def test_another_persons_photo_cannot_be_used(setup):
    client, db, facts, token = setup
    other_token = token_for(db, "customer", facts["customer"])
    theirs = upload(client, other_token, jpeg_with_gps()).json()["id"]
    form = _form(client, token, facts)
    form["id_photo_ids"][0] = theirs
    body = error_of(call(client, "POST", "/worker/application", token, json=form), 422)
    assert (body["error"], body["field"]) == ("media.not_yours", "id_photo_ids.0")


def test_one_application_at_a_time(setup):
    client, _db, facts, token = setup
    assert (
        call(
            client, "POST", "/worker/application", token, json=_form(client, token, facts)
        ).status_code
        == 201
    )
    again = call(client, "POST", "/worker/application", token, json=_form(client, token, facts))
    assert error_of(again, 409)["error"] == "application.in_review"


def test_only_the_worker_app(setup):
    client, db, facts, token = setup
    customer_token = token_for(db, "customer", facts["customer"])
    assert (
        error_of(call(client, "GET", "/worker/application", customer_token), 401)["error"]
        == "app.wrong_app"
    )
    assert call(client, "GET", "/worker/application", None).status_code == 401
    body = error_of(
        call(client, "POST", "/worker/application", token, json={"name": "x", "extra": 1}), 422
    )
    assert body["error"] == "validation"
