"""Word lists of the attribution rules: the words, lemmas, dependency labels and patterns each
rule looks for, in one place so that a rule reads as its construction."""

from __future__ import annotations

import re

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
