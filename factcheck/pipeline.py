"""run(): the one place that knows the stage order and moves cached data between stages and the store.

ingest -> segment -> extract -> embed -> stories -> pair (per story) -> judge (typed facts + NLI) -> report.
Every stage meets the others only through records; the store feeds caches in as plain
arguments and takes results back, so an unchanged article costs nothing on the next night.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .errors import InputError
from . import work
from .executors import Executor, make_executor
from .records import Article, CandidatePair, Discrepancy, Fact, Sentence, Skipped, Story
from .results import Analysis, Notify, RunResult, Timer
from .settings import Settings
from .work import JudgeWork, StoryWork, merge_judged, nli_keys
from .story_assembly import assemble_stories, date_undated, redated, story_profiles  # noqa: F401 - story_profiles: API

Progress = Callable[[str, int, int], None]  # (stage, done, total) within a long stage


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

            # One spaCy pipeline, the segmenter's (Settings.spacy_model); without a parser (the model is
            # missing and a blank sentencizer stands in) the extractor's text rules work alone.
            nlp = self.segmenter.nlp_
            self._extractor = FactExtractor(nlp=nlp if "parser" in nlp.component_names else False)
        return self._extractor

    @property
    def embedder(self):
        if not hasattr(self, "_embedder"):
            from .embed import Embedder

            self._embedder = Embedder(model=self.settings.embedding_model, batch_size=self.settings.batch_size,
                                      threads=self.settings.threads, backend=self.settings.embedding_backend)
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
                                     max_length=self.settings.nli_max_length, threads=self.settings.threads)
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
            from .judge.nli_calibration import load_calibration

            self._judge = Judge(comparator=FactComparator(), contradiction_threshold=self.settings.contradiction_threshold,
                                min_confidence=self.settings.min_confidence,
                                contradiction_prior=self.settings.contradiction_prior,
                                calibration=load_calibration(self.settings))
        return self._judge

    @property
    def executor(self) -> Executor:
        """Who runs the per-article and per-story batches (``settings.executor``); made on first use."""
        if not hasattr(self, "_executor"):
            self._executor = make_executor(self.settings, self)
        return self._executor

    def close(self) -> None:
        """Let the executor's workers go (a Ray executor's actors); the local executor holds nothing."""
        if hasattr(self, "_executor"):
            self._executor.close()
            del self._executor

    def analyse(self, articles: Sequence[Article]) -> Analysis:
        """Segment, extract and embed ``articles`` with no store, stories or judging: for tools that
        compare other pairings or judgings on the same sentences (recall, evaluation)."""
        articles = list(articles)
        segmented, facts = work.analyse_articles(self, articles, Timer(None))
        sentences = {a.id: segmented.get(a.id, []) for a in articles}
        all_sentences = [x for a in articles for x in sentences[a.id]]
        vectors = self.embedder.encode(all_sentences)
        return Analysis(articles=articles, sentences=sentences, facts=facts, all_sentences=all_sentences, vectors=vectors)

    def run(self, corpus: Sequence[str | Path], out: str | Path | None = None, store=None,
            notify: Notify | None = None, formats: Sequence[str] = ("md", "json", "html"),
            corpus_name: str | None = None, progress: Progress | None = None) -> RunResult:
        """Check one corpus (files and folders) and write its reports into ``out``."""
        s = self.settings
        if s.quiet:
            notify = progress = None
        timer = Timer(notify, progress)
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

        executor = self.executor
        executor.timer, executor.worker_seconds = timer, {}
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
        for segmented, found_facts in executor.map(work.analyse_articles, fresh, "analyse", weight=_chars,
                                                   advance=progress):
            for article_id, article_sentences in segmented.items():
                sentences[article_id] = article_sentences
            facts.update(found_facts)
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

        cached_vectors = (store.cached_embeddings(self.embedder.name, [x.id for x in all_sentences])
                          if store is not None else {})
        todo = [x for x in all_sentences if x.id not in cached_vectors]
        new_vectors: dict[str, np.ndarray] = {}
        for batch_vectors in executor.map(work.embed_sentences, todo, "embed", weight=_chars, advance=progress):
            new_vectors.update(batch_vectors)
        vectors = (np.vstack([cached_vectors.get(x.id, new_vectors.get(x.id)) for x in all_sentences]).astype(
            np.float32, copy=False) if all_sentences else np.zeros((0, 0), dtype=np.float32))

        stories: list[Story] = []
        new_title_vectors: dict[str, np.ndarray] = {}
        with timer.stage("stories"):
            stories, profiles, new_title_vectors = assemble_stories(s, self.embedder, self.segmenter, articles,
                                                                    sentences, all_sentences, vectors, store, run_id)
            inferred = date_undated(s, articles, stories, sentences, facts)
            if inferred:
                articles = [redated(a, inferred) for a in articles]
                for article in articles:
                    if article.id in inferred:
                        facts.update(self.extractor.extract(sentences[article.id], article.published))

        from .pair import exhaustive_pair_count

        dates = {a.id: a.published for a in articles}
        guessed = frozenset(a.id for a in articles if a.published_inferred)
        if s.across_stories:
            with timer.stage("pair"):
                kinds = {sid: {f.kind for f in fs} for sid, fs in facts.items() if fs}
                groups = self.claim_grouper.group(all_sentences, vectors, facts, dates, guessed) if s.claims else None
                story_pairs = [self.pair_finder.find(all_sentences, vectors, kinds, groups=groups)]
        else:
            rows = {x.id: i for i, x in enumerate(all_sentences)}
            paired = [r for part in executor.map(work.pair_stories, _story_works(stories, sentences, vectors, rows,
                                                                                  facts, dates, guessed),
                                                  "pair", weight=lambda w: w.size, advance=progress) for r in part]
            story_pairs = [p for p, _ in paired]
            groups = [g for _, gs in paired for g in gs] if s.claims else None

        keys = nli_keys([p for ps in story_pairs for p in ps], s.nli_min_similarity) if self.nli_name else []
        cached_nli = store.cached_nli(self.nli_name, keys) if store is not None and keys else {}
        judge_works = [_judge_work(ps, facts, dates, cached_nli, s.nli_min_similarity, sentences) for ps in story_pairs]
        judged = merge_judged(executor.map(work.judge_pairs, judge_works, "judge", weight=lambda w: w.size,
                                           advance=progress))
        pairs, nli_probs, new_scores, found = judged.pairs, judged.nli_probs, judged.new_scores, judged.found
        nli_stats = judged.nli_stats
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

        analysis = Analysis(articles=articles, sentences=sentences, facts=facts, all_sentences=all_sentences,
                            vectors=vectors, stories=stories, claim_groups=groups, pairs=pairs, nli_probs=nli_probs,
                            discrepancies=found)
        return self._finish(run_id, corpus_name, articles, sentences, found, skipped, timer, out, store, formats,
                            # one sentence pair may stand in several claims (a date and a figure): counted once
                            {"articles_analysed": len(fresh), "candidate_pairs": len({(p.a.id, p.b.id) for p in pairs}),
                             "claim_groups": len(groups) if groups is not None else None,
                             "exhaustive_pairs": exhaustive_pair_count(all_sentences), **nli_stats,
                             # Ray or worker processes: the driver's stages are waits; the work's seconds
                             # (and worker processes' CPU seconds), summed over workers
                             **({"executor": executor.name, "worker_seconds": dict(executor.worker_seconds)}
                                if executor.worker_seconds else {})}, stories, analysis)

    def _finish(self, run_id: str, corpus_name: str, articles: list[Article], sentences: dict[str, list[Sentence]],
                found: list[Discrepancy], skipped: list[Skipped], timer: Timer, out: str | Path | None, store,
                formats: Sequence[str], counts: dict[str, Any], stories: Sequence[Story] = (),
                analysis: Analysis | None = None) -> RunResult:
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
        return RunResult(report=report, discrepancies=found, articles=articles, skipped=skipped, paths=paths,
                         analysis=analysis)


def _chars(item: Article | Sentence) -> int:
    """How executors weigh an article or a sentence: characters of text."""
    return len(item.text)


def _story_works(stories: Sequence[Story], sentences: dict[str, list[Sentence]], vectors: np.ndarray,
                 rows: dict[str, int], facts: dict[str, list[Fact]], dates: dict,
                 guessed: frozenset[str] = frozenset()) -> list[StoryWork]:
    """Each story's sentences, vectors, facts and dates (``guessed``: ids of inferred ones): no state shared with
    other stories."""
    works = []
    for story in stories:
        members = [x for a in story.articles for x in sentences.get(a, [])]
        works.append(StoryWork(story=story, members=members, vectors=vectors[[rows[x.id] for x in members]],
                               facts={x.id: facts[x.id] for x in members if x.id in facts},
                               dates={a: dates.get(a) for a in story.articles},
                               inferred=frozenset(a for a in story.articles if a in guessed)))
    return works


def _judge_work(pairs: list[CandidatePair], facts: dict[str, list[Fact]], dates: dict,
                cached_nli: dict, nli_min_similarity: float, sentences: dict[str, list[Sentence]]) -> JudgeWork:
    """One story's pairs with the facts, dates and cached NLI rows they need, and the values each of its
    paired articles states anywhere (computed here, once per article: the work function reads no store)."""
    from .judge.stated import values_by_article

    ids = {x.id for p in pairs for x in (p.a, p.b)}
    keys = nli_keys(pairs, nli_min_similarity)
    return JudgeWork(pairs=pairs, facts={i: facts[i] for i in ids if i in facts},
                     published={x.article_id: dates.get(x.article_id) for p in pairs for x in (p.a, p.b)},
                     cached_nli={k: cached_nli[k] for k in keys if k in cached_nli},
                     stated=values_by_article(sentences, facts, (x.article_id for p in pairs for x in (p.a, p.b))))


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
