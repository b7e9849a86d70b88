"""run(): the one place that knows the stage order and moves cached data between stages and the store.

ingest -> segment -> extract -> embed -> stories -> pair (per story) -> judge (typed facts + NLI) -> report.
Every stage meets the others only through records; the store feeds caches in as plain
arguments and takes results back, so an unchanged article costs nothing on the next night.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError
from .records import Article, CandidatePair, ClaimGroup, Discrepancy, Fact, Sentence, Skipped, Story, content_hash
from .settings import Settings

Notify = Callable[[str], None]  # a stage starts
Progress = Callable[[str, int, int], None]  # (stage, done, total) within a long stage
NLI_CHUNK = 512  # pairs per progress step: large enough to keep length-sorted batches efficient


def analysis_version(spacy_model: str | None) -> str:
    """Changes whenever segmentation/extraction code or the spaCy model changes.

    Cached sentences and facts are keyed by it, so an upgraded extractor re-analyses
    articles instead of serving facts the old code produced.
    """
    import hashlib

    here = Path(__file__).resolve().parent
    digest = hashlib.sha1(str(spacy_model).encode())
    for path in sorted([here / "segment.py", here / "records.py", *(here / "extract").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass
class RunResult:
    report: dict
    discrepancies: list[Discrepancy]
    articles: list[Article]
    skipped: list[Skipped]
    paths: list[Path] = field(default_factory=list)

    @property
    def stats(self) -> dict:
        return self.report["stats"]

    @property
    def new(self) -> list[Discrepancy]:
        return [d for d in self.discrepancies if d.status == "new"]


class _Timer:
    def __init__(self, notify: Notify | None) -> None:
        self.seconds: dict[str, float] = {}
        self.notify = notify

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self.notify:
            self.notify(name)
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - start, 3)


class Checker:
    """The loaded models of a run, reusable across corpora in one process (batch mode).

    >>> checker = Checker(Settings(nli_model=None))   # nothing loads until first use
    >>> checker.nli_name is None
    True
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    # Stages are built lazily: a facts-only run never imports torch's cross-encoder code.
    @property
    def segmenter(self):
        if not hasattr(self, "_segmenter"):
            from .segment import Segmenter

            self._segmenter = Segmenter(model=self.settings.spacy_model)
        return self._segmenter

    @property
    def extractor(self):
        if not hasattr(self, "_extractor"):
            from .extract import FactExtractor

            self._extractor = FactExtractor(nlp=None)
        return self._extractor

    @property
    def embedder(self):
        if not hasattr(self, "_embedder"):
            from .embed import Embedder

            self._embedder = Embedder(model=self.settings.embedding_model, batch_size=self.settings.batch_size)
        return self._embedder

    @property
    def pair_finder(self):
        if not hasattr(self, "_pair_finder"):
            from .pair import PairFinder

            s = self.settings
            self._pair_finder = PairFinder(top_k=s.top_k, min_similarity=s.min_similarity, fact_top_k=s.fact_top_k,
                                           fact_min_similarity=s.fact_min_similarity, min_chars=s.min_sentence_chars)
        return self._pair_finder

    @property
    def claim_grouper(self):
        if not hasattr(self, "_claim_grouper"):
            from .claims import ClaimGrouper

            self._claim_grouper = ClaimGrouper()
        return self._claim_grouper

    @property
    def nli(self):
        if not hasattr(self, "_nli"):
            self._nli = None
            if self.settings.nli_model:
                from .judge.nli import NLIJudge

                self._nli = NLIJudge(self.settings.nli_model, batch_size=self.settings.batch_size,
                                     max_length=self.settings.nli_max_length)
        return self._nli

    @property
    def nli_name(self) -> str | None:
        if not self.settings.nli_model:
            return None
        return getattr(self.nli, "name", None) or str(self.settings.nli_model)

    @property
    def judge(self):
        if not hasattr(self, "_judge"):
            from .judge import Judge
            from .judge.facts import FactComparator

            self._judge = Judge(comparator=FactComparator(), contradiction_threshold=self.settings.contradiction_threshold,
                                min_confidence=self.settings.min_confidence,
                                contradiction_prior=self.settings.contradiction_prior)
        return self._judge

    def run(self, corpus: Sequence[str | Path], out: str | Path | None = None, store=None,
            notify: Notify | None = None, formats: Sequence[str] = ("md", "json", "html"),
            corpus_name: str | None = None, progress: Progress | None = None) -> RunResult:
        """Check one corpus (files and folders) and write its reports into ``out``."""
        s = self.settings
        timer = _Timer(notify)
        corpus_name = corpus_name or corpus_label(corpus)

        with timer.stage("ingest"):
            articles: list[Article] = []
            skipped: list[Skipped] = []
            for item in _read(corpus, s.published, s.fields):
                (skipped if isinstance(item, Skipped) else articles).append(item)
        if not articles:
            where = ", ".join(str(c) for c in corpus)
            raise InputError(f"no usable articles in {where} ({len(skipped)} skipped)", skipped)

        run_id = store.start_run(corpus_name) if store is not None else dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        if len(articles) < 2:
            # Nothing can be compared: skip the slow stages (a 5 MB article took minutes for nothing).
            return self._finish(run_id, corpus_name, articles, {}, [], skipped, timer, out, store, formats,
                                {"articles_analysed": 0, "candidate_pairs": 0, "exhaustive_pairs": 0,
                                 "nli_pairs": 0, "nli_pairs_cached": 0, "nothing_to_compare": True})

        sentences: dict[str, list[Sentence]] = {}
        facts: dict[str, list[Fact]] = {}
        fresh = []
        version = analysis_version(s.spacy_model)
        for article in articles:
            cached = store.load_analysis(article.id, article.digest, version=version) if store is not None else None
            if cached is None:
                fresh.append(article)
            else:
                sentences[article.id], article_facts = cached
                facts.update(article_facts)
        with timer.stage("segment"):
            segmented = self.segmenter.segment(fresh) if fresh else {}
        with timer.stage("extract"):
            for article in fresh:
                found = self.extractor.extract(segmented.get(article.id, []), article.published)
                sentences[article.id] = segmented.get(article.id, [])
                facts.update(found)
        usable = []
        for article in articles:
            if sentences.get(article.id):
                usable.append(article)
            else:
                skipped.append(Skipped(article.path or article.id, "no sentences found in the article"))
        if not usable:
            where = ", ".join(str(c) for c in corpus)
            raise InputError(f"no usable articles in {where} ({len(skipped)} skipped)", skipped)
        articles = usable
        all_sentences = [sent for a in articles for sent in sentences[a.id]]

        with timer.stage("embed"):
            cached_vectors = (store.cached_embeddings(self.embedder.name, [x.id for x in all_sentences])
                              if store is not None else {})
            vectors = self.embedder.encode(all_sentences, cached=cached_vectors)
            new_vectors = {x.id: v for x, v in zip(all_sentences, vectors) if x.id not in cached_vectors}

        stories: list[Story] = []
        new_title_vectors: dict[str, np.ndarray] = {}
        with timer.stage("stories"):
            stories, profiles, new_title_vectors = self._stories(articles, sentences, all_sentences, vectors,
                                                                 store, run_id)
            inferred = self._date_undated(articles, stories, sentences, facts)
            if inferred:
                articles = [self._redated(a, inferred) for a in articles]
                for article in articles:
                    if article.id in inferred:
                        facts.update(self.extractor.extract(sentences[article.id], article.published))

        with timer.stage("pair"):
            from .pair import exhaustive_pair_count

            kinds = {sid: {f.kind for f in fs} for sid, fs in facts.items() if fs}
            dates = {a.id: a.published for a in articles}
            if s.across_stories:
                groups = self.claim_grouper.group(all_sentences, vectors, facts, dates) if s.claims else None
                pairs = self.pair_finder.find(all_sentences, vectors, kinds, groups=groups)
            else:
                rows = {x.id: i for i, x in enumerate(all_sentences)}
                pairs, groups = [], ([] if s.claims else None)
                for story in stories:
                    story_pairs, story_groups = _pairs_for_story(
                        self.pair_finder, self.claim_grouper if s.claims else None, story, sentences, vectors, rows,
                        kinds, facts, dates)
                    pairs += story_pairs
                    if groups is not None:
                        groups += story_groups

        nli_probs = None
        nli_stats = {"nli_pairs": 0, "nli_pairs_cached": 0}
        new_scores: dict[tuple[str, str], np.ndarray] = {}
        with timer.stage("nli"):
            if self.nli is not None and pairs:
                nli_probs, new_scores, nli_stats = self._score_nli(pairs, store, progress)

        with timer.stage("judge"):
            published = {a.id: a.published for a in articles}
            found = self.judge.judge(pairs, facts, published, nli_probs)
            if inferred:
                from .story_dates import discount_inferred

                found = [d for d in discount_inferred(found, facts, {a: (r[0], r[1]) for a, r in inferred.items()},
                                                      s.inferred_anchor_factor) if d.confidence >= s.min_confidence]

        with timer.stage("store"):
            if store is not None:
                with store.transaction():
                    for article in fresh:
                        if sentences.get(article.id):
                            store.save_analysis(article, sentences[article.id],
                                                {x.id: facts.get(x.id, []) for x in sentences[article.id]},
                                                version=version)
                    if new_vectors or new_title_vectors:
                        store.save_embeddings(self.embedder.name, {**new_vectors, **new_title_vectors})
                    store.save_stories(stories, profiles)
                    if new_scores:
                        store.save_nli(self.nli_name, new_scores)
                    found = store.record_discrepancies(run_id, corpus_name, found, {a.id for a in articles})

        return self._finish(run_id, corpus_name, articles, sentences, found, skipped, timer, out, store, formats,
                            {"articles_analysed": len(fresh), "candidate_pairs": len(pairs),
                             "claim_groups": len(groups) if groups is not None else None,
                             "exhaustive_pairs": exhaustive_pair_count(all_sentences), **nli_stats}, stories)

    def _finish(self, run_id: str, corpus_name: str, articles: list[Article], sentences: dict[str, list[Sentence]],
                found: list[Discrepancy], skipped: list[Skipped], timer: _Timer, out: str | Path | None, store,
                formats: Sequence[str], counts: dict[str, Any], stories: Sequence[Story] = ()) -> RunResult:
        """Stats, the report (with the store's review notes), its files, and the run's end in the store."""
        stats: dict[str, Any] = {
            "run": run_id,
            "articles": len(articles),
            "articles_analysed": counts.pop("articles_analysed"),
            "sentences": sum(len(v) for v in sentences.values()),
            "stories": len(stories),
            **counts,
            "discrepancies": len(found),
            "new": sum(d.status == "new" for d in found),
            "open": sum(d.status == "open" for d in found),
            "confirmed": sum(d.status == "confirmed" for d in found),
            "skipped": len(skipped),
        }
        reviews, dismissed = {}, []
        if store is not None:
            stats["dismissed"] = store.stats().get("dismissed", 0)
            reviews = store.reviews([d.id for d in found])
            dismissed = store.dismissed_in_run(run_id)
        stats["seconds"] = timer.seconds

        from .report import build_report, write_reports

        report = build_report(articles, sentences, found, stats, self.nli_name, skipped=[str(x) for x in skipped],
                              corpus=corpus_name, reviews=reviews, dismissed=dismissed, stories=stories)
        paths: list[Path] = []
        if out is not None:
            # stats["seconds"] is timer.seconds itself: the returned stats gain the report stage's
            # time, the files (written during it) carry every stage before it.
            with timer.stage("report"):
                paths = write_reports(report, out, formats)
        if store is not None:  # where the reports are, for `factcheck serve` (not part of report.json)
            store.finish_run(run_id, {**stats, **({"report_dir": str(Path(out).resolve())} if out is not None else {})})
        return RunResult(report=report, discrepancies=found, articles=articles, skipped=skipped, paths=paths)

    def _stories(self, articles: list[Article], sentences: dict[str, list[Sentence]], all_sentences: list[Sentence],
                 vectors: np.ndarray, store, run_id: str) -> tuple[list[Story], list, dict[str, np.ndarray]]:
        """Articles -> stories: kept stories (and editors' placements) from the store first, then new ones."""
        from .stories import StoryClusterer, central_article

        s = self.settings
        title_ids = [content_hash("title", a.id, a.title) for a in articles if a.title]
        cached = store.cached_embeddings(self.embedder.name, title_ids) if store is not None and title_ids else {}
        profiles, new_titles = story_profiles(self.embedder, articles, sentences, all_sentences, vectors, cached,
                                              self.segmenter)
        kept, pinned = store.load_stories() if store is not None else ([], {})
        clusterer = StoryClusterer(threshold=s.story_threshold, entity_weight=s.story_entity_weight,
                                   window_days=s.story_window_days, time_penalty=s.story_time_penalty,
                                   method=s.story_method, subject_penalty=s.story_subject_penalty,
                                   period_penalty=s.story_period_penalty)
        states = clusterer.assign(profiles, kept, pinned)
        by_id = {a.id: a for a in articles}
        vector_of = {p.article_id: p.vector for p in profiles}
        stories = []
        for state in states:
            members = [a for a in state.articles if a in by_id]
            if not members:
                continue
            central = central_article(state, {a: vector_of[a] for a in members if a in vector_of})
            dates = [by_id[a].published for a in members if by_id[a].published and not by_id[a].published_inferred]
            title = by_id[central].title or _lead(sentences.get(central, []))
            ordered = [central] + [a for a in members if a != central]
            stories.append(Story(id=state.id, title=title, articles=tuple(ordered), first_seen=state.first_seen or run_id,
                                 start=min(dates) if dates else None, end=max(dates) if dates else None,
                                 central=central))
        stories.sort(key=lambda x: (x.start or dt.date.min, x.id))
        return stories, profiles, new_titles

    def _date_undated(self, articles: list[Article], stories: list[Story], sentences: dict[str, list[Sentence]],
                      facts: dict[str, list[Fact]]) -> dict[str, tuple[dt.date, dt.date, dt.date]]:
        """Article id -> (earliest, latest, point) for members without a metadata date; stories get ``inferred``."""
        from .story_dates import infer_range

        by_id = {a.id: a for a in articles}
        out: dict[str, tuple[dt.date, dt.date, dt.date]] = {}
        for i, story in enumerate(stories):
            dated = [by_id[a].published for a in story.articles if by_id[a].published and not by_id[a].published_inferred]
            found = []
            for article_id in story.articles:
                article = by_id[article_id]
                if article.published and not article.published_inferred:
                    continue
                own = [f for x in sentences.get(article_id, []) for f in facts.get(x.id, [])]
                guess = infer_range(own, dated, self.settings.story_date_margin_days)
                if guess is not None:
                    out[article_id] = guess
                    found.append((article_id, guess[0], guess[1]))
            if found:
                stories[i] = replace(story, inferred=tuple(found))
        return out

    @staticmethod
    def _redated(article: Article, inferred: dict[str, tuple[dt.date, dt.date, dt.date]]) -> Article:
        if article.id not in inferred:
            return article
        return replace(article, published=inferred[article.id][2], published_inferred=True)

    def _score_nli(self, pairs: list[CandidatePair], store, progress: Progress | None = None
                   ) -> tuple[np.ndarray, dict, dict]:
        """Score pairs a->b, then b->a only where a->b leaves a contradiction possible.

        The verdict uses the mean of both directions, so when a->b gives contradiction
        below ``nli_reverse_min`` the mean cannot reach the flagging threshold: scoring
        b->a would cost a model call and change nothing. Scores come from the cache first.
        """
        from .judge import CONTRADICTION, combine_directions

        s = self.settings
        chosen = [i for i, p in enumerate(pairs) if p.similarity >= s.nli_min_similarity]
        texts = {}
        for i in chosen:
            texts[pairs[i].a.id] = pairs[i].a.text
            texts[pairs[i].b.id] = pairs[i].b.text
        forward = [(pairs[i].a.id, pairs[i].b.id) for i in chosen]
        cached = store.cached_nli(self.nli_name, forward + [(b, a) for a, b in forward]) if store is not None else {}
        scores: dict[tuple[str, str], np.ndarray] = dict(cached)
        new_scores: dict[tuple[str, str], np.ndarray] = {}

        def score(keys: list[tuple[str, str]], done_before: int, total: int) -> None:
            for start in range(0, len(keys), NLI_CHUNK):
                chunk = keys[start : start + NLI_CHUNK]
                probs = self.nli.predict([(texts[p], texts[h]) for p, h in chunk])
                fresh = {k: np.asarray(v, dtype=np.float32) for k, v in zip(chunk, probs)}
                new_scores.update(fresh)
                scores.update(fresh)
                if progress:
                    progress("nli", done_before + start + len(chunk), total)

        todo_forward = list(dict.fromkeys(k for k in forward if k not in scores))
        score(todo_forward, 0, len(todo_forward) + len(forward))
        unique = list(dict.fromkeys(forward))  # one sentence pair may stand in two claims: scored once
        reverse = [(b, a) for a, b in unique if scores[(a, b)][CONTRADICTION] >= s.nli_reverse_min]
        todo_reverse = list(dict.fromkeys(k for k in reverse if k not in scores))
        score(todo_reverse, len(todo_forward), len(todo_forward) + len(todo_reverse))

        out = np.full((len(pairs), 3), np.nan, dtype=np.float32)
        for i, key in zip(chosen, forward):
            back = scores.get((key[1], key[0]))
            out[i] = scores[key] if back is None else combine_directions(scores[key][None], back[None])[0]
        stats = {"nli_pairs": len(unique), "nli_directions_scored": len(todo_forward) + len(todo_reverse),
                 "nli_reverse_scored": len(reverse),
                 "nli_pairs_cached": sum(1 for k in unique if k in cached
                                         and (scores[k][CONTRADICTION] < s.nli_reverse_min or (k[1], k[0]) in cached))}
        return out, new_scores, stats


def _pairs_for_story(pair_finder, claim_grouper, story: Story, sentences: dict[str, list[Sentence]],
                     vectors: np.ndarray, rows: dict[str, int], kinds: dict, facts: dict[str, list[Fact]],
                     dates: dict) -> tuple[list[CandidatePair], list[ClaimGroup]]:
    """One story's claim groups and candidate pairs: its sentences only, no state shared with other stories.

    ``claim_grouper`` None: no claims stage, pairs come from nearest neighbours alone.
    """
    if len(story.articles) < 2:
        return [], []
    members = [x for a in story.articles for x in sentences.get(a, [])]
    member_vectors = vectors[[rows[x.id] for x in members]]
    groups = claim_grouper.group(members, member_vectors, facts, dates) if claim_grouper is not None else None
    return pair_finder.find(members, member_vectors, kinds, groups=groups), list(groups or [])


def _lead(sentences: Sequence[Sentence]) -> str | None:
    """A title for an untitled article: its first sentence, cut short."""
    if not sentences:
        return None
    text = sentences[0].text
    return text if len(text) <= 90 else text[:87].rstrip() + "…"


def story_profiles(embedder, articles: Sequence[Article], sentences: dict[str, list[Sentence]],
                   all_sentences: Sequence[Sentence], vectors: np.ndarray, cached: dict[str, np.ndarray],
                   segmenter=None):
    """Article profiles for the story stage; titles are embedded like sentences (and cached like them),
    and ``segmenter`` (when given) names who each title is about.

    Returns (profiles, new title vectors keyed by pseudo-sentence id).
    """
    from .stories import profile_articles, title_entities, title_subjects

    titles = [Sentence(id=content_hash("title", a.id, a.title), article_id=a.id, index=-1, start=0, end=0, text=a.title)
              for a in articles if a.title]
    title_rows = embedder.encode(titles, cached=cached) if titles else np.zeros((0, 0), dtype=np.float32)
    by_id = {s.id: v for s, v in zip(all_sentences, vectors)}
    subjects = ({t.article_id: title_subjects(ents) for t, ents in zip(titles, title_entities(segmenter.nlp_, (t.text for t in titles)))}
                if segmenter is not None else {})
    profiles = profile_articles(articles, sentences, by_id, {t.article_id: v for t, v in zip(titles, title_rows)},
                                subjects)
    return profiles, {t.id: v for t, v in zip(titles, title_rows) if t.id not in cached}


def _read(corpus: Sequence[str | Path], published: dict[str, str], fields: dict[str, str]):
    from .ingest import read_articles

    return read_articles(corpus, published, fields)


def corpus_label(corpus: Sequence[str | Path]) -> str:
    """A short, stable name for a corpus: its folder or file names."""
    names = [Path(os.path.normpath(str(c))).name or str(c) for c in corpus]
    return "+".join(names) if names else "corpus"


def run(corpus: Sequence[str | Path] | str | Path, settings: Settings | None = None, out: str | Path | None = None,
        store=None, notify: Notify | None = None, formats: Sequence[str] = ("md", "json", "html")) -> RunResult:
    """Check a corpus end to end.

    >>> result = run(["seeds/"], Settings(nli_model=None))          # doctest: +SKIP
    >>> result.report["stats"]["candidate_pairs"] > 0               # doctest: +SKIP
    True
    """
    if isinstance(corpus, (str, Path)):
        corpus = [corpus]
    return Checker(settings).run(corpus, out=out, store=store, notify=notify, formats=formats)
