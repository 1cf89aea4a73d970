"""Features of a cue candidate for the cue model: sparse, named, all from one token's context."""

from __future__ import annotations

from ..quotes import Quote, in_quote
from .candidate import Candidate


def _subject_kind(candidate: Candidate) -> str:
    head = candidate.source_head
    if head is None:
        return "none"
    if head.ent_type_:
        return f"ent:{head.ent_type_}"
    if head.pos_ == "PRON":
        return f"pron:{head.lower_}"
    return f"noun:{head.lemma_.lower()}"


def _content_features(features: dict[str, float], lemma: str, token, span) -> None:
    """How the content hangs on the cue (a clause, an object, a phrase: the dependencies of up
    to three of its tokens headed by the cue), whether it holds a verb and a quotation mark."""
    tokens = list(span) if span is not None else []
    for child in [t for t in tokens if t.head.i == token.i and t.i != token.i][:3]:
        features[f"content_dep={child.dep_}"] = 1.0
        features[f"lemma+content_dep={lemma}|{child.dep_}"] = 1.0
    features[f"content_verb={any(t.pos_ in ('VERB', 'AUX') for t in tokens)}"] = 1.0
    features[f"content_quoted={any(t.is_quote for t in tokens)}"] = 1.0


def cue_features(candidate: Candidate, quotes: list[Quote], text: str) -> dict[str, float]:
    token = candidate.token
    doc = token.doc
    lemma = token.lemma_.lower()
    pos = token.pos_
    child_deps = sorted({c.dep_ for c in token.children})
    subject = _subject_kind(candidate)
    has_content = bool(candidate.content)
    sent = token.sent
    sent_has_quote = any(q.start < sent.end_char and q.end > sent.start_char for q in quotes)
    features = {
        "bias": 1.0,
        f"lemma={lemma}": 1.0,
        f"lower={token.lower_}": 1.0,
        f"pos={pos}": 1.0,
        f"tag={token.tag_}": 1.0,
        f"dep={token.dep_}": 1.0,
        f"head_dep={token.dep_}>{token.head.dep_}": 1.0,
        f"head_pos={token.head.pos_}": 1.0,
        f"subject={subject.split(':')[0]}": 1.0,
        f"subject_full={subject}": 1.0,
        f"lemma+subject={lemma}|{subject.split(':')[0]}": 1.0,
        f"lemma+dep={lemma}|{token.dep_}": 1.0,
        f"has_content={has_content}": 1.0,
        f"via_quote={candidate.via_quote}": 1.0,
        f"lemma+via_quote={lemma}|{candidate.via_quote}": 1.0,
        f"has_source={candidate.source is not None}": 1.0,
        f"in_quote={in_quote(token.idx, quotes)}": 1.0,
        f"sent_has_quote={sent_has_quote}": 1.0,
    }
    cue_words = text[candidate.cue[0] : candidate.cue[1]].lower().split()
    last_word = cue_words[-1] if cue_words else token.lower_
    if last_word != token.lower_:  # "talked about", "support for": the cue's last word
        features[f"cue_last={last_word}"] = 1.0
        features[f"lemma+cue_last={lemma}|{last_word}"] = 1.0
    for dep in child_deps:
        features[f"child={dep}"] = 1.0
        features[f"lemma+child={lemma}|{dep}"] = 1.0
    if token.i > 0:
        features[f"prev={doc[token.i - 1].lower_}"] = 1.0
    if token.i + 1 < len(doc):
        nxt = doc[token.i + 1]
        features[f"next={nxt.lower_}"] = 1.0
        features[f"lemma+next={lemma}|{nxt.lower_}"] = 1.0
    if candidate.content:
        start, end = candidate.content[0][0], candidate.content[-1][1]
        features[f"content_side={'before' if end <= token.idx else 'after'}"] = 1.0
        length = min(end - start, 400)
        features["content_chars"] = length / 400
        features[f"content_first={text[start]}"] = 1.0
        head = text[start : start + 12].split(maxsplit=1)
        word = head[0].lower() if head else ""
        features[f"content_word={word}"] = 1.0
        features[f"lemma+content_word={lemma}|{word}"] = 1.0
        features[f"lemma+content_side={lemma}|{'before' if end <= token.idx else 'after'}"] = 1.0
        _content_features(features, lemma, token, doc.char_span(start, end, "expand"))
    head_lemma = token.head.lemma_.lower()
    features[f"head_lemma={head_lemma}"] = 1.0
    features[f"lemma+head_lemma={lemma}|{head_lemma}"] = 1.0
    if candidate.source_head is not None:
        features[f"lemma+subject_full={lemma}|{subject}"] = 1.0
    return features
