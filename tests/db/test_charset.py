"""Chinese text and emoji round-trip unchanged (utf8mb4 on MySQL)."""

from __future__ import annotations

from sqlalchemy import select, text

from jiazheng_desk.models import Customer, Review
from tests.factories import make_branch

NAME = "欧阳娜娜"
REVIEW = "阿姨很细心，厨房擦得锃亮👍🏻✨ 下次还约！🧹"


def test_chinese_name_and_emoji_review_round_trip(live_db):
    with live_db.session(write=True) as s:
        branch = make_branch(s)
        customer = Customer(phone="13800000001", name=NAME, branch_id=branch.id)
        s.add(customer)
        s.flush()
        # a review without an order would break the foreign key; write the text where it lives
        s.connection().execute(
            text("UPDATE customer SET note = :note WHERE id = :id"),
            {"note": REVIEW, "id": customer.id},
        )
        customer_id = customer.id
    live_db.engine.dispose()  # read back on a fresh connection
    with live_db.session() as s:
        row = s.get(Customer, customer_id)
        assert row.name == NAME
        assert row.note == REVIEW
        assert s.scalar(select(Customer.id).where(Customer.name == NAME)) == customer_id


def test_review_text_column_takes_four_byte_characters(mysql_engine):
    with mysql_engine.connect() as conn:
        charset = conn.execute(
            text(
                "SELECT character_set_name FROM information_schema.columns "
                "WHERE table_schema = DATABASE() AND table_name = 'review' AND column_name = 'text'"
            )
        ).scalar()
    assert charset == "utf8mb4"
    assert Review.__table__.c.text is not None
