"""Uploaded photos and videos: checked by their bytes, cleaned, stored, shown only to those
who may see them.

What a client says a file is (its name, its content type) is only a claim: the type is
read from the bytes, and a file that is not what it claims is refused before anything is
written. Images are decoded and encoded again with Pillow, which drops EXIF (the GPS
position of the worker's or customer's home), comments and anything appended to the file;
the EXIF orientation is applied first so the picture still stands the right way up. Videos
(MP4) cannot be re-encoded here, so their metadata boxes are blanked in place instead.
Files get random names under ``<media dir>/<yyyy>/<mm>/``: the name a client chose never
reaches the disk.
"""

from __future__ import annotations

import io
import mimetypes
import os
import secrets
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from jiazheng_desk import clock
from jiazheng_desk.models import MediaFile, Order, ServiceRecord, Worker, WorkerDocument
from jiazheng_desk.models.base import inserted_id, table_of
from jiazheng_desk.services import audit
from jiazheng_desk.services.actor import Actor
from jiazheng_desk.services.errors import DomainError, NotFound, PermissionDenied, ValidationError
from jiazheng_desk.services.permissions import Perm, allowed

MEDIA = table_of(MediaFile)
MIB = 1024 * 1024
MAX_IMAGE_BYTES = 10 * MIB
MAX_VIDEO_BYTES = 50 * MIB
# longest side of a stored photo: sharper than any phone screen, a fraction of the bytes
MAX_SIDE = 4096
# refused before decoding: a small file can claim an enormous canvas (decompression bomb)
MAX_PIXELS = 80_000_000
JPEG_QUALITY = 85

# content type -> (Pillow format, file extension)
IMAGE_FORMATS = {
    "image/jpeg": ("JPEG", "jpg"),
    "image/png": ("PNG", "png"),
    "image/webp": ("WEBP", "webp"),
}
VIDEO_MP4 = "video/mp4"
ACCEPTED_TYPES = (*IMAGE_FORMATS, VIDEO_MP4)
# what clients send for the same thing
TYPE_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}
# ISO base media brands that are MP4 (QuickTime "qt  " is not: phones can convert it)
MP4_BRANDS = frozenset(
    {
        b"isom",
        b"iso2",
        b"iso3",
        b"iso4",
        b"iso5",
        b"iso6",
        b"mp41",
        b"mp42",
        b"mp71",
        b"avc1",
        b"M4V ",
        b"M4VH",
        b"M4VP",
        b"dash",
        b"mmp4",
        b"MSNV",
        b"XAVC",
    }
)
# boxes that hold metadata (location, device, owner): blanked to "free" boxes of the same
# size, so every offset into the media data stays right
METADATA_BOXES = frozenset({b"udta", b"meta"})
# kinds of media a caller may attach, by the prefix of the content type
MEDIA_KINDS = {"image": "image/", "video": "video/"}


class UnsupportedMedia(DomainError):
    """Not a JPEG, PNG, WebP or MP4, or not what the client said it was."""

    key = "media.unsupported"
    http_status = 415


class MediaTooLarge(DomainError):
    key = "media.too_large"
    http_status = 413


@dataclass(frozen=True)
class MediaView:
    id: int
    content_type: str
    size_bytes: int
    # relative to the media folder, with forward slashes
    path: str
    owner_kind: str
    owner_id: int
    entity: str
    entity_id: int | None
    created_at: datetime


def _view(row: Any) -> MediaView:
    return MediaView(
        id=int(row.id),
        content_type=row.content_type,
        size_bytes=int(row.size_bytes),
        path=row.path,
        owner_kind=row.owner_kind,
        owner_id=int(row.owner_id),
        entity=row.entity,
        entity_id=row.entity_id,
        created_at=row.created_at,
    )


# --- what the bytes are ----------------------------------------------------------------


def sniff_type(data: bytes) -> str | None:
    """The content type the first bytes announce (magic numbers), or None."""
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":
        return VIDEO_MP4
    return None


def claimed_type(declared_type: str | None, filename: str | None) -> str | None:
    """What the client says the file is: its content type, else its file name's extension."""
    value = (declared_type or "").split(";")[0].strip().lower()
    if value in ("", "application/octet-stream"):
        guess, _ = mimetypes.guess_type(filename or "")
        value = (guess or "").lower()
    value = TYPE_ALIASES.get(value, value)
    return value or None


def _reencode_image(data: bytes, content_type: str) -> bytes:
    """Decode and encode again: only the pixels survive, the right way up, at most MAX_SIDE."""
    fmt, _ = IMAGE_FORMATS[content_type]
    try:
        with Image.open(io.BytesIO(data), formats=[fmt]) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[fmt]) as im:
            if im.width * im.height > MAX_PIXELS:
                raise ValidationError(
                    "media.too_many_pixels", field="file", width=im.width, height=im.height
                )
            if fmt == "JPEG":
                # let the decoder scale down by 1/2, 1/4 or 1/8 while reading a huge photo
                im.draft("RGB", (MAX_SIDE, MAX_SIDE))
            im.load()
            upright = ImageOps.exif_transpose(im)
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        # truncated or damaged data, or a canvas too large to be a photo
        raise ValidationError("media.corrupt", field="file") from None
    out = _storable_mode(upright, fmt)
    out.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # nothing of the original's info (EXIF, ICC, XMP, comments, PNG text) may reach save()
    out.info = {}
    buffer = io.BytesIO()
    if fmt == "JPEG":
        out.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif fmt == "WEBP":
        out.save(buffer, "WEBP", quality=JPEG_QUALITY, method=4)
    else:
        out.save(buffer, "PNG")
    return buffer.getvalue()


def _storable_mode(im: Image.Image, fmt: str) -> Image.Image:
    """A copy in a mode the format stores plainly (palettes and CMYK become RGB(A))."""
    transparent = "A" in im.getbands() or "transparency" in im.info
    if fmt == "JPEG":
        return im.convert("L") if im.mode == "L" else im.convert("RGB")
    if fmt == "PNG" and im.mode in ("RGB", "RGBA", "L", "LA"):
        return im.copy()
    if fmt == "WEBP" and im.mode in ("RGB", "RGBA"):
        return im.copy()
    return im.convert("RGBA" if transparent else "RGB")


def _boxes(data: bytes | bytearray, start: int, end: int) -> list[tuple[bytes, int, int, int]]:
    """The ISO-BMFF boxes between two offsets: (type, start, header length, end)."""
    found = []
    pos = start
    while pos < end:
        if end - pos < 8:
            raise ValidationError("media.corrupt", field="file")
        size = int.from_bytes(data[pos : pos + 4], "big")
        kind = bytes(data[pos + 4 : pos + 8])
        header = 8
        if size == 1:  # a 64-bit size follows the type
            if end - pos < 16:
                raise ValidationError("media.corrupt", field="file")
            size = int.from_bytes(data[pos + 8 : pos + 16], "big")
            header = 16
        elif size == 0:  # the last box runs to the end
            size = end - pos
        if size < header or pos + size > end:
            raise ValidationError("media.corrupt", field="file")
        found.append((kind, pos, header, pos + size))
        pos += size
    return found


def _clean_mp4(data: bytes) -> bytes:
    """Check an MP4's box structure and blank its metadata boxes; refuse other containers."""
    top = _boxes(data, 0, len(data))
    kind, start, header, end = top[0]
    if kind != b"ftyp" or end - start - header < 8:
        raise ValidationError("media.corrupt", field="file")
    body = data[start + header : end]
    brands = {body[0:4]} | {body[i : i + 4] for i in range(8, len(body) - 3, 4)}
    if not brands & MP4_BRANDS:
        raise UnsupportedMedia("media.not_mp4")
    if not any(k == b"moov" for k, *_ in top):
        raise ValidationError("media.corrupt", field="file")
    out = bytearray(data)
    for k, s, h, e in top:
        if k == b"moov":
            _blank_metadata(out, s + h, e, depth=0)
    return bytes(out)


def _blank_metadata(out: bytearray, start: int, end: int, *, depth: int) -> None:
    for kind, s, h, e in _boxes(out, start, end):
        if kind in METADATA_BOXES:
            out[s + 4 : s + 8] = b"free"
            out[s + h : e] = bytes(e - s - h)
        elif kind == b"trak" and depth == 0:
            # a track's own udta/meta (its name, sometimes a location)
            _blank_metadata(out, s + h, e, depth=1)


def clean_upload(data: bytes, *, declared_type: str | None, filename: str | None) -> bytes:
    """Check what the bytes are against the claim and limits; return the bytes to store.

    Refusals: 413 past the size limit of the kind, 415 for a type that is not accepted or
    not the one claimed, 422 for a file of the right kind that cannot be read.
    """
    if not data:
        raise ValidationError("media.empty", field="file")
    if len(data) > MAX_VIDEO_BYTES:
        raise MediaTooLarge(limit="50 MiB")
    claim = claimed_type(declared_type, filename)
    actual = sniff_type(data)
    if actual is None:
        if claim in ACCEPTED_TYPES:
            raise UnsupportedMedia("media.not_what_it_claims", claimed=claim)
        raise UnsupportedMedia("media.unsupported")
    if claim is not None and claim != actual:
        raise UnsupportedMedia("media.type_mismatch", claimed=claim, actual=actual)
    if actual == VIDEO_MP4:
        return _clean_mp4(data)
    if len(data) > MAX_IMAGE_BYTES:
        raise MediaTooLarge(limit="10 MiB")
    return _reencode_image(data, actual)


# --- storing -----------------------------------------------------------------------------


def _extension(content_type: str) -> str:
    return "mp4" if content_type == VIDEO_MP4 else IMAGE_FORMATS[content_type][1]


def _write_file(media_dir: Path, relative: str, data: bytes) -> None:
    """Write under a temporary name and rename: a reader never sees half a file."""
    target = media_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.part")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def store_upload(
    session: Session,
    *,
    actor: Actor,
    filename: str | None,
    data: bytes,
    declared_type: str | None,
    media_dir: Path,
) -> MediaView:
    """Check, clean and store an uploaded photo or video; the uploader owns it."""
    if actor.kind not in ("customer", "worker", "staff") or actor.id is None:
        # a file needs an owner: the one person who may always see it
        raise PermissionDenied("media.no_owner")
    cleaned = clean_upload(data, declared_type=declared_type, filename=filename)
    content_type = sniff_type(cleaned)
    assert content_type is not None
    now = clock.now()
    relative = f"{now:%Y}/{now:%m}/{secrets.token_urlsafe(18)}.{_extension(content_type)}"
    media_id = inserted_id(
        session.execute(
            insert(MEDIA),
            {
                "path": relative,
                "content_type": content_type,
                "size_bytes": len(cleaned),
                "owner_kind": actor.kind,
                "owner_id": actor.id,
                "entity": "",
                "entity_id": None,
                "created_at": now,
            },
        )
    )
    audit.record(
        session,
        actor=actor,
        action="media.upload",
        entity="media",
        entity_id=media_id,
        after={"content_type": content_type, "size_bytes": len(cleaned)},
    )
    # last: a refused insert leaves no file behind (a failed commit after this can leave
    # an unreferenced file, which a sweep of files without rows may remove)
    _write_file(media_dir, relative, cleaned)
    return _load(session, media_id)


def _load(session: Session, media_id: int) -> MediaView:
    row = session.execute(select(MEDIA).where(MEDIA.c.id == media_id)).one_or_none()
    if row is None:
        raise NotFound("media", media_id)
    return _view(row)


# --- who may see it ----------------------------------------------------------------------


def can_read(session: Session, actor: Actor, media: MediaView) -> bool:
    """The uploader; for a service record the order's customer and worker and its branch's
    staff; for a worker's document the worker and the branch's staff."""
    if actor.kind == "system":
        return True
    if actor.kind == media.owner_kind and actor.id == media.owner_id:
        return True
    if media.entity_id is None:
        return False
    if media.entity == "service_record":
        row = session.execute(
            select(Order.customer_id, Order.worker_id, Order.branch_id, ServiceRecord.worker_id)
            .join(Order, Order.id == ServiceRecord.order_id)
            .where(ServiceRecord.id == media.entity_id)
        ).one_or_none()
        if row is None:
            return False
        customer_id, worker_id, branch_id, recorded_by = row
        if actor.kind == "customer":
            return bool(actor.id == customer_id)
        if actor.kind == "worker":
            return actor.id in (worker_id, recorded_by)
        return _staff_may(actor, Perm.ORDER_VIEW, branch_id)
    if media.entity == "worker_document":
        doc = session.execute(
            select(WorkerDocument.worker_id, Worker.branch_id)
            .join(Worker, Worker.id == WorkerDocument.worker_id)
            .where(WorkerDocument.id == media.entity_id)
        ).one_or_none()
        if doc is None:
            return False
        if actor.kind == "worker":
            return bool(actor.id == doc.worker_id)
        return _staff_may(actor, Perm.WORKER_VIEW, doc.branch_id)
    return False


def _staff_may(actor: Actor, perm: Perm, branch_id: int) -> bool:
    return actor.is_staff and allowed(actor, perm) and (actor.is_hq or actor.branch_id == branch_id)


def get_media(session: Session, *, actor: Actor, media_id: int) -> MediaView:
    """A stored file's facts, for those who may see it; anyone else is told it is not there."""
    row = session.execute(select(MEDIA).where(MEDIA.c.id == media_id)).one_or_none()
    if row is None:
        raise NotFound("media", media_id)
    media = _view(row)
    if not can_read(session, actor, media):
        # not 403: whether a file with this number exists is itself not theirs to know
        raise NotFound("media", media_id)
    return media


def require_attachable(
    session: Session, *, actor: Actor, media_id: int, kind: str, field: str = "media_id"
) -> MediaView:
    """A file the actor uploaded, of the kind asked (image / video), not yet attached.

    The caller attaches it (sets ``entity``) in the change it audits; the row is locked
    so two requests cannot attach the same file to two things.
    """
    row = session.execute(
        select(MEDIA).where(MEDIA.c.id == media_id).with_for_update()
    ).one_or_none()
    if row is None or row.owner_kind != actor.kind or row.owner_id != actor.id:
        raise ValidationError("media.not_yours", field=field, id=media_id)
    media = _view(row)
    if not media.content_type.startswith(MEDIA_KINDS[kind]):
        raise ValidationError(f"media.needs_{kind}", field=field, id=media_id)
    if media.entity:
        raise ValidationError("media.already_used", field=field, id=media_id)
    return media


def file_path(media_dir: Path, media: MediaView) -> Path:
    """Where a stored file is on disk; a row whose file is gone (or would lie outside the
    media folder) is "not found" like any other."""
    root = media_dir.resolve()
    target = (root / media.path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise NotFound("media", media.id)
    return target
