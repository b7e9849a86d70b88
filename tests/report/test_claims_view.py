"""Reports show a claim group once, every variant side by side with its outlet, not n² pairs."""

from factcheck.report.claims_view import claim_views, variants_line
from factcheck.report.to_markdown import render_markdown


def _side(article, sid, sentence, value):
    return {"article": article, "sentence_id": sid, "sentence": sentence, "value": value, "span": None}


def _report():
    a = _side("a", "s1", "The archive holds 50,000 pages.", "50000 page")
    b = _side("b", "s2", "The archive holds 55,000 pages.", "55000 page")
    c = _side("c", "s3", "Some 55,000 pages are in the archive.", "55000 page")
    pairs = [{"id": "p1", "kind": "number", "confidence": 0.8, "status": "new", "claim": "k1", "a": a, "b": b,
              "explanation": "numbers differ"},
             {"id": "p2", "kind": "number", "confidence": 0.7, "status": "new", "claim": "k1", "a": a, "b": c,
              "explanation": "numbers differ"}]
    articles = [{"id": x, "title": None, "source": f"Outlet {x.upper()}", "published": None, "sentences": 1}
                for x in "abc"]
    return {"version": 1, "generated": "now", "corpus": None, "nli_model": None, "articles": articles, "skipped": [],
            "stats": {}, "discrepancies": pairs}


def test_one_claim_group_lists_each_variant_once_with_its_outlets():
    report = _report()
    [view] = claim_views(report["discrepancies"], {a["id"]: a for a in report["articles"]})
    assert variants_line(view) == "50000 page — Outlet A · 55000 page — Outlet B, Outlet C"
    assert len(view["sentences"]) == 3 and len(view["pairs"]) == 2


def test_markdown_shows_the_group_once():
    md = render_markdown(_report())
    assert md.count("### Claim") == 1
    assert md.count("> The archive holds 50,000 pages.") == 1
    assert "50000 page — Outlet A · 55000 page — Outlet B, Outlet C" in md
