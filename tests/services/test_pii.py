"""Personal data: encrypted at rest, found by keyed hash, masked in lists, key management."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from jiazheng_desk.cli import main
from jiazheng_desk.config import load_secret
from jiazheng_desk.models import Worker
from jiazheng_desk.services import pii
from tests.booking_factories import make_worker, make_world
from tests.conftest import TEST_DATA_KEY

ID = "11010519491231002X"


def test_the_raw_column_does_not_contain_the_number(db):
    worker = make_worker(db, make_world(db))
    worker.id_number_enc = pii.encrypt(ID)
    worker.id_number_hash = pii.lookup_hash(ID)
    db.flush()
    raw = db.execute(
        text("SELECT id_number_enc, id_number_hash FROM worker WHERE id = :i"), {"i": worker.id}
    ).one()
    assert ID.encode() not in bytes(raw[0]) and ID not in raw[1]
    db.expire_all()
    assert pii.decrypt(db.get(Worker, worker.id).id_number_enc) == ID
    assert pii.lookup_hash(ID.lower()) == raw[1]  # the same number, however typed


def test_masks():
    assert pii.mask_id_number(ID) == "110***********002X"
    assert pii.mask_bank_account("6222 0212 3456 7890") == "**** **** 7890"


def test_without_a_key_personal_data_is_refused_readably():
    pii.configure(None)
    try:
        with pytest.raises(pii.PersonalDataUnavailable) as err:
            pii.encrypt(ID)
        assert "data-key" in str(err.value)
    finally:
        pii.configure(TEST_DATA_KEY)


def test_a_wrong_key_cannot_read(monkeypatch):
    token = pii.encrypt(ID)
    pii.configure(pii.new_key())
    try:
        with pytest.raises(pii.PersonalDataUnavailable):
            pii.decrypt(token)
    finally:
        pii.configure(TEST_DATA_KEY)


def test_config_data_key_generates_imports_and_exports(capsys, monkeypatch):
    monkeypatch.delenv("JIAZHENG_DATA_KEY")
    try:
        assert main(["config", "data-key", "--generate"]) == 0
        key = load_secret("data-key")
        assert key and len(key) == 44
        capsys.readouterr()
        assert main(["config", "data-key", "--export"]) == 0
        assert capsys.readouterr().out.strip() == key
        assert main(["--lang", "en", "config", "data-key", "--import", "nonsense"]) == 2
        assert "not a valid key" in capsys.readouterr().err
        assert main(["config", "data-key", "--import", TEST_DATA_KEY]) == 0
        assert load_secret("data-key") == TEST_DATA_KEY
    finally:
        pii.configure(TEST_DATA_KEY)
