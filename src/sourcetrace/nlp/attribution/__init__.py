"""Find attributions in a parsed document: who (source) says (cue) what (content).

The cascade, per sentence:

1. **Cue candidates**: verbs, nouns, "according to"/"per", a few adverbs ("reportedly") and the
   colon of a transcript line ("SMITH: ..."). Each gets a feature dictionary (lemma, syntax, what
   its subject is, quotation marks around it) and a probability from the cue model trained on
   PolNeAR train (:mod:`sourcetrace.nlp.cues`).
2. **Spans**: for each accepted cue, the content comes from the dependency tree (clausal
   complement, else the clause the cue is inserted into, else the verb phrase to its right), the
   source from the subject (or the agent of a passive, or the object of "according to").
3. **Quotations**: content that reaches into a quotation is widened to the whole quotation,
   including quotations running over several sentences or paragraphs; a cue ending in a colon
   takes the quotation that follows.
4. **Outermost only**: a cue inside another attribution's content is dropped, as in PolNeAR,
   where only the outermost attribution is annotated.
5. **Continued quotes**: a quotation opening the next sentence with no cue of its own continues
   the direct quote before it.
6. **Edges**: the content's start and end are chosen again by scorers trained on PolNeAR train
   (:mod:`sourcetrace.nlp.edges`).

Everything returned is plain data (character offsets into the text that was parsed).

The rules of steps 1 and 2 are named units, each with its example in its docstring; the order in
which they are tried is declared once, in :mod:`.order`.
"""

from .build import build_candidate
from .candidate import Candidate
from .citing import quoted_as_saying
from .features import cue_features
from .find import candidates, find_attributions, interview_turn, outermost, resolve_nesting
from .quoting import continue_quotes, widen_to_quotes
from .spans import apposed_name, source_chars, source_range

__all__ = [
    "Candidate",
    "apposed_name",
    "build_candidate",
    "candidates",
    "continue_quotes",
    "cue_features",
    "find_attributions",
    "interview_turn",
    "outermost",
    "quoted_as_saying",
    "resolve_nesting",
    "source_chars",
    "source_range",
    "widen_to_quotes",
]
