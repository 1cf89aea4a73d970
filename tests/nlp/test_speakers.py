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


OKAFOR = (
    "Ms. Jane Okafor, the finance minister, presented the budget on Monday. "
    "The deficit will fall next year, Okafor said."
)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(OKAFOR, "Jane Okafor", "person", id="partial name"),
        pytest.param(
            "Jane Okafor said the deficit would fall next year. She added that taxes would stay.",
            "Jane Okafor",
            "person",
            id="pronoun",
        ),
        pytest.param(
            "The defence minister told parliament that the base would close. "
            "The minister said the jobs would move north.",
            "the defence minister",
            "office",
            id="office",
        ),
        pytest.param(
            "An official said the talks had stalled. "
            "The official added that a new round was planned for May.",
            "An official",
            "anonymous",
            id="unnamed source",
        ),
        pytest.param(
            "Two officials said the talks had stalled. Both officials said a deal was possible.",
            "Two officials",
            "group",
            id="unnamed group",
        ),
        pytest.param(
            "The Lindmark Courier reported that the talks had stalled. "
            "The newspaper said a deal was unlikely.",
            "Lindmark Courier",
            "outlet",
            id="the newspaper being relayed",
        ),
    ],
)
def test_later_mention_resolves_to_the_speaker_met_before(text: str, name: str, kind: str):
    first, later = resolve(text)
    assert first.speaker is not None and first.speaker.name == name
    assert first.speaker.kind == kind
    assert later.speaker is first.speaker


def test_role_is_the_description_beside_the_name():
    first, later = resolve(OKAFOR)
    assert first.role == later.role == "finance minister"
    assert later.source_type == "person"


def test_a_second_unnamed_source_is_a_new_source():
    text = "An official said the talks had stalled. A second official said a deal was close."
    first, second = resolve(text)
    assert second.speaker is not None and second.speaker.name == "A second official"
    assert second.speaker is not first.speaker


RELAYED = "The Lindmark Courier reported that the talks had stalled. "
ARTICLE = (THIS_ARTICLE, "outlet")
COURIER = ("Lindmark Courier", "outlet")


@pytest.mark.parametrize(
    ("text", "cue", "outlet", "wire", "chain"),
    [
        pytest.param(
            "The Lindmark Courier reported, citing an official, that the talks had stalled.",
            "reported",
            None,
            None,
            [ARTICLE, COURIER, ("an official", "anonymous")],
            id="outlet citing a source",
        ),
        pytest.param(
            RELAYED + "An official said a deal was unlikely.",
            "said",
            None,
            None,
            [ARTICLE, COURIER, ("An official", "anonymous")],
            id="unnamed source in a relayed report",
        ),
        pytest.param(
            RELAYED + "The mayor told reporters that a deal was close. An official said no.",
            "told",
            None,
            None,
            [ARTICLE, ("the mayor", "person")],
            id="told reporters",
        ),
        pytest.param(
            RELAYED + "The mayor told reporters that a deal was close. An official said no.",
            "said",
            None,
            None,
            [ARTICLE, ("An official", "anonymous")],
            id="relay ended by told reporters",
        ),
        pytest.param(
            "The finance minister said the deficit would fall.",
            "said",
            "Harbor Daily",
            "Reuters",
            [("Harbor Daily", "outlet"), ("Reuters", "outlet"), ("the finance minister", "person")],
            id="article outlet then wire",
        ),
    ],
)
def test_chain_runs_from_the_article_through_whoever_passed_the_words_on(
    text: str, cue: str, outlet: str | None, wire: str | None, chain: list[tuple[str, str]]
):
    attribution = cued(resolve(text, outlet, wire), text, cue)
    assert [(link["name"], link["type"]) for link in attribution.chain] == chain


LIND = ("Erik Lind", "reporter")
LIND_SAYS = ("Erik Lind", "person")
MARREN = ("Ilse Marren", "person")


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "chain"),
    [
        pytest.param(
            "Erik Lind of the Lindmark Courier reported that Ilse Marren said the dock would "
            "close.",
            "reported",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="reporter of an outlet",
        ),
        pytest.param(
            "The Lindmark Courier's Erik Lind wrote that Ilse Marren said the dock would close.",
            "wrote",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="outlet's reporter",
        ),
        pytest.param(
            "Erik Lind, a reporter for the Lindmark Courier, tweeted that Ilse Marren told "
            "lawmakers the dock would close.",
            "tweeted",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="reporter set off with the outlet",
        ),
        pytest.param(
            "Columnist Erik Lind wrote that Ilse Marren said the dock would close.",
            "wrote",
            "Ilse Marren",
            [ARTICLE, LIND, MARREN],
            id="journalist without an outlet",
        ),
        pytest.param(
            "Erik Lind of the Lindmark Courier wrote that the dock would close. "
            "Lind later reported that Ilse Marren said the dock would close.",
            "reported",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="journalist met before",
        ),
        pytest.param(
            "Erik Lind of the Lindmark Courier reported that the dock would close.",
            "reported",
            "Erik Lind",
            [ARTICLE, COURIER, LIND_SAYS],
            id="journalist's own report",
        ),
        pytest.param(
            "The Lindmark Courier cited Ilse Marren, who said the dock would close.",
            "cited",
            "Ilse Marren",
            [ARTICLE, COURIER, MARREN],
            id="outlet cited someone who said",
        ),
        pytest.param(
            "According to the Lindmark Courier, Ilse Marren said the dock would close.",
            "According",
            "Ilse Marren",
            [ARTICLE, COURIER, MARREN],
            id="according to an outlet",
        ),
        pytest.param(
            "Erik Lind of the Lindmark Courier reported, citing an official, that the dock "
            "would close.",
            "reported",
            "an official",
            [ARTICLE, COURIER, LIND, ("an official", "anonymous")],
            id="reporter citing a source",
        ),
        pytest.param(
            "“The dock will close,” Ilse Marren said, Erik Lind of the Lindmark Courier reported.",
            "reported",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="reporter closing a quotation",
        ),
        pytest.param(
            "According to Erik Lind of the Lindmark Courier, Ilse Marren said the dock would "
            "close.",
            "According",
            "Ilse Marren",
            [ARTICLE, COURIER, LIND, MARREN],
            id="according to a reporter",
        ),
        pytest.param(
            "Ilse Marren told the Lindmark Courier's Erik Lind that the dock would close.",
            "told",
            "Ilse Marren",
            [ARTICLE, COURIER, MARREN],
            id="told an outlet's journalist",
        ),
        pytest.param(
            "Ilse Marren told Erik Lind of the Lindmark Courier that the dock would close.",
            "told",
            "Ilse Marren",
            [ARTICLE, COURIER, MARREN],
            id="told a journalist of an outlet",
        ),
        pytest.param(
            "Ilse Marren, a spokeswoman for the Lindmark Courier, said that Tom Vale told "
            "her the dock would close.",
            "said",
            "Ilse Marren",
            [ARTICLE, MARREN],
            id="an outlet's spokeswoman is no journalist",
        ),
        pytest.param(
            "Ilse Marren said that Tom Vale told her the dock would close.",
            "said",
            "Ilse Marren",
            [ARTICLE, MARREN],
            id="a source telling what another said",
        ),
    ],
)
def test_whoever_passes_someone_elses_words_on_is_a_link_not_the_speaker(
    text: str, cue: str, speaker: str, chain: list[tuple[str, str]]
):
    attribution = cued(resolve(text), text, cue)
    assert attribution.speaker is not None and attribution.speaker.name == speaker
    assert [(link["name"], link["type"]) for link in attribution.chain] == chain


def test_a_relayed_speaker_met_again_is_still_reached_through_the_outlet():
    text = (
        "Erik Lind of the Lindmark Courier reported that Ilse Marren said the dock would close. "
        "Marren said the port had lost money."
    )
    later = cued(resolve(text), text, "said")
    assert later.speaker is not None and later.speaker.name == "Ilse Marren"
    assert [link["name"] for link in later.chain] == [
        THIS_ARTICLE,
        "Lindmark Courier",
        "Ilse Marren",
    ]


def test_first_person_outside_quotes_is_the_outlet_own_voice():
    text = "I think the plan will fail. The mayor said it would pass."
    found = resolve(text, outlet="Harbor Daily")
    think = cued(found, text, "think")
    assert think.speaker is not None and think.speaker.name == "Harbor Daily"
    assert think.source_type == "own_voice"
    assert think.chain == [{"name": "Harbor Daily", "type": "outlet"}]


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


def test_he_is_not_a_woman_the_article_has_called_she():
    text = (
        "Ms. Marta Lindqvist checked into the clinic on Tuesday, her spokesman Tomas Berg said. "
        "She is resting, Lindqvist said. He added that she would return in May."
    )
    found = resolve(text)
    assert cued(found, text, "added").speaker.name == "Tomas Berg"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(
            "Kestrel Telecom said the cable was cut on Friday. "
            '"The cause remains unclear," a statement said.',
            "Kestrel Telecom",
            "organisation",
            id="the body that spoke last",
        ),
        pytest.param(
            "Mayor Ana Berg released a statement after the vote. "
            '"We will appeal," the statement said.',
            "Ana Berg",
            "person",
            id="who issued the statement",
        ),
        pytest.param(
            "A statement from the Lindmark county police said the fire was suspicious.",
            "Lindmark county police",
            "government",
            id="the body it comes from",
        ),
    ],
)
def test_a_statement_speaks_for_whoever_issued_it(text: str, name: str, kind: str):
    speaker = cued(resolve(text), text, "said").speaker
    assert speaker is not None and (speaker.name, speaker.kind) == (name, kind)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("A report said the river had flooded the town.", id="a report"),
        pytest.param("A statement said the plant would stay closed.", id="nobody before"),
        pytest.param(
            "An official said the plant was shut. A statement said it would stay closed.",
            id="only an unnamed source before",
        ),
    ],
)
def test_a_document_with_no_issuer_stays_a_document(text: str):
    speaker = cued(resolve(text), text, "said").speaker
    assert speaker is not None and speaker.kind == "document"


@pytest.mark.parametrize(
    ("text", "cue", "name"),
    [
        pytest.param(
            "The singer Mara Holt entered a clinic on Monday, her publicist confirmed. "
            '"We ask for privacy," he said.',
            "said",
            "her publicist",
            id="a description of one person",
        ),
        pytest.param(
            "A spokeswoman for the airline said the flight was cancelled. "
            "She added that refunds would follow.",
            "added",
            "A spokeswoman for the airline",
            id="an unnamed source",
        ),
        pytest.param(
            "Jon Ekdal said the road would close. Two officials said the bridge was unsafe. "
            "He added that repairs would start in May.",
            "added",
            "Jon Ekdal",
            id="not a group",
        ),
    ],
)
def test_he_or_she_is_the_last_speaker_who_is_one_person(text: str, cue: str, name: str):
    speaker = cued(resolve(text), text, cue).speaker
    assert speaker is not None and speaker.name == name


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(
            "Kestrel Telecom said three cables were cut on Friday. "
            "A spokesman said repairs would take a week.",
            "Kestrel Telecom",
            "organisation",
            id="speaks for the body that spoke last",
        ),
        pytest.param(
            "A spokesman said repairs would take a week.",
            "A spokesman",
            "anonymous",
            id="nobody spoke before",
        ),
        pytest.param(
            "Kestrel Telecom said three cables were cut. "
            "A spokesman for the regulator said repairs would take a week.",
            "A spokesman for the regulator",
            "anonymous",
            id="names whom it speaks for",
        ),
    ],
)
def test_a_bare_spokesman_speaks_for_the_body_that_spoke_last(text: str, name: str, kind: str):
    speaker = cued(resolve(text), text, "said").speaker
    assert speaker is not None and (speaker.name, speaker.kind) == (name, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Marta Lindqvist is accused of setting the fire at the depot in Dunmere. "
        "The Harbor Ledger has interviewed a neighbour of hers, Jon Ekdal, and he said he had "
        "seen smoke before midnight.",
        "Marta Lindqvist said the depot was locked. Reporters later reached a guard, Jon Ekdal, "
        "and he said he had seen smoke before midnight.",
    ],
)
def test_he_in_a_clause_joined_to_one_that_names_a_person_is_that_person(text: str):
    speaker = cued(resolve(text), text, "said he had").speaker
    assert speaker is not None and speaker.name == "Jon Ekdal"
