"""A real browser (Debian's chromium, via Selenium and chromedriver) against a real server and a real run."""

from __future__ import annotations

import json

import pytest
from review_browser import available, chrome, dismiss_first_with_keys, served, wait_for
from typer.testing import CliRunner

from factcheck.cli import app

# Written for this test: two papers disagree on the day a bridge reopened.
CORPUS = {
    "gazette.md": "---\ntitle: Old bridge open again\nsource: River Gazette\ndate: 2024-03-06\n---\n"
                  "The repaired Elm Street bridge reopened to traffic on Monday after eight months of work.\n"
                  "Cyclists have a separate lane on the new deck.\n",
    "herald.md": "---\ntitle: Traffic returns to Elm Street\nsource: Valley Herald\ndate: 2024-03-07\n---\n"
                 "The repaired Elm Street bridge reopened to traffic on February 26 after eight months of work.\n"
                 "The council expects lighter queues on the ring road.\n",
}


@pytest.mark.browser
@pytest.mark.skipif(not available(), reason="needs Debian's chromium and chromium-driver: make browser")
def test_dismiss_in_the_browser_persists_to_cli_and_next_report(make_corpus, tmp_path):
    runner = CliRunner()
    corpus, db = make_corpus(CORPUS, name="bridge"), tmp_path / "fc.sqlite"
    first = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--out", str(tmp_path / "r1"), "--nli-model", "none"])
    assert first.exit_code == 0, first.output
    note = "Monday was March 4; the Herald printed the date of the first test drive"
    with served(db) as base:
        driver = chrome(tmp_path / "profile")
        try:
            did = dismiss_first_with_keys(driver, base, note)
            assert "Saved: dismissed" in driver.find_element("id", "saved").text
            driver.refresh()  # a plain GET: the decision comes back from the store
            wait_for(driver, "#decide")
            assert driver.find_element("id", "status").text == "dismissed"
            assert driver.find_element("id", "current-note").text == note
            assert note in driver.find_element("id", "history").text and "ann" in driver.find_element("id", "history").text
            assert driver.execute_script("return window.pwned === undefined")
        finally:
            driver.quit()

    listed = runner.invoke(app, ["review", "list", "--db", str(db), "--status", "dismissed"])
    assert listed.exit_code == 0 and listed.output.startswith(f"{did}  dismissed"), listed.output

    second = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--out", str(tmp_path / "r2"), "--nli-model", "none"])
    assert second.exit_code == 0, second.output
    report = json.loads((tmp_path / "r2" / "report.json").read_text())
    assert did not in {d["id"] for d in report["discrepancies"]}
    assert [(d["id"], d["reviewer"], d["note"]) for d in report["dismissed"]] == [(did, "ann", note)]
    assert note in (tmp_path / "r2" / "report.md").read_text()
    assert note in (tmp_path / "r2" / "report.html").read_text()
