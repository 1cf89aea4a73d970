"""The analyser's version: what is stored with each analysis, so that a read knows which stored
analysis is current without loading the analyser (spaCy and the fitted models).

Each change to analysis output bumps ``ANALYSER_VERSION``; stored analyses of another version,
and the traces made from them, are stale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .settings import AnalysisSettings

# 59: an article in a language other than English is not analysed as English: only its
#     English paragraphs are read, and the analysis carries the language and a note
# 58: people of a place the parser apposes to them ("Residents of the capital, Eskerby,") or
#     coordinates with them ("Officials of X and allied countries") are the people, not the
#     place; "a few dozen", "several dozen" are vague quantities; a clause that ends in "and"
#     is not what the verb after it reports
# 57: whom a question was put to ("Marren was asked if ...") is not taken back as its asker
# 56: a participle after a comma that the parser hung on the quotation after it ("Marren
#     shared the news, writing “Feels great ...”") has the speaker of the clause before it
# 55: a label before a colon names the speaker of the rest of its line also after a dash, in
#     mixed case and with small words ("Heading - Philip Bump: “X”", "Former AG Mukasey at
#     RNC: X", "More from the report: “X”"); a programme's name in quotation marks ("on Harbor
#     TV’s “Morning Watch,”") is nobody's words; "said no", "think so" report the one word; a
#     quotation claimed by a cue with a source and by one without goes to the first; retrained
# 54: the cue model also weighs a cue's last word ("talked about", "support for"); retrained
# 53: whoever is made to say something says it ("Vell was prompted to say: X": Vell); a name
#     with an age after it ("Orlov, 61, told") is a person, though the recogniser missed it
# 52: "issued the following statement:" introduces the quotation after the colon, also after a
#     line break; one content reported by two cues hung on each other keeps the likelier cue
# 51: a quotation goes on past the words that describe its speaker ('said Murphy, who thinks
#     about X. "B."', 'hosts "Harbour Nights." "B."'), after a quotation that ends a sentence
#     ('"A." "B."'), and into a sentence that opens with unquoted words ('Unless X, "B."')
# 50: whom a verb of telling tells is neither its content nor its speaker ("Trump told CNN,
#     X": X; '"X," Orlov, 61, told AFP': Orlov, X; "telling reporters, \"X\"": X)
# 49: "a report in the Courier" is the Courier where the recogniser missed the name; "the
#     Courier reported that, according to two officials, X" chains Courier -> two officials
# 48: the speaker a report relays is looked for in the content the parse gave, before the
#     edge scorers moved its ends ('"X," Marren said, the Courier reported': Courier -> Marren)
# 47: a report closing its sentence after a quotation a colon introduces reports the whole
#     sentence ('Trump said: "X," the Times reported': chain Times -> Trump); the colon's
#     quotation no longer runs on into that report
# 46: a view someone "seems to" or "appears to" hold is theirs ("Cruz seemed to blame X":
#     cue "seemed to blame", source Cruz, content X); what merely seems keeps no source
# 45: a name ending in "-ly" that the parser took for an adverb is the source ("said
#     Connolly"); the passive subject of a verb before is the subject of a cue joined to it
#     ("Trump was forced into damage control and said that ...")
# 44: a speaker the parser hung elsewhere is still the source ("..., former president Bill
#     Clinton said", "her adviser, Jake Sullivan, said:", "Less than a third agreed"); a
#     short unquoted content ("said it") is indirect speech, not direct
# 43: spans keep a "%" and a closing bracket they open ("Sen. Marren (D-Ost.)"); a dateline
#     crediting an agency is no subject ("LONDON (Reuters) -", "Washington (AFP) –"); "A
#     Quinnipiac poll found that X" has the poll as its source
# 42: a clause before a semicolon is not what the verb after it reports ("X were worried;
#     most said Y"); "Voters worry about X, he said" is what he said, not the worry's "he said"
# 41: what "seem" / "appear" says of a subject is the subject with the complement ("The
#     speaker seemed closer to an endorsement"), not the complement's object; cue model
#     retrained
# 40: an interview printed as questions and answers gives each "Q:" / "A:" turn to its
#     speaker (people: interviewer and interviewee), also where the cue model doubts the turn
# 39: a noun of opinion reports what its "for", "to", "against" or "over" names ("opposition
#     to the war", "support for the bill"), as it did for "of", "on" and "about", without the
#     preposition; cue model retrained
# 38: a poll a finding is reported in is its source inside a sentence too ("Marren leads in
#     the latest poll"), and "in X's words" / "in the words of X"; cue model retrained, its
#     threshold chosen by cross-validation of the whole product path on train
# 37: documents an outlet saw or obtained are passed on by it, not its own report; the
#     subject of a verb tagged as a noun ("images show that ...") is its source
# 36: an outlet spoken to that the recogniser misses is in the chain ("told the Courier",
#     "told the state news agency TASS")
# 35: a source an outlet's report cites is met again later ("citing an official ... The
#     official added": that official; "quoting two officials ... Both officials said")
# 34: "The plan, Marren said in a statement, would cost jobs" keeps "The plan" in the content
# 33: a speaker hung inside the quotation's clause after its closing mark is the source;
#     "X, while supporters argue Y": Y is theirs; "one of the officials" is the group met
#     before; a described speaker's name leaves out an aside after a comma
# 32: a cue that closes its sentence reports what the parser hung on it ("X did Y, police
#     said." with no verb found to head X); a closing quotation mark is not part of a source
# 31: "State news agency IRNA" is IRNA; "reported that X, citing Y" cites Y; "told reporters"
#     ends the relay of an outlet; "the defence minister" is an office, not anonymous; speakers
#     after the verb that closes a quotation, of "Asked whether ...", of "led some to speculate",
#     after a dateline; the verb of a reported clause is not a cue; cue model retrained
# 30: a quotation closed by its source and cue before a phrase ('"Why now?" Orlov asked about
#     the plan') is the content, not the phrase; the cue model sees how its content hangs on the
#     cue and the cue's head, and is trained with the light objects it runs with
# 29: a quotation opening the next sentence goes on with indirect speech in its paragraph
# 28: the opening of a quotation split by an inverted cue is kept
# 27: a name compounded with a present-tense cue ('Conway notes') is the source
# 26: the stop of a title or an initial does not end the cue's sentence
# 25: quotations continue however long the cue's sentence; one claim per statement
# 24: a transfer named by a noun: "approved the sale of 40 jets to Turkey"
# 23: "three days ago", "earlier this month", "overnight", "the end of 2025" are resolved
# 22: the loaded-language lexicon gains rulers, outrage and verbs of power ("dictator",
#     "brutal", "clung to power", "power grab")
# 21: "unclear", "not clear", "unconfirmed" make a statement possible, not denied
# 20: "one in five voters" is a share (20 percent); "at least a dozen", "more than a million"
# 19: "reported, citing X, that Y": Y is reported, through X; "Politico" is an outlet even when
#     tagged a person; figures and statistics are documents
# 18: an appositive name wins over a role head ("The hospital's chief executive, Dr Ilan
#     Sorel"); "Voll's deputy" is not Voll; "the company" is an organisation; no "Dr" in roles
# 17: a surname the recogniser missed is the person named before; a city council is not its
#     city; plural unnamed people ("researchers", "several") are groups
# 16: "X has drawn criticism from Y" (Y said it of X); "who" is the noun its clause hangs on;
#     "The Kestrel's maker, Arvik," is Arvik; a provincial government is not its province
# 15: state media, state television and news agencies are outlets; "Ilse Marren" keeps "Ilse"
# 14: attributions say whether their content states anything (``states``)
# 13: documents and testimony with a verb of evidence are sources ("reports have confirmed X")
# 12: split quotations resume after the cue; "writes:" + next paragraph; "called for X to Y"
# 11: "Speaking to Reuters, X said", "sources quoted by the Post" go through the outlet
# 10: "quoted X as saying"; datelines and agency copy ("MOSCOW (Reuters) -", ``wire``)
# 9: "as the Post reported" clauses; reporting clauses win mutual nesting; citing before the cue;
#    an outlet's reports are the outlet; sources that spoke to this outlet go through no other
ANALYSER_VERSION = "59"


def analyser_version(settings: AnalysisSettings | None = None) -> str:
    """The version stored with an analysis: ``ANALYSER_VERSION``, plus the fingerprint of
    the settings that change output when they are not the defaults ("59+lex:3f2a1c")."""
    fingerprint = settings.fingerprint if settings else ""
    return f"{ANALYSER_VERSION}+{fingerprint}" if fingerprint else ANALYSER_VERSION
