"""Word drafts and PDF press releases -> Articles, with paragraphs kept.

DOCX (python-docx): body paragraphs only (headers, footers and tables are layout, not
article text); a first paragraph styled Title or Heading 1 is the title, else the core
``title`` property. PDF (pypdf): layout-mode text, whose blank lines mark paragraph gaps;
lines inside a paragraph are re-joined (hyphen breaks undone). A PDF without a text layer
(a scan) is skipped with a reason, never read as an empty article. The date is the one the
file carries (core ``created`` / ``/CreationDate``); without one it is inferred from the text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..records import Article, Skipped
from ._common import describe, join_paragraphs, make_article, quiet_logs, require, split_paragraphs, version_of

DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
TITLE_STYLES = ("Title", "Heading 1")
MAX_TITLE_CHARS = 200  # a longer "Title"-styled paragraph is body text someone styled big
RUNNING_LINES = 2  # blocks at each end of a PDF page checked for running headers and footers
_DIGITS = re.compile(r"\d+")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-\n(?=[a-z])")


def read_docx(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    where = str(path)
    docx = require("docx", where, ".docx")
    if isinstance(docx, Skipped):
        yield docx
        return
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - python-docx raises zipfile's, lxml's and its own errors
        yield Skipped(where, f"not a readable Word .docx file ({describe(exc)}); re-save it from Word as .docx")
        return
    paragraphs = [(p.style.name if p.style is not None else "", p.text) for p in document.paragraphs if p.text.strip()]
    props = document.core_properties
    title = props.title or None
    if paragraphs and paragraphs[0][0] in TITLE_STYLES and len(paragraphs[0][1]) <= MAX_TITLE_CHARS:
        title = paragraphs.pop(0)[1]
    yield from make_article(
        where=where,
        article_id=path.name.split(".")[0],
        text=join_paragraphs([text for _, text in paragraphs]),
        title=title,
        source=None,
        published=props.created,
        path=where,
        extractor=version_of("python-docx"),
    )


def read_pdf(path: Path, raw: bytes) -> Iterator[Article | Skipped]:
    import pypdf
    from pypdf.errors import PyPdfError

    where = str(path)
    with quiet_logs("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(raw))
            if reader.is_encrypted and not reader.decrypt(""):
                yield Skipped(where, "encrypted PDF (needs a password); save an unprotected copy")
                return
            pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
            meta = reader.metadata
            title = meta.title if meta else None
            created = meta.creation_date if meta else None
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
            yield Skipped(where, f"not a readable PDF ({describe(exc)})")
            return
    if not any(page.strip() for page in pages):
        yield Skipped(where, f"no text layer ({len(pages)} page{'s' if len(pages) != 1 else ''}, a scan?); "
                             f"run OCR on it first")
        return
    paragraphs = [_reflow(block) for block in _body_blocks(pages)]
    yield from make_article(
        where=where,
        article_id=path.name.split(".")[0],
        text=join_paragraphs(paragraphs),
        title=title,
        source=None,
        published=created,
        path=where,
        extractor=f"{version_of('pypdf')} (layout)",
    )


def _body_blocks(pages: list[str]) -> list[str]:
    """Paragraph blocks of all pages without running headers and footers.

    A block at the top or bottom of a page that recurs (digits aside: "Page 2 of 3") on at least
    half the pages of a multi-page file is page furniture; blocks without a letter are page numbers.
    """
    per_page = [split_paragraphs(page) for page in pages]

    def key(block: str) -> str:
        return _DIGITS.sub("#", " ".join(block.split()))

    edge_counts: dict[str, int] = {}
    for blocks in per_page:
        for edge in {key(b) for b in blocks[:RUNNING_LINES] + blocks[-RUNNING_LINES:]}:
            edge_counts[edge] = edge_counts.get(edge, 0) + 1
    threshold = max(2, (len(pages) + 1) // 2)
    running = {edge for edge, count in edge_counts.items() if count >= threshold}
    body = []
    for blocks in per_page:
        at_edge = [i < RUNNING_LINES or i >= len(blocks) - RUNNING_LINES for i in range(len(blocks))]
        body += [b for b, edge in zip(blocks, at_edge)
                 if any(c.isalpha() for c in b) and not (edge and key(b) in running)]
    return body


def _reflow(block: str) -> str:
    """One paragraph from the lines a PDF broke it into: hyphen breaks undone, lines joined by a space."""
    lines = "\n".join(line.strip() for line in block.splitlines() if line.strip())
    return _HYPHEN_BREAK.sub("", lines).replace("\n", " ")
