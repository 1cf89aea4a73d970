"""A cue candidate: the token that may be an attribution cue and the spans it would give."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass(slots=True)
class Candidate:
    """A token that may be an attribution cue, with the spans it would produce."""

    token: Token
    cue: tuple[int, int]
    source: tuple[int, int] | None
    source_head: Token | None
    content: list[tuple[int, int]]
    via_quote: bool = False
    features: dict[str, float] = field(default_factory=dict)
    probability: float = 0.0
    #: The content as the parse gave it, before the edge scorers moved its ends: where a
    #: report relays someone ('"X," Marren said, the Courier reported') that someone may lie
    #: outside the words finally marked.
    parsed_content: list[tuple[int, int]] = field(default_factory=list)
