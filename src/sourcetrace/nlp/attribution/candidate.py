"""A cue candidate (the token that may be an attribution cue and the spans it would give), what
the rules answer, and the driver that walks an ordered list of rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from spacy.tokens import Token

#: What a content rule gives: the content's token ranges, and the index of the cue's last token.
Content = tuple[list[tuple[int, int]], int]

T = TypeVar("T")


class Nobody:
    """A rule's answer that there is no such token, where None says the rule does not apply."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = Nobody()


@dataclass(slots=True)
class Spans:
    """What a cue rule finds, in token ranges: the source's head and phrase, the content and
    the cue."""

    source_head: Token | None
    source: list[tuple[int, int]]
    content: list[tuple[int, int]]
    cue: tuple[int, int]


def first_answer(rules: Sequence[Callable[..., T | None]], *args: Any) -> T | None:
    """The answer of the first of ``rules`` that answers (returns anything but None)."""
    for rule in rules:
        answer = rule(*args)
        if answer is not None:
            return answer
    return None


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
