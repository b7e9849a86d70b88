"""Every weight and threshold of the claims stage, in one table (``ClaimsConfig``).

Its own module so that the claims stage's helpers (``claim_lines``, ``claim_signals``) can read it
without importing the grouper that uses them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimsConfig:
    """Every weight and threshold of the grouping, in one table."""

    number_min_similarity: float = 0.45  # sentence cosine two counts of one thing need at least
    number_named_min_similarity: float = 0.35  # ... when the sentences also share a name
    number_max_ratio: float = 1.5  # two outlets' values of one count lie within this factor (unless paraphrases)
    date_min_similarity: float = 0.55  # dates of one event family need this cosine
    date_participant_min_similarity: float = 0.4  # ... or this when the dated clauses share a person
    date_unknown_event_similarity: float = 0.8  # a date whose event is unknown: near-paraphrases only
    own_day_min_apart: int = 2  # articles published this many days apart each report their own day's news
    date_max_gap_days: int = 45  # outlets misdate an event by days or weeks; dates further apart are two occasions
    since_min_similarity: float = 0.4
    role_min_similarity: float = 0.0  # a title of one person is one claim whatever the sentence
    # Two outlooks of one act ("is expected to meet the queen" / "is unlikely to meet Queen Elizabeth II") need this
    # cosine, and articles published at most this many days apart: plans change, a later article may know better.
    prospect_min_similarity: float = 0.3
    prospect_max_days_apart: int = 2
    quote_min_overlap: float = 0.6  # share of the shorter quote's words found, in order (runs of 2+), in the other
    quote_min_words: int = 4  # words two renderings of one remark share at least ("a witch hunt" is too short)
    closest_quotes_only: bool = True  # a quotation links only with the other article's closest (claim_signals)
    paraphrase_similarity: float = 0.8  # sentences this close state the same thing (NLI groups)
    paraphrase_min_chars: int = 25
    near_identical_min_similarity: float = 0.6  # a short sentence with one name swapped can fall this low
    near_identical_min_ratio: float = 0.8  # ... and is then one claim when this share of its words is the same
    count_min_words: int = 4  # a count in a line with fewer content words ("Revs 14.4 mln vs 14.1 mln") is a table row
    complements_override_ratio: float = 1.05  # counts this close are one figure even if their phrases differ
    context_words: int = 3  # words either side of a fact that tell which of a sentence's dates (counts) it matches
    # A count links only with the nearest value of the other article among those in sentences whose
    # cosine is at least (this link's cosine - margin): an article's two amounts are two things.
    nearer_value_similarity_margin: float = 0.0
    skip_listed_counts: bool = True  # a count given in a list of values of one measure (claims.listed_counts) ...
    listed_max_ratio: float = 1.05  # ... links only with a value this close to it
    count_periods_apart: bool = True  # counts whose clauses date them > date_max_gap_days apart are two occasions
    # Counts their own verbs date to two different days, by different verbs ("topped Thursday's record of 90,456" /
    # "Saturday's total of 83,718 marks"; calendar days or weekdays no date places), are two days' figures of a
    # running count (claim_signals.days_apart); one verb on two days is one act misdated and stays one claim.
    count_days_apart: bool = True
    # Counts stated for two known, different periods ("last season" / "this season", "fiscal 2019" / "fiscal 2020",
    # "the 2008 season" / "this season" in 2010) are two counts: see claim_signals.stated_periods_apart.
    stated_periods_apart: bool = True
    # Two articles published this close (or either undated: a story's articles are days apart) count "last" and
    # "this" season (term, fiscal year) from one present; further apart, each is resolved on its own date. A month
    # covers the few days apart outlets file one story; a season or fiscal year does not turn over in fewer.
    period_same_frame_days: int = 31
    qualifiers_apart: bool = True  # a core figure, or one over another base period, is another measure
    # Figures of two stated, disjoint places ("global growth" / "growth for the United States") are two measures,
    # however close their values ("5.9%" / "6%"): see extract/scopes.py.
    scopes_apart: bool = True
    totals_apart: bool = True  # a total ("a total of", "bringing the total to") is kept from a plain figure it exceeds
    total_max_chars: int = 80  # ... when the total word stands this close to the figure ("a total ban" is no sum)
    # A figure given as a plan in one article ("will lay out 19 actions") and as a fact in one published this many
    # days later ("23 executive actions") is the plan and its outcome, not one figure misreported (claim_lines).
    previews_apart: bool = True
    preview_min_days: int = 1
    # The length of a named thing ("a 69-year reign") is one claim only with a duration whose sentence names it
    # (or its verb: "reigned for 70 years"); "her husband of 73 years" measures something else.
    durations_of_things_apart: bool = True
    # The same for a count compounded into a thing's name ("a 60-vote threshold", "a 200-student school"): one claim
    # only with a count whose sentence names the thing ("the school's 300 students").
    counts_of_things_apart: bool = True
    # An age ("the 28-year-old") is one claim only with an age, and only when both sentences name one person:
    # "The 28-year-old" / "The 30-year-old" in two articles are two players until a name says otherwise.
    ages_apart: bool = True
    # A bond's coupon ("the 7-1/2 pct Treasury bond") is one claim only with a coupon: it names the security, and
    # the yields and rates of the day beside it are other measures (claim_lines.is_coupon).
    coupons_apart: bool = True
    # Facts (quotes and titles aside) of two articles neither of which mentions the other's most-named people,
    # organisations or places are about two subjects: two companies' templated notices ("The debentures are
    # convertible ... at 10.75 dlrs" / "at 14.06 dlrs"), two countries' deficits (claim_subjects).
    subjects_apart: bool = True
    # Counts and durations (and near-identical sentences) of two articles published more than this many days apart
    # are figures of two times (a running count, two weeks' reports), unless both are dated by their clauses or
    # stated for a period: outlets report one story within days; a follow-up a month on reports a new state.
    figures_max_days_apart: int = 30
    # ... and dated figures of a period not yet over at either publication ("another 381,171 tonnes this year" in
    # April / "388,390" in October, "the first five months of 1987" in June): running figures of two days.
    running_periods_apart: bool = True
    # Dates of two articles published more than figures_max_days_apart apart, each of its own article's recent past
    # (a period that ended at most this many days before it was published) and disjoint: each article's own latest
    # period, two releases of a recurring report (claims.own_periods). Two months: a monthly release comes out some
    # weeks after its month ends.
    own_periods_apart: bool = True
    own_period_recent_days: int = 62
    # A traded price ("$47 a barrel", "$1.3666 versus the euro", "closed at $40.15") and another amount are one
    # day's level only when both articles were published within a day of each other or both sentences name the same
    # day (claim_lines.is_market_level): a market's level of two days is two figures, and undated feeds (a month of
    # oil reports) give nothing else.
    levels_apart: bool = True
    consensus_apart: bool = True  # a forecast of unnamed forecasters ("economists polled by Reuters") is no one's
    forecast_max_chars: int = 60  # ... the forecast word this close to its figure, the forecasters this close to it
    # Two sentences whose other figures of shared measures all differ too ("caught 39 passes for 302 yards" /
    # "caught 29 passes for 201 yards") give two records, not one misreported figure (claim_signals.parallel_records).
    parallel_records_apart: bool = True
    story_values_apart: bool = True  # two values one article of the story states both of are two things to every outlet
    value_same_tolerance: float = 0.01  # two values this close (relative) are one value: "35.72" / "35.7 percent"
    all_pairs_limit: int = 400  # facts of one bucket (one unit, event, person...) compared all with all up to this
    links_per_fact: int = 8  # past it, each fact meets only its nearest few of the bucket
