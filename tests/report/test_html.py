"""HTML report: escaping, structure, atomic write, and a real headless browser running its JS."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import factcheck.report.to_html as to_html
from factcheck.report.to_html import render_html, write_html

EVIL = '<script>alert("x")</script>'


def make_report() -> dict:
    """A report dict built by hand, following the JSON report contract (version 1)."""
    a_date = "The summit was held on February 5-6 in Berlin."
    b_date = "The summit took place on February 6-7 in Berlin."
    return {
        "version": 1,
        "generated": "2024-05-01T02:00:00Z",
        "nli_model": "models/factcheck-nli-minilm",
        "articles": [
            {"id": "wire-1", "title": f"Summit {EVIL}", "source": "Wire & Co", "published": "2023-02-07",
             "path": "corpus/wire-1.txt", "sentences": 12},
            {"id": "daily-2", "title": "Talks end", "source": "Daily", "published": "2023-02-08",
             "path": "corpus/daily-2.md", "sentences": 9},
        ],
        "stats": {"sentences": 21, "candidate_pairs": 40, "exhaustive_pairs": 108, "nli_pairs": 80,
                  "nli_pairs_cached": 20, "dismissed": 3, "seconds": {"segment": 1.25, "nli": 3.5}},
        "discrepancies": [
            {"id": "0a1b2c3d4e5f", "kind": "date", "confidence": 0.93, "status": "new",
             "first_seen": "2024-05-01T02:00:00Z-0001",
             "a": {"article": "wire-1", "sentence": a_date, "start": 0, "end": len(a_date), "span": [23, 35],
                   "value": "2023-02-05..2023-02-06"},
             "b": {"article": "daily-2", "sentence": b_date, "start": 10, "end": 10 + len(b_date), "span": [25, 37],
                   "value": "2023-02-06..2023-02-07"},
             "explanation": "the dates do not overlap", "cluster": 1},
            {"id": "111111111111", "kind": "contradiction", "confidence": 0.71, "status": "open",
             "first_seen": "2024-04-30T02:00:00Z-0001",
             "a": {"article": "wire-1", "sentence": "The minister resigned on Monday after the vote.",
                   "start": 50, "end": 97, "span": None, "value": None},
             "b": {"article": "daily-2", "sentence": "The minister refused to resign after the vote.",
                   "start": 70, "end": 116, "span": None, "value": None},
             "explanation": "NLI: contradiction 0.71", "cluster": None},
            {"id": "222222222222", "kind": "number", "confidence": 0.55, "status": "confirmed",
             "first_seen": "2024-04-29T02:00:00Z-0001",
             "a": {"article": "wire-1", "sentence": f"Nearly 300 people & {EVIL} attended.",
                   "start": 0, "end": 1, "span": [7, 10], "value": "300 people"},
             "b": {"article": "daily-2", "sentence": "Nearly 450 people <b>attended</b>.",
                   "start": 0, "end": 1, "span": [99, 120], "value": "450 people"},  # bad span: diff fallback
             "explanation": f'counts differ: "300" vs "450" {EVIL}', "cluster": 2},
        ],
    }


class Page(HTMLParser):
    """Just enough of a DOM: discrepancy tbodies (with attributes), marks, options, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict[str, str | None]] = []
        self.marks: list[str] = []
        self.options: dict[str, list[str]] = {}
        self.scripts = 0
        self.body: dict[str, str | None] = {}
        self._select: str | None = None
        self._in_mark = False
        self.shown = ""
        self._in_shown = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody" and "item" in (attrs.get("class") or ""):
            self.items.append(attrs)
        elif tag == "mark":
            self._in_mark = True
            self.marks.append("")
        elif tag == "select":
            self._select = attrs["id"]
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self.options[self._select].append(attrs["value"])
        elif tag == "script":
            self.scripts += 1
        elif tag == "body":
            self.body = attrs
        elif attrs.get("id") == "shown":
            self._in_shown = True

    def handle_endtag(self, tag):
        if tag == "mark":
            self._in_mark = False
        elif tag == "select":
            self._select = None
        elif tag == "span":
            self._in_shown = False

    def handle_data(self, data):
        if self._in_mark:
            self.marks[-1] += data
        if self._in_shown:
            self.shown += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def test_html_escapes_every_value():
    html = render_html(make_report())
    assert EVIL not in html and "<b>attended</b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "Wire &amp; Co" in html and '<mark class="diff">&lt;b&gt;attended&lt;/b&gt;.</mark>' in html
    assert parse(html).scripts == 1  # only the page's own script


def test_html_structure_rows_marks_filters():
    page = parse(render_html(make_report()))
    assert [(i["id"], i["data-kind"], i["data-status"]) for i in page.items] == [
        ("d-0a1b2c3d4e5f", "date", "new"),
        ("d-111111111111", "contradiction", "open"),
        ("d-222222222222", "number", "confirmed"),
    ]
    assert page.marks[:2] == ["February 5-6", "February 6-7"]  # exact spans from the judge
    assert "resigned on Monday" in page.marks and "refused to resign" in page.marks  # word diff, no span
    assert "300" in page.marks and any("450" in m for m in page.marks)  # valid span / out-of-range span
    assert page.options["filter-kind"] == ["", "contradiction", "date", "number"]
    assert page.options["filter-status"] == ["", "new", "open", "confirmed"]
    assert page.body["data-ready"] == "0"  # set to 1 by the script (see the browser test)


def test_html_summary_and_review_hints():
    html = render_html(make_report())
    for text in ("21</div>", "40 of 108", "80 (20 cached)", "Articles (2)", "factcheck review dismiss 0a1b2c3d4e5f",
                 "the dates do not overlap", "2023-02-05..2023-02-06", "Talks end", "2023-02-08", "cluster 1",
                 "models/factcheck-nli-minilm", "(not shown: 3 dismissed)"):
        assert text in html, text


def test_html_is_self_contained():
    html = render_html(make_report())
    assert not re.search(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//""", html)
    assert "@import" not in html and "url(" not in html and "@font-face" not in html


def test_html_empty_report_says_so(tmp_path):
    html = write_html(tmp_path / "r.html", {"version": 1, "discrepancies": []}).read_text(encoding="utf-8")
    assert "No discrepancies to review: nothing new or open." in html
    assert parse(html).items == []


def test_html_write_replaces_atomically(tmp_path, monkeypatch):
    out = tmp_path / "reports" / "report.html"
    assert write_html(out, make_report()) == out
    first = out.read_bytes()

    def broken(report):
        raise RuntimeError("render failed")

    monkeypatch.setattr(to_html, "render_html", broken)
    with pytest.raises(RuntimeError):
        write_html(out, make_report())
    assert out.read_bytes() == first  # the old report survives a failed write
    assert [p.name for p in out.parent.iterdir()] == ["report.html"]  # no temp file left


# --- a real browser -------------------------------------------------------------------------------

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,900"]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile{len(list(tmp_path.glob('profile*')))}"
    return subprocess.run([shutil.which("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.browser
@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium: apt-get install -y chromium")
def test_html_in_headless_chromium(tmp_path):
    from PIL import Image

    report = make_report()
    extra = copy.deepcopy(report["discrepancies"][0])
    extra.update(id="333333333333", confidence=0.61, status="open")
    report["discrepancies"].append(extra)
    page_path = write_html(tmp_path / "report.html", report)
    url = page_path.as_uri()

    # The script ran: counter filled in, ready flag set, nothing hidden by default.
    dom = parse(chromium(tmp_path, "--dump-dom", url).stdout)
    assert dom.body.get("data-ready") == "1"
    assert dom.shown == "Showing 4 of 4 discrepancies"
    assert all(i.get("hidden") is None for i in dom.items)

    # Filters (from the URL hash) hide the other rows; sort ascending reorders by confidence.
    dom = parse(chromium(tmp_path, "--dump-dom", url + "#kind=date&status=open&sort=asc").stdout)
    assert dom.shown == "Showing 1 of 4 discrepancies"
    visible = [i["id"] for i in dom.items if i.get("hidden") is None]
    assert visible == ["d-333333333333"]
    assert [i["data-confidence"] for i in dom.items] == ["0.550000", "0.610000", "0.710000", "0.930000"]

    shot = tmp_path / "report.png"
    result = chromium(tmp_path, f"--screenshot={shot}", url)
    assert shot.exists(), result.stderr[-2000:]
    with Image.open(shot) as image:
        assert image.size == (1280, 900)
        colours = image.convert("RGB").getcolors(maxcolors=1280 * 900)
        assert len(colours) > 50  # text, badges and marks, not a blank page
        # The highlight colour of <mark> is on screen (the first row's date spans).
        assert any(abs(r - 0xFF) < 8 and abs(g - 0xE0) < 8 and abs(b - 0x66) < 8 for _, (r, g, b) in colours)
