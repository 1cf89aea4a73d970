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
    result = _invoke("eval", "attribution", "--polnear", str(tmp_path), "--agreement")
    assert result.exit_code == 1
    assert "point --polnear at the PolNeAR folder" in result.stderr


def test_eval_agreement_prints_annotators_and_system(tmp_path):
    text = "Venn said the plant will close."
    ann = "E1\tAttribution:T3 Content:T2 Cue:T1\nT1\tCue 5 9\tsaid\nT2\tContent 10 30\tx\n"
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / "a.txt").write_text(text, encoding="utf-8")
    for annotator in ("p", "q"):
        (tmp_path / "dev" / "attributions" / f"a_{annotator}.ann").write_text(ann)
    result = _invoke("eval", "attribution", "--polnear", str(tmp_path), "--agreement")
    assert result.exit_code == 0, result.output
    assert "1 articles marked by several annotators, 1 further annotations" in result.stdout
    row = next(line for line in result.stdout.splitlines() if line.startswith("exact content"))
    assert row.split()[2:6] == ["1.000", "1.000", "1.000", "1.000"]
    data = json.loads(
        _invoke("eval", "attribution", "--polnear", str(tmp_path), "--agreement", "--json").stdout
    )
    assert data["pairs"] == 1 and data["annotators"]["content@30"]["f1"] == 1.0


def test_eval_checkworthy_without_corpus_explains(tmp_path):
    result = _invoke("eval", "checkworthy", "--claimbuster", str(tmp_path))
    assert result.exit_code == 1
    assert "point --claimbuster at the ClaimBuster folder" in result.stderr


def test_eval_agreement_prints_each_pair_of_annotations():
    from tests.conftest import ROOT

    gold = ROOT / "gold" / "provenance"
    args = [
        "eval",
        "agreement",
        "--gold",
        str(gold / "train.jsonl"),
        "--gold",
        str(gold / "dev.jsonl"),
    ]
    for name in ("b", "c"):
        args += ["--annotation", str(gold / "agreement" / f"{name}.jsonl")]
    result = _invoke(*args)
    assert result.exit_code == 0
    assert "c vs b (dev)" in result.stdout and "b vs gold (train)" in result.stdout
    assert "gold vs majority" in result.stdout
    figures = json.loads(_invoke(*args, "--json").stdout)
    assert figures["annotations"] == ["gold", "b", "c"]
    assert figures["majority_claims"] == 87
