"""ingest: mojibake from an upstream system (UTF-8 read as Windows-1252) is undone on the way in, and nothing else
about the text changes: a feed's "Â£14.5bn" hid an amount in pounds from the number reader, "â€™" split names."""

from __future__ import annotations

import json

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.ingest import read_articles
from factcheck.ingest._common import repair_encoding


@pytest.mark.parametrize("broken, repaired", [
    ("pay off $27.5bn (Â£14.5bn) in unpaid taxes", "pay off $27.5bn (£14.5bn) in unpaid taxes"),
    ("Itâ€™s the â€œbestâ€\x9d offer", "It’s the “best” offer"),
    ("Ã©tÃ© franÃ§ais", "été français"),
])
def test_mojibake_is_undone(broken, repaired):
    assert repair_encoding(broken) == repaired


@pytest.mark.parametrize("text", [
    "São Paulo’s café said “no” — ½ of 2 × 3",  # curly quotes, dashes and symbols stay as published
    "Chock Full O’Nuts said &amp; the ﬁrm agreed",  # entities and ligatures are the reader's business, not ours
    "Ｆｕｌｌ width and\ttabs\nand lines",
])
def test_clean_text_is_left_as_written(text):
    assert repair_encoding(text) == text


def test_an_ingested_article_is_repaired_and_its_amount_read(tmp_path):
    row = {"id": "n1", "title": "Yukos unit sold for Â£5bn",
           "text": "Yugansk was auctioned to help pay off $27.5bn (Â£14.5bn) in unpaid taxes."}
    (tmp_path / "feed.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    [article] = read_articles([tmp_path])
    assert article.title == "Yukos unit sold for £5bn" and "Â" not in article.text
    assert [m.text for m in find_quantities(article.text)] == ["$27.5bn"]  # the pounds are its conversion
