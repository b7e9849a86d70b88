"""ingest: page clutter lines go, every sentence of the story stays."""

from __future__ import annotations

import pytest

from factcheck.ingest import read_articles
from factcheck.ingest.boilerplate import is_boilerplate, strip_boilerplate
from factcheck.records import Article, Skipped

STORY = ("The harbour authority closed the north pier on Friday after a crane collapsed.\n"
         "Two workers were treated for minor injuries, the authority said.\n")


@pytest.mark.parametrize("line", [
    "Loading", "Loading...", "ADVERTISEMENT", "Share this article", "  Read more  ", "Skip to main content",
    "Get the morning briefing in your inbox. Sign up for our free newsletter.",
    "Sign up for the weekly Harbour Notes newsletter here.",
    "Subscribe now to keep reading.",
    "We use cookies to improve your experience on our site.",
    "Follow us on Twitter and Facebook.",
    "© 2024 Coastal Media Group. All rights reserved.",
])
def test_boilerplate_interface_lines_are_recognised(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    # third-person news about newsletters, subscriptions and sign-ups is content
    "Visible stocks are likely to fall sharply by October, the Oil World newsletter said.",
    "The warrants entitle holders to subscribe for a maximum of 10 mln free shares.",
    "BT is offering customers free internet telephone calls if they sign up to broadband in December.",
    '"If you sign up for this plan, you lose your pension," the union leader said.',
    # headings, table labels and short lines of a story are content too
    "Eyeing a summit", "Year", "Nine mths", "Reactions", "Shr 1.20 dlrs vs 1.10 dlrs",
    "(C) - Sales made on exporters' own account.",
    "Loading of the ships resumed on Monday after the strike.",
])
def test_boilerplate_story_lines_are_kept(line):
    assert not is_boilerplate(line)


def test_boilerplate_strip_keeps_the_other_lines_and_their_breaks():
    page = "Loading\n" + STORY + "\nShare this article\n\nThe pier reopens next week.\n"
    assert strip_boilerplate(page) == STORY + "\n\nThe pier reopens next week.\n"
    assert strip_boilerplate(STORY) is STORY  # nothing to remove: the same text, offsets unchanged


def test_boilerplate_removed_on_ingest_and_a_page_of_only_clutter_is_skipped(make_corpus):
    root = make_corpus({"pier.txt": "Loading...\n" + STORY + "Sign up for our newsletter here.\n",
                        "empty.txt": "Loading\nAdvertisement\nShare\n"})
    items = list(read_articles([root]))
    articles = [x for x in items if isinstance(x, Article)]
    skipped = [x for x in items if isinstance(x, Skipped)]
    assert [a.text for a in articles] == [STORY]
    assert len(skipped) == 1 and skipped[0].path.endswith("empty.txt") and "no text" in skipped[0].reason
