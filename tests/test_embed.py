"""The embedder's thread choice and vectors: fewer threads on a busy machine, same vectors."""

from __future__ import annotations

import numpy as np
import pytest

from factcheck.common import idle_cores, resolve_threads
from factcheck.embed import Embedder, use_threads
from factcheck.records import Sentence
from factcheck.settings import Settings


@pytest.mark.parametrize(("cores", "busy", "expected"), [
    (2, 0.0, 2),    # idle machine: every core
    (2, 0.6, 1),    # one core mostly busy
    (2, 6.3, 1),    # oversubscribed: never fewer than one
    (16, 3.2, 13),
    (4, -1.0, 4),   # never more than the cores
])
def test_idle_cores(cores, busy, expected):
    assert idle_cores(cores, busy) == expected


def test_idle_cores_measured_is_within_the_cores():
    import os

    assert 1 <= idle_cores() <= len(os.sched_getaffinity(0))


def test_resolve_threads_keeps_an_explicit_count_and_refuses_negative():
    assert resolve_threads(3) == 3
    assert resolve_threads(0) >= 1
    with pytest.raises(ValueError, match="threads"):
        resolve_threads(-1)


def test_settings_threads_reach_the_embedder():
    from factcheck.pipeline import Checker

    assert Checker(Settings(nli_model=None, threads=1)).embedder.threads == 1
    assert Settings().threads == 0


def _sentences(texts):
    return [Sentence(id=f"s{i}", article_id="a", index=i, start=0, end=len(t), text=t) for i, t in enumerate(texts)]


def test_vectors_do_not_depend_on_the_thread_count():
    import torch

    before = torch.get_num_threads()
    texts = ["The council approved 120 new homes on Monday.", "Shares fell 3 percent after the results.",
             "The council approved 120 new homes on Monday.", "A short one."]
    embedder = Embedder(threads=1, backend="torch")
    try:
        one = embedder.encode(_sentences(texts))
        assert torch.get_num_threads() == 1
        embedder.threads = 2
        two = embedder.encode(_sentences(texts))
        assert torch.get_num_threads() == 2
    finally:
        use_threads(before)
    assert one.shape == (4, 384)
    np.testing.assert_allclose(one, two, atol=1e-5)
    np.testing.assert_array_equal(one[0], one[2])  # the same text once, its vector twice


def test_int8_onnx_vectors_agree_with_torch():
    """The int8 export is the same model: unit vectors within cosine 0.97 of fp32 (0.99 on average on
    Reuters sentences), identical texts get one vector, a different cache name, and the session its threads."""
    from factcheck.embed import SHIPPED_ONNX
    from factcheck.onnx_models import has_onnxruntime

    if not (SHIPPED_ONNX["all-MiniLM-L6-v2"].is_file() and has_onnxruntime()):
        pytest.skip("no shipped ONNX embedder")
    texts = ["The council approved 120 new homes on Monday.", "Shares fell 3 percent after the results.",
             "The council approved 120 new homes on Monday.", "A short one.", "Zinc prices " * 200]
    onnx = Embedder(threads=1, backend="onnx-int8")
    torch_ = Embedder(threads=1, backend="torch")
    a, b = onnx.encode(_sentences(texts)), torch_.encode(_sentences(texts))
    assert a.shape == b.shape == (5, 384)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert (a * b).sum(axis=1).min() > 0.97
    np.testing.assert_array_equal(a[0], a[2])
    assert onnx.name.endswith("(onnx int8)") and onnx.name != torch_.name
    assert onnx.onnx_.session.get_session_options().intra_op_num_threads == 1
    with pytest.raises(ValueError, match="backend"):
        Embedder(backend="tensorflow").resolved_backend


def test_int8_onnx_vector_does_not_depend_on_the_other_sentences():
    """Dynamic int8 quantisation scales per input tensor: batched, a sentence's vector moved with its
    batch-mates (cosine 0.98), so Ray's batches and the local run, or two nights' caches, disagreed."""
    from factcheck.embed import SHIPPED_ONNX
    from factcheck.onnx_models import has_onnxruntime

    if not (SHIPPED_ONNX["all-MiniLM-L6-v2"].is_file() and has_onnxruntime()):
        pytest.skip("no shipped ONNX embedder")
    probe = "The ministry said 4,200 jobs would go by 1990, against 3,100 announced in March."
    others = ["Zinc prices " * 60, "Shares fell 3 percent after the results.", "A short one.",
              "The council approved 120 new homes on Monday after a long debate about the plan."]
    onnx = Embedder(threads=1, backend="onnx-int8")
    alone = onnx.encode(_sentences([probe]))[0]
    among = onnx.encode(_sentences([*others, probe]))[-1]
    np.testing.assert_array_equal(alone, among)


def test_fp32_onnx_vectors_are_torchs_vectors(tmp_path, monkeypatch):
    """The default backend: an fp32 export exported once into the cache gives torch's vectors (cosine
    1 - 1e-6; every threshold was chosen on them), under its own cache name, and is reused on the next load."""
    from factcheck.onnx_models import has_onnx_export_tools

    if not has_onnx_export_tools():
        pytest.skip("onnx or onnxruntime not installed")
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path))
    texts = ["The council approved 120 new homes on Monday.", "Shares fell 3 percent after the results.",
             "A short one.", "Zinc prices " * 200]
    onnx = Embedder(threads=1)
    assert onnx.resolved_backend == "onnx"  # auto: onnxruntime and onnx are dependencies
    torch_ = Embedder(threads=1, backend="torch")
    a, b = onnx.encode(_sentences(texts)), torch_.encode(_sentences(texts))
    assert (a * b).sum(axis=1).min() > 0.99999
    np.testing.assert_allclose(a, b, atol=2e-4)
    assert onnx.name.endswith("(onnx fp32)") and onnx.name != torch_.name
    probe = _sentences(["The ministry said 4,200 jobs would go by 1990, against 3,100 announced in March."])
    others = _sentences(["Zinc prices " * 60, "Shares fell.", "A much longer sentence about the council " * 5])
    np.testing.assert_array_equal(onnx.encode(probe)[0], onnx.encode([*others, *probe])[-1])  # batched = alone
    exports = list(tmp_path.glob("onnx/*/model.onnx"))
    assert len(exports) == 1  # fp32, not quantised
    mtime = exports[0].stat().st_mtime_ns
    np.testing.assert_array_equal(Embedder(threads=1, backend="onnx").encode(_sentences(texts[:1]))[0], a[0])
    assert exports[0].stat().st_mtime_ns == mtime  # the cached export, not a second one


def test_models_the_onnx_encoder_cannot_run_stay_on_torch(tmp_path):
    """A dense head or CLS pooling is not what the ONNX encoder computes: auto picks torch, onnx says why."""
    from factcheck.embed import _mean_pooling_model
    from factcheck.errors import ModelError

    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(
        '[{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},'
        ' {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]')
    pooling = tmp_path / "1_Pooling" / "config.json"
    pooling.write_text('{"pooling_mode_cls_token": false, "pooling_mode_mean_tokens": true}')
    assert _mean_pooling_model(str(tmp_path))
    pooling.write_text('{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}')
    assert not _mean_pooling_model(str(tmp_path))
    assert Embedder(str(tmp_path)).resolved_backend == "torch"
    with pytest.raises(ModelError, match="mean-pooling"):
        Embedder(str(tmp_path), backend="onnx").onnx_
    assert not _mean_pooling_model("some-org/some-hub-model")  # nothing fetched to find out


def test_nli_session_gets_the_threads():
    from factcheck.judge.nli_onnx import ONNX_FILE, has_onnxruntime, load_session
    from factcheck.pipeline import Checker
    from factcheck.settings import DEFAULT_NLI_DIR

    assert Checker(Settings(threads=1)).nli.threads == 1
    shipped = DEFAULT_NLI_DIR / ONNX_FILE
    if not (shipped.is_file() and has_onnxruntime()):
        pytest.skip("no shipped ONNX NLI model")
    session = load_session(shipped, threads=1)
    assert session.get_session_options().intra_op_num_threads == 1


def test_fp32_onnx_batches_sentences_by_token_count(monkeypatch):
    """Batches hold sentences of about as many word pieces (not characters: figures split into many
    pieces), so little padding is computed; every vector is still the sentence's vector alone."""
    from factcheck.onnx_models import has_onnx_export_tools

    if not has_onnx_export_tools():
        pytest.skip("onnx or onnxruntime not installed")
    encoder = Embedder(threads=1, backend="onnx").onnx_
    texts = ["1,234,567.89 against 4,321,987.65", "Ministers met in the capital on a quiet morning",
             "9.87 / 6.54 / 3.21 / 0.12", "The talks ended without any agreement at all", "Yes."]
    widths: list[list[int]] = []
    padded = encoder._padded
    monkeypatch.setattr(encoder, "_padded", lambda rows: widths.append([len(r["input_ids"]) for r in rows]) or padded(rows))
    monkeypatch.setattr(encoder, "batch_size", 2)
    together = encoder.encode(texts)
    assert [len(w) for w in widths] == [2, 2, 1]
    assert all(max(a) <= min(b) for a, b in zip(widths, widths[1:]))
    assert sorted(sum(widths, [])) == sum(widths, [])
    for text, vector in zip(texts, together):
        np.testing.assert_array_equal(encoder.encode([text])[0], vector)
