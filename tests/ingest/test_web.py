"""ingest.web: saved pages (trafilatura + htmldate) and RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import datetime as dt
import shutil
import sys

import pytest

from factcheck.ingest import read_articles
from factcheck.records import Article, Skipped

PAGE_BOILERPLATE = ["Subscribe now", "Weather forecast", "Obituaries", "Share on Facebook", "Advertisement",
                    "Storm damage bill", "Ferry fares", "crumbling for years", "believe it when I see it",
                    "Post comment", "All rights reserved", "Privacy policy", "dataLayer", "By Maria Lindqvist",
                    "Harbour wall repairs to start in May"]


@pytest.fixture
def page(tmp_path, ingest_data):
    return shutil.copy(ingest_data / "page.html", tmp_path / "harbour-wall.html")


def test_web_page_text_title_date_without_boilerplate(page):
    (article,) = list(read_articles([page]))
    assert isinstance(article, Article)
    assert article.id == "harbour-wall"
    assert article.title == "Harbour wall repairs to start in May"
    assert article.source == "The Lakeside Courier"
    assert article.published == dt.date(2024, 3, 5) and not article.published_inferred
    assert article.url == "https://lakeside-courier.example/news/2024/03/harbour-wall-repairs"
    assert article.extractor.startswith("trafilatura ") and "htmldate" in article.extractor
    assert article.text.startswith("The town council approved a plan on Tuesday to repair the eastern harbour wall")
    assert article.text.endswith("The two opponents said the cost should have been shared with the regional government.")
    assert article.text.count("\n\n") == 3  # four paragraphs kept apart
    for junk in PAGE_BOILERPLATE:
        assert junk not in article.text, junk


def test_web_page_date_comes_before_dates_in_the_text(tmp_path, ingest_data):
    html = (ingest_data / "page.html").read_text(encoding="utf-8")
    later = html.replace("in the January storms.", "in the storms of March 28, 2024.")
    path = tmp_path / "later.html"
    path.write_text(later, encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert article.published == dt.date(2024, 3, 5) and not article.published_inferred


def test_web_undated_page_infers_and_marks_date(tmp_path, ingest_data):
    html = (ingest_data / "page.html").read_text(encoding="utf-8")
    undated = html.replace('<meta property="article:published_time" content="2024-03-05T08:30:00+01:00">', "")
    undated = undated.replace("/news/2024/03/", "/news/").replace("&copy; 2024", "&copy;")
    undated = undated.replace("in the January storms.", "in the storms of January 14, 2024.")
    path = tmp_path / "undated.html"
    path.write_text(undated, encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert article.published == dt.date(2024, 1, 14) and article.published_inferred


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav></body></html>", "no article text found"),
        ("<html><body><header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"
         "</header><main><ul class='teasers'><li><a href='/a'>Storm closes harbour for two days</a></li>"
         "<li><a href='/b'>Council votes on the budget tonight</a></li></ul></main></body></html>",
         "no article text found"),  # a saved front page: headlines, no article
        ("<html><head><title>Empty</title></head><body></body></html>", "no article text found"),
    ],
)
def test_web_page_without_article_is_skipped(tmp_path, content, reason):
    path = tmp_path / "nav.html"
    path.write_text(content, encoding="utf-8")
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped) and reason in item.reason


def test_web_page_without_extra_names_the_extra(page, monkeypatch):
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # import fails as if not installed
    (item,) = list(read_articles([page]))
    assert isinstance(item, Skipped)
    assert item.reason == "reading .html files needs the 'formats' extra: pip install 'factcheck[formats]'"


FEED_ENTRIES = [
    # id, title, date, first sentence, last sentence, part of the entry read
    ("vg-2024-0311-bridge", "Bridge reopens after six months", dt.date(2024, 3, 11),
     "The Old Mill bridge reopened to traffic on Monday after six months of repairs.",
     "Buses will return to their usual route from Wednesday.", "entry content"),
    ("vg-2024-0312-school", "School board delays vote on new calendar", dt.date(2024, 3, 12),
     "The school board postponed its vote on a four-day week until April.",
     "The board chair said more surveys were needed.", "entry summary only"),
    ("vg-2024-0313-market", "Farmers market moves indoors for winter", dt.date(2024, 3, 13),
     "The Saturday farmers market will move into the old fire station until the end of March.",
     "Organisers said the heated hall could hold twice as many visitors as last year's tent.", "entry content"),
]


def test_web_feed_one_article_per_entry(tmp_path, ingest_data):
    path = shutil.copy(ingest_data / "feed.xml", tmp_path / "gazette.xml")
    articles = list(read_articles([path]))
    assert all(isinstance(a, Article) for a in articles) and len(articles) == 3
    for article, (entry_id, title, date, first, last, part) in zip(articles, FEED_ENTRIES):
        assert (article.id, article.title, article.published) == (entry_id, title, date)
        assert not article.published_inferred
        assert article.text.startswith(first) and article.text.endswith(last)
        assert article.source == "Valley Gazette - Latest news"
        assert article.url.startswith("https://valley-gazette.example/news/")
        assert article.extractor.startswith("feedparser ") and article.extractor.endswith(f"({part})")
        assert "<p>" not in article.text and "updated every hour" not in article.text
    assert articles[0].path == f"{path}#entry1"
    assert "The Old Mill bridge reopened on Monday." not in articles[0].text  # the summary, when content exists


def test_web_atom_feed(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Port strike ends</title><id>urn:wire:1</id><link href="https://wire.example/1"/>'
        '<updated>2024-04-02T10:00:00Z</updated><content type="text">Dock workers ended a five-day strike on Tuesday. '
        'Ships began unloading at noon.</content></entry></feed>', encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert (article.id, article.title, article.published) == ("urn:wire:1", "Port strike ends", dt.date(2024, 4, 2))
    assert article.text == "Dock workers ended a five-day strike on Tuesday. Ships began unloading at noon."


@pytest.mark.parametrize(
    "content",
    ['<?xml version="1.0"?><sitemap><url>https://x.example/</url></sitemap>',
     '<?xml version="1.0"?><rss version="2.0"><channel><title>Empty</title></channel></rss>',
     "not xml at all, just a line of text"],
)
def test_web_xml_without_entries_is_skipped(tmp_path, content):
    path = tmp_path / "other.xml"
    path.write_text(content, encoding="utf-8")
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped) and item.reason.startswith("not an RSS or Atom feed with entries")
    assert "\n" not in str(item)


def test_web_feed_entry_without_text_is_skipped_by_number(tmp_path):
    path = tmp_path / "cut.rss"
    path.write_text("<rss><channel><item><title>Cut off mid-download", encoding="utf-8")
    (item,) = list(read_articles([path]))
    assert item == Skipped(f"{path}#entry1", "article has no text")


@pytest.mark.parametrize("declared", [True, False])
def test_web_page_in_windows_1252(tmp_path, ingest_data, declared):
    html = (ingest_data / "page.html").read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', '<meta charset="windows-1252">' if declared else "")
    path = tmp_path / "legacy.html"
    path.write_bytes(html.encode("cp1252"))
    (article,) = list(read_articles([path]))
    assert "awarded to a builder from Vänersborg." in article.text
