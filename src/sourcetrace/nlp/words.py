"""The vocabulary the analyser reads, in one place: the words, lemmas, dependency labels and
patterns of the attribution rules (:mod:`.attribution`), of the analysis and of the speaker
resolver (:mod:`.analysis`, :mod:`.speakers`), so that a rule reads as its construction and
what a word means to the analyser is one line to change here. Words are lower case; lemmas are
spaCy's.
"""

from __future__ import annotations

import re

__all__ = [
    "ADDRESSEE_VERBS",
    "ADVERBIAL_NOUNS",
    "AFTER_CUE_DEPS",
    "ANONYMITY",
    "ANSWERING_LEMMAS",
    "BODY_HEADS",
    "BODY_NOUNS",
    "BODY_VOICES",
    "CITING_LEMMAS",
    "CLAUSE_MARKS",
    "CLOSERS",
    "CONTENT_CHILD_DEPS",
    "CUE_ADVERBS",
    "CUE_LEFT_DEPS",
    "CUE_PREPOSITIONS",
    "DASHES",
    "DASH_CHARS",
    "DEFINITE",
    "DEMONYMS",
    "EVIDENCE_VERBS",
    "GENERIC_PEOPLE",
    "GOVERNMENT_WORDS",
    "HONORIFICS",
    "INHERIT_SUBJECT_DEPS",
    "INITIALS",
    "INTERVIEW",
    "ISSUED_HEADS",
    "ISSUER_KINDS",
    "ISSUING_LEMMAS",
    "JOURNALIST_NOUNS",
    "KIND_OF_SOURCE",
    "LABEL_DASHES",
    "LABEL_JOINERS",
    "MADE_TO_SAY",
    "NEW_REFERENT",
    "NOMINAL_DEPS",
    "NOT_THE_HOLDER",
    "NOUN_TOPIC_PREPOSITIONS",
    "OCCASIONS",
    "OFFICE_HEADS",
    "ORGANISATION_NOUNS",
    "OUTLET_NOUNS",
    "OUTLET_WORDS",
    "PARTITIVE_HEADS",
    "PEOPLE_AROUND",
    "PEOPLE_NOUNS",
    "PERSON_PRONOUNS",
    "PHRASE_PREPOSITIONS",
    "POLL_DETAILS",
    "POLL_HEADS",
    "POLL_NOUNS",
    "PRESS_EVENTS",
    "PRESS_NOUNS",
    "PRONOUNS",
    "PRONOUN_FORMS",
    "PUBLICATION_NOUNS",
    "QUANTIFIERS",
    "QUOTE_CHARS",
    "RAISED_DEPS",
    "RAISING_VERBS",
    "REACTION_NOUNS",
    "REACTION_VERBS",
    "RECIPIENT_PREPOSITIONS",
    "REFUSAL_LEMMAS",
    "RELATIVE_PRONOUNS",
    "REPORTER",
    "ROLE_WORDS",
    "SAYING_LEMMAS",
    "SEEN_LEMMAS",
    "SENTENCE_BREAK",
    "SERVED_PEOPLE",
    "SOURCE_DOCUMENTS",
    "SPEAKER_NOUNS",
    "SPEECH_LEMMAS",
    "SPOKESPEOPLE",
    "SUBJECT_DEPS",
    "SUBNATIONAL",
    "TALK_LEMMAS",
    "TITLES",
    "TITLE_ABBREVIATIONS",
    "TOLD_THINGS",
    "TOPIC_PREPOSITIONS",
    "UNNAMED_WORDS",
    "VAGUE_RANKS",
    "VIEW_VERBS",
    "capitalised",
]

# --- Dependency labels and tags the rules look for -------------------------------------------

#: Dependents of a cue verb that hold its content when no clause does.
CONTENT_CHILD_DEPS = {"dobj", "xcomp", "prep", "pcomp", "attr", "oprd", "dative", "acomp", "obj"}

#: Dependents that are a verb's subject.
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj", "expl"}

#: Clauses that share the subject of the verb they hang on.
INHERIT_SUBJECT_DEPS = {"xcomp", "conj", "advcl", "acl", "relcl"}

#: Words before a cue verb that belong to the cue ("did not say").
CUE_LEFT_DEPS = {"aux", "auxpass", "neg"}

#: What a cue closing its sentence may take after it: its speaker, settings, whom it told.
AFTER_CUE_DEPS = {"nsubj", "punct", "prep", "npadvmod", "advmod", "dative", "appos"}

#: What "seem" / "appear" says of its subject: "to be shrinking", "uneasy", "a good idea".
RAISED_DEPS = {"xcomp", "acomp", "attr", "oprd"}

#: Where a gerund does a noun's or an adjective's work.
NOMINAL_DEPS = {"amod", "compound", "dobj", "pobj"}

#: What such a phrase hangs on when it gives a finding ("leads in", "a lead in"), not a topic
#: ("interested in the poll").
POLL_HEADS = {"VERB", "AUX", "NOUN"}

# --- Cue words -------------------------------------------------------------------------------

#: Adverbs that are cues ("reportedly").
CUE_ADVERBS = {"reportedly", "allegedly", "apparently", "purportedly", "supposedly"}

#: "according to X", "per X".
CUE_PREPOSITIONS = {"according", "per"}

#: Prepositions of a sentence-opening source phrase ("In a poll, ...", "To X, ...").
PHRASE_PREPOSITIONS = {"in", "to", "for"}

#: Verbs of citing ("citing two people", "quoted X as saying").
CITING_LEMMAS = {"cite", "quote"}

#: Verbs of seeming ("it seems", "Voters appear to ...").
RAISING_VERBS = {"appear", "seem"}

#: Verbs of a view or of saying that "seem to" / "appear to" can report ("seemed to blame",
#: "appears to accept", "seems to feel").
VIEW_VERBS = {
    "say", "think", "feel", "believe", "suggest", "imply", "indicate", "acknowledge",
    "recognize", "recognise", "blame", "accept", "agree", "endorse", "support", "favor",
    "favour", "prefer", "want", "care", "like", "embrace", "reject", "dismiss", "question",
    "doubt", "mock", "criticize", "criticise", "signal", "hint", "concede", "admit",
    "describe", "understand", "expect", "hope", "fear", "welcome", "back", "oppose",
    "confirm", "deny", "contradict", "echo", "praise", "regret", "share",
}  # fmt: skip

#: "The proposal has drawn criticism from X": X reacted to the proposal, so X is the source
#: and the subject is the content (PolNeAR marks it so: cue "has drawn harsh criticism").
REACTION_VERBS = {"draw", "attract", "receive", "face", "earn", "win", "meet"}

REACTION_NOUNS = {
    "criticism", "condemnation", "praise", "concern", "rebuke", "backlash", "outcry", "scorn",
    "ire", "fire", "complaint", "objection", "protest", "opposition", "support", "applause",
    "warning", "denunciation", "derision", "skepticism", "scepticism",
}  # fmt: skip

#: Verbs whose one-word answer ("said yes", "think so") is what they report.
ANSWERING_LEMMAS = {"say", "think", "believe", "hope", "suspect", "expect", "answer", "reply",
                    "respond", "vote", "guess", "suppose", "tell"}  # fmt: skip

#: Verbs whose object is whom they are said to ("told CNN", "assured reporters").
ADDRESSEE_VERBS = {"tell", "assure", "inform", "brief"}

#: What is told rather than whom: "told the story of X", "tells a different tale".
TOLD_THINGS = {"story", "tale", "truth", "lie", "joke", "anecdote", "version", "account",
               "something", "anything", "nothing", "everything", "it", "this", "that", "what",
               "much", "more", "all", "so"}  # fmt: skip

#: What someone can be made or prompted to do that is saying ("was forced to admit X").
MADE_TO_SAY = {"say", "admit", "concede", "acknowledge", "explain", "apologize", "apologise",
               "declare", "testify", "confirm", "deny", "clarify", "state"}  # fmt: skip

#: Verbs with which a document or testimony vouches for something ("reports have confirmed
#: the deals", "the documents show X").
EVIDENCE_VERBS = {"confirm", "show", "reveal", "indicate", "prove", "suggest"}

# --- Sources ---------------------------------------------------------------------------------

#: Pronoun subjects, which are nobody's reaction ("it has drawn criticism").
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you", "who", "this", "that"}

#: Nouns that name a speaker without a name ("the ministry said").
SPEAKER_NOUNS = {"official", "source", "spokesman", "spokeswoman", "spokesperson", "ministry",
                 "department", "office", "government", "agency"}  # fmt: skip

#: Whom a speaker tells when telling the press ("told reporters").
PRESS_NOUNS = {"reporter", "journalist", "press", "correspondent", "newsman"}

#: Nouns that make a named person a journalist ("Bloomberg reporter Erik Lind", "Ana Moss, a
#: columnist for the Courier"): one who passes someone else's words on is a link of the
#: chain, not its source.
JOURNALIST_NOUNS = {"reporter", "journalist", "correspondent", "newsman", "newswoman",
                    "columnist", "editor", "anchor", "host", "writer", "commentator",
                    "blogger"}  # fmt: skip

#: Words that stand for a number of people or things ("many argue", "571 of the 714", "most
#: of them").
QUANTIFIERS = {"some", "most", "many", "all", "few", "several", "half", "none", "each", "both",
               "others"}  # fmt: skip

#: What a sentence-opening "In ..." names when it is a source ("In a statement, ...").
SOURCE_DOCUMENTS = {"poll", "survey", "study", "report", "statement", "memo", "letter", "interview",
                    "filing", "analysis", "op-ed", "column", "essay", "email", "post", "tweet",
                    "speech", "document", "assessment", "briefing", "release"}  # fmt: skip

#: What a result is found "in" when it is a source: "Trump leads in the latest poll".
POLL_NOUNS = {"poll", "survey"}

#: Prepositions that say which poll it is ("a survey *of* 800 voters", "polls *in* Ohio").
POLL_DETAILS = {"of", "from", "by", "in", "for", "among", "with"}

#: Small words a speaker's label may hold between capitalised ones ("Former AG Mukasey at RNC",
#: "Clinton to Planned Parenthood").
LABEL_JOINERS = {"at", "to", "of", "on", "in", "for", "the", "and", "from", "&", "de", "van", "von"}

# --- Content and settings --------------------------------------------------------------------

#: Prepositions after a verb cue that say what it is about ("spoke about X").
TOPIC_PREPOSITIONS = {"about", "of", "for", "on", "against", "to", "with", "over", "toward", "at"}

#: What a noun cue's view is of: "his criticism *of* the plan", "support *for* the bill",
#: "opposition *to* the war" (the content is the object, without the preposition).
NOUN_TOPIC_PREPOSITIONS = {"on", "about", "of", "for", "to", "against", "over"}

#: Nouns of set phrases that are adverbials, not content: "of course", "in response".
ADVERBIAL_NOUNS = {"course", "addition", "fact", "particular", "general", "response", "contrast",
                   "turn", "short", "effect", "reality", "return", "total", "sum"}  # fmt: skip

#: Occasions of saying ("in an interview", "at a rally"): settings, not content.
OCCASIONS = {
    "interview",
    "statement",
    "appearance",
    "speech",
    "conference",
    "briefing",
    "rally",
    "hearing",
    "event",
    "debate",
    "call",
    "meeting",
    "release",
    "email",
    "post",
    "tweet",
    "broadcast",
    "show",
    "podcast",
    "letter",
    "op-ed",
    "remarks",
    "session",
    "town",
}

#: Conjunctions that open a clause of their own ("as", "when", "because").
CLAUSE_MARKS = {"as", "when", "while", "after", "before", "because", "if", "since", "although",
                "though", "until", "unless", "once", "whether"}  # fmt: skip

# --- Punctuation and patterns ----------------------------------------------------------------

#: Quotation marks kept at the edges of a span.
QUOTE_CHARS = set('“”„«»"')

#: Dashes that set a speaker's label off from a heading before it on the same line.
DASH_CHARS = "-\u2013\u2014"

LABEL_DASHES = {*DASH_CHARS, "--"}

#: Dashes that end a dateline.
DASHES = ("-", "–", "—", "--")

#: Closing brackets kept at the end of a span that opens them.
CLOSERS = {")": "(", "]": "["}

#: Initials ("U.S.", "F."), whose full stops end no sentence.
INITIALS = re.compile(r"(?:[A-Za-z]\.)+")

#: A sentence end, perhaps with its closing quotation mark, and the space after it.
SENTENCE_BREAK = re.compile(r"[.!?][\"”’']?\s+")

#: An interview printed as questions and answers: a line opening "Q:" and one opening "A:".
INTERVIEW = re.compile(r"^Q:.*^A:", re.MULTILINE | re.DOTALL)


# --- The analysis and the speaker resolver --------------------------------------------------

# --- verbs of saying, seeing and refusing --------------------------------------------------------

#: Verbs whose subject, inside an outlet's relayed content, is whom the outlet cites.
SAYING_LEMMAS = {"say", "tell", "announce", "confirm", "state", "claim", "report", "add", "warn",
                 "insist", "deny", "admit", "acknowledge", "write", "note", "explain",
                 "estimate"}  # fmt: skip
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
#: Cues that, with an object and an infinitive, give an order or a request, not a statement
#: ("told her to leave", "urged residents to stay indoors").
DIRECTIVE_LEMMAS = {"tell", "ask", "urge", "order", "instruct", "advise", "beg", "implore",
                    "command", "encourage", "invite"}  # fmt: skip
#: Words that open a question a cue reports ("did not say *what* it cost").
QUESTION_OPENERS = {"what", "why", "how", "when", "where", "who", "whom", "which", "whether",
                    "if"}  # fmt: skip

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
#: Documents a body issues in its own words ("a statement said"): unlike a report or a study,
#: their words are the issuer's, so the issuer is the source.
ISSUED_HEADS = {"statement", "communique", "communiqué"}
#: Verbs of issuing one ("Arvik issued a statement", "the ministry released a statement").
ISSUING_LEMMAS = {"issue", "release", "publish", "circulate", "send", "put"}
#: Kinds of entity that issue statements in their own name.
ISSUER_KINDS = {"person", "office", "organisation", "government", "intelligence"}
#: Words for one who speaks for a body or a person ("a spokesman said"): their words are the
#: body's.
SPOKESPEOPLE = {"spokesman", "spokeswoman", "spokesperson", "spokespeople"}
#: Words for those who speak for a named body after its name ("Orange officials"): their
#: words are the body's.
BODY_VOICES = SPOKESPEOPLE | {"spokesmen", "spokeswomen", "official", "officials", "executive",
                              "executives", "representative", "representatives"}  # fmt: skip

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

# --- descriptions of people and bodies ----------------------------------------------------------

#: Lemmas of words for people, by what they are or do ("the actress", "the driver", "officers").
PEOPLE_NOUNS = {
    "man", "woman", "boy", "girl", "child", "kid", "baby", "teen", "teenager", "youth",
    "person", "people", "adult", "mother", "father", "son", "daughter", "wife", "husband",
    "sister", "brother", "parent", "grandmother", "grandfather", "uncle", "aunt", "cousin",
    "friend", "neighbour", "neighbor", "girlfriend", "boyfriend", "partner", "widow",
    "actress", "actor", "singer", "star", "starlet", "celebrity", "comedian", "host",
    "presenter", "musician", "rapper", "artist", "model", "filmmaker", "producer", "writer",
    "author", "champion", "challenger", "boxer", "fighter", "player", "coach", "athlete",
    "swimmer", "runner", "quarterback", "pitcher", "striker", "goalkeeper", "captain", "rookie",
    "driver", "pilot", "passenger", "victim", "suspect", "gunman", "shooter", "killer",
    "attacker", "assailant", "robber", "thief", "burglar", "intruder", "murderer", "hacker",
    "prisoner", "inmate", "convict", "fugitive", "escapee", "defendant", "officer", "deputy",
    "sheriff", "detective", "agent", "trooper", "guard", "soldier", "sailor", "firefighter",
    "paramedic", "doctor", "nurse", "surgeon", "patient", "lawyer", "attorney", "prosecutor",
    "judge", "juror", "witness", "employee", "worker", "staffer", "executive", "boss",
    "founder", "owner", "chairman", "chairwoman", "spokesman", "spokeswoman", "spokesperson",
    "official", "leader", "minister", "senator", "governor", "mayor", "politician",
    "lawmaker", "candidate", "student", "teacher", "professor", "scientist", "researcher",
    "expert", "analyst", "resident", "citizen", "villager", "tourist", "visitor", "customer",
    "user", "fan", "protester", "demonstrator", "activist", "climber", "hiker", "fisherman",
    "farmer", "technician", "engineer", "receptionist", "maid", "accountant", "clerk",
    "cashier", "rep", "representative", "publicist", "manager", "director", "president",
    "cop", "rioter", "anarchist", "voter",
    "mafioso", "gangster", "mobster", "lifer", "icon", "legend", "client", "offender",
    "molester", "pinup", "socialite", "heiress", "heir", "scorer", "bagman", "mum", "mom",
}  # fmt: skip
#: Words for people that say too little to pick out the person an article is about.
GENERIC_PEOPLE = {"man", "woman", "boy", "girl", "child", "kid", "person", "people", "adult",
                  "baby", "teen", "teenager", "youth", "resident", "citizen", "victim",
                  "passenger", "customer", "user", "fan", "friend", "witness", "worker",
                  "employee", "official", "officer",
                  "cop", "crowd", "jury", "family", "mob"}  # fmt: skip
#: Words for the people around the one an article is about, who speak of that person or deal
#: with them ("the spokesman", "the lawyer", "the judge"): never taken for that person.
PEOPLE_AROUND = {"spokesman", "spokeswoman", "spokesperson", "rep", "representative",
                 "publicist", "lawyer", "attorney", "prosecutor", "judge", "juror", "witness",
                 "neighbour", "neighbor", "friend", "expert", "analyst", "doctor", "nurse",
                 "surgeon", "paramedic", "detective", "trooper", "agent", "guard", "staffer",
                 "source", "aide", "insider", "bystander", "relative"}  # fmt: skip
#: Words for the person someone serves: "her client" is the one the lawyer speaks for, whose
#: possessor is not another person of the story as in "her rep" or "his wife".
SERVED_PEOPLE = {"client"}
#: Lemmas of words for bodies and organisations ("police", "the company", "the team").
BODY_NOUNS = {"police", "company", "firm", "team", "club", "studio", "agency", "administration",
              "government", "department", "authority", "army", "navy", "military", "ministry",
              "court", "council", "committee", "commission", "party", "union", "network",
              "bank", "school", "university", "hospital", "organization", "organisation",
              "group", "gang", "crew", "band", "league", "office", "giant", "maker",
              "crowd", "jury", "family", "mob"}  # fmt: skip

# --- names: titles, roles, outlets, governments ----------------------------------------------

TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "prof",
    "president", "senator", "governor", "minister", "secretary", "general", "judge", "sir",
    "lord", "lady", "prince", "king", "queen", "pope", "rev", "mayor", "chancellor", "premier",
}  # fmt: skip

#: Short titles written before a name, by the noun a description of the office ends in
#: ("Gov. Sarah Palin" ... "the governor").
TITLE_ABBREVIATIONS = {
    "gov": "governor", "sen": "senator", "pres": "president", "supt": "superintendent",
    "gen": "general", "col": "colonel", "lt": "lieutenant", "sgt": "sergeant",
    "capt": "captain", "det": "detective", "insp": "inspector", "rev": "reverend",
}  # fmt: skip
#: Words before a title that make it another office ("Vice President") or another time's
#: ("former President"): not the holder "the president" of the story is.
NOT_THE_HOLDER = frozenset({
    "vice", "deputy", "former", "ex", "assistant", "acting", "associate", "interim", "late",
    "then", "past", "future",
})  # fmt: skip

#: Words that come before a name as a role, not as a first name ("Spokesman John Kirby").
ROLE_WORDS = TITLES | {
    "spokesman", "spokeswoman", "spokesperson", "deputy", "vice", "foreign", "defence",
    "defense", "chief", "commander", "ambassador", "envoy", "director", "chairman",
    "chairwoman", "chair", "ceo", "officer", "adviser", "advisor", "analyst", "professor",
    "coach", "captain", "attorney", "justice", "speaker", "leader", "representative", "senior",
    "former", "acting", "interior", "press", "national", "security", "state", "prime", "first",
    "admiral", "marshal", "colonel", "major", "lieutenant", "sergeant", "commissioner",
    "inspector", "agent", "correspondent", "reporter", "editor", "columnist", "author",
    "economist", "historian", "scientist", "researcher", "sheriff", "detective", "host",
    "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "pastor",
    "bishop", "cardinal", "rabbi", "imam", "dean", "principal", "president-elect", "emir",
    "sheikh", "ayatollah", "crown", "duke", "count", "baron", "dame", "madam", "madame",
}  # fmt: skip

OUTLET_WORDS = {
    "post", "times", "journal", "news", "tribune", "herald", "gazette", "telegraph", "guardian",
    "daily", "press", "tv", "radio", "channel", "magazine", "courier", "ledger", "wire",
    "observer", "chronicle", "today", "broadcasting", "newspaper", "agency", "media", "review",
    "dispatch", "bulletin", "inquirer", "examiner", "monitor", "pravda", "weekly", "television",
    "broadcaster", "newswire",
}  # fmt: skip

#: The country each demonym names ("Egyptian ministry" is Egypt's), in :func:`plain` form.
DEMONYMS = {
    "afghan": "afghanistan", "american": "united states", "argentine": "argentina",
    "australian": "australia", "austrian": "austria", "belgian": "belgium",
    "brazilian": "brazil", "british": "united kingdom", "canadian": "canada",
    "chinese": "china", "colombian": "colombia", "cuban": "cuba", "danish": "denmark",
    "dutch": "netherlands", "egyptian": "egypt", "ethiopian": "ethiopia", "finnish": "finland",
    "french": "france", "german": "germany", "greek": "greece", "indian": "india",
    "indonesian": "indonesia", "iranian": "iran", "iraqi": "iraq", "irish": "ireland",
    "israeli": "israel", "italian": "italy", "japanese": "japan", "jordanian": "jordan",
    "kenyan": "kenya", "korean": "korea", "kuwaiti": "kuwait", "lebanese": "lebanon",
    "libyan": "libya", "malaysian": "malaysia", "mexican": "mexico", "moroccan": "morocco",
    "nigerian": "nigeria", "norwegian": "norway", "pakistani": "pakistan",
    "palestinian": "palestine", "philippine": "philippines", "polish": "poland",
    "portuguese": "portugal", "russian": "russia", "saudi": "saudi arabia",
    "somali": "somalia", "spanish": "spain", "sudanese": "sudan", "swedish": "sweden",
    "swiss": "switzerland", "syrian": "syria", "taiwanese": "taiwan", "thai": "thailand",
    "tunisian": "tunisia", "turkish": "turkey", "ukrainian": "ukraine",
    "venezuelan": "venezuela", "vietnamese": "vietnam", "yemeni": "yemen",
}  # fmt: skip

GOVERNMENT_WORDS = {
    "ministry", "department", "office", "kremlin", "white house", "pentagon", "downing street",
    "council", "government", "parliament", "senate", "congress", "administration", "embassy",
    "cabinet", "duma", "commission", "treasury", "police", "army", "navy", "military",
    "armed forces", "command", "state department", "foreign office", "mod", "presidency",
    "secretariat", "prosecutor", "court", "agency", "nato", "committee", "bureau", "authorities",
}  # fmt: skip

#: The chain link type of a journalist who passes someone else's words on.
REPORTER = "reporter"


def capitalised(name: str) -> bool:
    """Whether a name holds a capitalised word besides an article: "The software maker",
    which the name finder may take for a name, holds none."""
    return any(w[:1].isupper() for w in name.split() if w.lower() not in ("the", "a", "an"))
