"""Small rules of the customer app's services: public names, the sandbox's signatures,
money strings and what makes two keyed requests "the same"."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from api_stub.idempotency import request_hash
from api_stub.money import money, yuan
from jiazheng_desk.services.public_people import masked_name, public_name, surname
from jiazheng_desk.sync.gateways.payment_sandbox import SandboxPaymentGateway, sign


@pytest.mark.parametrize(
    ("name", "gender", "shown"),
    [
        ("王芳", "female", "王阿姨"),
        ("李强", "male", "李师傅"),
        ("欧阳娜娜", "female", "欧阳阿姨"),
        ("欧阳", "female", "欧阿姨"),  # a two-character name: 欧 is the surname
        ("张伟", "", "张老师"),
        ("Anna Smith", "female", "Anna 阿姨"),
        ("", "male", "师傅"),
    ],
)
def test_public_names(name, gender, shown):
    assert public_name(name, gender) == shown


def test_surnames_and_masks():
    assert surname("  司马光 ") == "司马"
    assert (masked_name("张三丰"), masked_name(""), masked_name("Tom")) == ("张*", "*", "T*")


def test_the_sandbox_signs_and_verifies():
    gateway = SandboxPaymentGateway("s3cret")
    intent = gateway.create_intent(42, 12345, "alipay")
    assert intent.gateway_ref == "SBX-42" and intent == gateway.create_intent(42, 12345, "alipay")
    assert intent.params["amount_fen"] == "12345"
    body, signature = gateway.callback("SBX-42", 12345)
    assert signature == sign("s3cret", body) and len(signature) == 64
    assert gateway.signature_ok(body, signature)
    assert gateway.signature_ok(body, f" {signature.upper()} ")
    assert not gateway.signature_ok(body + b" ", signature)
    assert not gateway.signature_ok(body, signature[:-1])
    assert not gateway.signature_ok(body, "签名")
    assert not SandboxPaymentGateway("other").signature_ok(body, signature)
    # without a secret nothing verifies, not even a signature made with the empty key
    assert not SandboxPaymentGateway("").signature_ok(body, sign("", body))


@pytest.mark.parametrize(
    ("fen", "text"), [(0, "¥0.00"), (5, "¥0.05"), (12345, "¥123.45"), (-500, "-¥5.00")]
)
def test_money_strings(fen, text):
    assert yuan(fen) == text
    assert money("total", fen) == {"total_fen": fen, "total": text}


class _Body(BaseModel):
    a: int
    b: list[int]


def test_the_same_request_hashes_alike_and_another_does_not():
    one = request_hash("r", _Body.model_validate_json('{"a": 1, "b": [2]}'))
    same = request_hash("r", _Body.model_validate_json('{ "b":[2],  "a":1 }'))
    assert one == same
    assert one != request_hash("r", _Body(a=1, b=[3]))
    assert one != request_hash("other", _Body(a=1, b=[2]))
    assert one != request_hash("r", _Body(a=1, b=[2]), {"order_id": 7})
