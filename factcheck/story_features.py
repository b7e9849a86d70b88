"""Article -> the periods its title and lead name: recurring reports of different periods are different stories.

Monthly jobs reports, weekly jobless claims and quarterly results look alike to every other
signal of the story stage (same words, same agencies, no metadata date in many feeds), but
their titles and leads say which period they are about: "224,000 jobs in June" vs "379,000
jobs in February". Two articles that both name months there and share none, or both name
years and share none, lose ``StoryClusterer.period_penalty`` similarity. Months and years are
compared separately: "last August" and "in 2023" do not contradict each other.

>>> sorted(period_keys("US adds 224,000 jobs in June", "The economy added jobs in June 2019."))
['month:june', 'year:2019']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

PERIOD_LEAD_CHARS = 300  # the title plus this much of the text: where a report says which period it covers
PERIOD_PREFIX = "period:"  # stored next to the bag's keys (store_stories), kept apart from the lexical channel
# "May" is left out: mostly the verb.
_MONTHS = ("january", "february", "march", "april", "june", "july", "august", "september", "october",
           "november", "december")
_PERIOD = re.compile(r"\b(" + "|".join(_MONTHS) + r"|(?:19|20)\d\d)\b", re.IGNORECASE)


def period_keys(title: str | None, text: str, lead_chars: int = PERIOD_LEAD_CHARS) -> frozenset[str]:
    """'month:june', 'year:2019' keys named in the title and the first ``lead_chars`` of the text."""
    found = (m.lower() for m in _PERIOD.findall(f"{title or ''}\n{text[:lead_chars]}"))
    return frozenset(f"year:{m}" if m.isdigit() else f"month:{m}" for m in found)


def periods_disjoint(pa: Sequence, pb: Sequence) -> np.ndarray:
    """(len(a), len(b)) booleans: both name months and share none, or both name years and share none."""
    def only(sets, kind):
        return [frozenset(k for k in s if k.startswith(kind)) for s in sets]

    return (sets_disjoint(only(pa, "month:"), only(pb, "month:"))
            | sets_disjoint(only(pa, "year:"), only(pb, "year:")))


def sets_disjoint(sa: Sequence, sb: Sequence) -> np.ndarray:
    """(len(a), len(b)) booleans: both sides name something (title subjects, periods) and share none of it."""
    vocab: dict[str, int] = {}
    def rows(sets):
        from scipy.sparse import csr_matrix

        indptr, cols = [0], []
        for s in sets:
            cols.extend(vocab.setdefault(w, len(vocab)) for w in s)
            indptr.append(len(cols))
        return csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(sets), max(len(vocab), 1)))

    a, b = rows(sa), rows(sb)
    a.resize((a.shape[0], max(len(vocab), 1)))
    shared = (a @ b.T).toarray() > 0
    named_a = np.array([bool(s) for s in sa])
    named_b = np.array([bool(s) for s in sb])
    return named_a[:, None] & named_b[None, :] & ~shared
