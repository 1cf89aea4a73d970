"""Article analyses for the identity tests: ones that hold only entities (what
``identity.resolve`` reads of an analysis, written by hand), and the traced versions of
articles analysed for real."""

from __future__ import annotations

from sourcetrace.trace.identity import identify, resolve
from sourcetrace.trace.versions import ClaimVersion, claim_versions


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


def traced_versions(texts: list[str], words: str) -> list[ClaimVersion]:
    """The claim versions holding ``words`` of articles of one story with ``texts`` (outlets
    "Outlet 0", "Outlet 1" ...), each speaker with its canonical entity."""
    from sourcetrace.nlp.analysis import analyse_text

    analyses = [
        analyse_text(text, article_id=f"a{i}", outlet=f"Outlet {i}").to_dict()
        for i, text in enumerate(texts)
    ]
    versions = [v for i, a in enumerate(analyses) for v in claim_versions(a, i)]
    return [v for v in identify(versions, resolve([analyses])) if words in v.text]
