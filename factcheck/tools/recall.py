"""Same-event clusters -> candidate-pair recall: how many of the flags that judging *every*
cross-article sentence pair would raise survive the normal run's pairing.

Why: pairing decides what gets judged, and a discrepancy on a pair that is never paired is lost
silently. On a few clusters small enough to score all pairs with the NLI model (both directions,
combined and thresholded exactly like the pipeline, via the same ``Judge``), the flags of the
exhaustive run are the reference; the normal run's flags are compared with them. Missed flags
are explained (never paired, or paired but below ``nli_min_similarity``) with their similarity
and neighbour rank, and alternative pairing settings are replayed on the cached scores, with the
candidate fraction they would give on a large plain corpus.

Example::

    >>> from factcheck.tools.recall import measure_recall
    >>> r = measure_recall(Settings(nli_model=None), datasets={"basil_triplets": 1})   # doctest: +SKIP
    >>> 0.0 <= r["recall"] <= 1.0                                                     # doctest: +SKIP
    True
"""

from __future__ import annotations

import random
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..common import markdown_cell
from ..records import CandidatePair, normalise_text
from ..settings import Settings

Notify = Callable[[str], None]
# Three BASIL triplets are ~8k cross-article sentence pairs (16k NLI directions, minutes on 2 CPU cores);
# one NewsWCL50 cluster (5 full articles) alone is ~15k pairs: pass datasets={"newswcl50": 1} to add it.
DEFAULT_DATASETS: dict[str, int] = {"basil_triplets": 3}
# Pairing settings replayed on the cached exhaustive scores ({} = the settings as given).
DEFAULT_VARIANTS: tuple[dict[str, Any], ...] = (
    {}, {"top_k": 4}, {"top_k": 12}, {"top_k": 16}, {"min_similarity": 0.4}, {"min_similarity": 0.6},
    {"nli_min_similarity": 0.4}, {"nli_min_similarity": 0.6}, {"fact_top_k": 0}, {"fact_top_k": 12},
    {"fact_min_similarity": 0.25}, {"top_k": 12, "nli_min_similarity": 0.4},
)
SIM_BINS = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.01)


def pick_clusters(datasets: Mapping[str, int], seed: int = 0) -> list[tuple[str, str, list[dict]]]:
    """(dataset, cluster id, rows) for a seeded choice of clusters from each dataset."""
    from .corpora import read_rows
    from .paths import NEWS_DIR

    out = []
    for name, count in datasets.items():
        groups: dict[str, list[dict]] = {}
        for row in read_rows(NEWS_DIR / f"{name}.jsonl.gz"):
            groups.setdefault(str(row.get("cluster")), []).append(row)
        keys = sorted(k for k, g in groups.items() if len(g) >= 2)
        for key in random.Random(f"{seed}:{name}").sample(keys, min(count, len(keys))):
            out.append((name, key, groups[key]))
    return out


def _gated(pairs: Sequence[CandidatePair], probs: Mapping[tuple[str, str], np.ndarray] | None,
           nli_min_similarity: float) -> np.ndarray | None:
    """NLI rows as the pipeline passes them: scored pairs only, NaN below the similarity gate."""
    if probs is None:
        return None
    out = np.full((len(pairs), 3), np.nan, dtype=np.float32)
    for i, p in enumerate(pairs):
        if p.similarity >= nli_min_similarity:
            out[i] = probs[p.key]
    return out


def measure_recall(settings: Settings | None = None, datasets: Mapping[str, int] | None = None, seed: int = 0,
                   variants: Sequence[dict[str, Any]] = DEFAULT_VARIANTS, fraction_corpus: str | Path | None = None,
                   fraction_size: int = 1000, notify: Notify | None = None) -> dict:
    """Exhaustive vs candidate flags on a few whole clusters; variants replayed; fractions on a plain corpus."""
    from .corpora import DEFAULT_CORPUS, write_jsonl
    from ..pair import PairFinder
    from ..pipeline import Checker

    settings = settings or Settings(quiet=True)
    checker = Checker(settings)
    finder_args = lambda s: dict(top_k=s.top_k, min_similarity=s.min_similarity, fact_top_k=s.fact_top_k,  # noqa: E731
                                 fact_min_similarity=s.fact_min_similarity, min_chars=s.min_sentence_chars)
    clusters, missed, flags_sim, kept_sim = [], [], [], []
    totals, by_kind, kept_by_kind = Counter(), Counter(), Counter()
    replay = [Counter() for _ in variants]
    scored_at = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factcheck-recall-") as tmp:
        for n, (dataset, key, rows) in enumerate(pick_clusters(datasets or DEFAULT_DATASETS, seed)):
            run = checker.run([write_jsonl(rows, Path(tmp) / f"c{n}" / "cluster.jsonl")], out=None)
            if run.analysis is None:  # fewer than two usable articles: nothing to compare
                continue
            # The run's own sentences, facts and vectors: the stages are not run again here.
            sentences, facts, vectors = run.analysis.all_sentences, run.analysis.facts, run.analysis.vectors
            kinds = run.analysis.kinds
            published = {a.id: a.published for a in run.articles}
            keep = [i for i, s in enumerate(sentences) if len(s.text) >= settings.min_sentence_chars]
            sim = vectors[keep] @ vectors[keep].T
            art = np.array([sentences[i].article_id for i in keep])
            cross = art[:, None] != art[None, :]
            # rank[x, y]: 1 + how many cross-article sentences are closer to x than y is (what top_k cuts on)
            masked = np.where(cross, sim, -np.inf)
            rank = np.argsort(np.argsort(-masked, axis=1), axis=1) + 1
            norm = [normalise_text(sentences[i].text).lower() for i in keep]
            universe: list[CandidatePair] = []
            where: dict[tuple[str, str], tuple[int, int]] = {}
            for x in range(len(keep)):
                for y in range(x + 1, len(keep)):
                    if cross[x, y] and norm[x] != norm[y]:
                        pair = CandidatePair(a=sentences[keep[x]], b=sentences[keep[y]],
                                             similarity=round(float(sim[x, y]), 4))
                        universe.append(pair)
                        where[pair.key] = (x, y)
            if notify:
                notify(f"recall: {dataset} {key}: scoring {len(universe):,} pairs in both directions")
            probs = None
            if checker.nli is not None and universe:
                combined = checker.nli.predict_pairs(universe).probs  # both directions, always
                probs = {p.key: combined[i] for i, p in enumerate(universe)}
            everything = np.stack([probs[p.key] for p in universe]) if probs is not None else None
            exhaustive = {d.id: d for d in checker.judge.judge(universe, facts, published, everything)}
            normal = {d.id for d in run.discrepancies}
            candidates = {p.key: p for p in checker.pair_finder.find(sentences, vectors, kinds)}
            sims = {p.key: p.similarity for p in universe}
            for d in exhaustive.values():
                k = tuple(sorted((d.a.id, d.b.id)))
                flags_sim.append(sims[k])
                by_kind[str(d.kind)] += 1
                if d.id in normal:
                    kept_sim.append(sims[k])
                    kept_by_kind[str(d.kind)] += 1
                    continue
                x, y = where[k]
                reason = ("never paired" if k not in candidates else
                          "paired, below nli_min_similarity" if sims[k] < settings.nli_min_similarity else
                          "paired and scored, judged below the threshold")
                missed.append({"dataset": dataset, "cluster": key, "kind": str(d.kind), "confidence": d.confidence,
                               "similarity": sims[k], "rank": int(min(rank[x, y], rank[y, x])), "reason": reason,
                               "shared_kinds": sorted(str(s) for s in kinds.get(d.a.id, set()) & kinds.get(d.b.id, set())),
                               "a": d.a.text[:160], "b": d.b.text[:160]})
            for v, change in enumerate(variants):
                s = settings.replace(**change)
                cands = PairFinder(**finder_args(s)).find(sentences, vectors, kinds)
                found = {d.id for d in checker.judge.judge(cands, facts, published, _gated(cands, probs, s.nli_min_similarity))}
                replay[v].update(kept=len(found & set(exhaustive)), extra=len(found - set(exhaustive)), candidates=len(cands),
                                 nli=sum(p.similarity >= s.nli_min_similarity for p in cands) if probs is not None else 0)
            stats = run.stats
            clusters.append({"dataset": dataset, "cluster": key, "articles": stats["articles"],
                             "sentences": stats["sentences"], "exhaustive_pairs": stats["exhaustive_pairs"],
                             "scored_pairs": len(universe), "candidate_pairs": stats["candidate_pairs"],
                             "nli_pairs": stats["nli_pairs"], "exhaustive_flags": len(exhaustive),
                             "run_flags": len(normal), "kept": len(normal & set(exhaustive)),
                             "kinds": dict(Counter(str(d.kind) for d in exhaustive.values()))})
            for field in ("exhaustive_pairs", "scored_pairs", "candidate_pairs", "nli_pairs", "exhaustive_flags",
                          "run_flags", "kept"):
                totals[field] += clusters[-1][field]
    seconds = time.perf_counter() - scored_at
    fractions = pair_fractions(fraction_corpus or DEFAULT_CORPUS, fraction_size, settings, variants, seed, notify)
    hist = np.histogram(flags_sim, bins=SIM_BINS)[0].tolist() if flags_sim else []
    kept_hist = np.histogram(kept_sim, bins=SIM_BINS)[0].tolist() if kept_sim else [0] * (len(SIM_BINS) - 1)
    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"), "nli": settings.nli_model, "seconds": seconds,
        "clusters": clusters, **dict(totals),
        "recall": totals["kept"] / totals["exhaustive_flags"] if totals["exhaustive_flags"] else None,
        "candidate_fraction": totals["candidate_pairs"] / max(1, totals["exhaustive_pairs"]),
        "nli_fraction": totals["nli_pairs"] / max(1, totals["exhaustive_pairs"]),
        "missed": sorted(missed, key=lambda m: -m["confidence"]),
        "by_kind": {k: {"flags": v, "kept": kept_by_kind[k]} for k, v in by_kind.most_common()},
        "similarity_bins": list(SIM_BINS), "flags_by_similarity": hist, "kept_by_similarity": kept_hist,
        "variants": [{"change": change, "recall": r["kept"] / max(1, totals["exhaustive_flags"]), "extra": r["extra"],
                      "candidate_pairs": r["candidates"], "nli_pairs": r["nli"], **fractions[v]}
                     for v, (change, r) in enumerate(zip(variants, replay))],
    }


def pair_fractions(corpus_file: str | Path, n: int, settings: Settings, variants: Sequence[dict[str, Any]],
                   seed: int = 0, notify: Notify | None = None) -> list[dict]:
    """Candidate and NLI pairs as a fraction of cross-article pairs on ``n`` articles of a plain corpus, per variant."""
    from .corpora import read_rows, sample_order, write_jsonl
    from ..ingest import read_articles
    from ..pair import PairFinder, exhaustive_pair_count
    from ..pipeline import Checker
    from ..records import Article

    rows = read_rows(corpus_file)
    sample = [rows[i] for i in sample_order(len(rows), seed)[:n]]
    checker = Checker(settings.replace(nli_model=None))
    with tempfile.TemporaryDirectory(prefix="factcheck-frac-") as tmp:
        articles = [a for a in read_articles([write_jsonl(sample, Path(tmp) / "s.jsonl")]) if isinstance(a, Article)]
    if notify:
        notify(f"recall: pair fractions on {len(articles)} articles of {Path(corpus_file).name}")
    analysis = checker.analyse(articles)
    sentences, vectors, kinds = analysis.all_sentences, analysis.vectors, analysis.kinds
    total = max(1, exhaustive_pair_count(sentences))
    out = []
    for change in variants:
        s = settings.replace(**change)
        cands = PairFinder(top_k=s.top_k, min_similarity=s.min_similarity, fact_top_k=s.fact_top_k,
                           fact_min_similarity=s.fact_min_similarity, min_chars=s.min_sentence_chars).find(
            sentences, vectors, kinds)
        out.append({"large_corpus": f"{len(articles)} × {Path(corpus_file).name}",
                    "large_candidate_fraction": len(cands) / total,
                    "large_nli_fraction": sum(p.similarity >= s.nli_min_similarity for p in cands) / total})
    return out


def render_recall(r: dict) -> str:
    """The recall section of bench.md."""
    names = Counter(c["dataset"] for c in r["clusters"])
    lines = [f"## Candidate-pair recall ({', '.join(f'{k} × {v}' for k, v in names.items())}; {r['when']})", "",
             f"Every cross-article pair of sentences of at least the minimum length in {len(r['clusters'])} same-event "
             f"clusters ({r['scored_pairs']:,} pairs of {r['exhaustive_pairs']:,} cross-article pairs; the rest "
             f"involve short sentences or identical text) judged exactly as the pipeline does (NLI both directions, "
             f"`combine_directions`, `contradiction_threshold`, typed comparison on every pair; NLI model "
             f"`{r['nli']}`), against the normal run. Scoring took {r['seconds']:.0f} s.", "",
             "| cluster | articles | sentences | cross-article pairs | candidate pairs | NLI pairs | exhaustive flags "
             "| run flags | kept |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in r["clusters"]:
        lines.append(f"| {c['dataset']} {c['cluster']} | {c['articles']} | {c['sentences']} | {c['exhaustive_pairs']:,} | "
                     f"{c['candidate_pairs']:,} | {c['nli_pairs']:,} | {c['exhaustive_flags']} "
                     f"({', '.join(f'{k} {v}' for k, v in c['kinds'].items())}) | {c['run_flags']} | {c['kept']} |")
    rec = "n/a" if r["recall"] is None else f"{100 * r['recall']:.1f} %"
    lines += ["", f"**Recall {rec}** ({r['kept']} of {r['exhaustive_flags']} exhaustive flags), scoring "
                  f"{100 * r['candidate_fraction']:.1f} % of the cross-article pairs as candidates and "
                  f"{100 * r['nli_fraction']:.1f} % with NLI (small clusters: the fraction falls with corpus size). "
                  "By kind: " + ", ".join(f"{k} {v['kept']}/{v['flags']}" for k, v in r.get("by_kind", {}).items())
                  + ". The reference is what exhaustive judging flags, not gold truth: a flag lost at low similarity "
                  "is often a pair of sentences about different things.", ""]
    if r["flags_by_similarity"]:
        bins = r["similarity_bins"]
        lines += ["| similarity | " + " | ".join(f"{bins[i]:.1f}–{min(bins[i + 1], 1.0):.1f}" for i in range(len(bins) - 1))
                  + " |", "|---|" + "---:|" * (len(bins) - 1),
                  "| exhaustive flags | " + " | ".join(map(str, r["flags_by_similarity"])) + " |",
                  "| kept by the run | " + " | ".join(map(str, r["kept_by_similarity"])) + " |", ""]
    if r["missed"]:
        reasons = Counter(m["reason"] for m in r["missed"])
        lines += ["Missed flags: " + ", ".join(f"{v} {k}" for k, v in reasons.items()) + ". The most confident:", "",
                  "| kind | conf. | similarity | neighbour rank | why missed | a | b |", "|---|---:|---:|---:|---|---|---|"]
        for m in r["missed"][:10]:
            lines.append(f"| {m['kind']} | {m['confidence']:.2f} | {m['similarity']:.2f} | {m['rank']} | {m['reason']} | "
                         f"{markdown_cell(m['a'])} | {markdown_cell(m['b'])} |")
        lines.append("")
    lines += ["Pairing settings replayed on the same scores (recall on the clusters above; fractions on "
              f"{r['variants'][0]['large_corpus']} articles):", "",
              "| change | recall | flags not in exhaustive | candidate pairs (clusters) | candidate % (large) | NLI % (large) |",
              "|---|---:|---:|---:|---:|---:|"]
    for v in r["variants"]:
        change = ", ".join(f"`{k}={val}`" for k, val in v["change"].items()) or "as configured"
        lines.append(f"| {change} | {100 * v['recall']:.1f} % | {v['extra']} | {v['candidate_pairs']:,} | "
                     f"{100 * v['large_candidate_fraction']:.2f} % | {100 * v['large_nli_fraction']:.2f} % |")
    return "\n".join(lines)


