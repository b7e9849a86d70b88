"""NLI scoring speed: realistic news sentence pairs -> pairs/s and memory, per backend.

Like spaCy's ``benchmark_speed``: warm up, then time each batch and report the mean and its
spread, so one slow batch (a page fault, another process) shows as spread, not as the figure.
Pairs are built from real news sentences (BBC articles in shared/data/news), because sentence
length, not pair count, sets the cost of a cross-encoder.

Each backend runs in its own process, so its memory figures are its own.

Example::

    python -m factcheck.tools.bench_nli --backends torch,onnx --pairs 2000
"""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import statistics
import time
from pathlib import Path
from typing import Sequence

from .paths import NEWS_DIR

NEWS_FILE = NEWS_DIR / "bbc_news.jsonl.gz"
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z\"'(\[])")


def news_sentences(path: str | Path = NEWS_FILE, min_chars: int = 25, max_chars: int = 400) -> list[tuple[str, str]]:
    """(article id, sentence) from a news jsonl.gz; a regex splitter is enough for timing."""
    out: list[tuple[str, str]] = []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            for paragraph in row["text"].split("\n"):
                for sentence in _SENTENCE_END.split(paragraph.strip()):
                    if min_chars <= len(sentence) <= max_chars:
                        out.append((str(row.get("id")), sentence))
    return out


def news_pairs(n: int, seed: int = 0, path: str | Path = NEWS_FILE) -> list[tuple[str, str]]:
    """n (premise, hypothesis) pairs of sentences from two different articles, seeded."""
    sentences = news_sentences(path)
    rng = random.Random(seed)
    pairs: list[tuple[str, str]] = []
    while len(pairs) < n:
        (a_id, a), (b_id, b) = rng.sample(sentences, 2)
        if a_id != b_id:
            pairs.append((a, b))
    return pairs


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bench_backend(
    pairs: Sequence[tuple[str, str]],
    model: str = "default",
    backend: str = "torch",
    batch_size: int = 32,
    warmup: int = 3,
    threads: int | None = None,
) -> dict[str, float | str]:
    """Time one backend on ``pairs``: per-batch pairs/s (mean, std) after warm-up, bulk pairs/s, memory."""
    from factcheck.judge.nli import NLIJudge

    if threads:
        import torch

        torch.set_num_threads(threads)
    before = _rss_mb()
    start = time.perf_counter()
    judge = NLIJudge(model, batch_size=batch_size, backend=backend)
    judge.predict(pairs[0])
    load_s = time.perf_counter() - start
    loaded = _rss_mb()
    batches = [pairs[i : i + batch_size] for i in range(0, len(pairs), batch_size)]
    for batch in batches[:warmup]:
        judge.predict(batch)
    rates = []
    for batch in batches[warmup:]:
        t = time.perf_counter()
        judge.predict(batch)
        rates.append(len(batch) / (time.perf_counter() - t))
    # the way the pipeline calls it: every pair at once, so length sorting groups similar lengths
    t, cpu = time.perf_counter(), time.process_time()
    judge.predict(list(pairs))
    bulk = len(pairs) / (time.perf_counter() - t)
    # CPU seconds of this process (all its threads): unlike wall time, barely moved by other
    # processes sharing the cores, so runs on a busy machine stay comparable
    per_cpu_s = len(pairs) / max(1e-9, time.process_time() - cpu)
    return {
        "model": judge.name,
        "backend": judge.backend_,
        "pairs": float(len(pairs)),
        "batch_size": float(batch_size),
        "load_s": load_s,
        "batch_pairs_per_s_mean": statistics.fmean(rates) if rates else float("nan"),
        "batch_pairs_per_s_std": statistics.stdev(rates) if len(rates) > 1 else 0.0,
        "bulk_pairs_per_s": bulk,
        "candidate_pairs_per_s": bulk / 2,  # a CandidatePair is scored in both directions
        "pairs_per_cpu_s": per_cpu_s,
        "load_avg_1m": os.getloadavg()[0],
        "rss_model_mb": loaded - before,
        "peak_rss_mb": _peak_mb(),
    }


def _child(args: tuple) -> dict:
    pairs, model, backend, batch_size, warmup, threads = args
    return bench_backend(pairs, model, backend, batch_size, warmup, threads)


def run(
    backends: Sequence[str] = ("torch", "onnx"),
    model: str = "default",
    n_pairs: int = 2000,
    batch_size: int = 32,
    warmup: int = 3,
    threads: int | None = None,
    seed: int = 0,
    news_file: str | Path = NEWS_FILE,
) -> list[dict[str, float | str]]:
    """bench_backend for each backend, each in a fresh process (clean memory figures)."""
    import multiprocessing as mp

    pairs = news_pairs(n_pairs, seed=seed, path=news_file)
    ctx = mp.get_context("spawn")
    results = []
    for backend in backends:
        with ctx.Pool(1) as pool:
            results.append(pool.apply(_child, ((pairs, model, backend, batch_size, warmup, threads),)))
    return results


def main(argv: list[str] | None = None) -> None:
    import argparse
    import platform

    import psutil

    parser = argparse.ArgumentParser(description="NLI scoring speed on news sentence pairs, per backend.")
    parser.add_argument("--model", default="default")
    parser.add_argument("--backends", default="torch,onnx")
    parser.add_argument("--pairs", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=3, help="untimed batches first")
    parser.add_argument("--threads", type=int, help="torch threads (default: torch's own choice)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--news-file", type=Path, default=NEWS_FILE, help="JSON Lines news corpus")
    args = parser.parse_args(argv)

    results = run(args.backends.split(","), args.model, args.pairs, args.batch_size, args.warmup, args.threads,
                  news_file=args.news_file)
    cpu = f"{platform.processor() or platform.machine()}, {psutil.cpu_count(logical=True)} logical cores"
    print(f"{args.pairs} news sentence pairs (BBC), batch {args.batch_size}, {cpu}")
    print(f"{'backend':<8} {'batch pairs/s':>18} {'bulk pairs/s':>13} {'cand. pairs/s':>14} "
          f"{'pairs/CPU-s':>12} {'load s':>7} {'model MB':>9} {'peak MB':>8} {'loadavg':>8}")
    for r in results:
        print(
            f"{r['backend']:<8} {r['batch_pairs_per_s_mean']:>10.1f} ± {r['batch_pairs_per_s_std']:<5.1f} "
            f"{r['bulk_pairs_per_s']:>13.1f} {r['candidate_pairs_per_s']:>14.1f} {r['pairs_per_cpu_s']:>12.1f} "
            f"{r['load_s']:>7.1f} {r['rss_model_mb']:>9.0f} {r['peak_rss_mb']:>8.0f} {r['load_avg_1m']:>8.2f}"
        )
    print("bulk = all pairs in one predict() call (length-sorted batches); cand. = CandidatePairs, both directions;"
          " loadavg > cores means other processes shared the CPU")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
