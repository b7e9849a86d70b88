"""What every reader shares: one way to turn fields into an Article (or a Skipped), dates, text decoding.

Each format module only finds the text and the metadata; the rules for what counts as an
article (prose, a date, an inferred date marked as such) live here, so all formats agree.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from types import ModuleType
from typing import Any

import ftfy

from ..records import Article, Skipped, as_date
from .boilerplate import strip_boilerplate

MIN_LETTER_SHARE = 0.2  # below this share of letters a "text" is a table of numbers or noise, not prose
EXTRA = "formats"  # the pyproject extra holding the lxml-based readers (HTML, DOCX)

# Full dates with a year: the latest one mentioned bounds the publication date from below.
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec"
_FULL_DATE = re.compile(
    rf"\b(?:(?P<m1>(?:{_MONTHS})[a-z]*\.?)\s+(?P<d1>\d{{1,2}}),?\s+(?P<y1>(?:19|20)\d\d)"
    rf"|(?P<d2>\d{{1,2}})\s+(?P<m2>(?:{_MONTHS})[a-z]*\.?),?\s+(?P<y2>(?:19|20)\d\d)"
    rf"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b",
    re.I,
)
_MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_BLANK_LINES = re.compile(r"\n\s*\n")
_SPACES = re.compile(r"[ \t\u00a0]+")
# Mojibake only ("Â£14.5bn" for "£14.5bn", "â€™" for "’": UTF-8 read as Windows-1252 somewhere upstream). The
# text is otherwise left as written: curly quotes, widths, ligatures and HTML entities stay, so offsets and quoted
# words match what the outlet published.
_ENCODING_ONLY = ftfy.TextFixerConfig(unescape_html=False, remove_terminal_escapes=False, fix_latin_ligatures=False,
                                      fix_character_width=False, uncurl_quotes=False, fix_line_breaks=False,
                                      remove_control_chars=False, normalization=None, explain=False)


def make_article(*, where: str, article_id: str, text: str, title: Any = None, source: Any = None,
                 published: Any = None, path: str, url: Any = None, extractor: str | None = None,
                 ) -> Iterator[Article | Skipped]:
    """An Article from whatever a reader found, or a Skipped saying why not.

    Interface lines of a saved page ("Loading", a newsletter prompt) are dropped first
    (``boilerplate``). A date the file carries wins; only without one is the date inferred
    from the text (and marked ``published_inferred``).
    """
    text = strip_boilerplate(repair_encoding(text))
    if not text.strip():
        yield Skipped(where, "article has no text")
        return
    if sum(ch.isalpha() for ch in text) < MIN_LETTER_SHARE * len(text.strip()):
        yield Skipped(where, "does not look like prose (too few letters)")
        return
    pub = parse_date(published)
    inferred = False
    if pub is None:
        pub = infer_published(text)
        inferred = pub is not None
    title = repair_encoding(title) if isinstance(title, str) else title
    yield Article(id=article_id, text=text, title=_clean(title), source=_clean(source), published=pub,
                  published_inferred=inferred, path=path, url=_clean(url), extractor=extractor)


def repair_encoding(text: str) -> str:
    """Text with mojibake undone (ftfy): a feed that turned "£" into "Â£" would hide every amount in pounds from
    the number reader, and "â€™" splits names and quoted words."""
    return ftfy.fix_text(text, _ENCODING_ONLY) if text else text


def _clean(value: Any) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def parse_date(value: Any) -> dt.date | None:
    """ISO dates directly; other written dates ("June 19, 2023") through dateparser."""
    found = as_date(value)
    if found is not None or not isinstance(value, str) or not value.strip():
        return found
    import dateparser

    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"]})
    return parsed.date() if parsed else None


def infer_published(text: str) -> dt.date | None:
    """The latest fully written date (day, month, year) in the text, else None.

    An article cannot mention a dated event after its own publication (leaving aside
    scheduled ones), so the latest full date is the best lower bound the text offers.
    Callers mark the result as inferred and trust it less.

    >>> infer_published("Talks began on March 3, 2021 and ended on 9 April 2021.")
    datetime.date(2021, 4, 9)
    """
    latest: dt.date | None = None
    for match in _FULL_DATE.finditer(text):
        try:
            if match.group("iso"):
                found = dt.date.fromisoformat(match.group("iso"))
            else:
                month_name = (match.group("m1") or match.group("m2")).rstrip(".").lower()[:3]
                month = _MONTH_NAMES.index(month_name) + 1
                day = int(match.group("d1") or match.group("d2"))
                year = int(match.group("y1") or match.group("y2"))
                found = dt.date(year, month, day)
        except ValueError:
            continue
        if latest is None or found > latest:
            latest = found
    return latest


def decode_text(raw: bytes, where: str) -> str | Skipped:
    """UTF-8 text from bytes, or a Skipped naming the first bad byte (the editor re-saves the file)."""
    if b"\x00" in raw[:8192]:
        return Skipped(where, "binary file (contains NUL bytes), not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start]
        return Skipped(where, f"not UTF-8 (byte 0x{bad:02x} at offset {exc.start}); re-save the file as UTF-8")


def join_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs with inner whitespace collapsed, separated by a blank line (the corpus convention)."""
    cleaned = (_SPACES.sub(" ", p).strip() for p in paragraphs)
    return "\n\n".join(p for p in cleaned if p)


def split_paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks of a text."""
    return [block for block in _BLANK_LINES.split(text) if block.strip()]


def describe(exc: BaseException) -> str:
    """'PdfStreamError: Stream has ended unexpectedly': an exception as one line for a Skipped reason."""
    lines = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__


def require(module: str, where: str, suffix: str) -> ModuleType | Skipped:
    """Import a reader's library, or a one-line Skipped naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        return Skipped(where, f"reading {suffix} files needs the '{EXTRA}' extra: pip install 'factcheck[{EXTRA}]'")


@contextmanager
def quiet_logs(*names: str) -> Iterator[None]:
    """Silence a library's own log lines while it reads one file: its problems become our one Skipped line."""
    loggers = [logging.getLogger(name) for name in names]
    levels = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        for lg, level in zip(loggers, levels):
            lg.setLevel(level)


@lru_cache(maxsize=None)
def version_of(package: str) -> str:
    """'trafilatura 2.3.1': the extractor named in the report, with the version that produced the text."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{package} {version(package)}"
    except PackageNotFoundError:
        return package
