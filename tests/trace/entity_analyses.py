"""Article analyses that hold only entities, for the identity tests: what
``identity.resolve`` reads of an analysis, written by hand."""

from __future__ import annotations


def analysis(article: str, *entities: tuple[str, str], roles: dict | None = None) -> dict:
    """An analysis of ``article`` whose entities are ``(name, kind)``, numbered in order,
    each mentioned once by its name; ``roles`` gives some of them a role."""
    out = []
    for n, (name, kind) in enumerate(entities):
        entity = {"id": n, "name": name, "kind": kind, "mentions": [{"text": name}]}
        if roles and name in roles:
            entity["role"] = roles[name]
        out.append(entity)
    return {"id": article, "entities": out}
