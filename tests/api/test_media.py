"""Uploads: the type read from the bytes, images cleaned of EXIF, sizes limited, files
served only to those allowed."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from fastapi import APIRouter, File, UploadFile
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import func, select

from api_stub.app import create_app, mount_v1
from jiazheng_desk import clock
from jiazheng_desk.models import MediaFile, ServiceRecord, WorkerDocument
from jiazheng_desk.services import media
from tests.api.worker_support import api_client, call, error_of, token_for, upload
from tests.booking_factories import local, make_customer, make_order, make_worker, make_world
from tests.worker_factories import jpeg_with_gps, png_bytes, tiny_mp4


@pytest.fixture
def media_dir(tmp_path):
    return tmp_path / "media"


@pytest.fixture
def setup(live_db, media_dir):
    clock.freeze(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    with live_db.session(write=True) as s:
        world = make_world(s)
        worker = make_worker(s, world)
        other_worker = make_worker(s, world)
        customer, _ = make_customer(s, world)
        stranger, _ = make_customer(s, world)
        ids = {
            "world": world.branch.id,
            "worker": worker.id,
            "other_worker": other_worker.id,
            "customer": customer.id,
            "stranger": stranger.id,
        }
    tokens = {
        "worker": token_for(live_db, "worker", ids["worker"]),
        "other_worker": token_for(live_db, "worker", ids["other_worker"]),
        "customer": token_for(live_db, "customer", ids["customer"]),
        "stranger": token_for(live_db, "customer", ids["stranger"]),
    }
    with api_client(live_db, media_dir) as client:
        yield client, live_db, ids, tokens


def _files(media_dir) -> list:
    return [p for p in media_dir.rglob("*") if p.is_file()] if media_dir.exists() else []


def _rows(database) -> int:
    with database.session() as s:
        return s.scalar(select(func.count()).select_from(MediaFile))


def test_a_jpeg_is_stored_without_exif_the_right_way_up(setup, media_dir):
    client, db, ids, tokens = setup
    original = jpeg_with_gps(size=(64, 32), orientation=6)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # GPS is there
    reply = upload(client, tokens["worker"], original, filename="家里.jpg")
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["content_type"] == "image/jpeg"
    assert body["url"] == f"/api/v1/media/{body['id']}"
    [stored] = _files(media_dir)
    # a random name in <yyyy>/<mm>/, never the client's
    assert stored.relative_to(media_dir).parts[:2] == ("2026", "11")
    assert "家里" not in stored.name and stored.suffix == ".jpg"
    data = stored.read_bytes()
    assert len(data) == body["size_bytes"]
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert dict(image.getexif()) == {} and "exif" not in image.info
    assert b"Exif" not in data and b"TestPhone" not in data
    # orientation 6 applied: the 64×32 picture now stands 32×64
    assert image.size == (32, 64)
    with db.session() as s:
        row = s.get(MediaFile, body["id"])
        assert (row.owner_kind, row.owner_id, row.entity) == ("worker", ids["worker"], "")


def test_a_png_is_re_encoded(setup, media_dir):
    client, _db, _ids, tokens = setup
    original = png_bytes() + b"appended secret"
    reply = upload(client, tokens["customer"], original, filename="x.png", content_type="image/png")
    assert reply.status_code == 201, reply.text
    [stored] = _files(media_dir)
    data = stored.read_bytes()
    assert data != original and b"appended secret" not in data
    image = Image.open(io.BytesIO(data))
    assert (image.format, image.size, image.mode) == ("PNG", (20, 10), "RGBA")


def test_an_mp4_is_accepted_and_its_location_blanked(setup, media_dir):
    client, _db, _ids, tokens = setup
    video = tiny_mp4()
    reply = upload(client, tokens["worker"], video, filename="clip.mp4", content_type="video/mp4")
    assert reply.status_code == 201, reply.text
    assert reply.json()["content_type"] == "video/mp4"
    [stored] = _files(media_dir)
    data = stored.read_bytes()
    assert stored.suffix == ".mp4" and len(data) == len(video)
    assert b"+31.2304" not in data and data[4:8] == b"ftyp"


def test_a_text_file_named_jpg_is_refused_and_nothing_is_kept(setup, media_dir):
    client, db, _ids, tokens = setup
    reply = upload(client, tokens["worker"], b"just some text, honest", filename="cat.jpg")
    body = error_of(reply, 415)
    assert body["error"] == "media.not_what_it_claims"
    assert "image/jpeg" in body["message"]
    assert _files(media_dir) == [] and _rows(db) == 0


@pytest.mark.parametrize(
    ("data", "filename", "content_type", "status", "code"),
    [
        (png_bytes(), "x.jpg", "image/jpeg", 415, "media.type_mismatch"),
        (b"GIF89a" + bytes(50), "x.gif", "image/gif", 415, "media.unsupported"),
        (b"\xff\xd8\xff\xe0" + bytes(200), "x.jpg", "image/jpeg", 422, "media.corrupt"),
        (jpeg_with_gps()[:300], "x.jpg", "image/jpeg", 422, "media.corrupt"),
        (b"", "x.jpg", "image/jpeg", 422, "media.empty"),
        (
            b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ",
            "x.mov",
            "video/quicktime",
            415,
            "media.type_mismatch",
        ),
        (
            b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ",
            "x.mp4",
            "video/mp4",
            415,
            "media.not_mp4",
        ),
        (
            b"\x00\x00\x00\x14ftypisom\x00\x00\x00\x00isom",
            "x.mp4",
            "video/mp4",
            422,
            "media.corrupt",
        ),
    ],
)
def test_bad_files_are_clear_4xx(setup, media_dir, data, filename, content_type, status, code):
    client, db, _ids, tokens = setup
    reply = upload(client, tokens["worker"], data, filename=filename, content_type=content_type)
    assert error_of(reply, status)["error"] == code
    assert _files(media_dir) == [] and _rows(db) == 0


def test_an_octet_stream_is_judged_by_its_bytes(setup):
    client, _db, _ids, tokens = setup
    reply = upload(
        client,
        tokens["worker"],
        png_bytes(),
        filename="blob",
        content_type="application/octet-stream",
    )
    assert reply.status_code == 201 and reply.json()["content_type"] == "image/png"


def test_an_oversized_image_is_413(setup, media_dir):
    client, db, _ids, tokens = setup
    big = b"\xff\xd8\xff\xe0" + bytes(media.MAX_IMAGE_BYTES)
    body = error_of(upload(client, tokens["worker"], big), 413)
    assert body["error"] == "media.too_large" and "10 MiB" in body["message"]
    assert _files(media_dir) == [] and _rows(db) == 0


def test_a_body_past_the_media_routes_limit_is_413_before_it_is_read(setup, media_dir):
    client, _db, _ids, tokens = setup
    huge = b"\x00\x00\x00\x18ftypisom" + bytes(52 * 1024 * 1024)
    reply = upload(client, tokens["worker"], huge, filename="v.mp4", content_type="video/mp4")
    body = error_of(reply, 413)
    assert body["error"] == "body_too_large" and "51 MiB" in body["message"]
    assert _files(media_dir) == []


def test_other_routes_keep_their_limits(live_db):
    probe = APIRouter()

    @probe.post("/_test/upload")
    def take(file: UploadFile = File(...)) -> dict[str, int]:  # noqa: B008
        return {"size": len(file.file.read())}

    app = create_app(live_db)
    mount_v1(app, probe)
    with TestClient(app) as client:
        ok = client.post("/api/v1/_test/upload", files={"file": ("a", bytes(1000), "image/png")})
        assert ok.status_code == 200
        # 20 MiB: fine for /media, too much for any other multipart route
        big = client.post(
            "/api/v1/_test/upload", files={"file": ("a", bytes(20 * 1024 * 1024), "image/png")}
        )
        assert error_of(big, 413)["error"] == "body_too_large"
        assert "16 MiB" in big.json()["message"]
        # and a JSON body to /media still has the JSON limit
        json_body = client.post(
            "/api/v1/media",
            content=b"[" + b"1," * (600 * 1024) + b"1]",
            headers={"Content-Type": "application/json"},
        )
        assert error_of(json_body, 413)["error"] == "body_too_large"


def test_uploads_need_a_login(setup):
    client, _db, _ids, _tokens = setup
    assert upload(client, None, png_bytes()).status_code == 401


def test_served_to_the_owner_and_404_to_others(setup):
    client, _db, _ids, tokens = setup
    media_id = upload(client, tokens["customer"], jpeg_with_gps()).json()["id"]
    mine = call(client, "GET", f"/media/{media_id}", tokens["customer"])
    assert mine.status_code == 200
    assert mine.headers["content-type"] == "image/jpeg"
    assert mine.headers["x-content-type-options"] == "nosniff"
    assert mine.headers["cache-control"].startswith("private")
    assert Image.open(io.BytesIO(mine.content)).format == "JPEG"
    for other in ("stranger", "worker"):
        body = error_of(call(client, "GET", f"/media/{media_id}", tokens[other]), 404)
        assert body["error"] == "error.not_found"
    error_of(call(client, "GET", "/media/99999999", tokens["customer"]), 404)
    error_of(call(client, "GET", f"/media/{2**70}", tokens["customer"]), 422)
    assert call(client, "GET", f"/media/{media_id}", None).status_code == 401


def test_a_record_photo_is_for_the_orders_customer_and_worker(setup):
    client, db, ids, tokens = setup
    media_id = upload(client, tokens["worker"], jpeg_with_gps()).json()["id"]
    with db.session(write=True) as s:
        world = make_world(s)
        _, address = make_customer(s, world)
        order = make_order(s, world, local(datetime(2026, 11, 23).date(), 10), address=address)
        order.customer_id, order.worker_id, order.state = (
            ids["customer"],
            ids["worker"],
            "in_service",
        )
        s.flush()
        record = ServiceRecord(order_id=order.id, worker_id=ids["worker"], kind="photo")
        s.add(record)
        s.flush()
        row = s.get(MediaFile, media_id)
        row.entity, row.entity_id = "service_record", record.id
    assert call(client, "GET", f"/media/{media_id}", tokens["customer"]).status_code == 200
    assert call(client, "GET", f"/media/{media_id}", tokens["worker"]).status_code == 200
    error_of(call(client, "GET", f"/media/{media_id}", tokens["stranger"]), 404)
    error_of(call(client, "GET", f"/media/{media_id}", tokens["other_worker"]), 404)


def test_an_id_photo_is_for_its_worker_only(setup):
    client, db, ids, tokens = setup
    media_id = upload(client, tokens["worker"], jpeg_with_gps()).json()["id"]
    with db.session(write=True) as s:
        doc = WorkerDocument(worker_id=ids["worker"], kind="id_front")
        s.add(doc)
        s.flush()
        row = s.get(MediaFile, media_id)
        row.entity, row.entity_id = "worker_document", doc.id
    assert call(client, "GET", f"/media/{media_id}", tokens["worker"]).status_code == 200
    for other in ("customer", "other_worker"):
        error_of(call(client, "GET", f"/media/{media_id}", tokens[other]), 404)


def test_a_row_whose_file_is_gone_is_404(setup, media_dir):
    client, _db, _ids, tokens = setup
    media_id = upload(client, tokens["worker"], png_bytes(), content_type="image/png").json()["id"]
    for path in _files(media_dir):
        path.unlink()
    error_of(call(client, "GET", f"/media/{media_id}", tokens["worker"]), 404)


def test_without_a_media_dir_on_the_app_the_settings_one_is_used(live_db, isolated_home):
    with live_db.session(write=True) as s:
        world = make_world(s)
        worker_id = make_worker(s, world).id
    token = token_for(live_db, "worker", worker_id)
    with TestClient(create_app(live_db)) as client:
        reply = upload(client, token, png_bytes(), content_type="image/png")
        assert reply.status_code == 201, reply.text
        assert call(client, "GET", reply.json()["url"][len("/api/v1") :], token).status_code == 200
    stored = [p for p in (isolated_home / "data" / "media").rglob("*") if p.is_file()]
    assert len(stored) == 1
