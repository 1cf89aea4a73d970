"""What keeps the app to itself: response headers that keep untrusted article data inert in
the browser, and checks that other sites can neither write through it nor read it.

Every page is server-rendered with autoescaping; on top of that the policy below allows no
inline script or style at all, no plugin, no framing and no form posting elsewhere, so even a
string that slipped through escaping could not run.

The app answers only the host names it serves (a page of a foreign site that DNS rebinding
points at 127.0.0.1 still names its own host), and a request that writes must come from one of
its own pages: same scheme, host and port in ``Origin`` (or ``Referer``). Browsers send one of
them with every form post and ``fetch``; a request with neither comes from a program, not from
a page, and still needs the form's token (see ``ingest_pages``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    # Not no-referrer: under it a browser posts this app's own form with ``Origin: null``,
    # which the same-origin check must refuse. same-origin sends nothing to other sites.
    "Referrer-Policy": "same-origin",
}
#: The names the app answers by default: this machine's own.
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
#: Methods that only read; every other one is a write and must come from the app's own pages.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_NAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response (pages, JSON, static files,
    errors, redirects)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


class HeadAsGet:
    """ASGI middleware: a HEAD request is answered like GET (status and headers, including
    the length of the body) with the body left out, as HTTP asks; link checkers and
    ``curl -I`` use it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def split_host(value: str) -> tuple[str, int | None]:
    """A ``Host`` header or an ``--allowed-host`` value (``name``, ``name:port``,
    ``[::1]:8000``) as its lower-case name (IPv6 without brackets) and port. Raises
    ValueError for anything else: a path, a user, a bad port or characters no host name has."""
    parts = urlsplit(f"//{value}")
    name = parts.hostname or ""
    port = parts.port  # raises ValueError for a port that is not a number in range
    if parts.netloc != value or parts.username is not None or not name:
        raise ValueError(f"not a host name: {value!r}")
    if not _HOST_NAME.fullmatch(name):
        ipaddress.ip_address(name)  # raises ValueError when it is not an address either
    return name, port


def shown_host(name: str, port: int | None) -> str:
    """``name:port`` as a browser writes it (IPv6 in brackets)."""
    host = f"[{name}]" if ":" in name else name
    return host if port is None else f"{host}:{port}"


class AllowedHosts:
    """ASGI middleware: 400 for a request whose ``Host`` is not one the app serves: the
    loopback names (on ``port`` only, when it is known) and ``names`` (each ``name`` on any
    port, or ``name:port``)."""

    def __init__(self, app: ASGIApp, *, port: int | None, names: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {(name, port) for name in LOOPBACK_NAMES} | {
            split_host(name) for name in names
        }

    def allows(self, host: str, scheme: str) -> bool:
        """Whether ``host`` (a ``Host`` header; no port means the scheme's default) is served."""
        try:
            name, port = split_host(host)
        except ValueError:
            return False
        port = port or DEFAULT_PORTS.get(scheme)
        return (name, port) in self.allowed or (name, None) in self.allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "")
        if self.allows(host, scope["scheme"]):
            await self.app(scope, receive, send)
            return
        served = ", ".join(sorted(shown_host(name, port) for name, port in self.allowed))
        message = (
            f"this server does not answer to the host name {host!r}: open it as one of"
            f" {served}, or start serve with --allowed-host NAME for another name"
        )
        await PlainTextResponse(message, status_code=400)(scope, receive, send)


def origin_of(url: str) -> tuple[str, str, int] | None:
    """A URL's origin (scheme, lower-case host, port with the scheme's default filled in), or
    None for ``null`` and anything else that names no http(s) origin."""
    try:
        parts = urlsplit(url)
        port = parts.port or DEFAULT_PORTS.get(parts.scheme)
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname or port is None:
        return None
    return parts.scheme, parts.hostname, port


class SameOriginWrites:
    """ASGI middleware: 403 for a request that writes (any method but GET, HEAD and OPTIONS)
    whose ``Origin``, or ``Referer`` when there is no ``Origin``, is not this app's own
    origin: the request's scheme and its ``Host`` (checked by :class:`AllowedHosts`). Runs
    before the body is read, so a refused upload never reaches the disk. A request with
    neither header passes here: browsers always send one, so it comes from a program."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        sender = headers.get("origin", headers.get("referer"))
        own = origin_of(f"{scope['scheme']}://{headers.get('host', '')}/")
        if sender is None or (own is not None and origin_of(sender) == own):
            await self.app(scope, receive, send)
            return
        message = (
            f"cross-site request refused: it came from {sender!r}, not from this server's own"
            " pages; use the form at /ingest on this server"
        )
        await PlainTextResponse(message, status_code=403)(scope, receive, send)
