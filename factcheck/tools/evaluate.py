"""Every accuracy figure the project has, in one table: the work behind ``factcheck eval``.

Why one command: the fact extractors, the NLI model and the whole judge are tuned by different
people, and a change that helps one figure can hurt another. Sections:

* facts: the fact extractors on their labelled set (``factcheck.tools.eval_facts.evaluate_facts``);
* nli: the NLI model per dataset (``factcheck.tools.eval_nli.evaluate_nli``);
* claimdiff: the whole checker (pairing, typed comparison, NLI, thresholds) on ClaimDiff claim
  pairs from two outlets. Those labels say whether B *strengthens* or *weakens* A's claim, or
  neither; they are nuance labels, not contradictions, so this is reported as a flag rate per
  label (how often an editor would see a flag), not as precision/recall against gold.

A section whose module or data is missing says "not available" instead of failing the rest.

Example::

    >>> from factcheck.tools.evaluate import evaluate_all, render_evaluation
    >>> result = evaluate_all(facts=False, nli=None, limit=100)      # doctest: +SKIP
    >>> sorted(result["claimdiff"]["by_label"])                       # doctest: +SKIP
    ['none', 'strengthen', 'weaken']
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from ..settings import Settings
from .paths import NEWS_DIR

CLAIMDIFF = NEWS_DIR / "claimdiff_pairs.train.jsonl.gz"


def evaluate_all(facts: bool = True, nli: str | None = "default", claimdiff: bool = True, limit: int | None = None,
                 settings: Settings | None = None, seed: int = 0) -> dict:
    """Run the requested sections; each is a dict, or {"unavailable": reason}."""
    settings = settings or Settings(quiet=True)
    result: dict[str, Any] = {"when": dt.datetime.now().replace(microsecond=0).isoformat(sep=" "), "limit": limit}
    if facts:
        result["facts"] = _facts_section()
    if nli:
        result["nli"] = _nli_section(nli, limit, settings)
    if claimdiff:
        result["claimdiff"] = claimdiff_flag_rate(settings.replace(nli_model=nli or settings.nli_model), limit, seed)
    return result


def _facts_section() -> dict:
    try:
        from .eval_facts import evaluate_facts
    except ImportError as exc:
        return {"unavailable": f"factcheck.tools.eval_facts is not available ({exc})"}
    try:
        return {"results": evaluate_facts()}
    except Exception as exc:  # noqa: BLE001 - one broken section must not hide the others
        return {"unavailable": f"evaluate_facts failed: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}


def _nli_section(model: str, limit: int | None, settings: Settings) -> dict:
    try:
        from .eval_nli import evaluate_nli
        from ..judge.nli import NLIJudge
    except ImportError as exc:
        return {"unavailable": f"factcheck.tools.eval_nli is not available ({exc})"}
    judge = NLIJudge(model, batch_size=settings.batch_size, max_length=settings.nli_max_length)
    try:
        results = evaluate_nli(judge, limit=limit)
    except Exception as exc:  # noqa: BLE001 - a missing model is reported, not fatal
        return {"unavailable": f"NLI model {model}: {type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"}
    return {"model": judge.name, "results": results}


def claimdiff_flag_rate(settings: Settings, limit: int | None = None, seed: int = 0, path: str | Path = CLAIMDIFF) -> dict:
    """Each ClaimDiff pair checked as a two-article corpus: flag rate and kinds per label.

    Pairs come in both orders (``<id>`` and ``<id>_rev``); judging is symmetric, so one order
    is kept. ``limit`` draws a seeded sample.
    """
    from .corpora import read_rows
    from ..pipeline import Checker
    from ..records import Article

    path = Path(path)
    if not path.is_file():
        return {"unavailable": f"{path} not found"}
    rows = [r for r in read_rows(path) if not str(r.get("pair_id", "")).endswith("_rev")]
    if limit and len(rows) > limit:
        rows = random.Random(seed).sample(rows, limit)
    start = time.perf_counter()
    checker = Checker(settings)
    articles = []
    for i, row in enumerate(rows):
        published = _date(row.get("date"))
        articles.append((Article(id=f"{i}:a", text=row["a"], published=published),
                         Article(id=f"{i}:b", text=row["b"], published=published)))
    analysis = checker.analyse([a for pair in articles for a in pair])  # segment, extract, embed: the pipeline's
    segmented, facts, kinds = analysis.sentences, analysis.facts, analysis.kinds
    vectors = dict(zip((s.id for s in analysis.all_sentences), analysis.vectors))
    candidates = []
    for a, b in articles:
        sentences = segmented.get(a.id, []) + segmented.get(b.id, [])
        found = checker.pair_finder.find(sentences, np.stack([vectors[s.id] for s in sentences]), kinds) if len(sentences) > 1 else []
        candidates.append(found)
    gate = settings.nli_min_similarity
    scored = [p for found in candidates for p in found if p.similarity >= gate]
    probs: dict = {}
    if checker.nli is not None and scored:
        combined = checker.nli.predict_pairs(scored).probs  # both directions, always
        probs = {p.key: combined[i] for i, p in enumerate(scored)}
    by_label: dict[str, Counter] = {}
    contra: dict[str, list[float]] = {}
    for row, (a, b), found in zip(rows, articles, candidates):
        label = str(row.get("label"))
        nli = None
        if probs:
            nli = np.stack([probs.get(p.key, np.full(3, np.nan, dtype=np.float32)) for p in found]) if found else None
        flags = checker.judge.judge(found, facts, {a.id: a.published, b.id: b.published}, nli) if found else []
        counts = by_label.setdefault(label, Counter())
        counts["pairs"] += 1
        counts["paired"] += bool(found)
        counts["flagged"] += bool(flags)
        counts.update(str(d.kind) for d in flags[:1])  # the pair's leading flag
        scores = [float(probs[p.key][2]) for p in found if p.key in probs]
        contra.setdefault(label, []).append(max(scores) if scores else float("nan"))
    out = {}
    for label, c in sorted(by_label.items()):
        values = np.array(contra[label], dtype=float)
        out[label] = {"pairs": c["pairs"], "paired": c["paired"], "flagged": c["flagged"],
                      "flag_rate": c["flagged"] / c["pairs"],
                      "kinds": {k: v for k, v in c.items() if k not in ("pairs", "paired", "flagged")},
                      "mean_max_contradiction": float(np.nanmean(values)) if np.isfinite(values).any() else None}
    return {"pairs": len(rows), "nli_model": checker.nli_name, "seconds": time.perf_counter() - start, "by_label": out}


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def render_evaluation(result: dict) -> str:
    """Markdown tables of evaluate_all's result."""
    lines = [f"# factcheck evaluation ({result['when']}" + (f", at most {result['limit']} per set)" if result.get("limit")
                                                           else ")"), ""]
    if "facts" in result:
        lines += ["## Fact extractors (labelled set)", ""]
        facts = result["facts"]
        lines += [f"not available: {facts['unavailable']}", ""] if "unavailable" in facts else _generic_table(facts["results"])
    if "nli" in result:
        lines += ["## NLI model per dataset", ""]
        nli = result["nli"]
        if "unavailable" in nli:
            lines += [f"not available: {nli['unavailable']}", ""]
        elif not nli.get("results"):
            from .eval_nli import DATA_DIR, DATASETS

            files = ", ".join(f"{stem}.jsonl.gz" for stem, _, _ in DATASETS.values())
            lines += [f"No NLI test set found: none of {files} is in {DATA_DIR} (the project's shared data, "
                      "beside the repository; see its README). Nothing was scored.", ""]
        else:
            from .eval_nli import format_table

            lines += [format_table(nli["results"], nli["model"]), ""]
    if "claimdiff" in result:
        cd = result["claimdiff"]
        lines += ["## ClaimDiff: flag rate by label (nuance labels, not gold contradictions)", ""]
        if "unavailable" in cd:
            lines += [f"not available: {cd['unavailable']}", ""]
        else:
            lines += [f"{cd['pairs']} claim pairs from two outlets, each checked as a two-article corpus "
                      f"(NLI model `{cd['nli_model']}`, {cd['seconds']:.0f} s). A flag on a `weaken` pair is a "
                      "plausible catch; on a `none` pair it is false-positive pressure.", "",
                      "| label | pairs | paired | flagged | flag rate | leading kinds | mean max P(contradiction) |",
                      "|---|---:|---:|---:|---:|---|---:|"]
            for label, m in cd["by_label"].items():
                kinds = ", ".join(f"{k} {v}" for k, v in sorted(m["kinds"].items())) or "—"
                p = "—" if m["mean_max_contradiction"] is None else f"{m['mean_max_contradiction']:.3f}"
                lines.append(f"| {label} | {m['pairs']} | {m['paired']} | {m['flagged']} | "
                             f"{100 * m['flag_rate']:.1f} % | {kinds} | {p} |")
            lines.append("")
    return "\n".join(lines)


def _generic_table(results: Any) -> list[str]:
    """evaluate_facts' dict ({name: {metric: value}} or flat) as a Markdown table."""
    if isinstance(results, dict) and results and all(isinstance(v, dict) for v in results.values()):
        metrics = list(dict.fromkeys(k for v in results.values() for k in v if not isinstance(v[k], (dict, list))))
        rows = ["| | " + " | ".join(metrics) + " |", "|---|" + "---:|" * len(metrics)]
        for name, v in results.items():
            rows.append(f"| {name} | " + " | ".join(_num(v.get(m)) for m in metrics) + " |")
        return rows + [""]
    if isinstance(results, dict):
        return ["| metric | value |", "|---|---:|"] + [f"| {k} | {_num(v)} |" for k, v in results.items()] + [""]
    return [str(results), ""]


def _num(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)
