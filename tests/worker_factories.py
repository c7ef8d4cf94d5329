"""Factories for the worker app's tests: applicants, valid ID numbers, uploaded files."""

from __future__ import annotations

import io
import itertools
from datetime import date

from PIL import ExifTags, Image
from sqlalchemy.orm import Session

from jiazheng_desk.models import MediaFile, Worker
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.idcard import check_char

_seq = itertools.count(1)


def make_id_number(
    birth: date = date(1985, 5, 20), sex: str = "female", region: str = "310104"
) -> str:
    """A valid 18-character ID number, different on every call (the sequence digits)."""
    n = next(_seq) % 400
    sequence = n * 2 + (1 if sex == "male" else 0)
    first17 = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_char(first17)


def worker_actor(worker: Worker) -> Actor:
    return Actor(
        kind="worker", id=worker.id, name=worker.name, branch_id=worker.branch_id, source="api"
    )


def make_media(
    session: Session,
    owner: Actor,
    *,
    content_type: str = "image/jpeg",
    entity: str = "",
    entity_id: int | None = None,
) -> MediaFile:
    """A stored-file row without a file (services that only link files never read them)."""
    n = next(_seq)
    ext = {"image/jpeg": "jpg", "image/png": "png", "video/mp4": "mp4"}.get(content_type, "bin")
    row = MediaFile(
        path=f"2026/11/test{n:06d}.{ext}",
        content_type=content_type,
        size_bytes=1000,
        owner_kind=owner.kind,
        owner_id=owner.id,
        entity=entity,
        entity_id=entity_id,
    )
    session.add(row)
    session.flush()
    return row


def jpeg_with_gps(size: tuple[int, int] = (64, 32), orientation: int = 6) -> bytes:
    """A real JPEG carrying EXIF: a GPS position (a home) and a rotation to apply."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "TestPhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (31.0, 14.0, 3.5)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (121.0, 28.0, 1.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (20, 10)) -> bytes:
    out = io.BytesIO()
    Image.new("P", size, 3).save(out, "PNG", transparency=0)
    return out.getvalue()


def _box(kind: bytes, payload: bytes = b"") -> bytes:
    return (8 + len(payload)).to_bytes(4, "big") + kind + payload


def tiny_mp4(location: bytes = b"+31.2304+121.4737/") -> bytes:
    """The smallest ISO-BMFF file the checks accept: ftyp, moov (with a location), mdat."""
    ftyp = _box(b"ftyp", b"isom" + (512).to_bytes(4, "big") + b"isomiso2avc1mp41")
    udta = _box(b"udta", _box(b"\xa9xyz", location))
    moov = _box(b"moov", _box(b"mvhd", bytes(100)) + udta)
    return ftyp + moov + _box(b"mdat", bytes(256))
