"""Content edges: where each attribution's content starts and ends, learned from PolNeAR train.

The rule cascade (:mod:`.attribution`) takes content from the parse, and annotators often draw
its edges elsewhere: "decided *to refuse* the endorsement" keeps the embedded verb with the cue
and leaves "the endorsement" as the content; "the notion that X" reports X; a clause after a
comma that the parser hung on the last noun may or may not continue what was said, and a clause
it hung on the cue verb often does.

So, after the cascade, each attribution's edges are chosen again: the start of its first
content span among the tokens up to eight either side of the parsed start, and the end of its
last span among the clause boundaries (punctuation, conjunctions, prepositions, clause heads)
from its start to the end of its sentence. Two linear scorers (a logistic regression each,
fitted by ``sourcetrace train attribution`` on PolNeAR train only; see
:mod:`sourcetrace.eval.fit_attribution`) score every choice from named sparse features, and the
best one wins. The parsed edge is one of the choices and carries its own features, so the
scorers keep it unless the context says otherwise. Neither edge may cross the cue, the source or
another attribution's cue.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_QUOTE, LENGTH, LOWER, POS, SENT_START
from spacy.tokens import Doc

from .quotes import Quote

#: How far a start may move from the parsed one, in tokens.
START_REACH = 8
#: How many tokens past the parsed end an end may reach (long "sentences" stay cheap).
END_REACH = 60
#: Tokens after which a content may end: the dependency of the first token left out.
BOUNDARY_DEPS = {"cc", "mark", "prep", "relcl", "advcl", "conj", "appos", "acl"}
PHRASE_OPENERS = {"advmod", "npadvmod", "nsubj", "det", "poss"}


def linear_score(weights: dict[str, float], intercept: float, features: dict[str, float]) -> float:
    """``intercept`` plus the weighted sum of ``features``; unknown features weigh nothing."""
    total = intercept
    for name, value in features.items():
        weight = weights.get(name)
        if weight is not None:
            total += weight * value
    return total


@dataclass(slots=True)
class EdgeScorer:
    """A linear score over named features (a logistic regression's weights and intercept)."""

    weights: dict[str, float]
    intercept: float = 0.0

    def score(self, features: dict[str, float]) -> float:
        return linear_score(self.weights, self.intercept, features)

    def to_dict(self) -> dict:
        return {"intercept": self.intercept, "weights": self.weights}

    @classmethod
    def from_dict(cls, data: dict) -> EdgeScorer:
        return cls(data["weights"], data.get("intercept", 0.0))


@dataclass(slots=True)
class Edges:
    """The token range [start, end) a content's edges are chosen for, and how the cue relates
    to it."""

    start: int  # first token of the first content span
    first_end: int  # end of the first content span
    last_start: int  # first token of the last content span
    end: int  # end of the last content span
    kind: str
    floor: int = 0  # no start before this token (the end of another attribution's cue)
    ceiling: int = 1 << 30  # no end after this token (the start of another attribution's cue)


class Tokens:
    """What the edge features read of a parsed document, as plain lists built once per
    document (reading spaCy tokens one attribute at a time is the slow part)."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.doc = doc
        n = len(doc)
        keys = doc.to_array([LOWER, POS, DEP]).tolist()  # string hashes (unsigned)
        rows = doc.to_array([HEAD, IDX, IS_PUNCT, IS_QUOTE, SENT_START, LENGTH])
        rows = rows.astype("int64").tolist()
        strings = doc.vocab.strings
        names: dict[int, str] = {}

        def name(key: int) -> str:
            found = names.get(key)
            if found is None:
                found = names[key] = strings[key]
            return found

        self.lower = [name(k[0]) for k in keys]
        self.pos = [name(k[1]) for k in keys]
        self.dep = [name(k[2]) for k in keys]
        self.head = [i + r[0] for i, r in enumerate(rows)]
        self.idx = [r[1] for r in rows]
        self.end_char = [r[1] + r[5] for r in rows]
        self.punct = [bool(r[2]) for r in rows]
        self.quote = [bool(r[3]) for r in rows]
        self.left_edge = list(range(n))
        for i in range(n):  # the leftmost token of each subtree: walk up until already known
            a = self.head[i]
            while a != i and self.left_edge[a] > i:
                self.left_edge[a] = i
                if self.head[a] == a:
                    break
                a = self.head[a]
        self.in_quote = [False] * n
        for quote in quotes:
            for i in range(bisect_left(self.idx, quote.start), bisect_left(self.idx, quote.end)):
                self.in_quote[i] = True
        self.sent_start = [0] * n
        self.sent_end = [n] * n
        start = 0
        for i in range(1, n + 1):
            if i == n or rows[i][4] == 1:
                for j in range(start, i):
                    self.sent_start[j], self.sent_end[j] = start, i
                start = i

    def range_of(self, span: tuple[int, int]) -> tuple[int, int] | None:
        """The tokens that characters ``span`` touch, as ``doc.char_span(..., "expand")``
        gives them (found by bisection: building spaCy spans here was the slow part)."""
        start, end = span
        first = bisect_right(self.idx, start) - 1
        if first < 0 or self.end_char[first] <= start:
            first += 1  # the span starts between tokens
        last = bisect_left(self.idx, end)
        return (first, last) if first < last else None


def content_edges(tokens: Tokens, candidate, others: list = ()) -> Edges | None:
    """The token edges of ``candidate``'s content, or None when they do not map onto tokens.
    The cues of ``others`` (the document's other attributions) are walls: a content never
    grows over another attribution's cue."""
    if not candidate.content:
        return None
    first = tokens.range_of(candidate.content[0])
    last = tokens.range_of(candidate.content[-1])
    if first is None or last is None:
        return None
    edges = Edges(first[0], first[1], last[0], last[1], _kind(tokens, candidate, *first))
    for other in others:
        if other is candidate:
            continue
        cue = tokens.range_of(other.cue)
        if cue is None:
            continue
        if cue[1] <= edges.start:
            edges.floor = max(edges.floor, cue[1])
        elif cue[0] >= edges.end:
            edges.ceiling = min(edges.ceiling, cue[0])
    return edges


def _kind(tokens: Tokens, candidate, start: int, end: int) -> str:
    """How the cue holds the content: its part of speech, the content head's relation to the
    cue, and whether the content was widened to a quotation."""
    heads = tokens.head
    top = next((i for i in range(start, end) if not start <= heads[i] < end or heads[i] == i), None)
    if top is None:
        relation = "none"
    elif heads[top] == candidate.token.i:
        relation = tokens.dep[top]
    else:
        relation = "root" if heads[top] == top else "other"
    return f"{candidate.token.pos_}:{relation}:{candidate.via_quote}"


def start_choices(tokens: Tokens, candidate, edges: Edges) -> list[int]:
    """Token indices where the first content span may start."""
    low = max(tokens.sent_start[edges.start], edges.start - START_REACH)
    cue = tokens.range_of(candidate.cue) or (candidate.token.i, candidate.token.i + 1)
    source = tokens.range_of(candidate.source) if candidate.source else None
    if cue[0] < edges.start:  # the whole cue ("quoted X as saying"), not only its head
        low = max(low, min(cue[1], edges.start))
    low = max(low, edges.floor)
    if source and source[1] <= edges.start:
        low = max(low, source[1])
    high = min(edges.first_end, edges.start + START_REACH + 1)
    return list(range(low, high)) or [edges.start]


def end_choices(tokens: Tokens, candidate, edges: Edges) -> list[int]:
    """Token indices (exclusive) where the last content span may end."""
    end = edges.end
    limit = min(tokens.sent_end[end - 1], end + END_REACH, edges.ceiling)
    cue = tokens.range_of(candidate.cue) or (candidate.token.i, candidate.token.i + 1)
    for blocker in (candidate.token.left_edge.i, candidate.token.i, cue[0]):
        if blocker >= end:
            limit = min(limit, blocker)
    source = tokens.range_of(candidate.source) if candidate.source else None
    if source and source[0] >= end:
        limit = min(limit, source[0])
    limit = max(limit, end)
    choices = {end, limit}
    dep, punct, left_edge = tokens.dep, tokens.punct, tokens.left_edge
    for position in range(edges.last_start + 1, limit):
        if (
            punct[position]
            or dep[position] in BOUNDARY_DEPS
            or (left_edge[position] == position and dep[position] in PHRASE_OPENERS)
        ):
            choices.add(position)
    return sorted(choices)


def _token_features(prefix: str, tokens: Tokens, i: int, features: dict[str, float]) -> None:
    features[f"{prefix}.lower={tokens.lower[i]}"] = 1.0
    features[f"{prefix}.pos={tokens.pos[i]}"] = 1.0
    features[f"{prefix}.dep={tokens.dep[i]}"] = 1.0


def start_features(tokens: Tokens, candidate, edges: Edges, position: int) -> dict[str, float]:
    start, kind = edges.start, edges.kind
    delta = position - start
    lower = tokens.lower[position]
    dep = tokens.dep[position]
    features = {
        "bias": 1.0,
        f"delta={delta}": 1.0,
        f"kind={kind}": 1.0,
        f"kind+delta={kind}|{delta}": 1.0,
        f"kind+first={kind}|{lower}": 1.0,
        f"first.left_edge={tokens.left_edge[position] == position}|{dep}": 1.0,
        f"first_in_quote={tokens.in_quote[position]}": 1.0,
        f"cue_lemma+delta0={candidate.token.lemma_.lower()}|{delta == 0}": 1.0,
    }
    _token_features("first", tokens, position, features)
    if position > 0:
        _token_features("prev", tokens, position - 1, features)
        features[f"prev+first={tokens.lower[position - 1]}|{lower}"] = 1.0
    sent_start = tokens.sent_start[start]
    heads = tokens.head[position : edges.first_end]
    crossing = sum(1 for h in heads if sent_start <= h < position)
    features[f"cross_out={min(crossing, 3)}"] = 1.0
    return features


def _length(n: int) -> str:
    return "1" if n == 1 else "2-3" if n < 4 else "4-8" if n < 9 else "9+"


def end_features(tokens: Tokens, candidate, edges: Edges, position: int) -> dict[str, float]:
    start, end, kind = edges.last_start, edges.end, edges.kind
    delta = position - end
    moved = str(delta) if abs(delta) < 4 else "far-" if delta < 0 else "far+"
    last = position - 1
    sent_end = tokens.sent_end[last]
    features = {
        "bias": 1.0,
        f"delta={moved}": 1.0,
        f"is_cur={delta == 0}": 1.0,
        f"kind={kind}": 1.0,
        f"kind+delta0={kind}|{delta == 0}": 1.0,
        f"last_in_quote={tokens.in_quote[last]}": 1.0,
    }
    _token_features("last", tokens, last, features)
    lower, pos, heads = tokens.lower, tokens.pos, tokens.head
    if position < sent_end:
        following = lower[position]
        dep = tokens.dep[position]
        _token_features("next", tokens, position, features)
        features[f"kind+next={kind}|{following}"] = 1.0
        features[f"next.dep+head_in={dep}|{start <= heads[position] < position}"] = 1.0
        if position + 1 < len(lower):
            features[f"next2={following}|{lower[position + 1]}"] = 1.0
            features[f"next2pos={pos[position]}|{pos[position + 1]}"] = 1.0
        features[f"next_in_quote={tokens.in_quote[position]}"] = 1.0
    else:
        features["sent_end"] = 1.0
        features[f"kind+sent_end={kind}"] = 1.0
    window_end = min(sent_end, position + END_REACH)
    out = sum(1 for h in heads[start:position] if h >= position)
    into = sum(1 for h in heads[position:window_end] if start <= h < position)
    features[f"cross_out={min(out, 3)}"] = 1.0
    features[f"cross_in={min(into, 3)}"] = 1.0
    sign = "0" if delta == 0 else "-" if delta < 0 else "+"
    features[f"delta_sign={sign}|cross_in={min(into, 3)}"] = 1.0
    if delta:
        low, high = min(end, position), max(end, position)
        features[f"reg{sign}.len={_length(high - low)}"] = 1.0
        verb = any(p in ("VERB", "AUX") for p in pos[low:high])
        features[f"reg{sign}.verb={verb}"] = 1.0
        features[f"reg{sign}.quote={any(tokens.quote[low:high])}"] = 1.0
        cue = candidate.token.i
        for i in range(low, high):
            head = heads[i]
            if low <= head < high and head != i:
                continue
            if head == cue:
                where = "cue"
            elif start <= head < low:
                where = "content"
            else:
                where = "root" if head == i else "other"
            features[f"reg{sign}.top={tokens.dep[i]}|{where}"] = 1.0
            features[f"reg{sign}.top={tokens.dep[i]}|{where}|{kind}"] = 1.0
    return features


def choices(tokens: Tokens, candidate, edges: Edges) -> Iterator[tuple[str, int, dict[str, float]]]:
    """Every ("start" | "end", token index, features) choice for one attribution."""
    for position in start_choices(tokens, candidate, edges):
        yield "start", position, start_features(tokens, candidate, edges, position)
    for position in end_choices(tokens, candidate, edges):
        yield "end", position, end_features(tokens, candidate, edges, position)


def refine_edges(found: list, doc: Doc, quotes: list[Quote], start: EdgeScorer, end: EdgeScorer):
    """Move each attribution's content start and end to the best-scoring choice (in place)."""
    if not found:
        return
    tokens = Tokens(doc, quotes)
    for candidate in found:
        edges = content_edges(tokens, candidate, found)
        if edges is None:
            continue
        best: dict[str, tuple[float, int]] = {}
        for which, position, features in choices(tokens, candidate, edges):
            score = (start if which == "start" else end).score(features)
            if which not in best or score > best[which][0]:
                best[which] = (score, position)
        first = doc[best["start"][1]].idx
        last_token = doc[best["end"][1] - 1]
        last = last_token.idx + len(last_token)
        content = list(candidate.content)
        content[0] = (first, content[0][1])
        content[-1] = (content[-1][0], last)
        if all(s < e for s, e in content):
            candidate.content = content
