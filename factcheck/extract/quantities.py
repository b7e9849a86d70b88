"""Numbers with units in one sentence -> Quantity values with a tolerance interval.

Input: a sentence's text, its NER spans and optionally its spaCy Doc; spans already taken by
dates or elapsed-time claims are skipped. Output: ``QuantityMention`` records, each with the
unit or counted noun ("hour", "people", "usd"), what it counts ("talks" in "six hours of
talks") and a low/high interval from the rounding word in front ("nearly", "about", "more
than", "at least"), so "nearly seven hours" and "six hours" are not reported as a conflict.

>>> [str(m.quantity) for m in find_quantities("Talks lasted nearly seven hours.")]
['7 hour']
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.records import TIME_UNIT_HOURS, Entity, Quantity

from .complements import complements
from .hedges import HEDGE_WORDS, ORDER_MIN_MULTIPLE, ORDER_OF_MAGNITUDE, approximate_interval, last_digit_unit
from .tallies import paired_number_spans
from ._text import EVENT_OF, NAME_WORD, SCALES, WORD_VALUES, clean, event_near, governing_verb, overlaps, parse_number

_WORDNUM = "|".join(sorted((k for k in WORD_VALUES if k not in ("a", "an", "half", "couple")), key=len, reverse=True))
_CUR = r"(?:US|AU|A|C|HK|NZ)?[$€£¥](?:US|AU|A|C|HK|NZ)?(?![a-z])"  # "US$", "A$" and the "$US", "$A" order
_NUMBER = re.compile(
    rf"(?P<cur>{_CUR})?\s?"
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\b(?:{_WORDNUM})(?:-(?:{_WORDNUM}))?\b"
    r"|\b(?:a|an)\b(?=[\s-]+(?:hour|day|week|month|year|decade|century|minute|dozen|hundred|thousand|million|billion)))"
    r"(?:[\"”]?\s?(?P<scale>hundred|thousand|million|billion|trillion|dozen|mln|bln|trln|bn|mn|m|k)\b)?"  # "$5.6” billion": a quote may close between
    r"(?P<plus>\+(?![\d+]))?"  # "$1 trillion+", "20+ people": the figure is a lower bound ("1+1" is no figure)
    r"(?:[\s-]*(?P<unit>%|(?<=[\s-])[A-Za-z]+))?", re.I)
# The hedge right before a figure, longest first ("just over" before "over"): one word list, hedges.py's.
_MODIFIER = re.compile(rf"(?P<mod>{'|'.join(map(re.escape, sorted(HEDGE_WORDS, key=len, reverse=True)))})\s+$", re.I)
TIME_UNITS = TIME_UNIT_HOURS  # one table: records.py
_CURRENCIES = {"$": "usd", "us$": "usd", "dollar": "usd", "€": "eur", "euro": "eur", "£": "gbp", "pound": "gbp",
               "¥": "jpy", "yen": "jpy", "yuan": "cny", "renminbi": "cny", "rupee": "inr", "ruble": "rub",
               "rouble": "rub", "a$": "aud", "au$": "aud", "c$": "cad", "hk$": "hkd", "nz$": "nzd",
               "dlr": "usd", "stg": "gbp"}  # wire copy: "33.0 mln dlrs", "50 mln stg"
# An amount in brackets right after another amount is that amount converted ("$US1 million ($1.52 million)"):
# the text between the two is only the opening bracket, and a closing one follows the second.
_CONVERSION_OPEN = re.compile(r"\s*\(\s*$")
_CONVERSION_CLOSE = re.compile(r"\s*\)")
_CONVERSION_NEXT = re.compile(r"\s*[;,/]\s*")  # between two conversions of one amount ("($2bn; £1.1bn)")
# "3.1bn Australian dollars", "500 mln Canadian dlrs", "2bn Swiss francs": a nationality and a currency's name after
# the figure name one currency (read alone, "Australian" was the thing counted and the bracketed conversions after
# it figures of their own). One-word nationalities only; "Hong Kong dollars" and the like keep their symbols.
_NATIONAL_CURRENCIES = {
    ("australian", "dollar"): "aud", ("canadian", "dollar"): "cad", ("singapore", "dollar"): "sgd",
    ("taiwan", "dollar"): "twd", ("american", "dollar"): "usd", ("swiss", "franc"): "chf", ("mexican", "peso"): "mxn",
    ("indian", "rupee"): "inr", ("egyptian", "pound"): "egp", ("russian", "rouble"): "rub", ("russian", "ruble"): "rub",
    ("chinese", "yuan"): "cny", ("japanese", "yen"): "jpy", ("turkish", "lira"): "try"}
_CURRENCY_NAME = re.compile(r"\s+(dollars?|dlrs?|francs?|pesos?|rupees?|pounds?|roubles?|rubles?|yuan|yen|lira)\b", re.I)
MONEY_UNITS = frozenset(_CURRENCIES.values()) | frozenset(_NATIONAL_CURRENCIES.values()) | {"money"}
_ADDED_UP = re.compile(r"\badd(?:s|ed|ing)?\s+$", re.I)  # "added up to 2,000": the total, not "up to" 2,000
CONVERSION_HEDGE = "about"  # a converted figure is rounded: read as "about" it unless its source is hedged
ROUNDING_SHARE = 0.5  # a figure stands for what rounds to it: half a unit of its last stated digit either side
# Units of one physical dimension: "10 miles (15 kilometers)" states one distance in two units.
_DIMENSIONS = {unit: dimension for dimension, units in {
    "length": "mile kilometer kilometre km meter metre m foot feet ft yard yd inch centimeter centimetre cm "
              "millimeter millimetre mm",
    "area": "acre hectare ha",
    "mass": "kilogram kilo kg lb ton tonne ounce oz gram",
    "volume": "gallon liter litre",
    "temperature": "degree celsius fahrenheit",
    "speed": "mph kph kmh",
}.items() for unit in units.split()}
_PERCENT = {"%", "percent", "per", "pct"}
# "1,500 square kilometres", "a 1,500-square-mile area", "2 cubic metres": the unit is the power of the next word.
_POWERS = {"square": "square", "sq": "square", "cubic": "cubic"}
_POWER_OF = re.compile(r"\.?[\s-]+([A-Za-z]+)")
# Words after a number that are not what it counts.
_NOT_UNITS = set("of and or to in on at by for from with the a an than as is are was were has have had will be "
                 "times time percentage points point per cent years-old year-old".split())
_PEOPLE = {"people", "persons", "person", "individuals"}
_CLOCK_ZONES = set("gmt utc est edt cst cdt mst mdt pst pdt bst cet cest ist jst aest".split())
_INTERVAL = re.compile(r"\s+(?:(?:have|has|had)\s+)?(?:passed|elapsed|gone by)\b|\s+(?:since|later|earlier|ago|on from)\b",
                       re.I)
_GAP = re.compile(r"\s+(?:after|before|into)\b", re.I)
_MONTH_NAMES = set(calendar.month_name[1:]) | set(calendar.month_abbr[1:])
_HALF_A = re.compile(r"\bhalf[\s-]+$", re.I)
# A number right after a label names one of a series ("Episode 7", "Section 230", "Flight 370", "Game 7"),
# it counts nothing: two articles' "Episode 7 recap" / "Episode 8 recap" are two episodes. Classifications
# ("Category 4", "Phase 3") are left as figures: two values of one storm's category do disagree. Labels that
# are also common nouns before a count ("this season 12 players", "each day 3 people") only when capitalised.
_SERIES_LABEL = re.compile(r"\b(?:(?i:episode|chapter|section|article|volume|vol\.|flight|proposition|prop\.|route|"
                           r"highway|interstate|channel|gate|terminal)|Season|Game|Round|Part|Title|Room|Week|Day|"
                           r"No\.|Number|Apollo)\s+$")
# A number right after a month's name is its day ("the 19 Sept. 11 hijackers", "Jan 6 rioters"), never a count.
# Case-sensitive: "may 5" is a modal; "Mar"/"Jun" stand only as capitalised abbreviations.
_DAY_AFTER_MONTH = re.compile(r"\b(?:%s)\.?\s+$" % "|".join(sorted(
    _MONTH_NAMES | {"Sept"}, key=len, reverse=True)))
# "60-some miles", "sixty-something", "100-odd", "20-plus": a round figure and an unstated remainder.
_ROUGH_SUFFIX = re.compile(r"(?:-|\s+(?=odd\b))(?P<suffix>something|some|odd|plus|ish)\b(?:[\s-]+(?P<unit>[A-Za-z]+))?",
                           re.I)
# Counts given as orders of magnitude: "hundreds of thousands of files", "dozens of people".
_VAGUE = re.compile(r"\b(?:(?P<outer>tens|hundreds|dozens)\s+of\s+)?(?P<scale>dozens|hundreds|thousands|millions|billions)"
                    r"\s+of\s+(?P<noun>(?:[A-Za-z-]+\s+){0,2}?(?:[a-z][a-z-]+s|people))\b", re.I)
_VAGUE_SCALES = {"tens": 10.0, "dozens": 12.0, "hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
# The low end of a range before a number: "between $19 and" ($22 million), "20 to" (30 people), "15-" (20 hours).
# "from 5 to 7 percent" is a change, not a range, and is left alone.
_RANGE_LOW = re.compile(
    r"(?:(?P<between>\bbetween)\s+)?(?<![\d.,])(?P<cur>(?:US|A|C|HK|NZ)?[$€£¥])?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>hundred|thousand|million|billion|trillion|bn|mn))?\s*(?P<sep>and|to|-|–)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class QuantityMention:
    start: int
    end: int
    text: str
    quantity: Quantity
    duration: bool  # a length of time ("two-day", "six hours"): Kind.DURATION rather than NUMBER
    attrs: dict[str, Any] = field(default_factory=dict)


def find_quantities(text: str, entities: Sequence[Entity] = (), doc: Any = None,
                    skip: Iterable[tuple[int, int]] = ()) -> list[QuantityMention]:
    """Every number with something to count in ``text``; spans in ``skip`` (dates, elapsed) are left alone."""
    cleaned = clean(text)
    skip = list(skip)
    # Numbers inside these entity labels are not counts of anything ("Section 3", "the 1990s").
    skip.extend((e.start, e.end) for e in entities if e.label in ("ORDINAL", "LAW", "PRODUCT", "WORK_OF_ART"))
    skip.extend(paired_number_spans(cleaned))
    skip.extend(named_number_spans(cleaned))
    found: list[QuantityMention] = []
    for match in _NUMBER.finditer(cleaned):
        start, end = match.start("num"), match.end("num")
        glued = bool(match.group("cur")) and match.end("cur") == start  # "$US1": the letters are the currency's
        if (overlaps(start, end, skip) or _inside_word(cleaned, start, end, currency_before=glued)
                or _DAY_AFTER_MONTH.search(cleaned, 0, start)):
            continue
        mention = _read(cleaned, text, match, doc)
        if mention is not None:
            mention = _as_range(cleaned, text, match, mention)
            found = [m for m in found if not overlaps(m.start, m.end, [(mention.start, mention.end)])]
            found.append(mention)
    for mention in _vague_counts(cleaned, text, doc):
        if not any(overlaps(mention.start, mention.end, [(m.start, m.end)]) for m in found) and not overlaps(
                mention.start, mention.end, skip):
            found.append(mention)
    return drop_conversions(cleaned, sorted(found, key=lambda m: m.start))


_CAPITAL_WORD = re.compile(r"[A-Z][A-Za-z]+")
_NUMBER_NAMES = frozenset(w for w in WORD_VALUES if len(w) > 2 and w not in ("half", "couple"))  # not "A", "An"
_NAME_OF = frozenset({"of", "on"})  # "the Group of Seven", "Clash on Six"
_TITLE_CASE_SHARE = 0.6  # a line with this share of its words capitalised is a headline: capitals name nothing there


def named_number_spans(cleaned: str) -> list[tuple[int, int]]:
    """Spelled-out numbers that are part of a name, not counts: a capitalised number word inside a sentence next to
    another capitalised word ("the Six Nations", "the old Five Nations", "the Big Ten", "the Group of Seven",
    "Formula One"). "Fifteen people died" (the first word) and title-case headlines are left alone."""
    words = list(NAME_WORD.finditer(cleaned))
    capitalised = sum(1 for w in words if w.group()[0].isupper())
    if not words or capitalised >= _TITLE_CASE_SHARE * len(words):
        return []
    spans = []
    for i, w in enumerate(words):
        if i == 0 or w.group().lower() not in _NUMBER_NAMES or not w.group()[0].isupper():
            continue
        if not cleaned[words[i - 1].end():w.start()].isspace():
            continue  # after a full stop, a colon, a comma or a quote: a clause's first word
        before = words[i - 2] if i >= 2 and words[i - 1].group() in _NAME_OF else words[i - 1]
        after = words[i + 1] if i + 1 < len(words) else None
        if (_CAPITAL_WORD.fullmatch(before.group()) or (after is not None and _CAPITAL_WORD.fullmatch(after.group())
                                                         and cleaned[w.end():after.start()] == " ")):
            spans.append(w.span())
    return spans


def drop_conversions(cleaned: str, mentions: Sequence[QuantityMention]) -> list[QuantityMention]:
    """Mentions less the money amounts that only convert the amount before them into another currency,
    and with a converted length, mass or temperature read as loosely as its conversion allows.

    "$US1 million ($1.52 million)" states one amount: read as two, the bracketed conversion is
    compared with another article's "$1 million" as if it were a second estimate; so is each amount of a
    bracketed list ("1.55bn euros ($2bn; £1.1bn)"), and two outlets' conversions of one sum differ by the day's
    exchange rate, not by what they report. A bracketed distance ("10 kilometers (6 miles)", "less than 25 km
    (15 miles)") is kept, since it is what
    lets a miles-only outlet's figure be compared, but it takes the hedge of the figure it converts
    ("less than" 15 miles) or, without one, the looseness of a rounded figure ("about" 6 miles):
    "6 miles" and "6.2 miles" are one depth converted twice. A bracket that holds anything else
    ("$5 million (up 3%)", "30 homes (10 percent)") is left alone.
    """
    kept: list[QuantityMention] = []
    lists = _money_conversion_lists(cleaned, mentions)
    converted = {j for inside in lists.values() for j in inside}
    for i, mention in enumerate(mentions):
        if i in converted:
            continue
        if i in lists:  # the source keeps what it was converted to: two outlets' conversions of it can be compared
            mention = _with_conversions(mention, [mentions[j] for j in lists[i]])
        before = kept[-1] if kept else None
        if (before is not None and _CONVERSION_OPEN.fullmatch(cleaned[before.end:mention.start])
                and _CONVERSION_CLOSE.match(cleaned, mention.end)):
            if _DIMENSIONS.get(before.quantity.unit, "money") == _DIMENSIONS.get(mention.quantity.unit):
                mention = _converted(mention, before)
        kept.append(mention)
    return kept


def _money_conversion_lists(cleaned: str, mentions: Sequence[QuantityMention]) -> dict[int, list[int]]:
    """Index of a money amount -> indexes of the amounts that a bracket right after it holds and nothing else: one
    conversion ("$27.5bn (£14.5bn)") or several ("1.55bn euros ($2bn; £1.1bn)")."""
    out: dict[int, list[int]] = {}
    for i, source in enumerate(mentions):
        if not _is_money(source) or i + 1 >= len(mentions):
            continue
        opening = _CONVERSION_OPEN.fullmatch(cleaned[source.end:mentions[i + 1].start])
        close = cleaned.find(")", source.end)
        if opening is None or close < 0:
            continue
        inside = [j for j in range(i + 1, len(mentions)) if mentions[j].end <= close]
        gaps = [cleaned[mentions[a].end:mentions[b].start] for a, b in zip(inside, inside[1:])]
        if (inside and all(_is_money(mentions[j]) for j in inside) and all(map(_CONVERSION_NEXT.fullmatch, gaps))
                and _CONVERSION_CLOSE.fullmatch(cleaned[mentions[inside[-1]].end:close + 1])):
            out[i] = inside
    return out


def _with_conversions(source: QuantityMention, conversions: Sequence[QuantityMention]) -> QuantityMention:
    """``source`` with ``conversions``: (value, currency, text) of each amount it is converted to in another
    currency."""
    found = tuple((c.quantity.value, c.quantity.unit, c.text) for c in conversions
                  if c.quantity.unit != source.quantity.unit and c.quantity.unit != "money" and c.quantity.value)
    if not found:
        return source
    return QuantityMention(source.start, source.end, source.text, source.quantity, source.duration,
                           dict(source.attrs, conversions=found))


def _converted(mention: QuantityMention, source: QuantityMention) -> QuantityMention:
    """``mention`` read as a conversion of ``source``: it says no more than its source, converted (the
    source's hedge, else half a unit of its last stated digit: "10 kilometers" is 5..15 km when its
    conversion is read), nor more than its own rounding does."""
    value, src = mention.quantity.value, source.quantity
    if not src.value or not value:
        return mention
    ratio = value / src.value
    own = ROUNDING_SHARE * last_digit_unit(value)
    if src.approximate:
        low, high = src.low * ratio, src.high * ratio
    else:
        spread = ROUNDING_SHARE * last_digit_unit(src.value)
        low, high = (src.value - spread) * ratio, (src.value + spread) * ratio
    quantity = Quantity(value, mention.quantity.unit, min(low, value - own), max(high, value + own), approximate=True)
    mod = source.attrs.get("modifier") or CONVERSION_HEDGE
    return QuantityMention(mention.start, mention.end, mention.text, quantity, mention.duration,
                           dict(mention.attrs, modifier=mod, converted=True))


def _currency_name(word: str) -> str:
    """"dollars" / "dlrs" -> "dollar": the singular a ``_NATIONAL_CURRENCIES`` key uses (wire copy's "dlr" spelled out)."""
    singular = _singular(word.lower())
    return "dollar" if singular == "dlr" else singular


def _is_money(mention: QuantityMention) -> bool:
    return mention.quantity.unit in MONEY_UNITS


def _currency_key(currency: str) -> str:
    """"$us" -> "us$": the country letters before the symbol, as ``_CURRENCIES`` names them."""
    if len(currency) > 1 and not currency[0].isalpha():
        return currency[1:] + currency[0]
    return currency


def _vague_counts(cleaned: str, text: str, doc: Any) -> list[QuantityMention]:
    """"hundreds of thousands of files" -> 200,000..1,000,000 file: a count given as an order of magnitude.

    The interval runs from two of the unit (``ORDER_MIN_MULTIPLE``) to the next order up, so
    "100,000 files" against "hundreds of thousands of files" is a conflict, "300,000" is not.
    """
    out = []
    for m in _VAGUE.finditer(cleaned):
        unit_scale = _VAGUE_SCALES[m.group("scale").lower()]
        outer = _VAGUE_SCALES[m.group("outer").lower()] if m.group("outer") else 1.0
        scale_word = m.group("scale").lower()
        low = ORDER_MIN_MULTIPLE * unit_scale * outer
        if m.group("outer") or scale_word == "hundreds":
            high = unit_scale * outer * 10.0  # "hundreds of thousands": below a million
        elif scale_word == "dozens":
            high = 12.0 * 12.0
        else:
            high = unit_scale * 1000.0  # "thousands": below a million (the next named scale)
        noun = m.group("noun").split()[-1].lower()
        if noun in _NOT_UNITS or noun in _MONTH_NAMES:
            continue
        unit = "people" if noun in _PEOPLE else _singular(noun)
        if unit in TIME_UNITS:
            continue  # "thousands of years ago": an age, not a count
        quantity = Quantity(low, unit, low, high, approximate=True)
        start, end = m.start(), m.end()
        attrs = {"modifier": ORDER_OF_MAGNITUDE, "of": None, "event": event_near(cleaned, start, end, doc),
                 "verb": governing_verb(doc, start, end), "complements": complements(doc, start, end)}
        out.append(QuantityMention(start, end, text[start:end], quantity, False, attrs))
    return out


def _as_range(cleaned: str, text: str, match: re.Match, mention: QuantityMention) -> QuantityMention:
    """"between $19 and $22 million", "20 to 30 people": one quantity from the low end to the high one.

    The low end takes the high end's scale when it names none ("$19" of "$22 million"); a low end
    that is not lower ("voted 5 to 4") makes no range.
    """
    low_match = _RANGE_LOW.search(cleaned[:match.start("cur") if match.group("cur") else match.start("num")])
    if low_match is None or mention.quantity.approximate:
        return mention
    sep = low_match.group("sep").lower()
    if (sep == "and") != bool(low_match.group("between")):
        return mention  # "30 and 40 people" without "between" are two counts; "between 30 to 40" is no phrase
    if re.search(r"\bfrom\s+$", cleaned[max(0, low_match.start() - 6):low_match.start()], re.I):
        return mention
    low = parse_number(low_match.group("num"))
    own_scale, high_scale = low_match.group("scale"), match.group("scale")
    scale = SCALES[own_scale.lower()] if own_scale else SCALES[high_scale.lower()] if high_scale else 1.0
    high = mention.quantity.value
    if low is None or not 0 < low * scale < high:
        return mention
    low *= scale
    quantity = Quantity((low + high) / 2, mention.quantity.unit, low, high, approximate=True)
    start = low_match.start()
    return QuantityMention(start, mention.end, text[start:mention.end], quantity, mention.duration,
                           dict(mention.attrs, modifier="between"))


def _read(cleaned: str, text: str, match: re.Match, doc: Any) -> QuantityMention | None:
    number = parse_number(match.group("num"))
    if number is None:
        return None
    scale = (match.group("scale") or "").lower()
    if scale:
        number *= SCALES[scale]
    unit_text, unit_start, unit_end = match.group("unit") or "", match.start("unit"), match.end("unit")
    rough = _ROUGH_SUFFIX.match(cleaned, match.end("num"))
    if rough and (rough.group("unit") or "").lower() in SCALES:
        return None  # "sixty-something million": the scale after the suffix leaves the figure unclear
    if rough and not scale:  # "60-some miles": the unit is the word after the suffix
        unit_text, unit_start, unit_end = rough.group("unit") or "", rough.start("unit"), rough.end("unit")
    unit_word = unit_text.lower()
    currency = _currency_key((match.group("cur") or "").lower())
    end = match.end("scale") if scale else rough.end("suffix") if rough else match.end("num")
    end = max(end, match.end("plus"))
    unit: str | None = None
    if unit_word in _CLOCK_ZONES:
        return None  # "struck at 1353 (1023 GMT)": a clock time, not a count of anything
    if currency:
        unit = _CURRENCIES.get(currency, _CURRENCIES.get(currency[-1:], "money"))
    elif unit_word in _PERCENT:
        unit = "percent"
        end = unit_end
        if unit_word == "per" and cleaned[end:end + 5].lower() == " cent":
            end += 5
    elif unit_word:
        singular = _singular(unit_word)
        named = _CURRENCY_NAME.match(cleaned, unit_end)
        national = named and _NATIONAL_CURRENCIES.get((unit_word, _currency_name(named.group(1))))
        if national:
            unit, unit_end = national, named.end()
        elif singular in _CURRENCIES:
            unit = _CURRENCIES[singular]
        elif singular in TIME_UNITS:
            unit = singular
        elif unit_word in _PEOPLE:
            unit = "people"
        elif unit_word in _POWERS and (power := _POWER_OF.match(cleaned, unit_end)):
            unit = f"{_POWERS[unit_word]} {_singular(power.group(1).lower())}"  # an area or a volume, not a length
            unit_end = power.end(1)
        elif unit_word not in _NOT_UNITS and not unit_word.isdigit() and unit_text not in _MONTH_NAMES:
            unit = _counted(doc, match) or singular
        if unit is not None:
            end = unit_end
    if unit is None:
        return None  # a bare number ("the 2019 deal", "No. 3") counts nothing we can compare
    if _is_year(match.group("num")) and not currency and unit not in TIME_UNITS:
        return None
    if _is_year(match.group("num")) and unit in TIME_UNITS and _names_a_year(cleaned, match, unit):
        return None
    if match.group("num").lower() == "one" and unit not in TIME_UNITS and not currency:
        return None  # "one official said": a determiner far more often than a count
    start = match.start("cur") if currency else match.start("num")
    before = cleaned[max(0, start - 24):start]
    if not currency and _SERIES_LABEL.search(before):
        return None
    hyphenated = bool(unit_text) and cleaned[unit_start - 1] == "-"
    if unit in TIME_UNITS and _is_gap(cleaned, end, before, hyphenated):
        return None
    half = _HALF_A.search(before) if match.group("num").lower() in ("a", "an") else None
    if half:  # "half a century": fifty years, not a hundred
        number *= 0.5
        start, before = start - (len(before) - half.start()), before[:half.start()]
    mod_match = _MODIFIER.search(before)
    if mod_match and _ADDED_UP.search(before, 0, mod_match.start()) and mod_match.group("mod").lower() == "up to":
        mod_match = None  # "losses added up to $5m": a total, not a maximum
    mod = " ".join(mod_match.group("mod").lower().split()) if mod_match else ""
    if mod_match:
        start = start - (len(before) - mod_match.start())
    low, high = tolerance(number, mod)
    if rough and not mod:
        low, high, mod = rough_interval(number, rough.group("suffix").lower())
    elif match.group("plus") and not mod:
        low, high, mod = rough_interval(number, "plus")
    quantity = Quantity(number, unit, low, high, approximate=bool(mod))
    of = _of_what(cleaned, end, hyphenated)
    attrs = {"modifier": mod, "of": of, "event": EVENT_OF.get(of or "") or event_near(cleaned, start, end, doc),
             "verb": governing_verb(doc, start, end), "complements": complements(doc, start, end)}
    return QuantityMention(start, end, text[start:end], quantity, unit in TIME_UNITS, attrs)


def rough_interval(value: float, suffix: str) -> tuple[float, float, str]:
    """"60-some" is 60..69, "100-odd" 100..199, "20-plus" 20 up: a figure stated only to its last digit's place.

    Returns (low, high, modifier): the modifier names the reading for the judge ("more than" for "-plus",
    "roughly" otherwise).
    """
    if suffix == "plus":
        return value, math.inf, "more than"
    step = last_digit_unit(value) if float(value).is_integer() and value >= 10 else 1.0
    return value, value + step - (1.0 if step >= 10 else 0.0), "roughly"


def tolerance(value: float, mod: str) -> tuple[float, float]:
    """The interval a rounding word allows: 'nearly 7' is 6.3..7, 'more than 300' is 300..inf,
    'about 3.6 billion' is 3.55..3.65 billion (see ``hedges``)."""
    return approximate_interval(value, mod)


def _counted(doc: Any, match: re.Match) -> str | None:
    """With a parse, the noun the number modifies ("six senior officials" -> "official")."""
    if doc is None:
        return None
    span = doc.char_span(match.start("num"), match.end("num"), alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span[-1]
    if token.dep_ in ("nummod", "quantmod") and token.head.pos_ in ("NOUN", "PROPN") and token.head.i > token.i:
        return _singular(token.head.lower_)
    return None


def _is_gap(text: str, end: int, before: str, hyphenated: bool) -> bool:
    """"Five months have passed since", "two days after the vote": a gap between events, not a length.

    "talked for six hours before agreeing" and "a 12-hour search after the storm" stay durations.
    """
    if _INTERVAL.match(text, end):
        return True
    return bool(_GAP.match(text, end)) and not hyphenated and not re.search(r"\bfor\s+(?:\w+\s+)?$", before)


def _of_what(text: str, end: int, hyphenated: bool) -> str | None:
    """What a quantity is of: 'hours of talks' -> 'talks', 'two-day visit' -> 'visit'."""
    tail = re.match(r"\s+of\s+(?:the\s+|their\s+|his\s+|her\s+)?([A-Za-z-]+)", text[end:end + 40])
    if tail is None and hyphenated:
        tail = re.match(r"(?:-long)?\s+([A-Za-z-]+)", text[end:end + 40])
    if tail is None:
        return None
    word = tail.group(1).lower()
    return None if word in _NOT_UNITS else word


# Plurals in -ves whose singular ends in -f or -fe ("20 wives" counts wives, not "wive").
_VES_SINGULARS = {"wives": "wife", "lives": "life", "knives": "knife", "halves": "half", "wolves": "wolf",
                  "leaves": "leaf", "thieves": "thief", "shelves": "shelf", "calves": "calf", "loaves": "loaf"}


def _singular(word: str) -> str:
    if word in _PEOPLE or len(word) <= 3 or word.endswith("ss"):
        return word
    if word in _VES_SINGULARS:
        return _VES_SINGULARS[word]
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "xes")):
        return word[:-2]  # "passes", "crashes", "taxes"
    return word[:-1] if word.endswith("s") else word


def _names_a_year(text: str, match: re.Match, unit: str) -> bool:
    """"the 2000 fiscal year", "the 2019 school year", "1986 year net": a year's name, not a length of 2,000 years.

    Only when a singular "year" follows the year, right after it or past a word (the parse's counted noun);
    "for 2000 years" and "a 2000-year-old city" stay durations.
    """
    unit_word = (match.group("unit") or "").lower()
    if unit_word == "year" and text[match.start("unit") - 1] != "-":
        return True  # "1986 year net includes a gain": a singular "year" right after a year names it
    if not unit_word or _singular(unit_word) in TIME_UNITS:
        return False
    return bool(re.match(rf"\s+{re.escape(unit)}\b(?!s)", text[match.end("unit"):], re.I))


def _is_year(num: str) -> bool:
    return num.isdigit() and len(num) == 4 and 1800 <= int(num) <= 2199


def _inside_word(text: str, start: int, end: int, currency_before: bool = False) -> bool:
    """'G7', 'COVID-19', 'A320': digits glued to letters are names, not counts (``currency_before``: the
    letters before are a currency's, "$US1")."""
    before = " " if currency_before else text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before == "-" and start > 1 and text[start - 2].isalpha() and text[start].isdigit():
        return True  # "COVID-19", "F-16"
    if before == ":" and start > 1 and text[start - 2].isdigit():
        return True  # the minutes of a clock time ("4:20 p.m."), not a count
    return (before.isalpha() and text[start].isdigit()) or (after.isalpha() and text[end - 1].isdigit() and
                                                            after.lower() not in ("k", "m", "b"))
