"""The NLI columns, a model's labels mapped onto them, and how two directions combine: one definition
for the model, the judge and the pipeline.

>>> from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import ModelError
>>> combine_directions(np.array([[0.8, 0.1, 0.1]]), np.array([[0.2, 0.1, 0.7]])).round(2).tolist()
[[0.5, 0.1, 0.4]]
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from ..errors import ModelError

LABELS = ("entailment", "neutral", "contradiction")  # the judge's fixed column order
ENTAILMENT, NEUTRAL, CONTRADICTION = 0, 1, 2  # column order of NLI probabilities everywhere


def combine_directions(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """One (n, 3) array from a->b and b->a scores: the mean, so that both readings must agree."""
    return (np.asarray(forward, dtype=np.float32) + np.asarray(backward, dtype=np.float32)) / 2.0


def label_order(id2label: Mapping[Any, str], where: str = "model") -> list[int]:
    """Model class indices in the judge's column order, so ``logits[:, order]`` is (e, n, c).

    >>> label_order({0: "contradiction", 1: "entailment", 2: "neutral"})
    [1, 2, 0]
    """
    raw = {int(i): str(name) for i, name in (id2label or {}).items()}
    names = {i: name.strip().lower() for i, name in raw.items()}
    if sorted(names.values()) != sorted(LABELS) or sorted(names) != [0, 1, 2]:
        found = ", ".join(f"{i}={n}" for i, n in sorted(raw.items())) or "none"
        raise ModelError(
            f"{where}: labels are {found}, not entailment/neutral/contradiction; use a 3-way NLI model"
        )
    index = {name: i for i, name in names.items()}
    return [index[label] for label in LABELS]


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row softmax of ``logits / temperature`` in float64 (no overflow for large logits)."""
    z = np.asarray(logits, dtype=np.float64) / float(temperature)
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return (e / e.sum(axis=-1, keepdims=True)).astype(np.float32)
