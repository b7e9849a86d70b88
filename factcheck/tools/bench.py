"""Corpus file -> wall time, peak memory and pair counts at growing sizes: the work behind ``factcheck bench``.

Why: a night's corpus must be checked on a newsroom machine, and the one stage that could turn
quadratic is pairing. Each size runs ``Checker.run`` end to end in a fresh process (an honest
peak RSS, no model or allocator state carried over), and a least-squares fit of log time on
log articles says how it scales. Like spaCy's ``benchmark_speed``: warm up (load the models on
a few other articles), then time; repeated sizes show mean ± standard deviation.

The same report holds the editors' view (each same-event cluster checked as its own corpus:
flags per article and time per cluster), the incremental workflow with a store, candidate-pair
recall (``recall.py``) and a robustness run of 10,000 tiny articles. Sections not run this time
are kept from the previous ``bench.json`` beside the report.

Example::

    >>> from factcheck.tools.bench import run_bench
    >>> result = run_bench(sizes=(50, 100), settings=Settings(nli_model=None), out="/tmp/b.md")  # doctest: +SKIP
    >>> sorted(result["scaling"])                                                              # doctest: +SKIP
    ['corpus', 'exponent', 'intercept', 'rows', 'seed', 'stage_exponents', 'when']
"""

from __future__ import annotations

import dataclasses
import json
import math
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..common import utc_now
from ..errors import FactcheckError, InputError
from ..settings import Settings
from .bench_report import (  # noqa: F401 - bench's API
    KINDS, SECTIONS, STAGES, TARGETS, evaluate_targets, keep_hand_written, plot_scaling, render_markdown)
from .corpora import DEFAULT_CORPUS, read_rows, sample_order, write_jsonl  # noqa: F401 - bench's API
from .paths import NEWS_DIR

_CODE_ROOT = str(Path(__file__).resolve().parents[2])  # the folder holding this process's factcheck package

CLUSTER_CORPORA = ("basil_triplets", "allsides_roundups", "newswcl50", "ecbplus_clusters")
BASIL_CORPUS = NEWS_DIR / "basil_triplets.jsonl.gz"  # 30 stories told by 3 outlets each: long same-story articles
Notify = Callable[[str], None]


# --- corpora -------------------------------------------------------------------------------

def tiny_articles(n: int, seed: int = 0) -> list[dict]:
    """n distinct one- or two-sentence articles (written here), a third of them undated."""
    rng = random.Random(seed)
    places = ["Northvale", "Easton", "Port Argent", "Lindholm", "Cedar Falls", "Marrow Bay", "Oakridge", "Saltmere"]
    bodies = ["council", "school board", "water authority", "transit agency", "hospital trust", "port authority"]
    verbs = ["approved", "postponed", "rejected", "announced", "reviewed"]
    things = ["new homes", "bus routes", "teaching posts", "hospital beds", "street lights", "parking spaces"]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "March 3", "June 14", "October 9"]
    rows, seen = [], set()
    while len(rows) < n:
        text = (f"The {rng.choice(places)} {rng.choice(bodies)} {rng.choice(verbs)} {rng.randint(2, 9000)} "
                f"{rng.choice(things)} on {rng.choice(days)}.")
        if rng.random() < 0.5:
            text += f" The vote was {rng.randint(3, 12)} to {rng.randint(0, 6)}, officials said."
        if text in seen:
            continue
        seen.add(text)
        published = None if len(rows) % 3 == 0 else f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append({"id": f"tiny-{len(rows)}", "text": text, "published": published, "source": "Bench Wire"})
    return rows


# --- measuring -----------------------------------------------------------------------------

def peak_rss_mb(children: bool = False) -> float:
    """Peak resident memory of this process so far, or of its largest ended child process (ru_maxrss: KiB
    on Linux, bytes on macOS)."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


def _cpu_seconds() -> float:
    """User + system CPU time of this process: unlike wall time, not inflated by other jobs on the machine."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _mean_sd(values: Sequence[float]) -> tuple[float, float]:
    values = list(values)
    return statistics.fmean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)


def _timed_runs(rows: list[dict], warm: list[dict], settings: Settings, repeats: int) -> dict:
    """Warm up on ``warm`` (loads every model), then run ``rows`` ``repeats`` times; in-process."""
    from ..pipeline import Checker

    checker = Checker(settings)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        root = Path(tmp)
        corpus = write_jsonl(rows, root / "corpus" / "sample.jsonl")
        start = time.perf_counter()
        checker.run([write_jsonl(warm, root / "warm" / "warm.jsonl")], out=root / "warm-out")
        warmup = time.perf_counter() - start
        walls, stats = [], []
        cpu_start = _cpu_seconds()
        for _ in range(max(1, repeats)):
            start = time.perf_counter()
            result = checker.run([corpus], out=root / "out")
            walls.append(time.perf_counter() - start)
            stats.append(result.stats)
        # Worker processes' CPU (they report it per batch) belongs to the run too.
        worker_cpu = sum(st.get("worker_seconds", {}).get("cpu", 0.0) for st in stats)
        cpu = (_cpu_seconds() - cpu_start + worker_cpu) / len(walls)
        checker.close()  # worker processes end here: their peak memory becomes readable
    last = stats[-1]
    wall, sd = _mean_sd(walls)
    keys = ("articles", "sentences", "candidate_pairs", "exhaustive_pairs", "nli_pairs", "discrepancies", "skipped")
    return {
        "requested": len(rows), **{k: last.get(k, 0) for k in keys},
        "repeats": len(walls), "wall": wall, "wall_sd": sd, "walls": walls,
        "stages": {st: statistics.fmean(s["seconds"].get(st, 0.0) for s in stats) for st in STAGES
                   if any(st in s["seconds"] for s in stats)},
        "warmup_s": warmup, "peak_rss_mb": peak_rss_mb(), "worker_peak_rss_mb": peak_rss_mb(children=True),
        "cpu_s": cpu, "worker_seconds": last.get("worker_seconds", {}),
        "load_1min_end": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "kinds": dict(Counter(str(d["kind"]) for d in result.report.get("discrepancies", []))),
    }


def measure_size(corpus_file: str | Path, n: int, settings: Settings, seed: int = 0, repeats: int = 1,
                 warmup: int = 10) -> dict:
    """One size, in this process: the first ``n`` rows of the seeded order, warmed up on the last ``warmup``."""
    rows = read_rows(corpus_file)
    order = sample_order(len(rows), seed)
    return _timed_runs([rows[i] for i in order[:n]], [rows[i] for i in order[::-1][:warmup]], settings, repeats)


def _child(args: list[str], settings: Settings) -> dict:
    """Run ``python -m factcheck.tools.bench ARGS`` in a fresh process; its last stdout line is the JSON result.

    The child runs this process's code: ``-P`` keeps the working directory off its path and PYTHONPATH starts
    with the folder this package was imported from, so a bench of another checkout ("before" in a before/after
    pair) run from inside this one does not time this one's code."""
    cmd = [sys.executable, "-P", "-m", "factcheck.tools.bench", *args, "--settings",
           json.dumps(dataclasses.asdict(settings))]
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false",
           "PYTHONPATH": os.pathsep.join(p for p in (_CODE_ROOT, os.environ.get("PYTHONPATH")) if p)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise FactcheckError(f"benchmark process `{' '.join(args)}` failed (exit {proc.returncode}): {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fit_exponent(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float] | None:
    """(slope, intercept) of log y = slope · log x + intercept, by least squares; None under two sizes."""
    import numpy as np

    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len({p[0] for p in points}) < 2:
        return None
    slope, intercept = np.polyfit([p[0] for p in points], [p[1] for p in points], 1)
    return float(slope), float(intercept)


def bench_scaling(corpus_file: str | Path, sizes: Sequence[int], settings: Settings, seed: int = 0,
                  repeats: int | None = None, notify: Notify | None = None) -> dict:
    """Every size in a fresh process; repeats default to 3 up to 100 articles, 2 up to 300, else 1."""
    rows_out = []
    for n in sorted(set(sizes)):
        r = repeats if repeats is not None else (3 if n <= 100 else 2 if n <= 300 else 1)
        if notify:
            notify(f"scaling: {n} articles × {r}")
        row = _child(["--one", str(n), "--corpus", str(Path(corpus_file).resolve()), "--seed", str(seed),
                      "--repeats", str(r)], settings)
        rows_out.append(row)
        if notify:
            notify(f"  {row['wall']:.1f} s, peak {row['peak_rss_mb']:.0f} MB, {row['candidate_pairs']:,} candidate pairs")
    arts = [r["articles"] for r in rows_out]
    fit = fit_exponent(arts, [r["wall"] for r in rows_out])
    stage_fits = {st: fit_exponent(arts, [r["stages"].get(st, 0.0) for r in rows_out]) for st in STAGES}
    return {"corpus": Path(corpus_file).name, "seed": seed, "rows": rows_out, "when": _now(),
            "exponent": fit[0] if fit else None, "intercept": fit[1] if fit else None,
            "stage_exponents": {st: round(f[0], 2) for st, f in stage_fits.items() if f}}


def bench_basil(settings: Settings, corpus_file: str | Path = BASIL_CORPUS, articles: int = 90) -> dict:
    """The first ``articles`` rows of the BASIL triplets (30 stories × 3 outlets) checked as one corpus, in a
    fresh process: long same-story articles, where pairing and NLI work is densest (issue 14: 260 s)."""
    rows = read_rows(corpus_file)[:articles]
    with tempfile.TemporaryDirectory(prefix="factcheck-basil-") as tmp:
        corpus = write_jsonl(rows, Path(tmp) / "basil.jsonl")
        row = _child(["--one", str(len(rows)), "--corpus", str(corpus), "--repeats", "1"], settings)
    return {**row, "corpus": f"{Path(corpus_file).name}, first {len(rows)} rows", "when": _now()}


def bench_robustness(n: int, settings: Settings) -> dict:
    """``n`` tiny generated articles in a fresh process: time and peak RSS (no crash is the point)."""
    row = _child(["--tiny", str(n)], settings)
    return {**row, "when": _now(), "nli": settings.nli_model}


# --- the editors' view: each same-event cluster as its own corpus ----------------------------

def bench_clusters(settings: Settings, datasets: Sequence[str] = CLUSTER_CORPORA, max_clusters: int | None = None,
                   seed: int = 0, notify: Notify | None = None) -> dict:
    """Each cluster checked alone with one warm Checker (like ``factcheck run --batch``)."""
    from ..pipeline import Checker

    checker = Checker(settings)
    result: dict[str, Any] = {"when": _now(), "datasets": {}}
    warmed = False
    with tempfile.TemporaryDirectory(prefix="factcheck-clusters-") as tmp:
        for name in datasets:
            path = NEWS_DIR / f"{name}.jsonl.gz"
            if not path.is_file():
                result["datasets"][name] = {"missing": str(path)}
                continue
            groups: dict[str, list[dict]] = {}
            for row in read_rows(path):
                groups.setdefault(str(row.get("cluster")), []).append(row)
            keys = sorted(k for k, g in groups.items() if len(g) >= 2)
            if max_clusters and len(keys) > max_clusters:
                keys = sorted(random.Random(seed).sample(keys, max_clusters))
            if not warmed and keys:  # model loading is not a cluster's cost
                checker.run([write_jsonl(groups[keys[0]], Path(tmp) / "warm.jsonl")], out=None)
                warmed = True
            per = []
            for i, key in enumerate(keys):
                if notify and i % 10 == 0:
                    notify(f"clusters: {name} {i + 1}/{len(keys)}")
                corpus = write_jsonl(groups[key], Path(tmp) / name / f"c{i}" / "cluster.jsonl")
                start = time.perf_counter()
                try:
                    run = checker.run([corpus], out=Path(tmp) / "out")
                except InputError as exc:
                    per.append({"cluster": key, "error": str(exc)})
                    continue
                wall = time.perf_counter() - start
                s = run.stats
                touched = {d.a.article_id for d in run.discrepancies} | {d.b.article_id for d in run.discrepancies}
                top = run.discrepancies[0] if run.discrepancies else None
                per.append({"cluster": key, "wall": wall, "articles": s["articles"], "sentences": s["sentences"],
                            "candidate_pairs": s["candidate_pairs"], "exhaustive_pairs": s["exhaustive_pairs"],
                            "nli_pairs": s["nli_pairs"], "flagged_articles": len(touched),
                            "kinds": dict(Counter(str(d.kind) for d in run.discrepancies)),
                            "top": None if top is None else {"kind": str(top.kind), "confidence": top.confidence,
                                                             "explanation": top.explanation[:200],
                                                             "a": top.a.text[:160], "b": top.b.text[:160]}})
            result["datasets"][name] = _summarise_clusters(per)
    return result


def _summarise_clusters(per: list[dict]) -> dict:
    ok = [c for c in per if "error" not in c]
    articles = sum(c["articles"] for c in ok) or 1
    kinds = Counter()
    for c in ok:
        kinds.update(c["kinds"])
    walls = [c["wall"] for c in ok] or [0.0]
    mean, sd = _mean_sd(walls)
    tops = sorted((c["top"] for c in ok if c["top"]), key=lambda t: -t["confidence"])
    return {
        "clusters": len(ok), "failed": len(per) - len(ok), "articles": articles,
        "sentences_per_article": sum(c["sentences"] for c in ok) / articles,
        "flags": sum(kinds.values()), "flags_per_article": sum(kinds.values()) / articles,
        "per_article_by_kind": {k: kinds.get(k, 0) / articles for k in KINDS},
        "articles_flagged": sum(c["flagged_articles"] for c in ok) / articles,
        "candidate_fraction": sum(c["candidate_pairs"] for c in ok) / max(1, sum(c["exhaustive_pairs"] for c in ok)),
        "nli_pairs": sum(c["nli_pairs"] for c in ok),
        "seconds_per_cluster": mean, "seconds_per_cluster_sd": sd, "seconds_max": max(walls),
        "examples": tops[:3], "per_cluster": per,
    }


# --- the incremental workflow (issue 6) --------------------------------------------------------

def bench_incremental(corpus_file: str | Path, n: int, settings: Settings, seed: int = 0, repeats: int = 3,
                      notify: Notify | None = None) -> dict:
    """First run, unchanged re-runs and a run with 10 % new articles, on one store, one warm Checker."""
    from ..pipeline import Checker
    from ..store import Store

    rows = read_rows(corpus_file)
    order = sample_order(len(rows), seed)
    extra_n = max(1, n // 10)
    base, extra = [rows[i] for i in order[:n]], [rows[i] for i in order[n:n + extra_n]]
    warm = [rows[i] for i in order[::-1][:10]]
    checker = Checker(settings)
    runs: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="factcheck-incr-") as tmp:
        root = Path(tmp)
        checker.run([write_jsonl(warm, root / "warm.jsonl")], out=None)
        folder = root / "corpus"
        write_jsonl(base, folder / "part1.jsonl")
        with Store.open(root / "bench.sqlite") as store:
            def timed(label: str) -> None:
                if notify:
                    notify(f"incremental: {label}")
                start = time.perf_counter()
                res = checker.run([folder], out=root / "out", store=store)
                runs.append({"run": label, "wall": time.perf_counter() - start, **{k: res.stats.get(k, 0) for k in (
                    "articles", "articles_analysed", "sentences", "candidate_pairs", "nli_pairs",
                    "nli_directions_scored", "nli_pairs_cached", "discrepancies", "new")}, "stages": res.stats["seconds"]})

            timed("first")
            for i in range(max(1, repeats)):
                timed(f"unchanged {i + 1}")
            write_jsonl(extra, folder / "part2.jsonl")
            timed(f"+{len(extra)} new articles")
    first, unchanged, added = runs[0], runs[1:-1], runs[-1]
    mean, sd = _mean_sd([r["wall"] for r in unchanged])
    return {"when": _now(), "corpus": Path(corpus_file).name, "articles": n, "new_articles": len(extra),
            "runs": runs, "first_s": first["wall"], "unchanged_s": mean, "unchanged_sd": sd,
            "speedup": first["wall"] / mean if mean else None,
            "unchanged_nli_scored": max(r["nli_directions_scored"] for r in unchanged),
            "added_s": added["wall"], "added_ratio": added["wall"] / first["wall"],
            "added_nli_ratio": added["nli_directions_scored"] / max(1, first["nli_directions_scored"])}


# --- the whole benchmark ---------------------------------------------------------------------------

def machine() -> dict:
    import psutil

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {"platform": platform.platform(), "processor": platform.processor() or platform.machine(),
            "python": platform.python_version(), "cpus": os.cpu_count(),
            "ram_gb": round(psutil.virtual_memory().total / 2**30, 1), "load_1min": load, "date": _now()}


_now = utc_now


def run_bench(corpus_file: str | Path | None = None, sizes: Sequence[int] = (100, 300, 1000),
              settings: Settings | None = None, out: str | Path | None = "reports/bench.md", seed: int = 0, *,
              basil: bool = False, clusters: bool = False, incremental: bool = False, recall: bool = False, robustness: bool = False,
              repeats: int | None = None, max_clusters: int | None = None, incremental_size: int = 300,
              tiny: int = 10_000, notify: Notify | None = None) -> dict:
    """Run the requested sections, merge them into ``bench.json`` beside ``out`` and write the report."""
    settings = settings or Settings(quiet=True)
    corpus_file = Path(corpus_file) if corpus_file else DEFAULT_CORPUS
    previous: dict = {}
    if out is not None and Path(out).with_suffix(".json").is_file():
        try:
            previous = json.loads(Path(out).with_suffix(".json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            previous = {}
    result: dict[str, Any] = {"machine": machine(), "settings": _settings_summary(settings)}
    if sizes:
        result["scaling"] = bench_scaling(corpus_file, sizes, settings, seed, repeats, notify)
    if basil:
        if notify:
            notify(f"basil: {BASIL_CORPUS.name} as one corpus")
        result["basil"] = bench_basil(settings)
        if notify:
            notify(f"  {result['basil']['wall']:.1f} s, {result['basil']['discrepancies']} flags")
    if clusters:
        result["clusters"] = bench_clusters(settings, max_clusters=max_clusters, seed=seed, notify=notify)
    if incremental:
        result["incremental"] = bench_incremental(corpus_file, incremental_size, settings, seed, notify=notify)
    if recall:
        from .recall import measure_recall

        result["recall"] = measure_recall(settings, seed=seed, notify=notify)
    if robustness:
        if notify:
            notify(f"robustness: {tiny:,} tiny articles")
        result["robustness"] = bench_robustness(tiny, settings)
    for section in SECTIONS:
        if section in result:
            result[section]["settings"] = result["settings"]
            result[section]["load_1min"] = result["machine"]["load_1min"]
    merged = {**{k: v for k, v in previous.items() if k not in ("machine", "settings")}, **result}
    # The header's settings are the scaling run's: the figures the targets are judged on.
    merged["settings"] = (merged.get("scaling") or {}).get("settings", result["settings"])
    merged["targets"] = evaluate_targets(merged)
    if out is not None:
        from ..common import atomic_write_text

        out = Path(out)
        if "scaling" in merged and merged["scaling"]["rows"]:
            plot_scaling(merged["scaling"], out.with_name("bench_scaling.png"))
        atomic_write_text(out.with_suffix(".json"), json.dumps(merged, indent=1, default=str) + "\n")
        previous_text = out.read_text(encoding="utf-8") if out.is_file() else ""
        atomic_write_text(out, keep_hand_written(previous_text, render_markdown(merged)))
    return merged


def _settings_summary(settings: Settings) -> dict:
    keys = ("nli_model", "embedding_model", "top_k", "min_similarity", "fact_top_k", "fact_min_similarity",
            "nli_min_similarity", "contradiction_threshold", "min_confidence", "batch_size")
    return {k: getattr(settings, k) for k in keys}


def main(argv: list[str] | None = None) -> None:
    """The child process of ``bench_scaling`` / ``bench_robustness``: prints one JSON line."""
    import argparse

    parser = argparse.ArgumentParser(description="One benchmark measurement in this process (used by factcheck bench).")
    parser.add_argument("--one", type=int, help="articles sampled from --corpus")
    parser.add_argument("--tiny", type=int, help="generated tiny articles")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--settings", default="{}", help="Settings fields as JSON")
    args = parser.parse_args(argv)
    settings = Settings(**{"quiet": True, **json.loads(args.settings)})
    if args.tiny:
        rows = tiny_articles(args.tiny + 10, seed=args.seed)
        row = _timed_runs(rows[:args.tiny], rows[args.tiny:], settings, args.repeats)
    elif args.one:
        row = measure_size(args.corpus, args.one, settings, args.seed, args.repeats)
    else:
        parser.error("give --one N or --tiny N")
    print(json.dumps(row))


if __name__ == "__main__":
    main()
