"""Raw NLI probabilities of a same-fact pair -> the probability that the pair is a real discrepancy.

Why not the model's own probability: it is calibrated on balanced MNLI-like data, and a global
label-shift to a 10 % contradiction prior (``judge.rescale_to_prior``) mutes every case alike,
clear negations included. Inside one claim group or between near-paraphrases the raw score means
more, and how much more is measured: a logistic regression (Platt scaling with a few pair
features) fitted on development pairs whose truth is known, planted edits and the labelled
developer stories (``factcheck calibrate-nli``, ``factcheck/tools/fit_nli_calibration.py``).
Applying it needs numpy only; fitting needs scikit-learn.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from ..errors import ModelError
from ..records import CandidatePair

CALIBRATION_FILE = "nli_calibration.json"  # beside the model's config.json
FEATURES = ("logit_contradiction", "logit_entailment", "sentence_level")
_EPS = 1e-4  # probabilities are clipped before the logit: a 1.0 from float32 rounding stays finite


def pair_features(probs: np.ndarray, pairs: Sequence[CandidatePair]) -> np.ndarray:
    """(n, len(FEATURES)): the raw (entailment, neutral, contradiction) rows and what each pair is.

    ``sentence_level``: the pair is a near-paraphrase claim (a claim group of whole sentences, no
    typed fact), where one changed word is the whole difference. Similarity is left out on purpose:
    planted edits are near copies by construction, so it would learn "very similar = discrepancy".
    """
    probs = np.clip(np.asarray(probs, dtype=np.float64).reshape(-1, 3), _EPS, 1 - _EPS)
    logit = lambda p: np.log(p / (1 - p))  # noqa: E731
    sentence_level = np.array([1.0 if p.claim and not p.facts else 0.0 for p in pairs])
    return np.column_stack([logit(probs[:, 2]), logit(probs[:, 0]), sentence_level])


@dataclass(frozen=True)
class NLICalibration:
    """A fitted logistic calibration: p = sigmoid(intercept + coef · features)."""

    coef: tuple[float, ...]
    intercept: float
    features: tuple[str, ...] = FEATURES
    fitted_on: dict = field(default_factory=dict)  # data sets, pair and positive counts: how it was made

    def __post_init__(self) -> None:
        if tuple(self.features) != FEATURES or len(self.coef) != len(FEATURES):
            raise ModelError(f"NLI calibration: features {list(self.features)} are not {list(FEATURES)}; refit it "
                             "with `factcheck calibrate-nli`")

    def probability(self, probs: np.ndarray, pairs: Sequence[CandidatePair]) -> np.ndarray:
        """(n,) calibrated discrepancy probabilities for raw NLI rows of ``pairs``."""
        if not len(pairs):
            return np.zeros(0)
        z = pair_features(probs, pairs) @ np.asarray(self.coef) + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        doc = {"method": "logistic regression (Platt scaling with pair features)", **asdict(self)}
        path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: str | Path) -> "NLICalibration":
        try:
            doc = json.loads(Path(path).read_text(encoding="utf-8"))
            return cls(coef=tuple(float(c) for c in doc["coef"]), intercept=float(doc["intercept"]),
                       features=tuple(doc["features"]), fitted_on=dict(doc.get("fitted_on") or {}))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelError(f"{path}: not a readable NLI calibration ({exc})") from exc


def fit(features: np.ndarray, labels: np.ndarray, synthetic: np.ndarray | None = None,
        fitted_on: dict | None = None, regularisation: float = 1.0) -> NLICalibration:
    """Fit the logistic calibration on pairs whose truth is known (1 = a real discrepancy).

    ``synthetic`` marks rows from generated data (planted edits), where most pairs left to NLI are
    edits: a far higher share of real discrepancies than among real news pairs. Those rows get an
    indicator feature of their own, so they teach how the features separate real from not while
    their base rate stays in the indicator; the shipped intercept is the real-news one. Classes
    are left unweighted on purpose: the output is the chance that such a pair is real.
    """
    from sklearn.linear_model import LogisticRegression

    labels = np.asarray(labels, dtype=int)
    if len(set(labels.tolist())) < 2:
        raise ValueError("calibration needs both real discrepancies and other pairs to fit on")
    x = np.asarray(features, dtype=np.float64)
    source = np.zeros(len(labels)) if synthetic is None else np.asarray(synthetic, dtype=np.float64)
    model = LogisticRegression(C=regularisation, max_iter=1000).fit(np.column_stack([x, source]), labels)
    return NLICalibration(coef=tuple(round(float(c), 6) for c in model.coef_[0][: x.shape[1]]),
                          intercept=round(float(model.intercept_[0]), 6),
                          fitted_on={**(fitted_on or {}), "pairs": int(len(labels)), "positives": int(labels.sum()),
                                     "synthetic_offset": round(float(model.coef_[0][-1]), 6)})


def judged_alone(pair: CandidatePair) -> bool:
    """Pairs whose NLI score may flag them alone under the calibration: both sentences in one claim
    group (one typed fact, or near-paraphrases), where a contradiction is about the same fact."""
    return pair.claim is not None


def calibrated_contradiction(calibration: NLICalibration, probs: np.ndarray,
                             pairs: Sequence[CandidatePair]) -> np.ndarray:
    """(n,) calibrated probabilities; NaN for pairs not scored or not ``judged_alone``."""
    out = np.full(len(pairs), np.nan)
    rows = [i for i, p in enumerate(pairs) if judged_alone(p) and i < len(probs) and not np.isnan(probs[i]).any()]
    if rows:
        out[rows] = calibration.probability(np.asarray(probs)[rows], [pairs[i] for i in rows])
    return out


def load_calibration(settings) -> NLICalibration | None:
    """``settings.nli_calibration`` as a calibration; None (the global prior decides) when NLI is off,
    the setting is 'none', or 'default' and the model directory ships no calibration file."""
    from ..settings import DEFAULT_NLI_DIR

    choice, model = settings.nli_calibration, settings.nli_model
    if not model or not choice:
        return None
    if str(choice) != "default":
        if not Path(str(choice)).expanduser().is_file():
            raise ModelError(f"{choice}: NLI calibration file not found (fit one with `factcheck calibrate-nli`)")
        return NLICalibration.load(Path(str(choice)).expanduser())
    folder = DEFAULT_NLI_DIR if str(model) == "default" else Path(str(model)).expanduser()
    path = folder / CALIBRATION_FILE
    return NLICalibration.load(path) if path.is_file() else None
