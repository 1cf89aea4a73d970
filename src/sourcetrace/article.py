"""The article: the plain data object every stage after ingestion reads.

It is JSON-serialisable (``to_dict``/``from_dict``) and versioned by
``SCHEMA_VERSION``; the raw bytes travel beside it but are left out of the
JSON form unless asked for, since they can be large.
"""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


@dataclass(slots=True)
class Article:
    """One news article as sourcetrace stores it."""

    id: str
    text: str
    paragraphs: list[str]
    title: str | None = None
    url: str | None = None
    external_id: str | None = None
    #: The outlet as sourcetrace names it (``outlets.article_outlet``): one name per outlet.
    outlet: str | None = None
    #: The outlet as the page or input gave it ("FOX"); None when only the URL named it.
    outlet_given: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    modified: str | None = None
    language: str | None = None
    source: str = ""
    format: str = ""
    encoding: str | None = None
    #: Which extractor stage produced each metadata field, e.g. {"title": "json-ld"}.
    field_sources: dict[str, str] = field(default_factory=dict)
    #: Lines removed as page furniture, kept so nothing is silently lost.
    furniture: list[str] = field(default_factory=list)
    #: Non-fatal problems met while reading this article.
    warnings: list[str] = field(default_factory=list)
    raw: bytes = b""
    raw_type: str = ""
    #: :func:`raw_key` of ``raw``: same bytes read by the same version give the same article.
    raw_key: str = ""
    schema_version: int = SCHEMA_VERSION

    @property
    def content_hash(self) -> str:
        """Hash of what a reader sees: a change here means the article was updated."""
        meta = "\x1f".join(
            [self.title or "", self.outlet or "", ",".join(self.authors), self.published or ""]
        )
        return _sha(meta + "\x1e" + self.text)

    def to_dict(self, *, include_raw: bool = False) -> dict[str, Any]:
        data = asdict(self)
        data.pop("raw")
        if include_raw:
            data["raw_base64"] = base64.b64encode(self.raw).decode("ascii")
        data["content_hash"] = self.content_hash
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if "raw_base64" in data:
            values["raw"] = base64.b64decode(data["raw_base64"])
        return cls(**values)


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def normalise_text(text: str) -> str:
    """Text reduced to what identifies it: NFKC, case-folded, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip()


def raw_key(raw: bytes) -> str:
    """Key of raw bytes as read by this version of sourcetrace (a new version reads afresh)."""
    from sourcetrace.version import __version__

    return hashlib.sha256(__version__.encode() + b"\0" + raw).hexdigest()[:32]


def article_id(*, canonical_url: str | None, external_id: str | None, text: str) -> str:
    """Stable id: the canonical URL when known, else the input's own id, else the text."""
    if canonical_url:
        key = "url:" + canonical_url
    elif external_id:
        key = "id:" + external_id
    else:
        key = "text:" + normalise_text(text)
    return _sha(key)[:16]
