"""Real socket servers for what pytest-httpserver cannot do: count the bytes that actually
left the server, break a TLS connection in the middle of a body, never accept a connection.

`raw_server(answer)` accepts one connection in a thread, reads the request head and hands
the socket to `answer(conn, server)`; `server.send` writes through it and counts only the
bytes the kernel took. `unanswered_port()` is a port whose listen queue is full, so a
connection attempt hangs until the client's connect timeout.
"""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

SEND_BUFFER = 64 * 1024  # small, so few bytes sit in the server's buffer when a client leaves


@dataclass
class RawServer:
    url: str
    sent: int = 0  # bytes the kernel accepted from send(), never more than went out
    hung_up: bool = False  # the client closed the connection while the server was sending
    done: threading.Event = field(default_factory=threading.Event)

    def send(self, conn: socket.socket, data: bytes) -> None:
        """Send all of `data`, counting what was sent; raises when the client hung up."""
        view = memoryview(data)
        while view:
            n = conn.send(view)
            self.sent += n
            view = view[n:]


Answer = Callable[[socket.socket, RawServer], None]


def _read_head(conn: socket.socket) -> None:
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = conn.recv(4096)
        if not chunk:
            return
        head += chunk


@contextmanager
def raw_server(answer: Answer, tls: ssl.SSLContext | None = None) -> Iterator[RawServer]:
    """A one-connection server on 127.0.0.1 answering with `answer`; `tls` wraps it in TLS."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    server = RawServer(url=f"{'https' if tls else 'http'}://localhost:{port}")

    def serve() -> None:
        try:
            conn, _ = listener.accept()
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)
            if tls is not None:
                conn = tls.wrap_socket(conn, server_side=True)
            with conn:
                _read_head(conn)
                try:
                    answer(conn, server)
                except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                    server.hung_up = True
        except OSError:
            pass  # the listener was closed before a client came
        finally:
            server.done.set()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        listener.close()
        server.done.wait(10)


@contextmanager
def unanswered_port() -> Iterator[int]:
    """A local port that never completes a connection: its one-slot listen queue is full."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(3):  # a backlog of 0 still queues one or two; the next SYNs are dropped
        filler = socket.socket()
        filler.setblocking(False)
        with suppress(BlockingIOError):
            filler.connect(("127.0.0.1", port))
        fillers.append(filler)
    try:
        yield port
    finally:
        for filler in fillers:
            filler.close()
        listener.close()
