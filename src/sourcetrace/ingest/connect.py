"""The network under every fetch: connections that check where they go.

httpx's connection pool asks a network backend (httpcore's public interface) for each TCP
connection. Ours resolves the host name once, checks every address with ``Reach.check``, and
connects to one of those same addresses, so a DNS answer that changes between the check and
the connection (DNS rebinding) changes nothing; redirects open their connections here too, so
each hop is checked. TLS still verifies the host name, which httpcore hands to ``start_tls``.
"""

from __future__ import annotations

import socket
from collections.abc import Iterable

import httpcore
import httpx

from sourcetrace.ingest.addresses import Reach


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
        return super().connect_tcp(address, port, timeout, local_address, socket_options)


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
