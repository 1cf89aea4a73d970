"""Write the adjudicated provenance gold (``gold/provenance/adjudicated/``): each claim's drift
and origin count decided by three annotations, the gold's and two blind re-annotations.

The rule was written down before any of the later re-annotations was read (README here):
- a drift unit (a claim and a kind) is kept when at least two of the three give it, with the
  document pairs of every annotation that gives it (spans: the claim's versions in those
  documents);
- ``independent_origins`` is the median of the three counts (the gold's with copies of one text
  as one, :func:`sourcetrace.eval.provenance.count_with_copies`);
- everything else (claims, versions, speakers, origins, copy groups) is the gold's.
A claim that fewer than three annotations cover keeps the gold's drift and count.

Usage, from the repository root (``PYTHONPATH=src``):
    python gold/provenance/agreement/adjudicate.py
"""

import json
import statistics
from pathlib import Path

from sourcetrace.eval.agreement import gold_annotation, majority, read_annotation

HERE = Path(__file__).parent
GOLD = HERE.parent
OUT = GOLD / "adjudicated"
SPLITS = ("train", "dev")


def adjudicated(split: str) -> str:
    """The adjudicated gold file of ``split`` (its text)."""
    gold, _, _ = gold_annotation([GOLD / f"{s}.jsonl" for s in SPLITS])
    others = {p.stem: read_annotation(p) for p in sorted(HERE.glob("*.jsonl"))}
    voted = majority([gold, *others.values()])  # with three annotations: kinds two give
    lines = []
    for line in (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        claim = record["claim"]
        held = {"gold": gold[claim]} | {n: a[claim] for n, a in others.items() if claim in a}
        if len(held) < 3:
            lines.append(json.dumps(record, ensure_ascii=False))
            continue
        if len(held) > 3:
            raise SystemExit(f"{claim}: {len(held)} annotations, the rule is for three")
        spans = {v["doc"]: v for v in record["versions"]}
        kept = voted[claim].units
        given: dict[tuple[str, str, str], list[str]] = {}
        for name, annotation in held.items():
            for d in annotation.drift:
                if d.kind in kept and {d.source, d.target} <= spans.keys():
                    given.setdefault((d.kind, d.source, d.target), []).append(name)
        record["drift"] = [
            {
                "from": _span(spans[source]),
                "to": _span(spans[target]),
                "kind": kind,
                "note": "adjudicated; this pair given by " + ", ".join(sorted(set(names))),
            }
            for (kind, source, target), names in sorted(given.items())
        ]
        counts = [a.origins for a in held.values()]
        record["independent_origins"] = int(statistics.median(counts))
        record["adjudicated"] = True
        lines.append(json.dumps(record, ensure_ascii=False))
    return "\n".join(lines) + "\n"


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for split in SPLITS:
        (OUT / f"{split}.jsonl").write_text(adjudicated(split), encoding="utf-8")


def _span(version: dict) -> dict:
    return {"doc": version["doc"], "start": version["start"], "end": version["end"]}


if __name__ == "__main__":
    main()
