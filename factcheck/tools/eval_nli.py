"""NLI evaluation: a judge + labelled NLI files -> accuracy, contradiction P/R/F1 and calibration.

Why this exists: the pipeline only trusts the judge's contradiction probability above a
threshold, so what matters is (a) how often contradictions are found and how often a
"contradiction" is wrong, on news-like text too, and (b) whether a probability of 0.7 means
about 70 % — hence expected calibration error before and after the model's temperature.

The data are the gzip JSON Lines files described in shared/data/nli/README.md
(``{"premise", "hypothesis", "label", "source"}``). Evaluators follow sentence-transformers'
``CEClassificationEvaluator``: data in the constructor, ``__call__(judge) -> dict[str, float]``.

Example::

    >>> from factcheck.tools.eval_nli import evaluate_nli
    >>> results = evaluate_nli("default", datasets=["mnli_m"], limit=200)
    >>> sorted(results["mnli_m"])[:3]
    ['accuracy', 'contradiction_f1', 'contradiction_precision']

Command line (prints a table)::

    python -m factcheck.tools.eval_nli --limit 500            # quick look
    python -m factcheck.tools.eval_nli --json eval.json       # everything, full sets
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path
from typing import Sequence

import numpy as np

from ..common import read_jsonl
from ..judge.nli import CONTRADICTION, LABELS, NLIJudge, softmax

# ../shared/data/nli beside the repository: where the project's NLI data lies (CI has it too).
from .paths import NLI_DIR as DATA_DIR

# short name -> (file stem, what the table calls it, premise cut in characters or None)
DATASETS: dict[str, tuple[str, str, int | None]] = {
    "mnli_m": ("mnli_dev_matched", "MNLI matched dev", None),
    "mnli_mm": ("mnli_dev_mismatched_taxinli_subset", "MNLI mismatched dev (TaxiNLI subset)", None),
    "snli_test": ("snli_test", "SNLI test", None),
    "anli_r1": ("anli_r1_dev", "ANLI R1 dev", None),
    "anli_r2": ("anli_r2_dev", "ANLI R2 dev", None),
    "anli_r3": ("anli_r3_dev", "ANLI R3 dev", None),
    # news bodies run to 20k characters; the judge keeps max_length tokens anyway, so cutting the
    # text first only saves tokeniser time (2,000 characters is well over 160 tokens)
    "fnc1": ("fnc1_test_related", "FNC-1 test, related (body vs headline)", 2000),
    "climate_fever": ("climate_fever_evidence", "Climate-FEVER (claim vs evidence)", None),
}
ECE_BINS = 15


read_nli = read_jsonl


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = ECE_BINS) -> float:
    """ECE (Guo et al. 2017): |accuracy - confidence| averaged over equal-width confidence bins.

    >>> round(expected_calibration_error(np.array([[0.9, 0.05, 0.05], [0.6, 0.3, 0.1]]), np.array([0, 1])), 3)
    0.35
    """
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    if len(labels) == 0:
        return float("nan")
    confidence = probs.max(1)
    correct = probs.argmax(1) == labels
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1], right=True), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


def precision_recall_f1(predicted: np.ndarray, labels: np.ndarray, cls: int) -> tuple[float, float, float]:
    tp = float(((predicted == cls) & (labels == cls)).sum())
    p = tp / max(1.0, float((predicted == cls).sum()))
    r = tp / max(1.0, float((labels == cls).sum()))
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


class NLIEvaluator:
    """Accuracy, macro-F1, contradiction P/R/F1 and ECE (raw and temperature-scaled) of a judge.

    Data in the constructor, ``__call__(judge) -> dict[str, float]``, so the same evaluator
    can be run on several judges (torch vs onnx, checkpoint vs final).
    """

    def __init__(
        self,
        premises: Sequence[str],
        hypotheses: Sequence[str],
        labels: Sequence[str],
        name: str = "",
        max_premise_chars: int | None = None,
    ) -> None:
        if not len(premises) == len(hypotheses) == len(labels):
            raise ValueError("premises, hypotheses and labels must have the same length")
        unknown = set(labels) - set(LABELS)
        if unknown:
            raise ValueError(f"labels must be {', '.join(LABELS)}; found {sorted(unknown)}")
        self.premises = list(premises)
        self.hypotheses = list(hypotheses)
        self.labels = list(labels)
        self.name = name
        self.max_premise_chars = max_premise_chars

    @classmethod
    def from_file(
        cls,
        path: str | Path,
        name: str | None = None,
        limit: int | None = None,
        seed: int = 0,
        max_premise_chars: int | None = None,
    ) -> "NLIEvaluator":
        """Rows of one NLI file; ``limit`` takes a seeded random sample (files are often sorted by label)."""
        rows = [r for r in read_nli(path) if r.get("label") in LABELS]
        if limit is not None and limit < len(rows):
            rows = random.Random(seed).sample(rows, limit)
        return cls(
            [r["premise"] for r in rows],
            [r["hypothesis"] for r in rows],
            [r["label"] for r in rows],
            name=name or Path(path).name.split(".")[0],
            max_premise_chars=max_premise_chars,
        )

    def __len__(self) -> int:
        return len(self.labels)

    def __call__(self, judge: NLIJudge) -> dict[str, float]:
        cut = self.max_premise_chars
        premises = [p[:cut] for p in self.premises] if cut else self.premises
        start = time.perf_counter()
        logits = judge.predict_logits(list(zip(premises, self.hypotheses)))
        seconds = time.perf_counter() - start
        labels = np.array([LABELS.index(label) for label in self.labels])
        raw = softmax(logits)
        calibrated = softmax(logits, judge.temperature_)
        predicted = logits.argmax(1) if len(logits) else np.zeros(0, dtype=int)
        p, r, f = precision_recall_f1(predicted, labels, CONTRADICTION)
        macro = float(np.mean([precision_recall_f1(predicted, labels, c)[2] for c in range(len(LABELS))]))
        return {
            "n": float(len(labels)),
            "accuracy": float((predicted == labels).mean()) if len(labels) else float("nan"),
            "macro_f1": macro,
            "contradiction_precision": p,
            "contradiction_recall": r,
            "contradiction_f1": f,
            "ece_uncalibrated": expected_calibration_error(raw, labels),
            "ece_calibrated": expected_calibration_error(calibrated, labels),
            "pairs_per_s": len(labels) / seconds if seconds > 0 else float("nan"),
        }


def evaluate_nli(
    model: str | Path | NLIJudge = "default",
    datasets: Sequence[str] | None = None,
    limit: int | None = None,
    backend: str = "auto",
    batch_size: int = 32,
    data_dir: str | Path | None = None,
) -> dict[str, dict[str, float]]:
    """Evaluate a judge on the named datasets (default: all of DATASETS) -> {dataset: metrics}.

    ``datasets`` takes DATASETS' short names or any file stem in ``data_dir``
    (e.g. ``"nan_nli_test"``); ``limit`` caps each set with a seeded random sample. A missing
    file is left out of the result rather than failing the whole run.
    """
    judge = model if isinstance(model, NLIJudge) else NLIJudge(model, batch_size=batch_size, backend=backend)
    root = Path(data_dir) if data_dir else DATA_DIR
    results: dict[str, dict[str, float]] = {}
    for key in datasets or list(DATASETS):
        stem, _, cut = DATASETS.get(key, (key, key, None))
        path = root / f"{stem}.jsonl.gz"
        if not path.is_file():
            continue
        results[key] = NLIEvaluator.from_file(path, name=key, limit=limit, max_premise_chars=cut)(judge)
    return results


def format_table(results: dict[str, dict[str, float]], title: str = "") -> str:
    """Plain-text (Markdown) table of evaluate_nli's result: what the model card embeds."""
    head = "| dataset | n | accuracy | macro-F1 | contra. P | contra. R | contra. F1 | ECE raw | ECE calibrated |"
    lines = ([f"**{title}**", ""] if title else []) + [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for key, m in results.items():
        label = DATASETS[key][1] if key in DATASETS else key
        lines.append(
            f"| {label} | {int(m['n']):,} | {100 * m['accuracy']:.1f} | {100 * m['macro_f1']:.1f} | "
            f"{100 * m['contradiction_precision']:.1f} | {100 * m['contradiction_recall']:.1f} | "
            f"{100 * m['contradiction_f1']:.1f} | {m['ece_uncalibrated']:.3f} | {m['ece_calibrated']:.3f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Evaluate an NLI judge on the project's NLI test sets.")
    parser.add_argument("--model", default="default", help="'default', a model directory or a hub id")
    parser.add_argument("--backend", default="auto", choices=["torch", "onnx", "auto"],
                        help="auto = the model's shipped int8 ONNX export if it has one, else torch")
    parser.add_argument("--datasets", help=f"comma-separated; default: {','.join(DATASETS)}")
    parser.add_argument("--limit", type=int, help="at most this many pairs per dataset (seeded sample)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table instead of a rich one")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)

    judge = NLIJudge(args.model, batch_size=args.batch_size, backend=args.backend)
    names = args.datasets.split(",") if args.datasets else None
    results = evaluate_nli(judge, datasets=names, limit=args.limit, data_dir=args.data_dir)
    title = f"{judge.name}, temperature {judge.temperature_:.3f}" if results else judge.name
    if args.json:
        args.json.write_text(json.dumps({"model": judge.name, "backend": judge.backend_,
                                         "temperature": judge.temperature_, "limit": args.limit,
                                         "results": results}, indent=2) + "\n")
    if args.markdown:
        print(format_table(results, title))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for column in ("dataset", "n", "acc", "macro-F1", "C prec", "C rec", "C F1", "ECE raw", "ECE cal", "pairs/s"):
        table.add_column(column, justify="left" if column == "dataset" else "right")
    for key, m in results.items():
        table.add_row(
            key, f"{int(m['n']):,}", f"{100 * m['accuracy']:.1f}", f"{100 * m['macro_f1']:.1f}",
            f"{100 * m['contradiction_precision']:.1f}", f"{100 * m['contradiction_recall']:.1f}",
            f"{100 * m['contradiction_f1']:.1f}", f"{m['ece_uncalibrated']:.3f}", f"{m['ece_calibrated']:.3f}",
            f"{m['pairs_per_s']:.0f}",
        )
    console = Console()
    if not console.is_terminal:  # piped into a file: don't squeeze the table into 80 columns
        console = Console(width=150)
    console.print(table)


if __name__ == "__main__":
    main()
