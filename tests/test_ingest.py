"""ingest: every kind of bad input becomes a Skipped with a reason naming the problem."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.ingest import SUFFIXES, infer_published, read_articles
from factcheck.records import Article, Skipped

GOOD = "The council approved the new budget on Tuesday. Members voted seven to two."


def _split(items):
    arts = [x for x in items if isinstance(x, Article)]
    skips = [x for x in items if isinstance(x, Skipped)]
    return arts, skips


def test_ingest_reads_txt_md_jsonl(make_corpus):
    root = make_corpus({
        "one.txt": GOOD,
        "two.md": "---\ntitle: Budget passes\nsource: City Paper\ndate: 2024-03-05\n---\nThe budget passed after a long debate.\n",
        "more.jsonl": [{"id": "j1", "title": "T", "text": "A storm closed the harbour for two days.", "published": "2024-03-04", "source": "Wire"}],
    })
    arts, skips = _split(list(read_articles([root])))
    assert not skips
    by_id = {a.id: a for a in arts}
    assert set(by_id) == {"one", "two", "j1"}
    assert by_id["two"].title == "Budget passes" and by_id["two"].source == "City Paper"
    assert by_id["two"].published == dt.date(2024, 3, 5) and not by_id["two"].published_inferred
    assert by_id["two"].text.startswith("The budget passed")
    assert by_id["j1"].published == dt.date(2024, 3, 4)


def test_ingest_date_header_line_is_metadata(make_corpus):
    root = make_corpus({"a.txt": " date 2024-02-01 The mayor resigned on Monday.\n\nMore text follows here."})
    (article,) = list(read_articles([root]))
    assert article.published == dt.date(2024, 2, 1)
    assert article.text.startswith("The mayor resigned")


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty file"),
        ("blank.txt", "   \n\n ", "empty file"),
        ("binary.txt", b"\x00\x01\x02PNG\x00data", "binary file"),
        ("latin1.txt", "Caf\xe9 au lait was served.".encode("latin-1"), "not UTF-8 (byte 0xe9 at offset 3)"),
        ("digits.txt", "1234 5678 9012 3456 7890 1234 5678", "does not look like prose"),
        ("bad.md", "---\ntitle: [unclosed\n---\nBody text here.", "malformed front-matter"),
        ("notes.pdf", "A real sentence in the wrong file type.", "not a readable PDF"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "unsupported file type '.jpg' (readable: "),
        ("archive.zip", b"PK\x05\x06" + bytes(18), "unsupported file type '.zip' (unpack the archive first)"),
        ("README", "A file without a suffix.", "unsupported file type without a suffix"),
    ],
)
def test_ingest_bad_file_is_skipped_with_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped)
    assert item.path == str(path)
    assert reason in item.reason
    assert str(item).startswith(f"skipped {path}: ")


def test_ingest_every_unusable_file_in_a_folder_is_skipped_once(make_corpus, write_pdf):
    root = make_corpus({"good.txt": GOOD, "photo.png": b"\x89PNG\r\n\x1a\n" + bytes(40),
                        "bundle.zip": b"PK\x05\x06" + bytes(18), "old.doc": b"\xd0\xcf\x11\xe0" + bytes(40),
                        "sub/empty.md": "", ".hidden.txt": "Hidden files are not articles.",
                        ".git/config": "[core]"})
    write_pdf(root / "scan.pdf", [[]], scanned=True)
    arts, skips = _split(list(read_articles([root])))
    assert [a.id for a in arts] == ["good"]
    assert sorted(s.path.rsplit("/", 1)[1] for s in skips) == ["bundle.zip", "empty.md", "old.doc", "photo.png",
                                                                "scan.pdf"]
    assert all("\n" not in str(s) for s in skips)


def test_ingest_empty_folder_is_skipped(tmp_path):
    (tmp_path / "inbox").mkdir()
    assert list(read_articles([tmp_path / "inbox"])) == [Skipped(str(tmp_path / "inbox"), "no files in this folder")]


def test_ingest_missing_path_is_skipped(tmp_path):
    (item,) = list(read_articles([tmp_path / "nope"]))
    assert isinstance(item, Skipped) and item.reason == "no such file or directory"


def test_ingest_jsonl_bad_lines_skip_only_those_lines(make_corpus):
    root = make_corpus({"x.jsonl": ""})
    (root / "x.jsonl").write_text(
        '{"id": "ok", "text": "The river flooded the valley on Friday."}\n'
        "{not json\n"
        '["a list"]\n'
        '{"id": "notext", "title": "No body"}\n',
        encoding="utf-8",
    )
    arts, skips = _split(list(read_articles([root])))
    assert [a.id for a in arts] == ["ok"]
    assert [s.path.rsplit(":", 1)[1] for s in skips] == ["2", "3", "4"]
    assert "malformed JSON line" in skips[0].reason
    assert "no 'text' field" in skips[2].reason


@pytest.mark.parametrize("content", [b"\x1c", b"   \x0b\n\x0c", "\u2028".encode()])
def test_ingest_jsonl_without_lines_is_skipped(tmp_path, content):
    path = tmp_path / "odd.jsonl"
    path.write_bytes(content)
    (item,) = list(read_articles([path]))
    assert isinstance(item, Skipped)


def test_ingest_jsonl_text_may_contain_unicode_line_separators(tmp_path):
    path = tmp_path / "sep.jsonl"
    path.write_text('{"id": "u", "text": "First part\u2028second part of the same article."}\n', encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert article.id == "u" and "\u2028" in article.text


def test_ingest_jsonl_gz(tmp_path):
    path = tmp_path / "wire.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"id": "g1", "text": "Shares rose two percent in early trading."}\n'))
    (article,) = list(read_articles([path]))
    assert article.id == "g1"


def test_ingest_duplicates_are_skipped(make_corpus):
    root = make_corpus({"a.txt": GOOD, "b.txt": GOOD, "sub/a.txt": "A different article with the same id entirely."})
    arts, skips = _split(list(read_articles([root])))
    assert [a.id for a in arts] == ["a"]
    reasons = sorted(s.reason for s in skips)
    assert reasons[0].startswith("duplicate article id 'a'")
    assert reasons[1].startswith("duplicate article: same text as")


def test_ingest_published_override_wins(make_corpus):
    root = make_corpus({"a.txt": "---\ndate: 2020-01-01\n---\n" + GOOD})
    (article,) = list(read_articles([root], published={"a": "2021-06-30"}))
    assert article.published == dt.date(2021, 6, 30) and not article.published_inferred


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks began on March 3, 2021 and ended on 9 April 2021.", dt.date(2021, 4, 9)),
        ("Filed 2019-12-31, amended Jan. 2, 2020.", dt.date(2020, 1, 2)),
        ("No dates at all, only Tuesday and last month.", None),
        ("Impossible February 30, 2021 is ignored.", None),
    ],
)
def test_ingest_infer_published(text, expected):
    assert infer_published(text) == expected


def test_ingest_inferred_date_is_marked(make_corpus):
    root = make_corpus({"a.txt": "The plant opened on May 4, 2022, officials said. It employs 300 people."})
    (article,) = list(read_articles([root]))
    assert article.published == dt.date(2022, 5, 4) and article.published_inferred


@pytest.mark.parametrize("suffix", SUFFIXES)
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_ingest_random_bytes_never_raise(tmp_path, suffix, data):
    path = tmp_path / f"random{suffix}"
    path.write_bytes(data)
    for item in read_articles([path]):
        assert isinstance(item, (Article, Skipped))


def test_ingest_reader_surprise_costs_only_that_file(make_corpus, monkeypatch):
    import factcheck.ingest.plain as plain

    root = make_corpus({"a.md": GOOD, "b.txt": "Another article about the harbour opening next week."})
    monkeypatch.setattr(plain.yaml, "safe_load", lambda _: (_ for _ in ()).throw(RecursionError("too deep")))
    (root / "a.md").write_text("---\ntitle: x\n---\n" + GOOD, encoding="utf-8")
    arts, skips = _split(list(read_articles([root])))
    assert [a.id for a in arts] == ["b"]
    assert skips == [Skipped(str(root / "a.md"), "could not be read (RecursionError: too deep)")]
