"""Two articles convert one amount into another currency at rates no exchange-rate move explains ("$11bn (£8.5bn)"
/ "$11bn (£5.7bn)": one of the conversions is wrong). Found on BBC News once conversions stopped counting as
figures of their own; counter-examples: one day's rounding, two amounts, two target currencies."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract.quantities import find_quantities
from factcheck.judge.facts import FactComparator
from factcheck.pipeline import Checker
from factcheck.records import CandidatePair, Fact, Kind, Sentence
from factcheck.settings import Settings


def _side(article: str, text: str) -> tuple[Sentence, list[Fact]]:
    sentence = Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text)
    facts = [Fact(sentence.id, Kind.NUMBER, m.start, m.end, m.text, m.quantity, attrs=m.attrs)
             for m in find_quantities(text)]
    return sentence, facts


def _compare(text_a: str, text_b: str):
    (a, fa), (b, fb) = _side("A", text_a), _side("B", text_b)
    return FactComparator().compare(CandidatePair(a, b, 0.9), fa, fb, dt.date(2024, 9, 12), dt.date(2024, 9, 12))


@pytest.mark.parametrize("a, b", [
    ("Acme will pay $11bn (£8.5bn) for Beta Labs.", "Acme is buying Beta Labs for $11bn (£5.7bn)."),
    ("Acme will pay $500m (£350m) for Beta Labs.", "Acme is buying Beta Labs for $500m (£266m)."),
    ("Acme will pay 1.55bn euros ($2bn; £1.4bn) for Beta Labs.", "Acme is buying Beta Labs for 1.55bn euros (£1.1bn)."),
])
def test_one_amount_converted_at_two_rates_is_flagged(a, b):
    [d] = _compare(a, b)
    assert d.kind is Kind.NUMBER and d.explanation.startswith("conversions differ")
    assert {d.a_value, d.b_value} <= {"£8.5bn", "£5.7bn", "£350m", "£266m", "£1.4bn", "£1.1bn"}
    assert d.confidence >= Settings().min_confidence


@pytest.mark.parametrize("a, b", [
    ("Acme will pay $11bn (£8.5bn) for Beta Labs.", "Acme is buying Beta Labs for $11bn (£8.2bn)."),  # a day's rate
    ("Acme will pay $11bn (£8.5bn) for Beta Labs.", "Acme is buying Beta Labs for $11bn (9.9bn euros)."),  # two currencies
    ("Acme will pay $11bn (£8.5bn) for Beta Labs.", "Acme is buying Beta Labs for $11bn."),  # one side converts
])
def test_conversions_a_day_or_a_currency_apart_are_no_flag(a, b):
    assert _compare(a, b) == []


def test_two_amounts_are_compared_as_amounts_not_as_conversions():
    [d] = _compare("Acme will pay $11bn (£8.5bn) for Beta Labs.", "Acme is buying Beta Labs for $7bn (£5.4bn).")
    assert d.explanation.startswith("numbers differ") and (d.a_value, d.b_value) == ("1.1e+10 usd", "7e+09 usd")


def test_the_pipeline_flags_a_wrong_conversion_from_the_store_too(tmp_path):
    """End to end, twice: the second run reads the facts back from the store (conversions as JSON lists)."""
    folder = tmp_path / "deal"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: Bayer agrees to buy Monsanto\ndate: 2016-09-14\n---\n"
                                 "German drugs and chemicals group Bayer has agreed to buy US seeds firm Monsanto for "
                                 "$66bn (£50bn), the two companies said on Wednesday.\n", encoding="utf-8")
    (folder / "b.md").write_text("---\ntitle: Bayer to pay $66bn for Monsanto\ndate: 2016-09-14\n---\n"
                                 "Bayer is to buy Monsanto for $66bn (£35bn), creating the world's largest seeds and "
                                 "pesticides company, the firms said on Wednesday.\n", encoding="utf-8")
    from factcheck.store import Store

    checker = Checker(Settings(nli_model=None, quiet=True))
    with Store.open(tmp_path / "fc.db") as store:
        for run in ("first", "second"):
            found = checker.run([folder], out=tmp_path / run, store=store).discrepancies
            assert [(d.kind, d.a_value in ("£50bn", "£35bn")) for d in found] == [(Kind.NUMBER, True)], run
