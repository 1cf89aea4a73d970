"""A deadline per fetch: a server that sends one byte now and then cannot hold an item past
``timeout`` (issue 31, item 5)."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from sourcetrace.ingest import IngestOptions, ingest

#: The two ways to dribble: the headers arrive slowly, or the body does (each 10 s in all).
DRIBBLES = {
    "headers": (b"HTTP/1.1 200 OK\r\n", b"X-Slow: ...........\r\n\r\n"),
    "body": (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n\r\n",
        b"Slow news, slowly...",
    ),
}
GAP = 0.5


class DribblingServer:
    """A real TCP server on 127.0.0.1 that answers every request with ``head`` at once, then
    ``tail`` one byte every ``GAP`` seconds, then closes."""

    def __init__(self, head: bytes, tail: bytes) -> None:
        self.head, self.tail = head, tail
        self.stopped = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}/slow"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        with contextlib.suppress(OSError):
            while not self.stopped.is_set():
                conn, _ = self._listener.accept()
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn, contextlib.suppress(OSError):
            request = b""
            while b"\r\n\r\n" not in request:
                request += conn.recv(4096) or b"\r\n\r\n"
            conn.sendall(self.head)
            for byte in self.tail:
                if self.stopped.wait(GAP):
                    return
                conn.sendall(bytes([byte]))

    def close(self) -> None:
        self.stopped.set()
        self._listener.close()


@pytest.fixture(params=sorted(DRIBBLES))
def dribbling(request) -> Iterator[DribblingServer]:
    server = DribblingServer(*DRIBBLES[request.param])
    yield server
    server.close()


def test_a_server_sending_a_byte_now_and_then_is_given_up_at_the_deadline(
    tmp_path, dribbling, store
):
    good = tmp_path / "good.txt"
    good.write_text("Good article\n\nThe council said the bridge would reopen in May.")
    given_up: list[float] = []
    started = time.monotonic()
    result = ingest(
        [dribbling.url, str(good)],
        store,
        IngestOptions(timeout=2.0, retries=3, backoff=0.05),
        on_problem=lambda _: given_up.append(time.monotonic() - started),
    )
    assert 2.0 <= given_up[0] < 4.0, f"{given_up[0]:.1f} s for a 2 s deadline (the answer: 10 s)"
    [problem] = result.problems
    assert (problem.item, problem.reason) == (
        dribbling.url,
        "gave up after 2 s: the server was still sending (raise the limit with --timeout)",
    )
    assert [a.title for a in store.articles()] == ["Good article"]
