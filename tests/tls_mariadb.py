"""A dedicated MariaDB server with TLS, started by the tests that need one.

The shared local MariaDB has TLS switched off, and a desk that reaches the franchise
database over the internet must be proven to encrypt and to check the certificate. This
helper makes a throw-away CA and server certificate (``cryptography``), initialises a
small data directory with ``mariadb-install-db`` and runs ``mariadbd`` on a free port of
127.0.0.1, root with an empty password over TCP. It can be stopped and started again on
the same data directory and port (later tests restart it to prove reconnects).

    with TlsMariaDB() as server:          # or server.start() ... server.stop()
        url = server.url("mysql")          # mysql+pymysql://root@127.0.0.1:<port>/mysql
        make_engine(url, tls=TlsSettings(mode="verify_identity", ca=str(server.ca_cert)))

``server.other_ca_cert`` is a CA that signed nothing the server shows, for the negative
case; ``server.alias_host`` (127.0.0.2, where the system has it) reaches the same server
under a name its certificate does not carry. In a test module, one server per session:

    @pytest.fixture(scope="session")
    def tls_server() -> Iterator[TlsMariaDB]:
        with running_tls_mariadb() as server:   # skips without MariaDB, fails under CI
            yield server
"""

from __future__ import annotations

import contextlib
import datetime as dt
import ipaddress
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

MARIADBD_CANDIDATES = ("/usr/sbin/mariadbd", "/usr/sbin/mysqld", "/usr/bin/mariadbd")
# a fresh data directory is up in well under a second here; the bound is for slow CI boxes
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 15.0
POLL_INTERVAL_S = 0.05
ALIAS_HOST = "127.0.0.2"


@dataclass(frozen=True)
class MariaDBBinaries:
    server: str
    install_db: str


def mariadb_binaries() -> MariaDBBinaries | None:
    """The server and the data-directory initialiser, or None when MariaDB is absent."""
    server = shutil.which("mariadbd") or next(
        (p for p in MARIADBD_CANDIDATES if os.access(p, os.X_OK)), None
    )
    install_db = shutil.which("mariadb-install-db") or shutil.which("mysql_install_db")
    if server is None or install_db is None:
        return None
    return MariaDBBinaries(server=server, install_db=install_db)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _can_bind(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


# --- certificates --------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            # PKCS#1-style "traditional" PEM is what every MariaDB TLS library reads
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def make_ca(
    directory: Path, name: str
) -> tuple[Path, x509.Certificate, ec.EllipticCurvePrivateKey]:
    """A self-signed CA certificate (written to ``<name>.pem``) and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - dt.timedelta(days=1))
        .not_valid_after(_now() + dt.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path = directory / f"{name}.pem"
    _write_cert(path, cert)
    return path, cert, key


def make_server_cert(
    directory: Path, ca_cert: x509.Certificate, ca_key: ec.EllipticCurvePrivateKey
) -> tuple[Path, Path]:
    """A server certificate for ``localhost`` and 127.0.0.1 signed by the CA: (cert, key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(_now() - dt.timedelta(days=1))
        .not_valid_after(_now() + dt.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.IPAddress(ipaddress.IPv4Address("127.0.0.1")),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    cert_path = directory / "server-cert.pem"
    key_path = directory / "server-key.pem"
    _write_cert(cert_path, cert)
    _write_key(key_path, key)
    return cert_path, key_path


# --- the server ----------------------------------------------------------------------


class TlsMariaDBError(RuntimeError):
    """The dedicated server could not be set up or did not come up; says why."""


class TlsMariaDB:
    """A private ``mariadbd`` with TLS on a free port; ``start()``/``stop()`` as often as needed.

    The data directory, certificates and port survive ``stop()`` so a restarted server is
    the same server to its clients; ``cleanup()`` (or leaving the ``with`` block) removes
    everything.
    """

    def __init__(self, *, binaries: MariaDBBinaries | None = None) -> None:
        found = binaries or mariadb_binaries()
        if found is None:
            raise TlsMariaDBError("mariadbd / mariadb-install-db are not installed")
        self.binaries = found
        self.root = Path(tempfile.mkdtemp(prefix="jiazheng-tls-mariadb-"))
        self.data_dir = self.root / "data"
        self.socket_path = self.root / "mariadbd.sock"
        self.log_path = self.root / "mariadbd.err"
        self.port = 0
        self.alias_host: str | None = None
        self._pick_port()
        self._process: subprocess.Popen[bytes] | None = None
        self._started_once = False
        certs = self.root / "certs"
        certs.mkdir()
        self.ca_cert, ca, ca_key = make_ca(certs, "jiazheng-test-ca")
        self.other_ca_cert, _, _ = make_ca(certs, "unrelated-ca")
        self.server_cert, self.server_key = make_server_cert(certs, ca, ca_key)
        self._initialised = False

    def _pick_port(self) -> None:
        self.port = free_port()
        # a second loopback address that is *not* in the certificate: connecting through it
        # tells verify_identity (refuses) from verify_ca (accepts). Linux routes all of
        # 127/8 to lo; elsewhere the alias may not exist and those tests skip.
        self.alias_host = ALIAS_HOST if _can_bind(ALIAS_HOST, self.port) else None

    # the options both the initialiser and the server get: small, fast, private
    def _common_options(self) -> list[str]:
        opts = [
            f"--datadir={self.data_dir}",
            "--innodb-log-file-size=4M",
            "--innodb-buffer-pool-size=16M",
            "--skip-name-resolve",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # mariadbd refuses to run as root unless told to (the test machines run as root)
            opts.append("--user=root")
        return opts

    def _initialise(self) -> None:
        cmd = [
            self.binaries.install_db,
            "--no-defaults",
            *self._common_options(),
            # root with an empty password over TCP, as on the shared test server
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise TlsMariaDBError(
                f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}"
            )
        self._initialised = True

    @property
    def hosts(self) -> tuple[str, ...]:
        """The addresses the server listens on (never anything but loopback)."""
        return ("127.0.0.1", self.alias_host) if self.alias_host else ("127.0.0.1",)

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def url(self, database: str = "mysql", *, host: str = "127.0.0.1") -> str:
        """A URL of this server (no TLS options: those go to ``make_engine(tls=...)``)."""
        return f"mysql+pymysql://root@{host}:{self.port}/{database}"

    def start(self) -> None:
        """Start the server and return once it accepts MySQL connections."""
        if self.running:
            return
        if not self._initialised:
            self._initialise()
        # The free port may be taken between choosing it and binding it (tests running in
        # parallel). Before the first start nobody knows the port yet, so choose again; a
        # restart must keep its port, since clients already hold URLs with it.
        attempts = 1 if self._started_once else 3
        for attempt in range(attempts):
            try:
                self._start_once()
            except TlsMariaDBError:
                if attempt + 1 < attempts and "bind" in self.error_log().lower():
                    self._pick_port()
                    continue
                raise
            self._started_once = True
            return

    def _start_once(self) -> None:
        # a fresh error log each time, so a failed start is diagnosed by its own lines
        with contextlib.suppress(FileNotFoundError):
            self.log_path.unlink()
        cmd = [
            self.binaries.server,
            "--no-defaults",
            *self._common_options(),
            f"--socket={self.socket_path}",
            f"--pid-file={self.root / 'mariadbd.pid'}",
            f"--log-error={self.log_path}",
            f"--port={self.port}",
            f"--bind-address={','.join(self.hosts)}",
            f"--ssl-ca={self.ca_cert}",
            f"--ssl-cert={self.server_cert}",
            f"--ssl-key={self.server_key}",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
        ]
        self._process = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_until_ready()

    def _wait_until_ready(self) -> None:
        import pymysql

        deadline = time.monotonic() + START_TIMEOUT_S
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self._process is None or self._process.poll() is not None:
                raise TlsMariaDBError(f"mariadbd exited during start-up:\n{self.error_log()}")
            try:
                # a plain TCP login proves the grant tables are loaded, not just the port open
                conn = pymysql.connect(
                    host="127.0.0.1",
                    port=self.port,
                    user="root",
                    password="",
                    connect_timeout=2,
                    # a port held by something that is not MariaDB never sends a greeting
                    read_timeout=2,
                )
            except pymysql.err.MySQLError as exc:
                last = exc
                time.sleep(POLL_INTERVAL_S)
                continue
            conn.close()
            return
        self.stop()
        raise TlsMariaDBError(
            f"mariadbd did not accept connections within {START_TIMEOUT_S:.0f} s "
            f"({last}):\n{self.error_log()}"
        )

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL if it does not shut down in time)."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=STOP_TIMEOUT_S)

    def cleanup(self) -> None:
        """Stop the server and delete its data directory and certificates."""
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def error_log(self) -> str:
        with contextlib.suppress(OSError):
            return self.log_path.read_text(errors="replace")[-4000:]
        return "(no error log)"

    def __enter__(self) -> TlsMariaDB:
        try:
            self.start()
        except BaseException:
            self.cleanup()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.cleanup()


def require_mariadb() -> MariaDBBinaries:
    """The MariaDB binaries, or skip the test (fail it when ``CI`` is set)."""
    found = mariadb_binaries()
    if found is None:
        reason = "mariadbd / mariadb-install-db are not installed"
        if os.environ.get("CI"):
            pytest.fail(f"a TLS MariaDB is required in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    return found


@contextlib.contextmanager
def running_tls_mariadb() -> Iterator[TlsMariaDB]:
    """A started TLS server for a fixture; skips without MariaDB, removes all afterwards.

    @pytest.fixture(scope="session")
    def tls_server() -> Iterator[TlsMariaDB]:
        with running_tls_mariadb() as server:
            yield server
    """
    with TlsMariaDB(binaries=require_mariadb()) as server:
        yield server
