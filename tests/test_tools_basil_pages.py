"""tools/basil_html_pages.py: the saved-page test bed reads back to its source texts."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "basil_html_pages.py"


def _tool():
    spec = importlib.util.spec_from_file_location("basil_html_pages", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tools_basil_pages_round_trip(tmp_path):
    rows = [
        {"id": f"t:{n}_1", "title": f"Story {n}", "published": f"2019-0{n}-1{n}", "source": outlet, "cluster": f"c{n}",
         "text": f"WASHINGTON — The committee met for the {word} time on Tuesday.\n\nIt heard {n} witnesses. "
                 f"Members said the report would follow in {n + 2} weeks."}
        for n, (outlet, word) in enumerate([("New York Times", "first"), ("Fox News", "second"),
                                            ("HuffPost", "third"), ("Daily Planet", "fourth")], start=1)
    ]
    source = tmp_path / "src.jsonl.gz"
    source.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in rows).encode()))
    tool = _tool()
    assert tool.make(tmp_path / "bed", count=4, seed=0, source=source) == 4
    page = (tmp_path / "bed" / "pages" / "t-1_1.html").read_text(encoding="utf-8")
    assert 'id="comments"' in page and "main-nav" in page and "Related Coverage" in page
    result = tool.texts(tmp_path / "bed")
    assert (result["text_equal"], result["title_equal"], result["date_equal"]) == (4, 4, 4)


def test_tools_basil_pages_flags_compares_by_sentence_text(tmp_path):
    def report(folder, a, b, explanation):
        folder.mkdir()
        d = {"kind": "date", "confidence": 0.8, "explanation": explanation,
             "a": {"article": "x", "sentence": a}, "b": {"article": "y", "sentence": b}}
        (folder / "report.json").write_text(json.dumps({"discrepancies": [d]}), encoding="utf-8")
        return folder

    one = report(tmp_path / "one", "It met on Monday.", "It met  on Tuesday.", "dates differ")
    same = report(tmp_path / "same", "It met on Tuesday.", "It met on Monday.", "dates differ")
    other = report(tmp_path / "other", "It met on Monday.", "It met on Tuesday.", "days differ")
    assert _tool().flags(one, same)["common"] == 1
    assert _tool().flags(one, other)["only_a"] == 1
