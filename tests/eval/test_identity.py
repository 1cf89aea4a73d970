"""The ``eval identity`` harness on a tiny ECB+-shaped folder the team wrote, and the
exact-string baseline's figure on the real ECB+ dev split."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sourcetrace.cli import app
from sourcetrace.eval.identity import (
    baseline_predictor,
    evaluate_identity,
    load_corpus,
    match_mentions,
    resolve,
    score_identity,
)
from tests.conftest import SHARED

# doc id -> (split, gold event, sentences as space-separated tokens)
DOCS = {
    "1_1ecb": ("dev", "1_ecb", ["Mayor Dana Whitlock opened the bridge .",
                                "Whitlock said the council paid for it ."]),
    "1_2ecbplus": ("dev", "1_ecbplus", ["The city council praised Dana Whitlock on Monday .",
                                        "She thanked the council ."]),
    "2_1ecb": ("dev", "2_ecb", ["Coach Ray Munro left the Harbor Hawks .",
                                "The Hawks named Lee Munro in his place ."]),
    "2_2ecb": ("test", "2_ecb", ["Nora Quill wrote that Nora Quill would stay .",
                                 "She did ."]),
    "3_1ecb": ("train", "3_ecb", ["Omar Vance won ."]),
}  # fmt: skip
# (doc id, sentence, token numbers, chain, tag)
MENTIONS = [
    ("1_1ecb", 0, [0, 1, 2], "W", "HUMAN_PART_PER"),
    ("1_1ecb", 0, [5], "BRIDGE", "LOC_FAC"),
    ("1_1ecb", 1, [0], "W", "HUMAN_PART_PER"),
    ("1_1ecb", 1, [2, 3], "C", "HUMAN_PART_ORG"),
    ("1_2ecbplus", 0, [0, 1, 2], "C", "HUMAN_PART_ORG"),
    ("1_2ecbplus", 0, [4, 5], "W", "HUMAN_PART_PER"),
    ("1_2ecbplus", 1, [0], "W", "HUMAN_PART_PER"),
    ("1_2ecbplus", 1, [2, 3], "C", "HUMAN_PART_ORG"),
    ("2_1ecb", 0, [1, 2], "R", "HUMAN_PART_PER"),
    ("2_1ecb", 0, [4, 5, 6], "H", "HUMAN_PART_ORG"),
    ("2_1ecb", 1, [0, 1], "H", "HUMAN_PART_ORG"),
    ("2_1ecb", 1, [3, 4], "L", "HUMAN_PART_PER"),
    ("2_1ecb", 1, [6], "R", "HUMAN_PART_PER"),
    ("2_2ecb", 0, [0, 1], "Q", "HUMAN_PART_PER"),
    ("2_2ecb", 0, [4, 5], "Q", "HUMAN_PART_PER"),
    ("2_2ecb", 1, [0], "Q", "HUMAN_PART_PER"),
    ("3_1ecb", 0, [0, 1], "V", "HUMAN_PART_PER"),
]


def doc_record(doc_id: str, split: str, event: str, sentences: list[str]) -> dict:
    tokens, lines, offset = [], [], 0
    for number, sentence in enumerate(sentences):
        for position, word in enumerate(sentence.split(" ")):
            tokens.append([number, position, offset, offset + len(word)])
            offset += len(word) + 1
        lines.append(sentence)
    text = "\n".join(lines)
    return {
        "doc_id": doc_id,
        "topic": int(doc_id.split("_")[0]),
        "gold_cluster": event,
        "split": split,
        "text": text,
        "sentences": list(enumerate(sentences)),
        "tokens": tokens,
    }


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("ecbplus")
    with (root / "docs.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id, (split, event, sentences) in DOCS.items():
            handle.write(json.dumps(doc_record(doc_id, split, event, sentences)) + "\n")
    with (root / "mentions.jsonl").open("w", encoding="utf-8") as handle:
        for doc_id, sentence, numbers, chain, tag in MENTIONS:
            words = DOCS[doc_id][2][sentence].split(" ")
            row = {
                "doc_id": doc_id,
                "topic": int(doc_id.split("_")[0]),
                "chain_id": chain,
                "tag": tag,
                "sentence": sentence,
                "token_numbers": numbers,
                "mention": " ".join(words[n] for n in numbers),
            }
            handle.write(json.dumps(row) + "\n")
    return root


@pytest.fixture(scope="module")
def dev(folder):
    return load_corpus(folder, "dev")


def test_gold_mentions_are_the_split_people_and_organisations_mapped_onto_the_text(dev):
    assert [m.text for m in dev.mentions] == [
        "Mayor Dana Whitlock", "Whitlock", "the council", "The city council", "Dana Whitlock",
        "She", "the council", "Ray Munro", "the Harbor Hawks", "The Hawks", "Lee Munro", "his",
    ]  # fmt: skip
    assert sorted(dev.topics) == ["1", "2"]
    assert [doc_id for doc_id, _ in dev.topics["2"]] == ["2_1ecb"]


def test_named_mentions_hold_a_proper_noun(dev):
    named = {m.text: m.named for m in dev.mentions}
    assert named["Dana Whitlock"] and named["Whitlock"] and named["Lee Munro"]
    assert not (named["She"] or named["his"] or named["the council"])


def test_exact_baseline_groups_equal_texts_within_a_topic(dev):
    clusters = resolve(dev, baseline_predictor("exact", dev.mentions))
    by_text = dict(zip((m.text for m in dev.mentions), clusters, strict=True))
    assert by_text["the council"] == "1/the council"
    assert clusters[2] == clusters[6] == "1/the council"
    assert by_text["Whitlock"] != by_text["Dana Whitlock"]


def test_surname_baseline_merges_namesakes_and_leaves_organisations_whole(dev):
    clusters = resolve(dev, baseline_predictor("surname", dev.mentions))
    by_text = dict(zip((m.text for m in dev.mentions), clusters, strict=True))
    assert by_text["Mayor Dana Whitlock"] == by_text["Whitlock"] == by_text["Dana Whitlock"]
    assert by_text["Ray Munro"] == by_text["Lee Munro"] == "2/munro"
    assert by_text["the Harbor Hawks"] == "2/the harbor hawks"


def test_event_baseline_is_one_entity_per_event_and_tag(dev):
    result = score_identity(dev, resolve(dev, baseline_predictor("event", dev.mentions)))
    # events 1_ecb, 1_ecbplus and 2_ecb, each with PER and ORG mentions
    assert result["all"]["predicted_entities"] == 6
    assert result["all"]["gold_entities"] == 5
    assert result["all"]["b_cubed"]["recall"] < 1.0


def test_the_gold_partition_scores_one(dev):
    def gold(docs):
        wanted = {doc_id for doc_id, _ in docs}
        return [(m.doc_id, m.start, m.end, m.chain) for m in dev.mentions if m.doc_id in wanted]

    result = score_identity(dev, resolve(dev, gold))
    assert result["all"]["conll_f1"] == result["named"]["conll_f1"] == 1.0
    assert result["all"]["mentions"] == 12


def test_a_gold_mention_takes_the_shortest_prediction_holding_its_last_token(dev):
    mayor = dev.mentions[0]  # "Mayor Dana Whitlock" in "Mayor Dana Whitlock opened the bridge ."
    predicted = [
        ("1_1ecb", 0, len("Mayor Dana Whitlock opened the bridge"), "sentence"),
        ("1_1ecb", len("Mayor "), len("Mayor Dana Whitlock"), "Dana Whitlock"),
        ("1_2ecbplus", 0, 40, "another document"),
    ]
    assert match_mentions([mayor], predicted) == ["Dana Whitlock"]


def test_without_its_last_token_a_gold_mention_takes_the_largest_overlap(dev):
    mayor = dev.mentions[0]
    predicted = [("1_1ecb", 0, len("Mayor"), "Mayor"), ("1_1ecb", 0, len("Mayor Dana"), "Dana")]
    assert match_mentions([mayor], predicted) == ["Dana"]


def test_an_unmatched_gold_mention_is_a_singleton(dev):
    whitlock = dev.mentions[1]  # sentence 1 of 1_1ecb
    assert match_mentions([whitlock], [("1_1ecb", 0, 5, "Mayor")]) == [None]
    nothing = score_identity(dev, resolve(dev, lambda docs: []))
    assert nothing["all"]["predicted_entities"] == 12
    assert nothing["all"]["b_cubed"]["precision"] == 1.0


def test_predictions_file_has_one_line_per_gold_mention(folder, tmp_path):
    target = tmp_path / "predictions.jsonl"
    evaluate_identity(folder, "dev", baseline="exact", predictions=target)
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 12
    assert rows[0] == {
        "doc_id": "1_1ecb",
        "sentence": 0,
        "token_numbers": [0, 1, 2],
        "cluster": "1/mayor dana whitlock",
    }


def test_cli_scores_the_test_split_of_a_folder(folder):
    result = CliRunner().invoke(
        app,
        ["eval", "identity", "--ecbplus", str(folder), "--split", "test", "--baseline", "exact"],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "ECB+ test, exact baseline: 1 documents in 1 topics\n"
        "all 3 mentions: 1 gold entities, 2 predicted\n"
        "               recall precision      F1\n"
        "  MUC           0.500     1.000   0.667\n"
        "  B³            0.556     1.000   0.714\n"
        "  CEAF-e        0.800     0.400   0.533\n"
        "  CoNLL F1                        0.638\n"
        "named 2 mentions: 1 gold entities, 1 predicted\n"
        "               recall precision      F1\n"
        "  MUC           1.000     1.000   1.000\n"
        "  B³            1.000     1.000   1.000\n"
        "  CEAF-e        1.000     1.000   1.000\n"
        "  CoNLL F1                        1.000\n"
    )


def test_cli_refuses_an_unknown_split_or_baseline(folder):
    for option, value in (("--split", "held-out"), ("--baseline", "random")):
        result = CliRunner().invoke(
            app, ["eval", "identity", "--ecbplus", str(folder), option, value]
        )
        assert result.exit_code == 2


ECBPLUS = SHARED / "data" / "ecbplus"


@pytest.mark.skipif(
    not (ECBPLUS / "mentions.jsonl").is_file(), reason="../shared/data/ecbplus not present"
)
def test_ecbplus_dev_exact_and_event_baselines_reproduce_the_issue_figures():
    corpus = load_corpus(ECBPLUS, "dev")
    exact = score_identity(corpus, resolve(corpus, baseline_predictor("exact", corpus.mentions)))
    event = score_identity(corpus, resolve(corpus, baseline_predictor("event", corpus.mentions)))
    assert (exact["all"]["conll_f1"], exact["all"]["b_cubed"]["precision"]) == pytest.approx(
        (0.485, 0.871), abs=0.001
    )
    assert (event["all"]["conll_f1"], event["all"]["b_cubed"]["precision"]) == pytest.approx(
        (0.697, 0.545), abs=0.001
    )
    assert exact["all"]["mentions"] == 1206
