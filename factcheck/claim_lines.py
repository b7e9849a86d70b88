"""Lines and clauses whose facts join no claim: results-table rows, datelines, "respectively" lists, plans and
possibilities.

Read by the claims stage before any two facts are compared: such a fact says how much or when,
but not of what, of whom or as a fact, so matching it across articles only makes false flags.
"""

from __future__ import annotations

import datetime as dt
import re

from .claims_config import ClaimsConfig
from .extract.quantities import MONEY_UNITS
from .records import Fact, Kind, Sentence

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
STOP_WORDS = set("the a an and or but of to in on at for from by with as is are was were be been being has have had will "
            "would that this these those it its his her their they he she we i you who which what when where than then "
            "there here not no also about after before over into more most such said says say mr mrs ms dr new "
            "one two three can could should may might did do does just some any all other".split())
# "April 30 (Reuters) -", "WASHINGTON (AP) —", "LONDON, May 2 —": where and when a story was filed.
_DATELINE = re.compile(r"^\W*(?:[A-Z][A-Za-z. ]{1,30},\s*)?[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*"
                       r"(?:\((?:Reuters|AP|AFP|Bloomberg|UPI)\)|[—–-]{1,2})")


# Units and comparison words of tabular lines: they say how much, never of what or of whom.
_TABLE_WORDS = frozenset("vs versus mln bln billion million thousand pct percent dlrs dlr cts cent cents usd "
                         "yen stg marks francs avg mths mth qtr qtrs wks".split())  # "Six mths": a column heading
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                          "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
                          "hundred half".split())


def is_table_row(text: str, cfg: ClaimsConfig) -> bool:
    """A line of a results table ("Net loss 380,273 vs loss 1,108,151"): too few words to say whose figure it is.

    Two such lines of two articles match on their row label alone, so their counts are not one claim.
    """
    words = WORD.findall(text)
    content = {w for w in words if w.lower() not in STOP_WORDS and w.lower() not in _TABLE_WORDS
               and w.lower() not in _NUMBER_WORDS and len(w) > 2}
    spelled = any(w.lower() in _NUMBER_WORDS for w in words)  # "Shr loss one cts vs profit eight cts"
    if len(content) >= cfg.count_min_words or not (re.search(r"\d", text) or spelled):
        return False
    # "Police made 47 arrests." is a short sentence, not a row: rows compare figures or only label them.
    compares = any(w.lower() in ("vs", "versus") for w in words)
    return compares or not any(w[0].islower() for w in content)


_RESPECTIVELY = re.compile(r"\brespectively\b", re.I)


def assigned_by_position(text: str) -> bool:
    """"The S&P 500 and the Nasdaq rose 2.20 percent and 1.84 percent, respectively": which figure is whose, only
    the order says; the extractor reads each figure's noun from its own neighbourhood, so such figures join no claim."""
    return bool(_RESPECTIVELY.search(text))


_POSSIBLE = re.compile(r"\b(?:may|might|could|possible|possibly|potential|perhaps|likely|expected|scheduled|"
                       r"planned|plans?|hopes?|proposed|reportedly|if|whether|would)\b", re.I)


def possibility(fact: Fact, sentence: str) -> bool:
    """A fact said as a plan or a possibility anywhere earlier in its sentence ("the two sides may be testing
    the waters for a possible meeting ... in 2023"), or marked hedged by the extractor."""
    return bool(fact.attrs.get("hedged")) or bool(_POSSIBLE.search(sentence[: fact.start]))


# The future said outright: "will lay out 19 actions", "is set to cut 500 jobs".
_FUTURE = re.compile(r"\b(?:will|shall|(?:is|are) (?:set|due|slated|poised) to)\b", re.I)


def prospective(fact: Fact, sentence: str) -> bool:
    """A figure said as a plan, a possibility (``possibility``) or in the future tense before it."""
    return possibility(fact, sentence) or bool(_FUTURE.search(sentence[: fact.start]))


def preview_and_outcome(fa: Fact, sentence_a: str, published_a: dt.date | None, fb: Fact, sentence_b: str,
                        published_b: dt.date | None, min_days: int) -> bool:
    """The earlier article gives its figure as a plan ("will lay out 19 separate actions", from Monday's
    briefing), the later one, published ``min_days`` or more after it, as a fact ("23 executive actions"
    in Wednesday's story of the unveiling): the plan as it stood and what came of it, each right on its day,
    like a title that changed between two publication dates."""
    if published_a is None or published_b is None or abs((published_b - published_a).days) < min_days:
        return False
    if published_a > published_b:
        fa, sentence_a, fb, sentence_b = fb, sentence_b, fa, sentence_a
    return prospective(fa, sentence_a) and not prospective(fb, sentence_b)


_AGE_AFTER = re.compile(r"(?:-|\s+)olds?\b", re.I)


def is_age(fact: Fact, sentence: str) -> bool:
    """A duration that is someone's age ("The 28-year-old", "is 61 years old"): a property of one person, so it
    is another measure than a period of the same length."""
    return fact.kind is Kind.DURATION and bool(_AGE_AFTER.match(sentence[fact.end:fact.end + 6]))


# A rate right before the name of a debt security is its coupon, part of its name ("the 7-1/2 pct Treasury bond due
# 2016", "a 5% note"): what the bond pays, not a yield or a rate of the day.
_COUPON_AFTER = re.compile(r"(?:(?:U\.S\.|[A-Z][\w.-]*)\s+){0,3}(?:bonds?|notes?|bills?|debentures?|eurobonds?|gilts?|"
                           r"coupons?|treasur(?:y|ies))\b")


def is_coupon(fact: Fact, sentence: str) -> bool:
    """A percentage that names a bond by its coupon ("the key U.S. 7-1/2 pct Treasury bond"): one claim only with
    another coupon, never with the yields and rates of the day around it."""
    return (fact.kind is Kind.NUMBER and getattr(fact.value, "unit", None) == "percent"
            and bool(_COUPON_AFTER.match(sentence[fact.end:fact.end + 60].lstrip())))


# What follows a traded price: a commodity's unit ("$47 a barrel", "$430 an ounce"), the currency it is quoted
# against ("$1.3666 versus the euro") or a level ("the $1.90 level"). Not "a share": a result per share is one fact.
_MARKET_LEVEL = re.compile(r"(?:(?:a|an|per)\s+(?:barrel|ounce|troy\s+ounce|tonne|ton|gallon|bushel|pound|lb|litre|"
                           r"liter|cubic\s+metre|mmbtu)"
                           r"|(?:versus|against|vs\.?|to|per)\s+(?:the\s+|one\s+|each\s+)?(?:euro|dollar|greenback|yen|"
                           r"pound|sterling|franc|yuan|rupee|rouble|ruble|mark|won)s?"
                           r"|(?:level|mark))\b", re.I)
# ... or what comes before it: the market's own verb for where a price stood ("closed at $40.15", "was trading at
# $1.2944", "settled at $53.03"), or a high or low it reached ("a record low of $1.3667").
_MARKET_VERB = re.compile(r"\b(?:trad(?:e|es|ed|ing)|clos(?:e|es|ed|ing)|settl(?:e|es|ed|ing)|end(?:s|ed)?|"
                          r"finish(?:es|ed)?|open(?:s|ed)?|quoted|fix(?:es|ed))"
                          # "closed up $2.80 at $51.15", "ended 32 cents lower at $49.74": the day's move, then the level
                          r"(?:\s+(?=(?:[^.;,]|\.(?=\d)){0,25}?\b(?:up|down|higher|lower|flat|unchanged)\b)"
                          r"(?:[^.;,]|\.(?=\d)){1,25}?)?"
                          r"\s+at\s+(?:about\s+|around\s+)?$"
                          r"|\b(?:high|low)s?\s+(?:of\s+)?$", re.I)  # "a seven-month low of 105.17", "highs above $53"


def is_market_level(fact: Fact, sentence: str) -> bool:
    """A price a market sets anew every day ("crude rose to $47 a barrel", "the dollar slid to $1.3666 versus the
    euro", "Brent closed at $40.15"): of one moment, so two articles' levels are two days' unless they name the
    same day."""
    return (fact.kind is Kind.NUMBER and getattr(fact.value, "unit", None) in MONEY_UNITS
            and (bool(_MARKET_LEVEL.match(sentence[fact.end:fact.end + 40].lstrip()))
                 or bool(_MARKET_VERB.search(sentence[max(0, fact.start - 40):fact.start]))))


def is_dateline(fact: Fact, sentence: Sentence) -> bool:
    """"April 30 (Reuters) -" / "WASHINGTON, May 2 —": the filing date at the head of a story."""
    return fact.kind is Kind.DATE and fact.start <= 40 and bool(_DATELINE.match(sentence.text[: fact.end + 20]))
