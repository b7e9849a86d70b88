"""Where two renderings of one remark may differ without either being a misquote: at the quotes' edges.

* **A quote the sentence splitter cut.** '"It's a terrible deal. It should have never been
  made," Trump said' is split after "deal."; the second sentence's quotation opens before
  it. Such a fragment starts (or ends) wherever the splitter cut, so what the other rendering
  has before (after) the first (last) stretch they share is another sentence of the remark,
  not a different wording. ``cut_edges`` reads from the sentence whether a quote fact reaches
  its sentence's edge with no quotation mark there.
* **The seam of an excerpt.** "... help ourselves by putting people back to work" and "not
  putting people back to work": one rendering runs on before the shared words, and the word
  at the seam ("by" / "not") belongs to the outlet's own sentence or to another remark.

The rule: a change before the first (after the last) run of ``EDGE_RUN_WORDS`` shared words is
an edge effect when the other rendering only has more words there and this side of the quote
was cut, or when one rendering brings at least ``SEAM_EXTRA_WORDS`` more words there than the other.
"""

from __future__ import annotations

from ..records import Fact

EDGE_RUN_WORDS = 2  # shared words that anchor two renderings to each other
SEAM_EXTRA_WORDS = 2  # one side this many words longer at an edge: an excerpt's seam, not a rewording


def cut_edges(fact: Fact, sentence: str) -> tuple[bool, bool]:
    """(cut at the start, cut at the end): the quote reaches its sentence's edge with no quotation mark there."""
    start_cut = not sentence[: fact.start].strip()
    end_cut = not sentence[fact.end:].strip(" ,.;:?!…—–-")
    return start_cut, end_cut


def edge_effect(tag: str, i1: int, i2: int, j1: int, j2: int, anchors: tuple[int, int, int, int],
                cut_a: tuple[bool, bool] = (False, False), cut_b: tuple[bool, bool] = (False, False)) -> bool:
    """Is this difflib opcode an edge effect (see the module docstring)?

    ``anchors``: (first shared run's start in a, in b, last shared run's end in a, in b), from ``anchor_runs``.
    """
    if tag == "equal":
        return False
    first_a, first_b, last_a, last_b = anchors
    leading = i2 <= first_a and j2 <= first_b
    trailing = i1 >= last_a and j1 >= last_b
    if not leading and not trailing:
        return False
    # A cut fragment lacks what the other rendering says beyond the cut; words it does have still count.
    if leading and (cut_a[0] and i1 == i2 or cut_b[0] and j1 == j2):
        return True
    if trailing and (cut_a[1] and i1 == i2 or cut_b[1] and j1 == j2):
        return True
    return abs((i2 - i1) - (j2 - j1)) >= SEAM_EXTRA_WORDS


def anchor_runs(blocks) -> tuple[int, int, int, int] | None:
    """Where the first and last shared runs of ``EDGE_RUN_WORDS``+ words lie (None: no such run)."""
    runs = [b for b in blocks if b.size >= EDGE_RUN_WORDS]
    if not runs:
        return None
    first, last = runs[0], runs[-1]
    return first.a, first.b, last.a + last.size, last.b + last.size
