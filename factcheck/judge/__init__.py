"""Candidate pairs + facts + NLI scores -> one ranked list[Discrepancy], one entry per sentence pair.

Two signals judge a pair. The typed comparison says precisely *what* differs (two dates, two
counts) but only sees facts it can parse; the NLI cross-encoder reads any wording but cannot
do date arithmetic. A typed conflict leads and NLI adjusts its confidence; NLI alone flags a
pair only when its calibrated contradiction probability is high.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence

import numpy as np

from ..records import CandidatePair, Discrepancy, Fact, Kind
from ..settings import Settings
from . import weights as W
from .stated import ArticleValues
from .labels import CONTRADICTION, ENTAILMENT, NEUTRAL, combine_directions  # noqa: F401 - the package's API
from .near_identical import no_content_change, one_change
from .periods import explicit_periods_differ


_DEFAULTS = Settings()  # the judge's thresholds default to the run's settings
_WORD = re.compile(r"\S+")


def rescale_to_prior(probs: np.ndarray, contradiction_prior: float | None) -> np.ndarray:
    """Label-shift correction (Saerens et al. 2002) from balanced NLI data to news pairs.

    The model is calibrated on data where a third of the pairs contradict; among related
    sentences of news articles far fewer do, so its probabilities overstate contradiction.
    Reweighting each class by (new prior / training prior) and renormalising gives
    probabilities for the prior we expect. ``None`` leaves them as they are.
    """
    probs = np.asarray(probs, dtype=np.float64)
    if contradiction_prior is None:
        return probs
    other = (1.0 - contradiction_prior) / 2.0
    weights = np.array([other, other, contradiction_prior]) * 3.0  # training prior: 1/3 each
    shifted = probs * weights
    return shifted / shifted.sum(axis=-1, keepdims=True)


def word_diff(a: str, b: str, max_chunks: int = 2) -> list[tuple[str, str]]:
    """The first few replaced/inserted/deleted word runs between two sentences."""
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(a=[w.lower() for w in wa], b=[w.lower() for w in wb], autojunk=False)
    chunks = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            chunks.append((" ".join(wa[i1:i2]), " ".join(wb[j1:j2])))
    chunks.sort(key=lambda c: -(len(c[0]) + len(c[1])))
    return chunks[:max_chunks]


class Judge:
    """Merges typed-fact and NLI verdicts.

    >>> judge = Judge(comparator=None, contradiction_threshold=0.7)
    >>> judge.contradiction_threshold
    0.7
    """

    def __init__(self, comparator=None, contradiction_threshold: float = _DEFAULTS.contradiction_threshold,
                 min_confidence: float = _DEFAULTS.min_confidence, nli_weight: float = W.NLI_WEIGHT,
                 contradiction_prior: float | None = _DEFAULTS.contradiction_prior,
                 calibration=None) -> None:
        self.comparator = comparator
        self.contradiction_threshold = contradiction_threshold
        self.min_confidence = min_confidence
        self.nli_weight = nli_weight
        self.contradiction_prior = contradiction_prior
        self.calibration = calibration  # nli_calibration.NLICalibration: same-fact pairs' NLI-alone verdict

    def judge(self, pairs: Sequence[CandidatePair], facts: Mapping[str, list[Fact]],
              published: Mapping[str, object] | None = None,
              nli: np.ndarray | None = None, stated: Mapping[str, ArticleValues] | None = None) -> list[Discrepancy]:
        """``nli``: (len(pairs), 3) combined probabilities as calibrated on balanced data (NaN rows:
        not scored), or None to use typed facts alone. ``stated``: article id -> the values it states
        anywhere (``stated.article_values``); a typed conflict one article's own values explain is
        not flagged (None: no such check)."""
        published = published or {}
        stated = stated or {}
        calibrated = None
        if nli is not None and self.calibration is not None:
            from .nli_calibration import calibrated_contradiction

            calibrated = calibrated_contradiction(self.calibration, nli, pairs)
        if nli is not None:
            nli = rescale_to_prior(nli, self.contradiction_prior)
        found: dict[str, Discrepancy] = {}
        for i, pair in enumerate(pairs):
            probs = nli[i] if nli is not None and i < len(nli) and not np.isnan(nli[i]).any() else None
            alone = float(calibrated[i]) if calibrated is not None and not np.isnan(calibrated[i]) else None
            discrepancy = self._judge_pair(pair, facts, published, probs, alone,
                                           (stated.get(pair.a.article_id), stated.get(pair.b.article_id)))
            if discrepancy is None or discrepancy.confidence < self.min_confidence:
                continue
            previous = found.get(discrepancy.id)
            if previous is None or discrepancy.confidence > previous.confidence:
                found[discrepancy.id] = discrepancy
        return sorted(found.values(), key=lambda d: (-d.confidence, d.id))

    def _judge_pair(self, pair: CandidatePair, facts: Mapping[str, list[Fact]], published: Mapping[str, object],
                    probs: np.ndarray | None, calibrated: float | None = None,
                    stated: tuple[ArticleValues | None, ArticleValues | None] = (None, None)) -> Discrepancy | None:
        """``calibrated``: the fitted calibration's probability for a same-fact pair (None: the prior-rescaled
        contradiction probability decides an NLI-alone flag, as without a calibration)."""
        if explicit_periods_differ(pair.a.text, pair.b.text):
            return None  # "in the week ended Feb 25" vs "... April 8": two periods' figures (judge/periods.py)
        typed: list[Discrepancy] = []
        if self.comparator is not None:
            typed = self.comparator.compare(
                pair, _claimed(pair, pair.a.id, facts), _claimed(pair, pair.b.id, facts),
                published.get(pair.a.article_id), published.get(pair.b.article_id), stated=stated,
            )
        signals = {"similarity": float(pair.similarity)}
        if probs is not None:
            signals.update(nli_entailment=float(probs[ENTAILMENT]), nli_neutral=float(probs[NEUTRAL]),
                           nli_contradiction=float(probs[CONTRADICTION]))
        if typed:
            best = max(typed, key=lambda d: d.confidence)
            confidence = best.confidence
            signals["fact"] = float(best.confidence)
            if probs is not None:
                # NLI agreeing raises confidence towards 1; NLI reading entailment lowers it.
                confidence = 1.0 - (1.0 - confidence) * (1.0 - self.nli_weight * float(probs[CONTRADICTION]))
                confidence *= 1.0 - W.NLI_ENTAILMENT_DAMPING * self.nli_weight * float(probs[ENTAILMENT])
            return _with(best, confidence=round(min(max(confidence, 0.0), 1.0), 4), signals=signals, claim=pair.claim)
        if pair.claim and not pair.facts:  # a sentence-level claim: near-identical sentences
            changed = one_change(pair)
            if changed is not None:
                return _with(changed, signals=signals)
        if no_content_change(pair.a.text, pair.b.text):
            return None  # "After the shooting Gray" / "After the shooting, Gray": nothing to contradict
        if calibrated is not None:
            signals["nli_calibrated"] = round(calibrated, 4)
        contradiction = calibrated if calibrated is not None else (None if probs is None else float(probs[CONTRADICTION]))
        if contradiction is None or contradiction < self.contradiction_threshold:
            return None
        diff = word_diff(pair.a.text, pair.b.text)
        differs = "; ".join(f'"{x or "…"}" vs "{y or "…"}"' for x, y in diff)
        how = ", calibrated on development pairs" if calibrated is not None else ""
        explanation = f"the NLI model reads these as contradictory (p={contradiction:.2f}{how})"
        if differs:
            explanation += f"; they differ in {differs}"
        return Discrepancy(
            id=Discrepancy.make_id(pair.a, pair.b),
            kind=Kind.CONTRADICTION,
            confidence=round(contradiction, 4),
            a=pair.a,
            b=pair.b,
            a_value=None,
            b_value=None,
            explanation=explanation,
            signals=signals,
            claim=pair.claim,
        )


def _claimed(pair: CandidatePair, sentence_id: str, facts: Mapping[str, list[Fact]]) -> list[Fact]:
    """The sentence's facts this pair may compare: inside its claim group only (all without claims)."""
    found = facts.get(sentence_id, [])
    if not pair.facts:
        return [] if pair.claim else found
    return [f for f in found if f"{f.sentence_id}:{f.start}:{f.end}" in pair.facts]


def _with(d: Discrepancy, **changes) -> Discrepancy:
    from dataclasses import replace

    return replace(d, **changes)
