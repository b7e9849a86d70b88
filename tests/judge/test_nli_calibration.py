"""The fitted NLI calibration: which pairs it judges, what it learns, how it is stored and loaded."""

import numpy as np
import pytest

from factcheck.errors import ModelError
from factcheck.judge import Judge
from factcheck.judge.nli_calibration import (FEATURES, NLICalibration, calibrated_contradiction, fit, judged_alone,
                                             load_calibration, pair_features)
from factcheck.records import CandidatePair, Kind, Sentence
from factcheck.settings import Settings


def _s(article, text):
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)


A = _s("a", "The minister attended the ceremony in the capital.")
B = _s("b", "The minister skipped the ceremony in the capital.")
SAME_FACT = CandidatePair(A, B, 0.9, claim="paraphrase-1")
NO_CLAIM = CandidatePair(A, B, 0.9)
CLEAR = np.array([[0.05, 0.08, 0.87]])  # the raw row of a clear contradiction


def _tiny() -> NLICalibration:
    """Fitted on made-up rows: real discrepancies have a high raw contradiction probability."""
    rng = np.random.default_rng(0)
    contra = np.concatenate([rng.uniform(0.6, 0.99, 40), rng.uniform(0.01, 0.6, 160)])
    probs = np.column_stack([(1 - contra) / 2, (1 - contra) / 2, contra])
    pairs = [SAME_FACT] * len(contra)
    labels = np.array([1] * 40 + [0] * 160)
    return fit(pair_features(probs, pairs), labels, fitted_on={"note": "test"})


def test_only_pairs_inside_one_claim_group_are_judged_alone():
    assert judged_alone(SAME_FACT) and not judged_alone(NO_CLAIM)
    out = calibrated_contradiction(_tiny(), np.vstack([CLEAR, CLEAR, [[np.nan] * 3]]),
                                   [SAME_FACT, NO_CLAIM, SAME_FACT])
    assert out[0] > 0.5 and np.isnan(out[1]) and np.isnan(out[2])


def test_the_fit_learns_that_a_higher_raw_contradiction_is_more_likely_real():
    calibration = _tiny()
    low, high = calibration.probability(np.array([[0.4, 0.4, 0.2], [0.05, 0.08, 0.87]]), [SAME_FACT, SAME_FACT])
    assert calibration.coef[FEATURES.index("logit_contradiction")] > 0
    assert high > 0.7 > low
    assert calibration.fitted_on["pairs"] == 200 and calibration.fitted_on["positives"] == 40


def test_fit_refuses_a_single_class():
    with pytest.raises(ValueError, match="both"):
        fit(np.zeros((3, len(FEATURES))), np.zeros(3))


def test_saved_calibration_loads_back_and_a_bad_file_is_a_model_error(tmp_path):
    calibration = _tiny()
    path = calibration.save(tmp_path / "cal.json")
    assert NLICalibration.load(path) == calibration
    (tmp_path / "bad.json").write_text('{"coef": [1, 2], "intercept": 0, "features": ["x", "y"]}')
    with pytest.raises(ModelError, match="refit"):
        NLICalibration.load(tmp_path / "bad.json")
    (tmp_path / "broken.json").write_text("{")
    with pytest.raises(ModelError, match="broken.json"):
        NLICalibration.load(tmp_path / "broken.json")


def test_the_judge_flags_a_same_fact_pair_the_global_prior_mutes():
    prior_only = Judge(contradiction_threshold=0.7)
    calibrated = Judge(contradiction_threshold=0.7, calibration=_tiny())
    assert prior_only.judge([SAME_FACT], {}, {}, CLEAR) == []  # 0.87 rescaled to the 10 % prior: about 0.6
    found = calibrated.judge([SAME_FACT], {}, {}, CLEAR)
    assert len(found) == 1 and found[0].kind is Kind.CONTRADICTION and "calibrated" in found[0].explanation
    assert found[0].signals["nli_calibrated"] == found[0].confidence
    assert calibrated.judge([NO_CLAIM], {}, {}, CLEAR) == []  # outside a claim group the prior still decides


def test_settings_choose_the_calibration(tmp_path):
    assert load_calibration(Settings(nli_calibration="none")) is None
    assert load_calibration(Settings(nli_model=None)) is None
    path = _tiny().save(tmp_path / "cal.json")
    assert load_calibration(Settings(nli_calibration=str(path))) == _tiny()
    with pytest.raises(ModelError, match="not found"):
        load_calibration(Settings(nli_calibration=str(tmp_path / "missing.json")))
    assert load_calibration(Settings(nli_model=str(tmp_path))) is None  # a model folder without a calibration


def test_planted_rows_teach_the_slope_but_not_their_base_rate():
    """Generated edits are mostly real; their share must not raise the real-news probability."""
    rng = np.random.default_rng(1)
    contra = rng.uniform(0.05, 0.95, 400)
    probs = np.column_stack([(1 - contra) / 2, (1 - contra) / 2, contra])
    synthetic = np.array([1] * 200 + [0] * 200)
    real = np.where(synthetic == 1, rng.uniform(size=400) < 0.2 + 0.75 * contra, rng.uniform(size=400) < 0.1 * contra)
    x = pair_features(probs, [SAME_FACT] * 400)
    pooled, offset = fit(x, real), fit(x, real, synthetic=synthetic)
    assert offset.fitted_on["synthetic_offset"] > 1  # the planted rows' extra base rate sits in the indicator
    assert offset.probability(CLEAR, [SAME_FACT])[0] < 0.5 * pooled.probability(CLEAR, [SAME_FACT])[0]
    assert offset.coef[FEATURES.index("logit_contradiction")] > 0
