"""Saved web pages and feeds -> Articles.

HTML: trafilatura finds the article text, title and site and leaves out menus, related links
and comments; htmldate reads the date the page carries (meta tags, ``<time>``, JSON-LD, URL)
without guessing from the text, so only a page with no date of its own gets an inferred one.
Feeds: feedparser, one article per entry; the full content where the feed has it, else the
summary, and the article's ``extractor`` says which.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from ..records import Article, Skipped
from ._common import describe, join_paragraphs, make_article, quiet_logs, require, version_of

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
# The page's own date only: extensive_search would scan the body text, which is inference.
HTMLDATE_PARAMS = {"extensive_search": False, "original_date": True}
# Pruned before extraction. The page's headline becomes the title (left in, trafilatura makes it
# the text's first paragraph); ad slots named "advert…"/"sponsor…" or plain "ad" slip past
# trafilatura's own ad patterns ("ad-…", "… ad …").
PRUNE_XPATHS = [
    "(//h1)[1]",
    "//*[contains(@class, 'advert') or contains(@id, 'advert') or contains(@class, 'sponsor')"
    " or @class = 'ad' or starts-with(@class, 'ad ') or contains(@aria-label, 'dvertisement')]",
]
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?:\s|$)")
_LIBRARY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "feedparser")


def read_html(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    where = str(path)
    trafilatura = require("trafilatura", where, path.suffix.lower())
    htmldate = require("htmldate", where, path.suffix.lower())
    for missing in (trafilatura, htmldate):
        if isinstance(missing, Skipped):
            yield missing
            return
    with quiet_logs(*_LIBRARY_LOGGERS):
        try:
            # favor_precision: a page with no article (a front page of headlines) gives no text, not its link list.
            doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_tables=False,
                                              include_images=False, deduplicate=False, favor_precision=True,
                                              prune_xpath=PRUNE_XPATHS, date_extraction_params=dict(HTMLDATE_PARAMS))
            date = htmldate.find_date(raw, **HTMLDATE_PARAMS)
        except (ValueError, TypeError, AttributeError, LookupError) as exc:
            yield Skipped(where, f"unreadable HTML ({describe(exc)})")
            return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not _SENTENCE_END.search(text):  # link lists of an index page have no sentence
        yield Skipped(where, "no article text found in the page (only navigation and boilerplate)")
        return
    yield from make_article(
        where=where,
        article_id=path.name.split(".")[0],
        text=join_paragraphs(text.split("\n")),
        title=doc.title,
        source=doc.sitename or doc.hostname or doc.author,
        published=date,
        path=where,
        url=doc.url,
        extractor=f"{version_of('trafilatura')}, {version_of('htmldate')}",
    )


def read_feed(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    import feedparser

    where = str(path)
    with quiet_logs(*_LIBRARY_LOGGERS):
        parsed = feedparser.parse(io.BytesIO(raw))  # a stream, never a string: feedparser fetches URL-like strings
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({str(problem).splitlines()[0]})" if parsed.get("bozo") and problem else ""
        yield Skipped(where, f"not an RSS or Atom feed with entries{why}")
        return
    feed_title = parsed.feed.get("title")
    stem = path.name.split(".")[0]
    library = version_of("feedparser")
    for number, entry in enumerate(parsed.entries, start=1):
        text, part = _entry_text(entry)
        yield from make_article(
            where=f"{where}#entry{number}",
            article_id=str(entry.get("id") or entry.get("link") or f"{stem}:{number}"),
            text=text,
            title=entry.get("title"),
            source=feed_title,
            published=_struct_date(entry.get("published_parsed") or entry.get("updated_parsed")),
            path=f"{where}#entry{number}",
            url=entry.get("link"),
            extractor=f"{library} ({part})",
        )


def _entry_text(entry: Any) -> tuple[str, str]:
    """(text, which part): the entry's full content where the feed carries it, else its summary."""
    for content in entry.get("content") or ():
        value = content.get("value") or ""
        if value.strip():
            return _as_text(value, content.get("type", "")), "entry content"
    detail = entry.get("summary_detail") or {}
    return _as_text(entry.get("summary") or "", detail.get("type", "text/html")), "entry summary only"


def _as_text(value: str, mime: str) -> str:
    if "html" not in mime:
        return join_paragraphs(value.split("\n\n"))
    collector = _BlockText()
    collector.feed(value)
    collector.close()
    return join_paragraphs(collector.blocks())


def _struct_date(value: Any) -> dt.date | None:
    try:
        return dt.date(*value[:3]) if value else None
    except (TypeError, ValueError):
        return None


class _BlockText(HTMLParser):
    """Text of an HTML fragment (feed content is already sanitised by feedparser), one item per block."""

    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article"}
    HIDDEN = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = [""]
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        elif tag in self.BLOCKS:
            self._parts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self.BLOCKS:
            self._parts.append("")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._parts[-1] += data

    def blocks(self) -> list[str]:
        return [part for part in self._parts if part.strip()]
