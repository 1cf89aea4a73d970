"""The network under every fetch: connections that check where they go, and a deadline.

httpx's connection pool asks a network backend (httpcore's public interface) for each TCP
connection. Ours resolves the host name once, checks every address with ``Reach.check``, and
connects to one of those same addresses, so a DNS answer that changes between the check and
the connection (DNS rebinding) changes nothing; redirects open their connections here too, so
each hop is checked. TLS still verifies the host name, which httpcore hands to ``start_tls``.

Every connect, read and write waits no longer than what is left of the current attempt's
deadline (``deadline()``), so a server that sends one byte now and then cannot hold a fetch
past it.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import httpcore
import httpx

from sourcetrace.ingest.addresses import Reach


@dataclass(slots=True)
class Attempt:
    """One HTTP attempt: when it must end, and how many bytes of answer arrived since the
    last connection was opened or request sent (any at all: the server was still sending)."""

    ends: float
    received: int = 0


_ATTEMPT: ContextVar[Attempt | None] = ContextVar("sourcetrace_fetch_attempt", default=None)


@contextmanager
def deadline(seconds: float) -> Iterator[Attempt]:
    """Bound every network wait in this block (this thread) to ``seconds`` from now."""
    attempt = Attempt(time.monotonic() + seconds)
    token = _ATTEMPT.set(attempt)
    try:
        yield attempt
    finally:
        _ATTEMPT.reset(token)


def _left(timeout: float | None, late: type[Exception]) -> float | None:
    """``timeout`` cut to what is left of the deadline; ``late`` once nothing is left."""
    attempt = _ATTEMPT.get()
    if attempt is None:
        return timeout
    left = attempt.ends - time.monotonic()
    if left <= 0:
        raise late("the deadline of this attempt has passed")
    return left if timeout is None else min(timeout, left)


def _sending() -> None:
    """A new connection or request: what arrives next belongs to its answer."""
    attempt = _ATTEMPT.get()
    if attempt is not None:
        attempt.received = 0


class _Stream(httpcore.NetworkStream):
    """A connection whose waits end at the deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data = self._inner.read(max_bytes, _left(timeout, httpcore.ReadTimeout))
        attempt = _ATTEMPT.get()
        if attempt is not None:
            attempt.received += len(data)
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        _sending()
        self._inner.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        limit = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, limit))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class CheckedBackend(httpcore.SyncBackend):
    """TCP connections only to addresses that ``reach`` allows, checked after resolution."""

    def __init__(self, reach: Reach) -> None:
        self.reach = reach

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _resolve(host, port)
        self.reach.check(host, addresses)
        for address in addresses[:-1]:  # the next address when one cannot be reached
            try:
                return self._connect(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError:
                continue
        return self._connect(addresses[-1], port, timeout, local_address, socket_options)

    def _connect(
        self,
        address: str,
        port: int,
        timeout: float | None,
        local_address: str | None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None,
    ) -> httpcore.NetworkStream:
        _sending()
        limit = _left(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_tcp(address, port, limit, local_address, socket_options))


def _resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to, each once, in the resolver's order."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise httpcore.ConnectError(f"cannot resolve {host} ({exc})") from None
    addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
    if not addresses:
        raise httpcore.ConnectError(f"cannot resolve {host} (no addresses)")
    return addresses


class CheckedTransport(httpx.HTTPTransport):
    """httpx's own transport over a :class:`CheckedBackend`."""

    def __init__(self, reach: Reach) -> None:
        super().__init__()
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)
        # httpx 0.28 takes no network backend of its own (encode/httpx#3749), so the pool it
        # built is replaced by the same pool over ours.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=CheckedBackend(reach),
        )
