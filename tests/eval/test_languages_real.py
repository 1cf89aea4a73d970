"""No English article of the real corpora in ``../shared/data`` is taken for another language:
each is read through the real ingest path (files as a user would give them) and passed to the
analyser's language gate, which must read every English one in full. Skips when the corpora
are absent.

The extraction benchmark is not all English: the pages in ``NOT_ENGLISH`` are in the language
given (checked by reading their hand-made article bodies), two of them (German) on pages that
declare English; those must be marked unsupported, and no other page."""

from __future__ import annotations

import csv
import gzip
import json
from collections import Counter
from pathlib import Path

import pytest

from sourcetrace.article import Article
from sourcetrace.ingest import IngestOptions, read_articles
from sourcetrace.nlp.language import language_gate
from tests.conftest import SHARED

DATA = SHARED / "data"
pytestmark = pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} is absent")


def _polnear(tmp: Path) -> list[str]:
    return [str(DATA / "polnear" / split / "text") for split in ("dev", "train")]


def _ecbplus(tmp: Path) -> list[str]:
    return [str(DATA / "ecbplus" / "docs.jsonl")]


def _story_chains(tmp: Path) -> list[str]:
    csv.field_size_limit(1 << 30)
    [texts] = (DATA / "story_chains").glob("*article_texts.csv")
    path = tmp / "story_chains.jsonl"
    with texts.open(encoding="utf-8", newline="") as rows, path.open("w") as out:
        for row in csv.DictReader(rows):
            record = {key: row.get(key) for key in ("url", "outlet", "title", "date", "text")}
            out.write(json.dumps(record) + "\n")
    return [str(path)]


def _extraction(tmp: Path) -> list[str]:
    folder = tmp / "extraction"
    folder.mkdir()
    for page in (DATA / "extraction" / "html").glob("*.html.gz"):
        (folder / page.name.removesuffix(".gz")).write_bytes(gzip.decompress(page.read_bytes()))
    return [str(folder)]


NOT_ENGLISH = {
    "11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32": "pt",
    "21486419bb109c5a62a68957f528e6ff29c92f58d8d3c1f2837c86ff3f3e11f9": "id",
    "23aaecd14171f96cfd201a8a46666097e286ad71f74f29347a78c5ecba50da1e": "pt",
    "57b4dafd18cfd0531b69f81e87158648227c673ef159f8d8c87d34e34bdb21f2": "de",
    "7837c9d66c815b9a21dd669a3dc21677c3f084b1b7dd603d56e87867d8970dd3": "id",
    "ba07d1e64775f4090e39116c382111f5a2cfe9528dd179673f4e9bfcea370c15": "de",
    "c4a3637c6696f238cf9fe1c7fbb17bbb6731a71d4f5fe399b9b4fc3294a96a6b": "ru",
    "f105de6e63ca91ea482f60193f6252092557f969f2fd128ff68c0d4d6b90dd7d": "ja",
}
CORPORA = {
    "polnear": _polnear,
    "ecbplus": _ecbplus,
    "story_chains": _story_chains,
    "extraction": _extraction,
}


@pytest.mark.parametrize("corpus", list(CORPORA))
def test_no_english_article_of_a_real_corpus_is_marked_unsupported(corpus, tmp_path):
    options = IngestOptions.from_settings(field_map={"id": "doc_id"})
    articles = [
        item for item in read_articles(CORPORA[corpus](tmp_path), options)
        if isinstance(item, Article)
    ]  # fmt: skip
    languages = Counter(article.language for article in articles)
    unsupported = {
        Path(article.source).name.removesuffix(".html"): article.language
        for article in articles
        if not language_gate(article.text, article.language).supported
    }
    print(f"{corpus}: {len(articles)} articles, languages {dict(languages)}")
    assert len(articles) >= 90
    assert unsupported == (NOT_ENGLISH if corpus == "extraction" else {})
