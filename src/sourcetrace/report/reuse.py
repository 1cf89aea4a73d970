"""The reuse section of a story's dossier: which article repeats which one's sentences, side
by side, and which articles are wire copy. Only reads what ``process`` stored
(``trace.reuse_service``)."""

from __future__ import annotations

from typing import Any

from sourcetrace.store import Store
from sourcetrace.trace.dependence import reuse_summary
from sourcetrace.trace.versions import name_key

__all__ = ["story_reuse"]


def story_reuse(
    store: Store, articles: list[dict[str, Any]], analyses: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    """``{"pairs", "wire"}`` among the story's ``articles`` (dossier entries: id, outlet as
    the story shows it, published, text): each pair from the source to the copy (for text
    both took from a common source: from the earlier-listed one) to the reuser, with its share,
    a sentence a reader can check, and the aligned sentences side by side; each wire credit
    with the article, the agency and its evidence."""
    by_id = {a["id"]: a for a in articles}
    ids = list(by_id)
    pairs = [
        _pair(p, by_id, analyses)
        for p in store.reuse_pairs(ids)
        if p["a"] in by_id and p["b"] in by_id
    ]
    wire = [
        {
            "article": c["article"],
            "outlet": by_id[c["article"]]["outlet"],
            "wire": c["wire"],
            "kind": c["kind"],
            "evidence": by_id[c["article"]]["text"][c["evidence"][0] : c["evidence"][1]],
        }
        for c in store.wire_credits(ids)
        if c["article"] in by_id
    ]
    return {"pairs": pairs, "wire": wire}


def _pair(
    pair: dict[str, Any], by_id: dict[str, dict[str, Any]], analyses: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    source, copy = ("b", "a") if pair["direction"] == "a_from_b" else ("a", "b")
    src, dst = by_id[pair[source]], by_id[pair[copy]]
    shown = {
        key: {**analyses[by_id[pair[key]]["id"]], "outlet": by_id[pair[key]]["outlet"]}
        for key in ("a", "b")
    }
    n = len(pair["sentences"])
    if pair["direction"] in ("b_from_a", "a_from_b"):
        summary = reuse_summary(shown[copy], shown[source], n)
    elif name_key(dst["outlet"] or "") == name_key(src["outlet"] or "-"):
        sentences = f"{n} sentence{'s' if n != 1 else ''}"
        summary = f"{dst['outlet']} repeats {sentences} in two of its articles"
    else:
        summary = f"{dst['outlet']} and {src['outlet']} share {n} sentences" + (
            f" of {pair['wire']} copy" if pair.get("wire") else " from a common source"
        )
    return {
        "verdict": pair["verdict"],
        "wire": pair.get("wire"),
        "direction": "copied" if pair["direction"] != "common_source" else "common_source",
        "source": _side(src),
        "reuser": _side(dst),
        "share": round(pair[f"share_{copy}"], 3),
        "summary": summary,
        "sentences": [
            {
                "source": src["text"][s[source][0] : s[source][1]],
                "reuser": dst["text"][s[copy][0] : s[copy][1]],
                "kind": s["kind"],
            }
            for s in pair["sentences"]
        ],
    }


def _side(article: dict[str, Any]) -> dict[str, Any]:
    return {
        "article": article["id"],
        "outlet": article["outlet"],
        "date": (article["published"] or "")[:10] or None,
    }
