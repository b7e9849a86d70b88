"""One story's sentences + facts + vectors -> list[ClaimGroup]: the facts that state the same thing.

Comparing every date with every date of a related sentence flags dates of different events;
comparing only nearest-neighbour sentences misses two outlets' counts of one thing worded
differently. So facts are grouped first: two facts of two articles are one claim when they are
of one kind and say it about the same thing:

* counts and durations: the same measured thing (the counted noun: "pages", "people"), a
  compatible event (killed ~ died, not arrested ~ watched), no two different places it is of
  ("global growth" / "growth for the United States") and a related sentence; not a plan in an
  earlier article against a figure stated in a later one ("will lay out 19 actions" on Monday,
  "23 executive actions" on Wednesday: the plan and what came of it), nor a figure of a
  "respectively" list (which figure is whose, only the order says), nor figures of articles published
  more than a month apart (unless their clauses date them), nor two traded prices ("$47 a barrel") of
  two days;
* no fact but a quote or a title is one claim across two articles about two different subjects (neither
  mentions the other's most-named people, organisations or places: ``claim_subjects``);
* dates: the same event family (the vote, the visit), shared participants, both stated as fact
  (a possibility or a plan, "a possible meeting in 2023", states no date of a meeting held), a
  related sentence;
  datelines ("April 30 (Reuters)") date the filing, not an event, and join no claim;
* elapsed-time claims: the same subject ("the first visit since ...");
* titles: the same person (resolved across articles: "Mr. Moore" = "Roy Moore");
* quotes: the same utterance (largely the same words), speakers compatible;
* sentences without a comparable fact: near-paraphrases, or the same words but for one short
  stretch (for the NLI model and the one-change rule: a number, a name, a negation).

The judge then compares values only inside one group. Every weight and threshold is a field of
``ClaimsConfig``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .claim_lines import (assigned_by_position, is_age, is_coupon, is_dateline, is_market_level, is_table_row,
                          possibility, preview_and_outcome)
from .claim_signals import (REPORTING, QuoteIndex, ValueIndex, aligned_links, closest_quote_links, compatible_events,
                            count_days, count_periods, dated_event, days_apart, fact_key, listed_counts,
                            measure_ratio, nearer_value_links, numbers_apart, parallel_records, periods_apart,
                            quote_words, stated_periods_apart, word_match)
from .claim_subjects import ArticleSubjects
from .claims_config import ClaimsConfig
from .extract.complements import different_complements
from .extract.prospects import act_key, same_prospect
from .extract.scopes import scopes_apart
from .measure_qualifiers import measure_qualifiers, part_and_total, qualifiers_apart
from .names import initials, is_person_name, same_person, shared_people, surname
from .records import ClaimGroup, DateSpan, Fact, Kind, Prospect, Quote, Role, Sentence, content_hash

# Names that single out who or what a sentence is about. Countries and nationalities (GPE, NORP, LOC)
# are left out: nearly every sentence of a story about two countries names them.
_NAME_LABELS = ("PERSON", "ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")


@dataclass(frozen=True)
class _Item:
    """One groupable thing: a fact (or, for NLI, a whole sentence) of one article."""

    key: str  # claim-member key: "<sentence id>:<start>:<end>" or "<sentence id>"
    kind: Kind | None
    index: int  # row of the sentence in the story's vector matrix
    sentence: Sentence
    fact: Fact | None


class ClaimGrouper:
    """Groups one story's facts into claims (see the module docstring for the rules)."""

    def __init__(self, config: ClaimsConfig | None = None) -> None:
        self.config = config or ClaimsConfig()

    def group(self, sentences: Sequence[Sentence], vectors: np.ndarray, facts: Mapping[str, Sequence[Fact]],
              published: Mapping[str, dt.date | None] | None = None, inferred: Collection[str] = ()
              ) -> list[ClaimGroup]:
        """``published``: article id -> publication date (dates of each article's own day are told apart);
        ``inferred``: ids of articles whose date the story stage guessed (no two times are told apart by those)."""
        cfg = self.config
        published = published or {}
        stated = {a: day for a, day in published.items() if a not in inferred}
        names = [_names(s, facts.get(s.id, ())) for s in sentences]
        aliases = _acronyms(names)
        names = [{aliases.get(n, n) for n in ns} for ns in names]
        buckets: dict[tuple, list[_Item]] = {}
        for i, s in enumerate(sentences):
            row = is_table_row(s.text, cfg)
            by_position = assigned_by_position(s.text)
            for f in facts.get(s.id, ()):
                if row and f.kind in (Kind.NUMBER, Kind.DURATION, Kind.DATE):
                    continue  # a table row names no subject: whose revenue (or dividend's "Pay May 15"), only its title says
                if by_position and f.kind in (Kind.NUMBER, Kind.DURATION):
                    continue  # "... 2.20 percent and 1.84 percent, respectively": whose figure, only the order says
                if not is_dateline(f, s):
                    buckets.setdefault(_bucket(f), []).append(_Item(fact_key(f), f.kind, i, s, f))
        vectors = np.asarray(vectors, dtype=np.float32)
        values = ValueIndex(sentences, facts, cfg.value_same_tolerance)
        listed = listed_counts(sentences, facts, cfg.value_same_tolerance) if cfg.skip_listed_counts else set()
        periods = count_periods(sentences, facts) if cfg.count_periods_apart else {}
        days = count_days(sentences, facts) if cfg.count_days_apart or cfg.levels_apart else {}
        levels = {it.key for bucket in buckets.values() for it in bucket
                  if cfg.levels_apart and it.fact is not None and is_market_level(it.fact, it.sentence.text)}
        qualifiers = measure_qualifiers(sentences, facts, cfg) if cfg.qualifiers_apart else {}
        quotes = QuoteIndex(sentences, facts)
        subjects = ArticleSubjects(sentences) if cfg.subjects_apart else None
        links: list[tuple[_Item, _Item, float]] = []
        for bucket in buckets.values():
            for a, b, cos in self._candidates(bucket, vectors):
                if (subjects is not None and a.kind not in (Kind.QUOTE, Kind.ROLE)
                        and subjects.apart(a.sentence.article_id, b.sentence.article_id)):
                    continue  # two companies' "The debentures are convertible ... at 10.75 dlrs" / "at 14.06 dlrs"
                if (a.key in listed or b.key in listed) and measure_ratio(a.fact, b.fact) > cfg.listed_max_ratio:  # type: ignore[arg-type]
                    continue  # "13- and 15-inch models" / "the 11-inch model": which of a list's values, nothing says
                if self._two_occasions(a, b, periods, days, levels, published, stated):
                    continue
                qa, qb = qualifiers.get(a.key, frozenset()), qualifiers.get(b.key, frozenset())
                if qualifiers_apart(qa, qb):
                    continue  # "prices rose 0.8%" / "0.9%, controlling for food and energy": two measures
                if part_and_total(a.fact, qa, b.fact, qb, cfg.value_same_tolerance):  # type: ignore[arg-type]
                    continue  # "a $1.8 trillion package" / "bringing the total to $6 trillion": a part and a sum
                if (cfg.parallel_records_apart and a.kind in (Kind.NUMBER, Kind.DURATION)
                        and parallel_records(a.fact, facts.get(a.sentence.id, ()), b.fact,  # type: ignore[arg-type]
                                             facts.get(b.sentence.id, ()), cfg.value_same_tolerance)):
                    continue  # "caught 39 passes for 302 yards" / "caught 29 passes for 201 yards": two records
                if values.both_stated(a.fact, a.sentence.article_id, b.fact, b.sentence.article_id):  # type: ignore[arg-type]
                    continue  # an article stating both values measures two things with them
                if a.kind is Kind.QUOTE and quotes.both_printed(a.fact, a.sentence.article_id, b.fact,  # type: ignore[arg-type]
                                                                b.sentence.article_id):
                    continue  # an article printing both renderings reports two remarks
                if same_fact(a.fact, b.fact, cos, bool(names[a.index] & names[b.index]), cfg,  # type: ignore[arg-type]
                             a.sentence.text, b.sentence.text, published.get(a.sentence.article_id),
                             published.get(b.sentence.article_id)):
                    if (a.kind in (Kind.NUMBER, Kind.DURATION) and cfg.story_values_apart
                            and values.stated_together(a.fact, b.fact)):  # type: ignore[arg-type]
                        continue  # any other outlet of the story stating both values measures two things too
                    links.append((a, b, cos))
        links = nearer_value_links(aligned_links(links, cfg.context_words), cfg.nearer_value_similarity_margin)
        if cfg.closest_quotes_only:
            links = closest_quote_links(links)
        # A sentence giving a consensus forecast ("Analysts surveyed by Refinitiv expected 350,000") is no
        # one's statement: its near-paraphrase with another poll's figure (or name) is no disagreement either.
        consensus = {s.id for s in sentences if any("consensus" in qualifiers.get(fact_key(f), ())
                                                    for f in facts.get(s.id, ()))}
        links += self._paraphrases(sentences, vectors, facts, consensus, subjects, stated)
        return _components(links)

    def _two_occasions(self, a: _Item, b: _Item, periods: Mapping[str, DateSpan], days: Mapping[str, tuple[str, int]],
                       levels: Collection[str], published: Mapping[str, dt.date | None],
                       stated: Mapping[str, dt.date | None]) -> bool:
        """Two figures of one measure that are of two occasions, not one figure told two ways: dated by their
        clauses weeks apart ("killed 230,000 in 2004" / "killed one on Tuesday") or by other verbs on two named days
        ("topped Thursday's record of 90,456" / "Saturday's total of 83,718 marks"), a plan and what came of it
        ("will lay out 19 actions" on Monday / "23 executive actions" on Wednesday), stated for two periods
        ("793 yards last season" / "269 yards this season"), or undated figures of articles published more than
        ``figures_max_days_apart`` apart (``stated``: publication days not guessed by the story stage), or dated
        ones of a period still running at both publications ("this year" in April and in October), or a market's
        level (``levels``: keys of the facts ``is_market_level`` reads as one) and another amount of two days; and
        dates of two such articles that each give their own latest period (``own_periods``); and two outlooks of
        articles published more than ``prospect_max_days_apart`` apart."""
        cfg = self.config
        if periods_apart(periods.get(a.key), periods.get(b.key), cfg.date_max_gap_days):
            return True
        day_a, day_b = stated.get(a.sentence.article_id), stated.get(b.sentence.article_id)
        if (a.kind is Kind.DATE and cfg.own_periods_apart and a.fact is not None and b.fact is not None
                and own_periods(a.fact, day_a, b.fact, day_b, cfg)):
            return True  # "a surplus ... in February 1987" on 19 March / "a deficit ... in May" on 18 June
        if a.kind is Kind.PROSPECT:
            return published_apart(day_a, day_b, cfg.prospect_max_days_apart)  # plans change: a later outlook
        if a.kind not in (Kind.NUMBER, Kind.DURATION) or a.fact is None or b.fact is None:
            return False
        if cfg.count_days_apart and days_apart(days.get(a.key), days.get(b.key)) and _different_verbs(a.fact, b.fact):
            return True  # one act on two days ("killed 170,000 on Tuesday" / "killed 150,000 on Wednesday") is misdated
        pub_a, pub_b = published.get(a.sentence.article_id), published.get(b.sentence.article_id)
        if ((a.key in levels or b.key in levels)
                and not _one_day(pub_a, pub_b, days.get(a.key), days.get(b.key))):
            # "surged back above $47 a barrel on Thursday" / "pushed prices above $50 a barrel"; a level against any
            # other amount is a moment's price too ("$47 a barrel" / "fallen from the record of $55.67")
            return True
        dated = a.key in periods and b.key in periods or a.fact.attrs.get("period") and b.fact.attrs.get("period")
        apart = published_apart(day_a, day_b, cfg.figures_max_days_apart)
        if apart and not dated:
            return True  # an undated running figure ("reserves hit a record 53 billion dlrs"), reported again weeks on
        if (apart and cfg.running_periods_apart and _running(periods.get(a.key), a.fact.attrs.get("period"), day_a)
                and _running(periods.get(b.key), b.fact.attrs.get("period"), day_b)):
            return True  # "commitments to export another 381,171 tonnes this year" in April / "388,390" in October
        if cfg.previews_apart and preview_and_outcome(a.fact, a.sentence.text, pub_a, b.fact, b.sentence.text, pub_b,
                                                      cfg.preview_min_days):
            return True
        return cfg.stated_periods_apart and stated_periods_apart(a.fact.attrs.get("period"), b.fact.attrs.get("period"),
                                                                 pub_a, pub_b, cfg.period_same_frame_days)

    def _candidates(self, bucket: Sequence[_Item], vectors: np.ndarray) -> list[tuple[_Item, _Item, float]]:
        """Cross-article item pairs of one bucket: all of them in a small bucket, else each item's top-k."""
        cfg = self.config
        if len(bucket) < 2:
            return []
        sub = np.ascontiguousarray(vectors[[item.index for item in bucket]])
        codes = np.unique([item.sentence.article_id for item in bucket], return_inverse=True)[1]
        out = []
        for start in range(0, len(bucket), 1024):
            block = sub[start:start + 1024] @ sub.T
            block[codes[start:start + 1024, None] == codes[None, :]] = -np.inf
            if len(bucket) > cfg.all_pairs_limit:
                k = min(cfg.links_per_fact, len(bucket) - 1)
                top = np.argpartition(-block, kth=k - 1, axis=1)[:, :k]
                cells = [(r, int(c)) for r, cols in enumerate(top) for c in cols]
            else:
                cells = [(r, c) for r in range(block.shape[0]) for c in range(start + r + 1, len(bucket))]
            for r, c in cells:
                if np.isfinite(block[r, c]):
                    x, y = sorted((start + r, c))
                    out.append((x, y, float(block[r, c])))
        seen = set()
        pairs = []
        for x, y, cos in out:
            if (x, y) not in seen:
                seen.add((x, y))
                pairs.append((bucket[x], bucket[y], cos))
        return pairs

    def _paraphrases(self, sentences: Sequence[Sentence], vectors: np.ndarray, facts: Mapping[str, Sequence[Fact]],
                     skip: Collection[str] = (), subjects: ArticleSubjects | None = None,
                     stated: Mapping[str, dt.date | None] | None = None) -> list[tuple[_Item, _Item, float]]:
        """Near-identical sentences of two articles: one claim for the NLI model (negation, antonyms, names).
        Sentences in ``skip`` (ids) join none, nor do those of two articles ``subjects`` tells apart or published
        further apart than ``figures_max_days_apart`` (``stated``: article id -> publication day not guessed)."""
        cfg = self.config
        stated = stated or {}
        keep = [i for i, s in enumerate(sentences)
                if len(s.text) >= cfg.paraphrase_min_chars and not is_table_row(s.text, cfg) and s.id not in skip]
        if len(keep) < 2:
            return []
        sub = np.ascontiguousarray(vectors[keep], dtype=np.float32)
        articles = np.array([sentences[i].article_id for i in keep])
        links = []
        for start in range(0, len(keep), 1024):
            block = sub[start:start + 1024] @ sub.T
            rows, cols = np.nonzero(block >= cfg.near_identical_min_similarity)
            for r, c in zip(rows, cols):
                i, j = start + int(r), int(c)
                if j <= i or articles[i] == articles[j]:
                    continue
                a, b = sentences[keep[i]], sentences[keep[j]]
                if block[r, c] < cfg.paraphrase_similarity and not near_identical(a.text, b.text, cfg):
                    continue
                if subjects is not None and subjects.apart(a.article_id, b.article_id):
                    continue
                if published_apart(stated.get(a.article_id), stated.get(b.article_id), cfg.figures_max_days_apart):
                    continue  # a weekly report's "sales for 106,640 tonnes against 98,152 the previous week", months on
                links.append((_Item(a.id, None, keep[i], a, None), _Item(b.id, None, keep[j], b, None),
                              float(block[r, c])))
        return links


def near_identical(a: str, b: str, cfg: ClaimsConfig) -> bool:
    """The same words in the same order but for one short stretch ("Frank praised" / "Tom Brady praised")."""
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=wa, b=wb, autojunk=False)
    changes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    return len(changes) == 1 and matcher.ratio() >= cfg.near_identical_min_ratio


def same_fact(fa: Fact, fb: Fact, similarity: float, shared_name: bool, cfg: ClaimsConfig,
              sentence_a: str = "", sentence_b: str = "", published_a: dt.date | None = None,
              published_b: dt.date | None = None) -> bool:
    """Do two facts of two articles state the same thing? (their values may still differ)"""
    if fa.kind in (Kind.NUMBER, Kind.DURATION):
        if fa.kind is Kind.DURATION and cfg.durations_of_things_apart and (
                _measure_of_unnamed_thing(fa, sentence_b) or _measure_of_unnamed_thing(fb, sentence_a)):
            return False  # "her 69-year reign" / "the Queen's strength and stay for 73 years": two lengths
        if fa.kind is Kind.NUMBER and cfg.counts_of_things_apart and (
                _count_of_unnamed_thing(fa, sentence_a, sentence_b) or _count_of_unnamed_thing(fb, sentence_b, sentence_a)):
            return False  # "the usual 60-vote threshold" / "pass it with 51 votes": a rule's size and a tally
        if fa.kind is Kind.DURATION and cfg.ages_apart and _ages_apart(fa, sentence_a, fb, sentence_b):
            return False  # "The 28-year-old" / "The 30-year-old": two players' ages until a shared name says one
        if (cfg.coupons_apart and sentence_a and sentence_b
                and is_coupon(fa, sentence_a) != is_coupon(fb, sentence_b)):
            return False  # "the 7-1/2 pct Treasury bond" / "rates on U.S. Treasuries rose almost to eight pct"
        return _same_measure(fa, fb, similarity, shared_name, cfg)
    if fa.kind is Kind.DATE:
        return _same_dated_event(fa, fb, similarity, shared_name, cfg, sentence_a, sentence_b, published_a, published_b)
    if fa.kind is Kind.SINCE:
        sa, sb = getattr(fa.value, "subject", ""), getattr(fb.value, "subject", "")
        return similarity >= cfg.since_min_similarity and (not sa or not sb or _stem(sa) == _stem(sb))
    if fa.kind is Kind.ROLE:
        return (isinstance(fa.value, Role) and isinstance(fb.value, Role) and similarity >= cfg.role_min_similarity
                and same_person(fa.value.person, fb.value.person))
    if fa.kind is Kind.QUOTE:
        return isinstance(fa.value, Quote) and isinstance(fb.value, Quote) and same_utterance(fa.value, fb.value, cfg)
    if fa.kind is Kind.PROSPECT:
        return (isinstance(fa.value, Prospect) and isinstance(fb.value, Prospect)
                and similarity >= cfg.prospect_min_similarity and same_prospect(fa.value, fb.value))
    return False


def _same_measure(fa: Fact, fb: Fact, similarity: float, shared_name: bool, cfg: ClaimsConfig) -> bool:
    ua, ub = getattr(fa.value, "unit", None), getattr(fb.value, "unit", None)
    if fa.kind is Kind.NUMBER and (not ua or ua != ub):
        return False  # 2,000 pages and 2,000 people; a bare number measures nothing we can name
    if not compatible_events(fa, fb):
        return False
    if not _same_participants(fa, fb):
        return False  # "Obama has cut $716 billion" / "McCain would make $882 billion in cuts": two people's amounts
    if (different_complements(fa.attrs.get("complements") or (), fb.attrs.get("complements") or ())
            and measure_ratio(fa, fb) > cfg.complements_override_ratio):
        return False  # "$3.6 billion from construction projects" / "$2.5 billion for counter-drug activities"
    if cfg.scopes_apart and scopes_apart(fa.attrs.get("scope") or (), fb.attrs.get("scope") or ()):
        return False  # "global growth projection at 4.9%" / "growth forecast for the United States ... to 6%"
    if numbers_apart(fa, fb, similarity, cfg):
        return False  # $2.5 billion and $5.7 billion: two amounts; outlets misreport one by a little
    floor = cfg.number_named_min_similarity if shared_name else cfg.number_min_similarity
    return similarity >= floor


def _same_dated_event(fa: Fact, fb: Fact, similarity: float, shared_name: bool, cfg: ClaimsConfig,
                      sentence_a: str = "", sentence_b: str = "", published_a: dt.date | None = None,
                      published_b: dt.date | None = None) -> bool:
    ea, eb = (e if e != REPORTING else None for e in (dated_event(fa), dated_event(fb)))
    if _off_calendar(fa) and _off_calendar(fb) and not _same_verb(fa, fb):
        # Two bare weekdays neither article dates ("Wednesday" / "on Friday" in undated articles) can be days of
        # any two weeks: only the same act ("arrested" / "arrested") says they date one occasion.
        return False
    if not ea or not eb:  # "said on Monday" / "said on Tuesday": two statements unless the sentences are one
        if _different_verbs(fa, fb):
            return False  # "announced her decision on Wednesday" / "sent a bill to her desk Monday": two acts
        return similarity >= cfg.date_unknown_event_similarity
    if ea != eb:
        return False
    if similarity < cfg.paraphrase_similarity and "year" in (_precision(fa), _precision(fb)):
        return False  # "paid in 2013" / "from 2007 to 2014": years date periods, seldom one event two ways
    if similarity < cfg.paraphrase_similarity and _own_days(fa, fb, published_a, published_b, cfg):
        return False  # "stood firm Friday" in Friday's story, "dug in Wednesday" in Wednesday's: each day's own news
    if similarity < cfg.paraphrase_similarity and _precision(fa) != _precision(fb):
        return False  # "in 2008" against "April 6, 2007": a year and a day seldom date one event in two outlets
    if (similarity < cfg.paraphrase_similarity and _gap_days(fa, fb) > cfg.date_max_gap_days
            and not _shared_participant(fa, fb)):
        return False  # "May 1, 2014" against "on Tuesday" in 2015: two occasions, not one misdated
    if possibility(fa, sentence_a) != possibility(fb, sentence_b):
        return False  # "a possible meeting in 2023" states no date of the meeting held in November
    if not _same_participants(fa, fb):
        return False
    # A shared participant of the dated clause ("Blinken met ... on Sunday" / "Blinked's meetings on
    # February 5-6") is strong evidence of one event; names elsewhere in the sentence are not.
    floor = cfg.date_participant_min_similarity if _shared_participant(fa, fb) else cfg.date_min_similarity
    return similarity >= floor


def _measure_of_unnamed_thing(fact: Fact, other_sentence: str) -> bool:
    """``fact`` measures a thing it names (the length of "a 69-year reign", the size of "a 60-vote threshold") and
    ``other_sentence`` names neither that thing nor its verb ("reigned"): the other figure measures something
    else. Unknown (False) without the other sentence's text."""
    thing = fact.attrs.get("of")
    if not thing or not other_sentence:
        return False
    stem = _stem(thing)
    return not any(_names_thing(_stem(word), stem) for word in re.findall(r"[A-Za-z]+", other_sentence))


def _names_thing(word: str, thing: str) -> bool:
    """A word (stem) names the thing (stem): its own form ("reigned" / "reign"), a compound holding it ("earthquake"
    / "quake"), or a word of five letters or more that begins or ends the thing's compound ("school" /
    "schoolhouse", "quake" / "earthquake"; not "hold" / "threshold")."""
    return (word.startswith(thing) or (len(word) >= 4 and thing in word)
            or (len(word) >= 5 and (thing.startswith(word) or thing.endswith(word))))


def _count_of_unnamed_thing(fact: Fact, own_sentence: str, other_sentence: str) -> bool:
    """``fact`` is a count compounded into the name of a thing ("a 60-vote threshold", "a 200-student school")
    and ``other_sentence`` names no such thing: the compound measures the thing, the other count something
    else. Only compounds: in "10 percent of voters" the thing counted is the count's own noun phrase."""
    return (bool(own_sentence) and not re.match(r"\s+of\b", own_sentence[fact.end:])
            and _measure_of_unnamed_thing(fact, other_sentence))


def _off_calendar(fact: Fact) -> bool:
    """A weekday that could not be placed on a calendar (no publication date, no day of the month)."""
    span = fact.value
    return (fact.attrs.get("weekday") is not None and not getattr(span, "resolved", True)
            and getattr(span, "month_day", None) is None)


def _verb_stems(fa: Fact, fb: Fact) -> tuple[str, str] | None:
    """The stems of the verbs governing both dates' clauses (from the parse), or None unless both have one."""
    va, vb = fa.attrs.get("verb"), fb.attrs.get("verb")
    return (_stem(va), _stem(vb)) if va and vb else None


def _same_verb(fa: Fact, fb: Fact) -> bool:
    stems = _verb_stems(fa, fb)
    return stems is not None and stems[0] == stems[1]


def _different_verbs(fa: Fact, fb: Fact) -> bool:
    """Both dates' clauses are governed by a verb, and the verbs differ."""
    stems = _verb_stems(fa, fb)
    return stems is not None and stems[0] != stems[1]


def _shared_participant(fa: Fact, fb: Fact) -> bool:
    return shared_people(_surnames(fa, "participants"), _surnames(fb, "participants")) > 0


def _surnames(fact: Fact, attr: str) -> set[str]:
    return {surname(p) for p in fact.attrs.get(attr) or ()} - {""}


def _ages_apart(fa: Fact, sentence_a: str, fb: Fact, sentence_b: str) -> bool:
    """An age against a length that is no age ("29-year-old Mr. Gigante" / "kept him out of prison for 30
    years"), or two ages whose sentences name no person in common. Unknown (False) without both sentences."""
    if not sentence_a or not sentence_b:
        return False
    age_a, age_b = is_age(fa, sentence_a), is_age(fb, sentence_b)
    if age_a != age_b:
        return True
    if not age_a:
        return False
    return not shared_people(_surnames(fa, "persons"), _surnames(fb, "persons"))


def _own_days(fa: Fact, fb: Fact, published_a: dt.date | None, published_b: dt.date | None,
              cfg: ClaimsConfig) -> bool:
    """Each date is its own article's day of publication (give or take one), and those days differ."""
    if published_a is None or published_b is None or abs((published_a - published_b).days) < cfg.own_day_min_apart:
        return False
    sa, sb = fa.value, fb.value
    if not getattr(sa, "resolved", False) or not getattr(sb, "resolved", False):
        return False
    near = lambda span, day: span.start - dt.timedelta(days=1) <= day <= span.end + dt.timedelta(days=1)  # noqa: E731
    return near(sa, published_a) and near(sb, published_b)


def own_periods(fa: Fact, published_a: dt.date | None, fb: Fact, published_b: dt.date | None,
                cfg: ClaimsConfig) -> bool:
    """Two articles published more than ``figures_max_days_apart`` apart, each dating the fact to its own recent
    past (a period that began before it was published and ended at most ``own_period_recent_days`` before), the two
    periods disjoint: each reports its own latest period, two releases of a recurring report ("a surplus ... in
    February 1987" on 19 March / "a deficit ... in May" on 18 June), however alike their template."""
    if not published_apart(published_a, published_b, cfg.figures_max_days_apart):
        return False
    sa, sb = fa.value, fb.value
    if not (isinstance(sa, DateSpan) and isinstance(sb, DateSpan) and sa.resolved and sb.resolved):
        return False
    if not (sa.end < sb.start or sb.end < sa.start):
        return False
    recent = lambda span, day: span.start <= day and (day - span.end).days <= cfg.own_period_recent_days  # noqa: E731
    return recent(sa, published_a) and recent(sb, published_b)


def _running(period: DateSpan | None, stated: tuple[str, str, int] | None, published: dt.date | None) -> bool:
    """The period a figure is stated for had not ended when its article was published ("this year" in April, "the
    first five months of 1987" in June): the figure is a running one, true of that day only. ``period``: the date
    its clause gives; ``stated``: the period it is stated for (``extract/stated_periods.py``): the current one
    ("this season": relative 0) or the publication's calendar year."""
    if published is None:
        return False
    if period is not None and period.start is not None and period.end is not None:
        return period.start <= published <= period.end
    if stated:
        unit, how, n = stated
        return (how == "rel" and n == 0) or (how == "abs" and unit == "year" and n == published.year)
    return False


def _one_day(published_a: dt.date | None, published_b: dt.date | None, day_a: tuple[str, int] | None,
             day_b: tuple[str, int] | None) -> bool:
    """Two articles published within a day of each other, or two figures their verbs date to the same day."""
    if published_a is not None and published_b is not None and abs((published_a - published_b).days) <= 1:
        return True
    return day_a is not None and day_a == day_b


def published_apart(day_a: dt.date | None, day_b: dt.date | None, max_days: int) -> bool:
    """Both articles dated, more than ``max_days`` apart: what each says of now (a running count, a weekly
    report's figures, a state of things) is of two different times."""
    return day_a is not None and day_b is not None and abs((day_a - day_b).days) > max_days


def _gap_days(fa: Fact, fb: Fact) -> int:
    """Days between two resolved dates (0 when they overlap or either is unresolved)."""
    sa, sb = fa.value, fb.value
    if not getattr(sa, "resolved", False) or not getattr(sb, "resolved", False):
        return 0
    if sa.end < sb.start:  # type: ignore[union-attr]
        return (sb.start - sa.end).days  # type: ignore[union-attr]
    if sb.end < sa.start:  # type: ignore[union-attr]
        return (sa.start - sb.end).days  # type: ignore[union-attr]
    return 0


def _precision(fact: Fact) -> str:
    """day (days and weeks), month or year: how finely a date is given."""
    granularity = getattr(fact.value, "granularity", "day")
    return "day" if granularity in ("day", "week") or fact.attrs.get("weekday") is not None else granularity


def _same_participants(fa: Fact, fb: Fact) -> bool:
    pa, pb = _surnames(fa, "participants"), _surnames(fb, "participants")
    return not (pa and pb) or shared_people(pa, pb) > 0


def same_utterance(qa: Quote, qb: Quote, cfg: ClaimsConfig) -> bool:
    """Largely the same words in the same order, from compatible speakers: one remark, however rendered."""
    ka, kb = surname(qa.speaker or ""), surname(qb.speaker or "")
    if ka and kb and ka != kb:
        return False
    wa, wb = quote_words(qa.content), quote_words(qb.content)
    shorter = min(len(wa), len(wb))
    if shorter < cfg.quote_min_words:
        return False
    matched = word_match(wa, wb).words
    return matched >= cfg.quote_min_words and matched / shorter >= cfg.quote_min_overlap


def _bucket(fact: Fact) -> tuple:
    """Facts that could state one thing share a bucket: one kind and one unit, event or person."""
    if fact.kind is Kind.NUMBER:
        return (fact.kind, getattr(fact.value, "unit", None))
    if fact.kind is Kind.DATE:
        return (fact.kind, dated_event(fact))
    if fact.kind is Kind.ROLE:
        return (fact.kind, surname(getattr(fact.value, "person", "")))
    if fact.kind is Kind.PROSPECT:
        return (fact.kind, act_key(getattr(fact.value, "act", "")))
    return (fact.kind,)


def _names(sentence: Sentence, facts: Sequence[Fact]) -> set[str]:
    """Name keys a sentence mentions: persons by surname, others lower-cased, and the speaker of its
    quotation ("100,000 secret files prove it did." inside Netanyahu's quotation is Netanyahu's)."""
    out = set()
    for e in sentence.entities:
        if e.label == "PERSON":
            out.add(surname(e.text))
        elif e.label in _NAME_LABELS:
            out.add(" ".join(e.text.lower().removeprefix("the ").split()))
    out |= {surname(f.value.speaker) for f in facts if isinstance(f.value, Quote) and is_person_name(f.value.speaker)}
    return out - {""}


def _acronyms(names: Sequence[set[str]]) -> dict[str, str]:
    """Acronym -> expansion when the story spells one out: "fbi" -> "federal bureau of investigation"."""
    every = set().union(*names) if names else set()
    expansions = {}
    for name in every:
        if (letters := initials(name)) is not None:
            expansions.setdefault(letters, name)
    return {n: expansions[n.replace(".", "")] for n in every if n.replace(".", "") in expansions}


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _components(links: Sequence[tuple[_Item, _Item, float]]) -> list[ClaimGroup]:
    """Connected components of the same-fact links; each is one ClaimGroup.

    Only directly linked members are compared (``pairs``): A~B and B~C do not make A and C one fact.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    index: dict[str, int] = {}
    for a, b, _ in links:
        index.setdefault(a.key, len(index))
        index.setdefault(b.key, len(index))
    if not index:
        return []
    rows = [index[a.key] for a, _, _ in links]
    cols = [index[b.key] for _, b, _ in links]
    graph = coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(index), len(index)))
    _, component = connected_components(graph, directed=False)
    members: dict[int, dict[str, _Item]] = {}
    edges: dict[int, list[tuple[str, str, float]]] = {}
    for a, b, sim in links:
        root = int(component[index[a.key]])
        members.setdefault(root, {})[a.key] = a
        members[root][b.key] = b
        edges.setdefault(root, []).append((a.key, b.key, sim))
    groups = []
    for root, items in members.items():
        keys = tuple(sorted(items))
        kinds = {i.kind for i in items.values()}
        kind = next(iter(kinds)) if len(kinds) == 1 else None
        pairs = edges[root]
        articles = {i.sentence.article_id for i in items.values()}
        groups.append(ClaimGroup(
            id=content_hash(*keys, length=10), kind=kind, members=keys,
            sentence_ids=tuple(sorted({i.sentence.id for i in items.values()})),
            pairs=tuple(sorted({tuple(sorted((x, y))) for x, y, _ in pairs})),  # type: ignore[misc]
            articles=len(articles)))
    groups.sort(key=lambda g: (-g.articles, -len(g.members), g.id))
    return groups
