"""A real browser (Debian's chromium, via Selenium and chromedriver) against a real server and a real run."""

from __future__ import annotations

import json

import pytest
from review_browser import available, chrome, dismiss_first_with_keys, served, wait_for
from typer.testing import CliRunner

from factcheck.cli import app

CORPUS = {
    "harbor.md": "---\ntitle: Ministers meet in Lisbon\nsource: Harbor Times\ndate: 2024-09-12\n---\n"
                 "The energy ministers of Spain and Portugal met in Lisbon on Tuesday to sign the grid agreement.\n"
                 "The agreement covers cross-border power lines and storage.\n",
    "coast.md": "---\ntitle: Grid deal signed\nsource: Coast Post\ndate: 2024-09-13\n---\n"
                "The energy ministers of Spain and Portugal met in Lisbon on August 2 to sign the grid agreement.\n"
                "Analysts expect prices to fall next year.\n",
}


@pytest.mark.browser
@pytest.mark.skipif(not available(), reason="needs Debian's chromium and chromium-driver: make browser")
def test_dismiss_in_the_browser_persists_to_cli_and_next_report(make_corpus, tmp_path):
    runner = CliRunner()
    corpus, db = make_corpus(CORPUS, name="summit"), tmp_path / "fc.sqlite"
    first = runner.invoke(app, ["run", str(corpus), "--db", str(db), "--out", str(tmp_path / "r1"), "--nli-model", "none"])
    assert first.exit_code == 0, first.output
    note = "Tuesday was the 10th; the Coast Post misread the agenda"
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
