"""The NLI columns and how two directions combine: one definition for the model, the judge and the pipeline.

>>> import numpy as np
>>> combine_directions(np.array([[0.8, 0.1, 0.1]]), np.array([[0.2, 0.1, 0.7]])).round(2).tolist()
[[0.5, 0.1, 0.4]]
"""

from __future__ import annotations

import numpy as np

LABELS = ("entailment", "neutral", "contradiction")  # the judge's fixed column order
ENTAILMENT, NEUTRAL, CONTRADICTION = 0, 1, 2  # column order of NLI probabilities everywhere


def combine_directions(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """One (n, 3) array from a->b and b->a scores: the mean, so that both readings must agree."""
    return (np.asarray(forward, dtype=np.float32) + np.asarray(backward, dtype=np.float32)) / 2.0
