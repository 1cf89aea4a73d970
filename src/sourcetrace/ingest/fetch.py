"""HTTP fetching: timeouts, retries with backoff, redirects, a size cap and a clear User-Agent."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx

from sourcetrace.ingest.errors import ReadError

_RETRY_STATUS = {429, 500, 502, 503, 504}


@dataclass(slots=True)
class Fetched:
    url: str  # after redirects
    content: bytes
    content_type: str
    charset: str | None


class Fetcher:
    """One HTTP client for a whole run, so connections are reused."""

    def __init__(
        self,
        *,
        user_agent: str,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 0.5,
        max_bytes: int = 20_000_000,
    ) -> None:
        self.retries = max(1, retries)
        self.backoff = backoff
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,*/*"},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=10,
        )

    def fetch(self, url: str) -> Fetched:
        """GET ``url``; raise ReadError with a one-line reason when it cannot be had."""
        reason = ""
        for attempt in range(self.retries):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return self._get(url)
            except httpx.HTTPStatusError as exc:
                status = exc.response.status_code
                reason = f"HTTP {status} {exc.response.reason_phrase}".strip()
                if status not in _RETRY_STATUS:
                    raise ReadError(reason) from None
            except httpx.TimeoutException:
                reason = f"timed out after {self.timeout:g} s"
            except httpx.TooManyRedirects:
                raise ReadError("too many redirects") from None
            except httpx.InvalidURL as exc:
                raise ReadError(f"invalid URL ({exc})") from None
            except httpx.TransportError as exc:
                reason = f"cannot connect ({type(exc).__name__}: {exc or 'no detail'})"
        tries = f"{self.retries} attempts" if self.retries > 1 else "1 attempt"
        raise ReadError(f"{reason} ({tries})")

    def _get(self, url: str) -> Fetched:
        with self._client.stream("GET", url) as response:
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
        self._client.close()


def _too_big(size: int, cap: int, *, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return (
        f"{more}{size / 1e6:.1f} MB, above the {cap / 1e6:g} MB size cap "
        "(raise it with --max-bytes)"
    )
