"""Who says it: the subject rules of a cue verb (their order is :data:`.order.SUBJECT_RULES` and
:data:`.order.SUBJECT_AT_EACH_CLAUSE`) and the speakers of cues whose subject the parser lost."""

from __future__ import annotations

from spacy.tokens import Token

from ..dateline import is_dateline
from ..model import doc_text
from ..quotes import Quote, in_quote, last_mark
from ..words import (
    ADDRESSEE_VERBS,
    CUE_LEFT_DEPS,
    INHERIT_SUBJECT_DEPS,
    SOURCE_DOCUMENTS,
    SPEAKER_NOUNS,
    SUBJECT_DEPS,
)
from .candidate import NOBODY, Nobody
from .clauses import passive_agent, reported_before, split_subjects, stray_speaker
from .quoting import quote_right_before


def speaker_after_inserted_cue(token: Token) -> Token | Nobody | None:
    """A cue inserted with its speaker after it, which the parser gives two subjects.

    Example: The deal, said Marren, was never signed.
    Cue: said
    Gives: Marren
    """
    inverted = split_subjects(token)
    return None if inverted is None else inverted[1]


def speaker_between_quote_and_cue(token: Token) -> Token | Nobody | None:
    """A noun phrase between a closing quotation mark and its cue, which the parser hung
    inside the quotation's clause (:func:`~.clauses.stray_speaker`).

    Example: "We can only wonder," state Senate leader Phil Berger and House Speaker Tim Moore, both
        Republicans, said in a statement.
    Cue: said
    Gives: Berger
    """
    stray = stray_speaker(token)
    return None if stray is None else stray[0]


def subject_of_main_verb(token: Token) -> Token | Nobody | None:
    """A participle after a comma that the parser hung on the quotation after it: the subject
    of the clause it goes with.

    Example: Ilse Marren shared the news on social media last week, writing “Feels great to back
        someone I believe in.”
    Cue: writing
    Gives: Marren
    """
    main = _main_before_participle(token)
    if main is None:
        return None
    subject = next((c for c in main.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return NOBODY if subject is None else subject


def last_of_two_subjects(token: Token) -> Token | Nobody | None:
    """A closing cue given two subjects, the reported clause's and its own: its own.

    Example: People who borrow heavily struggle, the economist said.
    Cue: said
    Gives: economist
    """
    lefts = [c for c in token.lefts if c.dep_ == "nsubj"]
    if len(lefts) > 1 and reported_before(token) is not None:
        return lefts[-1]
    return None


def nearer_of_two_joined_subjects(token: Token) -> Token | Nobody | None:
    """One noun phrase the parser split into two subjects of the cue, nothing between them (a
    description, then the phrase that names the speaker): the nearer one, which says who
    speaks; the first only describes someone in it.

    Example: The former heartthrob Dan Vell's publicist confirmed that the singer had entered
        a clinic.
    Cue: confirmed
    Gives: publicist
    """
    lefts = [c for c in token.lefts if c.dep_ == "nsubj"]
    if len(lefts) < 2 or lefts[-2].right_edge.i + 1 != lefts[-1].left_edge.i:
        return None
    return lefts[-1]


def document_of_an_impersonal_passive(token: Token) -> Token | Nobody | None:
    """An impersonal passive ("it was confirmed") with no agent, in a sentence that opens
    with the document it was said in: the document.

    Example: In a statement from the harbour authority, it was announced that the pier would
        close in May.
    Cue: announced
    Gives: statement
    """
    if not any(c.dep_ == "auxpass" for c in token.children) or passive_agent(token) is not None:
        return None
    if any(c.dep_ in SUBJECT_DEPS and c.lower_ != "it" for c in token.children):
        return None
    for prep in token.lefts:
        if prep.lower_ == "in" and prep.dep_ == "prep" and prep.i == token.sent.start:
            for document in prep.children:
                if document.dep_ == "pobj" and document.lemma_.lower() in SOURCE_DOCUMENTS:
                    return document
    return None


def own_subject(current: Token, token: Token) -> Token | Nobody | None:
    """The clause's own subject (not an expletive, not a dateline the parser took for one).

    Example: Marren said the dock would close.
    Cue: said
    Gives: Marren
    """
    for child in current.children:
        if child.dep_ in SUBJECT_DEPS and child.dep_ != "expl" and not is_dateline(child):
            return child
    return None


def agent_of_passive(current: Token, token: Token) -> Token | Nobody | None:
    """The agent of a passive clause, who does what it says.

    Example: The dock will close, as reported by the Courier.
    Cue: reported
    Gives: Courier
    """
    return passive_agent(current)


def name_taken_for_adverb(current: Token, token: Token) -> Token | Nobody | None:
    """A capitalised name ending in "-ly" right beside a subjectless verb, parsed as an adverb.

    Example: "The dock will close," said Skelly.
    Cue: said
    Gives: Skelly
    """
    return _adverb_name(current)


def name_taken_for_compound(current: Token, token: Token) -> Token | Nobody | None:
    """A name right before the cue verb that the parser took with it for one noun.

    Example: "Look at the statement Mr. Vell put out after the Fennwick shootings," Conway notes.
        "It was very different in tone."
    Cue: notes
    Gives: Conway
    """
    if current.i != token.i or token.pos_ != "VERB" or token.i == 0:
        return None
    before = token.doc[token.i - 1]
    if before.head.i == token.i and before.dep_ == "compound" and before.pos_ == "PROPN":
        return before
    return None


def object_controls_infinitive(current: Token, token: Token) -> Token | Nobody | None:
    """An infinitive clause's doer: the object of the verb it hangs on.

    Example: The announcement led some to speculate that the dock would close.
    Cue: speculate
    Gives: some
    """
    if current.dep_ != "xcomp":
        return None
    return _object_controller(current)


def noun_a_participle_describes(current: Token, token: Token) -> Token | Nobody | None:
    """A participle describing a noun: the noun does what it says.

    Example: Anyone expecting the mayor to resign was wrong.
    Cue: expecting
    Gives: Anyone
    """
    if current.dep_ == "acl" and current.head.i != current.i:
        return current.head if current.head.pos_ in ("NOUN", "PROPN", "PRON") else None
    return None


def nobody_in_relative_clause(current: Token, token: Token) -> Token | Nobody | None:
    """A relative clause on a noun with no subject of its own: no source (the noun is what it
    describes, not who speaks).

    Example: The council has a hard choice to make.
    Cue: make
    Gives: nobody
    """
    if current.dep_ == "relcl" and current.head.i != current.i:
        return NOBODY if current.head.pos_ in ("NOUN", "PROPN") else None
    return None


def clause_above(current: Token) -> Token | None:
    """The clause whose subject ``current`` shares: through a preposition ("before *backing*
    X"), or up an xcomp/conj/advcl/acl/relcl chain; None at the top."""
    if current.dep_ == "pcomp" and current.head.dep_ == "prep":
        return current.head.head
    if current.dep_ in INHERIT_SUBJECT_DEPS and current.head.i != current.i:
        return current.head
    return None


def _main_before_participle(token: Token) -> Token | None:
    """The verb of the clause that a participle after a comma goes with, where the parser hung
    the participle on the quotation after it ("Flea shared the news, *writing* “Feels great
    ...”", "Clinton seemed ready, *telling* the crowd, “Some people ...”"): whoever did the one
    writes or tells."""
    doc = token.doc
    if not (
        token.tag_ == "VBG"
        and token.dep_ in ("nsubj", "csubj", "advcl")
        and token.i > 0
        and doc[token.i - 1].text == ","
        and token.head.i > token.i
        # the quotation after it, which the parser made the participle's head
        and any(t.is_quote for t in doc[token.i + 1 : token.head.i])
    ):
        return None
    main = token.sent.root
    return main if main.i < token.i and main.pos_ in ("VERB", "AUX") else None


def _object_controller(clause: Token) -> Token | None:
    """The object of the verb an infinitive clause hangs on, which does what the clause says
    ("led *some* to speculate", "prompted *Rubio* to make a joke")."""
    head = clause.head
    for child in head.children:
        if child.dep_ == "dobj" and child.i < clause.i and child.pos_ in ("NOUN", "PROPN", "PRON"):
            return child
    return None


def _adverb_name(token: Token) -> Token | None:
    """ "said Skelly,", "And Skelly called": a capitalised name ending in "-ly" right beside a
    subjectless verb, which the parser took for an adverb."""
    doc = token.doc
    for i in (token.i + 1, token.i - 1):
        if not 0 <= i < len(doc):
            continue
        word = doc[i]
        if (
            word.head.i == token.i
            and word.dep_ == "advmod"
            and word.is_title
            and word.lower_.endswith("ly")
            and (i > token.i or i > word.sent.start)
        ):
            return word
    return None


def counted_subject(token: Token) -> Token | None:
    """ "Less than a third agreed", "About 4 in 10 say": a share right before a subjectless
    verb that the parser hung on it as a modifier."""
    for child in token.lefts:
        if (
            child.dep_ in ("npadvmod", "nummod")
            and child.right_edge.i == token.i - 1
            and (child.pos_ == "NUM" or child.ent_type_ in ("CARDINAL", "PERCENT"))
        ):
            return child
    return None


def stray_subject(token: Token) -> Token | None:
    """A name or speaker noun right before a subjectless cue verb that has a "that" clause
    or a colon after it, which the parser attached elsewhere (as a conjunct of the clause
    before, or as an apposition to a name in a phrase before: "..., former president Bill
    Clinton said his wife ...", "In a statement to the Observer, her adviser, Jake Sullivan,
    said: ...")."""
    doc = token.doc
    colon = token.i + 1 < len(doc) and doc[token.i + 1].text == ":"
    if not colon and not any(c.dep_ == "ccomp" and c.i > token.i for c in token.children):
        return None
    j = token.i - 1
    while j >= 0 and doc[j].dep_ in CUE_LEFT_DEPS:
        j -= 1
    if j >= 1 and doc[j].text == "," and doc[j - 1].dep_ == "appos":
        j -= 1  # "..., Jake Sullivan, said"
    if j < 0 or doc[j].is_punct:
        return None
    last = doc[j]
    if last.pos_ not in ("NOUN", "PROPN") or (last.dep_ == "nsubjpass" and last.head.i == token.i):
        return None  # "Marren was asked if ...": whom the question was put to, not who asked
    top = last
    while (
        top.head.i != top.i
        and top.head.i < token.i
        and top.dep_ in ("pobj", "compound", "flat", "appos", "amod", "prep")
        and not _set_off(top)
    ):
        top = top.head
    if _set_off(top) and top.head.dep_ == "appos" and _set_off(top.head):
        top = top.head  # "her senior policy adviser, Jake Sullivan": the whole description
    named = top.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or last.ent_type_ in ("ORG", "PERSON")
    if top.dep_ == "prep" or not (named or top.lemma_.lower() in SPEAKER_NOUNS):
        return None
    return top


def _set_off(token: Token) -> bool:
    """An apposition after a comma: a phrase of its own ("..., Jake Sullivan")."""
    before = token.left_edge.i - 1
    return token.dep_ == "appos" and before >= 0 and token.doc[before].text == ","


def outside_quotes(token: Token, quotes: list[Quote]) -> bool:
    return not in_quote(token.idx, quotes)


def nearby_speaker(token: Token, quotes: list[Quote]) -> Token | None:
    """For a cue whose parsed subject is missing or inside a quotation: the noun phrase right
    before the cue (`..." Trump said`) or right after it (`said Mr. Rubel`), outside quotes."""
    doc = token.doc
    left = _speaker_before(token)
    if token.lemma_.lower() in ADDRESSEE_VERBS:  # "told AFP": whom, never who
        return left if left is not None and outside_quotes(left, quotes) else None
    if token.i + 1 < len(doc) and doc[token.i + 1].pos_ in ("PROPN", "PRON"):
        after = doc[token.i + 1]
        while after.head.i > after.i and after.head.i - token.i <= 5 and after.head.pos_ == "PROPN":
            after = after.head
        if outside_quotes(after, quotes):
            return after
    for child in token.rights:  # '"Meh," wrote a supporter who ...'
        if (
            child.dep_ in ("nsubj", "dobj", "attr", "npadvmod", "dative")
            and child.left_edge.i == token.i + 1
            and child.pos_ in ("NOUN", "PROPN")
            and outside_quotes(child, quotes)
        ):
            return child
    return left if left is not None and outside_quotes(left, quotes) else None


def _speaker_before(token: Token) -> Token | None:
    """The name or noun right before a cue, past its auxiliaries and a set-off apposition
    ('..." Ramos, 58, told AFP')."""
    doc = token.doc
    j = token.i - 1
    while j >= 0 and doc[j].dep_ in CUE_LEFT_DEPS:
        j -= 1
    if j >= 3 and doc[j].text == ",":
        top = doc[j - 1]
        while top.dep_ != "appos" and top.head.i != top.i and top.head.i < j:
            top = top.head
        before = top.left_edge.i - 1
        if top.dep_ == "appos" and doc[before].text == "," and top.head.i == before - 1:
            j = top.head.i
    if j >= 0 and doc[j].pos_ in ("PROPN", "PRON", "NOUN"):
        return doc[j]
    return None


def inverted_speaker(token: Token, quotes: list[Quote] | None) -> Token | None:
    """The speaker after a cue verb that closes a quotation ('"Meh," wrote a supporter',
    '"Now," urged the actress Jo Lind'), which the parser hangs on the verb as its object: a
    noun phrase right after the verb, the quotation (ending in a comma, question or
    exclamation mark) right before it."""
    if not quotes or token.pos_ != "VERB":
        return None
    doc = token.doc
    after = [c for c in token.rights if c.dep_ in ("dobj", "attr", "npadvmod", "dative")]
    if token.dep_ in ("amod", "compound") and token.head.i > token.i:
        # '"Debate recap," tweeted Rubio spokesman Alex Conant.': the verb parsed as a
        # modifier of the speaker's name
        top = token.head
        while top.dep_ in ("compound", "amod") and top.head.i > top.i:
            top = top.head
        if top.pos_ == "PROPN" and all(
            t.pos_ in ("PROPN", "NOUN") for t in doc[token.i + 1 : top.i + 1]
        ):
            after = [top]
    elif not after or after[0].left_edge.i != token.i + 1:
        return None
    if not after or after[0].pos_ not in ("NOUN", "PROPN"):
        return None
    text = doc_text(doc)
    quote = quote_right_before(quotes, text, token.idx)
    if quote is None or last_mark(text, quote) not in (",", "?", "!"):
        return None
    return after[0]


def asked(token: Token) -> bool:
    """A passive participle hung on the clause it introduces ("Asked whether ..., Rubio said",
    "When pressed on it, the minister said"): its inherited subject is whom it was put to."""
    return (
        token.tag_ == "VBN"
        and token.dep_ in ("advcl", "acl")
        and passive_agent(token) is None
        and not any(c.dep_ == "aux" and c.lower_ in ("having", "have") for c in token.children)
        # a nominal object makes it active, misparsed ("John O'Donnell, who worked for him,
        # published “Trumped!”")
        and not any(c.dep_ in ("dobj", "oprd") for c in token.children)
        and not _reduced_active(token)
    )


def _reduced_active(token: Token) -> bool:
    """ "A Quinnipiac poll found that X": the parser took the verb right after its subject for
    a participle describing it; a "that" clause after it makes it the sentence's verb."""
    return (
        token.dep_ == "acl"
        and token.head.i < token.i
        and token.head.right_edge.i >= token.i
        and all(
            t.dep_ == "compound" or t.i == token.head.i for t in token.doc[token.head.i : token.i]
        )
        and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
            for c in token.children
        )
    )
