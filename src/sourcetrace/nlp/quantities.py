"""Quantities with what they count and how they are hedged: "up to 6,000 UAVs", "$1 billion",
"hundreds of ballistic missiles", "31 percent", "3 to 5 weeks".

Rules over the parsed sentence, in order:

1. **Numbers**: runs of numeral tokens and number words ("6,000", "1.5 billion", "six thousand",
   "1bn"), with a currency sign or word next to them. Dates, times, years, model names
   ("S-400", "Su-35") and the pronoun "one" ("one of the most powerful") are not quantities.
2. **Ranges**: "3 to 5", "between 3 and 5", "3-5" become one quantity with low and high;
   **shares**: "one in five voters" is 20 percent (of voters).
3. **Vague quantities**: "dozens of", "hundreds of", "thousands of", "several", "a few" become
   ranges with their object.
4. **Hedge and bound**: the words before the number ("up to", "more than", "about", ...) are kept
   as ``hedge`` and set the bound: "up to 6,000" has high 6000 and no low.
5. **Object**: the noun the number counts (its head, or the object of "of").

Nothing here trusts a units library: "6,000 UAVs" is 6000 UAVs, not astronomical-unit-volts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .model import doc_text

WORD_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "half": 0.5,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "k": 1_000, "m": 1_000_000, "mn": 1_000_000,
          "bn": 1_000_000_000, "b": 1_000_000_000, "tn": 1_000_000_000_000}  # fmt: skip
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB",
                  "₴": "UAH", "₹": "INR"}  # fmt: skip
CURRENCY_WORDS = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "ruble": "RUB", "rouble": "RUB",
                  "rial": "IRR", "yuan": "CNY", "hryvnia": "UAH", "yen": "JPY",
                  "rupee": "INR", "crown": "crown", "franc": "CHF"}  # fmt: skip
PERCENT_WORDS = {"%", "percent", "per cent", "pct"}
#: Hedge phrases (lower-case word tuples) and the bound they set: "max" (value is the most),
#: "min" (value is the least) or "approx".
HEDGES: dict[tuple[str, ...], str] = {
    ("up", "to"): "max", ("as", "many", "as"): "max", ("as", "much", "as"): "max",
    ("at", "most"): "max", ("no", "more", "than"): "max", ("less", "than"): "max",
    ("fewer", "than"): "max", ("under",): "max", ("below",): "max", ("just", "under"): "max",
    ("as", "few", "as"): "max", ("nearly",): "max", ("almost",): "max",
    ("more", "than"): "min", ("at", "least"): "min", ("over",): "min", ("above",): "min",
    ("upwards", "of"): "min", ("in", "excess", "of"): "min", ("just", "over"): "min",
    ("no", "fewer", "than"): "min", ("no", "less", "than"): "min",
    ("about",): "approx", ("around",): "approx", ("roughly",): "approx", ("some",): "approx",
    ("approximately",): "approx", ("an", "estimated"): "approx", ("estimated",): "approx",
    ("close", "to"): "approx", ("circa",): "approx", ("c.",): "approx",
}  # fmt: skip
VAGUE = {"dozens": (24, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
         "millions": (2_000_000, 9_999_999), "billions": (2_000_000_000, 9_999_999_999),
         "scores": (40, 99), "tens": (20, 99)}  # fmt: skip
VAGUE_SCALES = {**SCALES, "dozen": 12}  # "a few *hundred*", "several *dozen*"
VAGUE_DETERMINERS = {"several": (3, 9), "few": (2, 5), "numerous": (10, None),
                     "dozen": (12, 12)}  # fmt: skip
SKIP_ENTS = {"DATE", "TIME"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
          "jul", "aug", "sep", "sept", "oct", "nov", "dec"}  # fmt: skip
TIME_NOUNS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century",
              "night", "morning", "evening", "weekend", "quarter", "season", "am", "pm", "a.m.",
              "p.m.", "o'clock", *MONTHS}  # fmt: skip


@dataclass(slots=True)
class Quantity:
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    object: str | None
    hedge: str | None
    kind: str  # count, money, percent, range, vague, ordinal

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "object": self.object,
            "hedge": self.hedge,
            "kind": self.kind,
        }


def quantity_phrase(text: str, counted: str | None) -> str:
    """A quantity with what it counts, as a reader says it: "up to 4,000 drones", "dozens of
    residents" (a vague quantity's plural takes "of")."""
    if not counted:
        return text
    words = text.split()
    joiner = " of " if words and words[-1].lower() in VAGUE else " "
    return f"{text}{joiner}{counted}"


def parse_number(words: list[str]) -> float | None:
    """The value of number words and numerals: "6,000" → 6000, "1.5 billion" → 1.5e9,
    "six thousand" → 6000, "1bn" → 1e9, "a million" → 1e6."""
    total, current, seen = 0.0, 0.0, False
    for raw in words:
        word = raw.lower().replace(",", "").replace("\u202f", "").replace("\u00a0", "").rstrip(".")
        match = re.fullmatch(r"(\d+(?:\.\d+)?)(k|m|mn|bn|b|tn)?", word)
        if match:
            current += float(match.group(1))
            if match.group(2):
                current *= SCALES[match.group(2)]
            seen = True
        elif word in WORD_NUMBERS:
            current += WORD_NUMBERS[word]
            seen = True
        elif word in ("a", "an") and not seen:
            current = 1.0
        elif word in SCALES and (seen or current):
            current = (current or 1.0) * SCALES[word]
            if SCALES[word] >= 1000:
                total += current
                current = 0.0
            seen = True
        elif word in ("and", "-"):
            continue
        else:
            return None
    return total + current if seen else None


def _ordinal(token: Token) -> Quantity | None:
    """ "third", "21st": positions, kept apart from counts (kind ``ordinal``)."""
    lower = token.lower_
    match = re.fullmatch(r"(\d+)(st|nd|rd|th)", lower)
    value = float(match.group(1)) if match else ORDINALS.get(lower)
    value = float(value) if value is not None else None
    if value is None or token.ent_type_ in SKIP_ENTS:
        return None
    return Quantity(token.text, token.idx, token.idx + len(token), value, value, value, None,
                    _noun_phrase(token.head) if token.head.pos_ == "NOUN" else None, None,
                    "ordinal")  # fmt: skip


def _is_number_token(token: Token) -> bool:
    lower = token.lower_.replace(",", "").rstrip(".")
    if lower in SCALES and token.i > 0:
        before = token.doc[token.i - 1]
        if before.like_num and not before.whitespace_:
            return True  # "600m", "1bn" split by the tokenizer
    if re.fullmatch(r"\d+(?:\.\d+)?(?:k|m|mn|bn|b|tn)?", lower):
        return True
    return lower in WORD_NUMBERS or (lower in SCALES and len(lower) > 2)


def _excluded(token: Token) -> bool:
    """Dates, times, years, model names and "one of the ..."."""
    if token.ent_type_ in SKIP_ENTS and not _counts_things(token):
        return True
    doc = token.doc
    neighbours = [token.head, *token.children]
    neighbours += [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    if any(t.lower_ in MONTHS and (t.lower_ != "may" or t.text == "May") for t in neighbours):
        return True  # "3 March 2023", "March 3", "in May 2022" (not the verb "may")
    # "S-400", "Su-35", "Geranium-2": a number glued to letters by a hyphen
    if token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        before = doc[token.i - 2] if token.i > 1 else None
        if before is not None and before.is_alpha and not before.whitespace_:
            return True
    if re.search(r"[A-Za-z]-\d|\d-[A-Za-z]", token.text):
        return True
    if token.lower_ == "one":
        # "one of the most powerful", "one official": not a count; "one in five": a share
        return not _share_follows(list(doc[token.i + 1 : token.i + 3]))
    # a bare year
    return bool(re.fullmatch(r"(1[89]|20)\d\d", token.text)) and token.dep_ != "nummod"


def _counts_things(token: Token) -> bool:
    """A number the tagger put in a date ("Between 3 and 5 ships") that counts a thing."""
    number = token.head if token.dep_ == "conj" and token.head.like_num else token
    noun = number.head
    return (
        number.dep_ == "nummod"
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.lemma_.lower() not in TIME_NOUNS
    )


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every quantity in ``doc``, in text order."""
    tokens = list(doc)
    found: list[Quantity] = []
    used: set[int] = set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.i in used:
            i += 1
            continue
        vague = _vague(token)
        if vague is not None:
            found.append(vague)
            span_end = next(t.i for t in reversed(tokens) if t.idx < vague.end) + 1
            used.update(range(token.i, span_end))
            i += 1
            continue
        ordinal = _ordinal(token)
        if ordinal is not None:
            found.append(ordinal)
            i += 1
            continue
        if not _is_number_token(token) or _excluded(token):
            i += 1
            continue
        j = i
        while (
            j + 1 < len(tokens) and _is_number_token(tokens[j + 1]) and not _excluded(tokens[j + 1])
        ):
            j += 1
        run = tokens[i : j + 1]
        ratio = _ratio(run, tokens[j + 1 :])
        if ratio is not None:
            quantity, consumed = ratio
            found.append(quantity)
            used.update(range(run[0].i, run[0].i + consumed))
            i += consumed
            continue
        quantity = _quantity(run)
        if quantity is not None:
            found.append(quantity)
            used.update(range(run[0].i, run[-1].i + 1))
        i = j + 1
    return _merge_ranges(found, doc)


def _quantity(run: list[Token]) -> Quantity | None:
    doc = run[0].doc
    first, last = run[0], run[-1]
    start_i, end_i = first.i, last.i + 1
    words = [t.text for t in run]
    if first.lower_ in SCALES and start_i > 0 and doc[start_i - 1].lower_ in ("a", "an"):
        words, start_i = ["a", *words], start_i - 1  # "more than a million people"
    value = parse_number(words)
    if value is None:
        return None
    unit, kind = None, "count"
    # currency sign before ("$1 billion", "US$ 5m") or glued ("$1bn" is tokenised "$", "1bn")
    if start_i > 0 and doc[start_i - 1].text in CURRENCY_SIGNS:
        unit, kind = CURRENCY_SIGNS[doc[start_i - 1].text], "money"
        start_i -= 1
    after = doc[end_i] if end_i < len(doc) else None
    if after is not None and after.lower_ in ("%", "percent", "pct"):
        unit, kind, end_i = "percent", "percent", end_i + 1
    elif after is not None and after.lower_ == "per" and end_i + 1 < len(doc):
        if doc[end_i + 1].lower_ == "cent":
            unit, kind, end_i = "percent", "percent", end_i + 2
    elif after is not None and after.lemma_.lower() in CURRENCY_WORDS and unit is None:
        unit, kind = CURRENCY_WORDS[after.lemma_.lower()], "money"
        end_i += 1
    hedge, bound, start_i = _hedge(doc, start_i)
    low = high = value
    if bound == "max":
        low = None
    elif bound == "min":
        high = None
    obj = None if kind == "percent" or (unit and kind == "money") else _object(last, end_i)
    final = doc[end_i - 1]
    end = final.idx + len(final.text.rstrip(".") if final.lower_.rstrip(".") in SCALES else final)
    return Quantity(
        text=doc[start_i:end_i].text[: end - doc[start_i].idx],
        start=doc[start_i].idx,
        end=end,
        value=value,
        low=low,
        high=high,
        unit=unit,
        object=obj,
        hedge=hedge,
        kind=kind,
    )


def _share_follows(rest: list[Token]) -> bool:
    """Whether the tokens after a number read "in" and a number ("one *in five*")."""
    return len(rest) >= 2 and rest[0].lower_ == "in" and _is_number_token(rest[1])


def _ratio(run: list[Token], rest: list[Token]) -> tuple[Quantity, int] | None:
    """ "one in five voters", "1 in 4 homes": a share, as a percentage of what follows
    (quantity, tokens consumed); None when ``run`` is not followed by "in" and a number."""
    if not _share_follows(rest) or _excluded(rest[1]):
        return None  # no "in" and a number, or "two in 2019"
    k = 1
    while k + 1 < len(rest) and _is_number_token(rest[k + 1]):
        k += 1
    part = parse_number([t.text for t in run])
    whole = parse_number([t.text for t in rest[1 : k + 1]])
    if not part or not whole or part >= whole:
        return None
    doc = run[0].doc
    last = rest[k]
    if last.i + 1 < len(doc) and doc[last.i + 1].lemma_.lower() in TIME_NOUNS:
        return None  # "3 in 10 minutes"
    hedge, bound, start_i = _hedge(doc, run[0].i)
    value = round(100 * part / whole, 2)
    return (
        Quantity(
            text=doc[start_i : last.i + 1].text,
            start=doc[start_i].idx,
            end=last.idx + len(last),
            value=value,
            low=None if bound == "max" else value,
            high=None if bound == "min" else value,
            unit="percent",
            object=_object(last, last.i + 1),
            hedge=hedge,
            kind="percent",
        ),
        len(run) + 1 + k,
    )


def _hedge(doc: Doc, start_i: int) -> tuple[str | None, str | None, int]:
    """The hedge phrase right before token ``start_i``, or before its "a" ("at least a dozen",
    "more than a million"): (text, bound, new start)."""
    starts = [start_i]
    if start_i > 0 and doc[start_i - 1].lower_ in ("a", "an"):
        starts.append(start_i - 1)
    for before in starts:
        for length in (3, 2, 1):
            if before - length < 0:
                continue
            words = tuple(t.lower_ for t in doc[before - length : before])
            if words in HEDGES:
                return doc[before - length : before].text, HEDGES[words], before - length
    return None, None, start_i


def _object(number: Token, end_i: int) -> str | None:
    """What a number counts: the noun it modifies ("6,000 *UAVs*"), with the words that
    classify it ("ballistic missiles"), or the object of "of" ("thousands of *drones*")."""
    doc = number.doc
    head = number.head
    counted = number.dep_ in ("nummod", "quantmod", "compound") and head.pos_ in ("NOUN", "PROPN")
    if counted and (head.i >= end_i or head.i > number.i):
        return _noun_phrase(head)
    for child in number.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return _noun_phrase(obj)
    if end_i < len(doc) and doc[end_i].pos_ in ("NOUN", "PROPN") and doc[end_i].head.i != number.i:
        return _noun_phrase(doc[end_i]) if doc[end_i].dep_ in ("compound",) else None
    return None


def _noun_phrase(noun: Token) -> str:
    """A noun with the modifiers that say what kind of thing it is (not determiners, numbers or
    quotation marks)."""
    keep = [t for t in noun.lefts if t.dep_ in ("amod", "compound") and t.i >= noun.i - 3]
    start = min([t.i for t in keep] + [noun.i])
    words = [
        t
        for t in noun.doc[start : noun.i + 1]
        if not t.is_punct and not t.like_num and t.lower_ not in VAGUE_DETERMINERS
    ]
    return " ".join(t.text for t in words)


def _vague(token: Token) -> Quantity | None:
    """ "dozens of instructors", "“thousands” of drones", "hundreds of missiles", "several"."""
    lower = token.lower_
    doc = token.doc
    if lower in VAGUE:
        j = token.i + 1
        while j < len(doc) and doc[j].is_quote:
            j += 1
        if j >= len(doc) or doc[j].lower_ != "of":
            return None
        of = doc[j]
        obj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if obj is None and j + 1 < len(doc):
            obj = doc[j + 1] if doc[j + 1].pos_ in ("NOUN", "PROPN", "ADJ") else None
            obj = obj.head if obj is not None and obj.pos_ == "ADJ" else obj
        low, high = VAGUE[lower]
        start, end = token.i, token.i + 1
        if start > 0 and doc[start - 1].is_quote and end < len(doc) and doc[end].is_quote:
            start, end = start - 1, end + 1
        if token.i > 1 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].lower_ in VAGUE:
            return None  # the "millions" of "hundreds of millions": read with "hundreds"
        quantity = _vague_quantity(doc, start, end, low, high, obj)
        base = obj.lower_.rstrip("s") if obj is not None else ""
        factor = SCALES.get(base) or WORD_NUMBERS.get(base)  # "millions", "dozens"
        if obj is not None and obj.lower_ in VAGUE and factor:
            # "hundreds of millions of dollars", "tens of thousands of people"
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            counted = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            quantity = _vague_quantity(doc, start, obj.i + 1, low * factor, high * factor, counted)
            currency = CURRENCY_WORDS.get(counted.lemma_.lower()) if counted is not None else None
            if currency:
                quantity.unit, quantity.object = currency, None
        return quantity
    if lower in ("several", "few", "numerous") and token.dep_ in ("amod", "quantmod", "nummod"):
        if lower == "few" and (token.i == 0 or doc[token.i - 1].lower_ != "a"):
            return None  # "few" alone means "not many"
        low, high = VAGUE_DETERMINERS[lower]
        start, end, noun = token.i - 1 if lower == "few" else token.i, token.i + 1, token.head
        scale = doc[end] if end < len(doc) and doc[end].lower_ in VAGUE_SCALES else None
        if scale is not None and len(scale.lower_) > 2:  # "a few hundred", "several dozen"
            factor = VAGUE_SCALES[scale.lower_]
            low, high = low * factor, high * factor if high is not None else None
            end, noun = end + 1, scale.head if scale.head.pos_ == "NOUN" else noun
        return _vague_quantity(
            doc, start, end, low, high, noun if noun.pos_ in ("NOUN", "PROPN") else None
        )
    return None


def _vague_quantity(
    doc: Doc, start: int, end: int, low: float, high: float | None, counted: Token | None
) -> Quantity:
    """A quantity known only as a range ("dozens", "a few hundred"), over tokens [start, end)."""
    return Quantity(
        text=doc[start:end].text,
        start=doc[start].idx,
        end=doc[end - 1].idx + len(doc[end - 1]),
        value=None,
        low=float(low),
        high=float(high) if high is not None else None,
        unit=None,
        object=_noun_phrase(counted) if counted is not None else None,
        hedge=None,
        kind="vague",
    )


def _merge_ranges(found: list[Quantity], doc: Doc | Span) -> list[Quantity]:
    """ "3 to 5", "between 3 and 5", "3-5": one quantity with low and high."""
    text = doc_text(doc.doc if isinstance(doc, Span) else doc)
    merged: list[Quantity] = []
    for quantity in found:
        if merged and quantity.kind != "vague" and merged[-1].kind != "vague":
            previous = merged[-1]
            between = text[previous.end : quantity.start].strip().lower()
            before = text[max(0, previous.start - 8) : previous.start].lower()
            is_range = between in ("to", "-", "–", "—") or (
                between == "and" and before.rstrip().endswith("between")
            )
            if is_range and previous.value is not None and quantity.value is not None:
                low = _scaled(previous, quantity, text)
                if low > quantity.value:
                    merged.pop()  # "12-3": a score or a tally, not a range of one quantity
                    continue
                start = (
                    previous.start - 8 + before.rfind("between")
                    if between == "and"
                    else (previous.start)
                )
                merged[-1] = Quantity(
                    text=text[start : quantity.end],
                    start=start,
                    end=quantity.end,
                    value=None,
                    low=low,
                    high=quantity.value,
                    unit=quantity.unit or previous.unit,
                    object=quantity.object or previous.object,
                    hedge=previous.hedge,
                    kind="range",
                )
                continue
        merged.append(quantity)
    return merged


def _scaled(low: Quantity, high: Quantity, text: str) -> float:
    """The low end of a range takes the high end's scale: "3 to 5 million" is 3e6 to 5e6."""
    digits = re.match(r"[^\d]*([\d.,]+)", text[high.start : high.end])
    assert low.value is not None and high.value is not None
    if not digits:
        return low.value
    base = float(digits.group(1).replace(",", "") or 0)
    if base and high.value / base >= 1000 and low.value <= base:
        return low.value * high.value / base
    return low.value
