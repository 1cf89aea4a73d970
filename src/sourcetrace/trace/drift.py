"""How a claim changed between its versions, slot by slot, each change with both versions.

Versions are put in order of appearance (:func:`timeline`: the earliest dated first; by
citation and arrival when dates are missing), and each is compared with the earlier version
closest to it: the one that states most of what it states (the first appearance among
equals). So each flag reads "that earlier version said X, this one says Y", and a change made
between two later outlets (a hedge dropped by the one that rewrote the other) is read, not
only changes from the first appearance:

- ``hedge_dropped`` / ``hedge_added``: the same number with and without "up to", "about" …;
  a quantifier with and without its hedge ("nearly all" → "all"), or moved up or down its
  scale ("some" → "most"); a statement with and without a marker of hearsay ("allegedly",
  "reportedly", "is believed to");
- ``number_changed``: numbers of the same kind that agree nowhere;
- ``object_changed``: the same number counting a different thing (an ordinal is a position,
  never matched with a count: "second floor" is no count of two);
- ``certainty_strengthened`` / ``certainty_weakened``: "may" → "will", "expected to" → "is",
  a reporting verb that vouches more or less ("suggested" → "admitted"), or a person's guilt
  stated further or less far ("charged with" → "convicted of");
- ``attribution_dropped``: a sourced claim restated as the outlet's own fact (not as someone's
  words its article did not tie to a speaker: a quotation, a sentence in the first person);
- ``speaker_changed``: the same words credited to different canonical named sources (never
  where one credit leaves its source unknown: an outlet credited alone, a statement whose
  author the story does not resolve, or "authorities");
- ``source_changed``: an anonymous source reached through the same outlet described
  differently ("senior military official" → "unnamed security official"), or unnamed
  sources that differ ("witnesses" → "a statement");
- ``quote_reworded``: a direct quotation worded differently (beyond quotation marks,
  apostrophes, case, punctuation and whitespace);
- ``excerpted``: the same quoted words, cut shorter or at other points (low severity).

Changed numbers, quantifier hedges, certainty and sources are read on the part of the two
texts that states the same thing (:func:`~sourcetrace.trace.wording.shared_part`), and only
when that part holds at least :data:`SHARED_MIN` of the shorter text's content words (sources
also when one quotes the other's words; a dropped credit, and a marker of hearsay dropped or
added ("allegedly"), also when the alignment model itself read the two as stating one thing,
however differently worded: "Marion County deputies said the explosion happened ... just
before 5:30 p.m." and "The bomb detonated around 5:30 p.m."); a hedge on the same number is
read whatever else the two say. So an extra sentence or clause in one version, or two
versions that share a topic but not a statement, change nothing. Each change has a severity
(:data:`SEVERITY`): a number, a hedge dropped from a number or a speaker outranks a reworded
or trimmed quotation.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Collection, Sequence

from sourcetrace.trace.align import Pair, quote_found
from sourcetrace.trace.origins import ANONYMOUS
from sourcetrace.trace.records import Drift, Wording
from sourcetrace.trace.versions import ClaimVersion, name_key, same_speaker, same_value
from sourcetrace.trace.wording import (
    certainty,
    modal_parts,
    normalise,
    quote_change,
    shared_part,
    status_change,
    verb_strength,
    word_hedges,
)

CERTAINTY_RANK = {"possible": 1, "probable": 2, "reported": 2, "asserted": 3}
#: The share of the shorter version's content words the two must state alike before their
#: numbers, hedges, certainty and sources are compared: half, set before measuring; on the
#: provenance gold's train files 0.2, 0.3 and 0.5 gave drift precision within noise (0.30,
#: 0.31, 0.34 over about 50 flagged units).
SHARED_MIN = 0.5
SEVERITY = {
    "number_changed": "high",
    "speaker_changed": "high",
    "attribution_dropped": "high",
    "hedge_dropped": "medium",  # "high" on a number (:func:`compare`)
    "hedge_added": "medium",
    "object_changed": "medium",
    "certainty_strengthened": "medium",
    "certainty_weakened": "medium",
    "quote_reworded": "medium",
    "source_changed": "low",
    "excerpted": "low",
}
SEVERITY_RANK = {"high": 0, "medium": 1, "low": 2}
#: Canonical entity kinds (:mod:`.identity` ids) whose change of speaker is ``speaker_changed``;
#: between other sources (groups, descriptions, documents) it is ``source_changed``.
NAMED_KINDS = frozenset({"person", "organisation", "government", "outlet"})


def timeline(versions: Sequence[ClaimVersion]) -> list[ClaimVersion]:
    """Versions in order of appearance: by publication date; where dates are missing or equal,
    a version whose outlet the others cite comes before them (citation order), then the
    shorter citation chain (closer to the source), then arrival order."""
    cited = set().union(*(_cited_outlets(v) for v in versions))

    def key(v: ClaimVersion) -> tuple:
        is_cited = name_key(v.outlet or v.article) in cited
        return (v.published or "9999", not is_cited, len(v.chain) or 99, v.order, v.claim)

    return sorted(versions, key=key)


def _cited_outlets(version: ClaimVersion) -> set[str]:
    """The outlets a version's chain cites (after its own), as :func:`name_key` keys."""
    return {name_key(link["name"]) for link in version.chain[1:] if link.get("type") == "outlet"}


def first_version(versions: Sequence[ClaimVersion]) -> ClaimVersion:
    """The first appearance (see :func:`timeline`)."""
    return timeline(versions)[0]


def _side(version: ClaimVersion, text: str | None = None) -> Wording:
    return Wording(version.article, text if text is not None else version.text)


def _head(obj: str | None) -> str:
    """The last word, singular: "Shahed-type UAVs" -> "uav"."""
    if not obj or not obj.split():
        return ""
    word = obj.lower().split()[-1].strip(".,;:“”\"'")
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def compare(
    a: ClaimVersion, b: ClaimVersion, credit_only: bool = False, aligned: bool = False
) -> list[Drift]:
    """Drift from version ``a`` to version ``b`` (the module's kinds), each with its severity;
    with ``credit_only``, only a dropped credit or a changed speaker or source. ``aligned``:
    the alignment model read the two as stating one thing (:func:`.align.aligned`), so their
    credits are compared however differently they word it."""
    out: list[Drift] = []

    def flag(
        kind: str,
        before: str | None = None,
        after: str | None = None,
        severity: str = "",
        backwards: bool = False,
    ) -> None:
        sides = (
            (_side(b, before), _side(a, after))
            if backwards
            else (_side(a, before), _side(b, after))
        )
        out.append(Drift(kind, *sides, severity or SEVERITY[kind]))

    part_a, part_b, shared = shared_part(a.text, b.text)
    same_statement = shared >= SHARED_MIN
    same_words = same_statement or quote_found(a, b)
    if credit_only:
        if same_words or aligned:
            _attribution(a, b, flag, speakers=same_words)
        return out
    _numbers(a, b, flag, same_statement)
    if same_statement:
        hedge = word_hedges(part_a, part_b)
        if hedge:
            flag(*hedge)
        _certainty(a, b, part_a, part_b, flag)
    if aligned and not same_statement:
        _hearsay(a, b, flag)
    if same_words or aligned:
        _attribution(a, b, flag, speakers=same_words)
    change = quote_change(a.quotes, b.quotes)
    if change:
        kind = "quote_reworded" if change.kind == "reworded" else "excerpted"
        flag(kind, change.before, change.after)
    return out


def _numbers(
    a: ClaimVersion, b: ClaimVersion, flag: Callable[..., None], same_statement: bool
) -> None:
    """Hedges of the same values; where the two state the same thing, what the same value
    counts and values that changed."""
    matched_b = set()
    for qa in a.quantities:
        for index, qb in enumerate(b.quantities):
            if index in matched_b or not same_value(qa.get("value"), qb.get("value")):
                continue
            if (qa.get("kind") == "ordinal") != (qb.get("kind") == "ordinal"):
                continue  # "second floor" is no count of two
            matched_b.add(index)
            if qa.get("hedge") and not qb.get("hedge"):
                flag("hedge_dropped", qa["text"], qb["text"], "high")
            elif qb.get("hedge") and not qa.get("hedge"):
                flag("hedge_added", qa["text"], qb["text"])
            if (
                same_statement
                and _head(qa.get("object"))
                and _head(qb.get("object"))
                and qa.get("kind") not in ("money", "ordinal")  # "second time": a position
                and not same_thing(qa["object"], qb["object"])
            ):
                from sourcetrace.nlp.quantities import quantity_phrase  # spaCy: only when needed

                flag(
                    "object_changed",
                    quantity_phrase(qa["text"], qa["object"]),
                    quantity_phrase(qb["text"], qb["object"]),
                )
            break
    if not same_statement:
        return
    # a number whose value is not read ("several", "800-800") agrees with the same words
    unmatched_a = [q for q in a.quantities if not any(_agree(q, y) for y in b.quantities)]
    unmatched_b = [
        q
        for i, q in enumerate(b.quantities)
        if i not in matched_b and not any(_agree(x, q) for x in a.quantities)
    ]
    for qa in unmatched_a:
        same_kind = [qb for qb in unmatched_b if qb.get("kind") == qa.get("kind")]
        if same_kind:
            flag("number_changed", qa["text"], same_kind[0]["text"])
            unmatched_b.remove(same_kind[0])


def _agree(x: dict, y: dict) -> bool:
    """Two quantities agree: the same value, or, where a value is not read, the same words."""
    if x.get("value") is not None and y.get("value") is not None:
        return same_value(x["value"], y["value"])
    return normalise(x.get("text") or "") == normalise(y.get("text") or "")


def _certainty(
    a: ClaimVersion,
    b: ClaimVersion,
    part_a: list[str],
    part_b: list[str],
    flag: Callable[..., None],
) -> None:
    """Certainty of the shared part ("may" → "will"), else of the reporting verbs
    ("suggested" → "admitted"). A marker of hearsay ("allegedly", "reportedly", "is believed
    to") against a plain statement is a hedge dropped or added, not certainty."""
    part_a, part_b = modal_parts(part_a, part_b)
    level_a, level_b = certainty(_with_cue(a, part_a)), certainty(_with_cue(b, part_b))
    if _hearsay_changed(level_a, level_b, flag):
        return
    rank_a, rank_b = CERTAINTY_RANK[level_a], CERTAINTY_RANK[level_b]
    status = status_change(part_a, part_b)
    if rank_a == rank_b and status:
        flag(status)
        return
    if rank_a == rank_b:
        if not (a.attributed and b.attributed and same_speaker(a, b)):
            return  # how strongly one source's words are reported, not two sources
        rank_a, rank_b = verb_strength(a.cue), verb_strength(b.cue)
        if rank_a is None or rank_b is None or rank_a == rank_b:
            return
        flag("certainty_strengthened" if rank_b > rank_a else "certainty_weakened", a.cue, b.cue)
        return
    flag("certainty_strengthened" if rank_b > rank_a else "certainty_weakened")


def _hearsay(a: ClaimVersion, b: ClaimVersion, flag: Callable[..., None]) -> None:
    """For two versions the alignment model reads as one statement in other words: a marker
    of hearsay in one and not the other ("Comeaux allegedly produced a weapon and fired upon
    two correctional officers" / "pulled a gun on two guards and fired it") is a hedge dropped
    or added, read over each whole text, since no shared part says where it stands."""
    _hearsay_changed(
        certainty(normalise(a.text).split()), certainty(normalise(b.text).split()), flag
    )


def _hearsay_changed(level_a: str, level_b: str, flag: Callable[..., None]) -> bool:
    """Flags a marker of hearsay against a plain statement as a hedge dropped or added (not
    certainty); True when it did."""
    if {level_a, level_b} != {"reported", "asserted"}:
        return False
    flag("hedge_dropped" if level_a == "reported" else "hedge_added")
    return True


def _with_cue(version: ClaimVersion, part: list[str]) -> list[str]:
    """The words whose certainty is read: the shared part, after the cue of a version that
    credits no one ("is expected" of "Gomes is expected to be arraigned": the parser takes
    the verb for a reporting verb without a speaker, and the version's words start after it)."""
    if version.speaker is None and version.cue:
        return normalise(version.cue).split() + part
    return part


#: Words that show a sentence is someone's own words, not the outlet's: the first person.
_FIRST_PERSON = re.compile(
    r"(?:^|[^\w'’])(?:I|I'm|I've|I'd|I'll|[Mm]y|[Mm]e|[Ww]e|[Oo]ur)(?![\w'’])"
)
_OPENING_QUOTES = ('"', "“", "‘", "'", "`", "«")


def _quoted_words(version: ClaimVersion) -> bool:
    """Whether an uncredited version is someone's words that its article did not tie to a
    speaker (a quotation run over several lines, "I've done it. Trust me."), not a statement
    in the outlet's own voice: it opens with a quotation mark or speaks in the first person."""
    text = version.text.strip()
    return text.startswith(_OPENING_QUOTES) or bool(_FIRST_PERSON.search(text))


def _attribution(
    a: ClaimVersion, b: ClaimVersion, flag: Callable[..., None], speakers: bool = True
) -> None:
    """A source dropped, or (with ``speakers``: where the two share their words, not only
    their sense) a different speaker or description of the source. Words the uncredited
    version quotes (:func:`_quoted_words`) are no credit dropped."""
    if a.attributed and not b.attributed:
        if not _quoted_words(b):
            flag("attribution_dropped", f"{a.speaker}: {a.text}", b.text)
    elif b.attributed and not a.attributed and not order_known(a, b):
        # which came first is not known: the credited version is the fuller one
        if not _quoted_words(a):
            flag("attribution_dropped", f"{b.speaker}: {b.text}", a.text, backwards=True)
    elif a.attributed and b.attributed and speakers:
        anonymous_a = a.source_type in ANONYMOUS
        anonymous_b = b.source_type in ANONYMOUS
        if anonymous_a or anonymous_b:
            described_otherwise = name_key(a.speaker) != name_key(b.speaker)
            if anonymous_a and anonymous_b and _cited(a) == _cited(b) and described_otherwise:
                flag("source_changed", a.speaker, b.speaker)
        elif not same_speaker(a, b) and not _unknown_source(a, b):
            named = _named(a) and _named(b)
            flag("speaker_changed" if named else "source_changed", a.speaker, b.speaker)


def order_known(a: ClaimVersion, b: ClaimVersion) -> bool:
    """Whether ``a`` is known to come before ``b``: an earlier publication date, or ``b``
    cites ``a``'s outlet (not arrival order, which says nothing of who wrote first)."""
    if a.published and b.published and a.published < b.published:
        return True
    return name_key(a.outlet or a.article) in _cited_outlets(b)


def _unknown_source(a: ClaimVersion, b: ClaimVersion) -> bool:
    """Whether one version's credit leaves its source unknown, so that no change of speaker
    can be read: one person described and another named (:func:`_maybe_the_person`), an
    outlet credited alone ("Bloomberg reported" against the company's
    spokesman, or against "Reuters reported": an outlet relays someone it does not name, and
    two outlets may relay one source),
    a statement whose author the story does not resolve ("a statement" against "Kraft
    Foods"), or sources called by a word alone ("authorities" against the fire chief)."""
    relayed = a.source_type == "outlet" or b.source_type == "outlet"
    return (
        relayed
        or _vague(a)
        or _vague(b)
        or _authorless(a)
        or _authorless(b)
        or _maybe_the_person(a, b)
        or _maybe_the_person(b, a)
    )


#: Kinds of canonical entity that are descriptions the story did not tie to a name.
UNNAMED_KINDS = frozenset({"description", "office", "other"})


def _maybe_the_person(a: ClaimVersion, b: ClaimVersion) -> bool:
    """Whether ``a`` credits one person the story describes but does not name ("the church's
    minister", "the Taradise star") and ``b`` a named person, who may be that one: no reader
    can tell that the speaker changed."""
    kind_a = (a.speaker_id or "").split(":", 1)[0]
    kind_b = (b.speaker_id or "").split(":", 1)[0]
    words = normalise(a.speaker or "").split()
    singular = bool(words) and (not words[-1].endswith("s") or words[-1].endswith("ss"))
    return kind_a in UNNAMED_KINDS and singular and kind_b == "person"


#: Words that credit a claim to sources no one can tell apart from others ("authorities
#: said"): the authorities may be the chief another article names.
VAGUE_SOURCES = frozenset({"authorities", "officials", "investigators", "sources"})


def _vague(version: ClaimVersion) -> bool:
    words = [w for w in normalise(version.speaker or "").split() if w != "the"]
    return len(words) == 1 and words[0] in VAGUE_SOURCES


def _authorless(version: ClaimVersion) -> bool:
    return version.source_type == "document" and not (version.speaker_id or version.principal_id)


@functools.cache
def _synonyms() -> dict[str, int]:
    from sourcetrace.nlp.artefacts import data_file

    groups: dict[str, int] = {}
    lines = data_file("synonyms.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.strip() and not line.startswith("#"):
            for word in line.split():
                groups[word] = number
    return groups


def same_thing(a: str, b: str) -> bool:
    """Whether two counted things are the same: the same head word ("Shahed drones" and
    "drones"), heads in one group of ``nlp/data/synonyms.txt`` ("UAVs" and "drones"), or one
    named by all the other's words and more (".357 Magnum" and ".357 Magnum handgun")."""
    x, y = _head(a), _head(b)
    if x == y:
        return True
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    if words_a <= words_b or words_b <= words_a:
        return True
    groups = _synonyms()
    return x in groups and groups.get(x) == groups.get(y)


def _named(version: ClaimVersion) -> bool:
    """Whether the version's speaker is a named entity (a person, organisation, government
    or outlet the story resolves), not a group or a description ("witnesses", "a statement")."""
    if version.speaker_id:
        return version.speaker_id.split(":", 1)[0] in NAMED_KINDS
    return version.source_type in NAMED_KINDS  # not resolved across the story


def _cited(version: ClaimVersion) -> str:
    """The outlet whose source this is: the first outlet the version cites, else its own.
    Anonymous sources of the same outlet are one source, described in two ways."""
    outlets = [link["name"] for link in version.chain[1:] if link.get("type") == "outlet"]
    return name_key(outlets[0] if outlets else version.outlet or version.article)


def drift(
    versions: Sequence[ClaimVersion], statements: Collection[Pair] = frozenset()
) -> list[Drift]:
    """Every change of each version from the earlier version closest to it; and each
    version's credit against the closest credited version (:func:`_credit_changes`).
    ``statements``: the pairs of versions the alignment model reads as stating one thing
    (:func:`.align.aligned`), whose credits are compared however they are worded."""
    if len(versions) < 2:
        return []
    ordered = timeline(versions)
    out = []
    compared = {}
    for n, version in enumerate(ordered[1:], 1):
        earlier = closest_earlier(ordered[:n], version)
        compared[id(version)] = earlier
        out.extend(compare(earlier, version, aligned=_pair(earlier, version) in statements))
    out.extend(_credit_changes(ordered, compared, statements))
    kept: dict[tuple[str, frozenset[str]], Drift] = {}  # one flag per kind and pair of articles
    for change in out:
        kept.setdefault(
            (change.kind, frozenset((change.before.article, change.after.article))), change
        )
    return sorted(kept.values(), key=lambda change: SEVERITY_RANK[change.severity])


def _credit_changes(
    ordered: Sequence[ClaimVersion],
    compared: dict[int, ClaimVersion],
    statements: Collection[Pair] = frozenset(),
) -> list[Drift]:
    """A version whose closest earlier version carries no credit is compared for its credit
    with the closest credited version too: an uncredited version with one that credits the
    claim ("police said" → stated as fact), a credited one with one credited otherwise. The
    credited version is taken among the earlier ones and, where which came first is not known
    (:func:`order_known`), among the later ones as well; at most one per version."""
    out = []
    credited = [n for n, v in enumerate(ordered) if v.attributed]
    for n, version in enumerate(ordered):
        earlier = compared.get(id(version))
        if earlier.attributed if earlier is not None else version.attributed:
            continue  # compared with a credited version already, or the first and credited
        at = bisect.bisect_left(credited, n)
        after = credited[at + (credited[at : at + 1] == [n]) :][:CLOSEST_AMONG]
        options = credited[max(0, at - CLOSEST_AMONG) : at] + [
            m for m in after if not order_known(version, ordered[m])
        ]
        options = [m for m in options if ordered[m].article != version.article]
        if not options:
            continue
        m = options[_closest([ordered[k] for k in options], version)]
        aligned = _pair(ordered[m], version) in statements
        first, then = (
            (ordered[m], version) if m < n or version.attributed else (version, ordered[m])
        )
        out.extend(compare(first, then, credit_only=True, aligned=aligned))
    return out


#: The most earlier versions a version is compared with to find the closest: the first
#: appearance and the latest others, so a claim of thousands of versions costs linear time.
CLOSEST_AMONG = 64


def _pair(a: ClaimVersion, b: ClaimVersion) -> Pair:
    return frozenset((a.key, b.key))


def closest_earlier(earlier: Sequence[ClaimVersion], version: ClaimVersion) -> ClaimVersion:
    """The earlier version that states most of what ``version`` states (the share of
    :func:`~sourcetrace.trace.wording.shared_part`), among at most :data:`CLOSEST_AMONG`: the
    first appearance and the latest others; the earliest of equals."""
    candidates = [earlier[0], *earlier[max(1, len(earlier) - CLOSEST_AMONG + 1) :]]
    return candidates[_closest(candidates, version)]


def _closest(candidates: Sequence[ClaimVersion], version: ClaimVersion) -> int:
    """The index of the candidate that states most of what ``version`` states (the share of
    :func:`~sourcetrace.trace.wording.shared_part`); the first of equals."""
    best, best_share = 0, -1.0
    for n, candidate in enumerate(candidates):
        share = shared_part(candidate.text, version.text)[2]
        if share > best_share:
            best, best_share = n, share
    return best
