"""Shapes every area shares: the error body."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class FieldErrorOut(BaseModel):
    """One refused request field."""

    field: str | None = Field(description="Dotted path of the field, e.g. `address.city`.")
    message: str
    type: str = Field(description="Machine-readable reason (pydantic error type).")


class ErrorOut(BaseModel):
    """Every error response: a stable code for programs and a message for people."""

    error: str = Field(
        description="Stable code, e.g. `validation`, `not_found`, `auth.weak_password`."
    )
    message: str = Field(description="In the language of `Accept-Language` (Chinese default).")
    field: str | None = Field(
        default=None, description="The request field the error is about, when there is one."
    )
    errors: list[FieldErrorOut] | None = Field(
        default=None, description="All refused fields (validation errors only)."
    )
    ref: str | None = Field(
        default=None, description="Reference of a logged internal error, for support."
    )


# Documented on every route as the "default" response, which also keeps FastAPI from
# advertising its own HTTPValidationError shape that this API never sends.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    "default": {"model": ErrorOut, "description": "Error: `{error, message[, field]}`"},
}
