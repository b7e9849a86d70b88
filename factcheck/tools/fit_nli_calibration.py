"""``factcheck calibrate-nli``: fit the NLI calibration on development pairs whose truth is known.

Two sources, both development parts (never what the figures are measured on, never the seeds):

* planted edits (``--seed``, default 0): the checker runs on an article and its edited copy; a
  scored pair is a real discrepancy when it is an edited sentence and its original, and every
  other scored pair (different sentences of one story) is not;
* the labelled developer stories of ``basil_dev_part1``: a scored pair is real when it matches a
  listed discrepancy or a flag labelled ``real`` in eval/labelled_flags.yaml; pairs labelled
  ``unsure`` are left out; every other pair is taken as no discrepancy (the labelled files list
  the discrepancies their readers found, so an unlisted pair is mostly agreement).

Every pair the NLI model scored (raw probabilities, both directions combined, before any prior)
becomes one row of features (``nli_calibration.pair_features``); only same-fact pairs that no typed
or near-identical rule decided are kept: those are the pairs whose verdict the calibration makes.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

from ..judge.nli_calibration import CALIBRATION_FILE, NLICalibration, fit, judged_alone, pair_features
from ..settings import DEFAULT_NLI_DIR, Settings
from . import eval_labelled as ev
from .eval_planted import planted_cases, write_case

FIT_DATASETS = ("basil_dev_part1",)
DEFAULT_OUT = DEFAULT_NLI_DIR / CALIBRATION_FILE


class _Recorder:
    """A judge that keeps every (pairs, raw NLI rows) it is given, then judges as the wrapped one."""

    def __init__(self, judge) -> None:
        self.inner = judge
        self.calls: list[tuple[object, np.ndarray]] = []

    def judge(self, pairs, facts, published=None, nli=None):
        if nli is not None:
            # Only pairs that reach the NLI-alone verdict: no typed or near-identical rule decided them
            # (the calibrated score is never used on the others, so it must not be fitted on them).
            kept = [(p, row) for p, row in zip(pairs, np.array(nli, dtype=np.float64))
                    if judged_alone(p) and not np.isnan(row).any()
                    and self.inner._judge_pair(p, facts, published or {}, None) is None]
            self.calls.extend(kept)
        return self.inner.judge(pairs, facts, published, nli)

    def take(self) -> list[tuple[object, np.ndarray]]:
        """(pair, raw row) for every scored same-fact pair left to NLI since the last take."""
        out, self.calls = self.calls, []
        return out


def _checker(settings: Settings):
    from ..pipeline import Checker

    checker = Checker(replace(settings, nli_calibration=None, quiet=True))
    recorder = _Recorder(checker.judge)
    checker._judge = recorder
    return checker, recorder


def planted_rows(news: Path, articles: int, seed: int, settings: Settings) -> tuple[list, list, list[int]]:
    """(pairs, raw rows, labels) from the planted-edit cases of ``seed``."""
    checker, recorder = _checker(settings)
    pairs, rows, labels = [], [], []
    with tempfile.TemporaryDirectory(prefix="factcheck-calibrate-") as tmp:
        for number, (row, copy, edits, _) in enumerate(planted_cases(news, articles, seed, checker.segmenter)):
            checker.run([write_case(Path(tmp), number, row, copy)], formats=())
            changed = {frozenset((e.original, e.edited)) for e in edits}
            for pair, raw in recorder.take():
                pairs.append(pair)
                rows.append(raw)
                labels.append(int(frozenset((pair.a.text, pair.b.text)) in changed))
    return pairs, rows, labels


def labelled_rows(data: Path, settings: Settings, datasets=FIT_DATASETS) -> tuple[list, list, list[int]]:
    """(pairs, raw rows, labels) from the labelled stories of ``datasets``."""
    labelled = ev.load_labelled(Path(data))
    articles = ev.load_articles(Path(data).parent / "news")
    clusters = {d: ids for d, ids in ev.clusters_of(labelled, articles).items() if d in datasets}
    flag_labels = ev.load_flag_labels()
    checker, recorder = _checker(settings)
    pairs, rows, labels = [], [], []
    with tempfile.TemporaryDirectory(prefix="factcheck-calibrate-") as tmp:
        corpora = ev.write_corpora(clusters, articles, Path(tmp))
        for dataset, paths in corpora.items():
            cluster_of = {a["id"]: a.get("cluster") for a in articles.values()}
            for path in paths:
                checker.run([path], formats=())
                for pair, raw in recorder.take():
                    flag = ev.Flag(dataset, cluster_of.get(pair.a.article_id), pair.a.article_id, pair.a.text,
                                   pair.b.article_id, pair.b.text, 0.0, "")
                    verdict = ev.verdict(flag, labelled[dataset], flag_labels)
                    if verdict == "unsure":
                        continue
                    pairs.append(pair)
                    rows.append(raw)
                    labels.append(int(verdict in ("hard", "soft") or verdict in ev.TRUE_LABELS))
    return pairs, rows, labels


def calibrate(data: Path = ev.DEFAULT_LABELLED, seed: int = 0, articles: int = 30, settings: Settings | None = None,
              out: Path = DEFAULT_OUT) -> NLICalibration:
    """Collect both sources, fit, write ``out`` and return the calibration."""
    settings = settings or Settings(quiet=True)
    p1, r1, l1 = planted_rows(Path(data).parent / "news", articles, seed, settings)
    p2, r2, l2 = labelled_rows(data, settings)
    features = pair_features(np.array(r1 + r2), p1 + p2)
    calibration = fit(features, np.array(l1 + l2), synthetic=np.array([1] * len(l1) + [0] * len(l2)), fitted_on={
        "planted": {"seed": seed, "articles": articles, "pairs": len(l1), "positives": int(sum(l1))},
        "labelled": {"datasets": list(FIT_DATASETS), "pairs": len(l2), "positives": int(sum(l2))},
        "nli_model": str(settings.nli_model)})
    calibration.save(out)
    return calibration
