"""bench's result dict -> targets met or missed, reports/bench.md and the scaling plot.

Apart from ``bench`` (which measures) because rendering a result never re-measures: a report can
be re-rendered from ``bench.json`` alone.
"""

from __future__ import annotations

import math
from pathlib import Path

# Issue 14 tightened the first three (from 600 s and k ≤ 1.2) and added 10,000 articles and BASIL.
TARGETS = {"seconds_at_1000": 60.0, "seconds_at_10000": 600.0, "peak_mb": 4096.0, "exponent": 1.1,
           "candidate_fraction": 0.02, "unchanged_speedup": 10.0, "basil_seconds": 60.0}
SECTIONS = ("scaling", "basil", "clusters", "incremental", "recall", "robustness")
STAGES = ("ingest", "analyse", "segment", "extract", "embed", "stories", "pair", "nli", "judge", "store", "report")
KINDS = ("date", "number", "duration", "since", "role", "quote", "contradiction")


def evaluate_targets(result: dict) -> list[dict]:
    """Each target with the measured figure and, where missed, by how much."""
    out = []

    def add(name: str, goal: str, measured: float | None, limit: float, shown: str, unit: str = "",
            higher_is_better: bool = False, note: str = "") -> None:
        if measured is None:
            out.append({"target": name, "goal": goal, "measured": "not measured", "verdict": "—"})
            return
        met = measured >= limit if higher_is_better else measured <= limit
        if met:
            verdict = "met"
        else:
            gap = (limit - measured) if higher_is_better else (measured - limit)
            verdict = f"missed by {gap:,.3g}{unit} ({measured / limit:.2f}× the target)"
        out.append({"target": name, "goal": goal, "measured": shown + (f" ({note})" if note else ""),
                    "verdict": verdict, "met": met})

    scaling = result.get("scaling") or {}
    rows = scaling.get("rows") or []
    at = next((r for r in rows if r.get("requested", r["articles"]) >= 1000), None)
    t1000, note = (at["wall"], f"{at['articles']:,} articles") if at else (None, "")
    if at is None and scaling.get("exponent") is not None:
        t1000, note = math.exp(scaling["intercept"]) * 1000 ** scaling["exponent"], "extrapolated from the fit"
    add("1,000 articles end to end", "≤ 60 s", t1000, TARGETS["seconds_at_1000"],
        f"{t1000:,.0f} s" if t1000 is not None else "", " s", note=note)
    at10k = next((r for r in rows if r.get("requested", r["articles"]) >= 10_000), None)
    add("10,000 articles end to end", "≤ 600 s", at10k["wall"] if at10k else None, TARGETS["seconds_at_10000"],
        f"{at10k['wall']:,.0f} s" if at10k else "", " s", note=f"{at10k['articles']:,} articles" if at10k else "")
    peak = max((r["peak_rss_mb"] for r in rows), default=None)
    add("peak memory (RSS)", "≤ 4,096 MB", peak, TARGETS["peak_mb"], f"{peak:,.0f} MB" if peak else "", " MB")
    exp = scaling.get("exponent")
    add("scaling exponent (time ∝ articlesᵏ)", "k ≤ 1.1", exp, TARGETS["exponent"], f"{exp:.2f}" if exp else "")
    basil = result.get("basil") or {}
    add("BASIL same-story articles as one corpus", "≤ 60 s", basil.get("wall"), TARGETS["basil_seconds"],
        f"{basil['wall']:,.0f} s" if basil.get("wall") is not None else "", " s",
        note=f"{basil['articles']} articles" if basil.get("wall") is not None else "")
    big = max(rows, key=lambda r: r["articles"], default=None)
    frac = big["candidate_pairs"] / big["exhaustive_pairs"] if big and big["exhaustive_pairs"] else None
    add("candidate pairs / cross-article pairs", "≤ 2 %", frac, TARGETS["candidate_fraction"],
        f"{100 * frac:.2f} %" if frac is not None else "", note=f"at {big['articles']:,} articles" if big else "")
    incr = result.get("incremental") or {}
    add("unchanged re-run speed-up", "≥ 10×", incr.get("speedup"), TARGETS["unchanged_speedup"],
        f"{incr['speedup']:.1f}×, {incr['unchanged_nli_scored']} NLI directions scored" if incr.get("speedup") else "",
        higher_is_better=True)
    rec = result.get("recall") or {}
    add("candidate recall of exhaustive flags", "≥ 95 %", rec.get("recall"), 0.95,
        f"{100 * rec['recall']:.1f} % of {rec['exhaustive_flags']} flags" if rec.get("recall") is not None else "",
        higher_is_better=True)
    return out


# --- rendering -------------------------------------------------------------------------------------

def _fmt_s(mean: float, sd: float = 0.0, repeats: int = 1) -> str:
    return f"{mean:.1f} ± {sd:.1f}" if repeats > 1 else f"{mean:.1f}"


def render_markdown(result: dict) -> str:
    m = result["machine"]
    lines = ["# factcheck benchmark", "",
             f"Machine: {m['platform']} ({m['processor']}), {m['cpus']} CPUs, {m['ram_gb']} GB RAM, Python "
             f"{m['python']}; 1-minute load average at start {m['load_1min']:.1f}; {m['date']}.",
             "Settings (every section unless it says otherwise): "
             + ", ".join(f"`{k}={v}`" for k, v in result["settings"].items()) + ".", ""]
    lines += ["## Targets", "", "| target | goal | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {t['target']} | {t['goal']} | {t['measured']} | {t['verdict']} |" for t in result["targets"]]
    if "scaling" in result:
        sc = result["scaling"]
        stages = [st for st in STAGES if any(st in r["stages"] or st in r.get("worker_seconds", {}) for r in sc["rows"])]
        lines += ["", f"## Scaling ({sc['corpus']}, nested seeded samples, seed {sc['seed']}; {sc['when']})", "",
                  "Each size in a fresh process: warm-up on 10 other articles (model loading), then timed runs of "
                  "`Checker.run` with reports written; seconds per stage are means over the repeats. CPU s: user + "
                  "system seconds of the process per run (wall ≥ CPU ÷ cores when the machine is otherwise idle); "
                  "load after: the machine's 1-minute load average when the size finished (above the core count means other jobs "
                  "competed for the cores and wall times are inflated). Where a stage ran in worker processes "
                  "(`workers`), `analyse` / `judge` are its wall time and the figures marked † are seconds summed over the "
                  "workers; CPU s then includes the workers' CPU, and peak RSS is this process's (the largest worker's "
                  "is under the table).", "",
                  "| articles | sentences | cross-article pairs | candidate pairs | NLI pairs | flags | "
                  + " | ".join(stages) + " | total s | CPU s | cand. pairs/s | NLI pairs/s | peak RSS MB | load after |",
                  "|" + "---:|" * (12 + len(stages))]
        for r in sc["rows"]:
            frac = r["candidate_pairs"] / max(1, r["exhaustive_pairs"])
            nli_s = r["stages"].get("nli", 0.0)
            lines.append(
                f"| {r['articles']:,} | {r['sentences']:,} | {r['exhaustive_pairs']:,} | {r['candidate_pairs']:,} "
                f"({100 * frac:.2f} %) | {r['nli_pairs']:,} | {r['discrepancies']:,} | "
                + " | ".join(_stage_cell(r, st) for st in stages)
                + f" | {_fmt_s(r['wall'], r['wall_sd'], r['repeats'])} | {r.get('cpu_s', float('nan')):.0f} | "
                f"{r['candidate_pairs'] / r['wall']:,.0f} | {(r['nli_pairs'] / nli_s) if nli_s else 0:,.0f} | "
                f"{r['peak_rss_mb']:,.0f} | {r.get('load_1min_end') or float('nan'):.1f} |")
        workers = [r for r in sc["rows"] if r.get("worker_peak_rss_mb")]
        if workers:
            lines += ["", "Largest worker process's peak RSS: " + ", ".join(
                f"{r['articles']:,} articles {r['worker_peak_rss_mb']:,.0f} MB" for r in workers) + "."]
        if sc.get("exponent") is not None:
            per = ", ".join(f"{st} {k:.2f}" for st, k in sc["stage_exponents"].items())
            lines += ["", f"Fit: total time ∝ articles^{sc['exponent']:.2f} (per stage: {per}).", "",
                      "![scaling](bench_scaling.png)"]
    if "basil" in result:
        b = result["basil"]
        lines += ["", f"## BASIL: {b['articles']} same-story articles as one corpus ({b['when']})", "",
                  f"{b['corpus']} ({_run_counts(b)}) in a fresh process, warmed up first: **{b['wall']:.1f} s** wall, "
                  f"{b.get('cpu_s', float('nan')):.0f} CPU s, peak RSS {b['peak_rss_mb']:,.0f} MB. {_run_stages(b)}"]
    if "clusters" in result:
        lines += ["", f"## Same-event clusters, each checked as its own corpus ({result['clusters']['when']})", "",
                  "Flags per article: discrepancies ÷ articles (each flag involves two articles, so an article's "
                  "editor sees about twice this many on average).", "",
                  "| dataset | clusters | articles | flags/article | " + " | ".join(KINDS)
                  + " | articles with a flag | cand. pairs | s/cluster | max s |", "|---|" + "---:|" * (7 + len(KINDS))]
        for name, d in result["clusters"]["datasets"].items():
            if "missing" in d:
                lines.append(f"| {name} | missing: {d['missing']} |")
                continue
            lines.append(f"| {name} | {d['clusters']} | {d['articles']} | {d['flags_per_article']:.2f} | "
                         + " | ".join(f"{d['per_article_by_kind'][k]:.2f}" for k in KINDS)
                         + f" | {100 * d['articles_flagged']:.0f} % | {100 * d['candidate_fraction']:.1f} % | "
                         f"{d['seconds_per_cluster']:.1f} ± {d['seconds_per_cluster_sd']:.1f} | {d['seconds_max']:.1f} |")
        lines += ["", "Most confident flag per dataset (what an editor sees first):", ""]
        for name, d in result["clusters"]["datasets"].items():
            for ex in d.get("examples", [])[:1]:
                lines.append(f"- {name}: {ex['kind']} {ex['confidence']:.2f} — “{ex['a']}” vs “{ex['b']}” "
                             f"({ex['explanation'][:140]})")
    if "incremental" in result:
        inc = result["incremental"]
        lines += ["", f"## Incremental runs with a store ({inc['corpus']}, {inc['articles']} articles; {inc['when']})", "",
                  "| run | wall s | articles analysed | NLI pairs | NLI directions scored | from cache | flags |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        for r in inc["runs"]:
            lines.append(f"| {r['run']} | {r['wall']:.2f} | {r['articles_analysed']} | {r['nli_pairs']} | "
                         f"{r['nli_directions_scored']} | {r['nli_pairs_cached']} | {r['discrepancies']} |")
        lines += ["", f"Unchanged re-run: {inc['unchanged_s']:.2f} ± {inc['unchanged_sd']:.2f} s, "
                      f"{inc['speedup']:.1f}× faster than the first run (target ≥ 10×), "
                      f"{inc['unchanged_nli_scored']} NLI directions scored (target 0). "
                      f"Adding {inc['new_articles']} articles ({100 * inc['new_articles'] / inc['articles']:.0f} %) "
                      f"cost {100 * inc['added_ratio']:.0f} % of the first run's time and "
                      f"{100 * inc['added_nli_ratio']:.0f} % of its NLI scoring."]
    if "recall" in result:
        from .recall import render_recall

        lines += ["", render_recall(result["recall"])]
    if "robustness" in result:
        rb = result["robustness"]
        lines += ["", f"## Robustness: {rb['requested']:,} tiny generated articles ({rb['when']})", "",
                  f"{_run_counts(rb)}: {rb['wall']:.1f} s (warm-up {rb['warmup_s']:.1f} s), peak RSS "
                  f"{rb['peak_rss_mb']:,.0f} MB; NLI model `{rb['nli']}`. {_run_stages(rb)}"]
    return _note_settings(lines, result)


def _stage_cell(row: dict, stage: str) -> str:
    """A stage's seconds: the driver's wall, or (†) the seconds summed over worker processes."""
    if stage in row["stages"]:
        return f"{row['stages'][stage]:.1f}"
    worker = row.get("worker_seconds", {}).get(stage)
    return f"{worker:.1f}†" if worker is not None else "0.0"


def _run_counts(run: dict) -> str:
    return (f"{run['articles']:,} articles, {run['sentences']:,} sentences, {run['candidate_pairs']:,} candidate "
            f"pairs, {run['nli_pairs']:,} NLI pairs, {run['discrepancies']:,} flags")


def _run_stages(run: dict) -> str:
    return "Stages: " + ", ".join(f"{k} {v:.1f} s" for k, v in run["stages"].items()) + "."


def _note_settings(lines: list[str], result: dict) -> str:
    """Under each section heading, the settings that differ from the header's and the load at its start."""
    out = []
    for line in lines:
        out.append(line)
        for section in SECTIONS:
            if line.startswith("## ") and section in result and _HEADINGS[section] in line:
                own = result[section].get("settings") or {}
                diff = {k: v for k, v in own.items() if result["settings"].get(k) != v}
                extra = [f"`{k}={v}`" for k, v in diff.items()]
                if result[section].get("load_1min") is not None:
                    extra.append(f"1-minute load average at start {result[section]['load_1min']:.1f}")
                if extra:
                    out += ["", "Run with " + ", ".join(extra) + "."]
    return "\n".join(out) + "\n"


_HEADINGS = {"scaling": "## Scaling", "basil": "## BASIL", "clusters": "## Same-event clusters",
             "incremental": "## Incremental", "recall": "## Candidate-pair recall", "robustness": "## Robustness"}


def keep_hand_written(previous: str, generated: str) -> str:
    """``generated`` followed by the sections of ``previous`` that the generator does not write.

    Why: reports/bench.md also holds hand-written analysis (before/after tables, what was tried), and a
    regeneration used to drop it. A section is a ``## `` heading and the lines up to the next one.
    """
    own = ("## Targets", *_HEADINGS.values())
    sections: list[list[str]] = []
    keeping = False
    for line in previous.splitlines():
        if line.startswith("## "):
            keeping = not line.startswith(own) and line not in generated.splitlines()
            if keeping:
                sections.append([])
        if keeping:
            sections[-1].append(line)
    if not sections:
        return generated
    return generated.rstrip("\n") + "\n\n" + "\n\n".join("\n".join(x).rstrip() for x in sections) + "\n"


def plot_scaling(scaling: dict, path: str | Path) -> Path:
    """Log-log time per stage and in total against articles, with a slope-1 guide."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = scaling["rows"]
    x = [r["articles"] for r in rows]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(x, [r["wall"] for r in rows], "o-", color="black", lw=2,
            label=f"total (k = {scaling['exponent']:.2f})" if scaling.get("exponent") is not None else "total")
    for st in STAGES:
        ys = [r["stages"].get(st, 0.0) for r in rows]
        if max(ys) > 0.05:
            ax.plot(x, [max(y, 1e-3) for y in ys], ".--", label=st)
    ax.plot(x, [rows[0]["wall"] * xi / x[0] for xi in x], ":", color="grey", label="linear (k = 1)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("articles")
    ax.set_ylabel("seconds")
    ax.set_title(f"factcheck scaling on {scaling['corpus']}")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, ncol=2)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
