"""Workers as customers find them: public cards and profiles (never contact or ID data)."""

from __future__ import annotations

from pydantic import Field

from api_stub.money import yuan
from api_stub.schemas.customer_common import Strict
from api_stub.schemas.reviews import ReviewOut
from jiazheng_desk.services.worker_search import PublicProfile, PublicWorker


class SkillOut(Strict):
    code: str
    name: str
    level: int = Field(description="1 初级 … 5 金牌")


class PublicWorkerOut(Strict):
    id: int
    display_name: str = Field(description="Surname with 阿姨/师傅, e.g. 王阿姨.")
    gender: str
    stars: float | None = Field(description="Average overall score, one decimal.")
    review_count: int
    years_experience: int
    skills: list[SkillOut]
    districts: list[str]
    certificates: list[str] = Field(description="Types of verified, unexpired certificates.")
    photo: str
    price_from_fen: int | None = Field(
        description="Lowest unit price of the services the worker can do (the asked skill's)."
    )
    price_from: str | None
    distance_km: int | None = Field(description="From the given place to home, whole km.")

    @classmethod
    def of(cls, w: PublicWorker) -> PublicWorkerOut:
        return cls(
            id=w.id,
            display_name=w.display_name,
            gender=w.gender,
            stars=w.stars,
            review_count=w.review_count,
            years_experience=w.years_experience,
            skills=[SkillOut(code=s.code, name=s.name, level=s.level) for s in w.skills],
            districts=list(w.districts),
            certificates=list(w.certificates),
            photo=w.photo_path,
            price_from_fen=w.price_from_fen,
            price_from=yuan(w.price_from_fen) if w.price_from_fen is not None else None,
            distance_km=w.distance_km,
        )


class WorkerPage(Strict):
    items: list[PublicWorkerOut]
    total: int


class WorkerProfileOut(Strict):
    worker: PublicWorkerOut
    bio: str
    recent_reviews: list[ReviewOut]

    @classmethod
    def of(cls, p: PublicProfile) -> WorkerProfileOut:
        return cls(
            worker=PublicWorkerOut.of(p.worker),
            bio=p.bio,
            recent_reviews=[ReviewOut.of(r) for r in p.recent_reviews],
        )
