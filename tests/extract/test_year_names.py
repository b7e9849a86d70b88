"""A year-like number before "<word> year" names a year ("the 2000 fiscal year"), it is no duration."""

from __future__ import annotations

import pytest

from factcheck.extract import FactExtractor
from factcheck.records import Kind, Sentence


@pytest.fixture(scope="module")
def extract():
    extractor = FactExtractor()

    def run(text):
        s = Sentence(Sentence.make_id("art", text), "art", 0, 0, len(text), text)
        return extractor.extract([s])[s.id]
    return run


@pytest.mark.parametrize("text", [
    "Apprehensions fell to 400,000 from a peak of 1.6 million in the 2000 fiscal year.",
    "Enrolment dropped in the 2019 school year.",
])
def test_year_name_is_no_duration(extract, text):
    assert not [f for f in extract(text) if f.kind == Kind.DURATION]


@pytest.mark.parametrize("text, value", [
    ("The olive trees have stood there for 2000 years.", 2000),
    ("They visited a 2000-year-old city.", 2000),
    ("He stayed in office for 12 years.", 12),
])
def test_counts_of_years_stay_durations(extract, text, value):
    durations = [f for f in extract(text) if f.kind == Kind.DURATION]
    assert [d.value.value for d in durations] == [value]
