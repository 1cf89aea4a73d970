"""The SQLite store's text reuse rows: bucket caps, batched lookups, the articles to check."""

from __future__ import annotations

from sourcetrace.article import Article
from sourcetrace.records import ReuseFound


def _article(n: int, text: str = "", published: str = "2026-03-01") -> Article:
    text = text or f"Article number {n} says something of its own."
    return Article(
        id=f"r{n:03d}", text=text, paragraphs=[text], outlet="Ledger", published=published
    )


def _found(article: Article, keys: list[tuple[int, int]], version: str = "1") -> ReuseFound:
    return ReuseFound(article.id, article.content_hash, version, "Ledger", 3, keys, [], [], [])


def _analysed(store, *articles: Article) -> None:
    run = store.start_run(["test"])
    store.save_batch(run, list(articles), [])
    store.save_analyses([(a, "v1", {"sentences": []}) for a in articles])


def test_a_full_bucket_takes_no_more_articles_and_is_not_read(store):
    articles = [_article(n) for n in range(4)]
    _analysed(store, *articles)
    for n, article in enumerate(articles):
        store.save_reuse(_found(article, [(0, 7), (1, n)]), 3)
    assert store.reuse_buckets([(0, 7)], 3) == {}  # three articles: full, not read
    assert store._reuse_buckets([(0, 7)]) == {(0, 7): ["r000", "r001", "r002"]}
    assert store.reuse_buckets([(0, 7)], 4) == {(0, 7): ["r000", "r001", "r002"]}


def test_a_key_an_article_has_twice_fills_its_bucket_twice(store):
    first, second = _article(1), _article(2)
    _analysed(store, first, second)
    store.save_reuse(_found(first, [(0, 5), (0, 5)]), 3)
    store.save_reuse(_found(second, [(0, 5), (0, 5)]), 3)
    assert store._reuse_buckets([(0, 5)]) == {(0, 5): ["r001", "r001", "r002"]}


def test_buckets_are_read_past_the_keys_one_query_holds(store):
    article = _article(1)
    _analysed(store, article)
    keys = [(band, key) for band in range(4) for key in range(300)]
    store.save_reuse(_found(article, keys), 32)
    found = store.reuse_buckets([*keys, (9, 9)], 32)
    assert len(found) == 1200 and found[3, 299] == ["r001"] and (9, 9) not in found


def test_furniture_counts_the_outlets_articles_of_each_sentence(store):
    articles = [_article(n) for n in range(3)]
    _analysed(store, *articles)
    for n, article in enumerate(articles):
        found = _found(article, [])
        found.words = [11, 12] if n else [11]
        store.save_reuse(found, 32)
    assert store.reuse_furniture("Ledger", [11, 12, 13]) == {11: 3, 12: 2, 13: 0}
    assert store.reuse_furniture("Other", [11]) == {11: 0}


def test_pending_lists_analysed_articles_oldest_first_until_their_reuse_is_found(store):
    late, early = _article(1, published="2026-03-05"), _article(2, published="2026-03-01")
    _analysed(store, late, early)
    assert [a.id for a in store.reuse_pending("v1", "1")] == ["r002", "r001"]
    assert store.reuse_pending("v2", "1") == []  # analysed by another analyser
    store.save_reuse(_found(early, []), 32)
    assert [a.id for a in store.reuse_pending("v1", "1")] == ["r001"]
    store.save_reuse(_found(late, []), 32)
    assert store.reuse_pending("v1", "1") == []
    assert store._db.execute("SELECT count(*) FROM reuse_queue").fetchone()[0] == 0


def test_pending_lists_again_an_article_found_by_an_older_reuse_version(store):
    article = _article(1)
    _analysed(store, article)
    store.save_reuse(_found(article, [], version="0"), 32)
    assert [a.id for a in store.reuse_pending("v1", "0")] == []
    assert [a.id for a in store.reuse_pending("v1", "1")] == ["r001"]


def test_pending_lists_again_an_article_whose_text_changed_and_was_analysed(store):
    article = _article(1)
    _analysed(store, article)
    store.save_reuse(_found(article, []), 32)
    changed = _article(1, text="Article number 1 now says something else entirely.")
    _analysed(store, changed)
    assert [a.text for a in store.reuse_pending("v1", "1")] == [changed.text]


def test_pending_lists_again_an_article_whose_found_reuse_was_deleted(store):
    article = _article(1)
    _analysed(store, article)
    store.save_reuse(_found(article, []), 32)
    assert store.reuse_pending("v1", "1") == []
    store._db.execute("DELETE FROM reuse_articles")
    assert [a.id for a in store.reuse_pending("v1", "1")] == ["r001"]
