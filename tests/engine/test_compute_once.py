"""Each article is parsed once and each text embedded once: the analysis step
(``engine.analyse_one``) makes the story features and the vectors that grouping and tracing
need, and stores them."""

from __future__ import annotations

import shutil
from collections import Counter

import numpy as np
import pytest
from spacy.language import Language

from sourcetrace.demo import corpus_dir
from sourcetrace.ingest import IngestOptions, ingest
from sourcetrace.nlp import embed
from sourcetrace.nlp.embed import Embedder, text_key
from sourcetrace.pipeline import process
from sourcetrace.store import open_store
from sourcetrace.stories.features import embedding_text
from sourcetrace.stories.service import story_summaries
from sourcetrace.trace.service import trace_stories, trace_story
from sourcetrace.trace.versions import claim_versions

LAST = "lindmarkobserver_2026-03-06.txt"  # the demo article the second run adds


@pytest.fixture
def recorded(monkeypatch):
    """Every text spaCy parses and every text the embedder embeds, counted."""
    parsed: Counter[str] = Counter()
    embedded: Counter[str] = Counter()
    call, pipe, embed_texts = Language.__call__, Language.pipe, Embedder.embed

    def counting_call(self, text, *args, **kwargs):
        parsed[str(text)] += 1
        return call(self, text, *args, **kwargs)

    def counting_pipe(self, texts, *args, **kwargs):
        def each():
            for text in texts:
                parsed[str(text)] += 1
                yield text

        return pipe(self, each(), *args, **kwargs)

    def counting_embed(self, texts, *args, **kwargs):
        embedded.update(texts)
        return embed_texts(self, texts, *args, **kwargs)

    monkeypatch.setattr(Language, "__call__", counting_call)
    monkeypatch.setattr(Language, "pipe", counting_pipe)
    monkeypatch.setattr(Embedder, "embed", counting_embed)
    return parsed, embedded


def _corpus(tmp_path, *, without: str | None = None):
    folder = tmp_path / "corpus"
    shutil.copytree(corpus_dir(), folder)
    if without:
        (folder / without).rename(tmp_path / without)
    return folder


def test_process_parses_each_article_once_and_embeds_each_text_once(tmp_path, recorded):
    parsed, embedded = recorded
    with open_store(tmp_path / "st.db") as store:
        ingest([str(_corpus(tmp_path))], store, IngestOptions())
        summary = process(store)
        assert summary.traced and not summary.untraced
        articles = store.articles()
        analyses = store.analyses(articles, _version())
    assert len(articles) > 5
    for article in articles:
        # the analysis's parse; the story features reuse it (their name finder sees the
        # title alone, which the analysis does not read)
        whole = [text for text in parsed if article.text.strip() in text]
        assert [parsed[text] for text in whole] == [1], article.id
    # each text once per article that has it (each article's texts are embedded with its
    # analysis, which sees no other article: a sentence two outlets share is embedded twice)
    having: Counter[str] = Counter()
    for article in articles:
        texts = {v.text for v in claim_versions(analyses[article.id])}
        having.update(texts | {embedding_text(article)})
    assert not having - embedded
    # then reuse detection embeds the sentences of articles it compares, each once
    compared = embedded - having
    assert compared and set(compared.values()) == {1}
    assert all(any(text in a.text for a in articles) for text in compared)
    assert not summary.reuse.failed


def test_a_new_article_embeds_only_its_own_texts(tmp_path, recorded):
    _, embedded = recorded
    db = tmp_path / "st.db"
    with open_store(db) as store:
        ingest([str(_corpus(tmp_path, without=LAST))], store, IngestOptions())
        process(store)
        before = store.analyses(store.articles(), _version())
        embedded.clear()
        ingest([str(tmp_path / LAST)], store, IngestOptions())
        summary = process(store)
        assert summary.analysis.analysed == 1 and summary.traced >= 1
    old_texts = {v.text for analysis in before.values() for v in claim_versions(analysis)}
    again = old_texts & set(embedded)
    assert embedded and not again, sorted(again)[:3]


def test_grouping_and_tracing_need_no_model_once_analysed(tmp_path, monkeypatch):
    with open_store(tmp_path / "st.db") as store:
        ingest([str(_corpus(tmp_path))], store, IngestOptions())
        from sourcetrace.engine.service import analyse_store

        analyse_store(store)

        analysed = {text_key(t) for t in _analysed_texts(store)}
        embed_texts = Embedder.embed

        def refuse(*args, **kwargs):
            raise AssertionError("grouping or tracing parsed again")

        def embed_new(self, texts, *args, **kwargs):
            # reuse detection embeds the sentences it compares; nothing analysed is again
            assert not analysed & {text_key(t) for t in texts}, "embedded again"
            return embed_texts(self, texts, *args, **kwargs)

        monkeypatch.setattr(Language, "__call__", refuse)
        monkeypatch.setattr(Language, "pipe", refuse)
        monkeypatch.setattr(Embedder, "embed", embed_new)
        summary = process(store)
        assert summary.new_stories and summary.traced and not summary.untraced
        assert not summary.reuse.failed


def _analysed_texts(store) -> set[str]:
    """The texts the analysis embedded: each article's story text and claim versions."""
    articles = store.articles()
    analyses = store.analyses(articles, _version())
    return {embedding_text(a) for a in articles} | {
        v.text for a in articles for v in claim_versions(analyses[a.id])
    }


def test_a_store_without_vectors_embeds_them_when_tracing_and_keeps_them(tmp_path):
    with open_store(tmp_path / "st.db") as store:
        ingest([str(_corpus(tmp_path))], store, IngestOptions())
        process(store)
        traced = trace_stories(store)
        store._db.execute("DELETE FROM vectors")  # as a store analysed before vectors were kept
        store._db.execute("DELETE FROM traces")
        for story in story_summaries(store):
            assert trace_story(store, story, _settings())
        assert trace_stories(store) == traced
        analyses = store.analyses(store.articles(), _version())
        texts = {v.text for analysis in analyses.values() for v in claim_versions(analysis)}
        stored = store.vectors([text_key(t) for t in texts])
    assert len(stored) == len(texts)
    vector = embed.from_bytes(next(iter(stored.values())))
    assert vector.shape == (embed.DIMENSIONS,) and np.isclose(np.linalg.norm(vector), 1.0)


def _settings():
    from sourcetrace.nlp.settings import AnalysisSettings

    return AnalysisSettings()


def _version() -> str:
    from sourcetrace.nlp.analysis import analyser_version

    return analyser_version(_settings())
