"""HTTP fetching: address checks, a deadline per attempt, retries with backoff, redirects, a
size cap and a clear User-Agent.

Who may reach which addresses (``sourcetrace.ingest.addresses``): an input URL the user typed
may reach its own host at any address, and so may the links of a feed it names that stay on
that host; web jobs' URLs, links in feed files and links to other hosts (redirects included)
may reach only public addresses, unless ``allow_private`` lifts the rule.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from sourcetrace.ingest.addresses import Reach
from sourcetrace.ingest.connect import CheckedTransport, deadline
from sourcetrace.ingest.errors import ReadError

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None


class Fetcher:
    """The HTTP clients of a whole run, so connections are reused.

    ``timeout`` bounds each attempt as a whole, from connecting to the last byte.
    ``typed_inputs``: the input URLs were typed by the user (the command line), not sent
    by someone else (a web job). ``allow_private``: any URL may reach any address.
    """

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_bytes: int = 20_000_000,
        allow_private: bool = False,
        typed_inputs: bool = True,
    ) -> None:
        self.retries = max(1, retries)
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.timeout = timeout
        self.allow_private = allow_private
        self.typed_inputs = typed_inputs
        self._headers = {"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
        # One client per reach: a connection is pooled within its client only, so one opened
        # to a typed host's private address is never reused by a fetch that may not reach it.
        self._clients: dict[Reach, httpx.Client] = {}
        #: Where each typed input URL ended up (after redirects) -> the host the user typed.
        self._typed: dict[str, str] = {}

    def fetch(self, url: str) -> Fetched:
        """GET an input URL; raise ReadError with a one-line reason when it cannot be had."""
        host = _host(url) if self.typed_inputs else None
        fetched = self._fetch(url, host)
        if host is not None:
            self._typed[fetched.url] = host
        return fetched

    def fetch_link(self, link: str, found_at: str | None) -> Fetched:
        """GET a link found in a page or feed fetched from ``found_at`` (None: read from a
        file). It may reach a private address only when ``found_at`` is an input URL the user
        typed and ``link`` is on the same host."""
        typed_host = self._typed.get(found_at) if found_at else None
        return self._fetch(link, typed_host if typed_host == _host(link) else None)

    def _fetch(self, url: str, trusted_host: str | None) -> Fetched:
        try:
            scheme = httpx.URL(url).scheme
        except httpx.InvalidURL as exc:
            raise ReadError(f"invalid URL ({exc})") from None
        if scheme not in ("http", "https"):
            raise ReadError(
                f"only http(s) URLs can be fetched, not {scheme}: URLs"
                if scheme
                else "not a full URL (it needs http:// or https://)"
            )
        reach = Reach(any_address=True) if self.allow_private else Reach(host=trusted_host)
        client = self._client(reach)
        reason = ""
        for attempt in range(self.retries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            with deadline(self.timeout) as current:
                try:
                    return self._get(client, url)
                except httpx.HTTPStatusError as exc:
                    status = exc.response.status_code
                    reason = f"HTTP {status} {exc.response.reason_phrase}".strip()
                    if status not in _RETRY_STATUS:
                        raise ReadError(reason) from None
                except httpx.TimeoutException:
                    if current.received:  # a slow or endless answer would only come again
                        raise ReadError(
                            f"gave up after {self.timeout:g} s: the server was still sending"
                            " (raise the limit with --timeout)"
                        ) from None
                    reason = f"timed out after {self.timeout:g} s"
                except httpx.TooManyRedirects:
                    raise ReadError("too many redirects") from None
                except httpx.InvalidURL as exc:
                    raise ReadError(f"invalid URL ({exc})") from None
                except httpx.TransportError as exc:
                    reason = f"cannot connect ({exc or 'no detail'})"
        tries = f"{self.retries} attempts" if self.retries > 1 else "1 attempt"
        raise ReadError(f"{reason} ({tries})")

    def _client(self, reach: Reach) -> httpx.Client:
        client = self._clients.get(reach)
        if client is None:
            if reach.host is not None:  # a typed host's client serves one input and its links
                for old in [r for r in self._clients if r.host is not None]:
                    self._clients.pop(old).close()
            client = self._clients[reach] = httpx.Client(
                transport=CheckedTransport(reach),
                headers=self._headers,
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=True,
                max_redirects=10,
            )
        return client

    def _get(self, client: httpx.Client, url: str) -> Fetched:
        with client.stream("GET", url) as response:
            response.raise_for_status()
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise ReadError(_too_big(int(declared), self.max_bytes))
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise ReadError(_too_big(size, self.max_bytes, at_least=True))
                chunks.append(chunk)
            content_type = response.headers.get("content-type", "")
            return Fetched(
                url=str(response.url),
                content=b"".join(chunks),
                content_type=content_type.split(";")[0].strip().lower(),
                charset=response.charset_encoding,
            )

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()


def _host(url: str) -> str | None:
    """The host name as the connection will see it (lower case, IDNA-encoded)."""
    try:
        return httpx.URL(url).raw_host.decode("ascii").lower() or None
    except (httpx.InvalidURL, UnicodeDecodeError):
        return None


def _too_big(size: int, cap: int, *, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return (
        f"{more}{size / 1e6:.1f} MB, above the {cap / 1e6:g} MB size cap "
        "(raise it with --max-bytes)"
    )
