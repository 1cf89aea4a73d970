"""Mark attributions inline in plain text: ``[source]₁ ⟨cue⟩₁ «content»₁``."""

from __future__ import annotations

SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
MARKS = {"source": ("[", "]"), "cue": ("⟨", "⟩"), "content": ("«", "»")}


def mark_attributions(text: str, attributions: list[dict]) -> str:
    """``text`` with every attribution's source, cue and content bracketed and numbered."""
    inserts: list[tuple[int, int, str]] = []  # (offset, order, mark); closes sort before opens
    for number, attribution in enumerate(attributions, 1):
        tag = str(number).translate(SUBSCRIPTS)
        spans = [("cue", attribution["cue"])]
        if attribution.get("source"):
            spans.append(("source", attribution["source"]))
        spans += [("content", c) for c in attribution.get("content", [])]
        for role, span in spans:
            opening, closing = MARKS[role]
            start, end = span["start"], span["end"]
            if not 0 <= start < end <= len(text):
                continue
            inserts.append((start, 1, opening))
            inserts.append((end, 0, closing + tag))
    out, last = [], 0
    for offset, _, mark in sorted(inserts, key=lambda item: (item[0], item[1])):
        out.append(text[last:offset])
        out.append(mark)
        last = offset
    out.append(text[last:])
    return "".join(out)
