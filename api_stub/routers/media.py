"""``/media``: uploads of photos and videos, and fetching them back.

Customers and workers both upload here (``CurrentAppUser``) before they reference a file
from a form. A file is served only to those the service allows; to anyone else it does
not exist (404).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Request, UploadFile
from fastapi.responses import FileResponse

from api_stub.deps import CurrentAppUser, SessionDep
from api_stub.schemas.common import ErrorOut
from api_stub.schemas.media import MediaOut
from api_stub.schemas.worker import IdInPath
from jiazheng_desk.config import load_settings
from jiazheng_desk.services import media

router = APIRouter(tags=["media"])

# served files are private to their readers, and never sniffed into something else
SERVE_HEADERS = {"Cache-Control": "private, max-age=86400", "X-Content-Type-Options": "nosniff"}


def media_dir_of(request: Request) -> Path:
    """The media folder: ``app.state.media_dir`` when the app was given one, else the one
    the settings name (``JIAZHENG_HOME``, the config file), remembered for the app."""
    found = getattr(request.app.state, "media_dir", None)
    if found is None:
        found = load_settings().paths.media_dir
        request.app.state.media_dir = found
    return Path(found)


MediaDir = Annotated[Path, Depends(media_dir_of)]


@router.post(
    "/media",
    response_model=MediaOut,
    status_code=201,
    summary="Upload a photo or a video",
    responses={
        413: {"model": ErrorOut, "description": "Images over 10 MiB, videos over 50 MiB."},
        415: {"model": ErrorOut, "description": "Not JPEG/PNG/WebP/MP4, or not what it claims."},
    },
)
def upload(
    request: Request,
    me: CurrentAppUser,
    session: SessionDep,
    media_dir: MediaDir,
    file: Annotated[UploadFile, File(description="JPEG, PNG, WebP (≤ 10 MiB) or MP4 (≤ 50 MiB).")],
) -> MediaOut:
    """The type is read from the bytes; images are re-encoded without EXIF."""
    # one byte past the largest limit is enough for the service to refuse the rest
    data = file.file.read(media.MAX_VIDEO_BYTES + 1)
    view = media.store_upload(
        session,
        actor=me,
        filename=file.filename,
        data=data,
        declared_type=file.content_type,
        media_dir=media_dir,
    )
    return MediaOut(
        id=view.id,
        content_type=view.content_type,
        size_bytes=view.size_bytes,
        url=str(request.app.url_path_for("media_fetch", media_id=str(view.id))),
        created_at=view.created_at,
    )


@router.get(
    "/media/{media_id}",
    name="media_fetch",
    response_class=FileResponse,
    summary="Fetch a file",
    responses={200: {"content": {t: {} for t in media.ACCEPTED_TYPES}}},
)
def fetch(
    media_id: IdInPath, me: CurrentAppUser, session: SessionDep, media_dir: MediaDir
) -> FileResponse:
    """The uploader, and those the file's record allows (an order's customer and worker)."""
    view = media.get_media(session, actor=me, media_id=media_id)
    return FileResponse(
        media.file_path(media_dir, view), media_type=view.content_type, headers=SERVE_HEADERS
    )
