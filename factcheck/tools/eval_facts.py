"""Labelled sentence pairs -> precision/recall/F1 of the typed fact layer (extract + compare).

Input: ``eval/fact_pairs.jsonl``, one pair a line: ``a``, ``b``, optional ``published_a`` /
``published_b`` (YYYY-MM-DD), ``label`` (a Kind value such as "date", or "none") and a
``note``. Output: a dict with ``overall`` and one entry per kind (precision, recall, f1 and
their counts), ``overall["confusion"]`` (gold label -> predicted label -> count) and
``overall["errors"]`` (the pairs got wrong). A prediction counts when the comparator's most
confident discrepancy reaches ``min_confidence``; it is right when its kind is the label.
Each pair is judged as the same story (similarity=1.0), so only the typed rules decide.

>>> result = evaluate_facts()  # doctest: +SKIP
>>> sorted(result)[:3]  # doctest: +SKIP
['date', 'duration', 'number']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..common import read_jsonl
from ..records import CandidatePair, Kind, Sentence
from .paths import REPO

DEFAULT_PATH = REPO / "eval" / "fact_pairs.jsonl"
TYPED_KINDS = [k.value for k in Kind if k is not Kind.CONTRADICTION]


def evaluate_facts(path: str | Path | None = None, min_confidence: float = 0.5, nlp: Any = None) -> dict[str, Any]:
    """Run FactExtractor + FactComparator on every labelled pair and score them."""
    from ..extract import FactExtractor
    from ..judge.facts import FactComparator

    rows = load_pairs(path)
    extractor = FactExtractor(nlp=nlp)
    comparator = FactComparator()
    gold: list[str] = []
    predicted: list[str] = []
    errors: list[dict[str, Any]] = []
    for n, row in enumerate(rows):
        pub_a, pub_b = _date(row.get("published_a")), _date(row.get("published_b"))
        a = Sentence(Sentence.make_id(f"eval{n}a", row["a"]), f"eval{n}a", 0, 0, len(row["a"]), row["a"])
        b = Sentence(Sentence.make_id(f"eval{n}b", row["b"]), f"eval{n}b", 0, 0, len(row["b"]), row["b"])
        facts_a = extractor.extract([a], pub_a)[a.id]
        facts_b = extractor.extract([b], pub_b)[b.id]
        found = comparator.compare(CandidatePair(a, b, 1.0), facts_a, facts_b, pub_a, pub_b)
        best = max(found, key=lambda d: d.confidence) if found else None
        label = best.kind.value if best is not None and best.confidence >= min_confidence else "none"
        gold.append(row["label"])
        predicted.append(label)
        if label != row["label"]:
            errors.append({"line": n + 1, "label": row["label"], "predicted": label, "note": row.get("note", ""),
                           "explanation": best.explanation if best else "",
                           "confidence": round(best.confidence, 3) if best else None})
    return score(gold, predicted, errors)


def score(gold: list[str], predicted: list[str], errors: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Per-kind and overall (micro) precision/recall/F1; 'none' is the negative class."""
    result: dict[str, Any] = {}
    total = Counter()
    for kind in TYPED_KINDS:
        tp = sum(g == p == kind for g, p in zip(gold, predicted))
        fp = sum(p == kind and g != kind for g, p in zip(gold, predicted))
        fn = sum(g == kind and p != kind for g, p in zip(gold, predicted))
        support = sum(g == kind for g in gold)
        if support or fp:
            result[kind] = {**_prf(tp, fp, fn), "support": support}
        total.update(tp=tp, fp=fp, fn=fn)
    confusion: dict[str, dict[str, int]] = defaultdict(dict)
    for g, p in zip(gold, predicted):
        confusion[g][p] = confusion[g].get(p, 0) + 1
    negatives = sum(g == "none" for g in gold)
    overall = {**_prf(total["tp"], total["fp"], total["fn"]), "support": len(gold) - negatives,
               "true_negatives": sum(g == p == "none" for g, p in zip(gold, predicted)), "negatives": negatives,
               "accuracy": round(sum(g == p for g, p in zip(gold, predicted)) / max(1, len(gold)), 4),
               "confusion": dict(confusion), "errors": errors or []}
    return {"overall": overall, **result}


def load_pairs(path: str | Path | None = None) -> list[dict[str, Any]]:
    path = Path(path) if path else DEFAULT_PATH
    return read_jsonl(path)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp,
            "fn": fn}


def _date(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def format_table(result: dict[str, Any]) -> str:
    """The scores as a fixed-width text table, then the errors one per line."""
    lines = [f"{'kind':<10} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'n':>4}"]
    for name, row in result.items():
        lines.append(f"{name:<10} {row['precision']:>6.2f} {row['recall']:>6.2f} {row['f1']:>6.2f} {row['tp']:>4} "
                     f"{row['fp']:>4} {row['fn']:>4} {row['support']:>4}")
    overall = result["overall"]
    lines.append(f"true negatives {overall['true_negatives']}/{overall['negatives']}, accuracy {overall['accuracy']:.2f}")
    for error in overall["errors"]:
        lines.append(f"  line {error['line']}: {error['label']} -> {error['predicted']} ({error['note']}) "
                     f"{error['explanation']}")
    return "\n".join(lines)


def main() -> None:
    """``python -m factcheck.tools.eval_facts``: print the table."""
    print(format_table(evaluate_facts()))


if __name__ == "__main__":
    main()
