"""The app's catalogue: categories with their bookable items, options and prices."""

from __future__ import annotations

from pydantic import Field

from api_stub.money import yuan
from api_stub.schemas.customer_common import Strict
from jiazheng_desk.services.app_catalog import AppCatalog
from jiazheng_desk.services.catalog import CategoryView, ItemView, OptionView


class OptionOut(Strict):
    id: int
    name: str
    price_fen: int
    price: str
    extra_minutes: int

    @classmethod
    def of(cls, o: OptionView) -> OptionOut:
        return cls(
            id=o.id,
            name=o.name,
            price_fen=o.price_fen,
            price=yuan(o.price_fen),
            extra_minutes=o.extra_minutes,
        )


class ItemOut(Strict):
    id: int
    code: str
    name: str
    unit: str = Field(description="visit | hour | sqm | day")
    kind: str = Field(description="visit | placement")
    min_units: int
    minutes_per_unit: int
    base_minutes: int
    price_fen: int = Field(description="One unit at the branch's price (else the base price).")
    price: str
    skill_id: int
    skill_name: str
    required_level: int
    description: str
    process_text: str
    tools_text: str
    photos: list[str]
    options: list[OptionOut]

    @classmethod
    def of(cls, i: ItemView) -> ItemOut:
        return cls(
            id=i.id,
            code=i.code,
            name=i.name,
            unit=i.unit,
            kind=i.kind,
            min_units=i.min_units,
            minutes_per_unit=i.minutes_per_unit,
            base_minutes=i.base_minutes,
            price_fen=i.price_fen,
            price=yuan(i.price_fen),
            skill_id=i.skill_id,
            skill_name=i.skill_name,
            required_level=i.required_level,
            description=i.description,
            process_text=i.process_text,
            tools_text=i.tools_text,
            photos=list(i.photo_paths),
            options=[OptionOut.of(o) for o in i.options],
        )


class CategoryOut(Strict):
    id: int
    code: str
    name: str
    items: list[ItemOut]

    @classmethod
    def of(cls, c: CategoryView) -> CategoryOut:
        return cls(id=c.id, code=c.code, name=c.name, items=[ItemOut.of(i) for i in c.items])


class CatalogOut(Strict):
    branch_id: int | None = Field(description="Whose prices these are (null: base prices).")
    categories: list[CategoryOut]

    @classmethod
    def of(cls, view: AppCatalog) -> CatalogOut:
        return cls(
            branch_id=view.branch_id, categories=[CategoryOut.of(c) for c in view.categories]
        )
