"""Independent origins of a canonical claim: collapse citation chains to their roots.

Each version's chain runs from the article's outlet through the outlets it cites to the source
(``this article → Washington Post → one senior military official``). Its origin is:

- a **named** source (person, organisation, government, intelligence service, document): the
  source itself, by canonical name, however many outlets pass it on;
- an **anonymous** source or group reached through a cited outlet: that outlet's anonymous
  source. Outlets repeating one outlet's anonymous official cannot tell whether they mean the
  same person and give the reader no second witness, so across articles these are one origin;
  within one article, distinct anonymous speakers of the claim ("a second official") stay
  distinct;
- an **outlet** cited with no further source: that outlet;
- an anonymous source of the article's own outlet: that outlet's own anonymous source;
- the article's **own voice** (no attribution): the outlet itself, marked unsourced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sourcetrace.trace.versions import ClaimVersion

ANONYMOUS = {"anonymous", "group", "unattributed"}


def _norm(name: str | None) -> str:
    return " ".join((name or "").lower().replace("the ", " ").split())


def _origin(version: ClaimVersion, nth_anonymous: int) -> tuple[tuple, dict[str, Any]]:
    outlet = version.outlet or version.article
    links = version.chain[1:]
    cited = [link["name"] for link in links if link.get("type") == "outlet"]
    if not version.attributed or not links:
        key = ("own", _norm(outlet))
        return key, {"name": outlet, "type": "own_voice", "via": [], "unsourced": True}
    root = links[-1]
    if root.get("type") in ANONYMOUS:
        through = cited[0] if cited else outlet
        key = ("anonymous", _norm(through), nth_anonymous)
        return key, {
            "name": f"anonymous source of {through}",
            "type": "anonymous",
            "via": cited,
            "descriptions": [root["name"]],
            "unsourced": False,
        }
    if root.get("type") == "outlet":
        return ("outlet", _norm(root["name"])), {
            "name": root["name"],
            "type": "outlet",
            "via": cited[:-1],
            "unsourced": False,
        }
    return ("named", _norm(root["name"])), {
        "name": root["name"],
        "type": root.get("type") or version.source_type,
        "via": cited,
        "unsourced": False,
    }


def origins(versions: Sequence[ClaimVersion]) -> list[dict[str, Any]]:
    """The distinct origins behind the versions, in order of first appearance."""
    found: dict[tuple, dict[str, Any]] = {}
    anonymous_seen: dict[str, list[str]] = {}  # article -> its anonymous speakers, in order
    keys: dict[tuple[str, str], tuple] = {}  # (article, speaker) -> its origin: one speaker
    for version in versions:  # is one source in its article, however its chains differ
        nth = 0
        if version.attributed and version.source_type in ANONYMOUS:
            speakers = anonymous_seen.setdefault(version.article, [])
            if version.speaker not in speakers:
                speakers.append(version.speaker or "")
            nth = speakers.index(version.speaker or "")
        key, origin = _origin(version, nth)
        if version.attributed:
            key = keys.setdefault((version.article, version.speaker or ""), key)
        if key in found:
            known = found[key]
            for description in origin.get("descriptions", []):
                if description not in known.setdefault("descriptions", []):
                    known["descriptions"].append(description)
            for outlet in origin["via"]:
                if outlet not in known["via"]:
                    known["via"].append(outlet)
        else:
            found[key] = origin
    return list(found.values())


def explain(versions: Sequence[ClaimVersion], found: Sequence[dict[str, Any]]) -> str:
    """One line a reader can check: "2 outlets, 1 origin: both cite Washington Post, which
    cites an anonymous source (…)"."""
    outlets = list(dict.fromkeys(v.outlet or v.article for v in versions))
    n_out, n_orig = len(outlets), len(found)
    head = f"{n_out} outlet{'s' if n_out != 1 else ''}, {n_orig} origin{'s' if n_orig != 1 else ''}"
    parts = []
    for origin in found:
        if origin["type"] == "own_voice":
            parts.append(f"{origin['name']} states it in its own voice, citing no source")
            continue
        descriptions = origin.get("descriptions") or []
        what = (
            "an anonymous source (" + "; ".join(descriptions) + ")"
            if origin["type"] == "anonymous"
            else origin["name"]
        )
        if origin["via"]:
            citers = "both" if n_out == 2 and n_orig == 1 else "they"
            parts.append(f"{citers} cite {', '.join(origin['via'])}, which cites {what}")
        else:
            parts.append(what)
    return f"{head}: " + "; ".join(parts)
