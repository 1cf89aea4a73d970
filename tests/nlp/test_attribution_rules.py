"""Every attribution rule in the order lists answers the example in its docstring, and holds its
place: the whole list, walked in order, gives the same answer for that example."""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from functools import cache

import pytest
from spacy.tokens import Doc, Token

from sourcetrace.nlp.attribution import citing, content, order, phrases, speakers
from sourcetrace.nlp.attribution.candidate import NOBODY, Spans, first_answer
from sourcetrace.nlp.attribution.order import (
    CONTENT_RULES,
    CUE_RULES,
    SUBJECT_AT_EACH_CLAUSE,
    SUBJECT_RULES,
    cue_subject,
    inherited_subject,
    verb_content,
)
from sourcetrace.nlp.attribution.spans import char_spans
from sourcetrace.nlp.cues import load_cue_model
from sourcetrace.nlp.model import load_nlp
from sourcetrace.nlp.quotes import find_quotes

CHAINS = {
    "CUE_RULES": CUE_RULES,
    "SUBJECT_RULES": SUBJECT_RULES,
    "SUBJECT_AT_EACH_CLAUSE": SUBJECT_AT_EACH_CLAUSE,
    "CONTENT_RULES": CONTENT_RULES,
}
RULES = [(chain, rule) for chain, rules in CHAINS.items() for rule in rules]


def example(rule: Callable) -> tuple[str, str, str] | None:
    """The rule's example sentence (which may run over several lines), its cue word and what
    the rule gives for it, from the ``Example:``, ``Cue:`` and ``Gives:`` lines of its
    docstring."""
    doc = inspect.getdoc(rule) or ""
    match = re.search(r"^Example: (.+?)\nCue: (.+)\nGives: (.+)$", doc, re.MULTILINE | re.DOTALL)
    if match is None:
        return None
    sentence, cue, gives = match.groups()
    return " ".join(sentence.split()), cue.strip(), gives.strip()


@cache
def light_objects() -> frozenset[str]:
    return load_cue_model().light_objects


def _text(doc: Doc, ranges: list[tuple[int, int]]) -> str:
    return " | ".join(doc.text[s:e] for s, e in char_spans(doc, ranges))


def render(doc: Doc, answer: object) -> str:
    """An answer as the docstrings write it."""
    if answer is None or answer is NOBODY:
        return "nobody"
    if isinstance(answer, Token):
        return answer.text
    if isinstance(answer, Spans):
        return f"{_text(doc, answer.source) or 'nobody'} / {_text(doc, answer.content)}"
    ranges, _last = answer
    return _text(doc, ranges) or "nothing"


def arguments(chain: str, token: Token) -> tuple:
    """What the rules of ``chain`` are called with for the cue ``token``."""
    if chain == "CUE_RULES":
        return token, light_objects(), find_quotes(token.doc.text)
    if chain == "SUBJECT_RULES":
        return (token,)
    if chain == "SUBJECT_AT_EACH_CLAUSE":
        return token, token
    return token, light_objects()


DRIVERS = {
    "CUE_RULES": lambda token: first_answer(CUE_RULES, *arguments("CUE_RULES", token)),
    "SUBJECT_RULES": cue_subject,
    "SUBJECT_AT_EACH_CLAUSE": inherited_subject,
    "CONTENT_RULES": lambda token: verb_content(token, light_objects()),
}


def rule_modules_functions() -> list[Callable]:
    """Every function of the rule modules whose docstring gives an example."""
    return [
        function
        for module in (citing, content, order, phrases, speakers)
        for _, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__ and example(function) is not None
    ]


def test_every_rule_in_the_order_has_an_example():
    assert [rule.__name__ for _, rule in RULES if example(rule) is None] == []


def test_every_rule_with_an_example_is_in_the_order():
    ordered = {rule for _, rule in RULES}
    assert [f.__name__ for f in rule_modules_functions() if f not in ordered] == []


@pytest.mark.parametrize(("chain", "rule"), RULES, ids=[rule.__name__ for _, rule in RULES])
def test_a_rule_answers_its_example_first(chain, rule):
    sentence, cue, gives = example(rule)
    doc = load_nlp()(sentence)
    token = next(t for t in doc if t.text == cue)
    args = arguments(chain, token)
    first = next((r for r in CHAINS[chain] if r(*args) is not None), None)
    assert first is rule, f"{getattr(first, '__name__', None)} answers before {rule.__name__}"
    assert render(doc, rule(*args)) == gives
    assert render(doc, DRIVERS[chain](token)) == gives
