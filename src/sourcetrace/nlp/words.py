"""The vocabulary the analysis reads: word lists, word sets and patterns, in one place.

The rules that use them (:mod:`.analysis`, :mod:`.speakers`) read as logic, and what a word
means to the analyser is one line to change here. Words are lower case; lemmas are spaCy's.
"""

from __future__ import annotations

import re

__all__ = [
    "ANONYMITY",
    "BODY_HEADS",
    "DEFINITE",
    "HONORIFICS",
    "KIND_OF_SOURCE",
    "NEW_REFERENT",
    "OFFICE_HEADS",
    "ORGANISATION_NOUNS",
    "OUTLET_NOUNS",
    "PARTITIVE_HEADS",
    "PERSON_PRONOUNS",
    "PRESS_EVENTS",
    "PRONOUN_FORMS",
    "PUBLICATION_NOUNS",
    "RECIPIENT_PREPOSITIONS",
    "REFUSAL_LEMMAS",
    "RELATIVE_PRONOUNS",
    "SAYING_LEMMAS",
    "SEEN_LEMMAS",
    "SPEECH_LEMMAS",
    "SUBNATIONAL",
    "TALK_LEMMAS",
    "UNNAMED_WORDS",
    "VAGUE_RANKS",
]

# --- verbs of saying, seeing and refusing --------------------------------------------------------

#: Verbs whose subject, inside an outlet's relayed content, is whom the outlet cites.
SAYING_LEMMAS = {"say", "tell", "announce", "confirm", "state", "claim", "report", "add", "warn",
                 "insist", "deny", "admit", "acknowledge", "write", "note", "explain"}  # fmt: skip
#: Cues that report someone else's words, not the outlet's own wording ("X signed a sordid
#: pact" is the outlet's); a content reported with one of them is not in the outlet's voice.
SPEECH_LEMMAS = {
    "say", "tell", "state", "add", "claim", "warn", "report", "announce", "write", "describe",
    "call", "deny", "confirm", "accuse", "argue", "insist", "note", "explain", "believe",
    "think", "suggest", "allege", "assert", "declare", "stress", "reply", "respond",
    "tweet", "post", "comment", "remark", "predict", "estimate", "acknowledge", "admit",
    "charge", "contend", "maintain", "reveal", "disclose", "recall", "urge", "label", "brand",
    "dub", "question", "ask", "promise", "pledge", "vow", "threaten", "agree", "concede",
    "statement", "remarks", "comments", "reportedly", "allegedly", ":",
}  # fmt: skip
#: Verbs of speaking to someone ("Speaking to Reuters, the minister said").
TALK_LEMMAS = {"speak", "talk", "write"}
#: Verbs by which an outlet got a document it passes on ("documents seen by Reuters").
SEEN_LEMMAS = {"see", "obtain", "review", "view", "examine", "analyse", "analyze", "acquire"}
#: Cues whose content is what someone would not do ("declined to confirm the figures").
REFUSAL_LEMMAS = {"decline", "refuse"}

# --- outlets and the press -----------------------------------------------------------------------

#: Common nouns for an outlet ("the newspaper reported").
PUBLICATION_NOUNS = {"publication", "newspaper", "paper", "outlet", "agency", "broadcaster",
                     "channel", "website", "magazine"}  # fmt: skip
#: Nouns that say the name after them is an outlet's ("news agency IRNA").
OUTLET_NOUNS = PUBLICATION_NOUNS | {"television", "tv", "daily", "radio", "tabloid", "wire",
                                    "network", "weekly", "site", "portal"}  # fmt: skip
#: Prepositions before whom a source spoke to ("said to Reuters", "in an interview with CNN").
RECIPIENT_PREPOSITIONS = {"to", "for", "with"}
#: Whom a source tells when it speaks in public ("told reporters", "said at a news conference"):
#: the article heard it first-hand, not through the outlet it was relaying before.
PRESS_EVENTS = {"conference", "briefing", "presser"}

# --- referring back to a speaker -----------------------------------------------------------------

#: Determiners of a noun phrase that refers back to someone met before ("the official").
DEFINITE = {"the", "this", "that", "these", "those", "both", "such"}
#: Words that make a noun phrase someone not met before ("a second official").
NEW_REFERENT = {"second", "another", "other", "third", "new", "different"}
#: Heads of a phrase that picks members out of a group ("one of the officials").
PARTITIVE_HEADS = {"one", "some", "several", "each", "both", "neither", "either", "none", "all",
                   "many", "most", "few"}  # fmt: skip
#: Pronouns that refer back to a person.
PERSON_PRONOUNS = {"he", "she", "him", "her"}
#: Pronouns that open a relative clause ("lawmakers, who say ...").
RELATIVE_PRONOUNS = {"who", "which", "that"}
#: Pronouns a source head may be, whatever the parser tagged it ("He" opening a sentence).
PRONOUN_FORMS = {"He", "She", "It", "They", "We", "I", "he", "she", "it", "they", "we"}

# --- people, offices and bodies ------------------------------------------------------------------

#: Titles before a name, without their stop ("Dr Ilan Sorel"): never part of a role.
HONORIFICS = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev"}
#: Offices with one holder: "the defence minister" names a person the reader can identify.
OFFICE_HEADS = {"minister", "president", "premier", "chancellor", "secretary", "governor",
                "mayor", "ambassador", "prosecutor", "chairman", "chairwoman", "commander",
                "chief", "envoy", "spokesman", "spokeswoman", "spokesperson", "director",
                "executive", "head", "leader"}  # fmt: skip
#: Words that keep an office anonymous, and ranks that do not say which office it is.
UNNAMED_WORDS = {"unnamed", "anonymous", "unidentified"}
ANONYMITY = re.compile(
    r"\b(anonymity|on condition that|identity|not (be )?(named|identified)|declined to be "
    r"(named|identified)|not authori[sz]ed to (speak|comment|discuss))\b",
    re.IGNORECASE,
)
VAGUE_RANKS = {"senior", "top", "former", "junior", "high", "ranking", "same", "other"}
#: Common nouns that name an organisation ("the company said").
ORGANISATION_NOUNS = {"company", "firm", "bank", "manufacturer", "maker", "airline", "carrier",
                      "retailer", "insurer", "union", "charity", "institute", "university",
                      "hospital", "club", "party", "operator", "developer", "group", "lender",
                      "broadcaster", "publisher", "foundation", "organisation", "organization",
                      "association", "federation", "league", "team", "school"}  # fmt: skip
#: Heads of a governing body, and the words that make it a body below the state's own.
BODY_HEADS = {"government", "council", "administration", "authority", "assembly", "parliament",
              "legislature", "executive"}  # fmt: skip
SUBNATIONAL = {"provincial", "regional", "local", "municipal", "city", "county", "state",
               "district", "territorial", "devolved"}  # fmt: skip

# --- source types --------------------------------------------------------------------------------

#: The source type an attribution reports for each kind of speaker entity.
KIND_OF_SOURCE = {
    "person": "person",
    "office": "person",
    "organisation": "organisation",
    "outlet": "outlet",
    "government": "government",
    "intelligence": "intelligence",
    "anonymous": "anonymous",
    "document": "document",
    "country": "government",
    "place": "organisation",
    "group": "group",
    "own_voice": "own_voice",
    "other": "other",
}
