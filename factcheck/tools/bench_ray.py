"""The same corpus sample through the local and the Ray executor, side by side: the work behind ``factcheck bench-ray``.

Why: Ray is worth its overhead only where one machine is not enough; this says what the
overhead is (wall, CPU of driver + workers, memory) and checks that both give the same report.
Each run is cold (a fresh process; models load inside the timed run, on the driver and on every
worker alike), because a Ray run's workers start and load their models per run.

Example::

    ray start --head --num-cpus 1 --port 6379 && ray start --address 127.0.0.1:6379 --num-cpus 1
    factcheck bench-ray --sizes 300 --ray-address 127.0.0.1:6379
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from ..common import utc_now
from ..errors import FactcheckError
from ..settings import Settings
from .corpora import read_rows, sample_order, write_jsonl


def _usage() -> tuple[float, float]:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime, own.ru_maxrss / 1024


def measure(corpus: Path, settings: Settings) -> dict:
    """One cold run in this process: wall, driver CPU and peak memory, workers' CPU and peak memory."""
    from ..pipeline import Checker

    start = time.perf_counter()
    checker = Checker(settings)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-ray-") as tmp:
        result = checker.run([corpus], out=Path(tmp), formats=("json",))
    workers = checker.executor.worker_usage() if settings.executor == "ray" else []
    wall = time.perf_counter() - start
    checker.close()
    cpu, peak = _usage()
    stats = result.stats
    return {"executor": settings.executor, "articles": stats["articles"], "sentences": stats["sentences"],
            "stories": stats["stories"], "discrepancies": stats["discrepancies"], "wall": wall,
            "driver_cpu_s": cpu, "driver_peak_mb": peak, "workers": len(workers),
            "worker_nodes": len({w["node"] for w in workers}),
            "worker_cpu_s": sum(w["cpu_s"] for w in workers), "worker_peak_mb": max((w["peak_rss_mb"] for w in workers), default=0.0),
            "stages": stats["seconds"], "worker_seconds": stats.get("worker_seconds", {}),
            "flags": [[d["id"], d["kind"], d["confidence"]] for d in result.report["discrepancies"]]}


def _child(corpus: Path, settings: Settings) -> dict:
    cmd = [sys.executable, "-m", "factcheck.tools.bench_ray", str(corpus), json.dumps(dataclasses.asdict(settings))]
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
    if proc.returncode != 0 or not proc.stdout.strip():
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise FactcheckError(f"bench-ray: the {settings.executor} run failed (exit {proc.returncode}): {tail}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_ray(corpus_file: str | Path, sizes: Sequence[int], settings: Settings, seed: int = 0, notify=None) -> dict:
    """Per size: a local run, then a Ray run (``settings.ray_address``), each in a fresh process."""
    rows = read_rows(corpus_file)
    order = sample_order(len(rows), seed)
    out = []
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-ray-") as tmp:
        for n in sizes:
            corpus = write_jsonl([rows[i] for i in order[:n]], Path(tmp) / f"sample{n}.jsonl")
            pair = {}
            for executor in ("local", "ray"):
                if notify:
                    notify(f"bench-ray: {n} articles, {executor}")
                pair[executor] = _child(corpus, settings.replace(executor=executor, quiet=True))
            local, ray = pair["local"], pair["ray"]
            out.append({"size": n, "local": local, "ray": ray, "same_report": local["flags"] == ray["flags"],
                        "overhead_wall_s": ray["wall"] - local["wall"],
                        "overhead_cpu_s": ray["driver_cpu_s"] + ray["worker_cpu_s"] - local["driver_cpu_s"]})
    return {"corpus": Path(corpus_file).name, "seed": seed, "ray_address": settings.ray_address or "(local instance)",
            "nli_model": settings.nli_model, "when": utc_now(), "load_1min": os.getloadavg()[0], "rows": out}


def render(result: dict) -> str:
    """A Markdown table: one line per size and executor, then the overhead."""
    lines = [f"## Local vs Ray executor ({result['corpus']}, seed {result['seed']}, Ray at {result['ray_address']}, "
             f"NLI {result['nli_model']}, {result['when']}, 1-min load at the end {result['load_1min']:.1f})", "",
             "Cold runs (a fresh process each; model loading included on the driver and on every worker).", "",
             "| articles | executor | workers (Ray nodes) | wall s | driver CPU s | workers' CPU s | driver peak MB | worker peak MB | flags | same report |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for row in result["rows"]:
        for name in ("local", "ray"):
            r = row[name]
            lines.append(f"| {r['articles']:,} | {name} | {r['workers']} ({r['worker_nodes']}) | {r['wall']:.1f} | "
                         f"{r['driver_cpu_s']:.1f} | {r['worker_cpu_s']:.1f} | {r['driver_peak_mb']:.0f} | "
                         f"{r['worker_peak_mb']:.0f} | {r['discrepancies']} | "
                         f"{'yes' if row['same_report'] else 'NO'} |")
    lines += ["", "| articles | Ray overhead: wall s | CPU s (driver + workers − local) | Ray driver stages (wall s) | "
              "Ray workers' stages (s, summed over workers) |", "|---:|---:|---:|---|---|"]
    for row in result["rows"]:
        ray = row["ray"]
        stages = ", ".join(f"{k} {v:.1f}" for k, v in ray["stages"].items())
        work = ", ".join(f"{k} {v:.1f}" for k, v in ray["worker_seconds"].items())
        lines.append(f"| {row['size']:,} | {row['overhead_wall_s']:+.1f} | {row['overhead_cpu_s']:+.1f} | {stages} | {work} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # the child process: one measured run
    print(json.dumps(measure(Path(sys.argv[1]), Settings(**json.loads(sys.argv[2])))))
