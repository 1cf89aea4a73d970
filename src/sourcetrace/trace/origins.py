"""Independent origins of a canonical claim: collapse citation chains to their roots.

Each version's chain runs from the article's outlet through the outlets it cites to the source
(``this article → Washington Post → one senior military official``). Its origin is:

- a **named** source (person, organisation, government, intelligence service, document): the
  source itself, by canonical name, however many outlets pass it on;
- a source that **speaks for** another (a spokesperson, a person's office:
  :mod:`.principals`): the one it speaks for ("Sarah Palin, speaking through spokesman Bill
  McAllister");
- an **anonymous** source or group reached through a cited outlet: that outlet's anonymous
  source. Outlets repeating one outlet's anonymous official cannot tell whether they mean the
  same person and give the reader no second witness, so across articles these are one origin;
  within one article, distinct anonymous speakers of the claim ("a second official") stay
  distinct;
- an **outlet** cited with no further source: that outlet's source, the same origin as the
  anonymous source its own article (when in the corpus) gives;
- an anonymous source of the article's own outlet: that outlet's own anonymous source;
- the article's **own voice** (no attribution): the outlet itself, marked unsourced; unless
  (with a story's :class:`.dependence.Dependence`), in this order:

  1. the sentence that states it is reused from an earlier article: it comes from that
     article's version, and so its source (or from that outlet); the article is wire
     copy: from the agency;
  2. the sentence is one that other articles ran too with no direction (the same day, no
     credit either way: a press release they all reprint), or the claim's own words are
     another version's word for word (:func:`one_text`: up to a word or two, a clause of
     ``ONE_TEXT_WORDS`` words or more), or its article and another that states the claim
     unsourced run other sentences of one text with no direction (as rule 3 infers with
     one): one common origin for them all, unnamed ("a common
     text carried by X, Y and Z on 2026-03-02", marked inferred); or, when one of them
     credits a source for those words, that source (the others dropped the credit); or,
     when one of them took the text from elsewhere (rule 1 or 3), that origin;
  3. the article reuses other sentences of an earlier article that carried the claim, or
     cites, elsewhere in its text, an outlet that carried it earlier: that article's or
     outlet's version, marked inferred.

  The origin says why in ``derived``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from rapidfuzz import fuzz

from sourcetrace.outlets import is_web_address
from sourcetrace.trace.dependence import Dependence, Derivation, earlier, listed
from sourcetrace.trace.records import Origin
from sourcetrace.trace.versions import ClaimVersion, name_key
from sourcetrace.trace.wording import normalise

ANONYMOUS = {"anonymous", "group", "unattributed"}
ONE_TEXT_WORDS = 8  # the fewest words of a claim that, run word for word, show one text
ONE_TEXT_RATIO = 85.0  # rapidfuzz ratio of "the same words up to a word or two" (as reuse's)
ONE_TEXT_INSIDE = 95.0  # partial ratio of the shorter's words inside the longer's


def _origin(version: ClaimVersion, nth_anonymous: int) -> tuple[tuple, Origin]:
    outlet = version.outlet or version.article
    links = version.chain[1:]
    cited = tuple(link["name"] for link in links if link.get("type") == "outlet")
    if not version.attributed or not links:
        key = ("own", name_key(outlet))
        return key, Origin(name=outlet, type="own_voice", via=(), unsourced=True)
    root = links[-1]
    if version.principal and root.get("type") != "outlet":
        principal_id, principal_name = version.principal
        return ("named", principal_id), Origin(
            name=principal_name,
            type=principal_id.split(":", 1)[0],
            via=cited,
            unsourced=False,
            voices=(version.speaks_as,) if version.speaks_as else (),
        )
    if root.get("type") in ANONYMOUS and version.speaker_id:
        # a spokesperson of a body the story names speaks as that body
        return ("named", version.speaker_id), Origin(
            name=version.speaker_name or root["name"],
            type=version.speaker_id.split(":", 1)[0],
            via=cited,
            unsourced=False,
            descriptions=(root["name"],),
        )
    if root.get("type") in ANONYMOUS:
        through = cited[0] if cited else outlet
        key = ("via", name_key(through), nth_anonymous)
        return key, Origin(
            name=f"an anonymous source of {through}",
            type="anonymous",
            via=cited,
            descriptions=(root["name"],),
            unsourced=False,
        )
    if root.get("type") == "outlet" or is_web_address(root["name"]):
        # An outlet cited with no source of its own stands for its (first) unnamed source:
        # the same origin as that outlet's anonymous source when its own report is here.
        return ("via", name_key(root["name"]), 0), Origin(
            name=root["name"], type="outlet", via=cited[:-1], unsourced=False
        )
    if version.speaker_id and name_key(root["name"]) == name_key(version.speaker):
        # the speaker as one entity across the story: "Ryan" and "Paul D. Ryan" are one
        return ("named", version.speaker_id), Origin(
            name=version.speaker_name or root["name"],
            type=root.get("type") or version.source_type,
            via=cited,
            unsourced=False,
            descriptions=(root["name"],),
        )
    return ("named", name_key(root["name"])), Origin(
        name=root["name"], type=root.get("type") or version.source_type, via=cited, unsourced=False
    )


def _joined(known: tuple[str, ...], more: Sequence[str]) -> tuple[str, ...]:
    """``known`` then those of ``more`` not in it, in order."""
    return known + tuple(dict.fromkeys(m for m in more if m not in known))


def _merged(known: Origin, origin: Origin, carrier: str) -> Origin:
    """One origin reached again by another version (carried by ``carrier``)."""
    if known.type == "outlet" and origin.type != "outlet":
        # The cited outlet's own report names its source: describe the origin by it.
        known = replace(
            known,
            name=origin.name,
            type=origin.type,
            unsourced=origin.unsourced,
            descriptions=origin.descriptions or known.descriptions,
        )
    return replace(
        known,
        descriptions=_joined(known.descriptions, origin.descriptions),
        voices=_joined(known.voices, origin.voices),
        via=_joined(known.via, origin.via),
        derived=_joined(known.derived, origin.derived),
        carried_by=_joined(known.carried_by, [carrier]),
    )


def origins(versions: Sequence[ClaimVersion], dependence: Dependence | None = None) -> list[Origin]:
    """The distinct origins behind the versions (in ``timeline`` order), in order of first
    appearance. A version whose chain ends at an outlet that has its own version of the
    claim in the group follows that version's chain ("Northern Courier cites Capital Wire,
    which cites The Harbor Ledger, which cites a senior official"); so does an own-voice
    version taken from another outlet (module doc)."""
    line = _Timeline.of(versions)
    own_version = line.own_version
    common, alike = _common_texts(versions, dependence)

    def elsewhere(version: ClaimVersion) -> tuple[Derivation, ClaimVersion | None] | None:
        """Where an own-voice version came from by rule 1, else rule 3 (module doc)."""
        return _taken(version, dependence, line) or _inferred(version, dependence, line)

    anonymous_seen: dict[str, list[str]] = {}  # article -> its anonymous speakers, in order
    keys: dict[tuple[str, str], tuple] = {}  # (article, speaker) -> its origin: one speaker
    # is one source in its article, however its chains differ

    def resolve(version: ClaimVersion, seen: frozenset[int]) -> tuple[tuple, Origin]:
        links = version.chain[1:]
        if version.attributed and links and links[-1].get("type") == "outlet":
            cited = own_version.get(name_key(links[-1]["name"]))
            if cited is not None and cited is not version and id(cited) not in seen:
                key, origin = resolve(cited, seen | {id(version)})
                outlets = [link["name"] for link in links if link.get("type") == "outlet"]
                via = outlets + [o for o in origin.via if o not in outlets]
                if (
                    cited.outlet
                    and cited.outlet not in via
                    and name_key(cited.outlet) not in {name_key(o) for o in via}
                ):
                    via.append(cited.outlet)
                return key, replace(origin, via=tuple(via))
        derived = _taken(version, dependence, line)
        if derived is None and not version.attributed and id(version) in common:
            group = common[id(version)]
            return _common(version, group, elsewhere, resolve, seen, id(version) in alike)
        derived = derived or _inferred(version, dependence, line)
        if derived is not None:
            return _derived(version, *derived, resolve, seen)
        nth = 0
        if version.attributed and version.source_type in ANONYMOUS:
            speakers = anonymous_seen.setdefault(version.article, [])
            if version.speaker not in speakers:
                speakers.append(version.speaker or "")
            nth = speakers.index(version.speaker or "")
        key, origin = _origin(version, nth)
        if version.attributed:
            key = keys.setdefault((version.article, version.speaker or ""), key)
        return key, origin

    found: dict[tuple, Origin] = {}
    for version in versions:
        key, origin = resolve(version, frozenset())
        carrier = version.outlet or version.article
        known = found.get(key)
        found[key] = (
            replace(origin, carried_by=(carrier,))
            if known is None
            else _merged(known, origin, carrier)
        )
    return list(found.values())


@dataclass(frozen=True, slots=True)
class _Timeline:
    """A claim's versions in time order, indexed: each outlet's first version (by name key),
    each article's first version, and each version's place (by ``id``)."""

    own_version: dict[str, ClaimVersion]
    first_of: dict[str, ClaimVersion]
    position: dict[int, int]

    @classmethod
    def of(cls, versions: Sequence[ClaimVersion]) -> _Timeline:
        line = cls({}, {}, {id(v): n for n, v in enumerate(versions)})
        for version in versions:
            line.own_version.setdefault(name_key(version.outlet or version.article), version)
            line.first_of.setdefault(version.article, version)
        return line

    def before(self, first: ClaimVersion, then: ClaimVersion) -> bool:
        return self.position[id(first)] < self.position[id(then)]


def _taken(
    version: ClaimVersion, dependence: Dependence | None, line: _Timeline
) -> tuple[Derivation, ClaimVersion | None] | None:
    """Where an own-voice version was taken from (a reused sentence, wire copy), and that
    outlet's earlier version of the claim."""
    found = None if dependence is None else dependence.taken(version)
    if found is None:
        return None
    source = line.own_version.get(name_key(found.outlet))
    return found, source if source is not None and line.before(source, version) else None


def _inferred(
    version: ClaimVersion, dependence: Dependence | None, line: _Timeline
) -> tuple[Derivation, ClaimVersion | None] | None:
    """An earlier version that an own-voice version is inferred to come from (module doc,
    rule 3): that of an article whose other sentences its article reuses, else that of an
    outlet its article cites elsewhere."""
    if dependence is None or version.attributed:
        return None
    outlet = version.outlet or version.article
    for derivation in dependence.reuse.get(version.article, ()):
        source = line.first_of.get(derivation.article or "")
        if source is not None and line.before(source, version):
            whose = (
                "its own earlier article"
                if name_key(derivation.outlet) == name_key(outlet)
                else derivation.outlet
            )
            why = (
                f"inferred: {outlet} reuses {len(derivation.spans)} other sentences of {whose},"
                f" which carried this {earlier(source.published, version.published)}"
            )
            return Derivation(derivation.outlet, source.article, why), source
    for cited in dependence.cited.get(version.article, ()):
        source = line.own_version.get(name_key(cited))
        if source is not None and line.before(source, version):
            name = source.outlet or cited
            why = (
                f"inferred: {outlet} cites {name} elsewhere in its article, and {name}"
                f" carried this {earlier(source.published, version.published)}"
            )
            return Derivation(name, source.article, why), source
    return None


def one_text(a: ClaimVersion, b: ClaimVersion) -> bool:
    """Whether two versions' words are one text: the same words up to a word or two (case,
    punctuation and quotation marks aside), or the shorter's words run word for word inside
    the longer's ("a multi-agency investigation involving federal, state, county and city
    police" in "Police said that a multi-agency investigation involving ..."); the shorter
    of at least ``ONE_TEXT_WORDS`` words. Such a claim is not written twice by chance."""
    x, y = normalise(a.text), normalise(b.text)
    short, long = sorted((x, y), key=len)
    if len(short.split()) < ONE_TEXT_WORDS:
        return False
    if fuzz.ratio(x, y) >= ONE_TEXT_RATIO:
        return True
    return len(long) > len(short) and fuzz.partial_ratio(short, long) >= ONE_TEXT_INSIDE


def common_texts(
    versions: Sequence[ClaimVersion], dependence: Dependence | None
) -> dict[int, tuple[ClaimVersion, ...]]:
    """Versions that ran one text with no direction, joined in groups: own-voice versions
    in sentences their articles share (``Dependence.share``), versions whose words are
    one text (:func:`one_text`, attributed ones too: an own-voice copy of credited words
    dropped the credit), and own-voice versions in articles that run other sentences of one
    text (``Dependence.kindred``). Each version (by ``id``) of a group of two articles or
    more -> its group, in the versions' order; a group with no own-voice version is left out
    (its versions have their sources)."""
    return _common_texts(versions, dependence)[0]


def _common_texts(
    versions: Sequence[ClaimVersion], dependence: Dependence | None
) -> tuple[dict[int, tuple[ClaimVersion, ...]], frozenset[int]]:
    """:func:`common_texts`, and the versions (by ``id``) of the groups that some two
    members joined by the claim's own words, not only by their articles' other sentences."""
    parent = list(range(len(versions)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    # a version whose text is known to be taken from an earlier article (rule 1) has its
    # origin through it: words it shares are no text of unknown direction
    taken = {i for i, v in enumerate(versions) if dependence is not None and dependence.taken(v)}
    worded: list[int] = []  # a member of each join made by the claim's own words
    for i, j in combinations(range(len(versions)), 2):
        a, b = versions[i], versions[j]
        if a.article == b.article or (a.attributed and b.attributed):
            continue
        free = i not in taken and j not in taken
        if (dependence is not None and dependence.share(a, b)) or (free and one_text(a, b)):
            worded.append(i)
        elif not (free and dependence is not None and dependence.kindred(a, b)):
            continue
        low, high = sorted((find(i), find(j)))
        parent[high] = low
    groups: dict[int, list[ClaimVersion]] = {}
    for i, version in enumerate(versions):
        groups.setdefault(find(i), []).append(version)
    alike = {find(i) for i in worded}
    found = {
        root: tuple(group)
        for root, group in groups.items()
        if len({v.article for v in group}) > 1 and any(not v.attributed for v in group)
    }
    return (
        {id(v): group for group in found.values() for v in group},
        frozenset(id(v) for root, group in found.items() if root in alike for v in group),
    )


def _common(
    version: ClaimVersion,
    group: tuple[ClaimVersion, ...],
    elsewhere: Callable[[ClaimVersion], tuple[Derivation, ClaimVersion | None] | None],
    resolve: Callable[[ClaimVersion, frozenset[int]], tuple[tuple, Origin]],
    seen: frozenset[int],
    alike: bool = True,
) -> tuple[tuple, Origin]:
    """The origin of an own-voice version in a text its ``group`` all ran with no direction
    (module doc, rule 2): that of the first member that came from ``elsewhere`` (rule 1 or
    3) when there is one, else the common text, unnamed (``alike``: whether its words of the
    claim are alike, or only other sentences of their articles)."""
    days = {(v.published or "")[:10] for v in group}
    day = days.pop() if len(days) == 1 else ""
    when = "the same day" if day else "with no date to tell which was first"
    outlet = version.outlet or version.article
    for member in group:
        if member.attributed and id(member) not in seen:
            key, origin = resolve(member, seen | {id(version)})
            other = member.outlet or member.article
            why = (
                f"inferred: {outlet} runs the words {other} credits to {member.speaker},"
                " without the credit"
            )
            return key, replace(origin, derived=_joined(origin.derived, [why]))
    for member in group:
        found = None if id(member) in seen else elsewhere(member)
        if found is None:
            continue
        key, origin = _derived(member, *found, resolve, seen | {id(version)})
        if member is version:
            return key, origin
        other = member.outlet or member.article
        whose = "another of its articles" if name_key(other) == name_key(outlet) else other
        why = f"inferred: {outlet} runs the same sentences as {whose} {when}, and no credit"
        return key, replace(origin, derived=_joined(origin.derived, [why + " says who copied"]))
    group = tuple(v for v in group if not v.attributed)
    outlets = list(dict.fromkeys(v.outlet or v.article for v in group))
    how = "the same sentences" if alike else "other sentences alike and state this unsourced"
    return ("common", group[0].article, group[0].claim), Origin(
        name=f"a common text carried by {listed(outlets)}" + (f" on {day}" if day else ""),
        type="common_source",
        via=(),
        unsourced=True,
        derived=(f"inferred: they run {how} {when}, and no credit says who copied",),
    )


def _derived(
    version: ClaimVersion,
    derivation: Derivation,
    source: ClaimVersion | None,
    resolve: Callable[[ClaimVersion, frozenset[int]], tuple[tuple, Origin]],
    seen: frozenset[int],
) -> tuple[tuple, Origin]:
    """The origin of an own-voice version taken from ``derivation``'s outlet: its earlier
    version's origin (through it) when the group has one, else the outlet itself."""
    if source is not None and id(source) not in seen:
        key, origin = resolve(source, seen | {id(version)})
        via = tuple(o for o in origin.via if name_key(o) != name_key(derivation.outlet))
        if name_key(origin.name) != name_key(derivation.outlet):
            via = (derivation.outlet, *via)
        return key, replace(origin, via=via, derived=_joined(origin.derived, [derivation.reason]))
    key = ("via", name_key(derivation.outlet), 0)
    return key, Origin(
        name=derivation.outlet,
        type="outlet",
        via=(),
        unsourced=False,
        derived=(derivation.reason,),
    )


def explain(versions: Sequence[ClaimVersion], found: Sequence[Origin]) -> str:
    """One line a reader can check: "2 outlets, 1 origin: both cite Washington Post, which
    cites an anonymous source (…)"."""
    outlets = list(dict.fromkeys(v.outlet or v.article for v in versions))
    n_out, n_orig = len(outlets), len(found)
    head = f"{n_out} outlet{'s' if n_out != 1 else ''}, {n_orig} origin{'s' if n_orig != 1 else ''}"
    parts = []
    # outlets that each state it alone in their own voice are listed on one part
    alone = [
        o.name for o in found if o.type == "own_voice" and len(o.carried_by) <= 1 and not o.derived
    ]
    for origin in found:
        carriers = origin.carried_by
        why = f" ({'; '.join(origin.derived)})" if origin.derived else ""
        if origin.type == "common_source":
            parts.append(origin.name + why)
            continue
        if origin.type == "own_voice" and len(alone) > 1 and origin.name in alone:
            if origin.name == alone[0]:
                parts.append(f"{listed(alone)} each state it in their own voice, citing no source")
            continue
        if origin.type == "own_voice":
            part = f"{origin.name} states it in its own voice, citing no source"
            if len(carriers) > 1:
                part += f", carried by {', '.join(carriers)}"
            parts.append(part + why)
            continue
        via = [o for o in origin.via if name_key(o) not in {name_key(c) for c in carriers}]
        what = origin.name
        named_as = [d for d in origin.descriptions if name_key(d) != name_key(origin.name)]
        if origin.type != "anonymous" and named_as:
            what = f"{what} (named as {', '.join(named_as)})"
        if origin.type == "anonymous":
            whose = "an anonymous source" if via else origin.name
            what = f"{whose} (" + "; ".join(origin.descriptions) + ")"
        if origin.voices:
            what = f"{what}, speaking through {' and '.join(origin.voices)}"
        if len(via) == 1 and len(carriers) > 1:
            who = "both" if len(carriers) == 2 else f"all {len(carriers)}"
            parts.append(f"{who} cite {via[0]}, which cites {what}{why}")
        elif via:
            parts.append(
                f"{what}, through {' → '.join(via)}, carried by {', '.join(carriers)}{why}"
            )
        else:
            parts.append(f"{what}, carried by {', '.join(carriers)}{why}")
    return f"{head}: " + "; ".join(parts)
