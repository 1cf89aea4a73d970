"""PolNeAR (Newell, Margolin & Ruths, LREC 2018) in brat standoff: read the annotation files.

The corpus is read from wherever the user keeps it (never copied into the repository). Each
article is ``<split>/text/<name>.txt`` with ``<split>/attributions/<name>_<annotator>.ann``;
where several annotators exist the first file in sorted order is used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

Spans = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: character spans (possibly discontinuous) into the text."""

    cue: Spans
    content: Spans
    source: Spans = ()


@dataclass(slots=True)
class GoldArticle:
    name: str
    text: str
    attributions: list[GoldAttribution] = field(default_factory=list)


def _spans(offsets: str) -> Spans:
    spans = []
    for fragment in offsets.split(";"):
        start, end = fragment.split()
        spans.append((int(start), int(end)))
    return tuple(spans)


def parse_ann(ann: str) -> list[GoldAttribution]:
    """Parse one .ann file in two passes (an ``E`` line may come before its ``T`` lines)."""
    spans: dict[str, Spans] = {}
    events: list[list[tuple[str, str]]] = []
    for line in ann.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = _spans(offsets)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])
    attributions = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for role, ref in args:
            role = role.rstrip("0123456789") or role
            if ref in spans:
                roles.setdefault(role, []).extend(spans[ref])
        if "Content" not in roles or "Cue" not in roles:
            continue
        attributions.append(
            GoldAttribution(
                cue=tuple(sorted(roles["Cue"])),
                content=tuple(sorted(roles["Content"])),
                source=tuple(sorted(roles.get("Source", ()))),
            )
        )
    return attributions


def _annotation_files(base: Path) -> dict[str, list[Path]]:
    """Each article name with its annotation files in sorted order (the first is the gold)."""
    if not (base / "text").is_dir():
        raise FileNotFoundError(f"{base / 'text'} not found: point --polnear at the PolNeAR folder")
    files: dict[str, list[Path]] = {}
    for path in sorted((base / "attributions").glob("*.ann")):
        files.setdefault(path.stem.rsplit("_", 1)[0], []).append(path)
    return files


def load_split(root: str | Path, split: str) -> list[GoldArticle]:
    """Every article of one split (``train`` or ``dev``) with its first annotator's attributions."""
    base = Path(root) / split
    annotations = {name: paths[0] for name, paths in _annotation_files(base).items()}
    articles = []
    for text_path in sorted((base / "text").glob("*.txt")):
        ann = annotations.get(text_path.stem)
        text = text_path.read_bytes().decode("utf-8")
        gold = parse_ann(ann.read_text(encoding="utf-8")) if ann else []
        articles.append(GoldArticle(text_path.stem, text, gold))
    return articles


def load_annotators(root: str | Path, split: str) -> list[list[GoldArticle]]:
    """The split's articles that several annotators marked: per article, one ``GoldArticle`` per
    annotator in sorted file order (the first is the one ``load_split`` uses)."""
    base = Path(root) / split
    articles = []
    for name, paths in sorted(_annotation_files(base).items()):
        text_path = base / "text" / f"{name}.txt"
        if len(paths) < 2 or not text_path.is_file():
            continue
        text = text_path.read_bytes().decode("utf-8")
        articles.append(
            [GoldArticle(name, text, parse_ann(p.read_text(encoding="utf-8"))) for p in paths]
        )
    return articles
