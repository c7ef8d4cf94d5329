"""Personal data at rest: ID-card and bank numbers are encrypted, searched by keyed hash,
and shown masked.

The data key (a Fernet key) is handed in by the face at start-up (``configure``): every
desk and API process of a franchise uses the same key, kept in each machine's keyring
(``jiazheng-desk config data-key``) or given to servers as ``JIAZHENG_DATA_KEY``. The
keyed hash (HMAC with a key derived from the data key) finds duplicates without
decrypting anything.
"""

from __future__ import annotations

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken

from jiazheng_desk.services.errors import DomainError

_fernet: Fernet | None = None
_hash_key: bytes | None = None


class PersonalDataUnavailable(DomainError):
    """The data key is missing or wrong: personal data cannot be read or written."""

    key = "pii.no_key"
    http_status = 503


def configure(key: bytes | str | None) -> None:
    """Use this data key (None switches personal data off)."""
    global _fernet, _hash_key
    if key is None:
        _fernet, _hash_key = None, None
        return
    raw = key.encode() if isinstance(key, str) else key
    _fernet = Fernet(raw)
    _hash_key = hashlib.sha256(b"jiazheng-lookup:" + raw).digest()


def new_key() -> str:
    return Fernet.generate_key().decode()


def _box() -> Fernet:
    if _fernet is None:
        raise PersonalDataUnavailable()
    return _fernet


def encrypt(text: str) -> bytes:
    return _box().encrypt(text.encode("utf-8"))


def decrypt(token: bytes) -> str:
    try:
        return _box().decrypt(token).decode("utf-8")
    except InvalidToken:
        raise PersonalDataUnavailable("pii.wrong_key") from None


def lookup_hash(text: str) -> str:
    """A keyed hash for finding the same number again (duplicates, blacklist)."""
    if _hash_key is None:
        raise PersonalDataUnavailable()
    return hmac.new(_hash_key, text.strip().upper().encode("utf-8"), hashlib.sha256).hexdigest()


def mask_id_number(number: str) -> str:
    """110***********1234: the region and the last four, nothing of the birth date."""
    n = number.strip()
    return n[:3] + "*" * max(0, len(n) - 7) + n[-4:] if len(n) > 7 else "*" * len(n)


def mask_bank_account(number: str) -> str:
    n = number.replace(" ", "")
    return "**** **** " + n[-4:] if len(n) > 4 else "*" * len(n)
