"""Story clustering against the same-event cluster sets: the work behind ``factcheck eval --stories``.

One mixed corpus of every developer-part cluster set in ``../shared/data/news`` (BASIL, AllSides,
NeuS, NewsWCL50, ECB+) is clustered at once, as a newsroom's night would be, and scored with
B-cubed precision, recall and F1 (Bagga & Baldwin 1998) per dataset and overall. In ECB+ the
``ecb`` and ``ecbplus`` sub-topics of one topic are different stories: the hard near-misses.

Parameters are chosen on one part and reported on the other: clusters (ECB+: topics, so both
sub-topics of a topic stay together) are split by a seeded shuffle, half for ``tune`` and half
for ``test``. ``tune`` grid-searches the clusterer's parameters on the tune half; the figures
reported are for the test half with the chosen parameters.

Article profiles (segmentation + embeddings: minutes on a CPU) are cached under ``.cache/``.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import pickle
import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputError
from ..records import as_date
from ..settings import Settings
from ..story_assembly import clusterer_params
from .paths import NEWS_DIR, REPO

STORY_SETS = ("basil_triplets", "allsides_roundups", "neus_allsides_triplets", "newswcl50", "ecbplus_clusters")
CACHE_DIR = REPO / ".cache" / "eval_stories"
SPLIT_SEED = 20261130
SUBJECT_PENALTIES = (0.0, 0.1, 0.2, 0.3, 0.5)  # grid for StoryClusterer.subject_penalty
PERIOD_PENALTIES = (0.0, 0.1, 0.2, 0.3)  # grid for StoryClusterer.period_penalty (with subject_penalty 0)
FIGURE_PENALTIES = (0.0, 0.1, 0.2, 0.3)  # grid for StoryClusterer.figure_penalty, crossed with the period ones
# at the default local scaling: the two recurring-report signals are tuned together, where they are used
# (local_scaling, local_neighbours) tried at entity weight 0.5, time penalty 0.3 / 7 days, no title penalties;
# 0 = off: the rest of the grid runs on raw similarity.
LOCAL_SCALINGS = ((0.25, 3), (0.5, 3), (0.75, 3), (0.5, 5), (0.5, 10), (0.5, 20))
# StoryClusterer.subject_template (0: any titles with disjoint subjects), crossed with SUBJECT_PENALTIES at the
# defaults (local scaling, figure penalty 0.1); the time penalty / window get a few values there too.
SUBJECT_TEMPLATES = (0.0, 0.5, 0.75, 1.0)
TIME_PENALTIES = ((0.3, 7), (0.5, 7), (0.3, 3), (0.3, 14))
DEFAULT_FIGURE_PENALTY = 0.1
# StoryClusterer.undated_period_penalty (months named by pairs with an undated side), at the other defaults
UNDATED_PERIOD_PENALTIES = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
TARGETS = {"overall": 0.90, "ecbplus_clusters": 0.80}


def split_key(row: dict) -> str:
    """The unit of the tune/test split: the cluster, or the ECB+ topic (both sub-topics together)."""
    cluster = str(row["cluster"])
    if cluster.startswith("ecb+:"):
        return cluster.split("_")[0]
    return cluster


def load_mixed(news_dir: str | Path = NEWS_DIR, names: Sequence[str] = STORY_SETS) -> list[dict]:
    """Rows of every cluster set, each with its ``dataset``; a clear message when data is missing."""
    news_dir = Path(news_dir)
    rows = []
    for name in names:
        path = news_dir / f"{name}.jsonl.gz"
        if not path.is_file():
            raise InputError(f"{path}: no such file; pass --news-dir pointing at shared/data/news (see its README.md)")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    row = json.loads(line)
                    if row.get("cluster"):
                        rows.append({**row, "dataset": name})
    return rows


def split_rows(rows: Sequence[dict], seed: int = SPLIT_SEED) -> dict[str, list[dict]]:
    """Half of each dataset's clusters (seeded) for tuning, the other half for reporting."""
    keys: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if split_key(row) not in keys[row["dataset"]]:
            keys[row["dataset"]].append(split_key(row))
    tune: set[str] = set()
    for dataset, ks in sorted(keys.items()):
        ks = sorted(ks)
        random.Random(f"{seed}:{dataset}").shuffle(ks)
        tune.update(ks[: len(ks) // 2])
    return {"tune": [r for r in rows if split_key(r) in tune], "test": [r for r in rows if split_key(r) not in tune]}


def build_profiles(rows: Sequence[dict], settings: Settings, notify=None) -> dict[str, Any]:
    """Article id -> ArticleProfile, through the pipeline's own segmenter and embedder (cached on disk)."""
    from ..pipeline import Checker, story_profiles
    from ..stories import PROFILE_VERSION

    digest = hashlib.sha1()
    for row in rows:
        digest.update(row["id"].encode())
        digest.update(row["text"].encode())
    # Segmentation decides sentences and entities; records.py and the extractors do not matter here.
    digest.update((REPO / "factcheck" / "segment.py").read_bytes())
    digest.update(str(settings.spacy_model).encode())
    checker = Checker(settings)
    digest.update(checker.embedder.name.encode())  # the model and its backend: int8 vectors are not fp32 ones
    digest.update(PROFILE_VERSION.encode())
    cache = CACHE_DIR / f"profiles-{digest.hexdigest()[:16]}.pkl"
    if cache.is_file():
        return _with_terms(pickle.loads(cache.read_bytes()), rows, settings)
    from ..records import Article, as_date

    articles = [Article(id=r["id"], text=r["text"], title=r.get("title"), source=r.get("source"),
                        published=as_date(r.get("published"))) for r in rows]
    if notify:
        notify(f"profiling {len(articles)} articles (segment + embed, cached afterwards in {cache.parent})")
    sentences = checker.segmenter.segment(articles)
    all_sentences = [s for a in articles for s in sentences.get(a.id, [])]
    vectors = checker.embedder.encode(all_sentences)
    profiles, _ = story_profiles(checker.embedder, articles, sentences, all_sentences, vectors, cached={})
    out = {p.article_id: p for p in profiles}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out, pickle.HIGHEST_PROTOCOL))
    return _with_terms(out, rows, settings)


def _with_terms(profiles: dict, rows: Sequence[dict], settings: Settings) -> dict:
    """Content words and title subjects come from the title and text alone (seconds, not minutes):
    recomputed, so the cache survives changes to them."""
    from dataclasses import replace

    from ..segment import load_spacy
    from ..story_features import content_terms, period_keys, title_entities, title_keys, title_subjects

    rows = [r for r in rows if r["id"] in profiles]
    titled = [r for r in rows if r.get("title")]
    spans = title_entities(load_spacy(settings.spacy_model), (r["title"] for r in titled))
    subjects = {r["id"]: title_subjects(ents) for r, ents in zip(titled, spans)}
    return {r["id"]: replace(profiles[r["id"]], terms=content_terms(r.get("title"), r["text"]),
                             subjects=subjects.get(r["id"], frozenset()),
                             periods=period_keys(r.get("title"), r["text"]) | title_keys(r.get("title")))
            for r in rows}


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str], items: Sequence[str]) -> dict[str, float]:
    """B-cubed precision / recall / F1 over ``items`` (predicted clusters may span other items too)."""
    pred_members: dict[str, set[str]] = defaultdict(set)
    gold_members: dict[str, set[str]] = defaultdict(set)
    for item, label in predicted.items():
        pred_members[label].add(item)
    for item, label in gold.items():
        gold_members[label].add(item)
    precision = recall = 0.0
    for item in items:
        p, g = pred_members[predicted[item]], gold_members[gold[item]]
        both = len(p & g)
        precision += both / len(p)
        recall += both / len(g)
    n = max(len(items), 1)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "articles": len(items)}


def score(groups: Sequence[Sequence[str]], rows: Sequence[dict]) -> dict[str, dict[str, float]]:
    predicted = {a: str(i) for i, group in enumerate(groups) for a in group}
    gold = {r["id"]: r["cluster"] for r in rows if r["id"] in predicted}
    by_dataset: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["id"] in predicted:
            by_dataset[r["dataset"]].append(r["id"])
    out = {name: bcubed(predicted, gold, ids) for name, ids in sorted(by_dataset.items())}
    out["overall"] = bcubed(predicted, gold, [r["id"] for r in rows if r["id"] in predicted])
    return out


def clustering_errors(groups: Sequence[Sequence[str]], rows: Sequence[dict], window_days: int,
                      examples: int = 3) -> dict[str, dict[str, Any]]:
    """Where the clustering errs, per dataset: article pairs wrongly joined or wrongly kept apart, by cause.

    Joined pairs (two gold stories in one predicted story) are counted by what the time signal
    could see: ``undated`` (one side has no date, so no time penalty applied), ``dated_close``
    (both dated within ``window_days``: topic repeats in the same week) or ``dated_far``.
    Apart pairs (one gold story in two predicted stories) are counted by whether their titles
    share a content word (``titles_disjoint``: the outlets framed the event differently).
    ``examples``: a few gold stories that were split and predicted stories that mixed several.
    """
    from ..story_features import content_terms

    by_id = {r["id"]: r for r in rows}
    predicted = {a: i for i, g in enumerate(groups) for a in g if a in by_id}
    out: dict[str, dict[str, Any]] = defaultdict(lambda: {
        "joined_pairs": defaultdict(int), "apart_pairs": defaultdict(int), "split_stories": 0, "mixed_stories": 0,
        "split_examples": [], "mixed_examples": []})

    def day(a):
        return as_date(by_id[a].get("published"))

    def title_words(a):
        return set(content_terms(by_id[a].get("title"), ""))

    gold: dict[str, list[str]] = defaultdict(list)
    for a in predicted:
        gold[by_id[a]["cluster"]].append(a)
    for members in gold.values():
        entry = out[by_id[members[0]]["dataset"]]
        if len({predicted[a] for a in members}) > 1:
            entry["split_stories"] += 1
            if len(entry["split_examples"]) < examples:
                entry["split_examples"].append([by_id[a].get("title") or by_id[a]["text"][:80] for a in members])
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if predicted[a] != predicted[b]:
                    entry["apart_pairs"]["titles_disjoint" if not title_words(a) & title_words(b) else "titles_shared"] += 1
    for g in groups:
        members = [a for a in g if a in by_id]
        if len({by_id[a]["cluster"] for a in members}) < 2:
            continue
        entry = out[by_id[members[0]]["dataset"]]
        entry["mixed_stories"] += 1
        if len(entry["mixed_examples"]) < examples:
            entry["mixed_examples"].append([by_id[a].get("title") or by_id[a]["text"][:80] for a in members][:6])
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                if by_id[a]["cluster"] == by_id[b]["cluster"]:
                    continue
                da, db = day(a), day(b)
                cause = "undated" if not (da and db) else (
                    "dated_close" if abs((da - db).days) <= window_days else "dated_far")
                out[by_id[a]["dataset"]]["joined_pairs"][cause] += 1
    return {name: {k: dict(v) if isinstance(v, defaultdict) else v for k, v in e.items()}
            for name, e in sorted(out.items())}


def cluster(profiles: Mapping[str, Any], rows: Sequence[dict], params: Mapping[str, Any]) -> list[list[str]]:
    from ..stories import StoryClusterer

    chosen = [profiles[r["id"]] for r in rows if r["id"] in profiles]
    return StoryClusterer(**params).fit_predict(chosen)


def tune(profiles: Mapping[str, Any], rows: Sequence[dict], method: str = "agglomerative") -> tuple[dict, list[dict]]:
    """Grid search on the tune half; each (entity weight, time penalty) builds one dendrogram, cut at every threshold."""
    from ..stories import StoryClusterer

    chosen = [profiles[r["id"]] for r in rows if r["id"] in profiles]
    thresholds = [round(x, 3) for x in np.arange(0.20, 0.80, 0.025)]
    scaled_thresholds = [round(x, 3) for x in np.arange(0.05, 0.55, 0.025)]  # scaled similarities run lower
    trials = []
    # Online costs one pass per threshold (no dendrogram to cut): a coarser grid.
    weights = (0.0, 0.3, 0.5, 0.7) if method == "agglomerative" else (0.5,)
    penalties = ((0.0, 7), (0.3, 7), (0.3, 14)) if method == "agglomerative" else ((0.3, 7),)
    subject_penalties = SUBJECT_PENALTIES if method == "agglomerative" else (0.0, 0.3)
    # The two title penalties one at a time: their product would double the grid's cost.
    title_penalties = [(s, 0.0, 0.0, 0.0) for s in subject_penalties] + [(0.0, q, 0.0, 0.0) for q in PERIOD_PENALTIES if q]
    grid = [(w, p, t, (0.0, 3)) for w in weights for p in penalties for t in title_penalties]
    if method == "agglomerative":  # local scaling only changes the batch clustering
        grid += [(0.5, (0.3, 7), (0.0, 0.0, 0.0, 0.0), local) for local in LOCAL_SCALINGS]
        grid += [(0.5, (0.3, 7), (0.0, q, f, 0.0), LOCAL_SCALINGS[1]) for q in PERIOD_PENALTIES for f in FIGURE_PENALTIES
                 if q or f]
        # at the defaults: the subject penalty with and without its template condition, and the time signal
        grid += [(0.5, (0.3, 7), (s, 0.0, DEFAULT_FIGURE_PENALTY, tpl), LOCAL_SCALINGS[1])
                 for s in SUBJECT_PENALTIES if s for tpl in SUBJECT_TEMPLATES]
        grid += [(0.5, p, (0.0, 0.0, DEFAULT_FIGURE_PENALTY, 0.0), LOCAL_SCALINGS[1]) for p in TIME_PENALTIES[1:]]
        grid += [(0.5, (0.3, 7), (0.2, 0.0, DEFAULT_FIGURE_PENALTY, 0.75, u), LOCAL_SCALINGS[1])
                 for u in UNDATED_PERIOD_PENALTIES]
    for entity_weight, (time_penalty, window), (subject_penalty, period_penalty, figure_penalty, template, *undated), \
            (scaling, neighbours) in grid:
        undated_penalty = undated[0] if undated else 0.0
        clusterer = StoryClusterer(entity_weight=entity_weight, time_penalty=time_penalty, window_days=window,
                                   method=method, subject_penalty=subject_penalty, period_penalty=period_penalty,
                                   local_scaling=scaling, local_neighbours=neighbours, figure_penalty=figure_penalty,
                                   subject_template=template, undated_period_penalty=undated_penalty)
        extra = {"subject_penalty": subject_penalty, "period_penalty": period_penalty, "local_scaling": scaling,
                 "local_neighbours": neighbours, "figure_penalty": figure_penalty, "subject_template": template,
                 "undated_period_penalty": undated_penalty}
        if method == "agglomerative":
            for threshold, scores in tree_scores(clusterer, chosen, rows, scaled_thresholds if scaling else thresholds):
                trials.append(_trial(method, threshold, entity_weight, time_penalty, window, extra, scores))
        else:
            for threshold in thresholds[::2]:
                clusterer.threshold = threshold
                trials.append(_trial(method, threshold, entity_weight, time_penalty, window, extra,
                                     score(clusterer.fit_predict(chosen), rows)))
    best = max(trials, key=lambda t: (t["objective"], -t["threshold"]))
    return best["params"], trials


def tree_scores(clusterer: Any, chosen: Sequence[Any], rows: Sequence[dict],
                thresholds: Sequence[float]) -> list[tuple[float, dict]]:
    """(threshold, scores) of the batch clustering of ``chosen`` profiles at each cut: one average-linkage
    dendrogram over the clusterer's (locally scaled) similarity, cut at every threshold (a grid's cuts
    cost one linkage, not one each); the same partitions as ``StoryClusterer.fit_predict``."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    from ..stories import _idf, _span

    ids = [p.article_id for p in chosen]
    idf = _idf([p.bag for p in chosen])
    vecs, ents = clusterer._features(np.stack([p.vector for p in chosen]), [p.bag for p in chosen], idf)
    days = [_span(p.published, p.published) for p in chosen]
    subjects = [p.subjects for p in chosen]
    periods = [p.periods for p in chosen]
    sim = clusterer.locally_scaled(clusterer.similarity(vecs, ents, days, vecs, ents, days, subjects,
                                                        subjects, periods, periods))
    distance = np.maximum(clusterer.top_similarity - sim, 0.0)
    del sim
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance.astype(np.float64), checks=False), method="average")
    del distance
    out = []
    for threshold in thresholds:
        labels = fcluster(tree, t=clusterer.top_similarity - threshold, criterion="distance")
        groups: dict[int, list[str]] = defaultdict(list)
        for a, label in zip(ids, labels):
            groups[int(label)].append(a)
        out.append((threshold, score(list(groups.values()), rows)))
    return out


def _trial(method, threshold, entity_weight, time_penalty, window, extra, scores) -> dict:
    """One grid point; ``threshold`` is where the tree was cut: on the scaled similarity when scaling is on
    (then the join threshold for kept stories stays the default's: this grid cannot measure joins)."""
    cut = {"local_threshold": float(threshold)} if extra["local_scaling"] else {"threshold": float(threshold)}
    params = {"entity_weight": entity_weight, "time_penalty": time_penalty, "window_days": window,
              "method": method, **extra, **cut}
    return {"params": params, "threshold": threshold, "objective": objective(scores), "scores": scores}


def objective(scores: Mapping[str, Mapping[str, float]]) -> float:
    """What every story parameter is chosen by: the issue's overall F1, never at the cost of the ECB+ near-misses:
    min(F1 / 0.90, ECB+ F1 / 0.80)."""
    ecb = scores.get("ecbplus_clusters", {}).get("f1", 1.0)
    return round(min(scores["overall"]["f1"] / TARGETS["overall"], ecb / TARGETS["ecbplus_clusters"]), 4)


def evaluate_stories(settings: Settings | None = None, news_dir: str | Path = NEWS_DIR, retune: bool = False,
                     notify=None) -> dict:
    """Figures on the test half with the settings' parameters (``retune``: chosen afresh on the tune half)."""
    settings = settings or Settings(nli_model=None, quiet=True)
    rows = load_mixed(news_dir)
    parts = split_rows(rows)
    profiles = build_profiles(rows, settings, notify)
    params = clusterer_params(settings)
    result: dict[str, Any] = {"split_seed": SPLIT_SEED, "tune_articles": len(parts["tune"]),
                              "test_articles": len(parts["test"])}
    if retune:
        best = {}
        for method in ("agglomerative", "online"):
            start = time.perf_counter()
            chosen, trials = tune(profiles, parts["tune"], method)
            best[method] = {"params": chosen, "tune_scores": max(trials, key=lambda t: t["objective"])["scores"],
                            "seconds": round(time.perf_counter() - start, 1)}
        result["tuned"] = best
        params = best["agglomerative"]["params"] if (
            best["agglomerative"]["tune_scores"]["overall"]["f1"] >= best["online"]["tune_scores"]["overall"]["f1"]
        ) else best["online"]["params"]
    result["params"] = params
    tune_groups = cluster(profiles, parts["tune"], params)
    result["tune_errors"] = clustering_errors(tune_groups, parts["tune"], params["window_days"])
    for method in ("agglomerative", "online"):
        start = time.perf_counter()
        groups = cluster(profiles, parts["test"], {**params, "method": method})
        result[method] = {"seconds": round(time.perf_counter() - start, 2), "scores": score(groups, parts["test"])}
    result["scores"] = result[params["method"]]["scores"]
    return result


def render_stories(result: dict) -> str:
    params = result["params"]
    lines = ["## Story clustering (B-cubed, test half of the mixed corpus)", "",
             f"{result['test_articles']} test articles clustered at once (tune half: {result['tune_articles']}, "
             f"split seed {result['split_seed']}); parameters: " + ", ".join(f"{k}={v}" for k, v in params.items()), ""]
    for method in ("agglomerative", "online"):
        scores = result[method]["scores"]
        lines += [f"### {method}{' (chosen)' if method == params['method'] else ''}: {result[method]['seconds']} s", "",
                  "| dataset | articles | precision | recall | F1 | target |", "|---|---:|---:|---:|---:|---:|"]
        for name, s in scores.items():
            target = TARGETS.get(name)
            lines.append(f"| {name} | {s['articles']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                         + (f"≥ {target:.2f}" if target else "") + " |")
        lines.append("")
    errors = result.get("tune_errors", {})
    if errors:
        lines += ["### Where it errs (tune half, chosen parameters)", "",
                  "Article pairs of two gold stories joined (by what the time signal saw) and pairs of one gold "
                  "story kept apart (by whether their titles share a content word):", "",
                  "| dataset | joined: undated | joined: dated ≤ window | joined: dated > window | apart: titles share no word "
                  "| apart: titles share a word | gold stories split | predicted stories mixed |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        for name, e in errors.items():
            j, a = e["joined_pairs"], e["apart_pairs"]
            lines.append(f"| {name} | {j.get('undated', 0)} | {j.get('dated_close', 0)} | {j.get('dated_far', 0)} | "
                         f"{a.get('titles_disjoint', 0)} | {a.get('titles_shared', 0)} | {e['split_stories']} | "
                         f"{e['mixed_stories']} |")
        lines.append("")
        for name, e in errors.items():
            for kind in ("mixed", "split"):
                for titles in e[f"{kind}_examples"][:2]:
                    lines.append(f"* {name}, {kind}: " + " · ".join(" ".join(t.split())[:70] for t in titles[:6]))
        lines.append("")
    for method, tuned in result.get("tuned", {}).items():
        lines.append(f"tuned {method} on the tune half ({tuned['seconds']} s): {tuned['params']}, "
                     f"tune F1 overall {tuned['tune_scores']['overall']['f1']:.3f}, "
                     f"ECB+ {tuned['tune_scores'].get('ecbplus_clusters', {}).get('f1', 0):.3f}")
    return "\n".join(lines)


def cross_story_flag_rate(settings: Settings, news_dir: str | Path = NEWS_DIR, part: str = "test",
                          limit: int | None = None, seed: int = 0) -> dict:
    """The whole checker on the mixed corpus: the share of flags whose two articles are in different gold stories.

    ``part``: "test", "tune" or "all"; ``limit``: at most this many gold clusters (seeded sample, whole clusters).
    """
    import tempfile

    from ..pipeline import Checker

    rows = load_mixed(news_dir)
    rows = rows if part == "all" else split_rows(rows)[part]
    if limit is not None:
        keys = sorted({r["cluster"] for r in rows})
        random.Random(seed).shuffle(keys)
        chosen = set(keys[:limit])
        rows = [r for r in rows if r["cluster"] in chosen]
    gold = {r["id"]: r["cluster"] for r in rows}
    dataset = {r["id"]: r["dataset"] for r in rows}
    with tempfile.TemporaryDirectory(prefix="factcheck-stories-") as tmp:
        path = Path(tmp) / "mixed.jsonl"
        keep = ("id", "title", "text", "published", "source")
        path.write_text("".join(json.dumps({k: r.get(k) for k in keep}) + "\n" for r in rows), encoding="utf-8")
        start = time.perf_counter()
        result = Checker(settings).run([path])
        seconds = time.perf_counter() - start
    flags = result.discrepancies
    cross = [d for d in flags if gold.get(d.a.article_id) != gold.get(d.b.article_id)]
    by_dataset: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in flags:
        counts = by_dataset[dataset.get(d.a.article_id, "?")]
        counts[0] += 1
        counts[1] += gold.get(d.a.article_id) != gold.get(d.b.article_id)
    # One wrongly joined pair of gold stories can yield many flags: say how concentrated they are.
    pairs = Counter(tuple(sorted((gold.get(d.a.article_id, "?"), gold.get(d.b.article_id, "?")))) for d in cross)
    return {"part": part, "articles": len(rows), "flags": len(flags), "cross_story_flags": len(cross),
            "cross_story_pairs": [{"stories": list(k), "flags": v} for k, v in pairs.most_common()],
            "cross_story_share": round(len(cross) / len(flags), 4) if flags else 0.0,
            "by_dataset": {k: {"flags": v[0], "cross_story": v[1]} for k, v in sorted(by_dataset.items())},
            "stories": result.stats.get("stories"), "seconds": round(seconds, 1),
            "across_stories": settings.across_stories}
