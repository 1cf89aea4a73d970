"""The speaker resolver on sentences the team wrote: who each source is, and through whom."""

from __future__ import annotations

import pytest

from sourcetrace.nlp.attribution import find_attributions
from sourcetrace.nlp.entities import Entities, widen_person_names
from sourcetrace.nlp.model import doc_text, load_nlp
from sourcetrace.nlp.quotes import find_quotes
from sourcetrace.nlp.speakers import THIS_ARTICLE, Attribution, SpeakerResolver, same_name


def resolve(text: str, outlet: str | None = None, wire: str | None = None) -> list[Attribution]:
    """The article's attributions, resolved in text order as :func:`.analysis.analyse_doc`
    resolves them (without the dateline cut)."""
    doc = load_nlp()(text)
    text = doc_text(doc)
    quotes = find_quotes(text)
    found = sorted(find_attributions(doc, None, quotes), key=lambda c: c.cue[0])
    widen_person_names(doc)
    resolver = SpeakerResolver(doc, text, quotes, Entities(doc, outlet), outlet, wire)
    return [resolver.resolve(candidate) for candidate in found]


def cued(attributions: list[Attribution], text: str, cue: str) -> Attribution:
    """The attribution whose cue is the last ``cue`` in ``text``."""
    at = text.rindex(cue)
    matches = [a for a in attributions if a.cue[0] == at]
    assert matches, f"no attribution cued by {cue!r} at {at}"
    return matches[0]


def chain_names(attribution: Attribution) -> list[str]:
    return [link["name"] for link in attribution.chain]


def test_partial_name_resolves_to_the_full_name_met_before():
    text = (
        "Ms. Jane Okafor, the finance minister, presented the budget on Monday. "
        "The deficit will fall next year, Okafor said."
    )
    found = resolve(text)
    later = cued(found, text, "said")
    assert later.speaker is not None and later.speaker.name == "Jane Okafor"
    assert later.source_type == "person"
    assert later.role == "finance minister"
    assert later.speaker is cued(found, text, "presented").speaker


def test_pronoun_resolves_to_the_person_speaking_before():
    text = "Jane Okafor said the deficit would fall next year. She added that taxes would stay."
    found = resolve(text)
    added = cued(found, text, "added")
    assert added.speaker is not None and added.speaker.name == "Jane Okafor"
    assert added.speaker is cued(found, text, "said").speaker


def test_office_met_again_is_the_same_holder():
    text = (
        "The defence minister told parliament that the base would close. "
        "The minister said the jobs would move north."
    )
    found = resolve(text)
    first, again = cued(found, text, "told"), cued(found, text, "said")
    assert first.speaker is not None and first.speaker.name == "the defence minister"
    assert first.speaker.kind == "office" and first.source_type == "person"
    assert again.speaker is first.speaker


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "An official said the talks had stalled. "
            "The official added that a new round was planned for May.",
            "An official",
            "anonymous",
        ),
        (
            "Two officials said the talks had stalled. Both officials said a deal was possible.",
            "Two officials",
            "group",
        ),
    ],
)
def test_unnamed_source_referred_back_to_is_the_same_source(text: str, name: str, kind: str):
    found = resolve(text)
    assert len(found) == 2
    assert found[0].speaker is not None and found[0].speaker.name == name
    assert found[0].speaker.kind == kind
    assert found[1].speaker is found[0].speaker


def test_a_second_unnamed_source_is_a_new_source():
    text = "An official said the talks had stalled. A second official said a deal was close."
    first, second = resolve(text)
    assert second.speaker is not None and second.speaker.name == "A second official"
    assert second.speaker is not first.speaker


def test_the_newspaper_is_the_outlet_being_relayed():
    text = (
        "The Lindmark Courier reported that the talks had stalled. "
        "The newspaper said a deal was unlikely."
    )
    found = resolve(text)
    said = cued(found, text, "said")
    assert said.speaker is not None and said.speaker.name == "Lindmark Courier"
    assert said.source_type == "outlet"


def test_chain_runs_through_the_outlet_to_the_source_it_cites():
    text = "The Lindmark Courier reported, citing an official, that the talks had stalled."
    reported = cued(resolve(text), text, "reported")
    assert chain_names(reported) == [THIS_ARTICLE, "Lindmark Courier", "an official"]


def test_unnamed_source_after_an_outlet_report_comes_through_that_outlet():
    text = (
        "The Lindmark Courier reported that the talks had stalled. "
        "An official said a deal was unlikely."
    )
    said = cued(resolve(text), text, "said")
    assert chain_names(said) == [THIS_ARTICLE, "Lindmark Courier", "An official"]


def test_words_told_to_reporters_end_the_relay_of_an_outlet():
    text = (
        "The Lindmark Courier reported that the talks had stalled. "
        "The mayor later told reporters that a deal was close. "
        "An official said the vote would be on Friday."
    )
    found = resolve(text)
    assert chain_names(cued(found, text, "told")) == [THIS_ARTICLE, "the mayor"]
    assert chain_names(cued(found, text, "said")) == [THIS_ARTICLE, "An official"]


def test_chain_starts_with_the_article_outlet_then_the_wire():
    text = "The finance minister said the deficit would fall."
    (said,) = resolve(text, outlet="Harbor Daily", wire="Reuters")
    assert chain_names(said) == ["Harbor Daily", "Reuters", "the finance minister"]
    assert [link["type"] for link in said.chain] == ["outlet", "outlet", "person"]


def test_first_person_outside_quotes_is_the_outlet_own_voice():
    text = "I think the plan will fail. The mayor said it would pass."
    found = resolve(text, outlet="Harbor Daily")
    think = cued(found, text, "think")
    assert think.speaker is not None and think.speaker.name == "Harbor Daily"
    assert think.source_type == "own_voice"
    assert chain_names(think) == ["Harbor Daily"]


def test_relative_pronoun_is_the_noun_its_clause_hangs_on():
    text = "Lawmakers in Ostmark, who say the tax is unfair, will vote on Friday."
    (say,) = resolve(text)
    assert say.speaker is not None and say.speaker.name == "Lawmakers in Ostmark"
    assert say.source_type == "group"


@pytest.mark.parametrize(
    ("name", "others", "same"),
    [
        ("The Lindmark Courier", ("Lindmark Courier",), True),
        ("Reuters", ("AP", "reuters"), True),
        ("Reuters", ("AP",), False),
    ],
)
def test_same_name_ignores_case_and_article(name: str, others: tuple[str, ...], same: bool):
    assert same_name(name, *others) is same
