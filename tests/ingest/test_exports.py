"""ingest.exports: CMS exports (CSV, JSON Lines, JSON) with their own field names, through a field map."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from factcheck.errors import InputError
from factcheck.ingest import parse_fields, read_articles
from factcheck.records import Article, Skipped

CMS_FIELDS = "id=guid,title=headline,text=body,published=pub_date,source=outlet,url=permalink"


@pytest.fixture
def export(tmp_path, ingest_data):
    return shutil.copy(ingest_data / "cms_export.csv", tmp_path / "cms_export.csv")


def test_exports_csv_with_field_map(export):
    first, second = list(read_articles([export], fields=parse_fields(CMS_FIELDS)))
    assert (first.id, first.title, first.published) == ("cms-1001", "Library extends opening hours", dt.date(2024, 3, 20))
    assert first.source == "Northside Herald" and first.url == "https://northside.example/library-hours"
    assert first.text.startswith("The central library will stay open until 9 p.m. on weekdays from April 2.")
    assert first.text.endswith("Librarians said evening visits had doubled since 2022.")
    assert first.text.count("\n\n") == 1  # the body's paragraphs survive the CSV quoting
    assert (second.id, second.title) == ("cms-1002", "Snow closes mountain pass")
    assert second.published == dt.date(2024, 3, 21) and not second.published_inferred  # written 21/03/2024
    assert second.text.startswith("Heavy snow closed the Ridge Pass on Thursday night.")
    assert second.text.endswith("The pass had been closed for 14 hours.")
    for article in (first, second):
        assert "New evening hours" not in article.text and "Drivers told" not in article.text  # teaser column
        assert "library;council" not in article.text and "weather;roads" not in article.text  # tags column
    assert first.path == f"{export}:2" and second.path == f"{export}:5"  # the line each row starts on


def test_exports_csv_without_map_is_one_skip_naming_the_columns(export):
    (item,) = list(read_articles([export]))
    assert item == Skipped(str(export), "no 'text' column (columns: guid, headline, teaser, body, pub_date, outlet, "
                                        "permalink, tags); name the text column with --fields text=COLUMN")


def test_exports_field_map_from_yaml_file(tmp_path, export):
    mapping = tmp_path / "fields.yaml"
    mapping.write_text("id: guid\ntext: body\ntitle: headline\npublished: pub_date\n", encoding="utf-8")
    assert parse_fields(str(mapping)) == {"id": "guid", "text": "body", "title": "headline", "published": "pub_date"}
    ids = [a.id for a in read_articles([export], fields=parse_fields(str(mapping)))]
    assert ids == ["cms-1001", "cms-1002"]


def test_exports_jsonl_and_json_with_nested_fields(tmp_path):
    rows = [{"uuid": "n1", "headline": {"main": "Bakery wins award"}, "body": {"text": "The bakery on Elm Street won "
             "the regional bread prize on Sunday. It beat 40 entries."}, "dates": {"first": "2024-02-11"}}]
    fields = parse_fields("id=uuid,title=headline.main,text=body.text,published=dates.first")
    (tmp_path / "a.jsonl").write_text(json.dumps(rows[0]) + "\n", encoding="utf-8")
    rows[0]["uuid"] = "n2"
    rows[0]["body"]["text"] += " Judges praised its rye."
    (tmp_path / "b.json").write_text(json.dumps(rows), encoding="utf-8")
    first, second = list(read_articles([tmp_path], fields=fields))
    assert (first.id, first.title, first.published) == ("n1", "Bakery wins award", dt.date(2024, 2, 11))
    assert second.id == "n2" and second.path == f"{tmp_path / 'b.json'}[0]"
    assert second.text.endswith("Judges praised its rye.")


def test_exports_missing_mapped_field_names_it(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "text": "Plain text field, not the mapped one."}\n', encoding="utf-8")
    (item,) = list(read_articles([path], fields={"text": "body"}))
    assert isinstance(item, Skipped) and item.reason.startswith("no 'body' field")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("text", "--fields 'text': expected FIELD=COLUMN"),
        ("text=body,=x", "--fields '=x': expected FIELD=COLUMN"),
        ("body=text", "--fields: unknown field 'body' (fields: id, text, title, published, source, url)"),
        ("missing.yaml", "--fields missing.yaml: no such file"),
    ],
)
def test_exports_bad_field_map(spec, message):
    with pytest.raises(InputError) as info:
        parse_fields(spec)
    assert str(info.value).startswith(message)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("list.json", '{"articles": "not a list"}', "not a JSON array of article objects"),
        ("bad.json", '[{"id": 1,', "malformed JSON"),
        ("semi.csv", "id;text\n", None),  # header only: nothing, and no error
    ],
)
def test_exports_bad_files(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = list(read_articles([path]))
    if reason is None:
        assert items == []
    else:
        (item,) = items
        assert isinstance(item, Skipped) and item.reason.startswith(reason)


def test_exports_semicolon_csv(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text('id;text;published\ns1;"Rain flooded the square on Monday; shops closed early.";2024-05-06\n',
                    encoding="utf-8")
    (article,) = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.id == "s1" and article.text.startswith("Rain flooded") and article.published == dt.date(2024, 5, 6)
