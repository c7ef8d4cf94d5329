"""MySQL over TLS: the desk encrypts, checks the certificate, and refuses a plain server.

A dedicated MariaDB with TLS (``tests/tls_mariadb.py``) runs once for this module; the
shared local server has TLS switched off and serves as the "no TLS on offer" case.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL

from jiazheng_desk.config import TlsSettings
from jiazheng_desk.db import friendly_error, make_engine
from jiazheng_desk.i18n import set_language, t
from tests.tls_mariadb import TlsMariaDB, running_tls_mariadb

pytestmark = pytest.mark.mysql_only


@pytest.fixture(scope="session")
def tls_server() -> Iterator[TlsMariaDB]:
    with running_tls_mariadb() as server:
        yield server


@pytest.fixture
def engines() -> Iterator[list[Engine]]:
    """Engines a test makes; disposed afterwards so no pooled connection outlives it."""
    made: list[Engine] = []
    yield made
    for engine in made:
        engine.dispose()


@pytest.fixture(params=["zh_CN", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    """Each message check in both languages; back to the default afterwards."""
    yield set_language(request.param)
    set_language(None)


def _engine(engines: list[Engine], url: str | URL, tls: TlsSettings) -> Engine:
    engine = make_engine(url, tls=tls)
    engines.append(engine)
    return engine


def _cipher(engine: Engine) -> str:
    with engine.connect() as conn:
        row = conn.execute(text("SHOW SESSION STATUS LIKE 'Ssl_cipher'")).one()
    return str(row[1])


def _connect_error(engine: Engine) -> sa_exc.OperationalError:
    with pytest.raises(sa_exc.OperationalError) as err, engine.connect():
        pass
    return err.value


def _tls_failed_prefix() -> str:
    """The words of db.tls_failed before its detail, in the current language."""
    return t("db.tls_failed", detail="\0").split("\0")[0]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_verify_identity_with_the_right_ca_connects_encrypted(tls_server, engines, host):
    tls = TlsSettings(mode="verify_identity", ca=str(tls_server.ca_cert))
    engine = _engine(engines, tls_server.url(host=host), tls)
    assert _cipher(engine)  # empty when the session is not encrypted


def test_verify_ca_checks_the_issuer_but_not_the_name(tls_server, engines):
    if tls_server.alias_host is None:
        pytest.skip("no second loopback address to connect through")
    tls = TlsSettings(mode="verify_ca", ca=str(tls_server.ca_cert))
    engine = _engine(engines, tls_server.url(host=tls_server.alias_host), tls)
    assert _cipher(engine)


def test_verify_identity_refuses_a_certificate_for_another_name(tls_server, engines):
    if tls_server.alias_host is None:
        pytest.skip("no second loopback address to connect through")
    tls = TlsSettings(mode="verify_identity", ca=str(tls_server.ca_cert))
    engine = _engine(engines, tls_server.url(host=tls_server.alias_host), tls)
    error = _connect_error(engine)
    assert "not valid for '127.0.0.2'" in str(error)


def test_required_encrypts_without_verifying(tls_server, engines):
    # no CA given at all: the server's certificate is not checked, but the link is encrypted
    engine = _engine(engines, tls_server.url(), TlsSettings(mode="required"))
    assert _cipher(engine)


def test_verify_identity_with_a_foreign_ca_is_refused(tls_server, engines):
    tls = TlsSettings(mode="verify_identity", ca=str(tls_server.other_ca_cert))
    engine = _engine(engines, tls_server.url(), tls)
    error = _connect_error(engine)
    assert "CERTIFICATE_VERIFY_FAILED" in str(error)


def test_a_foreign_ca_gives_the_tls_message(tls_server, engines, lang):
    tls = TlsSettings(mode="verify_identity", ca=str(tls_server.other_ca_cert))
    engine = _engine(engines, tls_server.url(), tls)
    message = friendly_error(_connect_error(engine), engine.url)
    assert message.startswith(_tls_failed_prefix())


def test_required_against_a_server_without_tls_is_refused_readably(mysql_server, engines, lang):
    with mysql_server.admin.connect() as conn:
        have_ssl = conn.execute(text("SHOW VARIABLES LIKE 'have_ssl'")).one()[1]
    if have_ssl == "YES":
        pytest.skip("the test MySQL server offers TLS; this case needs one that does not")
    engine = _engine(engines, mysql_server.url, TlsSettings(mode="required"))
    message = friendly_error(_connect_error(engine), engine.url)
    assert message.startswith(_tls_failed_prefix())
    assert "Traceback" not in message


def test_the_server_comes_back_after_a_restart(tls_server, engines):
    """The helper's restart keeps port, data and certificates (later issues rely on it)."""
    tls = TlsSettings(mode="verify_identity", ca=str(tls_server.ca_cert))
    engine = _engine(engines, tls_server.url(), tls)
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE IF NOT EXISTS survives_restart"))
    engine.dispose()
    tls_server.stop()
    assert not tls_server.running
    tls_server.start()
    with engine.connect() as conn:
        names = conn.execute(text("SHOW DATABASES LIKE 'survives_restart'")).scalars().all()
    assert names == ["survives_restart"]
    assert _cipher(engine)
