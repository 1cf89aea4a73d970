"""Print gold claims for a blind re-annotation of drift and origin counts: each version's
words in [[brackets]] inside a little of their sentence; no drift, origins, speakers or notes.

Usage, from the repository root: python gold/provenance/agreement/make_sheet.py SPLIT EVENT...
(SPLIT names the gold file: dev, train, train_more_a, train_more_b).
"""

import json
import re
import sys

SENTENCE_END = r"[.!?]['\"”’]?\s+|\n"


def context(text: str, start: int, end: int) -> str:
    """The span in brackets, after up to two sentence ends before it and to its sentence's end."""
    left = text[max(0, start - 400) : start]
    ends = [m.end() for m in re.finditer(SENTENCE_END, left)]
    if len(ends) >= 2:
        left = left[ends[-2] :]
    right = text[end : min(len(text), end + 250)]
    stop = re.search(r"[.!?]['\"”’]?(\s|$)|\n", right)
    if stop:
        right = right[: stop.end()]
    return (left + "[[" + text[start:end] + "]]" + right).replace("\n", " ")


def main(split: str, events: list[str]) -> None:
    docs = {}
    with open("../shared/data/ecbplus/docs.jsonl", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            docs[record["doc_id"]] = record["text"]
    with open(f"gold/provenance/{split}.jsonl", encoding="utf-8") as handle:
        for line in handle:
            claim = json.loads(line)
            if claim["event"] not in events:
                continue
            print(f"### {claim['claim']}  (gist: {claim['gist']})")
            for v in claim["versions"]:
                print(f"  - {v['doc']}: {context(docs[v['doc']], v['start'], v['end'])}")
            print()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
