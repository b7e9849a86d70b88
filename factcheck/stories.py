"""Articles + per-article vectors + entities + dates -> list[Story]: which articles tell the same story.

Sentences are compared only inside a story, so this stage decides what the checker may compare.
Three signals tell stories apart (Miranda et al. 2018, "Multilingual clustering of streaming
news"): what the article is about (a vector: title + lead + the mean of its sentence vectors),
who and where (named people, organisations and places, plus the article's content words, all
weighted by rarity), and when (two dated articles far apart in time are rarely one story): a
weighted mean of the vectors' cosine and the lexical overlap, minus a penalty for a time gap.

Two ways to group, chosen by ``StoryClusterer.method``:

* ``agglomerative`` (default): scikit-learn average-linkage clustering with a distance
  threshold over the batch's articles. Average linkage needs every member to be close to the
  others on average, so one shared name cannot chain two stories together.
* ``online``: each article in date order joins the most similar story above the threshold or
  opens one (the streaming scheme of Miranda et al.).

Either way a nightly run is incremental: an article first tries the stories already kept in
the store (by their centroids); only the rest are clustered among themselves. Story ids never
change once given, and articles an editor placed stay where they were put.

>>> import numpy as np, datetime as dt
>>> p = [ArticleProfile("a", np.array([1.0, 0.0]), ("person:blinken",), dt.date(2023, 6, 18)),
...      ArticleProfile("b", np.array([0.96, 0.28]), ("person:blinken",), dt.date(2023, 6, 19)),
...      ArticleProfile("c", np.array([0.0, 1.0]), ("org:fed",), dt.date(2023, 6, 19))]
>>> sorted(sorted(g) for g in StoryClusterer().fit_predict(p))
[['a', 'b'], ['c']]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.spatial.distance import squareform

from .records import Article, Sentence, content_hash
from .story_features import (content_terms, entity_key, figures_disjoint, locally_scaled, period_keys,
                             periods_disjoint, SubjectIndex, subjects_differ, title_keys, UNDATED_PERIOD_KINDS)

# spaCy labels that name who and where a story is about (dates and numbers are not identities).
STORY_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
ENTITY_DIM = 2**15  # hashed entity + word features: fixed width, so stored centroids stay comparable
LEAD_SENTENCES = 3  # the lead states what the story is; it gets its own weight in the vector
LEAD_WEIGHT = 1.0
TITLE_WEIGHT = 1.0
BODY_WEIGHT = 1.0
PROFILE_VERSION = "1"  # bump when vectors or entities of profile_articles change: cached evaluation profiles are keyed by it
SUBJECT_PREFIX = "subject:"  # stored next to the bag's keys (store_stories), kept apart from the lexical channel
SIMILARITY_ROWS = 512  # rows of the story similarity built at once (memory, not results)
AGGLOMERATIVE_LIMIT = 12_000  # past this many new articles one batch would need n x n memory: go online

@dataclass(frozen=True, slots=True)
class ArticleProfile:
    """What the story stage knows about one article: its vector, entities and metadata date."""

    article_id: str
    vector: np.ndarray  # unit length
    entities: tuple[str, ...]  # normalised "label:text" keys, repeated per mention
    published: dt.date | None  # metadata date only: an inferred date must not steer grouping
    terms: tuple[str, ...] = ()  # content words of title + text (stop words out), one per occurrence
    subjects: frozenset[str] = frozenset()  # words of the organisations / people the title names
    periods: frozenset[str] = frozenset()  # months / years / days / figures its title and lead name, and its title's
    # words ('title:' keys, the template of subjects_differ): story_features

    @property
    def bag(self) -> list[str]:
        """What the lexical channel compares: entity keys and content words together."""
        return [*self.entities, *self.terms]


@dataclass
class StoryState:
    """A kept story as the next run sees it: id, members and centroid (mutable while a run builds it)."""

    id: str
    articles: list[str]
    vector_sum: np.ndarray
    entities: Counter = field(default_factory=Counter)
    start: dt.date | None = None
    end: dt.date | None = None
    first_seen: str | None = None
    title: str | None = None
    subjects: set[str] = field(default_factory=set)
    periods: set[str] = field(default_factory=set)

    def add(self, profile: ArticleProfile) -> None:
        if profile.article_id not in self.articles:
            self.articles.append(profile.article_id)
        self.vector_sum = self.vector_sum + profile.vector
        self.entities.update(profile.bag)
        self.subjects.update(profile.subjects)
        self.periods.update(profile.periods)
        if profile.published:
            self.start = min(self.start or profile.published, profile.published)
            self.end = max(self.end or profile.published, profile.published)


def story_id(founder: str) -> str:
    """A story's id comes from the article that opened it: stable across runs, readable in a CLI."""
    return "s-" + content_hash("story", founder, length=10)


def profile_articles(articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]],
                     vectors: Mapping[str, np.ndarray], title_vectors: Mapping[str, np.ndarray] | None = None,
                     subjects: Mapping[str, frozenset[str]] | None = None) -> list[ArticleProfile]:
    """One profile per article: vector = title + lead + body mean (each normalised), entities, date."""
    title_vectors = title_vectors or {}
    subjects = subjects or {}
    out = []
    for article in articles:
        sents = list(sentences.get(article.id, ()))
        rows = [vectors[s.id] for s in sents if s.id in vectors]
        if not rows:
            continue
        matrix = np.asarray(rows, dtype=np.float32)
        parts = [BODY_WEIGHT * _unit(matrix.mean(axis=0)), LEAD_WEIGHT * _unit(matrix[:LEAD_SENTENCES].mean(axis=0))]
        if article.id in title_vectors:
            parts.append(TITLE_WEIGHT * _unit(np.asarray(title_vectors[article.id], dtype=np.float32)))
        keys = [entity_key(e.label, e.text) for s in sents for e in s.entities if e.label in STORY_ENTITY_LABELS]
        out.append(ArticleProfile(article.id, _unit(np.sum(parts, axis=0)), tuple(k for k in keys if k),
                                  None if article.published_inferred else article.published,
                                  content_terms(article.title, article.text), subjects.get(article.id, frozenset()),
                                  period_keys(article.title, article.text) | title_keys(article.title)))
    return out


def _unit(v: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(v))
    return (v / norm).astype(np.float32) if norm > 0 else v.astype(np.float32)


def _hash_entities(bags: Sequence[Mapping[str, float] | Sequence[str]]):
    """Hashed entity counts, sparse (n, ENTITY_DIM), sublinear tf: two mentions are not twice one."""
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=ENTITY_DIM, input_type="dict", alternate_sign=False)
    dicts = [dict(Counter(b)) if not isinstance(b, Mapping) else dict(b) for b in bags]
    matrix = hasher.transform(dicts).astype(np.float32).tocsr()
    matrix.data = np.log1p(matrix.data)
    return matrix


class StoryClusterer:
    """Groups article profiles into stories; parameters only in the constructor (scikit-learn style).

    ``threshold``: combined similarity at which two articles (or an article and a story) are one
    story. ``entity_weight``: share of the lexical overlap (cosine of idf-weighted bags of entity
    keys and content words) in that similarity; the vectors' cosine gets the rest. ``window_days`` / ``time_penalty``: two dated articles further
    apart than the window lose that much similarity. ``subject_penalty``: titles naming different
    organisations / people, in one template when ``subject_template`` (``story_features.subjects_differ``); ``period_penalty``: titles + leads naming different months, years or days;
    ``figure_penalty``: titles + leads leading with different figures (``story_features``). ``undated_period_penalty``:
    the penalty for pairs with an undated side only whose titles + leads name months and share none (no metadata
    date: the months named stand in for it, as ``time_penalty`` does for dated pairs;
    ``story_features.UNDATED_PERIOD_KINDS``); two dated articles get ``period_penalty`` alone. Defaults: chosen on the tune half of the
    mixed evaluation corpus (``factcheck eval --stories --retune``).

    ``local_scaling`` / ``local_neighbours`` / ``local_threshold``: the batch (agglomerative)
    clustering cuts a locally scaled similarity at ``local_threshold`` (``story_features.
    locally_scaled``: a dense running topic needs more to join than an isolated story); joins to
    kept stories and the online method use the raw similarity and ``threshold``. 0: off.
    """

    def __init__(self, threshold: float = 0.425, entity_weight: float = 0.5, window_days: int = 7,
                 time_penalty: float = 0.3, method: str = "agglomerative", subject_penalty: float = 0.0,
                 period_penalty: float = 0.0, local_scaling: float = 0.5, local_neighbours: int = 3,
                 local_threshold: float = 0.175, figure_penalty: float = 0.0, subject_template: float = 0.0,
                 undated_period_penalty: float = 0.0) -> None:
        self.threshold = threshold
        self.entity_weight = entity_weight
        self.window_days = window_days
        self.time_penalty = time_penalty
        self.method = method
        self.subject_penalty = subject_penalty
        self.period_penalty = period_penalty
        self.local_scaling = local_scaling
        self.local_neighbours = local_neighbours
        self.local_threshold = local_threshold
        self.figure_penalty = figure_penalty
        self.subject_template = subject_template
        self.undated_period_penalty = undated_period_penalty

    # --- similarity ------------------------------------------------------------------------

    @property
    def top_similarity(self) -> float:
        """The highest combined similarity: identical vectors and identical entities."""
        return 1.0

    def _features(self, vectors: np.ndarray, bags: Sequence, idf: np.ndarray):
        """Unit vectors (dense) and unit idf-weighted entity rows (sparse: a few dozen names each)."""
        from sklearn.preprocessing import normalize

        units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        ents = normalize(_hash_entities(bags).multiply(idf[None, :]).tocsr())
        return units.astype(np.float32), ents.astype(np.float32)

    def similarity(self, va: np.ndarray, ea: np.ndarray, da: Sequence, vb: np.ndarray, eb: np.ndarray,
                   db: Sequence, sa: Sequence | None = None, sb: Sequence | None = None,
                   pa: Sequence | None = None, pb: Sequence | None = None) -> np.ndarray:
        """(len(a), len(b)) combined similarity; da/db hold (start, end) ordinal day spans or None,
        sa/sb the title subjects (sets of words), pa/pb the named periods of each row.

        The vectors' cosines come from one matrix product (a product of a few rows can round
        differently); the rest is added ``SIMILARITY_ROWS`` rows at a time, in place: each pair's value
        depends on that pair alone, and whole-matrix temporaries (day gaps in int64, penalties in
        float64) took 3.3 GB at 10,000 articles."""
        sim = va @ vb.T
        sim *= 1.0 - self.entity_weight
        for lo in range(0, len(va), SIMILARITY_ROWS):
            rows = slice(lo, lo + SIMILARITY_ROWS)
            self._add_rows(sim[rows], ea[rows], da[rows], eb, db, None if sa is None else sa[rows], sb,
                           None if pa is None else pa[rows], pb)
        return sim.astype(np.float32, copy=False)

    def _add_rows(self, sim: np.ndarray, ea, da, eb, db, sa, sb, pa, pb) -> None:
        """The entity overlap and the penalties of some rows, added into ``sim`` (a view of those rows)."""
        sim += self.entity_weight * (ea @ eb.T).toarray()
        _penalise(sim, self.time_penalty, _day_gap(da, db) > self.window_days)
        if self.subject_penalty and sa is not None and sb is not None:
            _penalise(sim, self.subject_penalty, subjects_differ(sa, sb, pa if pa is not None else [()] * len(sa),
                                                                 pb if pb is not None else [()] * len(sb),
                                                                 self.subject_template))
        if self.period_penalty and pa is not None and pb is not None:
            _penalise(sim, self.period_penalty, periods_disjoint(pa, pb))
        if self.undated_extra and pa is not None and pb is not None:
            _penalise(sim, self.undated_extra, periods_disjoint(pa, pb, UNDATED_PERIOD_KINDS) & _undated(da, db))
        if self.figure_penalty and pa is not None and pb is not None:
            _penalise(sim, self.figure_penalty, figures_disjoint(pa, pb))

    @property
    def undated_extra(self) -> float:
        """What a pair with an undated side loses for disjoint months on top of ``period_penalty``: the
        larger of the two applies, never their sum."""
        return max(self.undated_period_penalty - self.period_penalty, 0.0)

    @property
    def cut_threshold(self) -> float:
        """Where the batch clustering cuts: on the locally scaled similarity when scaling is on."""
        return self.local_threshold if self.local_scaling else self.threshold

    def locally_scaled(self, sim: np.ndarray) -> np.ndarray:
        """A square batch similarity, locally scaled in place with this clusterer's parameters."""
        return locally_scaled(sim, self.local_scaling, self.local_neighbours, self.top_similarity)

    # --- grouping --------------------------------------------------------------------------

    def fit_predict(self, profiles: Sequence[ArticleProfile]) -> list[list[str]]:
        """Groups of article ids for a batch with no kept stories (evaluation, a first run)."""
        return [s.articles for s in self.assign(profiles, [])]

    def assign(self, profiles: Sequence[ArticleProfile], kept: Sequence[StoryState],
               pinned: Mapping[str, str] | None = None) -> list[StoryState]:
        """Kept stories grown by the profiles, plus new stories; ``pinned``: article -> story an editor chose.

        Returns the stories that hold at least one of ``profiles`` (kept ones keep their ids).
        """
        pinned = pinned or {}
        states = {s.id: s for s in kept}
        touched: dict[str, StoryState] = {}
        free = []
        for p in profiles:
            story = states.get(pinned.get(p.article_id, ""))
            if story is not None:
                if p.article_id not in story.articles:
                    story.add(p)
                touched[story.id] = story
            else:
                free.append(p)
        if not free:
            return list(touched.values())
        idf = _idf([p.bag for p in free] + [s.entities for s in kept])
        vecs, ents = self._features(np.stack([p.vector for p in free]), [p.bag for p in free], idf)
        days = [_span(p.published, p.published) for p in free]
        subjects = [p.subjects for p in free]
        periods = [p.periods for p in free]
        rest = list(range(len(free)))
        if kept:
            # Join a kept story: the nightly case. Already-member articles go straight back.
            member_of = {a: s for s in kept for a in s.articles}
            k_vecs, k_ents = self._features(np.stack([s.vector_sum for s in kept]), [s.entities for s in kept], idf)
            k_days = [_span(s.start, s.end) for s in kept]
            sims = self.similarity(vecs, ents, days, k_vecs, k_ents, k_days, subjects, [s.subjects for s in kept],
                                   periods, [s.periods for s in kept])
            rest = []
            for i, p in enumerate(free):
                if p.article_id in member_of:
                    touched[member_of[p.article_id].id] = member_of[p.article_id]
                    continue
                best = int(np.argmax(sims[i]))
                if sims[i, best] >= self.threshold:
                    kept[best].add(p)
                    touched[kept[best].id] = kept[best]
                else:
                    rest.append(i)
        if rest:
            labels = self._group(vecs[rest], ents[rest], [days[i] for i in rest], [free[i] for i in rest])
            groups: dict[int, list[int]] = {}
            for i, label in zip(rest, labels):
                groups.setdefault(int(label), []).append(i)
            for members in groups.values():
                founder = free[members[0]]
                state = StoryState(story_id(founder.article_id), [], np.zeros_like(founder.vector))
                for i in members:
                    state.add(free[i])
                touched[state.id] = state
        return list(touched.values())

    def _group(self, vecs: np.ndarray, ents: np.ndarray, days: list, profiles: Sequence[ArticleProfile]) -> np.ndarray:
        subjects = [p.subjects for p in profiles]
        periods = [p.periods for p in profiles]
        n = len(vecs)
        if n == 1:
            return np.zeros(1, dtype=int)
        if self.method == "agglomerative" and n <= AGGLOMERATIVE_LIMIT:
            top = self.top_similarity  # similarity -> a distance that is never negative
            sim = self.locally_scaled(self.similarity(vecs, ents, days, vecs, ents, days, subjects, subjects,
                                                      periods, periods))
            distance = np.subtract(top, sim, out=sim)
            np.fill_diagonal(distance, 0.0)
            np.maximum(distance, 0.0, out=distance)
            condensed = squareform(distance, checks=False).astype(np.float64)
            del sim, distance  # the square matrix goes before the linkage builds its own
            return average_linkage_labels(condensed, max(top - self.cut_threshold, 0.0))
        return self._online(vecs, ents, days, profiles)

    def _online(self, vecs: np.ndarray, ents, days: list, profiles: Sequence[ArticleProfile]) -> np.ndarray:
        """Miranda et al. 2018: in date order, join the best centroid above threshold or open a story.

        Centroid sums live in preallocated arrays with their norms kept up to date, so one step
        costs a matrix-vector product over the stories so far, and entity overlap only touches
        the article's few entity columns.
        """
        n = len(vecs)
        order = sorted(range(n), key=lambda i: (profiles[i].published or dt.date.max, i))
        labels = np.full(n, -1)
        c_vec = np.zeros((n, vecs.shape[1]), dtype=np.float32)
        c_ent = np.zeros((min(n, 256), ents.shape[1]), dtype=np.float32)  # grows by doubling: wide rows
        v_norm = np.ones(n, dtype=np.float32)
        e_norm = np.ones(n, dtype=np.float32)
        c_days: list = []
        titled = SubjectIndex()  # the stories' title subjects and words (subject_penalty)
        c_periods: list[set[str]] = []
        k = 0
        for i in order:
            row = ents.getrow(i)
            cols, vals = row.indices, row.data
            if k:
                text = (c_vec[:k] @ vecs[i]) / v_norm[:k]
                ent = (c_ent[:k][:, cols] @ vals) / e_norm[:k] if len(cols) else np.zeros(k, dtype=np.float32)
                sims = (1.0 - self.entity_weight) * text + self.entity_weight * ent
                sims = sims - self.time_penalty * (_day_gap([days[i]], c_days)[0] > self.window_days)
                if self.subject_penalty and profiles[i].subjects:
                    sims = sims - self.subject_penalty * titled.differ(profiles[i].subjects, profiles[i].periods,
                                                                       self.subject_template)
                if self.period_penalty and profiles[i].periods:  # most articles name no period: skip the matrix
                    sims = sims - self.period_penalty * periods_disjoint([profiles[i].periods], c_periods)[0]
                if self.undated_extra and profiles[i].periods:
                    sims = sims - self.undated_extra * (periods_disjoint([profiles[i].periods], c_periods,
                                                                         UNDATED_PERIOD_KINDS)[0]
                                                        & _undated([days[i]], c_days)[0])
                if self.figure_penalty and profiles[i].periods:
                    sims = sims - self.figure_penalty * figures_disjoint([profiles[i].periods], c_periods)[0]
                best = int(np.argmax(sims))
                if sims[best] >= self.threshold:
                    labels[i] = best
                    self._grow(c_vec, c_ent, v_norm, e_norm, best, vecs[i], cols, vals)
                    c_days[best] = _merge_span(c_days[best], days[i])
                    titled.grow(best, profiles[i].subjects, profiles[i].periods)
                    c_periods[best] |= profiles[i].periods
                    continue
            labels[i] = k
            if k == len(c_ent):
                c_ent = np.vstack([c_ent, np.zeros_like(c_ent)])
            self._grow(c_vec, c_ent, v_norm, e_norm, k, vecs[i], cols, vals)
            c_days.append(days[i])
            titled.grow(k, profiles[i].subjects, profiles[i].periods)
            c_periods.append(set(profiles[i].periods))
            k += 1
        return labels

    @staticmethod
    def _grow(c_vec, c_ent, v_norm, e_norm, row, vec, cols, vals) -> None:
        c_vec[row] += vec
        v_norm[row] = max(float(np.linalg.norm(c_vec[row])), 1e-12)
        if len(cols):
            c_ent[row, cols] += vals
            e_norm[row] = max(float(np.linalg.norm(c_ent[row])), 1e-12)


def _idf(bags: Sequence) -> np.ndarray:
    """Smoothed inverse document frequency per hashed entity column: 'us' counts less than 'blinken'."""
    counts = _hash_entities(bags)
    df = np.bincount(counts.indices, minlength=ENTITY_DIM)
    n = max(len(bags), 1)
    return (np.log((1 + n) / (1 + df)) + 1.0).astype(np.float32)


def _span(start: dt.date | None, end: dt.date | None) -> tuple[int, int] | None:
    if start is None or end is None:
        return None
    return start.toordinal(), end.toordinal()


def _merge_span(a, b):
    if a is None:
        return b
    if b is None:
        return a
    return min(a[0], b[0]), max(a[1], b[1])


def _penalise(sim: np.ndarray, penalty: float, where: np.ndarray) -> None:
    """``sim -= penalty * where`` in place, without the float64 matrix that expression builds (the
    subtraction still runs in float64, so every value is what the expression gives)."""
    np.subtract(sim, np.float64(penalty), out=sim, where=where, casting="same_kind")


def average_linkage_labels(condensed: np.ndarray, threshold: float) -> np.ndarray:
    """Labels of average-linkage clustering of condensed distances (``squareform``), merging below
    ``threshold``: the partition of scikit-learn's ``AgglomerativeClustering(metric="precomputed",
    linkage="average", distance_threshold=threshold)``, which calls the same SciPy linkage and undoes
    the merges at or above the threshold, but builds upper-triangle index arrays to get there (16
    bytes per pair: 800 MB at 10,000 articles)."""
    from scipy.cluster.hierarchy import cut_tree, linkage

    n = int(round((1 + np.sqrt(1 + 8 * len(condensed))) / 2))
    tree = linkage(condensed, method="average")
    clusters = int(np.count_nonzero(tree[:, 2] >= threshold)) + 1
    return cut_tree(tree, n_clusters=clusters)[:, 0] if clusters < n else np.arange(n)


def _undated(da: Sequence, db: Sequence) -> np.ndarray:
    """(len(a), len(b)) booleans: either side has no day span, so the time penalty cannot tell them apart."""
    known_a = np.array([s is not None for s in da], dtype=bool)
    known_b = np.array([s is not None for s in db], dtype=bool)
    return ~(known_a[:, None] & known_b[None, :])


def _day_gap(da: Sequence, db: Sequence) -> np.ndarray:
    """Days between two day spans (0 when they overlap); 0 when either side is undated."""
    def bounds(spans):
        lo = np.array([s[0] if s else 0 for s in spans], dtype=np.int64)
        hi = np.array([s[1] if s else 0 for s in spans], dtype=np.int64)
        known = np.array([s is not None for s in spans])
        return lo, hi, known

    alo, ahi, aknown = bounds(da)
    blo, bhi, bknown = bounds(db)
    gap = np.maximum(alo[:, None] - bhi[None, :], blo[None, :] - ahi[:, None])
    gap = np.maximum(gap, 0)
    gap[~(aknown[:, None] & bknown[None, :])] = 0
    return gap


def central_article(state: StoryState, vectors: Mapping[str, np.ndarray]) -> str:
    """The member closest to the story's centroid: its title names the story."""
    members = [a for a in state.articles if a in vectors]
    if not members:
        return state.articles[0]
    centroid = _unit(np.sum([vectors[a] for a in members], axis=0))
    return max(members, key=lambda a: (float(vectors[a] @ centroid), a))
