"""NLIJudge: label-order mapping, errors, both-direction scoring; the shipped model on clear cases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from factcheck.errors import ModelError
from factcheck.judge.nli import (
    CONTRADICTION,
    ENTAILMENT,
    LABELS,
    NEUTRAL,
    NLIJudge,
    PairScores,
    combine,
    label_order,
    softmax,
)
from factcheck.records import CandidatePair, Sentence
from factcheck.settings import DEFAULT_NLI_DIR

PAIRS = [
    ("the man is sleeping in the house", "the man is not sleeping"),
    ("a dog and a cat", "two children are playing on the road"),
    ("the mayor said the bus was late", "the bus was late"),
]


def _sentence(article: str, text: str, index: int = 0) -> Sentence:
    return Sentence(
        id=Sentence.make_id(article, text), article_id=article, index=index, start=0, end=len(text), text=text
    )


def _pair(a: str, b: str) -> CandidatePair:
    return CandidatePair(a=_sentence("art-a", a), b=_sentence("art-b", b), similarity=0.8)


def _edit_config(model_dir: Path, tmp_path: Path, **changes) -> Path:
    copy = Path(shutil.copytree(model_dir, tmp_path / "model"))
    config = json.loads((copy / "config.json").read_text())
    config.update(changes)
    (copy / "config.json").write_text(json.dumps(config))
    return copy


def _raw_logits(model_dir: Path, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The model's own logits in its own id2label order, via sentence-transformers' CrossEncoder."""
    from sentence_transformers import CrossEncoder

    return CrossEncoder(str(model_dir), device="cpu").predict(pairs, convert_to_numpy=True)


# --- no model needed -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "id2label, expected",
    [
        ({0: "contradiction", 1: "entailment", 2: "neutral"}, [1, 2, 0]),
        ({0: "entailment", 1: "neutral", 2: "contradiction"}, [0, 1, 2]),
        ({"0": "NEUTRAL", "1": "Contradiction", "2": "entailment"}, [2, 0, 1]),
    ],
)
def test_nli_label_order_maps_any_order(id2label, expected):
    assert label_order(id2label) == expected


@pytest.mark.parametrize(
    "id2label",
    [
        {0: "LABEL_0", 1: "LABEL_1", 2: "LABEL_2"},
        {0: "entailment", 1: "not_entailment"},
        {0: "entailment", 1: "neutral", 2: "contradiction", 3: "other"},
        {0: "entailment", 1: "entailment", 2: "contradiction"},
        {},
    ],
)
def test_nli_label_order_rejects_other_labels(id2label):
    with pytest.raises(ModelError, match="not entailment/neutral/contradiction") as info:
        label_order(id2label, where="some/model")
    assert "\n" not in str(info.value)


def test_nli_softmax_temperature_flattens_without_reordering():
    logits = np.array([[4.0, 1.0, -2.0], [1000.0, 0.0, 0.0]])
    sharp, flat = softmax(logits), softmax(logits, temperature=2.0)
    np.testing.assert_allclose(sharp.sum(1), 1.0, rtol=1e-6)
    assert np.isfinite(sharp).all()
    assert flat[0, 0] < sharp[0, 0] and flat.argmax(1).tolist() == sharp.argmax(1).tolist()


def test_nli_combine_is_the_pipelines_symmetric_mean():
    forward = np.array([[0.8, 0.1, 0.1], [0.1, 0.2, 0.7]])
    backward = np.array([[0.2, 0.2, 0.6], [0.3, 0.6, 0.1]])
    np.testing.assert_allclose(combine(forward, backward), [[0.5, 0.15, 0.35], [0.2, 0.4, 0.4]], rtol=1e-6)
    np.testing.assert_allclose(combine(forward, backward), combine(backward, forward))


def test_nli_constructor_only_stores_arguments(tmp_path):
    judge = NLIJudge(tmp_path / "nowhere", batch_size=4)
    assert judge.batch_size == 4 and not hasattr(judge, "model_")
    assert NLIJudge(backend="torch").name == DEFAULT_NLI_DIR.name


def test_nli_missing_directory_is_a_model_error(tmp_path):
    judge = NLIJudge(tmp_path / "no-such-model")
    with pytest.raises(ModelError, match="not found") as info:
        judge.predict(PAIRS[0])
    assert "\n" not in str(info.value) and str(tmp_path / "no-such-model") in str(info.value)


def test_nli_directory_without_config_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="no config.json"):
        NLIJudge(tmp_path).predict(PAIRS[0])


def test_nli_unknown_backend_is_refused(tiny_nli_dir):
    with pytest.raises(ValueError, match="backend"):
        NLIJudge(tiny_nli_dir, backend="tensorrt").predict(PAIRS[0])


# --- the tiny model --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny_judge(tiny_nli_dir):
    judge = NLIJudge(tiny_nli_dir, batch_size=2)
    judge.predict(PAIRS[0])  # load once for the module
    return judge


def test_nli_loads_tiny_model_lazily(tiny_nli_dir):
    judge = NLIJudge(tiny_nli_dir)
    assert not hasattr(judge, "model_")
    judge.predict(PAIRS)
    assert judge.model_ is not None and judge.name == tiny_nli_dir.name


def test_nli_columns_follow_labels_whatever_id2label_says(tiny_nli_dir, tiny_judge):
    # the fixture's id2label is {0: neutral, 1: contradiction, 2: entailment}
    raw = _raw_logits(tiny_nli_dir, PAIRS)
    ours = tiny_judge.predict_logits(PAIRS)
    np.testing.assert_allclose(ours[:, ENTAILMENT], raw[:, 2], atol=1e-5)
    np.testing.assert_allclose(ours[:, NEUTRAL], raw[:, 0], atol=1e-5)
    np.testing.assert_allclose(ours[:, CONTRADICTION], raw[:, 1], atol=1e-5)


def test_nli_same_model_in_another_label_order_gives_same_columns(tiny_nli_dir, tiny_judge, tmp_path):
    """Permute the classifier rows and id2label together: the judge's columns must not move."""
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tiny_nli_dir)
    perm = [2, 0, 1]  # new class i = old class perm[i]
    with torch.no_grad():
        model.classifier.weight.copy_(model.classifier.weight[perm].clone())
        model.classifier.bias.copy_(model.classifier.bias[perm].clone())
    old = model.config.id2label
    model.config.id2label = {i: old[p] for i, p in enumerate(perm)}
    model.config.label2id = {v: k for k, v in model.config.id2label.items()}
    out = Path(shutil.copytree(tiny_nli_dir, tmp_path / "permuted"))
    model.save_pretrained(out)
    np.testing.assert_allclose(NLIJudge(out).predict(PAIRS), tiny_judge.predict(PAIRS), atol=1e-5)


def test_nli_bad_label_config_is_a_model_error(tiny_nli_dir, tmp_path):
    broken = _edit_config(tiny_nli_dir, tmp_path, id2label={"0": "LABEL_0", "1": "LABEL_1", "2": "LABEL_2"})
    with pytest.raises(ModelError, match="LABEL_0") as info:
        NLIJudge(broken).predict(PAIRS)
    assert "\n" not in str(info.value)


def test_nli_temperature_from_config_is_applied(tiny_nli_dir, tiny_judge, tmp_path):
    hot = _edit_config(tiny_nli_dir, tmp_path, factcheck={"temperature": 0.01})
    logits = tiny_judge.predict_logits(PAIRS)
    np.testing.assert_allclose(NLIJudge(hot).predict(PAIRS), softmax(logits, 0.01), atol=1e-4)
    np.testing.assert_allclose(NLIJudge(hot).predict(PAIRS, calibrated=False), softmax(logits), atol=1e-5)


def test_nli_predict_shapes(tiny_judge):
    probs = tiny_judge.predict(PAIRS)
    assert probs.shape == (3, 3) and probs.dtype == np.float32
    np.testing.assert_allclose(probs.sum(1), 1.0, rtol=1e-5)
    assert tiny_judge.predict([]).shape == (0, 3)


@pytest.mark.parametrize("single", [PAIRS[1], list(PAIRS[1]), _pair(*PAIRS[1])])
def test_nli_one_pair_is_accepted(tiny_judge, single):
    """Like CrossEncoder.predict: one pair in, one row (3,) out."""
    probs = tiny_judge.predict(single)
    assert probs.shape == (3,)
    as_list = tiny_judge.predict([single])
    np.testing.assert_allclose(probs, as_list[0], atol=1e-6)


def test_nli_batching_and_length_sorting_do_not_change_scores(tiny_nli_dir, tiny_judge):
    many = PAIRS * 3 + [("a", "the city")]
    one_by_one = np.stack([tiny_judge.predict(p) for p in many])
    np.testing.assert_allclose(NLIJudge(tiny_nli_dir, batch_size=4).predict(many), one_by_one, atol=1e-5)


def test_nli_candidate_pairs_are_scored_in_both_directions(tiny_judge):
    pairs = [_pair(a, b) for a, b in PAIRS]
    scores = tiny_judge.predict_pairs(pairs)
    assert isinstance(scores, PairScores)
    assert scores.probs.shape == scores.forward.shape == scores.backward.shape == (3, 3)
    np.testing.assert_allclose(scores.forward, tiny_judge.predict(PAIRS), atol=1e-5)
    np.testing.assert_allclose(scores.backward, tiny_judge.predict([(b, a) for a, b in PAIRS]), atol=1e-5)
    np.testing.assert_allclose(scores.probs, combine(scores.forward, scores.backward))
    np.testing.assert_allclose(tiny_judge.predict(pairs), scores.probs, atol=1e-6)
    assert set(scores.computed) == {(p.a.id, p.b.id) for p in pairs} | {(p.b.id, p.a.id) for p in pairs}


def test_nli_cached_directions_are_not_rescored(tiny_judge):
    pairs = [_pair(a, b) for a, b in PAIRS]
    first = tiny_judge.predict_pairs(pairs)
    fake = np.array([0.0, 0.0, 1.0], dtype=np.float32)
    cached = dict(first.computed)
    cached[(pairs[0].b.id, pairs[0].a.id)] = fake
    again = tiny_judge.predict_pairs(pairs, cached=cached)
    assert again.computed == {}
    np.testing.assert_allclose(again.backward[0], fake)
    np.testing.assert_allclose(again.probs[0], combine(first.forward[:1], fake[None])[0])
    np.testing.assert_allclose(again.forward, first.forward)


def test_nli_onnx_backend_matches_torch(tiny_nli_dir, tiny_judge, tmp_path, monkeypatch):
    pytest.importorskip("onnx")  # exporting needs it; scoring a shipped .onnx needs only onnxruntime
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    judge = NLIJudge(tiny_nli_dir, backend="onnx")
    assert judge.name.endswith("(onnx int8)")
    np.testing.assert_allclose(judge.predict(PAIRS), tiny_judge.predict(PAIRS), atol=0.02)
    assert list((tmp_path / "cache" / "onnx").glob("*/model_qint8.onnx"))


def test_nli_auto_backend_is_torch_without_shipped_export(tiny_nli_dir):
    assert NLIJudge(tiny_nli_dir, backend="auto").resolved_backend == "torch"


# --- the shipped model -----------------------------------------------------------------------


# Written for this test: one clear case of each label, news-like.
CLEAR_CASES = [
    ("The council voted on Tuesday to close the old library for good.",
     "The council voted to keep the old library open.", "contradiction"),
    ("Police arrested two men in Leeds on Friday after a bank robbery.",
     "Two men were arrested by police.", "entailment"),
    ("The new bridge over the river opened to traffic in March.",
     "The bridge was designed by a Danish architect.", "neutral"),
]


@pytest.fixture(scope="module")
def shipped_judge():
    return NLIJudge("default")  # backend "auto": the shipped int8 ONNX export


@pytest.fixture(scope="module")
def shipped_torch_judge():
    return NLIJudge("default", backend="torch")


@pytest.mark.slow
@pytest.mark.parametrize("premise, hypothesis, label", CLEAR_CASES)
def test_nli_shipped_model_gets_clear_cases_right(shipped_judge, shipped_torch_judge, premise, hypothesis, label):
    for judge in (shipped_judge, shipped_torch_judge):
        probs = judge.predict((premise, hypothesis))
        assert LABELS[int(probs.argmax())] == label, (judge.name, dict(zip(LABELS, probs.round(3))))


@pytest.mark.slow
def test_nli_shipped_model_defaults_to_its_onnx_export(shipped_judge):
    assert shipped_judge.resolved_backend == "onnx" and shipped_judge.name == "factcheck-nli-minilm (onnx int8)"


@pytest.mark.slow
def test_nli_shipped_model_finds_contradiction_in_either_direction(shipped_judge):
    premise, hypothesis, _ = CLEAR_CASES[0]
    scores = shipped_judge.predict_pairs([_pair(hypothesis, premise)])
    assert CONTRADICTION in (scores.forward[0].argmax(), scores.backward[0].argmax())
    assert LABELS[int(shipped_judge.predict([_pair(*CLEAR_CASES[1][:2])])[0].argmax())] != "contradiction"


@pytest.mark.slow
def test_nli_shipped_model_has_labels_and_temperature():
    config = json.loads((DEFAULT_NLI_DIR / "config.json").read_text())
    assert label_order(config["id2label"])  # valid labels
    assert 0.3 < config["factcheck"]["temperature"] < 5


@pytest.mark.slow
def test_nli_int8_score_does_not_depend_on_the_other_pairs(shipped_judge):
    """Dynamic int8 quantisation scales per input tensor: batched, a pair's logits moved with its
    batch-mates (by up to 0.4), so Ray's work units and the local run gave other confidences."""
    probe = ("The ministry said 4,200 jobs would go by 1990.", "The ministry said 3,100 jobs would go by 1990.")
    others = [(text, text) for text, _, _ in CLEAR_CASES] + [("Zinc prices " * 60, "Zinc prices rose.")]
    alone = shipped_judge.predict_logits([probe])[0]
    among = shipped_judge.predict_logits([*others, probe])[-1]
    np.testing.assert_array_equal(alone, among)
