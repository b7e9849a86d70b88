"""Typed records that flow between pipeline stages.

Every stage takes and returns these frozen dataclasses, never another stage's internals.
Ids are content hashes so that the same sentence (and the same discrepancy) keeps its id
across nightly runs while its text is unchanged: review decisions hang off those ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Union


def content_hash(*parts: str, length: int = 16) -> str:
    """Stable short id from text parts (sha1, like sqlite-utils' hash_record)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


_SPACE = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """NFKC + collapsed whitespace: curly/straight quote and NBSP variants hash alike."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()


def as_date(value: Any) -> dt.date | None:
    """A date from a date, datetime or ISO string (time part ignored); anything else is unknown."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


class Kind(str, Enum):
    """What a fact, and a discrepancy about it, is about."""

    DATE = "date"
    NUMBER = "number"
    DURATION = "duration"
    SINCE = "since"
    ROLE = "role"
    QUOTE = "quote"
    PROSPECT = "prospect"  # what will, or will not, happen: "is expected to meet the queen" / "is unlikely to meet"
    NAME = "name"  # near-identical sentences naming a different person or place
    CONTRADICTION = "contradiction"  # NLI-only: no typed fact explains it

    def __str__(self) -> str:  # "date", not "Kind.DATE", in reports and messages
        return self.value


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    published: dt.date | None = None
    published_inferred: bool = False  # True when guessed from the text, not from metadata
    path: str | None = None
    digest: str = ""  # content hash of text + metadata: an edited article gets a new digest
    url: str | None = None  # the page or feed entry link, where the input names one
    extractor: str | None = None  # what produced the text from a page or document, e.g. "trafilatura 2.3.1"

    def __post_init__(self) -> None:
        if not self.digest:
            pub = self.published.isoformat() if self.published else ""
            object.__setattr__(self, "digest", content_hash(self.id, self.text, pub, length=40))


@dataclass(frozen=True, slots=True)
class Skipped:
    """A unit of input that could not be used, with a reason an editor can act on."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"skipped {self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span inside one sentence (offsets into Sentence.text)."""

    label: str  # spaCy label: PERSON, ORG, GPE, DATE, TIME, CARDINAL, QUANTITY, MONEY, ...
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str  # content_hash(article_id, normalised text): stable across runs
    article_id: str
    index: int
    start: int  # character offsets into Article.text
    end: int
    text: str
    entities: tuple[Entity, ...] = ()  # from spaCy NER; empty when no NER model is available

    @staticmethod
    def make_id(article_id: str, text: str) -> str:
        return content_hash(article_id, normalise_text(text))


# --- typed fact values -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DateSpan:
    """An inclusive interval of days; ``None`` bounds mean the year (or more) is unknown.

    ``month_day`` keeps a year-less date ("February 5-6") comparable even when the article's
    publication date is unknown: (month, first_day, last_day).
    """

    start: dt.date | None
    end: dt.date | None
    granularity: str = "day"  # day | week | month | year
    month_day: tuple[int, int, int] | None = None
    approximate: bool = False

    @property
    def resolved(self) -> bool:
        return self.start is not None and self.end is not None

    def __str__(self) -> str:
        if self.resolved:
            assert self.start and self.end
            if self.start == self.end:
                return self.start.isoformat()
            return f"{self.start.isoformat()}..{self.end.isoformat()}"
        if self.month_day:
            m, d1, d2 = self.month_day
            return f"????-{m:02d}-{d1:02d}" + (f"..????-{m:02d}-{d2:02d}" if d2 != d1 else "")
        return "unresolved"


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    unit: str | None = None  # normalised unit or counted noun lemma: "hour", "people", "usd"
    low: float | None = None  # tolerance interval implied by "nearly", "about", "more than"
    high: float | None = None
    approximate: bool = False

    def __str__(self) -> str:
        number = f"{self.value:g}"
        return f"{number} {self.unit}" if self.unit else number


# Hours per time unit of a duration Quantity: the extractor and the judge read this one table.
TIME_UNIT_HOURS: dict[str, float] = {"second": 1 / 3600, "minute": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0,
                                     "month": 730.5, "year": 8766.0, "decade": 87660.0,
                                     "century": 876600.0}


@dataclass(frozen=True, slots=True)
class Role:
    person: str
    title: str

    def __str__(self) -> str:
        return f"{self.person}: {self.title}"


@dataclass(frozen=True, slots=True)
class Quote:
    speaker: str | None
    content: str

    def __str__(self) -> str:
        who = f"{self.speaker}: " if self.speaker else ""
        return f'{who}"{self.content}"'


@dataclass(frozen=True, slots=True)
class Elapsed:
    """A "first ... in five years" / "since 2019" claim: when the previous such event was."""

    previous: DateSpan
    subject: str = ""  # what the claim is about, e.g. "visit", "secretary of state"

    def __str__(self) -> str:
        return f"previous {self.subject or 'event'} {self.previous}"


@dataclass(frozen=True, slots=True)
class Prospect:
    """An act a sentence says will happen (``happens``) or will not: "is expected to meet the queen",
    "is unlikely to meet Queen Elizabeth II". ``objects``: the names (or nouns) the act is done to or with;
    ``subject``: who does it when a name says so (None for a pronoun or nothing named)."""

    act: str  # the verb as written, lower-case: "meet"
    happens: bool
    objects: tuple[str, ...] = ()
    subject: str | None = None

    def __str__(self) -> str:
        return f"{'will' if self.happens else 'will not'} {self.act} {', '.join(self.objects)}".strip()


FactValue = Union[DateSpan, Quantity, Role, Quote, Elapsed, Prospect]


# Relations (``FactAttrs.relation``) by which a date bounds its clause rather than dates it: "since Tuesday",
# "by Friday", "until the end of September".
BOUND_RELATIONS = frozenset({"since", "until", "till", "by", "before", "after"})


@dataclass(frozen=True, slots=True)
class FactAttrs:
    """What the extractors learned around a fact, as typed fields: what the claims stage and the judge read.

    ``None`` means the extractor did not say (no parse, not that kind of fact). Extractors hand in
    a dict (``Fact(..., attrs={...})``); a key without a field here lands in ``extra``, so an
    extractor can try a new cue before it earns a field. ``get(key)`` reads either, like a dict.
    """

    # the sentence's names (every fact)
    persons: tuple[str, ...] | None = None
    names: tuple[str, ...] | None = None  # organisations, events, works: named things that are not people
    places: tuple[str, ...] | None = None
    participants: tuple[str, ...] | None = None  # people in the fact's clause; None: no parse
    hedged: bool | None = None  # "may", "could", "planned": not stated as fact
    quoted: bool | None = None  # inside quotation marks: the speaker's words, said when the article may not say
    event: str | None = None  # event family of the governing verb or noun ("meet", "attack")
    event_parsed: str | None = None  # dates: the event family the parse found ("" = parsed, none found)
    verb: str | None = None  # counts: the lemma of the verb that counts ("arrested")
    # dates and elapsed-time claims
    anchor: str | None = None  # how the date was resolved: absolute, weekday, relative, inferred-year, ...
    relation: str | None = None  # the preposition before a date ("on", "since", "by"): BOUND_RELATIONS bound it
    weekday: int | None = None  # 0 = Monday, when the text named the day
    tense: str | None = None  # past / future of the governing verb
    relative: str | None = None  # the relative expression ("last month") when unanchored
    ago_days: tuple[int, int] | None = None  # "five years ago": the range in days
    date_text: str | None = None
    named: str | None = None  # a named day ("Thanksgiving")
    cue: str | None = None
    day_part: str | None = None  # "early", "late" or "local" (another place's clock): see extract/day_parts.py
    # quantities
    modifier: str | None = None  # "nearly", "more than", ...
    of: str | None = None  # the counted thing ("talks" in "three rounds of talks")
    # money: (value, currency, text) of what the text converts it to ("$11bn (£5.7bn)": ((5.7e9, "gbp", "£5.7bn"),))
    conversions: tuple[tuple[float, str, str], ...] | None = None
    complements: tuple[str, ...] | None = None  # counts: content words of the from/for/in/as... phrases (what it is of)
    scope: tuple[str, ...] | None = None  # counts: places / scope levels of the measured noun ("united states", "@world")
    # counts: the period the clause states the count for, (unit, "rel" | "abs" | "ord", n): ("season", "rel", -1)
    # for "last season"; see extract/stated_periods.py
    period: tuple[str, str, int] | None = None
    # roles
    core: str | None = None  # the title without qualifiers and determiners
    title_span: tuple[int, int] | None = None
    person_span: tuple[int, int] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of_mapping(cls, attrs: Any) -> FactAttrs:
        if isinstance(attrs, FactAttrs):
            return attrs
        known = {k: v for k, v in attrs.items() if k in _FACT_ATTR_FIELDS}
        return cls(**known, extra={k: v for k, v in attrs.items() if k not in _FACT_ATTR_FIELDS})

    def get(self, key: str, default: Any = None) -> Any:
        value = getattr(self, key) if key in _FACT_ATTR_FIELDS else self.extra.get(key)
        return default if value is None else value

    def __getitem__(self, key: str) -> Any:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: str) -> bool:
        return self.get(key) is not None

    def as_dict(self) -> dict[str, Any]:
        """The fields that are set, and ``extra``: the dict an extractor handed in."""
        out = {name: getattr(self, name) for name in _FACT_ATTR_FIELDS if getattr(self, name) is not None}
        return {**out, **self.extra}


_FACT_ATTR_FIELDS = frozenset(FactAttrs.__dataclass_fields__) - {"extra"}


@dataclass(frozen=True, slots=True)
class Fact:
    sentence_id: str
    kind: Kind
    start: int  # character offsets into Sentence.text
    end: int
    text: str  # the surface span, e.g. "February 5-6"
    value: FactValue
    resolved: bool = True  # False: could not be anchored (e.g. weekday without publication date)
    attrs: FactAttrs = field(default_factory=FactAttrs, compare=False, hash=False)  # a dict is converted

    def __post_init__(self) -> None:
        if not isinstance(self.attrs, FactAttrs):
            object.__setattr__(self, "attrs", FactAttrs.of_mapping(self.attrs or {}))


@dataclass(frozen=True, slots=True)
class CandidatePair:
    """Two related sentences from different articles (a.article_id != b.article_id)."""

    a: Sentence
    b: Sentence
    similarity: float
    claim: str | None = None  # the ClaimGroup both sentences' compared facts belong to
    facts: frozenset[str] = frozenset()  # member keys (claims.fact_key) the judge may compare; empty: all
    # The member pairs the claims stage linked as one fact (each pair sorted): only these are compared
    # value to value, so a sentence's second figure is not set against the other side's linked one.
    links: frozenset[tuple[str, str]] = frozenset()

    @property
    def key(self) -> tuple[str, str]:
        """Order-independent key: the same two sentences give the same key either way round."""
        return tuple(sorted((self.a.id, self.b.id)))  # type: ignore[return-value]


@dataclass(frozen=True, slots=True)
class Discrepancy:
    id: str  # content_hash of the two sentence ids, order-independent: one entry per pair
    kind: Kind
    confidence: float  # 0..1
    a: Sentence
    b: Sentence
    a_value: str | None  # normalised values shown to the editor, e.g. "2023-02-05..2023-02-06"
    b_value: str | None
    explanation: str  # one line
    a_span: tuple[int, int] | None = None  # offsets into a.text of the conflicting span
    b_span: tuple[int, int] | None = None
    signals: dict[str, float] = field(default_factory=dict, compare=False, hash=False)
    status: str = "new"  # new | open | confirmed (dismissed ones are never reported)
    first_seen: str | None = None  # run id/timestamp when first reported
    claim: str | None = None  # ClaimGroup.id: every variant of one fact shares it

    @staticmethod
    def make_id(a: Sentence, b: Sentence) -> str:
        first, second = sorted((a.id, b.id))
        return content_hash(first, second, length=12)



@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same story: sentences are compared only inside one.

    ``id`` is kept across runs (a new article joins a story, the id stays). ``articles`` are
    this run's members, most central first; ``start``/``end`` span their publication dates.
    ``inferred``: (article id, earliest, latest) publication ranges of undated members,
    guessed from the story's dated articles and the article's own text.
    """

    id: str
    title: str | None
    articles: tuple[str, ...]
    first_seen: str | None = None  # run id that opened the story
    start: dt.date | None = None
    end: dt.date | None = None
    central: str | None = None  # the member closest to the story's centroid: its title names the story
    inferred: tuple[tuple[str, dt.date, dt.date], ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimGroup:
    """Facts (or near-identical sentences) of several articles of one story that state the same thing.

    ``members``: fact keys ("<sentence id>:<start>:<end>") or, for sentence-level groups, sentence ids.
    ``pairs``: the member pairs linked as one fact, the only ones whose values the judge compares.
    """

    id: str
    kind: Kind | None  # None: a sentence-level (paraphrase) group
    members: tuple[str, ...]
    sentence_ids: tuple[str, ...]
    pairs: tuple[tuple[str, str], ...]
    articles: int
