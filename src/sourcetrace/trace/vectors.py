"""Text vectors through the store: each text is embedded once, ever, and kept."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from sourcetrace.store import Store

__all__ = ["stored_vectors"]


def stored_vectors(store: Store, texts: Sequence[str]) -> np.ndarray:
    """One vector per text (a claim version's, a sentence's): as stored when its article was
    analysed or an earlier step embedded it; a text without one is embedded now and stored."""
    from sourcetrace.nlp.embed import DIMENSIONS, from_bytes, text_key, to_bytes

    keys = [text_key(text) for text in texts]
    found = {key: from_bytes(data) for key, data in store.vectors(keys).items()}
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in found}
    if missing:
        from sourcetrace.nlp.embed import load_embedder

        made = dict(zip(missing, load_embedder().embed(list(missing.values())), strict=True))
        store.save_vectors({key: to_bytes(vector) for key, vector in made.items()})
        found.update(made)
    return np.array([found[key] for key in keys], dtype=np.float32).reshape(-1, DIMENSIONS)
