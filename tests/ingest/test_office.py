"""ingest.office: Word drafts (python-docx) and PDF press releases (pypdf)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest

from factcheck.ingest import read_articles
from factcheck.records import Article, Skipped

DRAFT = [
    "Lakeside Hospital will open a new maternity ward on June 3, the health board said on Monday.",
    "The ward has 24 beds and cost 18 million euros. It replaces the unit that closed in 2021 after a fire.",
    "Chief nurse Eva Strand said 30 midwives had been hired. Recruitment for night shifts continues.",
]


def test_office_docx_title_date_paragraphs(tmp_path, write_docx):
    path = write_docx(tmp_path / "maternity-ward.docx", title="New maternity ward opens in June", paragraphs=DRAFT,
                      created=dt.datetime(2024, 5, 13, 9, 30), header="EMBARGOED DRAFT - do not publish",
                      footer="Lakeside Health Board press office", table=[["Contact", "press@lakeside.example"]])
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.id == "maternity-ward"
    assert article.title == "New maternity ward opens in June"
    assert article.published == dt.date(2024, 5, 13) and not article.published_inferred
    assert article.text.startswith("Lakeside Hospital will open a new maternity ward on June 3, the health board said")
    assert article.text.endswith("Recruitment for night shifts continues.")
    assert article.text.split("\n\n") == DRAFT  # paragraphs kept, title not repeated in the text
    for junk in ("EMBARGOED", "press office", "press@lakeside.example", "New maternity ward opens in June"):
        assert junk not in article.text
    assert article.extractor.startswith("python-docx ")


def test_office_docx_title_from_core_properties(tmp_path, write_docx):
    import docx

    path = write_docx(tmp_path / "plain.docx", title=None, paragraphs=DRAFT)
    document = docx.Document(path)
    document.core_properties.title = "Maternity ward"
    document.save(path)
    (article,) = list(read_articles([path]))
    assert article.title == "Maternity ward" and article.text.startswith("Lakeside Hospital")


def test_office_docx_without_extra_names_the_extra(tmp_path, write_docx, monkeypatch):
    path = write_docx(tmp_path / "d.docx", title=None, paragraphs=DRAFT)
    monkeypatch.setitem(sys.modules, "docx", None)
    (item,) = list(read_articles([path]))
    assert item == Skipped(str(path), "reading .docx files needs the 'formats' extra: pip install 'factcheck[formats]'")


PRESS_RELEASE = [
    ["City of Springfield - Press Office", "",
     "FOR IMMEDIATE RELEASE", "",
     "The city will replace 1,200 lead water pipes by the end of 2025, Mayor Dana", "Whitfield announced on Thursday.",
     "", "The programme costs 46 million dollars, of which the state pays half. Work starts in the",
     "north-east districts, where the oldest pipes lie.", "",
     "Page 1 of 2"],
    ["City of Springfield - Press Office", "",
     "Residents will get two weeks' notice before crews arrive. Water will be shut off for no more than six",
     "hours per house, the utility said. A hotline opens on Monday for ques-", "tions from residents.", "",
     "Page 2 of 2"],
]


def test_office_pdf_text_title_date_without_running_heads(tmp_path, write_pdf):
    path = write_pdf(tmp_path / "lead-pipes.pdf", PRESS_RELEASE, title="Springfield to replace lead pipes",
                     created="D:20240411093000Z")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.title == "Springfield to replace lead pipes"
    assert article.published == dt.date(2024, 4, 11) and not article.published_inferred
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "FOR IMMEDIATE RELEASE"
    assert paragraphs[1] == ("The city will replace 1,200 lead water pipes by the end of 2025, Mayor Dana Whitfield "
                             "announced on Thursday.")  # a sentence broken over two lines is one again
    assert article.text.endswith("A hotline opens on Monday for questions from residents.")  # hyphen break undone
    assert len(paragraphs) == 4
    for junk in ("Press Office", "Page 1", "Page 2"):
        assert junk not in article.text
    assert article.extractor.startswith("pypdf ")


def test_office_scanned_pdf_is_skipped_with_one_line(tmp_path, write_pdf):
    path = write_pdf(tmp_path / "scan.pdf", [[], []], title="Scanned letter", created="D:20240411093000Z",
                     scanned=True)
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped)
    assert item.reason.startswith("no text layer (2 pages, a scan?)")
    assert "\n" not in str(item)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("fake.pdf", b"%PDF-1.7\n this is not really a pdf", "not a readable PDF"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "not a readable Word .docx file"),
        ("text.docx", b"Just some text saved with the wrong suffix.", "not a readable Word .docx file"),
        ("old.doc", b"\xd0\xcf\x11\xe0 old Word binary", "unsupported file type '.doc' (save it as .docx)"),
    ],
)
def test_office_broken_files_are_skipped(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped) and item.reason.startswith(reason), item.reason
