"""Saved-web-page test bed from the BASIL articles, and the two checks run on it.

``make``: wraps each sampled article's paragraphs in one of three outlet-like page templates
(navigation, breadcrumbs, share buttons, an in-article ad and "related" box, a related-links
sidebar, newsletter box, a comment section, footer) and writes ``pages/*.html`` plus
``source.jsonl`` with the same articles under the same ids, so both runs see the same corpus.
``texts``: how many pages' extracted text equals the source text (whitespace normalised).
``flags``: the discrepancy sets of two report.json files, compared by sentence texts.

    python tools/basil_html_pages.py make /tmp/basil --count 200 --seed 0
    python tools/basil_html_pages.py texts /tmp/basil
    factcheck run /tmp/basil/pages --out /tmp/basil/report-html --nli-model none --no-db
    factcheck run /tmp/basil/source.jsonl --out /tmp/basil/report-jsonl --nli-model none --no-db
    python tools/basil_html_pages.py flags /tmp/basil/report-html /tmp/basil/report-jsonl
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

BASIL = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "basil_triplets.jsonl.gz"
SECTIONS = ["U.S.", "World", "Politics", "Business", "Opinion", "Tech", "Science", "Health", "Sports", "Arts",
            "Travel", "Video"]
COMMENTS = [
    "This is exactly what I expected. Nobody in Washington ever listens.",
    "Great reporting, thank you for covering this story in such detail!",
    "I disagree completely. The article leaves out the most important part of the story.",
    "Who fact-checks these people? Half of this is spin.",
    "My family has lived here for forty years and we have never seen anything like it.",
    "Can someone explain why this matters? Genuinely asking.",
    "Another day, another scandal. I'm tired.",
    "Well said. More people need to read this before they vote.",
]
NAMES = ["Sarah Miller", "James Carter", "Emily Chen", "Michael Brooks", "Laura Diaz", "David Kim", "Anna Novak"]
USERS = ["patriot1776", "bluewave22", "jdoe", "CitizenK", "oldtimer", "readerNYC", "truthseeker", "mkt_watch"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _nav() -> str:
    items = "".join(f'<li><a href="/section/{s.lower().strip(".")}">{_e(s)}</a></li>' for s in SECTIONS)
    return (f'<header class="masthead"><a class="logo" href="/">{{outlet}}</a>'
            f'<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form>'
            f'<a href="/login">Log in</a> <a href="/subscribe">Subscribe for $1 a week</a></header>'
            f'<nav class="main-nav"><ul>{items}</ul></nav>')


def _related(others: list[dict], rng: random.Random, heading: str) -> str:
    links = "".join(f'<li><a href="/story/{rng.randrange(10**6)}">{_e(o["title"] or "More news")}</a></li>'
                    for o in others)
    return f'<aside class="related"><h3>{heading}</h3><ul>{links}</ul></aside>'


def _comments(rng: random.Random) -> str:
    count = rng.randint(2, 5)
    items = "".join(
        f'<div class="comment"><p class="comment-author">{_e(rng.choice(USERS))}</p>'
        f'<p class="comment-time">{rng.randint(1, 23)} hours ago</p><p>{_e(rng.choice(COMMENTS))}</p>'
        f'<a href="#reply">Reply</a> <a href="#report">Report</a></div>'
        for _ in range(count))
    return (f'<section id="comments" class="comments"><h2>Comments ({count})</h2>'
            f'<form><textarea placeholder="Join the conversation"></textarea><button>Post</button></form>{items}</section>')


def _date_markup(style: int, published: str, byline: str) -> tuple[str, str]:
    """(head markup, byline markup): each template states its date the way a different CMS does."""
    when = f"{published}T09:{style * 7:02d}:00-04:00"
    if style == 0:
        return f'<meta property="article:published_time" content="{when}">', f'<p class="byline">By {byline}</p>'
    if style == 1:
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": when,
                         "author": {"@type": "Person", "name": byline}})
        return f'<script type="application/ld+json">{ld}</script>', f'<p class="byline">By {byline}</p>'
    return "", f'<p class="byline">By {byline} · <time datetime="{when}">{published}</time></p>'


def render_page(article: dict, others: list[dict], rng: random.Random) -> str:
    """One saved page: the article's paragraphs inside an outlet's chrome."""
    outlet = article.get("source") or "Daily News"
    style = ["New York Times", "Fox News", "HuffPost"].index(outlet) if outlet in ("New York Times", "Fox News", "HuffPost") else 0
    title = article.get("title") or ""
    head_date, byline = _date_markup(style, article["published"], rng.choice(NAMES))
    paragraphs = [p.strip() for p in article["text"].split("\n\n") if p.strip()]
    body = []
    for i, para in enumerate(paragraphs):
        body.append(f"<p>{_e(para)}</p>")
        if i == 1:
            body.append('<div class="ad" aria-label="Advertisement"><span>Advertisement</span></div>')
        if i == 3 and others:
            body.append(f'<div class="inline-related"><strong>Related:</strong> '
                        f'<a href="/story/{rng.randrange(10**6)}">{_e(others[0]["title"] or "More")}</a></div>')
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{_e(title)} - {_e(outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta property="og:title" content="{_e(title)}">
<meta property="og:site_name" content="{_e(outlet)}">
<meta property="og:url" content="https://www.example-{style}.com/{article['published'][:4]}/{slug}.html">
{head_date}
<link rel="stylesheet" href="/static/site.css"><script src="/static/analytics.js"></script>
</head><body>
{_nav().replace("{outlet}", _e(outlet))}
<div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/section/politics">Politics</a></div>
<main><article class="story">
<h1 class="headline">{_e(title)}</h1>
{byline}
<div class="share"><a href="#fb">Share on Facebook</a> <a href="#tw">Tweet</a> <a href="#mail">Email</a></div>
<div class="story-body">
{chr(10).join(body)}
</div>
</article>
{_related(others[1:], rng, "Related Coverage")}
<div class="newsletter"><h3>Get the morning briefing</h3><p>Sign up for our newsletter and never miss a story.</p>
<form><input type="email" placeholder="Email address"><button>Sign up</button></form></div>
{_comments(rng)}
</main>
<footer><p>&copy; {article['published'][:4]} {_e(outlet)}. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy Policy</a></li><li><a href="/terms">Terms of Service</a></li>
<li><a href="/contact">Contact Us</a></li></ul></footer>
</body></html>
"""


def make(out: Path, count: int, seed: int, source: Path = BASIL) -> int:
    rows = [json.loads(line) for line in gzip.open(source, "rt", encoding="utf-8") if line.strip()]
    rng = random.Random(seed)
    chosen = sorted(rng.sample(range(len(rows)), min(count, len(rows))))
    pages = out / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    source = {}
    for index in chosen:
        article = rows[index]
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", article["id"])
        others = [rows[j] for j in rng.sample(range(len(rows)), min(5, len(rows))) if rows[j]["cluster"] != article["cluster"]]
        (pages / f"{stem}.html").write_text(render_page(article, others, rng), encoding="utf-8")
        source[stem] = {"id": stem, **{k: article[k] for k in ("title", "text", "published", "source")}}
    # In file-name order, the order a folder is read in: both runs then see the articles alike.
    with open(out / "source.jsonl", "w", encoding="utf-8") as sink:
        sink.writelines(json.dumps(source[stem], ensure_ascii=False) + "\n" for stem in sorted(source))
    return len(source)


def _norm(text: str) -> str:
    return " ".join(text.split())


def texts(out: Path) -> dict:
    """Share of pages whose extracted text equals the source text, plus title and date agreement."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from factcheck.ingest import read_articles
    from factcheck.records import Article

    source = {r["id"]: r for r in map(json.loads, (out / "source.jsonl").read_text(encoding="utf-8").splitlines())}
    read = {a.id: a for a in read_articles([out / "pages"]) if isinstance(a, Article)}
    same = [i for i in source if i in read and _norm(read[i].text) == _norm(source[i]["text"])]
    titles = sum(1 for i in source if i in read and _norm(read[i].title or "") == _norm(source[i]["title"] or ""))
    dates = sum(1 for i in source if i in read and read[i].published and
                read[i].published.isoformat() == source[i]["published"] and not read[i].published_inferred)
    return {"pages": len(source), "read": len(read), "text_equal": len(same), "title_equal": titles,
            "date_equal": dates, "differing": sorted(set(source) - set(same))}


def flags(report_a: Path, report_b: Path) -> dict:
    """Two runs' discrepancies as multisets of (kind, {sentence, sentence}, explanation, confidence).

    Sentence texts, not ids: ids hash the article id and the text, which a page may change.
    """
    def load(folder: Path) -> Counter:
        report = json.loads((folder / "report.json").read_text(encoding="utf-8"))
        return Counter((d["kind"], frozenset((_norm(d["a"]["sentence"]), _norm(d["b"]["sentence"]))),
                        d["explanation"], d["confidence"]) for d in report["discrepancies"])

    a, b = load(report_a), load(report_b)
    return {"a": sum(a.values()), "b": sum(b.values()), "common": sum((a & b).values()),
            "only_a": sum((a - b).values()), "only_b": sum((b - a).values()),
            "examples_only_a": [sorted(x[1]) for x in list(a - b)[:3]],
            "examples_only_b": [sorted(x[1]) for x in list(b - a)[:3]]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("out", type=Path)
    m.add_argument("--count", type=int, default=200)
    m.add_argument("--seed", type=int, default=0)
    m.add_argument("--source", type=Path, default=BASIL)
    t = sub.add_parser("texts")
    t.add_argument("out", type=Path)
    f = sub.add_parser("flags")
    f.add_argument("report_a", type=Path)
    f.add_argument("report_b", type=Path)
    args = parser.parse_args()
    if args.command == "make":
        print(f"wrote {make(args.out, args.count, args.seed, args.source)} pages to {args.out / 'pages'}")
    elif args.command == "texts":
        print(json.dumps(texts(args.out), indent=1))
    else:
        print(json.dumps(flags(args.report_a, args.report_b), indent=1))


if __name__ == "__main__":
    main()
