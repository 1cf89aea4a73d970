"""What is said: the content rules of a cue verb, each a named unit with its example; their
order is :data:`.order.CONTENT_RULES`."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ..words import (
    ADDRESSEE_VERBS,
    ANSWERING_LEMMAS,
    CONTENT_CHILD_DEPS,
    NOMINAL_DEPS,
    PRONOUNS,
    RAISED_DEPS,
    RAISING_VERBS,
    REACTION_NOUNS,
    REACTION_VERBS,
    TOLD_THINGS,
    TOPIC_PREPOSITIONS,
    VIEW_VERBS,
)
from .candidate import Content
from .citing import is_citation
from .clauses import is_setting, passive_agent, reported_before, split_subjects, stray_speaker
from .spans import ends_sentence, subtree_ranges, token_ranges


def _fronted_subject(token: Token, clauses: list[Token]) -> Token | None:
    """The reported clause's subject before a cue inserted into it ("The plan, Marren said in
    a statement, would cost 300 jobs"), which the parser hangs on the cue instead of on the
    clause after it."""
    doc = token.doc
    subjects = [c for c in token.lefts if c.dep_ == "nsubj"]
    after = [c for c in clauses if c.i > token.i and doc[c.left_edge.i - 1].text == ","]
    if not subjects or not after:
        return None
    comma = subjects[-1].left_edge.i - 1
    if comma < 1 or doc[comma].text != ",":
        return None
    for child in token.lefts:
        if (
            child.dep_ in ("dep", "nsubj", "nsubjpass")
            and child.right_edge.i == comma - 1
            and child.left_edge.i <= token.sent.start + 1
            and child.pos_ in ("NOUN", "PROPN", "PRON")
        ):
            return child
    return None


def _before_trailing_report(doc: Doc, start: int, end: int) -> int:
    """Where a quotation after a colon ends when a reporting clause closes its sentence
    ('Trump said: "There will be exceptions," the Times reported.'): the clause reports the
    whole sentence, the colon's cue included, and is not part of what the cue introduces."""
    for k in range(start + 1, end):
        closed = doc[k - 1].is_quote and doc[k - 2].text in (",", "?", "!")
        if not closed and not (doc[k - 1].text == "," and doc[k - 2].is_quote):
            continue
        if doc[k].is_punct:
            continue
        subject = doc[k]
        while subject.dep_ in ("det", "compound", "amod", "poss") and subject.head.i > subject.i:
            subject = subject.head  # "the New York Times reported"
        verb = subject.head
        if (
            subject.dep_ == "nsubj"
            and subject.left_edge.i == k
            and verb.pos_ == "VERB"
            and verb.tag_ in ("VBD", "VBZ", "VBP")
            and verb.i > subject.i
            and ends_sentence(verb)
            and not any(
                c.dep_ in ("ccomp", "dobj", "xcomp") and c.i > verb.i for c in verb.children
            )
        ):
            return k
    return end


def _reports_the_sentence(token: Token, clauses: list[Token]) -> bool:
    """A reporting clause closing its sentence after a quotation that a cue before it
    introduces ('Trump said: "X," the Times reported.'), which the parser hung on that cue."""
    return (
        token.dep_ in ("ccomp", "parataxis")
        and token.head.pos_ == "VERB"
        and token.head.i < min(c.left_edge.i for c in clauses)
        and all(c.i < token.i for c in clauses)
        and ends_sentence(token)
    )


def content_after_colon(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A colon a few words after the cue, no verb between, introduces the content (up to the
    end of the paragraph, or the next paragraph when the colon ends its line: "Hewitt
    writes:\\n\\nThe movie ..."); the colon belongs to the cue.

    Example: Marren tweeted in response: the dock will close on Monday.
    Cue: tweeted
    Gives: the dock will close on Monday
    """
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 7, len(doc))):
        t = doc[i]
        if t.text == ":":
            start = i + 1
            while start < len(doc) and doc[start].is_space:
                start += 1
            end = start + 1
            while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
                end += 1
            end = _before_trailing_report(doc, start, end)
            return ([(start, end)], i) if start < len(doc) else None
        if t.is_quote or "\n" in t.text_with_ws or t.text in ";.":
            return None
        if t.pos_ in ("VERB", "AUX") and not (t.tag_ == "VBG" and t.dep_ in NOMINAL_DEPS):
            return None  # ("the *following* statement:", "tweeted the *following*:")
    return None


def seeming_subject(token: Token, light_objects: frozenset[str]) -> Content | None:
    """ "seem" / "appear" with a complement: what seems is the subject with what is said of it,
    nobody's view; not "it seems that X" (the clause) or "appeared on television" (no
    complement).

    Example: The voters appear to be moving behind Marren.
    Cue: appear
    Gives: The voters | to be moving behind Marren
    """
    if token.lemma_ not in RAISING_VERBS:
        return None
    subject = next((c for c in token.lefts if c.dep_ == "nsubj"), None)
    said = [c for c in token.rights if c.dep_ in RAISED_DEPS]
    if subject is None or not said or subject.lower_ in ("it", "there"):
        return None
    return token_ranges(t.i for c in (subject, *said) for t in c.subtree), token.i


def reported_clause(token: Token, light_objects: frozenset[str]) -> Content | None:
    """The clause the cue reports (its ``ccomp`` or ``csubj``), with the pieces the parser hung
    elsewhere put back and the reports, speakers and citations inside it left out.

    Example: Marren said that the dock would close.
    Cue: said
    Gives: that the dock would close
    """
    clauses = [
        c for c in token.children if c.dep_ in ("ccomp", "csubj") and not _clauses_apart(c, token)
    ]
    if not clauses:
        return None
    indices = {t.i for c in clauses for t in c.subtree}
    if _reports_the_sentence(token, clauses):
        # 'Trump said: "X," the Times reported.': the Times reports Trump saying X
        indices |= {t.i for t in token.head.subtree} - {t.i for t in token.subtree}
    stray = stray_speaker(token)
    if stray is not None:  # '"We wonder," state Senate leader Phil Berger said'
        indices -= set(range(stray[1], token.i))
    fronted = _fronted_subject(token, clauses)
    if fronted is not None:  # "The plan, Marren said in a statement, would cost jobs"
        indices |= {t.i for t in fronted.subtree}
    for clause in clauses:
        for child in clause.children:
            # "Critics say X, while supporters argue Y": Y is the supporters', not the
            # critics'; "reported, citing two people, that X": whom it cites is not what it
            # reports
            if _contrasted_report(child) or is_citation(child):
                indices -= {t.i for t in child.subtree}
    return token_ranges(indices), token.i


def clause_of_an_inserted_cue(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A cue set into the clause it reports, or closing it, that the parser made a dependent
    of that clause: the clause without the cue's own words.

    Example: The dock, his aide told reporters, will close on Monday.
    Cue: told
    Gives: The dock | will close on Monday
    """
    inserted = (
        token.dep_ in ("parataxis", "ccomp")
        and token.head.i != token.i
        and (not _has_object(token) or _is_inserted(token))
        and not _complement(token)
        and not _reported_by_head(token)
        and not _clauses_apart(token, token.head)
    )
    if not inserted and not _trailing_report(token):
        return None
    exclude = {t.i for t in token.subtree}
    split = split_subjects(token)
    if split is not None:  # "The deal, said Marren, ...": "The deal" is reported
        exclude -= {t.i for t in split[0].subtree}
    return subtree_ranges(token.head, exclude), token.i


def reported_before_closing_cue(token: Token, light_objects: frozenset[str]) -> Content | None:
    """What a cue closing its sentence reports before it, where the parser found no verb to
    head that (:func:`~.clauses.reported_before`).

    Example: Those who take on debt struggle, he said.
    Cue: said
    Gives: Those who take on debt struggle
    """
    before = reported_before(token)
    return None if before is None else (before, token.i)


def clause_an_as_report_hangs_on(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A reporting clause opened by "as": the clause it hangs on.

    Example: The council agreed to close the dock, as the Courier reported.
    Cue: reported
    Gives: The council agreed to close the dock
    """
    if not _as_clause(token):
        return None
    reported = token.head
    while reported.dep_ == "xcomp" and reported.head.i != reported.i:
        reported = reported.head  # "X agreed to send Y, as the Post reported"
    return subtree_ranges(reported, {t.i for t in token.subtree}), token.i


def clause_after_for(token: Token, light_objects: frozenset[str]) -> Content | None:
    """ "called for X to do Y": the clause after "for", which belongs to the cue.

    Example: Marren called for the mayor to resign.
    Cue: called
    Gives: the mayor to resign
    """
    for child in token.rights:
        if child.dep_ != "advcl":
            continue
        for mark in child.children:
            if mark.dep_ == "mark" and mark.lower_ == "for" and mark.i > token.i:
                return subtree_ranges(child, {mark.i}), mark.i
    return None


def passive_subject(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A passive with its agent: the subject is what was said, without an aside set off by
    commas that the writer adds about it ("The depot, which cost $2 million, was called a
    waste by X": X did not say what it cost).

    Example: The closure was announced by the mayor.
    Cue: announced
    Gives: The closure
    """
    subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
    if subjects and passive_agent(token) is not None:
        return subtree_ranges(subjects[0], _asides(subjects[0])), token.i
    return None


def _asides(head: Token) -> set[int]:
    """The tokens of the clauses and appositions set off by a comma right after ``head``."""
    doc = head.doc
    return {
        t.i
        for child in head.rights
        if child.dep_ in ("acl", "relcl", "appos") and doc[child.left_edge.i - 1].text == ","
        for t in child.subtree
    }


def one_word_answer(token: Token, light_objects: frozenset[str]) -> Content | None:
    """The "yes", "no" or "so" of a verb with nothing else after it.

    Example: Most voters said yes.
    Cue: said
    Gives: yes
    """
    if _right_content(token):
        return None
    answer = _one_word_answer(token)
    return None if answer is None else ([(answer.i, answer.i + 1)], token.i)


def clause_of_a_setting(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A verb with nothing after it but a setting: the "that" clause hung on the setting,
    else no content.

    Example: Marren warned in a meeting that the ferry would resume.
    Cue: warned
    Gives: that the ferry would resume
    """
    if _right_content(token):
        return None
    return _setting_clause(token), token.i


def told_content(token: Token, light_objects: frozenset[str]) -> Content | None:
    """A verb of telling whose only phrase after it is whom it tells (:func:`_told_only`).

    Example: Marren told the board in a meeting that the ferry would resume.
    Cue: told
    Gives: that the ferry would resume
    """
    told = _told_only(token, _right_content(token))
    return None if told is None else (told, token.i)


def object_of_topic(token: Token, light_objects: frozenset[str]) -> Content | None:
    """ "spoke about X", "said of X": X; the preposition belongs to the cue.

    Example: Marren spoke about the harbour fees.
    Cue: spoke
    Gives: the harbour fees
    """
    right = _right_content(token)
    if not right or right[0].dep_ != "prep" or right[0].lower_ not in TOPIC_PREPOSITIONS:
        return None
    objects = [c for c in right[0].children if c.dep_ in ("pobj", "pcomp")]
    return (subtree_ranges(objects[0]), right[0].i) if objects else None


def object_after_light_object(token: Token, light_objects: frozenset[str]) -> Content | None:
    """ "had harsh words for X", "expressed support for X": X; the object and its preposition
    belong to the cue ("44 percent to 37 percent" is not such an object).

    Example: Marren expressed support for the harbour fees.
    Cue: expressed
    Gives: the harbour fees
    """
    right = _right_content(token)
    if not right:
        return None
    first = right[0]
    if (
        first.dep_ != "dobj"
        or first.lemma_.lower() not in light_objects
        or any(c.dep_ in ("nummod", "nmod") for c in first.children)
    ):
        return None
    for prep in first.rights:
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPOSITIONS:
            objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return subtree_ranges(objects[0]), prep.i
    return None


def phrase_after_cue(token: Token, light_objects: frozenset[str]) -> Content | None:
    """The phrases after the cue (its objects and complements, settings left out).

    Example: Marren denied the charges.
    Cue: denied
    Gives: the charges
    """
    indices = {t.i for c in _right_content(token) for t in c.subtree}
    return ([(min(indices), max(indices) + 1)], token.i) if indices else None


def _right_content(token: Token) -> list[Token]:
    """The objects and complements after a verb that may hold its content, settings left out."""
    return [c for c in token.rights if c.dep_ in CONTENT_CHILD_DEPS and not is_setting(c)]


def _one_word_answer(token: Token) -> Token | None:
    """The "yes", "no" or "so" right after a verb of saying or thinking ("said no", "hope so")."""
    if token.lemma_.lower() not in ANSWERING_LEMMAS or token.i + 1 >= len(token.doc):
        return None
    answer = token.doc[token.i + 1]
    if answer.head.i != token.i or answer.lower_ not in ("yes", "no", "so"):
        return None
    if (
        answer.lower_ == "so"
        and answer.i + 1 < len(token.doc)
        and not token.doc[answer.i + 1].is_punct
    ):
        return None  # "said so many times" is no answer; "said so." is
    return answer


def seeming_view(token: Token) -> tuple[Token, Token] | None:
    """The subject and the verb of a view it "seems to" or "appears to" hold ("*Cruz* seemed
    to *blame* the mayor"), whose content is its own."""
    if token.lemma_ not in RAISING_VERBS:
        return None
    subject = next((c for c in token.lefts if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in ("it", "there"):
        return None
    for child in token.rights:
        if child.dep_ == "xcomp" and child.pos_ == "VERB" and child.lemma_ in VIEW_VERBS:
            return subject, child
    return None


def _contrasted_report(token: Token) -> bool:
    """A report set against the one it closes ("..., while supporters argue it goes too far",
    "..., whereas the ministry insists ..."): its own speaker and its own reported clause."""
    return (
        token.dep_ == "advcl"
        and token.head.i < token.i
        and any(c.dep_ == "mark" and c.lower_ in ("while", "whereas") for c in token.children)
        and any(c.dep_ == "nsubj" for c in token.children)
        and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)
    )


def drawn_reaction(token: Token) -> tuple[Token, Token, Token | None] | None:
    """For "X has drawn (harsh) criticism (from Y)": the subject X (the content), the reaction
    noun (the end of the cue) and Y (the source, or None)."""
    if token.lemma_.lower() not in REACTION_VERBS:
        return None
    subjects = [c for c in token.children if c.dep_ == "nsubj" and c.lower_ not in PRONOUNS]
    nouns = [c for c in token.rights if c.dep_ == "dobj" and c.lemma_.lower() in REACTION_NOUNS]
    if not subjects or not nouns:
        return None
    source = None
    for head in (nouns[0], token):
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "from":
                objects = [c for c in prep.children if c.dep_ == "pobj"]
                source = source or (objects[0] if objects else None)
    return subjects[0], nouns[0], source


def _trailing_report(token: Token) -> bool:
    """A reporting clause after a comma ("X did Y, the Courier reported") that the parser made a
    conjunct of the clause it reports, with its own subject and nothing else to report."""
    return (
        token.dep_ == "conj"
        and token.head.i < token.i
        and _is_inserted(token)
        and any(c.dep_ == "nsubj" for c in token.children)
        and not _has_object(token)
        and not any(c.dep_ == "cc" for c in token.head.children if c.i < token.i)
    )


def _as_clause(token: Token) -> bool:
    """ "As the Post reported, X", "X, as first reported by the Post", "as Clinton told the
    Daily News, X", "as he put it, X": a reporting clause opened by "as" that reports the clause
    it hangs on. Its own object, if any, is only the one it was told to or "it"."""
    if token.dep_ != "advcl":
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return False
    for child in token.children:
        if child.dep_ in ("ccomp", "xcomp", "csubj"):
            return False
        if child.dep_ == "dobj" and child.lower_ not in ("it", "so") and token.lemma_ != "tell":
            return False
    return True


def _is_inserted(token: Token) -> bool:
    """A cue clause set off from the clause it reports ("..., his aide told reporters"); the
    parser may hang the setting-off comma on the cue itself."""
    left = token.left_edge.i
    while left < token.i and token.doc[left].is_punct and not token.doc[left].is_quote:
        left += 1
    if token.head.i > token.i or left == 0:
        return False
    before = token.doc[left - 1]
    return before.is_punct and (before.text in ",;:—–-" or before.is_quote)


def _setting_clause(token: Token) -> list[tuple[int, int]]:
    """The clause hung on a setting ("said in a statement *that ...*")."""
    for child in token.rights:
        if child.dep_ == "prep" and is_setting(child):
            for obj in child.children:
                clauses = [c for c in obj.rights if c.dep_ in ("acl", "ccomp", "relcl")]
                if clauses and clauses[0].left_edge.lower_ == "that":
                    return subtree_ranges(clauses[0])
    return []


def _complement(token: Token) -> bool:
    """Whether ``token`` heads the clause another verb reports, right after it and not set
    off ("Briggs said Sharpton *asked* for the meeting"), rather than a cue inserted into
    the clause it reports ("Britain, he *said*, will ...", "... will go on, he *said*")."""
    return token.dep_ == "ccomp" and token.head.i < token.i and not _is_inserted(token)


def _reported_by_head(token: Token) -> bool:
    """ "Voters care about the economy, he said": the cue heads the clause that opens the
    sentence and that a reporting clause right after it ("he said", "most said") reports; what
    the cue is about is its own, not "he said"."""
    if token.dep_ != "ccomp" or token.i > token.head.i:
        return False
    head = token.head
    opening = token.sent.start
    while opening < token.i and token.doc[opening].is_punct:
        opening += 1
    subjects = [c for c in head.children if c.dep_ == "nsubj" and c.i > token.i]
    if token.left_edge.i > opening or not subjects:
        return False
    if any(c.dep_ in ("ccomp", "xcomp") and c.i > head.i for c in head.children):
        return False  # "The documents indicate, he said, that X": inserted, X is reported
    between = {t.i for t in subjects[0].subtree}
    between |= {c.i for c in head.children if c.dep_ in ("aux", "neg")}
    gap = token.doc[token.right_edge.i + 1 : head.i]
    return any(t.text == "," for t in gap) and all(
        t.i in between or t.text == "," or t.is_quote for t in gap
    )


def _clauses_apart(left: Token, right: Token) -> bool:
    """ "Most were worried about the economy; most said they were", "Russia and Iran are under
    sanctions and their positions have deepened": a clause that ends in a semicolon or a
    conjunction before a verb is not what that verb reports, whatever the parser hung on what
    (in PolNeAR train no content before its cue is followed by "and", "but" or "or")."""
    if left.i >= right.i:
        return False
    between = left.doc[left.right_edge.i + 1 : right.i]
    return (
        any(t.text == ";" for t in between)
        or left.right_edge.pos_ == "CCONJ"
        or (len(between) > 0 and between[0].pos_ == "CCONJ")
    )


def _has_object(token: Token) -> bool:
    """Whether the verb has a clause or an object of its own (whom one tells is not one)."""
    addressee = _addressee(token)
    skip = addressee.i if addressee is not None else -1
    return any(c.dep_ in ("ccomp", "dobj", "xcomp") and c.i != skip for c in token.children)


def _addressee(token: Token) -> Token | None:
    """Whom a verb of telling tells: its first object ("Trump told *CNN* ...", "he told
    reporters"), unless that object is what is told ("told the story of")."""
    if token.lemma_.lower() not in ADDRESSEE_VERBS:
        return None
    obj = next((c for c in token.rights if c.dep_ in ("dobj", "dative")), None)
    if obj is None or obj.lemma_.lower() in TOLD_THINGS:
        return None
    return obj


def _told_only(token: Token, right: list[Token]) -> list[tuple[int, int]] | None:
    """The content of a verb of telling whose only phrase after it is the one it tells: the
    clause the parser hung elsewhere that starts right after that phrase ("after Trump told
    The Washington Post he was not ready"), or none, so that a quotation before it can be the
    content ('"We were wrong," Ramos told AFP'); never the addressee itself."""
    addressee = _addressee(token)
    if addressee is None or [c.i for c in right] != [addressee.i]:
        return None
    setting = _setting_clause(token)
    if setting:  # "told the board in a meeting that X"
        return setting
    doc = token.doc
    start = addressee.right_edge.i + 1
    end = token.sent.end
    if start + 1 < end and doc[start].text in ",:" and doc[start + 1].is_quote:
        return [(start + 1, end)]  # 'telling reporters, "A lot of people said so."'
    if start >= end or doc[start].is_punct:
        return []
    clause = doc[start]
    while clause.head.i != clause.i and clause.head.i >= start:
        clause = clause.head
    if clause.i != token.head.i or clause.pos_ not in ("VERB", "AUX"):
        return []  # only the clause the cue hangs on, which the parser took for the main one
    return token_ranges(t.i for t in clause.subtree if t.i >= start)
