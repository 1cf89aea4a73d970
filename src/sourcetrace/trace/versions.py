"""Claim versions: one claim as one article states it, with everything tracing needs.

A version is built from an article's analysis (``ArticleAnalysis.to_dict()``), so tracing
reads plain data and never re-runs the analysis.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from sourcetrace.outlets import outlet_key

_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_ARTICLES = {"the", "a", "an", "one"}


def name_key(name: str | None) -> str:
    """How two names of one outlet or source compare: articles dropped, then as
    :func:`~sourcetrace.outlets.outlet_key` ("The Harbor Ledger", "Harbor Ledger" and
    "harborledger.com"; "FOX" and "Fox News"; "One senior official" and "a senior
    official")."""
    words = (name or "").split()
    return outlet_key(" ".join(w for w in words if w.lower() not in _ARTICLES))


def same_value(x: float | None, y: float | None) -> bool:
    """Two quantities' values agree within 2% ("6,000" and "up to 6,000" do)."""
    return x is not None and y is not None and abs(x - y) <= 0.02 * max(abs(x), abs(y))


def same_speaker(a: ClaimVersion, b: ClaimVersion) -> bool:
    """One named speaker in both versions: the same canonical entity (:mod:`.identity`) when
    both have one, or one speaking for the other or both for one principal (a spokesperson
    and the body); else the same name."""
    if a.speaker_id and b.speaker_id:
        ids_a = {a.speaker_id, a.principal_id} - {None}
        ids_b = {b.speaker_id, b.principal_id} - {None}
        return bool(ids_a & ids_b)
    return name_key(a.speaker) == name_key(b.speaker)


@dataclass(slots=True)
class ClaimVersion:
    article: str
    outlet: str | None
    published: str | None
    order: int  # the article's arrival order, for stories without dates
    claim: int  # index among the article's versions: its claims, then its other attributions
    text: str
    kind: str | None  # direct, indirect, mixed (the attribution's); None in the outlet's voice
    speaker: str | None
    source_type: str
    source_text: str | None  # how the article describes the source
    cue: str | None = None  # the reporting verb ("said", "admitted"); None in its own voice
    chain: list[dict[str, str]] = field(default_factory=list)
    quantities: list[dict[str, Any]] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    certainty: str = "asserted"
    type: str = "statement"
    quotes: list[str] = field(default_factory=list)
    #: The speaker's entity in its article's analysis, and the canonical entity it is across
    #: the story (:mod:`.identity`): its stable id and display name.
    speaker_entity: int | None = None
    speaker_id: str | None = None
    speaker_name: str | None = None
    #: The canonical entity the speaker speaks for (:mod:`.principals`: a spokesperson's
    #: principal, the person whose office it is), its name, and the words that say so
    #: ("spokesman Bill McAllister").
    principal_id: str | None = None
    principal_name: str | None = None
    speaks_as: str | None = None
    #: Where the version stands in its article's text (character offsets), when known.
    start: int | None = None
    end: int | None = None

    @property
    def attributed(self) -> bool:
        return self.speaker is not None

    @property
    def key(self) -> str:
        return f"{self.article}#{self.claim}"

    @property
    def principal(self) -> tuple[str, str] | None:
        """The id and name of whom the source speaks for, where the chain ends at the speaker
        (not at someone the speaker relays)."""
        if not (self.principal_id and self.principal_name and self.chain):
            return None
        if name_key(self.chain[-1].get("name")) != name_key(self.speaker):
            return None
        return self.principal_id, self.principal_name

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClaimVersion:
        return cls(**data)


def _source_fields(attribution: dict[str, Any] | None) -> dict[str, Any]:
    """The version fields that come from its attribution (the outlet's own voice without)."""
    if attribution is None:
        return {"kind": None, "speaker": None, "source_type": "own_voice", "source_text": None}
    return {
        "kind": attribution.get("kind"),
        "speaker": attribution.get("speaker"),
        "speaker_entity": attribution.get("speaker_id"),
        "source_type": attribution.get("source_type", "unattributed"),
        "source_text": (attribution.get("source") or {}).get("text"),
        "cue": (attribution.get("cue") or {}).get("text"),
        "chain": list(attribution.get("chain", [])),
    }


def claim_versions(analysis: dict[str, Any], order: int = 0) -> list[ClaimVersion]:
    """Every claim of one analysed article as a version, then every attributed statement that
    is not a claim (a quotation is traced even when it is not check-worthy)."""
    entities = analysis.get("entities", [])
    quantities = analysis.get("quantities", [])
    attributions = analysis.get("attributions", [])
    article = {
        "article": analysis["id"],
        "outlet": analysis.get("outlet"),
        "published": analysis.get("published"),
        "order": order,
    }
    out = _claims(analysis, article, entities, quantities, attributions)
    out.extend(_statements(analysis, article, entities, quantities, attributions, len(out)))
    return out


def _claims(
    analysis: dict[str, Any],
    article: dict[str, Any],
    entities: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    attributions: list[dict[str, Any]],
) -> list[ClaimVersion]:
    """The article's claims as versions; an unattributed claim of agency copy is the agency's."""
    wire = analysis.get("wire")
    out = []
    for index, claim in enumerate(analysis.get("claims", [])):
        attribution = (
            attributions[claim["attribution"]] if claim.get("attribution") is not None else None
        )
        if attribution is None and wire:
            # agency copy ("MOSCOW (Reuters) - ..."): the outlet's voice is the agency's
            attribution = {
                "speaker": wire,
                "source_type": "outlet",
                "chain": [
                    {"name": analysis.get("outlet") or analysis["id"], "type": "outlet"},
                    {"name": wire, "type": "outlet"},
                ],
            }
        out.append(
            ClaimVersion(
                **article,
                **_source_fields(attribution),
                claim=index,
                text=" ".join(claim["text"].split()),
                start=claim.get("start"),
                end=claim.get("end"),
                quantities=[quantities[q] for q in claim.get("quantities", [])],
                entities=sorted({entities[e]["name"] for e in claim.get("entities", [])}),
                certainty=claim.get("certainty", "asserted"),
                type=claim.get("type", "statement"),
                quotes=[" ".join(q.split()) for q in _QUOTED.findall(claim["text"])],
            )
        )
    return out


def _statements(
    analysis: dict[str, Any],
    article: dict[str, Any],
    entities: list[dict[str, Any]],
    quantities: list[dict[str, Any]],
    attributions: list[dict[str, Any]],
    first: int,
) -> list[ClaimVersion]:
    """The attributed statements that are not claims, as versions numbered from ``first``."""
    from sourcetrace.nlp.quotes import statement_groups

    out: list[ClaimVersion] = []
    claimed = {(c.get("attribution"), c["start"]) for c in analysis.get("claims", [])}
    text = analysis.get("text") or ""
    for index, attribution in enumerate(attributions):
        if not attribution.get("content") or not attribution.get("states", True):
            continue
        by_span = {(c["start"], c["end"]): c for c in attribution["content"]}
        for group in statement_groups(sorted(by_span), text):
            if (index, group[0][0]) in claimed:
                continue  # every attributed statement is traced, check-worthy or not
            content = [by_span[span] for span in group]

            def inside(start: int, end: int, group=group) -> bool:
                return any(s <= start and end <= e for s, e in group)

            out.append(
                ClaimVersion(
                    **article,
                    **_source_fields(attribution),
                    claim=first + len(out),
                    text=" ".join(" … ".join(c["text"] for c in content).split()),
                    start=group[0][0],
                    end=group[-1][1],
                    quantities=[q for q in quantities if inside(q["start"], q["end"])],
                    entities=sorted(
                        {
                            e["name"]
                            for e in entities
                            if any(inside(m["start"], m["end"]) for m in e.get("mentions", []))
                        }
                    ),
                    quotes=[
                        " ".join(q.split()) for c in content for q in _QUOTED.findall(c["text"])
                    ],
                )
            )
    return out
