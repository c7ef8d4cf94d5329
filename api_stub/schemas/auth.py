"""Bodies of the account routes (``/auth/...``). No response ever carries a code or a hash."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field, model_validator

from api_stub.schemas.fields import Body, Instant

Phone = Annotated[str, Field(min_length=5, max_length=20, examples=["13800138000"])]
Email = Annotated[str, Field(min_length=3, max_length=128, examples=["zhang.wei@example.com"])]
Code = Annotated[
    str, Field(pattern=r"^[0-9]{6}$", description="The six digits sent.", examples=["123456"])
]
Password = Annotated[
    str,
    Field(
        min_length=8,
        max_length=128,
        description="At least 8 characters with letters and digits.",
        examples=["Sunny2026"],
    ),
]
Role = Literal["customer", "worker"]


class SmsCodeIn(Body):
    phone: Phone
    purpose: Literal["login", "reset", "change_phone_old", "change_phone_new"] = "login"


class EmailCodeIn(Body):
    email: Email
    purpose: Literal["register", "reset"]


class CodeSentOut(BaseModel):
    """The code is on its way (never in this answer: it goes only to the phone or inbox)."""

    channel: Literal["sms", "email"]
    target: str = Field(description="Masked: 138****8000 or z***@example.com.")
    purpose: str
    expires_at: Instant
    resend_at: Instant = Field(description="No new code for this target before this instant.")


class LoginIn(Body):
    phone: Phone
    code: Code
    role: Role = "customer"


class ProviderLoginIn(Body):
    provider: Literal["wechat", "alipay"]
    provider_code: str = Field(
        min_length=1,
        max_length=128,
        description="The code the provider's SDK gave the app (sandbox: wx-<phone>, ali-<phone>).",
        examples=["wx-13800138000"],
    )
    role: Role = "customer"


class EmailLoginIn(Body):
    email: Email
    password: str = Field(min_length=1, max_length=128)


class EmailRegisterIn(Body):
    email: Email
    code: Code
    password: Password


class EmailRegisteredOut(BaseModel):
    email: str


class TokenOut(BaseModel):
    """A bearer token: send it as ``Authorization: Bearer <token>``."""

    token: str
    token_type: Literal["bearer"] = "bearer"
    expires_at: Instant
    role: Role
    subject_id: int
    created: bool = Field(description="This login created the account.")
    status: str = Field(description="active, or applicant for a new worker.")


class PasswordResetIn(Body):
    """A code sent to the phone or the e-mail address (give exactly one) and a new password."""

    phone: str | None = Field(default=None, min_length=5, max_length=20)
    email: str | None = Field(default=None, min_length=3, max_length=128)
    code: Code
    new_password: Password

    @model_validator(mode="after")
    def _one_way(self) -> PasswordResetIn:
        if (self.phone is None) == (self.email is None):
            raise ValueError("give either phone or email")
        return self


class PasswordResetOut(BaseModel):
    tokens_revoked: int = Field(description="Logins ended on every device.")


class PhoneChangeIn(Body):
    old_code: Code
    new_phone: Phone
    new_code: Code


class PhoneChangedOut(BaseModel):
    phone: str
    tokens_revoked: int = Field(description="Logins ended on the other devices.")
