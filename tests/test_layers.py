"""The package's layers: no import cycle, and no import across a forbidden boundary.

An AST walk over ``src/sourcetrace`` (nothing is imported), counting every import: at module
level, inside functions and under ``TYPE_CHECKING``. ``import a.b.c`` and ``from a.b.c import
x`` also execute the packages ``a.b`` and ``a``, so they are edges too, except the packages
the importer is inside (Python has executed those before it). A module that names its own
package (``import sourcetrace.web``, or ``from sourcetrace.web import pages`` in ``web/app.py``,
which reads the package's namespace) has an edge to it.

Forbidden: product code (all but ``eval/``, ``cli.py`` and ``__main__.py``) importing
``eval/``; ``store/`` importing ``engine/``; ``nlp/`` importing store, stories, trace, report,
web or engine.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "sourcetrace"

#: Modules of the top package that may import ``eval/``: the command line runs evaluations.
EVAL_CALLERS = ("cli", "__main__")
#: Stage -> the stages it may not import.
FORBIDDEN = {
    "store": {"engine"},
    "nlp": {"store", "stories", "trace", "report", "web", "engine"},
}


def modules(src: Path, package: str) -> dict[str, Path]:
    """Every module of ``package`` under ``src`` by dotted name (a package by its own name)."""
    found = {}
    for path in (src / package).rglob("*.py"):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_package(name: str, found: dict[str, Path]) -> bool:
    return found[name].name == "__init__.py"


def _inside(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _resolve(name: str, found: dict[str, Path]) -> str | None:
    """The module ``name`` refers to: itself, else its closest enclosing module."""
    while name and name not in found:
        name = name.rpartition(".")[0]
    return name or None


def _imported(module: str, node: ast.AST, found: dict[str, Path]) -> Iterator[str]:
    """The modules one import node names: a from-import's source and the submodules it takes."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            here = module if _is_package(module, found) else module.rpartition(".")[0]
            parts = here.split(".")[: len(here.split(".")) - node.level + 1]
            source = ".".join(parts + ([node.module] if node.module else []))
        else:
            source = node.module or ""
        yield source
        for alias in node.names:
            if f"{source}.{alias.name}" in found:
                yield f"{source}.{alias.name}"


def import_edges(src: Path, package: str) -> dict[str, set[str]]:
    """Module -> the modules of ``package`` that importing it executes directly."""
    found = modules(src, package)
    edges: dict[str, set[str]] = {}
    for module, path in found.items():
        out = edges.setdefault(module, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            for name in _imported(module, node, found):
                target = _resolve(name, found) if _inside(name, package) else None
                if target is None:
                    continue
                if target != module:
                    out.add(target)
                parent = target.rpartition(".")[0]
                while parent and not _inside(module, parent):
                    if parent in found:
                        out.add(parent)
                    parent = parent.rpartition(".")[0]
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def forbidden(edges: dict[str, set[str]]) -> list[str]:
    """Each import that crosses a forbidden boundary, as ``importer -> imported``."""
    crossings = []
    for module, targets in sorted(edges.items()):
        stage = _stage(module)
        for target in sorted(targets):
            into = _stage(target)
            if into == "eval" and stage != "eval" and stage not in EVAL_CALLERS:
                crossings.append(f"{module} -> {target} (product code imports eval/)")
            elif into in FORBIDDEN.get(stage, ()):
                crossings.append(f"{module} -> {target} ({stage}/ may not import {into}/)")
    return crossings


def describe(component: list[str], edges: dict[str, set[str]]) -> str:
    lines = [f"cycle of {len(component)}: {', '.join(component)}"]
    lines += [
        f"    {member} -> {', '.join(sorted(edges[member] & set(component)))}"
        for member in component
    ]
    return "\n".join(lines)


def test_no_import_cycles():
    edges = import_edges(SRC, PACKAGE)
    assert len(edges) > 50  # the walk saw the package
    found = cycles(edges)
    assert not found, "\n".join(describe(c, edges) for c in found)


def test_no_forbidden_imports():
    crossings = forbidden(import_edges(SRC, PACKAGE))
    assert not crossings, "\n".join(crossings)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_walk_finds_a_cycle_through_an_import_inside_a_function(tmp_path):
    _write(
        tmp_path,
        {
            "tp/__init__.py": "",
            "tp/a.py": "from tp.b import helper\n",
            "tp/b.py": "def helper():\n    from tp.a import thing\n    return thing\n",
            "tp/c.py": "import tp.a\n",
        },
    )
    edges = import_edges(tmp_path, "tp")
    assert cycles(edges) == [["tp.a", "tp.b"]]
    assert edges["tp.c"] == {"tp.a"}  # its own package, tp, it is inside


def test_the_walk_finds_type_checking_imports_and_a_module_naming_its_package(tmp_path):
    _write(
        tmp_path,
        {
            "tp/__init__.py": "",
            "tp/web/__init__.py": "from tp.web.app import serve\n",
            "tp/web/app.py": "from tp.web import pages\n\ndef serve(): ...\n",
            "tp/web/pages.py": "",
            "tp/store/__init__.py": "",
            "tp/store/sqlite.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from ..engine.shards import Record\n"
            ),
            "tp/engine/__init__.py": "",
            "tp/engine/shards.py": "from tp.store import sqlite\n",
        },
    )
    edges = import_edges(tmp_path, "tp")
    assert edges["tp.web.app"] == {"tp.web", "tp.web.pages"}
    assert edges["tp.store.sqlite"] == {"tp.engine", "tp.engine.shards"}
    assert cycles(edges) == [
        ["tp.engine.shards", "tp.store.sqlite"],
        ["tp.web", "tp.web.app"],
    ]


def test_forbidden_names_each_crossing():
    edges = {
        "sourcetrace.nlp.train": {"sourcetrace.eval.brat", "sourcetrace.nlp.cues"},
        "sourcetrace.store.sqlite": {"sourcetrace.engine.shards"},
        "sourcetrace.nlp.features": {"sourcetrace.stories.model"},
        "sourcetrace.cli": {"sourcetrace.eval.stories"},
        "sourcetrace.eval.stories": {"sourcetrace.store", "sourcetrace.eval.clusters"},
    }
    assert forbidden(edges) == [
        "sourcetrace.nlp.features -> sourcetrace.stories.model (nlp/ may not import stories/)",
        "sourcetrace.nlp.train -> sourcetrace.eval.brat (product code imports eval/)",
        "sourcetrace.store.sqlite -> sourcetrace.engine.shards (store/ may not import engine/)",
    ]
