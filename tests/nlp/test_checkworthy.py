"""Check-worthiness scores from the shipped model, on sentences the team wrote."""

from __future__ import annotations

import numpy as np

from sourcetrace.nlp.analysis import analyse_text
from sourcetrace.nlp.checkworthy import checkworthiness, load_checkworthy, signals


def test_factual_claims_score_above_pleasantries():
    claims = [
        "Unemployment in Fennwick fell to 4.2 percent last year, the lowest since 1998.",
        "The port authority spent $600 million on the new dock, twice its budget.",
    ]
    chatter = ["Thank you all for coming tonight.", "Good evening, and welcome."]
    claim_scores = checkworthiness(claims)
    chatter_scores = checkworthiness(chatter)
    assert min(claim_scores) > max(chatter_scores)
    threshold = load_checkworthy()["meta"]["threshold"]
    assert min(claim_scores) >= threshold > max(chatter_scores)


def test_sentences_in_the_analysis_carry_a_score():
    text = "Thank you for coming. The dock cost $600 million, twice its budget."
    sentences = analyse_text(text).to_dict()["sentences"]
    assert len(sentences) == 2
    assert all(0.0 <= s["checkworthiness"] <= 1.0 for s in sentences)
    assert sentences[1]["checkworthiness"] > sentences[0]["checkworthiness"]


def test_signals_read_numbers_money_years_and_questions():
    row = signals(["Did we spend $5 million in 2019?"])[0]
    assert np.array_equal(row[:6], [1, 1, 1, 1, 1, 1])
    assert signals([]).shape == (0, 7)
    assert checkworthiness([]) == []


TEXTS = [
    "The port authority spent $600 million on the new dock, twice its budget.",
    "ÉCOLE  Über\tnaïve\n\nBANANA bananas ana",  # accents, case, runs of spaces, repeats
    "“Quoted” words — a dash… and 6,000 UAVs, up to $1bn.",
    "I",
    "",
    "   ",
]


def test_character_ngrams_read_word_by_word_are_the_vectorizers_own():
    from sourcetrace.nlp.checkworthy import CharNgramsByWord

    union = load_checkworthy()["pipeline"].steps[0][1]
    chars = dict(union.transformer_list)["chars"]
    by_word = CharNgramsByWord(chars)
    for _ in range(2):  # cold, then from the cache
        assert abs(by_word.transform(TEXTS) - chars.transform(TEXTS)).max() == 0
    assert by_word.transform([]).shape == (0, len(chars.vocabulary_))


def test_scores_are_the_pipelines_own():
    pipeline = load_checkworthy()["pipeline"]
    expected = [round(float(p), 3) for p in pipeline.predict_proba(TEXTS)[:, 1]]
    assert checkworthiness(TEXTS) == expected
