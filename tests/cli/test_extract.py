"""``sourcetrace extract`` and the marked article view, on articles the team wrote."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from sourcetrace.cli import app

runner = CliRunner()
ARTICLE = (
    "Port to close eastern dock\n\n"
    "The port of Ardmoor will close its eastern dock in May.\n\n"
    "“We have no other choice this year,” said Ilse Marren, a spokeswoman for the port.\n"
)


def _invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_extract_jsonl_contract(tmp_path):
    path = tmp_path / "dock.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _invoke("extract", str(path), "--format", "jsonl", "--outlet", "Harbor Ledger")
    assert result.exit_code == 0
    (line,) = result.stdout.strip().splitlines()
    data = json.loads(line)
    assert {"id", "title", "outlet", "text", "attributions", "entities"} <= set(data)
    assert data["outlet"] == "Harbor Ledger"
    (attribution,) = data["attributions"]
    assert set(attribution) >= {"kind", "cue", "source", "speaker", "source_type", "content"}
    text = data["text"]
    for span in [attribution["cue"], attribution["source"], *attribution["content"]]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert attribution["speaker"] == "Ilse Marren"
    assert [link["name"] for link in attribution["chain"]] == ["Harbor Ledger", "Ilse Marren"]


def test_extract_as_is_offsets_index_the_file_text(tmp_path):
    raw = "  Headline line\r\nIgnored?\n\n" + ARTICLE.replace("\n", "\r\n")
    path = tmp_path / "raw.txt"
    path.write_bytes(raw.encode("utf-8"))
    result = _invoke("extract", str(path), "--as-is")
    data = json.loads(result.stdout)
    file_text = path.read_bytes().decode("utf-8")
    assert data["text"] == file_text
    (attribution,) = [a for a in data["attributions"] if a["speaker"] == "Ilse Marren"]
    content = attribution["content"][0]
    assert file_text[content["start"] : content["end"]] == content["text"]
    assert content["text"].startswith("“We have no other choice")


def test_extract_records_bad_input_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = _invoke("extract", str(empty), str(good))
    assert result.exit_code == 1
    assert f"{empty}: empty file" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_extract_text_format_marks_attributions(tmp_path):
    path = tmp_path / "dock.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = _invoke("extract", str(path), "--format", "text")
    assert "«“We have no other choice this year,”»₁" in result.stdout
    assert "⟨said⟩₁ [Ilse Marren, a spokeswoman for the port]₁" in result.stdout
    assert "Ilse Marren, spokeswoman for the port [person]" in result.stdout


def test_article_command_marks_attributions(tmp_path):
    db = str(tmp_path / "a.db")
    path = tmp_path / "dock.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    _invoke("ingest", str(path), "--db", db, "-q")
    article_id = _invoke("articles", "--db", db).stdout.split()[0]
    marked = _invoke("article", article_id, "--db", db).stdout
    assert "«“We have no other choice this year,”»₁" in marked
    assert "chain: " in marked
    plain = _invoke("article", article_id, "--db", db, "--plain").stdout
    assert "«" not in plain
    data = json.loads(_invoke("article", article_id, "--db", db, "--json").stdout)
    assert data["analysis"]["attributions"][0]["speaker"] == "Ilse Marren"


def test_extract_rejects_unknown_format(tmp_path):
    result = _invoke("extract", "x.txt", "--format", "xml")
    assert result.exit_code == 2


def test_eval_without_corpus_explains(tmp_path):
    result = _invoke("eval", "attribution", "--polnear", str(tmp_path))
    assert result.exit_code == 1
    assert "point --polnear at the PolNeAR folder" in result.stderr


def test_eval_checkworthy_without_corpus_explains(tmp_path):
    result = _invoke("eval", "checkworthy", "--claimbuster", str(tmp_path))
    assert result.exit_code == 1
    assert "point --claimbuster at the ClaimBuster folder" in result.stderr
