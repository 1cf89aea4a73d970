"""Who said what, construction by construction, on short articles the team wrote.

Every name, outlet and event here is invented. Each test states what a careful reader sees.
"""

from __future__ import annotations

import pytest

from sourcetrace.nlp.analysis import analyse_text
from sourcetrace.nlp.attribution import candidates
from sourcetrace.nlp.dateline import dateline
from sourcetrace.nlp.model import load_nlp


def attributions(text: str, outlet: str | None = "Harbor Ledger") -> list[dict]:
    return analyse_text(text, article_id="t", outlet=outlet).to_dict()["attributions"]


def content_text(attribution: dict) -> str:
    return " ".join(c["text"] for c in attribution["content"])


def find(found: list[dict], words: str) -> dict:
    """The attribution whose content holds ``words``."""
    matches = [a for a in found if words in content_text(a)]
    assert matches, f"no attribution with {words!r} in {[content_text(a) for a in found]}"
    return matches[0]


def chain(attribution: dict) -> list[str]:
    return [link["name"] for link in attribution["chain"]]


def test_direct_quote_with_inverted_cue_and_role():
    text = (
        "The port of Ardmoor will close its eastern dock in May.\n\n"
        "“We have no other choice this year,” said Ilse Marren, a spokeswoman for the port "
        "authority."
    )
    found = attributions(text)
    quote = find(found, "no other choice")
    assert quote["kind"] == "direct"
    assert quote["speaker"] == "Ilse Marren"
    assert quote["source_type"] == "person"
    assert "spokeswoman" in (quote["role"] or "")
    assert quote["cue"]["text"] == "said"
    assert chain(quote) == ["Harbor Ledger", "Ilse Marren"]


def test_indirect_speech_with_that_clause():
    text = "Trade Minister Oskar Venn said on Tuesday that the tariff would be lifted by June."
    (found,) = attributions(text)
    assert found["kind"] == "indirect"
    assert found["speaker"] == "Oskar Venn"
    assert content_text(found).startswith("that the tariff would be lifted")
    assert "Trade Minister" in found["role"]


def test_mixed_quote():
    text = 'Venn said the agreement was "a betrayal of every worker in the valley".'
    (found,) = attributions(text)
    assert found["kind"] == "mixed"
    assert "betrayal" in content_text(found)
    assert found["speaker"] == "Venn"


def test_pronoun_speaker_resolves_to_the_person_named_before():
    text = (
        "Oskar Venn, the trade minister, met dock workers in Belcastle on Monday.\n\n"
        "“Nobody will lose a job because of this decision,” he said."
    )
    found = attributions(text)
    quote = find(found, "Nobody will lose a job")
    assert quote["source"]["text"] == "he"
    assert quote["speaker"] == "Oskar Venn"


def test_organisation_pronoun_it_said():
    text = (
        "The Ministry of Transport said that the new bridge would open in autumn.\n\n"
        "“The inspections found no structural faults,” it said."
    )
    found = attributions(text)
    assert find(found, "no structural faults")["speaker"] == "Ministry of Transport"
    assert find(found, "no structural faults")["source_type"] == "government"


def test_parenthetical_cue_inside_a_quote():
    text = (
        "Foreign Minister Hanna Lodge spoke in Corvana on Friday.\n\n"
        "Ostmark, she said, “will keep exposing these deals and will hold both sides to account.”"
    )
    found = attributions(text)
    quote = find(found, "will keep exposing")
    assert quote["speaker"] == "Hanna Lodge"
    assert quote["cue"]["text"] == "said"


def test_quote_continues_over_several_paragraphs():
    text = (
        "“The river has never risen this fast,” said Dana Brandt, the mayor of Fennwick.\n\n"
        "“We moved four hundred families overnight. Every school is now a shelter.\n\n"
        "“We will need help from the capital before the weekend.”\n\n"
        "The regional government did not respond."
    )
    found = attributions(text)
    quote = find(found, "never risen this fast")
    joined = content_text(quote)
    assert "four hundred families" in joined
    assert "before the weekend" in joined
    assert quote["speaker"] == "Dana Brandt"


def test_quote_continues_after_a_long_cue_sentence_and_after_a_mixed_quote():
    text = (
        "“The dock is finished,” Ilse Marren said after a long meeting with the port board in "
        "Ardmoor on Tuesday. “Nobody will use it before spring.”\n\n"
        "“A waste of money” from the start, Pavel Orlov said. “The town needed a school.”\n\n"
        "“We are done,” Gov. Dana Brandt said after talks with U.S. envoy Mark J. Tell. “Go "
        "home.”\n\n"
        "The board did not comment."
    )
    found = attributions(text)
    marren = find(found, "The dock is finished")
    assert "before spring" in content_text(marren)
    orlov = find(found, "A waste of money")
    assert "needed a school" in content_text(orlov)
    assert orlov["speaker"] == "Pavel Orlov"
    assert "Go home" in content_text(find(found, "We are done"))


def test_quote_continues_past_the_words_that_describe_its_speaker():
    text = (
        "“There is something about those stories,” said Murphy, who thinks often about his "
        "father.\n\n“I do not think those things are coincidences.”\n\n"
        '"It is too early to tell," said Vell, who also hosts the show "Harbour Nights." '
        '"It depends on the economy." "Ask me in May."\n\n'
        "“It is an enormous moment,” said Lind, a strategist in Kessel. Unless rivals quit the "
        "race, “it is very hard to see how he is stopped.”"
    )
    found = attributions(text)
    assert "coincidences" in content_text(find(found, "something about those stories"))
    vell = content_text(find(found, "too early to tell"))
    assert "depends on the economy" in vell and "Ask me in May" in vell
    assert "Harbour Nights" not in vell
    lind = content_text(find(found, "enormous moment"))
    assert "Unless rivals quit the race, “it is very hard" in lind


def test_a_quote_with_its_own_cue_or_after_a_second_sentence_is_not_continued():
    text = (
        "“The dock is finished,” Ilse Marren said on Tuesday. “It is a waste,” Pavel Orlov "
        "replied.\n\n"
        "“Rents will rise,” said Dana Brandt. The council met at noon. “We warned them.”"
    )
    found = attributions(text)
    assert "waste" not in content_text(find(found, "The dock is finished"))
    assert "warned" not in content_text(find(found, "Rents will rise"))
    lead_in = "“It is over,” said Lind. Hask disagreed, “it is not.” The vote is in May, “or June.”"
    assert "not" not in content_text(find(attributions(lead_in), "It is over"))


def test_the_quotation_after_an_issued_statement_is_its_text_even_in_a_new_paragraph():
    text = (
        "Mayor Ana Berg visited the site on Sunday, and her office later released a "
        "statement.\n“The city will pay for the repairs.”\n\n"
        "Ilse Marren said the city would pay.\n“It was a terrible night.”"
    )
    found = attributions(text)
    assert "will pay for the repairs" in content_text(find(found, "a statement"))
    assert "terrible night" not in content_text(find(found, "the city would pay"))


@pytest.mark.parametrize(
    ("opening", "source"),
    [
        pytest.param("According to Lindmark authorities,", "Lindmark authorities", id="a body"),
        pytest.param("According to plan,", None, id="not a source"),
    ],
)
def test_a_sentence_opening_according_to_someone_is_an_attribution_after_stray_marks(
    opening: str, source: str | None
):
    text = (
        "Holt, the ” Most Wanted “ fugitive, fled on foot.\nHolt was jailed for robbery.\n"
        f"{opening} the robbery conviction stemmed from a 2001 incident where he hit a guard."
    )
    found = [a for a in attributions(text) if a["cue"]["text"] == "According to"]
    assert [a["source"]["text"] for a in found] == ([source] if source else [])


def test_a_name_the_parser_joins_to_a_present_tense_cue_is_the_source():
    text = (
        '"Look at the statement Mr. Vell put out after the Fennwick shootings," Conway notes. '
        '"It was very different in tone and content from what people are accustomed to."'
    )
    quote = find(attributions(text), "Look at the statement")
    assert quote["source"]["text"] == "Conway"


def test_the_opening_of_a_split_quote_before_an_inverted_cue_is_kept():
    text = (
        "The council met on Monday.\n\n"
        "“The town,” said Pavel Orlov, “needed a school instead.”\n\n"
        "Holding signs calling Orlov “the Builder,” protesters chanted “No school, no vote.”"
    )
    found = attributions(text)
    assert content_text(find(found, "needed a school")).startswith("“The town,”")
    assert not any("the Builder" in content_text(a) for a in found)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "The former heartthrob Dan Vell's publicist confirmed that the singer had entered "
            "a clinic in Dunmere.",
            "Dan Vell's publicist",
        ),
        (
            "The troubled starlet Nina Grolsch's spokesman said that the singer had entered a "
            "clinic in Dunmere.",
            "Nina Grolsch's spokesman",
        ),
    ],
)
def test_a_description_before_a_possessive_speaker_is_not_the_speaker(text, source):
    found = find(attributions(text), "entered a clinic")
    assert found["source"]["text"] == source
    assert found["speaker"] == source


def test_a_quotation_after_indirect_speech_ending_in_a_colon_is_what_it_announces():
    text = (
        "Harbour master Pavel Orlov says the ferry left the pier late and turned back:\n"
        "“It hit the breakwater at speed.\nNobody on board was hurt.”\n"
        "Dana Brandt said the vote was delayed.\n"
        "“The budget is gone.”"
    )
    found = attributions(text)
    announced = find(found, "turned back")
    assert announced["speaker"] == "Pavel Orlov"
    assert "Nobody on board was hurt" in content_text(announced)
    assert "budget is gone" not in content_text(find(found, "the vote was delayed"))


def test_a_quote_after_indirect_speech_goes_on_with_it_in_the_same_paragraph_only():
    text = (
        "Ilse Marren says the ferry plan is dead. “Nobody in Corvane wants it.”\n\n"
        "Pavel Orlov said the council would vote in May.\n\n"
        "“The budget is gone.”\n\n"
        "Dana Brandt said the vote was delayed. “Why now?” Anton Febre asked the council."
    )
    found = attributions(text)
    assert "Nobody in Corvane" in content_text(find(found, "ferry plan is dead"))
    assert "budget is gone" not in content_text(find(found, "vote in May"))
    assert "Why now" not in content_text(find(found, "the vote was delayed"))


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("“We need a new dock NOW!” Ilse Marren said on Tuesday about the plan.", "NOW", "Ilse"),
        ("“Why would anyone build it there?” Pavel Orlov asked about the ferry.", "Why", "Orlov"),
        ("“How do you pay for it?” Dana Brandt said to a crowd of about 500.", "pay", "Brandt"),
    ],
)
def test_a_quotation_closed_by_source_and_cue_before_a_phrase_is_the_content(text, words, speaker):
    (found,) = attributions(text)
    assert words in content_text(found) and content_text(found).startswith("“")
    assert speaker in found["speaker"]
    assert found["cue"]["text"] in ("said", "asked")


def test_a_sentence_after_a_closed_quotation_keeps_its_own_content():
    text = "“The dock is finished.” Ilse Marren said on Tuesday that the ferry would stop."
    said = find(attributions(text), "ferry would stop")
    assert "dock is finished" not in content_text(said)


def test_according_to_an_outlet():
    text = "According to the Northern Courier, the plant in Dunmere will cut 300 jobs."
    (found,) = attributions(text)
    assert found["kind"] == "according_to"
    assert found["speaker"] == "Northern Courier"
    assert found["source_type"] == "outlet"
    assert "300 jobs" in content_text(found)


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said in a statement that the ferry would resume, according to the "
        "Northern Courier.",
        "According to the Northern Courier, the ministry said the ferry would resume in May.",
        "The Northern Courier reported that the ministry had confirmed the ferry would resume.",
        "The ministry estimated the ferry would resume in May, according to the Northern Courier.",
        "The Northern Courier said the ministry released a statement in which it said the ferry "
        "would resume in May.",
    ],
)
def test_outlet_relaying_what_someone_said_chains_to_that_someone(text):
    found = attributions(text)
    relayed = [a for a in found if "Northern Courier" in chain(a)]
    assert len(relayed) == 1, found
    assert relayed[0]["speaker"] == "ministry"  # the outlet is a link, not the speaker
    assert chain(relayed[0]) == ["Harbor Ledger", "Northern Courier", "ministry"]
    assert "the ferry would resume" in content_text(relayed[0])
    assert "according to" not in content_text(relayed[0]).lower()


def test_trailing_report_clause_after_a_comma():
    text = (
        "Corvana has agreed to buy 300 electric buses for $90 million, the Northern Courier "
        "reported on Tuesday."
    )
    found = attributions(text)
    report = find(found, "300 electric buses")
    assert report["speaker"] == "Northern Courier"
    assert content_text(report).startswith("Corvana has agreed to buy")
    assert chain(report) == ["Harbor Ledger", "Northern Courier"]
    assert not [a for a in found if a["speaker"] == "Corvana"]  # "agreed" is not a second source


def test_a_conjunct_clause_is_not_a_trailing_report():
    found = attributions("Bus fares rose sharply, and commuters expected more increases.")
    assert all("fares rose" not in content_text(a) for a in found)


@pytest.mark.parametrize(
    "text",
    [
        "As the Northern Courier reported, Corvana has agreed to buy 300 electric buses.",
        "As first reported by the Northern Courier, Corvana has agreed to buy 300 electric buses.",
        "Corvana has agreed to buy 300 electric buses, as the Northern Courier reported on "
        "Tuesday.",
    ],
)
def test_as_clause_report(text):
    found = attributions(text)
    report = find(found, "300 electric buses")
    assert report["speaker"] == "Northern Courier"
    assert content_text(report).startswith("Corvana has agreed to buy")
    assert "reported" not in content_text(report)
    assert chain(report) == ["Harbor Ledger", "Northern Courier"]
    assert not [a for a in found if a["speaker"] == "Corvana"]  # "agreed" is not a second source


def test_an_as_clause_that_reports_nothing():
    assert attributions("As the crowd cheered, the mayor of Dunmere left the stage.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Citing two officials familiar with the talks, the Northern Courier said Corvana would "
        "buy 300 buses.",
        "The Northern Courier, citing two officials familiar with the talks, said Corvana would "
        "buy 300 buses.",
        "Corvana will buy 300 buses, the Northern Courier reported, citing two officials "
        "familiar with the talks.",
    ],
)
def test_an_outlet_citing_its_source_chains_to_it(text):
    report = find(attributions(text), "300 buses")
    assert report["speaker"] == "two officials familiar with the talks"
    assert report["source_type"] == "group"
    assert chain(report) == [
        "Harbor Ledger",
        "Northern Courier",
        "two officials familiar with the talks",
    ]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "The Northern Courier quoted a city official as saying that Corvana would buy 300 "
            "buses.",
            "Corvana would buy 300 buses",
        ),
        ('The Northern Courier quoted a city official as saying: "We will buy 300 buses."',
         "We will buy 300 buses"),
    ],
)  # fmt: skip
def test_an_outlet_quoting_someone_as_saying(text, words):
    (report,) = attributions(text)
    assert words in content_text(report)
    assert "as saying" not in content_text(report)
    assert chain(report) == ["Harbor Ledger", "Northern Courier", "a city official"]


@pytest.mark.parametrize(
    "text",
    [
        "Speaking to the Northern Courier, the mayor said Corvana would buy 300 buses.",
        "Corvana will buy 300 buses, according to sources quoted by the Northern Courier.",
        "Two city officials who spoke to the Northern Courier said Corvana would buy 300 buses.",
    ],
)
def test_a_source_who_spoke_to_another_outlet_goes_through_it(text):
    report = find(attributions(text), "300 buses")
    assert chain(report)[:2] == ["Harbor Ledger", "Northern Courier"]
    assert len(chain(report)) == 3


def test_an_outlets_spokesman_is_not_relayed_by_it():
    text = "Corvana will buy 300 buses, said a spokesman for the Northern Courier."
    report = find(attributions(text), "300 buses")
    assert chain(report) == ["Harbor Ledger", "a spokesman for the Northern Courier"]


def test_citing_inside_the_reported_words_is_not_the_outlets_source():
    text = "The Northern Courier said the mayor, citing the budget, had cancelled the bus order."
    report = find(attributions(text), "cancelled the bus order")
    assert chain(report) == ["Harbor Ledger", "Northern Courier"]


@pytest.mark.parametrize(
    "source",
    [
        "Reports published this week, which first appeared in the Northern Courier,",
        "A report in the Northern Courier",
        "A Northern Courier report",
    ],
)
def test_a_report_in_an_outlet_is_that_outlets_report(source):
    report = find(attributions(f"{source} said Corvana would buy 300 buses."), "300 buses")
    assert report["speaker"] == "Northern Courier"
    assert report["source_type"] == "outlet"
    assert chain(report) == ["Harbor Ledger", "Northern Courier"]


def test_someone_elses_document_published_by_an_outlet_goes_through_the_outlet():
    text = (
        "An Arvik Aerosystems report first published by the Northern Courier said the depot "
        "would close."
    )
    report = find(attributions(text), "the depot would close")
    assert report["source_type"] == "document"
    assert chain(report)[:2] == ["Harbor Ledger", "Northern Courier"]
    assert "Arvik Aerosystems report" in chain(report)[2]


def test_a_source_speaking_to_this_outlet_is_not_relayed_through_another():
    text = (
        "Corvana will buy 300 buses, the Northern Courier reported on Monday.\n\n"
        "A city official, speaking on condition of anonymity, told the Harbor Ledger that no "
        "contract had been signed.\n\n"
        "Residents of Dunmere said they had learned of the plan from the newspapers."
    )
    found = attributions(text)
    official = find(found, "no contract had been signed")
    assert official["source_type"] == "anonymous"
    assert chain(official) == ["Harbor Ledger", official["speaker"]]
    residents = find(found, "learned of the plan")
    assert chain(residents) == ["Harbor Ledger", residents["speaker"]]


def test_a_speaker_inside_a_clause_of_relayed_words_is_not_the_relayed_source():
    text = (
        "According to the Northern Courier, the deal commits Corvana to a depot in Dunmere, a "
        "town where residents say they were never consulted."
    )
    report = find(attributions(text), "commits Corvana")
    assert chain(report) == ["Harbor Ledger", "Northern Courier"]


def test_passive_report_with_reference_to_officials():
    text = (
        "Galloway and Corvana have agreed to build a joint rail depot. This was reported by the "
        "Northern Courier with reference to two officials familiar with the talks."
    )
    found = attributions(text)
    report = next(a for a in found if "Northern Courier" in chain(a))
    assert report["source_type"] == "group"
    assert chain(report)[:2] == ["Harbor Ledger", "Northern Courier"]
    assert "two officials familiar with the talks" in chain(report)[-1]


def test_anonymous_source_through_an_outlet_and_later_references():
    text = (
        "A senior official briefed on the talks told the Capital Wire that Corvana had agreed to "
        "sell up to 4,000 turbines.\n\n"
        "The deal is worth up to $600 million, the official added.\n\n"
        "A second official said that the first shipment would leave in March."
    )
    found = attributions(text)
    first = find(found, "4,000 turbines")
    assert first["source_type"] == "anonymous"
    assert "senior official briefed on the talks" in first["speaker"]
    assert chain(first) == ["Harbor Ledger", "Capital Wire", first["speaker"]]
    added = find(found, "$600 million")
    assert added["speaker"] == first["speaker"]
    assert chain(added) == chain(first)
    second = find(found, "first shipment")
    assert second["speaker"] != first["speaker"]
    assert second["source_type"] == "anonymous"


def test_no_source_reportedly():
    text = "The factory in Eastholt reportedly employs about 400 people."
    (found,) = attributions(text)
    assert found["source"] is None
    assert found["speaker"] is None
    assert found["source_type"] == "unattributed"
    assert chain(found) == ["Harbor Ledger"]


def test_cue_before_a_quote_in_the_next_paragraph():
    text = "In a statement, the port authority said:\n\n“Operations will resume on Monday.”"
    found = attributions(text)
    quote = find(found, "Operations will resume")
    assert quote["speaker"] == "port authority"


def test_text_without_attributions():
    text = (
        "The river rose two metres overnight in Fennwick.\n\n"
        "Roads along the eastern bank were closed and three bridges stayed shut until noon."
    )
    assert attributions(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "“This quote never closes, said Venn.\n\nNext paragraph.",
        "Closing only” and more text, Venn said.",
        '"""',
        "“",
        "",
        "   \n\n  ",
        "said said said “ ” “",
    ],
)
def test_odd_quotation_marks_never_raise(text):
    found = attributions(text)
    for attribution in found:
        for span in [attribution["cue"], *attribution["content"]]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_curly_and_straight_quotes_give_the_same_attributions():
    curly = "“We will appeal the ruling,” said Kofi Abara, the union's lawyer."
    straight = curly.replace("“", '"').replace("”", '"')
    a, b = attributions(curly), attributions(straight)
    assert [(x["speaker"], x["content"][0]["start"]) for x in a] == [
        (x["speaker"], x["content"][0]["start"]) for x in b
    ]
    assert a and a[0]["speaker"] == "Kofi Abara"


@pytest.mark.parametrize(
    ("text", "agency", "rest"),
    [
        ("CORVANE (Reuters) - Valdoria will sell drones.", "Reuters", "Valdoria"),
        ("DUNMERE, March 3 (AP) — The depot closed.", "AP", "The depot"),
        ("(AFP) - The depot closed.", "AFP", "The depot"),
        ("DUNMERE, Ostmark — The depot closed.", None, "The depot"),
        ("Valdoria will sell drones (Reuters) - said the paper.", None, "Valdoria"),
        ("Self-driving buses - a first for Dunmere.", None, "Self-driving"),
        ("Corvana (the city) - not a dateline.", None, "Corvana"),
    ],
)
def test_dateline_and_agency_credit(text, agency, rest):
    end, wire = dateline(text)
    assert wire == agency
    assert text[end:].startswith(rest)


def test_a_dateline_is_nobodys_words():
    text = "DUNMERE (Reuters) - Corvana will buy 300 buses, two city officials said on Monday."
    (report,) = attributions(text)
    assert content_text(report) == "Corvana will buy 300 buses"
    assert chain(report) == ["Harbor Ledger", "Reuters", "two city officials"]


def test_a_quotation_split_by_its_cue_resumes_after_it():
    text = '"We have no other choice," the mayor of Dunmere said, "because the budget is short."'
    (quote,) = attributions(text)
    assert quote["kind"] == "direct"
    assert [c["text"] for c in quote["content"]] == [
        '"We have no other choice,"',
        '"because the budget is short."',
    ]


def test_a_colon_at_the_end_of_a_line_introduces_the_next_paragraph():
    text = (
        "Ilse Marren wrote on Monday:\n\nThe depot in Dunmere will close in May.\n\n"
        "Bus fares rose sharply in March."
    )
    (written,) = attributions(text)
    assert written["speaker"].endswith("Marren")
    assert "The depot in Dunmere will close in May" in content_text(written)
    assert "fares" not in content_text(written)


def test_calling_for_someone_to_do_something():
    (call,) = attributions("The council of Dunmere called for the mayor to resign.")
    assert call["cue"]["text"] == "called for"
    assert content_text(call) == "the mayor to resign"


def test_figures_are_not_a_light_object_of_the_cue():
    text = "A new Northern Courier poll shows Marren leading Hask 44 percent to 37 percent."
    poll = find(attributions(text), "37 percent")
    assert content_text(poll).startswith("Marren leading Hask 44 percent")


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        ("Corvana has denied the sale, but testimony and reports from Dunmere have confirmed "
         "the deal.", "the deal", "testimony and reports from Dunmere"),
        ("The documents show that the council paid $4 million for the depot.", "paid $4 million",
         "documents"),
    ],
)  # fmt: skip
def test_documents_and_testimony_as_sources(text, words, speaker):
    found = find(attributions(text), words)
    assert found["source_type"] == "document"
    assert found["speaker"] == speaker  # not the place a report comes from


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Russian state television said the deal covers up to 300 missiles.",
         "Russian state television"),
        ("Iranian state media reported that the two governments had signed the pact.",
         "Iranian state media"),
    ],
)  # fmt: skip
def test_state_media_and_news_agencies_are_outlets(text, speaker):
    (found,) = attributions(text)
    assert found["speaker"] == speaker
    assert found["source_type"] == "outlet"


def test_a_news_agency_quoting_someone_is_a_link_to_them():
    text = "The Varan news agency quoted the defence minister as saying the talks were useful."
    (found,) = attributions(text)
    assert found["speaker"] == "the defence minister"
    assert found["chain"][1:] == [
        {"name": "Varan news agency", "type": "outlet"},
        {"name": "the defence minister", "type": "person"},
    ]


def test_a_first_name_the_recogniser_left_out_belongs_to_the_speaker():
    (found,) = attributions('Ilse Marren wrote on Monday: "The pact changes little."')
    assert found["speaker"] == "Ilse Marren"
    (found,) = attributions("Spokesman Marren said the pact changes little.")
    assert found["speaker"] == "Marren"  # a role, not a first name


def test_a_reaction_drawn_from_someone_is_theirs():
    text = (
        "The reported deal has drawn criticism from opposition lawmakers in Ostmark, who say "
        "parliament was not informed."
    )
    found = attributions(text)
    reaction = find(found, "The reported deal")
    assert reaction["cue"]["text"] == "has drawn criticism"
    assert reaction["source"]["text"] == "opposition lawmakers in Ostmark"  # not ", who say ..."
    assert reaction["speaker"] == "opposition lawmakers in Ostmark"
    said = find(found, "parliament was not informed")
    assert said["source"]["text"] == "who"
    assert said["speaker_id"] == reaction["speaker_id"]  # "who" is those lawmakers, not Ostmark


def test_who_is_the_noun_its_clause_hangs_on():
    text = (
        "Mirela Goss opened the meeting on Monday. Later she met Councillor Anton Febre, who "
        "said the savings were too small."
    )
    said = find(attributions(text), "the savings were too small")
    assert said["source"]["text"] == "who"
    assert "Anton Febre" in said["speaker"]  # not the last speaker met before, Goss


@pytest.mark.parametrize(
    ("text", "speaker", "source_type"),
    [
        ("The Kestrel's manufacturer, Arvik Aerosystems, said the order was on schedule.",
         "Arvik Aerosystems", "organisation"),
        ("Lindmark's provincial government has said it wants to be consulted on the site.",
         "Lindmark's provincial government", "government"),
    ],
)  # fmt: skip
def test_the_speaker_is_the_body_or_name_the_phrase_is_about(text, speaker, source_type):
    found = find(attributions(text), "")
    assert (found["speaker"], found["source_type"]) == (speaker, source_type)


@pytest.mark.parametrize(
    "text",
    ["Others argue that local assembly would create jobs.",
     "Critics say the plan is a reckless gamble.",
     "Several urged the council to restore the bus discount.",
     "Researchers reported that the shrimp flash in step."],
)  # fmt: skip
def test_unnamed_people_in_the_plural_are_a_group(text):
    (found,) = attributions(text)
    assert found["source_type"] == "group"


def test_a_surname_the_recogniser_missed_is_the_person_named_before():
    text = (
        "The study was led by marine biologist Sunniva Rask of the Halden Ocean Institute.\n\n"
        '"We expected scattered flashes, like stars twinkling," Rask said.'
    )
    found = find(attributions(text), "scattered flashes")
    assert (found["speaker"], found["source_type"]) == ("Sunniva Rask", "person")


def test_a_city_council_is_not_its_city():
    (found,) = attributions("Port Seren's city council said the budget was balanced.")
    assert (found["speaker"], found["source_type"]) == ("Port Seren's city council", "government")


@pytest.mark.parametrize(
    ("text", "words", "speaker", "source_type", "role"),
    [
        ("The hospital's chief executive, Dr Ilan Sorel, warned that waiting lists would grow.",
         "waiting lists", "Ilan Sorel", "person", "hospital's chief executive"),
        ("Mayor Petra Voll opened the bridge in May. Voll's deputy, who asked not to be named, "
         "said the mayor had known about the cracks for months.",
         "the cracks", "Voll's deputy", "anonymous", None),
        ("The company, which employs 2,000 people in the region, said in a statement that no "
         "jobs would be lost.", "no jobs", "company", "organisation", None),
    ],
)  # fmt: skip
def test_who_a_descriptive_source_is(text, words, speaker, source_type, role):
    found = find(attributions(text), words)
    assert (found["speaker"], found["source_type"], found["role"]) == (speaker, source_type, role)


@pytest.mark.parametrize(
    "verb",
    ["stalled", "had stalled"],  # spaCy hangs "that ..." on "citing", then on "stalled" itself
)
def test_a_report_citing_people_between_cue_and_content_goes_through_them(verb):
    text = f"Reuters reported, citing two people familiar with the matter, that the talks {verb}."
    found = find(attributions(text, outlet="Capital Wire"), f"the talks {verb}")
    assert "citing" not in content_text(found)  # whom the report cites is not what it reports
    assert chain(found) == ["Capital Wire", "Reuters", "two people familiar with the matter"]


@pytest.mark.parametrize(
    ("text", "words", "speaker", "source_type"),
    [
        ("As first reported by Politico, the White House is preparing new sanctions.",
         "new sanctions", "Politico", "outlet"),  # spaCy tags Politico a person here
        ("The figures, released by the statistics office on Monday, show that prices rose 4 "
         "percent.", "prices rose", "figures, released by the statistics office on Monday",
         "document"),
    ],
)  # fmt: skip
def test_outlets_and_documents_by_what_they_are(text, words, speaker, source_type):
    found = find(attributions(text, outlet="Capital Wire"), words)
    assert (found["speaker"], found["source_type"]) == (speaker, source_type)


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ("State news agency Valnews quoted officials as saying the bridge would reopen.",
         "Valnews"),
        ("Ostmark's state news agency Ostpress reported that the bridge would reopen.",
         "Ostpress"),
    ],
)  # fmt: skip
def test_a_news_agency_named_after_its_description_is_the_outlet(text, outlet):
    report = find(attributions(text), "bridge would reopen")
    assert outlet in report["source"]["text"]
    assert report["chain"][:2] == [
        {"name": "Harbor Ledger", "type": "outlet"},
        {"name": outlet, "type": "outlet"},
    ]


def test_a_report_cites_the_source_named_at_its_end():
    text = (
        "State television reported that the dock would open in March, citing an unnamed official."
    )
    found = attributions(text)
    report = find(found, "dock would open")
    assert "citing" not in content_text(report)
    assert chain(report) == ["Harbor Ledger", "State television", "an unnamed official"]
    citing = [a for a in found if a["cue"]["text"] == "citing"]
    assert all(a["speaker"] == "State television" for a in citing)


def test_a_reason_cited_inside_the_reported_words_stays_there():
    text = "The Northern Courier said the mayor had, citing the budget, cancelled the bus order."
    report = find(attributions(text), "cancelled the bus order")
    assert "citing the budget" in content_text(report)


def test_words_said_to_reporters_do_not_pass_through_the_outlet_relayed_before():
    text = (
        "The Northern Courier reported on Monday that the port would close in May, citing a "
        "senior official.\n\n"
        "The harbour master told reporters on Tuesday that the dock would stay open."
    )
    found = attributions(text)
    assert chain(find(found, "port would close"))[:2] == ["Harbor Ledger", "Northern Courier"]
    public = find(found, "dock would stay open")
    assert "Northern Courier" not in chain(public)


@pytest.mark.parametrize(
    "text",
    [
        "The Ostmark defence minister said the order was signed. The minister added that it "
        "would take a year.",
        "Ostmark's defence minister said the order was signed. He added that it would take a year.",
    ],
)
def test_an_office_with_one_holder_is_not_anonymous_and_is_met_again(text):
    found = attributions(text)
    first, second = find(found, "order was signed"), find(found, "take a year")
    assert first["source_type"] == "person"
    assert "defence minister" in first["speaker"]
    assert second["speaker"] == first["speaker"]


@pytest.mark.parametrize(
    "text",
    [
        "A senior minister said the order was signed.",
        "An unnamed defence minister said the order was signed.",
        "The ministers said the order was signed.",
        "The ministry spokesman said the order was signed, speaking on condition of anonymity.",
    ],
)
def test_an_office_that_does_not_say_who_holds_it_stays_anonymous(text):
    (report,) = attributions(text)
    assert report["source_type"] in ("anonymous", "group")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“Not again,” wrote a harbour pilot who runs the port's night shift.", "harbour pilot"),
        ("“It is time,” urged the union's chairwoman, Ilse Marren.", "Ilse Marren"),
        ("“Why now?” asked the mayor of Corvane.", "mayor of Corvane"),
    ],
)  # fmt: skip
def test_a_speaker_after_the_verb_that_closes_a_quotation(text, speaker):
    (found,) = attributions(text)
    assert found["kind"] == "direct"
    assert content_text(found).startswith("“")
    assert speaker in found["source"]["text"]


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        ("Briggs said Venn asked for the meeting.", "Briggs", "Venn asked for the meeting"),
        ("Ilse Marren said the council voted against it.", "Ilse Marren",
         "the council voted against it"),
    ],
)  # fmt: skip
def test_the_verb_of_the_reported_clause_is_not_the_cue(text, speaker, words):
    (found,) = attributions(text)
    assert found["speaker"] == speaker
    assert content_text(found) == words


@pytest.mark.parametrize(
    "text",
    [
        "CORVANE - Ilse Marren said on Monday that the dock would close.",
        "PORT SEREN, Ostmark - Ilse Marren warned on Monday that the dock would close.",
    ],
)
def test_a_dateline_before_a_hyphen_is_not_the_source(text):
    report = find(attributions(text, outlet=None), "dock would close")
    assert report["speaker"] == "Ilse Marren"
    assert report["source"]["text"] == "Ilse Marren"


def test_a_count_after_according_to_is_what_is_reported_not_the_source():
    text = (
        "According to the Northern Courier, 40 of the 52 councillors — a clear majority — "
        "backed the plan."
    )
    report = find(attributions(text), "backed the plan")
    assert report["source"]["text"] == "the Northern Courier"
    assert content_text(report).startswith("40 of the 52 councillors")


def test_an_age_or_one_of_a_group_after_a_name_stays_in_the_source():
    found = attributions(
        "“It was a long night,” said Ilse Marren, 34, one of the harbour pilots on duty."
    )
    (report,) = found
    assert "34, one of the harbour pilots" in report["source"]["text"]


def test_whom_a_question_was_put_to_is_not_its_source():
    found = attributions(
        "Asked whether she would stand again, Ilse Marren said she would run. Having said that, "
        "Venn insisted the deal was fair."
    )
    asked = [a for a in found if a["cue"]["text"].startswith("Asked")]
    assert all(a["source"] is None for a in asked)
    assert find(found, "would run")["speaker"] == "Ilse Marren"
    assert find(found, "the deal was fair")["speaker"] == "Venn"


def test_a_participle_on_a_pronoun_has_the_pronoun_for_its_source():
    found = attributions("Anyone expecting the council to back down has not met Mirela Goss.")
    report = find(found, "the council to back down")
    assert report["source"]["text"] == "Anyone"


def test_many_set_into_the_clause_is_the_source():
    found = attributions("That levy, many argue, could sink the harbour's fishing fleet.")
    report = find(found, "could sink")
    assert report["source"]["text"] == "many"


@pytest.mark.parametrize(
    "text",
    [
        "The depot, which cost 600 million crowns, was called a waste by the mayor of Dunmere.",
        "The fire, estimated to have caused 600 million crowns in damage, was labeled "
        "suspicious by the fire chief of Dunmere.",
    ],
)
def test_an_aside_on_a_passive_subject_is_not_what_the_agent_said(text):
    (found,) = attributions(text)
    assert found["source"]["text"].endswith("of Dunmere")
    assert "600 million" not in content_text(found)
    assert content_text(found) in ("The depot", "The fire")


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (
            "In a statement from Kestrel Air, it was confirmed that the flight had been cancelled.",
            "a statement from Kestrel Air",
            "Kestrel Air",
        ),
        (
            "In a letter to residents, it was claimed that the depot in Dunmere was safe.",
            "a letter to residents",
            "letter to residents",
        ),
    ],
)
def test_an_impersonal_passive_is_said_in_the_document_the_sentence_opens_with(
    text, source, speaker
):
    (found,) = attributions(text)
    assert found["source"]["text"] == source
    assert found["speaker"] == speaker


def test_an_impersonal_passive_with_no_document_has_no_source():
    (found,) = attributions("It was announced that the pier in Dunmere would close in May.")
    assert found["source"] is None


def test_a_participle_with_a_nominal_object_is_not_read_as_a_passive():
    """The parser sometimes makes an author's verb a participle on the name ("John O'Donnell,
    who worked for him, published “Trumped!”" with "published" an acl): its object shows it
    is active, so the name stays its source; "Asked whether ..., X said" has none."""
    from spacy.tokens import Doc

    from sourcetrace.nlp.attribution.speakers import asked
    from sourcetrace.nlp.model import load_nlp

    words = ["Okafor", ",", "published", "books", "."]
    doc = Doc(load_nlp().vocab, words=words, heads=[0, 0, 0, 2, 0],
              deps=["ROOT", "punct", "acl", "dobj", "punct"],
              tags=["NNP", ",", "VBN", "NNS", "."])  # fmt: skip
    assert not asked(doc[2])
    (asked,) = [a for a in attributions("Asked whether he would run, Venn said no.")
                if a["cue"]["text"].startswith("Asked")]  # fmt: skip
    assert asked["source"] is None


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("The closure led some to speculate that the port would be sold.", "some"),
        ("The vote prompted Mirela Goss to warn that the budget was reckless.", "Mirela Goss"),
    ],
)  # fmt: skip
def test_the_object_that_an_infinitive_cue_hangs_on_is_its_source(text, source):
    report = find(attributions(text), "that the")
    assert report["source"]["text"] == source


def test_a_by_phrase_of_an_active_verb_is_not_its_source():
    text = (
        "Port officials acknowledged as much in a Northern Courier article on Monday by Ilse "
        "Marren."
    )
    (report,) = attributions(text)
    assert report["source"]["text"] == "Port officials"
    (passive,) = attributions("The closure was first reported by the Northern Courier.")
    assert passive["speaker"] == "Northern Courier"


def test_a_verb_parsed_as_a_modifier_of_the_speakers_name():
    (report,) = attributions("“Vote recap,” tweeted council spokesman Anton Febre.")
    assert report["kind"] == "direct"
    assert "Anton Febre" in report["source"]["text"]
    assert content_text(report) == "“Vote recap,”"


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        ("The deal, said Ilse Marren, was never signed.", "Ilse Marren", "The deal"),
        ("The plan, said the mayor, would cost more than expected.", "the mayor", "The plan"),
        ("The plan, Marren said in a statement on Tuesday, would cost 300 jobs.", "Marren",
         "The plan"),
    ],
)  # fmt: skip
def test_a_cue_set_into_the_reported_clause_leaves_its_subject_in_the_content(
    text, speaker, reported
):
    (report,) = attributions(text)
    assert report["source"]["text"] == speaker
    assert content_text(report).startswith(reported)


def test_a_plain_complement_subject_is_not_a_speaker_after_the_cue():
    (report,) = attributions("Venn said Marren lied.")
    assert report["source"]["text"] == "Venn"
    assert content_text(report) == "Marren lied"


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        ('Those who borrow heavily for a degree struggle, even with a "good" job, the economist '
         "said.", "the economist",
         'Those who borrow heavily for a degree struggle, even with a "good" job'),
        ('The closure of the dock signals "the end of an era" for the town, said Ilse Marren, a '
         "spokeswoman for the port.", "Ilse Marren, a spokeswoman for the port",
         'The closure of the dock signals "the end of an era" for the town'),
        ('Couple a storm with a "minister who is a lightning rod" and the town gets nervous, said '
         "Pavel Orlov, head of the dock union.", "Pavel Orlov, head of the dock union",
         'Couple a storm with a "minister who is a lightning rod" and the town gets nervous'),
        ("Sorry, Venn said.", "Venn", "Sorry"),
    ],
)  # fmt: skip
def test_a_cue_closing_its_sentence_reports_what_the_parser_hung_on_it(text, speaker, reported):
    """The parser found no verb to head the reported clause and hung its pieces on the cue."""
    (report,) = attributions(text)
    assert report["source"]["text"] == speaker
    assert content_text(report) == reported


@pytest.mark.parametrize(
    "text",
    [
        "Thus, in the debate last week, the candidates referred to the port.",
        "After the vote, the senator told a joke.",
        'Asked whether he would resign, Venn said "Never."',
        "As they read the report at the convention, the delegates think back to 2008.",
    ],
)
def test_a_setting_or_question_before_a_cue_is_not_what_it_reports(text):
    for report in attributions(text):
        start = text.index(report["cue"]["text"])
        assert all(c["start"] > start for c in report["content"]), report


def test_a_closing_quotation_mark_the_parser_gives_the_speaker_is_not_in_the_source():
    from spacy.tokens import Doc

    from sourcetrace.nlp.attribution import source_range
    from sourcetrace.nlp.model import load_nlp

    words = ["“", "We", "wait", ",", "”", "Pavel", "Orlov", "said", "."]
    spaces = [False, True, False, False, True, True, True, False, False]
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces, heads=[2, 2, 7, 2, 6, 6, 7, 7, 7],
              deps=["punct", "nsubj", "ccomp", "punct", "punct", "compound", "nsubj", "ROOT",
                    "punct"])  # fmt: skip
    assert source_range(doc[6], doc[7]) == [(5, 7)]
    titled = Doc(load_nlp().vocab, words=["“", "Dock", "”", "host", "Orlov", "said"],
                 spaces=[False, False, True, True, True, False], heads=[4, 4, 4, 4, 5, 5],
                 deps=["punct", "compound", "punct", "compound", "nsubj", "ROOT"])  # fmt: skip
    assert source_range(titled[4], titled[5]) == [(0, 5)]  # a quoted title opens the source


def test_a_speaker_the_parser_hangs_inside_the_quotation_is_the_source():
    text = (
        '"We can only wonder," state Senate leader Phil Berger and House Speaker Tim Moore, '
        "both Republicans, said in a statement."
    )
    (report,) = attributions(text)
    assert report["source"]["text"] == (
        "state Senate leader Phil Berger and House Speaker Tim Moore, both Republicans"
    )
    assert content_text(report) == '"We can only wonder,"'


def test_a_report_set_against_the_one_before_is_its_own():
    found = attributions(
        "Critics say the bill is too weak, while supporters argue it goes too far."
    )
    critics = find(found, "too weak")
    assert content_text(critics) == "the bill is too weak"
    supporters = find(found, "too far")
    assert supporters["source"]["text"] == "supporters"
    (same,) = attributions("Critics say the bill is too weak, while the cost is too high.")
    assert content_text(same) == "the bill is too weak, while the cost is too high"


def test_an_aside_after_a_described_speaker_is_not_its_name():
    found = attributions(
        "The minister, speaking at a news conference in Ardmoor, said the dock would reopen."
    )
    assert found[0]["source"]["text"].startswith("The minister, speaking")
    assert found[0]["speaker"] == "The minister"


def test_one_of_the_sources_met_before_is_that_source_with_its_chain():
    found = attributions(
        "The Courier reported on Monday that the dock would close, citing two officials familiar "
        "with the plan. One of the officials said the decision was final.\n\n"
        "Two diplomats said the talks had failed. Each of the diplomats said Orlov walked out. "
        "One of the lawmakers present said Orlov stayed."
    )
    one = find(found, "decision was final")
    assert one["speaker"] == "two officials familiar with the plan"
    assert chain(one) == ["Harbor Ledger", "Courier", "two officials familiar with the plan"]
    assert find(found, "walked out")["speaker"] == "Two diplomats"
    assert find(found, "Orlov stayed")["speaker"] == "One of the lawmakers present"


def test_the_source_a_report_cites_is_met_again_later():
    found = attributions(
        "Iran has agreed to supply up to 6,000 drones, The Washington Post reported on Friday, "
        "citing an official of an unnamed country. The official added that the factory would "
        "open next year.\n\n"
        "The Courier, quoting two officials, said the deal was worth $1 billion. Both officials "
        "said the money had been paid."
    )
    added = find(found, "factory would open")
    assert added["speaker"] == "an official of an unnamed country"
    assert chain(added) == ["Harbor Ledger", "Washington Post", "an official of an unnamed country"]
    both = find(found, "money had been paid")
    assert both["speaker"] == "two officials"
    assert chain(both) == ["Harbor Ledger", "Courier", "two officials"]


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        ('"The deal is done," Orlov said in an interview with the Courier.', "Courier"),
        ('"The deal is done," Orlov told the Courier.', "Courier"),
        ("Peskov told the state news agency TASS that the talks would continue.", "TASS"),
    ],
)
def test_an_outlet_spoken_to_that_the_recogniser_misses_is_in_the_chain(text, outlet):
    (report,) = attributions(text)
    assert chain(report)[1] == outlet


def test_a_date_after_a_told_object_is_not_an_outlet():
    (report,) = attributions("Orlov told the agency Monday that the deal was done.")
    assert "Monday" not in chain(report)


def test_documents_an_outlet_saw_are_passed_on_by_it_not_its_own_report():
    seen = attributions("According to documents seen by Reuters, Iran shipped 400 drones in March.")
    assert chain(seen[0]) == ["Harbor Ledger", "Reuters", "documents seen by Reuters"]
    assert seen[0]["source_type"] == "document"
    obtained = attributions(
        "The drones were shipped in March, according to documents obtained by the Courier."
    )
    assert chain(obtained[0])[1] == "Courier"
    own = attributions("According to a Courier report, Iran shipped 400 drones.")
    assert chain(own[0]) == ["Harbor Ledger", "Courier"]


def test_the_subject_of_a_verb_tagged_as_a_noun_is_its_source():
    (report,) = attributions(
        "Satellite images analysed by the Courier show that the factory has doubled in size."
    )
    assert report["source"]["text"] == "Satellite images analysed by the Courier"


@pytest.mark.parametrize(
    ("text", "source", "reported", "origin"),
    [
        (
            "Marren has a decisive lead in the latest Courier poll ahead of the March primary.",
            "the latest Courier poll",
            "Marren has a decisive lead",
            "Courier",  # an outlet's own poll is the outlet's, as "a Courier report" is
        ),
        (
            "Hask fell to 10 percent in a state university survey released Monday.",
            "a state university survey released Monday",
            "Hask fell to 10 percent",
            "state university survey released Monday",
        ),
        (
            "Marren leads Hask 44 percent to 37 percent in a survey of 800 voters in Ostmark.",
            "a survey of 800 voters in Ostmark",
            "Marren leads Hask 44 percent to 37 percent",
            "survey of 800 voters in Ostmark",
        ),
    ],
)
def test_a_poll_a_finding_is_reported_in_is_its_source(text, source, reported, origin):
    found = find(attributions(text), reported)
    assert found["cue"]["text"] == "in"
    assert found["source"]["text"] == source
    assert chain(found) == ["Harbor Ledger", origin]
    assert content_text(found) == reported


def test_a_poll_that_is_only_a_topic_is_not_a_source():
    assert attributions("The senator was interested in the poll.") == []


@pytest.mark.parametrize(
    ("text", "source", "view"),
    [
        ("Hask's strong opposition to the war cost him the primary.", "Hask's", "the war"),
        ("The mayor's support for the bill is firm.", "The mayor's", "the bill"),
    ],
)
def test_a_noun_of_opinion_reports_what_its_preposition_names(text, source, view):
    found = [a for a in attributions(text) if content_text(a) == view]
    assert found, [content_text(a) for a in attributions(text)]
    assert found[0]["source"]["text"] == source


@pytest.mark.parametrize(
    "text", ["The plan for the harbour was approved on Monday.", "It is time for a change."]
)
def test_a_noun_with_a_preposition_is_not_always_an_opinion(text):
    assert attributions(text) == []


INTERVIEW = """Marren talks about the harbour.

Q: Will the harbour close?

A: Not while I am mayor. We have the money.

Q: And the jobs?

A: Safe."""


def test_an_interview_printed_as_questions_and_answers_gives_each_turn_its_speaker():
    turns = [a for a in attributions(INTERVIEW) if a["cue"]["text"] == ":"]
    assert [(a["source"]["text"], content_text(a)) for a in turns] == [
        ("Q", "Will the harbour close"),
        ("A", "Not while I am mayor. We have the money"),
        ("Q", "the jobs"),
        ("A", "Safe"),
    ]
    assert {(a["speaker"], a["role"], a["source_type"]) for a in turns} == {
        ("Q", "interviewer", "person"),
        ("A", "interviewee", "person"),
    }


def test_a_lone_letter_before_a_colon_outside_an_interview_is_not_a_speaker():
    assert attributions("The options are these.\n\nA: close the harbour by May.") == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Marren's long silence seemed to reflect sadness.",
            ["Marren's long silence", "to reflect sadness"],
        ),
        (
            "A broader group of farmers appears to be moving behind Hask.",
            ["A broader group of farmers", "to be moving behind Hask"],
        ),
        ("The harbour board appeared paralyzed.", ["The harbour board", "paralyzed"]),
    ],
)
def test_what_seems_is_the_subject_with_what_is_said_of_it_and_nobody_says_it(text, content):
    (found,) = attributions(text)
    assert found["cue"]["text"] in ("seemed", "appears", "appeared")
    assert [c["text"] for c in found["content"]] == content
    assert found["source"] is None


def test_it_seems_that_reports_the_clause():
    (found,) = attributions("It seems that the deal is off.")
    assert content_text(found) == "that the deal is off"


@pytest.mark.parametrize(
    ("text", "speaker", "reported"),
    [
        ("Voters worry about inflation, Marren said.", "Marren", "Voters worry about inflation"),
        (
            "Dockworkers care about the pension fund, Hask told the Ledger.",
            "Hask",
            "Dockworkers care about the pension fund",
        ),
    ],
)
def test_a_clause_with_a_cue_of_its_own_is_what_the_reporting_clause_after_it_reports(
    text, speaker, reported
):
    found = attributions(text)
    report = find(found, reported)
    assert report["source"]["text"] == speaker
    assert content_text(report) == reported
    assert all("said" not in content_text(a) and "told" not in content_text(a) for a in found)


def test_a_clause_before_a_semicolon_is_not_what_the_verb_after_it_reports():
    text = (
        "Most dockworkers in Ardmoor said they were worried about the pension fund; "
        "half of the fishermen said they were not."
    )
    found = attributions(text)
    second = find(found, "they were not")
    assert second["source"]["text"] == "half of the fishermen"
    assert content_text(second) == "they were not"
    first = find(found, "worried about the pension fund")
    assert first["source"]["text"] == "Most dockworkers in Ardmoor"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the span keeps its "%" and a bracket it opens
        ("Some 42% say they would close the harbour.", "Some 42%"),
        ("Sen. Ilse Marren (D-Ost.) said the harbour would close.", "Sen. Ilse Marren (D-Ost.)"),
        # a name ending in "-ly" that the parser took for an adverb
        ("“The harbour will close,” said Connolly.", "Connolly"),
        ("And Skelly called the plan “a real mess.”", "Skelly"),
    ],
)
def test_a_lone_source_is_the_span_a_reader_sees(text, source):
    (found,) = attributions(text)
    assert found["source"]["text"] == source


def test_content_keeps_its_percent_sign():
    found = find(attributions("Hask leads with 44%, the Courier poll found."), "Hask leads")
    assert content_text(found) == "Hask leads with 44%"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("ARDMOOR (Reuters) - Ilse Marren said the harbour would close.", "Ilse Marren"),
        ("Ardmoor (AFP) – Mayor Ilse Marren said the harbour would close.", "Mayor Ilse Marren"),
        ("ARDMOOR, Aug. 24 (UPI) — A spokesman for the port said it would close.",
         "A spokesman for the port"),
    ],
)  # fmt: skip
def test_a_dateline_with_an_agency_credit_is_not_the_speaker_later_in_the_text(text, source):
    body = "Harbour news.\n\n" + text  # not the text's opening dateline
    found = find(attributions(body), "would close")
    assert found["source"]["text"] == source


def test_a_named_poll_that_finds_is_the_source_the_parser_took_for_a_described_noun():
    text = "A Vantor University poll found last week that Marren would beat Hask."
    found = find(attributions(text), "Marren would beat Hask")
    assert found["source"]["text"] == "A Vantor University poll"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Tuesday in Ardmoor, while on the campaign trail for his wife, harbour candidate "
            "Ilse Marren, former mayor Otto Marren said his wife was ready to lead.",
            "former mayor Otto Marren",
        ),
        (
            "In a statement to the Courier, her senior policy adviser, Jonas Hask, said: "
            "“Ilse Marren believes the harbour must stay open.”",
            "her senior policy adviser, Jonas Hask",
        ),
        ("Less than a third agreed that the harbour should close.", "Less than a third"),
        ("About 4 in 10 say they want the harbour to stay open.", "About 4 in 10"),
    ],
)
def test_a_speaker_the_parser_hung_elsewhere_is_still_the_source(text, source):
    (found,) = [a for a in attributions(text) if a["cue"]["text"] in ("said", "agreed", "say")]
    assert found["source"]["text"] == source


def test_a_short_unquoted_content_is_indirect_speech():
    (found,) = attributions("Marren said it.")
    assert found["kind"] == "indirect"


def test_the_passive_subject_of_a_verb_before_is_the_subject_of_the_cue_joined_to_it():
    text = "Marren was forced into a rare retreat and said that her words had been twisted."
    found = find(attributions(text), "her words had been twisted")
    assert found["source"]["text"] == "Marren"
    told = find(attributions("Hask was told that the harbour would close."), "harbour")
    assert told["source"] is None  # Hask heard it


@pytest.mark.parametrize(
    ("text", "cue", "source", "content"),
    [
        ("Hask seemed to blame the mayor for the closure.", "seemed to blame", "Hask",
         "the mayor for the closure"),
        ("The minister appears to accept that the harbour will close.", "appears to accept",
         "The minister", "that the harbour will close"),
    ],
)  # fmt: skip
def test_a_view_someone_seems_to_hold_is_theirs(text, cue, source, content):
    (found,) = attributions(text)
    assert (found["cue"]["text"], found["source"]["text"], content_text(found)) == (
        cue,
        source,
        content,
    )


def test_seeming_to_agree_with_nothing_named_stays_what_seems():
    (found,) = attributions("The dockworkers seemed to agree.")
    assert found["source"] is None


def test_a_report_closing_a_sentence_after_a_quotation_introduced_by_a_colon_chains_it():
    text = "Marren said: “The harbour will close in May,” the Courier reported."
    (found,) = attributions(text)
    assert found["source"]["text"] == "the Courier"
    assert content_text(found) == "Marren said: “The harbour will close in May,”"
    assert chain(found) == ["Harbor Ledger", "Courier", "Marren"]


def test_a_quotation_after_a_colon_keeps_words_after_it_that_report_nothing():
    text = "Marren wrote: “We should have seen” it coming."
    (found,) = attributions(text)
    assert content_text(found) == "“We should have seen” it coming"


def test_a_report_relaying_a_quoted_speaker_keeps_the_speaker_in_its_chain():
    text = "“The harbour will close,” Marren said, the Courier reported."
    (found,) = attributions(text)
    assert found["source"]["text"] == "the Courier"
    assert chain(found) == ["Harbor Ledger", "Courier", "Marren"]


def test_a_report_in_an_outlet_the_recogniser_misses_is_the_outlet_relaying_its_sources():
    text = "According to a report in the Courier, officials said the harbour would close."
    (found,) = attributions(text)
    assert found["speaker"] == "officials"
    assert found["chain"][1] == {"name": "Courier", "type": "outlet"}
    assert chain(found) == ["Harbor Ledger", "Courier", "officials"]


def test_sources_an_outlet_reports_according_to_are_in_its_chain():
    text = "The Courier reported that, according to two officials, the harbour would close."
    (found,) = attributions(text)
    assert found["source"]["text"] == "The Courier"
    assert chain(found) == ["Harbor Ledger", "Courier", "two officials"]
    trailing = "Marren said the harbour would close, according to the Courier."
    (found,) = attributions(trailing)
    assert chain(found) == ["Harbor Ledger", "Courier", "Marren"]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Instead, Marren told the Courier, the harbour would stay open until May.", "Marren",
         "the harbour would stay open until May"),
        ("The vote came two days after Marren told the Courier she was “not ready yet” to back "
         "the plan.", "Marren", "she was “not ready yet” to back the plan"),
        ("Hask was unmoved, telling reporters, “Nobody asked the dockworkers.”", "Hask",
         "“Nobody asked the dockworkers.”"),
        ("Marren told the harbour board in a closed meeting that the fees would double.",
         "Marren", "that the fees would double"),
    ],
)  # fmt: skip
def test_whom_a_speaker_tells_is_neither_the_speaker_nor_what_is_told(text, source, content):
    (found,) = attributions(text)
    assert (found["source"]["text"], content_text(found)) == (source, content)


def test_a_story_someone_tells_is_what_they_tell():
    (found,) = attributions("Marren told the story of a ferry that never came.")
    assert content_text(found) == "a ferry that never came"


def test_telling_someone_with_nothing_told_is_no_attribution():
    assert attributions("Marren told reporters.") == []


def test_a_quoted_speaker_the_parser_joined_to_the_quotation_is_not_whom_they_told():
    """'"We were wrong," Orlov, 61, told AFP': on some names the parser makes the speaker a
    conjunct of the quoted clause, so the cue inherits "We" from inside the quotation; the
    speaker is the name before the cue, past its apposition, never the outlet told."""
    from spacy.tokens import Doc

    from sourcetrace.nlp.attribution import build_candidate, widen_to_quotes
    from sourcetrace.nlp.model import load_nlp
    from sourcetrace.nlp.quotes import find_quotes

    words = ["“", "We", "were", "wrong", ",", "”", "Orlov", ",", "61", ",", "told", "AFP", "."]
    spaces = [False, True, True, False, False, True, False, True, False, True, True, False, False]
    heads = [2, 2, 2, 2, 2, 6, 2, 6, 6, 6, 2, 10, 2]
    deps = ["punct", "nsubj", "ROOT", "acomp", "punct", "punct", "conj", "punct", "appos",
            "punct", "conj", "dobj", "punct"]  # fmt: skip
    pos = ["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PUNCT", "NUM", "PUNCT",
           "VERB", "PROPN", "PUNCT"]  # fmt: skip
    lemmas = ["“", "we", "be", "wrong", ",", "”", "Orlov", ",", "61", ",", "tell", "AFP", "."]
    doc = Doc(load_nlp().vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos,
              lemmas=lemmas, sent_starts=[True] + [False] * 12)  # fmt: skip
    quotes = find_quotes(doc.text)
    candidate = build_candidate(doc[10], quotes=quotes)
    widen_to_quotes(candidate, quotes, doc.text)
    assert candidate.source_head.text == "Orlov"
    assert [doc.text[s:e] for s, e in candidate.content] == ["“We were wrong,”"]


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        ("Hask issued the following statement:\n\n“We will rebuild the pier before winter.”",
         {"issued the following statement"}),
        ("Her spokesman responded by tweeting the following: “We will rebuild the pier before "
         "winter.”", {"responded", "tweeting the following"}),
    ],
)  # fmt: skip
def test_the_following_statement_after_a_colon_is_the_quotation_reported_once(text, cues):
    (found,) = attributions(text)  # one attribution, though two cues report the quotation
    assert content_text(found) == "“We will rebuild the pier before winter.”"
    assert found["cue"]["text"] in cues  # whichever cue the model finds likelier


def test_whoever_is_made_to_say_something_says_it():
    (found,) = attributions("Vell was prompted to say: “The port is over.”")
    assert found["source"]["text"] == "Vell"
    (expected,) = attributions("Vell was expected to win the vote.")
    assert expected["source"] is None


def test_a_name_with_an_age_is_a_person_though_the_recogniser_missed_it():
    found = attributions("“We misjudged the storm,” Orlov, 61, told the Courier. Orlov added "
                         "that the pier would close.")  # fmt: skip
    assert [(a["speaker"], a["source_type"]) for a in found] == [("Orlov", "person")] * 2


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Ilse McMarren: Ardmoor Must Keep Its Port\n\nThe port of Ardmoor will close in May.",
         "Ilse McMarren", "Ardmoor Must Keep Its Port"),
        ("Former Mayor Orlov at the Harbour Forum: the port will close in May\n\nThe port of "
         "Ardmoor will close in May.", "Former Mayor Orlov at the Harbour Forum",
         "the port will close in May"),
        ("FARES WENT UP IN MARCH - Ilse Marren: “The depot in Dunmere will close in May, and the "
         "buses will go with it.”", "Ilse Marren",
         "“The depot in Dunmere will close in May, and the buses will go with it.”"),
        ("Fares went up in March -More from Marren: “The depot in Dunmere will close in May.”",
         "Marren", "“The depot in Dunmere will close in May.”"),
        ("The depot will close. From the report: “Ridership fell by half in two years.”",
         "the report", "“Ridership fell by half in two years.”"),
    ],
)  # fmt: skip
def test_a_label_before_a_colon_is_the_speaker_of_what_follows_on_its_line(text, source, content):
    found = [a for a in attributions(text) if a["cue"]["text"] == ":"]
    assert [(a["source"]["text"], content_text(a)) for a in found] == [(source, content)]


@pytest.mark.parametrize(
    "text",
    [
        "The options are these: close the harbour by May or sell it.",
        "In the morning: rain over the harbour, then sun.",
        "Update at noon: the harbour is closed to ferries.",
    ],
)
def test_a_colon_after_words_that_are_no_label_names_no_speaker(text):
    assert [a for a in attributions(text) if a["cue"]["text"] == ":"] == []


def test_a_quotation_is_reported_once_when_a_sourced_cue_and_a_sourceless_one_claim_it():
    text = "Signs of strain were there all along -More from Marren: “The depot will close.”"
    found = [a for a in attributions(text) if "depot" in content_text(a)]
    assert [a["source"]["text"] for a in found] == ["Marren"]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        ("Asked whether the harbour should close, 72 percent of fishermen said no.",
         "72 percent of fishermen", "no"),
        ("Asked whether the harbour should close, most fishermen said yes.", "most fishermen",
         "yes"),
        ("The pier will close in May. Marren said so.", "Marren", "so"),
    ],
)  # fmt: skip
def test_a_one_word_answer_is_what_is_said(text, source, content):
    found = find(attributions(text), content)
    assert found["source"]["text"] == source
    assert content_text(found) == content


def test_a_programme_named_in_quotation_marks_is_not_what_its_guest_said():
    text = ("Speaking on Harbor TV’s “Morning Watch,” Ilse Marren said the depot would "
            "close in May.")  # fmt: skip
    (found,) = attributions(text)
    assert found["speaker"] == "Ilse Marren"
    assert content_text(found) == "the depot would close in May"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Ilse Marren shared the news on social media last week, writing “Feels great to back "
         "someone I believe in.”", "writing", "Ilse Marren"),
        ("Marren seemed to be ready to joke about the incident in Dunmere, telling the crowd, "
         "“Some people get a little carried away.”", "telling", "Marren"),
    ],
)  # fmt: skip
def test_a_participle_before_a_quotation_has_the_speaker_of_the_clause_before_it(
    text, cue, speaker
):
    # the parser hangs the participle on the quotation ("writing" the subject of "Feels")
    quoted = find(attributions(text), "“")
    assert quoted["cue"]["text"] == cue
    assert quoted["speaker"] == speaker


def test_whom_a_question_was_put_to_is_not_who_asked_it():
    (asked,) = attributions("Marren was asked if she had ever been turned away at the pier.")
    assert asked["source"] is None
    assert content_text(asked) == "if she had ever been turned away at the pier"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Residents of the provincial capital, Eskerby, said they wanted a public meeting.",
         "Residents of the provincial capital"),
        ("Officials in the port city, Dunmere, said the depot would close.",
         "Officials in the port city"),
        ("Officials of Valdoria and allied countries reported this to the newspaper.",
         "Officials of Valdoria and allied countries"),
        ("Officials of the United States and allied countries said this in comments for the "
         "publication.", "Officials of the United States and allied countries"),
    ],
)  # fmt: skip
def test_people_of_a_place_are_not_the_place(text, speaker):
    # the parser hangs the town on the people ("Residents ..., Eskerby") instead of the
    # capital, or the allied countries on the officials instead of the country they are of
    (found,) = attributions(text)
    assert found["speaker"] == speaker
    assert found["source_type"] == "group"


def test_a_clause_joined_by_and_is_not_what_the_next_verb_reports():
    # the parser hangs "Ostmark and Valdoria are under ... sanctions and" on "deepened" as
    # its clause; "and" joins two statements of the outlet's own
    text = (
        "Ostmark and Valdoria are under tough Western sanctions and their anti-West positions "
        "have deepened. They have worked closely before."
    )
    deepened = [c for c in candidates(load_nlp()(text)) if c.token.text == "deepened"]
    assert deepened and all(not c.content for c in deepened)
    assert not [a for a in attributions(text) if "sanctions" in content_text(a)]
