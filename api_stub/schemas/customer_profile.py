"""Bodies of the customer's own profile, addresses and real-name check."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, Field

from api_stub.money import yuan
from api_stub.schemas.fields import Body, Instant
from jiazheng_desk.services.customer_views import AddressView, CustomerDetail
from jiazheng_desk.services.identity import RealNameView

ShortText = Annotated[str, Field(max_length=64)]
PhoneText = Annotated[str, Field(max_length=20, examples=["13900139000"])]


class ProfileIn(Body):
    """The fields to change; a field left out stays as it is. Phone and e-mail change
    through ``/auth/phone/change`` and ``/auth/email/register`` (they log people in)."""

    name: ShortText | None = Field(default=None, examples=["张伟"])
    gender: Literal["", "female", "male"] | None = None
    emergency_name: ShortText | None = None
    emergency_phone: PhoneText | None = None
    remind_sms: bool | None = None
    remind_push: bool | None = None
    marketing_opt_in: bool | None = None


class ProfileOut(BaseModel):
    """The customer's own profile (the staff's notes and tags are not part of it)."""

    id: int
    phone: str
    name: str
    gender: str
    email: str
    member_level: str
    real_name_verified: bool
    emergency_name: str
    emergency_phone: str
    remind_sms: bool
    remind_push: bool
    marketing_opt_in: bool
    branch_id: int | None
    branch_name: str
    order_count: int
    spending_fen: int
    spending: str = Field(examples=["¥1280.00"])
    created_at: Instant

    @classmethod
    def of(cls, d: CustomerDetail) -> ProfileOut:
        return cls(
            id=d.id,
            phone=d.phone,
            name=d.name,
            gender=d.gender,
            email=d.email,
            member_level=d.member_level,
            real_name_verified=d.real_name_verified,
            emergency_name=d.emergency_name,
            emergency_phone=d.emergency_phone,
            remind_sms=d.remind_sms,
            remind_push=d.remind_push,
            marketing_opt_in=d.marketing_opt_in,
            branch_id=d.branch_id,
            branch_name=d.branch_name,
            order_count=d.order_count,
            spending_fen=d.spending_fen,
            spending=yuan(d.spending_fen),
            created_at=d.created_at,
        )


class AddressIn(Body):
    """Where: ``district_id`` (from ``/public/cities``), or ``city`` + ``district``, or
    ``lat`` + ``lng`` (the phone's location, which also becomes the address's point)."""

    district_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    city: str = Field(default="", max_length=32, examples=["上海"])
    district: str = Field(default="", max_length=32, examples=["浦东新区"])
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lng: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    address_text: str = Field(min_length=1, max_length=255, examples=["世纪大道 100 号 8 楼"])
    contact_name: ShortText = ""
    contact_phone: PhoneText = ""


class NewAddressIn(AddressIn):
    is_default: bool = False


class AddressOut(BaseModel):
    id: int
    district_id: int
    district_name: str
    city: str
    branch_id: int
    branch_name: str
    address_text: str
    contact_name: str
    contact_phone: str
    lat: float
    lng: float
    is_default: bool

    @classmethod
    def of(cls, a: AddressView) -> AddressOut:
        return cls(
            id=a.id,
            district_id=a.district_id,
            district_name=a.district_name,
            city=a.city,
            branch_id=a.branch_id,
            branch_name=a.branch_name,
            address_text=a.address_text,
            contact_name=a.contact_name,
            contact_phone=a.contact_phone,
            lat=a.lat,
            lng=a.lng,
            is_default=a.is_default,
        )


class AddressPage(BaseModel):
    items: list[AddressOut]
    total: int


class RealNameIn(Body):
    name: str = Field(min_length=1, max_length=64, examples=["张伟"])
    id_number: str = Field(min_length=15, max_length=24, examples=["11010519491231002X"])


class RealNameOut(BaseModel):
    """Masked: the full name and number are never sent back."""

    verified: bool
    real_name: str = Field(examples=["*伟"])
    id_number: str = Field(examples=["110***********002X"])
    verified_at: Instant | None

    @classmethod
    def of(cls, v: RealNameView) -> RealNameOut:
        return cls(
            verified=v.verified,
            real_name=v.real_name_masked,
            id_number=v.id_number_masked,
            verified_at=v.verified_at,
        )
