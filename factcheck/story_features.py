"""What the story stage reads from an article besides its vector: named subjects, content words, periods;
and the local scaling of a batch's similarities (``locally_scaled``).

Entities and rare words tell same-topic stories apart where a sentence embedding sees only
"an earnings report"; the periods a title and lead name tell recurring reports apart.

Monthly jobs reports, weekly jobless claims and quarterly results look alike to every other
signal of the story stage (same words, same agencies, no metadata date in many feeds), but
their titles and leads say which period they are about: "224,000 jobs in June" vs "379,000
jobs in February". Two articles that both name months there and share none, or both name
years and share none, lose ``StoryClusterer.period_penalty`` similarity; so do two that name days
("week ended Feb. 14" vs "week ended Feb. 21") and share none. Months, years and days are
compared separately: "last August" and "in 2023" do not contradict each other. Weekly reports
often name no date at all ("last week") but lead with their figure ("claims rose to 778,000"):
two articles whose titles + leads both name figures of a thousand or more and share none (at
two significant digits, so "719K" is "719,000") lose ``StoryClusterer.figure_penalty``.

>>> sorted(period_keys("US adds 224,000 jobs in June", "The economy added jobs in June 2019."))
['figure:2.2e+05', 'month:june', 'year:2019']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import numpy as np

# Who a title names: two titles that each name an organisation or a person and share none of
# their words are two stories, however alike their template ("XYZ CORP 1ST QTR NET").
SUBJECT_LABELS = frozenset({"ORG", "PERSON"})
# Legal-form words name no one: "Cobanco Inc" and "Farmers Group Inc" share no subject.
SUBJECT_GENERIC_WORDS = frozenset({"inc", "corp", "corporation", "company", "ltd", "plc", "group", "holdings",
                                   "llc", "bancorp", "international", "national", "american", "first"})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z][a-z'’-]{2,}")
_POSSESSIVE = re.compile(r"['’]s$")
_NOT_A_NAME = re.compile(r"[0-9<>]")  # a span with digits or markup ("Drb> 4Th Qtr Net") is NER noise, not a name

PERIOD_LEAD_CHARS = 300  # the title plus this much of the text: where a report says which period it covers
PERIOD_PREFIX = "period:"  # stored next to the bag's keys (store_stories), kept apart from the lexical channel
# "May" alone is left out: mostly the verb; followed by a day number ("May 5") it is the month.
_MONTHS = ("january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december")
_PERIOD = re.compile(r"\b(" + "|".join(_MONTHS) + r"|(?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_OF = {m[:3]: m for m in (*_MONTHS, "may")}
# A month (full or abbreviated) and a day number: "week ended Feb. 14", "on December 5".
_DAY = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?![,.]?\d)",
                  re.IGNORECASE)
# A figure of a thousand or more: "778,000", "1.3 million", "719K", "3.2M", "$8.3 bln".
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]*\.\d)")
_SCALED = re.compile(r"(?<![\d.,])(\d+(?:\.\d+)?)\s*(trillion|billion|million|bln|mln|bn|k|m)\b", re.IGNORECASE)
_SCALE = {"k": 1e3, "m": 1e6, "mln": 1e6, "million": 1e6, "bn": 1e9, "bln": 1e9, "billion": 1e9, "trillion": 1e12}
FIGURE_DIGITS = 2  # figures compare at two significant digits: "2.123 million" and "2.1 million" are one figure
PERIOD_KINDS = ("month:", "year:", "day:")  # compared one kind at a time (periods_disjoint)
# What stands in for a missing metadata date (StoryClusterer.undated_period_penalty): months only. An undated
# article's named day is mostly its dateline, and one story's outlets write on different days (ECB+: 83
# same-story undated pairs of the tune half name disjoint days, NeuS's wrongly joined pairs 4); its years are
# mostly background ("lowest since 2000"). Months alone were best on the tune half (README).
UNDATED_PERIOD_KINDS = ("month:",)
FIGURE_KIND = "figure:"  # compared on their own (figures_disjoint): StoryClusterer.figure_penalty
TITLE_KIND = "title:"  # a title's words, kept with the periods (and stored with them): subjects_differ's template
_MARKUP = re.compile(r"<[^>]*>")  # wire tickers ("<HVM>") name the company: not part of the template


def period_keys(title: str | None, text: str, lead_chars: int = PERIOD_LEAD_CHARS) -> frozenset[str]:
    """'month:june', 'year:2019', 'day:feb-14', 'figure:7.8e+05' keys named in the title and the first
    ``lead_chars`` of the text: the period a recurring report covers and the figures it leads with."""
    lead = f"{title or ''}\n{text[:lead_chars]}"
    keys = {f"year:{m}" if m.isdigit() else f"month:{m.lower()}" for m in _PERIOD.findall(lead)}
    for month, day in _DAY.findall(lead):
        if 1 <= int(day) <= 31:
            name = _MONTH_OF[month[:3].lower()]
            keys.update((f"month:{name}", f"day:{name[:3]}-{int(day)}"))
    values = [float(m.replace(",", "")) for m in _GROUPED.findall(lead)]
    values += [float(n) * _SCALE[unit.lower()] for n, unit in _SCALED.findall(lead)]
    keys.update(f"{FIGURE_KIND}{float(f'{v:.{FIGURE_DIGITS}g}'):.{FIGURE_DIGITS - 1}e}" for v in values if v >= 1000)
    return frozenset(keys)


def title_keys(title: str | None) -> frozenset[str]:
    """'title:qtr', 'title:net', ... : the title's content words, tickers and legal-form words out."""
    words = content_terms(_MARKUP.sub(" ", title or ""), "")
    return frozenset(TITLE_KIND + w for w in words if w not in SUBJECT_GENERIC_WORDS)


def title_words(keys: Iterable[str]) -> frozenset[str]:
    """The title's words among an article's (or story's) period keys: ``title_keys`` undone."""
    return frozenset(k[len(TITLE_KIND):] for k in keys if k.startswith(TITLE_KIND))


def subjects_differ(sa: Sequence, sb: Sequence, pa: Sequence, pb: Sequence, template_share: float) -> np.ndarray:
    """(len(a), len(b)) booleans: the titles name different subjects (``sets_disjoint``) in one template.

    Template: the title words besides its own subjects; the two must share at least
    ``template_share`` of the shorter one's ("Halverson Mills 4th qtr net" / "Dorrance Corp 4th
    qtr net": all of "qtr net"). Outlets headline one story in their own words and often lead
    with different actors ("Pelosi sends articles" / "McConnell sets trial rules"), so titles in
    different words are left alone; 0 drops the template condition.
    """
    out = sets_disjoint(sa, sb)
    if not template_share or not out.any():
        return out

    def template(subjects, keys, index):  # only the rows and columns the subjects set apart: cheap per online step
        return [title_words(keys[i]) - set(subjects[i]) for i in index]

    rows, cols = np.flatnonzero(out.any(axis=1)), np.flatnonzero(out.any(axis=0))
    ta, tb = template(sa, pa, rows), template(sb, pb, cols)
    shared = set_overlaps(ta, tb)
    la = np.array([len(t) for t in ta], dtype=np.float32)
    lb = np.array([len(t) for t in tb], dtype=np.float32)
    shorter = np.minimum(la[:, None], lb[None, :])
    out[np.ix_(rows, cols)] &= (shorter > 0) & (shared >= template_share * shorter)
    return out


def _of_kind(sets: Sequence, kind: str) -> list[frozenset[str]]:
    return [frozenset(k for k in s if k.startswith(kind)) for s in sets]


def periods_disjoint(pa: Sequence, pb: Sequence, kinds: Sequence[str] = PERIOD_KINDS) -> np.ndarray:
    """(len(a), len(b)) booleans: both name months (or years, or days: ``kinds``) and share none of that kind."""
    out = np.zeros((len(pa), len(pb)), dtype=bool)
    for kind in kinds:
        out |= sets_disjoint(_of_kind(pa, kind), _of_kind(pb, kind))
    return out


def figures_disjoint(pa: Sequence, pb: Sequence) -> np.ndarray:
    """(len(a), len(b)) booleans: both titles + leads name figures of a thousand or more and share none.

    Weekly jobless claims lead with "778,000" one week and "576,000" another; outlets reporting
    one week round the same figure ("719,000", "719K"), which two significant digits keep equal.
    """
    return sets_disjoint(_of_kind(pa, FIGURE_KIND), _of_kind(pb, FIGURE_KIND))


def sets_disjoint(sa: Sequence, sb: Sequence) -> np.ndarray:
    """(len(a), len(b)) booleans: both sides name something (title subjects, periods) and share none of it."""
    named_a = np.array([bool(s) for s in sa])
    named_b = np.array([bool(s) for s in sb])
    return named_a[:, None] & named_b[None, :] & ~(set_overlaps(sa, sb) > 0)


def set_overlaps(sa: Sequence, sb: Sequence) -> np.ndarray:
    """(len(a), len(b)) counts of the members each pair of sets shares (one sparse product)."""
    vocab: dict[str, int] = {}
    def rows(sets):
        from scipy.sparse import csr_matrix

        indptr, cols = [0], []
        for s in sets:
            cols.extend(vocab.setdefault(w, len(vocab)) for w in s)
            indptr.append(len(cols))
        return csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(sets), max(len(vocab), 1)))

    a, b = rows(sa), rows(sb)
    a.resize((a.shape[0], max(len(vocab), 1)))
    return (a @ b.T).toarray()


def entity_key(label: str, text: str) -> str | None:
    """'PERSON', 'President Barack Obama's' -> 'person:obama': surnames match across first-name use."""
    text = _POSSESSIVE.sub("", _SPACE.sub(" ", text).strip()).lower()
    if text.startswith("the "):
        text = text[4:]
    if len(text) < 2 or not any(ch.isalpha() for ch in text):
        return None
    if label == "PERSON":
        text = text.split(" ")[-1]
    group = {"GPE": "place", "LOC": "place", "FAC": "place", "PERSON": "person", "ORG": "org"}.get(label, label.lower())
    return f"{group}:{text}"


def content_terms(title: str | None, text: str) -> tuple[str, ...]:
    """Lower-cased words of three letters or more, English stop words out: the lexical channel.

    Rare shared words (a company, a town, a bill's name) tell two same-topic stories apart
    where a sentence embedding sees only "an earnings report" or "a bridge closure".
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = _WORD.findall(f"{title or ''}\n{text}".lower())
    return tuple(w for w in words if w not in ENGLISH_STOP_WORDS)


def title_entities(nlp, titles: Iterable[str], batch_size: int = 64) -> list[list[tuple[str, str]]]:
    """(text, label) NER spans per title through a spaCy pipeline; all-capitals titles are title-cased first.

    spaCy's small model finds almost no names in "XYZ CORP 1ST QTR NET"; in "Xyz Corp 1St Qtr
    Net" it finds the company, which is all the story stage needs from a title.
    """
    texts = [t.title() if t.isupper() else t for t in titles]
    with nlp.select_pipes(enable=[p for p in ("tok2vec", "ner") if p in nlp.pipe_names]):
        return [[(e.text, e.label_) for e in doc.ents] for doc in nlp.pipe(texts, batch_size=batch_size)]


def title_subjects(entities: Iterable[tuple[str, str]]) -> frozenset[str]:
    """(text, label) spans of a title -> the words of the organisations and people it names.

    Words, not whole names: "Ohio Mattress Co" and "Ohio Mattress" are one subject.
    """
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    words = (w for text, label in entities if label in SUBJECT_LABELS and not _NOT_A_NAME.search(text)
             for w in _WORD.findall(text.lower()))
    return frozenset(_POSSESSIVE.sub("", w) for w in words
                     if w not in ENGLISH_STOP_WORDS and w not in SUBJECT_GENERIC_WORDS)


def locally_scaled(sim: np.ndarray, scaling: float, neighbours: int, top: float = 1.0,
                   chunk: int = 1024) -> np.ndarray:
    """A square batch similarity minus ``scaling`` · (r_a + r_b) / 2, in place; the diagonal is set to ``top``.

    r_a is a's mean similarity to its ``neighbours`` nearest other articles (CSLS, Conneau et
    al. 2018, "Word translation without parallel data"). A running topic (a month of
    impeachment news, weekly jobless claims) packs many stories close together and one global
    threshold joins them, while an isolated story's outlets may word it quite differently:
    scaling by each article's own neighbourhood raises the bar in dense regions and lowers it
    in sparse ones. r is found chunk by chunk of rows, so no second n x n matrix is needed.
    """
    n = len(sim)
    if not scaling or n < 2:
        return sim
    k = max(1, min(neighbours, n - 1))
    np.fill_diagonal(sim, -np.inf)  # an article is not its own neighbour
    nearest = np.empty(n, dtype=np.float32)
    for lo in range(0, n, chunk):
        nearest[lo:lo + chunk] = np.partition(sim[lo:lo + chunk], n - k, axis=1)[:, n - k:].mean(axis=1)
    np.fill_diagonal(sim, top)
    half = np.float32(scaling / 2.0)
    sim -= half * nearest[:, None]
    sim -= half * nearest[None, :]
    return sim


class SubjectIndex:
    """``subjects_differ`` for one article against the stories an online pass has opened so far.

    Word -> stories inverted indexes, so one step costs the article's few title words, not a
    sparse matrix over every story (the online scheme takes one step per article).
    """

    def __init__(self) -> None:
        self.subject_of: dict[str, set[int]] = {}
        self.title_of: dict[str, set[int]] = {}
        self.subjects: list[set[str]] = []
        self.titles: list[set[str]] = []
        # Per story, in arrays grown by doubling (one np.append per new story copied them all: n^2):
        self._named = np.zeros(64, dtype=bool)  # the story's titles name someone
        self._template_len = np.zeros(64, dtype=np.float32)  # its title words besides its subjects

    @property
    def named(self) -> np.ndarray:
        return self._named[:len(self.subjects)]

    @property
    def template_len(self) -> np.ndarray:
        return self._template_len[:len(self.subjects)]

    def grow(self, story: int, subjects: Iterable[str], keys: Iterable[str]) -> None:
        """Story ``story`` (the next new index, or an existing one) takes an article's subjects and title words."""
        if story == len(self.subjects):
            self.subjects.append(set())
            self.titles.append(set())
            if story == len(self._named):
                self._named = np.concatenate([self._named, np.zeros_like(self._named)])
                self._template_len = np.concatenate([self._template_len, np.zeros_like(self._template_len)])
        for w in subjects:
            self.subjects[story].add(w)
            self.subject_of.setdefault(w, set()).add(story)
        for w in title_words(keys):
            self.titles[story].add(w)
            self.title_of.setdefault(w, set()).add(story)
        self.named[story] = bool(self.subjects[story])
        self.template_len[story] = len(self.titles[story] - self.subjects[story])

    def differ(self, subjects: frozenset[str], keys: Iterable[str], template_share: float) -> np.ndarray:
        """(stories so far,) booleans: as ``subjects_differ`` with the stories' pooled titles and subjects."""
        if not subjects:
            return np.zeros(len(self.subjects), dtype=bool)
        out = self.named.copy()
        for w in subjects:
            out[list(self.subject_of.get(w, ()))] = False
        if not template_share or not out.any():
            return out
        mine = title_words(keys) - subjects
        shared = np.zeros(len(out), dtype=np.float32)
        for w in mine:
            for j in self.title_of.get(w, ()):
                shared[j] += w not in self.subjects[j]
        shorter = np.minimum(np.float32(len(mine)), self.template_len)
        return out & (shorter > 0) & (shared >= template_share * shorter)
