"""The judge's confidences and weights, named in one table: what a tuning session changes.

Each value was chosen on developer data (see README, "Flags on real news"); changing one
changes flags, so it changes here, with its reason, and nowhere else.
"""

from __future__ import annotations

# --- how sure two facts are about the same subject (judge/facts.py) -------------------------------
MIN_RELATEDNESS = 0.4  # below this, two facts' values are not compared at all
# subject score when both sentences name someone: embedding similarity, shared names, shared words
NAMED_SIMILARITY_WEIGHT, NAMED_SHARED_NAMES_WEIGHT, NAMED_OVERLAP_WEIGHT = 0.4, 0.3, 0.3
# ... when one side names no one: the words and the embedding carry it alone
UNNAMED_SIMILARITY_WEIGHT, UNNAMED_OVERLAP_WEIGHT = 0.55, 0.45
WORD_OVERLAP_SCALE = 2.0  # half the smaller sentence's content words shared counts as full overlap
DIFFERENT_PLACES_FACTOR = 0.6  # both name places, none in common
RELATED_EVENTS_FACTOR = 0.8  # "the visit" and "the meeting" of one trip
DIFFERENT_VERBS_FACTOR = 0.3  # no event family on a side, and the counting verbs differ
UNKNOWN_EVENT_FACTOR = 0.6  # nothing tells the events apart
HEDGED_FACTOR = 0.7  # a plan or possibility against a report: often two occasions
# One article also states the other's value (judge/stated.py): numbers this close (relative) are one value,
# as the claims stage's ``value_same_tolerance`` ("35.72" / "35.7 percent"); such a conflict is not flagged.
STATED_VALUE_TOLERANCE = 0.01

# --- typed rules (judge/fact_rules.py, judge/fact_text_rules.py) -----------------------------------
COUNT_CONFLICT = 0.85  # two plain figures of one count that differ
HEDGED_COUNT_CONFLICT = 0.75  # ... when one is hedged ("about 3.6 billion") and still misses the other
CLOSE_VALUES_RATIO = 0.05  # plain figures within this share of each other ("2.48" / "2.5 million") ...
CLOSE_VALUES_FACTOR = 0.6  # ... are more likely rounding than a dispute; a hedge's width already covers rounding
# One amount converted into one currency by two articles (judge/fact_rules.compare_conversions): rates this far apart
# (relative) are no day's exchange-rate move nor the rounding of "$11bn" / "£5.7bn"; one conversion is wrong
CONVERSION_RATE_TOLERANCE = 0.15
CONVERSION_CONFLICT = 0.8
SAME_BOUND_CONFLICT = 0.6  # two different maxima ("as many as 1.5 million" / "up to 1.6 million"): two estimates of one cap
# Two different minima ("at least eight dead" / "at least nine dead, including the gunman") are both true of any
# count above the larger: floors of a toll still rising, or counted with and without someone. Compatible
# statements: low confidence at most, below the report's default.
TWO_FLOORS_CONFIDENCE = 0.3
WEEKDAY_OF_DATE_CONFLICT = 0.7  # "Friday, Sept. 14" / "Tuesday, Sept. 14": one calendar day, two weekdays named
DATE_SAME_BOUND_FACTOR = 0.8  # "by Thursday" / "by Sunday" of one claim: a bound each, less sure than two points
# A relative date or bare weekday inside quotation marks ("His visit next month ...") is anchored on the
# publication date, but the words were said when the speaker said them, often days or weeks before.
QUOTED_RELATIVE_FACTOR = 0.75
OPPOSITE_BOUNDS_CONFIDENCE = 0.6  # "almost 48" / "at least 48": hedges that meet only at a bound one leaves out
TITLE_RANK_CONFLICT = 0.8  # one side names a rank the other lacks: "deputy minister" / "minister"
QUOTE_MAX_CONFIDENCE = 0.95
# Only small words differ inside one remark ("a couple weeks" / "a couple of weeks", "is" / "are"): a misquote
# to the letter, worth a look, but ranked below changed content. NLI reading the pair as entailment damps a
# confidence by up to 1 - NLI_ENTAILMENT_DAMPING * NLI_WEIGHT (0.85): 0.6 stays above the report's default floor (0.5).
QUOTE_SMALL_WORDS_CONFIDENCE = 0.6
QUOTE_SPELLING_SIMILARITY = 0.7  # one word against one word this alike: a spelling, plural or transliteration
# One act one outlet expects and another says will not happen ("is expected to meet the queen" / "is unlikely to meet
# Queen Elizabeth II"): a plain contradiction of outlooks, below a misreported figure (an outlook is softer than a fact).
PROSPECT_CONFLICT = 0.7

# --- merging the typed verdict with NLI (judge/__init__.py) ----------------------------------------
NLI_WEIGHT = 0.5  # how far NLI's contradiction pulls a typed conflict's confidence towards 1
NLI_ENTAILMENT_DAMPING = 0.3  # share of nli_weight by which NLI's entailment lowers it
