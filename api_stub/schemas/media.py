"""An uploaded file, as its uploader sees it."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api_stub.schemas.fields import Instant


class MediaOut(BaseModel):
    id: int = Field(description="Reference it from a form (application, service record …).")
    content_type: str = Field(description="What the bytes are, whatever the client said.")
    size_bytes: int = Field(description="Size as stored (images are re-encoded).")
    url: str = Field(description="Where to fetch it (with the same token).")
    created_at: Instant
