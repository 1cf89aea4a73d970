"""Which network addresses a fetch may reach.

Web jobs and the links found inside feeds must not reach this machine or the networks behind
it (server-side request forgery): each resolved address goes through ``RULES`` in order, and
the first rule that holds names the refusal. ``Reach`` says whose addresses are exempt.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from sourcetrace.ingest.errors import ReadError

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

#: (what the address is, the test), asked in this order. One example each:
#: 127.0.0.1, 0.0.0.0, 169.254.169.254, fec0::1, 224.0.0.1, 240.0.0.1, 10.0.0.1, 100.64.0.1.
RULES: tuple[tuple[str, Callable[[Address], bool]], ...] = (
    ("a loopback address", lambda ip: ip.is_loopback),
    ("the unspecified address", lambda ip: ip.is_unspecified),
    ("a link-local address", lambda ip: ip.is_link_local),
    ("a site-local address", lambda ip: ip.version == 6 and ip.is_site_local),
    ("a multicast address", lambda ip: ip.is_multicast),
    ("a reserved address", lambda ip: ip.is_reserved),
    ("a private address", lambda ip: ip.is_private),
    ("a non-public address", lambda ip: not ip.is_global),
)

ALLOW_HINT = "set SOURCETRACE_ALLOW_PRIVATE_URLS=1 to allow such addresses"


class Refused(ReadError):
    """A fetch that would reach an address its ``Reach`` forbids."""


def refusal(address: str) -> str | None:
    """What makes ``address`` (an IP literal) off limits, e.g. "a loopback address"; None
    when it is public. An IPv4 address written as IPv6 (``::ffff:127.0.0.1``) is judged as
    the IPv4 address it is."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return next((label for label, holds in RULES if holds(ip)), None)


@dataclass(frozen=True, slots=True)
class Reach:
    """Which hosts a fetch may find at any address: all of them (``any_address``, the
    ``allow_private_urls`` setting), one host the user named (``host``), or none."""

    any_address: bool = False
    host: str | None = None

    def check(self, host: str, addresses: list[str]) -> None:
        """Raise Refused when ``host`` resolved to an address this reach forbids."""
        if self.any_address or host.lower() == self.host:
            return
        for address in addresses:
            label = refusal(address)
            if label is None:
                continue
            what = f"{address} is" if host == address else f"{host} is {address},"
            raise Refused(f"refused: {what} {label}; {ALLOW_HINT}")
