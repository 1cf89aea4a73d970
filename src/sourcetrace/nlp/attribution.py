"""Find attributions in a parsed document: who (source) says (cue) what (content).

The cascade, per sentence:

1. **Cue candidates**: verbs, nouns, "according to"/"per", a few adverbs ("reportedly") and the
   colon of a transcript line ("SMITH: ..."). Each gets a feature dictionary (lemma, syntax, what
   its subject is, quotation marks around it) and a probability from the cue model trained on
   PolNeAR train (:mod:`sourcetrace.nlp.cues`).
2. **Spans**: for each accepted cue, the content comes from the dependency tree (clausal
   complement, else the clause the cue is inserted into, else the verb phrase to its right), the
   source from the subject (or the agent of a passive, or the object of "according to").
3. **Quotations**: content that reaches into a quotation is widened to the whole quotation,
   including quotations running over several sentences or paragraphs; a cue ending in a colon
   takes the quotation that follows.
4. **Outermost only**: a cue inside another attribution's content is dropped, as in PolNeAR,
   where only the outermost attribution is annotated.

Everything returned is plain data (character offsets into the text that was parsed).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .quotes import Quote, find_quotes

CONTENT_CHILD_DEPS = {"dobj", "xcomp", "prep", "pcomp", "attr", "oprd", "dative", "acomp", "obj"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}
INHERIT_SUBJECT_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl"}
CUE_LEFT_DEPS = {"aux", "auxpass", "neg"}
CUE_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly"}
CUE_PREPOSITIONS = {"according", "per"}
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "this", "that"}
QUOTE_CHARS = set('“”„«»"')
TOPIC_PREPOSITIONS = {"about", "of", "for", "on", "against", "to", "with", "over", "toward", "at"}
OCCASIONS = {
    "interview",
    "statement",
    "appearance",
    "speech",
    "conference",
    "briefing",
    "rally",
    "hearing",
    "event",
    "debate",
    "call",
    "meeting",
    "release",
    "email",
    "post",
    "tweet",
    "broadcast",
    "show",
    "podcast",
    "letter",
    "op-ed",
    "remarks",
    "session",
    "town",
}


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


def is_candidate(token: Token) -> bool:
    lower = token.lower_
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass")):
        return True
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("compound",):
        return token.pos_ == "NOUN"
    if lower in CUE_PREPOSITIONS and token.i + 1 < len(token.doc):
        return lower == "per" or token.doc[token.i + 1].lower_ == "to"
    if lower in CUE_ADVERBS:
        return True
    return lower == ":" and _is_transcript_colon(token)


def _is_transcript_colon(token: Token) -> bool:
    """``SMITH: text`` at the start of a line."""
    sent = token.sent
    before = token.doc[sent.start : token.i]
    return 0 < len(before) <= 4 and all(t.is_upper or t.is_quote for t in before if t.is_alpha)


# --- spans -----------------------------------------------------------------------------------


def _subtree_range(token: Token, exclude: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Token index ranges [start, end) of ``token``'s subtree minus ``exclude``."""
    indices = [t.i for t in token.subtree if t.i not in exclude]
    return _ranges(indices)


def _ranges(indices: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[list[int]] = []
    for i in sorted(indices):
        if ranges and i == ranges[-1][1]:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    return [(s, e) for s, e in ranges]


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Drop punctuation and conjunctions at the edges, keeping quotation marks."""
    while start < end and _edge_junk(doc[start], leading=True):
        start += 1
    while end > start and _edge_junk(doc[end - 1], leading=False):
        end -= 1
    return (start, end) if start < end else None


def _edge_junk(token: Token, *, leading: bool) -> bool:
    if token.is_space:
        return True
    if token.is_quote or token.text in QUOTE_CHARS:
        return False
    if token.is_punct:
        return True
    return leading and token.dep_ in ("cc", "punct")


def _char_spans(doc: Doc, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans = []
    for start, end in ranges:
        trimmed = _trim(doc, start, end)
        if trimmed:
            spans.append((doc[trimmed[0]].idx, doc[trimmed[1] - 1].idx + len(doc[trimmed[1] - 1])))
    return spans


def _subject(token: Token) -> Token | None:
    """The subject of a cue verb, inherited through xcomp/conj/advcl chains."""
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl":
                return child
        for child in current.children:
            if child.dep_ == "agent":
                for grandchild in child.children:
                    if grandchild.dep_ == "pobj":
                        return grandchild
        if current.dep_ in INHERIT_SUBJECT_DEPS and current.head is not current:
            if current.dep_ in ("acl", "relcl") and current.head.pos_ in ("NOUN", "PROPN"):
                return current.head if current.dep_ == "acl" else None
            current = current.head
        else:
            return None
    return None


def _agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _source_range(head: Token | None) -> list[tuple[int, int]]:
    if head is None:
        return []
    exclude = {t.i for child in head.children if child.dep_ == "relcl" for t in child.subtree}
    ranges = _subtree_range(head, exclude)
    return ranges[:1] if ranges else []


def _verb_content(token: Token, light_objects: frozenset[str]) -> tuple[list[tuple[int, int]], int]:
    """Content token ranges for a verb cue, and the index of the cue's last token."""
    clauses = [c for c in token.children if c.dep_ in ("ccomp", "csubj") and c is not token]
    if clauses:
        indices = {t.i for c in clauses for t in c.subtree}
        return _ranges(indices), token.i
    if token.dep_ in ("parataxis", "ccomp") and token.head is not token and not _has_object(token):
        exclude = {t.i for t in token.subtree}
        return _subtree_range(token.head, exclude), token.i
    passive_subject = [c for c in token.children if c.dep_ == "nsubjpass"]
    if passive_subject and _agent(token) is not None:
        return _subtree_range(passive_subject[0]), token.i
    right = [c for c in token.rights if c.dep_ in CONTENT_CHILD_DEPS and not _is_setting(c)]
    if not right:
        return [], token.i
    first = right[0]
    if first.dep_ == "prep" and first.lower_ in TOPIC_PREPOSITIONS:
        # "spoke about X", "said of X": the preposition belongs to the cue.
        objects = [c for c in first.children if c.dep_ in ("pobj", "pcomp")]
        if objects:
            return _subtree_range(objects[0]), first.i
    if first.dep_ == "dobj" and first.lemma_.lower() in light_objects:
        # "had harsh words for X", "expressed support for X": the object and its preposition
        # belong to the cue.
        for prep in first.rights:
            if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS:
                objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return _subtree_range(objects[0]), prep.i
    indices = {t.i for c in right for t in c.subtree}
    return [(min(indices), max(indices) + 1)], token.i


def _is_setting(token: Token) -> bool:
    """A time or occasion ("on Monday", "in an interview") rather than what was said."""
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    if not objects:
        return False
    obj = objects[0]
    return obj.ent_type_ in ("DATE", "TIME") or obj.lemma_.lower() in OCCASIONS


def _has_object(token: Token) -> bool:
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in token.children)


def _noun_content(token: Token) -> list[tuple[int, int]]:
    clauses = [c for c in token.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > token.i]
    if clauses:
        return _ranges({t.i for c in clauses for t in c.subtree})
    preps = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("on", "about", "of")]
    if preps:
        return _ranges({t.i for c in preps for t in c.subtree})
    return []


def _noun_source(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "poss":
            return child
    compounds = [c for c in token.children if c.dep_ == "compound" and c.i < token.i]
    if compounds:
        return compounds[0]
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def _according_to(token: Token) -> tuple[Token | None, list[tuple[int, int]], tuple[int, int]]:
    """(source head, content ranges, cue range) for "according to X" / "per X"."""
    doc = token.doc
    if token.lower_ == "per":
        source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 1)
    else:
        to = doc[token.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in token.children if c.dep_ == "pobj"), None)
        cue = (token.i, token.i + 2)
    pp = {t.i for t in token.subtree} | set(range(*cue))
    if source is not None:
        pp |= {t.i for t in source.subtree}
    sent = token.sent
    return source, _ranges(i for i in range(sent.start, sent.end) if i not in pp), cue


def _cue_range(token: Token, last: int) -> tuple[int, int]:
    start, end = token.i, last
    for child in token.lefts:
        if child.dep_ in CUE_LEFT_DEPS and child.i >= token.i - 3:
            start = min(start, child.i)
    for child in token.rights:
        if child.dep_ == "prt" and child.i == end + 1:
            end = child.i
    return start, end + 1


def build_candidate(token: Token, light_objects: frozenset[str] = frozenset()) -> Candidate:
    """The spans ``token`` would produce if it were a cue (character offsets)."""
    doc = token.doc
    lower = token.lower_
    source_head: Token | None
    if lower in CUE_PREPOSITIONS:
        source_head, content, cue = _according_to(token)
    elif lower in CUE_ADVERBS:
        source_head, cue = None, (token.i, token.i + 1)
        clause = token.head
        content = _subtree_range(clause, {token.i})
    elif lower == ":":
        sent = token.sent
        source_head = doc[sent.start]
        cue = (token.i, token.i + 1)
        content = [(token.i + 1, sent.end)]
    elif token.pos_ in ("NOUN", "PROPN"):
        source_head = _noun_source(token)
        content = _noun_content(token)
        cue = (token.i, token.i + 1)
    else:
        source_head = _agent(token) or _subject(token)
        if source_head is not None and source_head.dep_ == "nsubjpass":
            source_head = None
        content, cue_end = _verb_content(token, light_objects)
        cue = _cue_range(token, cue_end)
    if source_head is not None:
        source_ranges = [(source_head.i, token.i)] if lower == ":" else _source_range(source_head)
        cue_tokens = set(range(*cue))
        source_ranges = [(s, e) for s, e in source_ranges if not cue_tokens & set(range(s, e))]
    else:
        source_ranges = []
    source_chars = _char_spans(doc, source_ranges)
    cue_chars = _char_spans(doc, [cue]) or [(token.idx, token.idx + len(token))]
    return Candidate(
        token=token,
        cue=cue_chars[0],
        source=source_chars[0] if source_chars else None,
        source_head=source_head,
        content=_char_spans(doc, content),
    )


def widen_to_quotes(candidate: Candidate, quotes: list[Quote], text: str) -> None:
    """Step 3: content touching a quotation takes the whole quotation; a cue with no content
    takes the quotation right before or after it (only its source, commas or a colon between)."""
    cue_start, cue_end = candidate.cue
    if candidate.content:
        widened = []
        for start, end in candidate.content:
            for quote in quotes:
                if quote.start <= cue_start < quote.end:
                    continue  # a cue inside a quotation quotes someone quoting: leave it
                if min(end, quote.end) <= max(start, quote.start):
                    continue
                new_start, new_end = min(start, quote.start), max(end, quote.end)
                if (new_start, new_end) != (start, end) and not new_start <= cue_start < new_end:
                    start, end = new_start, new_end
                    candidate.via_quote = True
            if widened and start <= widened[-1][1]:
                widened[-1] = (widened[-1][0], max(end, widened[-1][1]))
            else:
                widened.append((start, end))
        candidate.content = widened
        return
    source = candidate.source
    left = min(cue_start, source[0]) if source else cue_start
    right = max(cue_end, source[1]) if source else cue_end
    for quote in quotes:
        if quote.end <= left and _only_glue(text[quote.end : left]):
            candidate.content = [(quote.start, quote.end)]
            candidate.via_quote = True
            return
        if quote.start >= right and _only_glue(text[right : quote.start]):
            candidate.content = [(quote.start, quote.end)]
            candidate.via_quote = True
            return


def _only_glue(between: str) -> bool:
    return len(between) <= 4 and between.strip(" ,:;\n\t\u2014-") == ""


def sentence_quotes(sent: Span, quotes: list[Quote]) -> list[Quote]:
    return [q for q in quotes if q.start < sent.end_char and q.end > sent.start_char]


def candidates(
    doc: Doc, quotes: list[Quote] | None = None, light_objects: frozenset[str] = frozenset()
) -> list[Candidate]:
    """Every cue candidate in ``doc`` with its spans and features."""
    from .features import cue_features

    text = doc.text  # rebuilt by spaCy on every access: read it once
    if quotes is None:
        quotes = find_quotes(text)
    found = []
    for token in doc:
        if not is_candidate(token):
            continue
        candidate = build_candidate(token, light_objects)
        widen_to_quotes(candidate, quotes, text)
        candidate.features = cue_features(candidate, quotes, text)
        found.append(candidate)
    return found


def outermost(chosen: list[Candidate]) -> list[Candidate]:
    """Step 4: drop attributions whose cue sits inside another one's content."""
    kept = []
    for candidate in chosen:
        start, _ = candidate.cue
        nested = any(
            other is not candidate
            and any(s <= start < e for s, e in other.content)
            and not any(s <= other.cue[0] < e for s, e in candidate.content)
            for other in chosen
        )
        if not nested:
            kept.append(candidate)
    return kept
