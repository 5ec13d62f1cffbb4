"""SGPClient against real sockets that misbehave below HTTP: a body far over the size cap
(counting what the server really sent), a TLS connection broken in the middle of a body,
and a server that never accepts the connection. See raw_server.py."""

from __future__ import annotations

import json
import os
import socket
import ssl
from pathlib import Path

import pytest
import trustme
from raw_server import RawServer, raw_server, unanswered_port

from sgp.api import (
    MAX_BODY_BYTES,
    APIConnectionBrokenError,
    APIConnectTimeoutError,
    APITimeoutError,
    ResponseTooLargeError,
)

MB = 1024 * 1024
BODY = 32 * MB  # far over the 10 MB cap
CHUNK = 256 * 1024
# What may sit in the two sockets' buffers when the client hangs up (measured about 1 MB).
BUFFER_SLACK = 8 * MB


def _head(*headers: str) -> bytes:
    lines = ["HTTP/1.1 200 OK", "Content-Type: application/json", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def _big_body(conn: socket.socket, server: RawServer) -> None:
    server.send(conn, b'{"id": "')
    for _ in range(BODY // CHUNK):
        server.send(conn, b"x" * CHUNK)
    server.send(conn, b'"}')


def test_body_over_10_mb_without_a_length_is_cut_off_at_the_limit(make_client):
    def no_length(conn: socket.socket, server: RawServer) -> None:
        server.send(conn, _head("Connection: close"))
        _big_body(conn, server)

    with raw_server(no_length) as server:
        with pytest.raises(ResponseTooLargeError) as caught:
            make_client(base_url=server.url).get_model("mdl_1")
        server.done.wait(10)

    assert "10 MB" in str(caught.value)
    # The client hung up after about 10 MB; the server could not send the other 20.
    assert server.hung_up
    assert MAX_BODY_BYTES < server.sent < MAX_BODY_BYTES + BUFFER_SLACK


def test_body_declared_over_10_mb_is_refused_before_reading_it(make_client, assert_key_hidden):
    def declared(conn: socket.socket, server: RawServer) -> None:
        server.send(conn, _head(f"Content-Length: {BODY + 10}", "x-request-id: req_big"))
        _big_body(conn, server)

    with raw_server(declared) as server:
        with pytest.raises(ResponseTooLargeError) as caught:
            make_client(base_url=server.url).get_model("mdl_1")
        server.done.wait(10)

    assert caught.value.request_id == "req_big"
    assert_key_hidden(caught.value)
    # Only what fits in the socket buffers left the server: the client read none of it.
    assert server.hung_up
    assert server.sent < BUFFER_SLACK < MAX_BODY_BYTES


@pytest.fixture(scope="module")
def tls_ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def trusted_tls(
    tls_ca: trustme.CA, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> ssl.SSLContext:
    """A server-side TLS context for localhost, whose CA the client trusts (as an operator
    would with REQUESTS_CA_BUNDLE)."""
    bundle = tmp_path / "ca.pem"
    tls_ca.cert_pem.write_to_path(str(bundle))
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(bundle))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    tls_ca.issue_cert("localhost").configure_cert(context)
    return context


def test_tls_broken_in_the_middle_of_the_body_is_a_broken_connection_not_a_timeout(
    make_client, trusted_tls, assert_key_hidden
):
    def breaks_mid_body(conn: socket.socket, server: RawServer) -> None:
        server.send(conn, _head("Content-Length: 2000", "x-request-id: req_tls"))
        server.send(conn, b'{"id": "mdl_1", "name": "')
        # A forged record written under the TLS layer: the client's TLS cannot decrypt it.
        os.write(conn.fileno(), b"\x17\x03\x03\x00\x20" + os.urandom(32))

    with (
        raw_server(breaks_mid_body, tls=trusted_tls) as server,
        pytest.raises(APIConnectionBrokenError) as caught,
    ):
        make_client(base_url=server.url, timeout=(5, 5)).get_model("mdl_1")

    assert server.url.startswith("https://")
    assert not isinstance(caught.value, APITimeoutError)
    assert "broke off" in str(caught.value) and "broke off" in caught.value.user_message
    assert caught.value.status_code == 200 and caught.value.request_id == "req_tls"
    assert_key_hidden(caught.value)


def test_a_good_tls_answer_still_reads(make_client, trusted_tls, hosted_model_json):
    # The control for the test above: the same server and certificate, an intact body.
    body = json.dumps(hosted_model_json).encode()

    def answers(conn: socket.socket, server: RawServer) -> None:
        server.send(conn, _head(f"Content-Length: {len(body)}") + body)

    with raw_server(answers, tls=trusted_tls) as server:
        model = make_client(base_url=server.url).get_model("mdl_openai_01")

    assert model.id == "mdl_openai_01"


def test_connect_timeout_is_reported_with_the_connect_timeout_not_the_read_timeout(
    make_client, assert_key_hidden
):
    with unanswered_port() as port:
        client = make_client(base_url=f"http://127.0.0.1:{port}", timeout=(0.5, 7))
        with pytest.raises(APIConnectTimeoutError) as caught:
            client.get_model("mdl_1")

    assert "0.5 s" in str(caught.value)
    assert "7 s" not in str(caught.value)
    assert "connect" in str(caught.value).lower()
    assert "did not accept a connection" in caught.value.user_message
    assert isinstance(caught.value, APITimeoutError)  # still a timeout for callers
    assert_key_hidden(caught.value, client)
