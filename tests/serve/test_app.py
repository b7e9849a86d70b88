"""The review app in-process: pages, decisions, CSRF, untrusted text, filters, grouping, two reviewers."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import pytest
from conftest import ARTICLES, EVIL_SENTENCE, EVIL_TITLE, FOUND, discrepancy, fill, sentence
from starlette.testclient import TestClient

from factcheck.records import Article, Discrepancy, Kind
from factcheck.serve import create_app
from factcheck.store import Store

DATE_ID, NUMBER_ID = FOUND[0].id, FOUND[1].id


@pytest.fixture
def client(review_db):
    with TestClient(create_app(review_db, reviewer="ann"), base_url="http://127.0.0.1") as c:
        yield c


def csrf(page: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def decide(client, did: str, decision: str, note: str = "", **headers):
    page = client.get(f"/flags/{did}").text
    seen = re.search(r'name="seen" value="(\d+)"', page).group(1)
    return client.post(f"/flags/{did}", data={"csrf": csrf(page), "decision": decision, "note": note, "seen": seen},
                       headers=headers, follow_redirects=False)


def test_list_shows_every_flag_most_confident_first(client):
    page = client.get("/")
    assert page.status_code == 200
    ids = re.findall(r'id="row-([0-9a-f]{12})"', page.text)
    assert ids == [DATE_ID, NUMBER_ID]
    assert "counts differ: 300 vs 450" in page.text


def test_flag_page_shows_both_sentences_articles_dates_kind_confidence(client):
    page = client.get(f"/flags/{DATE_ID}").text
    assert "Talks end" in page and "Wire &amp; Co" in page
    assert "published 2023-02-08 (inferred)" in page  # the inferred marker, as in report.md
    assert "published unknown" in page
    assert 'class="badge k-date"' in page and "confidence 0.90" in page
    assert '<mark class="span">February 6</mark>' in page  # the conflicting span, highlighted
    assert "dates differ" in page


def test_untrusted_article_text_renders_as_text(client):
    page = client.get(f"/flags/{DATE_ID}").text
    assert "<script>window.pwned" not in page and "<img" not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;Summit" in page  # the title, as text
    assert "&lt;img src=x onerror=" in page  # the attribute injection, as text
    assert 'onerror="window' not in page
    listing = client.get("/").text
    assert "<script>window" not in listing
    # Every script the pages load is the shipped one, and the CSP allows no other.
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/keys.js" defer>']
    assert "script-src 'self'" in client.get("/").headers["content-security-policy"]


def test_dismiss_with_note_commits_before_the_page_says_so(client, review_db):
    answer = decide(client, DATE_ID, "dismissed", "same day, different time zones")
    assert answer.status_code == 303 and answer.headers["location"].endswith("saved=dismissed")
    with Store.open(review_db) as store:  # committed: another connection sees it already
        row = store.list_discrepancies().set_index("id").loc[DATE_ID]
        assert (row["status"], row["note"], row["reviewer"]) == ("dismissed", "same day, different time zones", "ann")
    page = client.get(answer.headers["location"]).text
    assert "Saved: dismissed" in page and 'id="status">dismissed<' in page
    assert re.search(r"<td>ann</td><td>dismissed</td><td>same day, different time zones</td>", page)


def test_dismiss_without_note_is_refused_on_the_page(client, review_db):
    answer = decide(client, DATE_ID, "dismissed", "   ")
    assert answer.status_code == 400
    assert "needs a note saying why" in answer.text
    with Store.open(review_db) as store:
        assert store.list_discrepancies().set_index("id").loc[DATE_ID, "status"] == "new"


def test_confirm_then_reopen_keeps_the_history(client, review_db):
    assert decide(client, NUMBER_ID, "confirmed", "two counts, one event").status_code == 303
    assert decide(client, NUMBER_ID, "open", "asked the desk again").status_code == 303
    with Store.open(review_db) as store:
        assert [(h["decision"], h["reviewer"], h["note"]) for h in store.history(NUMBER_ID)] == [
            ("confirmed", "ann", "two counts, one event"), ("open", "ann", "asked the desk again")]
        assert store.list_discrepancies().set_index("id").loc[NUMBER_ID, "status"] == "new"
    page = client.get(f"/flags/{NUMBER_ID}").text
    assert page.count("<tr><td>") == 2


def test_state_changes_need_post_and_the_csrf_token(client, review_db):
    assert client.get(f"/flags/{DATE_ID}?decision=dismissed&note=x").status_code == 200
    bad = client.post(f"/flags/{DATE_ID}", data={"csrf": "forged", "decision": "confirmed"})
    assert bad.status_code == 403
    missing = client.post(f"/flags/{DATE_ID}", data={"decision": "confirmed"})
    assert missing.status_code == 403
    cross_site = decide(client, DATE_ID, "confirmed", origin="http://evil.example")
    assert cross_site.status_code == 403
    with Store.open(review_db) as store:
        assert store.list_discrepancies().set_index("id").loc[DATE_ID, "status"] == "new"
        assert store.history(DATE_ID) == []


def test_unknown_host_header_is_refused(client):
    # DNS rebinding: a page on another name that resolves to 127.0.0.1 must not reach the app.
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400


def test_filters_by_kind_status_and_confidence(client):
    def shown(query: str) -> list[str]:
        return re.findall(r'id="row-([0-9a-f]{12})"', client.get("/?" + query).text)

    assert shown("kind=number") == [NUMBER_ID]
    assert shown("min_confidence=0.8") == [DATE_ID]
    assert shown("status=confirmed") == []
    decide(client, NUMBER_ID, "confirmed")
    assert shown("status=confirmed") == [NUMBER_ID]
    assert shown("kind=nonsense") == [DATE_ID, NUMBER_ID]  # an unknown filter value is ignored


def test_next_and_previous_follow_the_filtered_list(client):
    page = client.get(f"/flags/{DATE_ID}").text
    assert f'id="next" href="/flags/{NUMBER_ID}"' in page and 'id="prev"' not in page
    page = client.get(f"/flags/{NUMBER_ID}?kind=number").text
    assert 'id="next"' not in page and 'id="prev"' not in page


@dataclass(frozen=True, slots=True)
class StoryDiscrepancy(Discrepancy):
    """A record that carries its story itself (stories otherwise come from the store's story tables)."""

    story: str | None = None


def test_list_groups_by_story_and_claim_when_records_carry_them(tmp_path):
    db = tmp_path / "fc.sqlite"
    e, f = sentence("wire", "The visit lasted two days."), sentence("daily", "The visit lasted three days.")
    grouped = [StoryDiscrepancy(**{k: getattr(d, k) for k in Discrepancy.__dataclass_fields__ if k != "claim"},
                                story=story, claim=claim)
               for d, story, claim in ((FOUND[0], "Berlin summit", "summit date"),
                                       (FOUND[1], "Berlin summit", "attendance"),
                                       (discrepancy(e, f, Kind.DURATION, 0.6), "State visit", "length"))]
    with Store.open(db) as store:
        fill(store, grouped, ARTICLES)
    with TestClient(create_app(db), base_url="http://127.0.0.1") as c:
        page = c.get("/").text
        assert page.index("Story: Berlin summit") < page.index("Claim group: summit date") < page.index(
            "Claim group: attendance") < page.index("Story: State visit")
        assert re.findall(r'id="row-([0-9a-f]{12})"', c.get("/?story=State+visit").text) == [grouped[2].id]
        assert "story: Berlin summit" in c.get(f"/flags/{DATE_ID}").text


def test_flat_list_without_stories(client):
    page = client.get("/").text
    assert "Story:" not in page and "Claim group:" not in page and 'name="story"' not in page


def test_two_reviewers_at_once_lose_no_decision(review_db):
    """Two apps (two connections, as two servers would have) deciding at the same time."""
    apps = [TestClient(create_app(review_db, reviewer=name), base_url="http://127.0.0.1") for name in ("ann", "bob")]
    errors: list[BaseException] = []

    def work(client, did, decision, rounds=15):
        try:
            for i in range(rounds):
                assert decide(client, did, decision, f"round {i}").status_code == 303
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(apps[0], DATE_ID, "dismissed")),
               threading.Thread(target=work, args=(apps[1], NUMBER_ID, "confirmed"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    with Store.open(review_db) as store:
        assert [h["reviewer"] for h in store.history(DATE_ID)] == ["ann"] * 15
        assert [h["reviewer"] for h in store.history(NUMBER_ID)] == ["bob"] * 15
        rows = store.list_discrepancies().set_index("id")
        assert rows.loc[DATE_ID, "note"] == rows.loc[NUMBER_ID, "note"] == "round 14"


def test_a_decision_made_meanwhile_by_another_reviewer_is_not_overwritten(review_db):
    ann, bob = (TestClient(create_app(review_db, reviewer=n), base_url="http://127.0.0.1") for n in ("ann", "bob"))
    bobs_page = bob.get(f"/flags/{DATE_ID}").text  # bob opens the flag ...
    assert decide(ann, DATE_ID, "confirmed", "checked").status_code == 303  # ... ann decides first
    late = bob.post(f"/flags/{DATE_ID}", data={"csrf": csrf(bobs_page), "decision": "dismissed", "note": "fine",
                                               "seen": "0"}, follow_redirects=False)
    assert late.status_code == 409
    assert "just confirmed by ann" in late.text and ">fine</textarea>" in late.text  # bob's note kept for him
    with Store.open(review_db) as store:
        assert [(h["reviewer"], h["decision"]) for h in store.history(DATE_ID)] == [("ann", "confirmed")]


def test_served_report_links_to_the_review_pages(tmp_path, review_db):
    from factcheck.report import build_report, write_reports

    out = tmp_path / "reports" / "corpus"
    write_reports(build_report(ARTICLES, {}, FOUND, {}, None), out)
    with Store.open(review_db) as store:
        run = store.start_run("corpus")
        store.finish_run(run, {"report_dir": str(out)})
        store.review(NUMBER_ID, "confirmed", "checked with the desk", reviewer="bob")
    with TestClient(create_app(review_db), base_url="http://127.0.0.1") as c:
        page = c.get("/report").text
    assert f'href="/flags/{DATE_ID}"' in page
    assert "factcheck review confirm" not in page  # served: links, not commands
    assert "confirmed by bob" in page and "checked with the desk" in page  # today's decision laid over
    assert "<script>window.pwned" not in page


def test_report_html_renders_untrusted_text_as_text(tmp_path):
    """The static report too: a script tag and an attribute injection in article data stay text."""
    from factcheck.report import build_report
    from factcheck.report.to_html import render_html

    injected = Article(id="wire", text="x", title=EVIL_TITLE, source='Wire" onmouseover="window.pwned=1',
                       path='c/"><script>window.pwned=3</script>.txt')
    page = render_html(build_report([injected, ARTICLES[1]], {}, FOUND, {}, None))
    assert "<script>window.pwned" not in page and "<img" not in page
    assert 'onmouseover="window' not in page and 'onerror="window' not in page
    assert "&lt;script&gt;window.pwned = 1&lt;/script&gt;Summit" in page
    assert EVIL_SENTENCE not in page and "&lt;img src=x onerror=" in page
