"""Plain-text tables of the evaluation figures that ``sourcetrace eval ...`` prints, and the
JSON objects of the attribution evaluations' ``--json`` (the other evaluations return theirs).

They live beside the evaluations rather than in ``report/``: the product never imports
evaluation code, and these read its records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sourcetrace.eval.attribution import Agreement, Counts

__all__ = [
    "agreement_json",
    "attribution_json",
    "drift_json",
    "format_agreement",
    "format_alignment",
    "format_attribution",
    "format_checkworthy",
    "format_drift",
    "format_extraction",
    "format_identity",
    "format_matching",
    "format_provenance",
    "format_stories",
    "provenance_json",
]


def _figure(value: float | None) -> str:
    """A figure to three decimals, or "-" where there is none."""
    return "-" if value is None else f"{value:.3f}"


def attribution_json(results: dict[str, Counts], split: str, articles: int) -> dict[str, Any]:
    """``eval attribution --json``: the split, its size and each measure's counts."""
    payload: dict[str, Any] = {"split": split, "articles": articles}
    payload.update({name: counts.as_dict() for name, counts in results.items()})
    return payload


def format_attribution(results: dict[str, Counts], split: str, articles: int) -> str:
    """``eval attribution``: one row per measure, in the order of ``results``."""
    first = next(iter(results.values()))
    lines = [
        f"PolNeAR {split}: {articles} articles, {first.gold} gold attributions",
        f"{'measure':<16}{'precision':>10}{'recall':>9}{'F1':>8}{'matched':>9}",
    ]
    for name, c in results.items():
        lines.append(f"{name:<16}{c.precision:>10.3f}{c.recall:>9.3f}{c.f1:>8.3f}{c.matched:>9}")
    return "\n".join(lines)


def agreement_json(result: Agreement, split: str) -> dict[str, Any]:
    """``eval attribution --agreement --json``: the annotators' and the system's counts."""
    payload: dict[str, Any] = {"split": split, "articles": result.articles, "pairs": result.pairs}
    for who, counts in (("annotators", result.annotators), ("system", result.system)):
        payload[who] = {name: c.as_dict() for name, c in counts.items()}
    return payload


def format_agreement(result: Agreement, split: str) -> str:
    """``eval attribution --agreement``: per measure, the annotators' F1, precision and recall
    against the first annotator, beside the system's F1."""
    lines = [
        f"PolNeAR {split}: {result.articles} articles marked by several annotators, "
        f"{result.pairs} further annotations scored against the first (the gold)"
    ]
    if not result.articles:
        return lines[0]
    lines.append(f"{'measure':<16}{'annotators F1':>14}{'P':>7}{'R':>7}{'system F1':>11}")
    for name, a in result.annotators.items():
        m = result.system[name]
        lines.append(f"{name:<16}{a.f1:>14.3f}{a.precision:>7.3f}{a.recall:>7.3f}{m.f1:>11.3f}")
    if split == "train":
        lines.append("The system column is on articles the cue model was fitted on: optimistic.")
    return "\n".join(lines)


def format_checkworthy(results: dict[str, dict[str, Any]]) -> str:
    """``eval checkworthy``: the ClaimBuster held-out figures, and MAP on CheckThat! 2019."""
    held = results["claimbuster_held_out"]
    lines = [
        f"ClaimBuster held-out ({held['sentences']} sentences, {held['positives']} check-worthy):"
        f" precision {held['precision']:.3f} recall {held['recall']:.3f} F1 {held['f1']:.3f}"
    ]
    if "ct19" in results:
        ct = results["ct19"]
        lines.append(f"CheckThat! 2019 task 1, leave-one-transcript-out over {ct['transcripts']}"
                     f" transcripts: MAP {ct['map']:.3f}")  # fmt: skip
    return "\n".join(lines)


#: The story measures ``format_stories`` shows, in order, with their row labels.
STORY_MEASURES = {"b_cubed": "B³", "pairwise": "pairwise", "second_coder": "coder 2*"}


def format_stories(results: list[dict[str, Any]]) -> str:
    """``eval stories``: per corpus, its size and a table of the story measures it has."""
    lines = []
    for r in results:
        name = f"ECB+ {r['split']}" if r["corpus"] == "ecbplus" else "story chains"
        gold = f", {r['gold_clusters']} gold events" if "gold_clusters" in r else ""
        pairs = f", {r['pairs']} labelled pairs" if "pairs" in r else ""
        lines.append(f"{name}: {r['documents']} articles{gold}{pairs}, {r['stories']} stories")
        lines.append(f"  {'':<10}{'precision':>10}{'recall':>9}{'F1':>8}")
        for measure, label in STORY_MEASURES.items():
            if measure in r:
                m = r[measure]
                lines.append(
                    f"  {label:<10}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}"
                )
        if "second_coder" in r:
            lines.append("  * the second coder's labels scored against the first's (the gold)")
    return "\n".join(lines)


def format_alignment(r: dict[str, Any], split: str) -> str:
    """``eval alignment``: the gold pairs of the split, then the aligner's figures."""
    return (
        f"ECB+ {split}: {r['events']} events, {r['pairs']} cross-document sentence pairs,"
        f" {r['gold_pairs']} gold ({r['gold_share']:.3f} of all pairs)\n"
        f"aligned {r['predicted_pairs']} pairs: precision {r['precision']:.3f}"
        f" recall {r['recall']:.3f} F1 {r['f1']:.3f}"
    )


def format_matching(r: dict[str, Any], split: str) -> str:
    """``eval matching``: MAP@5 with each component alone, then the open-set figures."""
    parts = ", ".join(f"{name} alone {value:.3f}" for name, value in r["components"].items())
    o = r["open_set"]
    return (
        f"CheckThat! 2020 task 2 {split}: {r['queries']} tweets, {r['claims']} verified claims;"
        f" MAP@5 {r['map_at_5']:.3f} (combined score without the reranker"
        f" {r['combined_map_at_5']:.3f}; {parts})\n"
        f"open set at the match cut {o['threshold']}: precision {o['precision']:.3f},"
        f" recall {o['recall']:.3f}, F1 {o['f1']:.3f}"
    )


def format_extraction(r: dict[str, Any], low: float, high: float) -> str:
    """``eval extraction``: a table of each extractor's figures, then the pages where
    sourcetrace scores below ``low`` while trafilatura scores above ``high``."""
    lines = [
        f"extraction benchmark: {r['pages']} pages",
        f"  {'':<24}{'precision':>10}{'recall':>9}{'F1':>8}",
    ]
    for name, m in r["scores"].items():
        lines.append(f"  {name:<24}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}")
    lines.append(
        f"pages where sourcetrace scores below {low} while trafilatura scores above {high}:"
        f" {len(r['collapsed'])}"
    )
    lines += [
        f"  {page['page']}: sourcetrace {page['sourcetrace']:.3f},"
        f" trafilatura {page['trafilatura']:.3f}"
        for page in r["collapsed"]
    ]
    return "\n".join(lines)


#: The coreference measures ``format_identity`` shows, in order, with their row labels.
COREF_MEASURES = {"muc": "MUC", "b_cubed": "B³", "ceaf_e": "CEAF-e"}


def format_identity(r: dict[str, Any]) -> str:
    """``eval identity``: per mention set (all, named), its counts, a table of MUC, B³ and
    CEAF-e, and the CoNLL F1."""
    lines = [
        f"ECB+ {r['split']}, {r['resolver']}: {r['documents']} documents in {r['topics']} topics"
    ]
    for subset in ("all", "named"):
        s = r[subset]
        lines.append(
            f"{subset} {s['mentions']} mentions: {s['gold_entities']} gold entities,"
            f" {s['predicted_entities']} predicted"
        )
        lines.append(f"  {'':<10}{'recall':>9}{'precision':>10}{'F1':>8}")
        for measure, name in COREF_MEASURES.items():
            m = s[measure]
            lines.append(f"  {name:<10}{m['recall']:>9.3f}{m['precision']:>10.3f}{m['f1']:>8.3f}")
        lines.append(f"  {'CoNLL F1':<10}{'':>19}{s['conll_f1']:>8.3f}")
    return "\n".join(lines)


def provenance_json(r: dict[str, Any], verbose: bool) -> dict[str, Any]:
    """``eval provenance --json``: the figures; with ``verbose`` the per-claim results too."""
    return r if verbose else {key: value for key, value in r.items() if key != "results"}


def format_provenance(r: dict[str, Any], verbose: bool) -> str:
    """``eval provenance``: recall of shared claims, origin figures overall and per event;
    with ``verbose`` one block per gold claim."""
    lines = [
        f"provenance gold {r['gold']}: {r['events']} events, {r['articles']} articles,"
        f" {r['claims']} gold claims",
        f"shared-claim recall {r['recall']:.3f}: {r['matched']} of {r['claims']} gold claims"
        " matched by a traced claim",
        f"origin accuracy {r['origin_accuracy']:.3f}: {r['origins_right']} of {r['matched']}"
        f" matched claims with as many origins as the gold (overcount {r['overcount']},"
        f" undercount {r['undercount']})",
        f"origin accuracy with the gold's copies of one text as one origin"
        f" {r['origin_accuracy_copies']:.3f}: {r['origins_right_copies']} of {r['matched']}",
        f"origins grouped as the gold {r['grouping_accuracy']:.3f}: {r['grouped_right']} of"
        f" {r['matched']}",
    ]
    if r["whole_adjudicated"]:
        lines.append(
            f"origin accuracy against the adjudicated count, on claims held whole"
            f" {r['origin_accuracy_adjudicated']:.3f}: {r['origins_right_adjudicated']} of"
            f" {r['whole_adjudicated']} (overcount {r['overcount_adjudicated']}, undercount"
            f" {r['undercount_adjudicated']})"
        )
    lines += [
        f"  {'event':<12}{'claims':>7}{'matched':>8}{'recall':>8}{'right':>7}{'accuracy':>9}"
        f"{'grouped':>8}",
    ]
    for event, e in r["by_event"].items():
        lines.append(
            f"  {event:<12}{e['claims']:>7}{e['matched']:>8}{e['recall']:>8.3f}"
            f"{e['origins_right']:>7}{e['origin_accuracy']:>9.3f}{e['grouped_right']:>8}"
        )
    lines += [
        f"gold claims whose independent_origins differs from their listed origins:"
        f" {r['count_rule_differs']} of {r['claims']}",
        f"system versions: {r['system_versions']}, found by text search {r['found_by_search']},"
        f" not found {r['not_found']}",
    ]
    if verbose:
        for claim in r["results"]:
            lines += _provenance_claim(claim)
    return "\n".join(lines)


def _provenance_claim(c: dict[str, Any]) -> list[str]:
    """One gold claim of ``format_provenance --verbose``: its verdict, then the system's
    origins and each matched version's gold and system speakers."""
    if not c["matched"]:
        return [
            f"{c['claim']} not matched ({c['located']} of {c['gold_versions']} versions"
            f" found among system versions): {c['gist']}"
        ]
    gold, system = c["gold_count"], c["system_count"]
    verdict = "right" if gold == system else "over" if system > gold else "under"
    grouped = "grouped as the gold" if c["grouped"] else "grouped otherwise"
    lines = [
        f"{c['claim']} {verdict}, {grouped}: gold {gold}, system {system}: {c['gist']}",
        f"  traced {c['traced_claim']} holds {c['held']} of {c['gold_versions']} versions;"
        f" system origins: {'; '.join(c['system_origins'])}",
    ]
    for v in c["versions"]:
        said = v["system_speaker"] or "-"
        lines.append(
            f"  {v['doc']:<12} gold {v['gold_origin']} {v['gold_speaker'] or '(own voice)'}"
            f" | system {said} ({v['system_type']}) -> {v['system_origin']}"
        )
    return lines


def _pair_line(label: str, r: dict[str, Any]) -> str:
    return (
        f"  {label:<18} {r['pairs']:>5} {r['gold_same']:>5} {r['predicted_same']:>5}"
        f" {_figure(r['precision']):>9} {_figure(r['recall']):>7}"
    )


def format_pairs(r: dict[str, Any]) -> str:
    """``eval pairs`` as text: overall, by kind, by hard tag, then the ids of wrong pairs."""
    lines = [
        f"name pairs, {r['split']}: {r['pairs']} pairs from {r['documents']} documents",
        f"  {'':<18} {'pairs':>5} {'same':>5} {'said':>5} {'precision':>9} {'recall':>7}",
        _pair_line("all", r),
    ]
    lines += [_pair_line(kind, v) for kind, v in r["by_kind"].items()]
    lines.append("  by hard case:")
    lines += [_pair_line(tag, v) for tag, v in r["by_hard_tag"].items()]
    wrong = ", ".join(w["id"] for w in r["wrong"])
    lines.append(f"wrong ({len(r['wrong'])}): {wrong or 'none'}")
    return "\n".join(lines)


def drift_json(r: dict[str, Any], verbose: bool) -> dict[str, Any]:
    """``eval drift --json``: the figures; with ``verbose`` each flag and missed drift too."""
    return r if verbose else {key: value for key, value in r.items() if key != "details"}


def format_drift(r: dict[str, Any], verbose: bool) -> str:
    """``eval drift``: shared-claim recall, alignment precision, drift precision and recall
    per kind and micro-averaged, per event; with ``verbose`` each flag and missed drift."""

    lines = [
        f"drift gold {r['gold']}: {r['events']} events, {r['claims']} gold claims",
        f"shared-claim recall {_figure(r['shared_claim_recall'])}: {r['matched']} of"
        f" {r['claims']} gold claims matched by a traced claim",
        f"alignment precision {_figure(r['alignment_precision'])}: {r['aligned_right']} of"
        f" {r['aligned_pairs']} aligned version pairs in one gold claim"
        f" ({r['aligned_outside_gold']} more pairs have a version the gold lists under no claim)",
        f"drift precision {_figure(r['drift_precision'])}: {r['flagged_right']} of"
        f" {r['flagged']} flagged claim-and-kind units on matched claims right",
        f"drift recall {_figure(r['drift_recall'])}: {r['found']} of {r['gold_drift']} gold"
        f" units found; {_figure(r['drift_recall_aligned'])} of the {r['gold_drift_aligned']}"
        " whose versions are aligned",
        f"single flags on matched claims: {r['flags']}, {r['flags_right']} joining the documents"
        f" of a gold drift of their kind, {r['direction_right']} of them in its direction;"
        f" {r['flags_on_unmatched_claims']} flags on claims that match no gold claim;"
        f" {r['flags_not_scored']} excerpts not scored",
        f"  {'kind':<20}{'units':>6}{'right':>6}{'prec':>7}{'gold':>6}{'found':>6}{'recall':>7}",
    ]
    for kind, k in r["by_kind"].items():
        lines.append(
            f"  {kind:<20}{k['flagged']:>6}{k['right']:>6}{_figure(k['precision']):>7}"
            f"{k['gold']:>6}{k['found']:>6}{_figure(k['recall']):>7}"
        )
    lines.append(f"  {'event':<12}{'claims':>7}{'matched':>8}{'align':>7}{'prec':>7}{'recall':>7}")
    for event, e in r["by_event"].items():
        lines.append(
            f"  {event:<12}{e['claims']:>7}{e['matched']:>8}{_figure(e['alignment_precision']):>7}"
            f"{_figure(e['drift_precision']):>7}{_figure(e['drift_recall']):>7}"
        )
    if verbose:
        lines += [_drift_detail(d) for d in r["details"]]
    return "\n".join(lines)


def _drift_detail(d: dict[str, Any]) -> str:
    if "missed" in d:
        m = d["missed"]
        return f"missed {m['claim']} {m['kind']}: {m['from']} -> {m['to']}"
    verdict = "right" if d["right"] else "wrong"
    flags = "; ".join(
        f"{f['kind']} {f['from']['article']} {f['from']['text']!r} -> {f['to']['article']}"
        f" {f['to']['text']!r}"
        for f in d["flags"]
    )
    return f"{verdict} {d['traced']} {d['kind']}: {flags}"


def format_annotation_agreement(r: dict[str, Any]) -> str:
    """``eval agreement``: drift units and origin counts of each pair of annotations, each
    against the majority, and the product against each."""

    def row(label: str, a: dict[str, Any]) -> str:
        d = a["drift"]
        return (
            f"  {label:<28}{a['claims']:>7}{d['first']:>7}{d['second']:>7}{d['both']:>6}"
            f"{_figure(d['precision']):>7}{_figure(d['recall']):>7}{_figure(d['f1']):>7}"
            f"{_figure(a['origins_agreement']):>9}"
        )

    head = (
        f"  {'second against first':<28}{'claims':>7}{'first':>7}{'second':>7}{'both':>6}"
        f"{'prec':>7}{'recall':>7}{'F1':>7}{'origins':>9}"
    )
    lines = [
        f"annotations: {', '.join(r['annotations'])} (drift units: a claim and a kind;"
        " origins: share of equal counts, copies as one)",
        head,
    ]
    for p in r["pairs"]:
        lines.append(row(f"{p['second']} vs {p['first']} ({p['split']})", p))
    if r.get("against_majority"):
        lines += [f"against the majority of the {r['majority_claims']} claims three or more"
                  " annotations cover:", head]  # fmt: skip
        lines += [row(f"{name} vs majority", a) for name, a in r["against_majority"].items()]
    if r.get("product"):
        lines += [
            "the product (eval drift's protocol) against each, on the claims it covers:",
            f"  {'against':<20}{'claims':>7}{'matched':>8}{'units':>6}{'right':>6}{'prec':>7}"
            f"{'gold':>6}{'found':>6}{'recall':>7}",
        ]
        for name, by_split in r["product"].items():
            for split, f in by_split.items():
                lines += _product_row(f"{name} ({split})", f)
    return "\n".join(lines)


def _product_row(name: str, f: dict[str, Any]) -> list[str]:
    """Two lines of ``eval agreement``: the product's drift figures against one annotation
    (one split), then per kind."""

    kinds = ", ".join(
        f"{k} {v['right']}/{v['flagged']} right, {v['found']}/{v['gold']} found"
        for k, v in f["by_kind"].items()
        if v["flagged"] or v["gold"]
    )
    return [
        f"  {name:<20}{f['claims']:>7}{f['matched']:>8}{f['flagged']:>6}"
        f"{f['flagged_right']:>6}{_figure(f['drift_precision']):>7}{f['gold_drift']:>6}"
        f"{f['found']:>6}{_figure(f['drift_recall']):>7}",
        f"      {kinds}",
    ]
