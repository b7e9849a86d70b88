"""``factcheck eval --labelled``: flags on real news against hand-labelled discrepancies and traps.

Each labelled cluster (one BASIL triplet, one NewsWCL50 event) is one story: the checker runs on
that cluster's articles alone and writes ``report.json`` per cluster, so reports written by any
version of the checker (an older checkout, another branch) are scored by the same code.

A flag matches a labelled entry when its two article ids are the entry's and each entry ``text``
is contained in the flagged sentence of its article (either order). Flags in neither list are
looked up in ``eval/labelled_flags.yaml`` (labels made by reading both sentences and articles);
precision is reported with ``unsure`` excluded and with ``unsure`` counted as false.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..records import normalise_text

ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_LABELLED = DEFAULT_DATA / "labelled"
FLAG_LABELS_FILE = ROOT / "eval" / "labelled_flags.yaml"
TRUE_LABELS = {"real"}
FALSE_LABELS = {"trivial", "different-event", "misread"}
LABELS = TRUE_LABELS | FALSE_LABELS | {"unsure"}
TOP_N = 20
NEWS_FILES = ("basil_triplets.jsonl.gz", "newswcl50.jsonl.gz")


@dataclass(frozen=True)
class Flag:
    dataset: str
    cluster: str
    a_article: str
    a_sentence: str
    b_article: str
    b_sentence: str
    confidence: float
    kind: str
    claim: str | None = None
    explanation: str = ""

    @property
    def key(self) -> tuple:
        return flag_key(self.a_article, self.a_sentence, self.b_article, self.b_sentence)


@dataclass
class Entry:
    cluster: str
    kind: str
    a_article: str
    a_text: str
    b_article: str
    b_text: str
    severity: str | None = None  # None for traps
    matched: list[Flag] = field(default_factory=list)


def flag_key(a_article: str, a_sentence: str, b_article: str, b_sentence: str) -> tuple:
    """Order-independent key of a flag: both (article, normalised sentence) sides, sorted."""
    return tuple(sorted(((a_article, _norm(a_sentence)), (b_article, _norm(b_sentence)))))


def _norm(text: str) -> str:
    return normalise_text(text).replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name)


class DataMissing(Exception):
    """The labelled set or the news articles are not where they were looked for."""


def load_labelled(folder: Path) -> dict[str, dict[str, list[Entry]]]:
    """file stem -> {"discrepancies": [...], "traps": [...]}"""
    files = sorted(Path(folder).glob("*.yaml")) if Path(folder).is_dir() else []
    if not files:
        raise DataMissing(f"no labelled set in {folder} (expected *.yaml as described in its README); "
                          "pass --data DIR")
    out = {}
    for path in files:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise DataMissing(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
        out[path.stem] = {section: [_entry(item, section) for item in doc.get(section) or []]
                          for section in ("discrepancies", "traps")}
    return out


def _entry(item: dict, section: str) -> Entry:
    return Entry(cluster=item["cluster"], kind=item.get("kind", "other"), a_article=item["a"]["article"],
                 a_text=item["a"]["text"], b_article=item["b"]["article"], b_text=item["b"]["text"],
                 severity=item.get("severity", "soft") if section == "discrepancies" else None)


def load_articles(news_dir: Path) -> dict[str, dict]:
    articles = {}
    for name in NEWS_FILES:
        path = Path(news_dir) / name
        if not path.exists():
            raise DataMissing(f"news articles missing: {path}")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                row = json.loads(line)
                articles[row["id"]] = row
    return articles


def clusters_of(labelled: dict[str, dict[str, list[Entry]]], articles: dict[str, dict]) -> dict[str, list[str]]:
    """dataset -> its cluster ids, in sorted order. A cluster is named by its entries' articles."""
    out: dict[str, list[str]] = {}
    for dataset, sections in labelled.items():
        out[dataset] = sorted({e.cluster for es in sections.values() for e in es})
    return out


def unlabelled_basil_clusters(labelled: dict, articles: dict[str, dict]) -> list[str]:
    """The BASIL developer triplets no labelled file names: the tuning part."""
    named = {e.cluster for sections in labelled.values() for es in sections.values() for e in es}
    return sorted({a["cluster"] for a in articles.values()
                   if a["id"].startswith("basil:") and a.get("cluster") and a["cluster"] not in named})


def write_corpora(clusters: dict[str, list[str]], articles: dict[str, dict], out: Path) -> dict[str, list[Path]]:
    """One jsonl file per cluster under out/<dataset>/: the input of one checker run per story."""
    written: dict[str, list[Path]] = {}
    by_cluster: dict[str, list[dict]] = {}
    for row in articles.values():
        by_cluster.setdefault(row.get("cluster"), []).append(row)
    for dataset, ids in clusters.items():
        folder = Path(out) / dataset
        folder.mkdir(parents=True, exist_ok=True)
        for cluster in ids:
            rows = sorted(by_cluster.get(cluster, []), key=lambda r: r["id"])
            path = folder / f"{_safe(cluster)}.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
            written.setdefault(dataset, []).append(path)
    return written


def run_checker(corpora: dict[str, list[Path]], reports: Path, settings=None) -> None:
    """Run this checkout's checker on every cluster file; report.json lands in reports/<dataset>/<cluster>/."""
    from ..pipeline import Checker
    from ..settings import Settings

    checker = Checker(settings or Settings(quiet=True))
    for dataset, paths in corpora.items():
        for path in paths:
            checker.run([path], out=Path(reports) / dataset / path.stem, formats=("json",))


def read_flags(reports: Path, dataset: str, cluster_of_article: dict[str, str]) -> list[Flag]:
    """Every discrepancy of every report.json under reports/<dataset>/ as a Flag."""
    flags = []
    for path in sorted((Path(reports) / dataset).glob("*/report.json")):
        report = json.loads(path.read_text(encoding="utf-8"))
        for d in report.get("discrepancies", []):
            a, b = d["a"], d["b"]
            flags.append(Flag(dataset, cluster_of_article.get(a["article"], path.parent.name), a["article"],
                              a["sentence"], b["article"], b["sentence"], float(d["confidence"]), d["kind"],
                              str(d["claim"]) if d.get("claim") is not None else None, d.get("explanation", "")))
    return flags


def matches(flag: Flag, entry: Entry) -> bool:
    sides = {(flag.a_article, _norm(flag.a_sentence)), (flag.b_article, _norm(flag.b_sentence))}
    if {flag.a_article, flag.b_article} != {entry.a_article, entry.b_article}:
        return False
    sa = [s for art, s in sides if art == entry.a_article]
    sb = [s for art, s in sides if art == entry.b_article]
    return _found(entry.a_text, sa) and _found(entry.b_text, sb)


MIN_PIECE_WORDS = 4  # a sentence of a multi-sentence entry text this long identifies the flagged sentence alone
# Where an entry's text runs over a sentence end ("... like he's running his business? God help us"): after ?/!, or
# after a period that ends a lower-case word of 3+ letters (not "Mr." or "Gov."), before a capital or a quote.
_PIECE_END = re.compile(r"(?:(?<=[?!])|(?<=[a-z]{3}\.))[\"”’]?\s+(?=[A-Z“\"])")


def _found(text: str, sentences: list[str]) -> bool:
    """The entry text lies in one of the flagged sentences; when it runs over a sentence end (the labellers
    copied a stretch across sentences), one of its sentences of ``MIN_PIECE_WORDS`` words or more does."""
    pieces = [_norm(text)] + [_norm(p) for p in _PIECE_END.split(text) if len(p.split()) >= MIN_PIECE_WORDS]
    return any(piece in sentence for piece in dict.fromkeys(pieces) for sentence in sentences)


def load_flag_labels(path: Path = FLAG_LABELS_FILE) -> dict[tuple, dict]:
    """Flag labels by flag key. ``label`` is what is scored; a second reading keeps the first reader's
    label in ``first_label`` (with ``first_why``/``first_how``) so both stay visible."""
    if not Path(path).exists():
        return {}
    doc = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    out = {}
    for item in doc.get("flags") or []:
        for field in ("label", "first_label"):
            if (field == "label" or field in item) and item.get(field) not in LABELS:
                raise DataMissing(f"{path}: {field} {item.get(field)!r} is not one of {sorted(LABELS)}")
        out[flag_key(item["a"]["article"], item["a"]["sentence"], item["b"]["article"], item["b"]["sentence"])] = item
    return out


def verdict(flag: Flag, entries: dict[str, list[Entry]], labels: dict[tuple, dict]) -> str:
    """hard | soft (a listed discrepancy), trap, a label from the labels file, or unlabelled."""
    for entry in entries["discrepancies"]:
        if entry.cluster == flag.cluster and matches(flag, entry):
            return entry.severity or "soft"
    for entry in entries["traps"]:
        if entry.cluster == flag.cluster and matches(flag, entry):
            return "trap"
    item = labels.get(flag.key)
    return item["label"] if item else "unlabelled"


def _precision(verdicts: Sequence[str]) -> dict:
    true = sum(v in ("hard", "soft") or v in TRUE_LABELS for v in verdicts)
    false = sum(v == "trap" or v in FALSE_LABELS for v in verdicts)
    unsure = sum(v == "unsure" for v in verdicts)
    unlabelled = sum(v == "unlabelled" for v in verdicts)
    return {"flags": len(verdicts), "true": true, "false": false, "unsure": unsure, "unlabelled": unlabelled,
            "precision": true / (true + false) if true + false else None,
            "precision_unsure_false": true / (true + false + unsure) if true + false + unsure else None}


def score(dataset: str, flags: Sequence[Flag], entries: dict[str, list[Entry]], labels: dict[tuple, dict]) -> dict:
    for group in entries.values():
        for entry in group:
            entry.matched = [f for f in flags if f.cluster == entry.cluster and matches(f, entry)]
    ranked = sorted(flags, key=lambda f: -f.confidence)
    verdicts = [verdict(f, entries, labels) for f in ranked]
    found = {sev: [e for e in entries["discrepancies"] if e.severity == sev] for sev in ("hard", "soft")}
    traps = entries["traps"]
    return {
        "dataset": dataset,
        "recall_hard": _ratio(sum(bool(e.matched) for e in found["hard"]), len(found["hard"])),
        "recall_soft": _ratio(sum(bool(e.matched) for e in found["soft"]), len(found["soft"])),
        "traps_flagged": _ratio(sum(bool(e.matched) for e in traps), len(traps)),
        "all": _precision(verdicts),
        "top": _precision(verdicts[:TOP_N]),
        "verdicts": list(zip(ranked, verdicts)),
    }


def _ratio(hit: int, total: int) -> tuple[int, int]:
    return hit, total


def unlabelled_flags(results: Iterable[dict]) -> list[dict]:
    """Flags that need a label, as YAML-ready items (label left for a reader to fill in)."""
    out = []
    for result in results:
        for flag, v in result["verdicts"]:
            if v == "unlabelled":
                out.append({"dataset": flag.dataset, "cluster": flag.cluster, "confidence": flag.confidence,
                            "kind": flag.kind, "explanation": flag.explanation,
                            "a": {"article": flag.a_article, "sentence": flag.a_sentence},
                            "b": {"article": flag.b_article, "sentence": flag.b_sentence},
                            "label": None, "why": None, "how": "read both sentences and articles"})
    return out


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.0f} %"


def render(results: Sequence[dict], title: str) -> str:
    lines = [f"## {title}", "",
             "| dataset | hard recall | soft recall | traps flagged | flags | precision (unsure excl. / as false) "
             "| top-20 precision | unsure | unlabelled |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        (hh, ht), (sh, st), (th, tt) = r["recall_hard"], r["recall_soft"], r["traps_flagged"]
        a, t = r["all"], r["top"]
        lines.append(f"| {r['dataset']} | {hh}/{ht} ({_pct(hh / ht if ht else None)}) | {sh}/{st} "
                     f"({_pct(sh / st if st else None)}) | {th}/{tt} ({_pct(th / tt if tt else None)}) | {a['flags']} | "
                     f"{_pct(a['precision'])} / {_pct(a['precision_unsure_false'])} | "
                     f"{_pct(t['precision'])} / {_pct(t['precision_unsure_false'])} | {a['unsure']} | {a['unlabelled']} |")
    return "\n".join(lines)


def evaluate_labelled(data: Path = DEFAULT_LABELLED, reports: Path | None = None, news: Path | None = None,
                      run: bool = True, settings=None, work: Path | None = None,
                      labels_file: Path = FLAG_LABELS_FILE, tune: bool = False) -> list[dict]:
    """Score (and first, when ``run``, produce) one report.json per labelled cluster.

    ``reports``: folder of reports/<dataset>/<cluster>/report.json; with ``run`` this checkout writes
    them there (a temp folder when None). ``tune``: also run the unlabelled BASIL triplets (flags
    counted, nothing scored), the part thresholds are chosen on.
    """
    import tempfile

    labelled = load_labelled(Path(data))
    news = Path(news) if news else Path(data).parent / "news"
    articles = load_articles(news)
    clusters = clusters_of(labelled, articles)
    if tune:
        clusters["basil_tune"] = unlabelled_basil_clusters(labelled, articles)
        labelled["basil_tune"] = {"discrepancies": [], "traps": []}
    tmp = None
    if reports is None:
        tmp = tempfile.TemporaryDirectory(prefix="factcheck-labelled-")
        reports = Path(tmp.name)
    if run:
        corpora = write_corpora(clusters, articles, Path(work) if work else Path(reports) / "_corpora")
        run_checker(corpora, Path(reports), settings)
    cluster_of_article = {a["id"]: a.get("cluster") for a in articles.values()}
    labels = load_flag_labels(labels_file)
    results = []
    for dataset in clusters:
        flags = read_flags(Path(reports), dataset, cluster_of_article)
        results.append(score(dataset, flags, labelled[dataset], labels))
    if tmp is not None:
        tmp.cleanup()
    return results
