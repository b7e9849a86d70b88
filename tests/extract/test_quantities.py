"""Numbers with units: values, units, rounding-word tolerance, word numbers, what they count."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.extract._text import parse_number
from factcheck.extract.quantities import find_quantities, tolerance


def only(text: str, **kw):
    found = find_quantities(text, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, value, unit, low, high, duration, surface", [
    ("The talks lasted six hours.", 6, "hour", 6, 6, True, "six hours"),
    ("The talks lasted nearly seven hours.", 7, "hour", 6.3, 7, True, "nearly seven hours"),
    ("The talks lasted about 6.5 hours.", 6.5, "hour", 6.37, 6.63, True, "about 6.5 hours"),
    ("More than 1,200 protesters marched.", 1200, "protester", 1200, math.inf, False, "More than 1,200 protesters"),
    ("At least 40 people died.", 40, "people", 40, math.inf, False, "At least 40 people"),
    ("Almost 300 residents fled.", 300, "resident", 270, 300, False, "Almost 300 residents"),
    ("Fewer than 20 seats were empty.", 20, "seat", 0, 20, False, "Fewer than 20 seats"),
    ("The city will spend $2.5 million.", 2.5e6, "usd", 2.5e6, 2.5e6, False, "$2.5 million"),
    ("The fund raised €3bn.", 3e9, "eur", 3e9, 3e9, False, "€3bn"),
    ("Prices rose 6% in May.", 6, "percent", 6, 6, False, "6%"),
    ("Prices rose 6 per cent in May.", 6, "percent", 6, 6, False, "6 per cent"),
    ("The leaders held a two-day summit.", 2, "day", 2, 2, True, "two-day"),
    ("A 48-hour strike began.", 48, "hour", 48, 48, True, "48-hour"),
    ("Twenty-five minutes of debate followed.", 25, "minute", 25, 25, True, "Twenty-five minutes"),
    ("Twelve miners were rescued.", 12, "miner", 12, 12, False, "Twelve miners"),
    ("The talks took\u00a05\u00a0hours.", 5, "hour", 5, 5, True, "5\u00a0hours"),
    ("They waited an hour.", 1, "hour", 1, 1, True, "an hour"),
    ("It burned 1,500 square kilometres.", 1500, "square kilometre", 1500, 1500, False, "1,500 square kilometres"),
    ("A 1,500-square-mile area burned.", 1500, "square mile", 1500, 1500, False, "1,500-square-mile"),
    # wire copy: "mln" / "bln" scale a figure, "dlrs" and "stg" are currencies, eighths are fractions
    ("Masco agreed to buy 33.0 mln dlrs of the debentures.", 33e6, "usd", 33e6, 33e6, False, "33.0 mln dlrs"),
    ("Profit rose to 1.2 bln dlrs.", 1.2e9, "usd", 1.2e9, 1.2e9, False, "1.2 bln dlrs"),
    ("The bank raised 50 mln stg.", 50e6, "gbp", 50e6, 50e6, False, "50 mln stg"),
    ("The debentures carry an 8-5/8 pct coupon.", 8.625, "percent", 8.625, 8.625, False, "8-5/8 pct"),
    ("He had 20 wives.", 20, "wife", 20, 20, False, "20 wives"),  # plurals read back to their singular
    ("He threw 39 passes.", 39, "pass", 39, 39, False, "39 passes"),
    ("The state raised 3 taxes.", 3, "tax", 3, 3, False, "3 taxes"),
])
def test_quantities_values_units_tolerance(text, value, unit, low, high, duration, surface):
    mention = only(text)
    q = mention.quantity
    assert q.value == pytest.approx(value)
    assert q.unit == unit
    assert q.low == pytest.approx(low)
    assert q.high == pytest.approx(high) if math.isfinite(high) else math.isinf(q.high)
    assert mention.duration is duration
    assert mention.text == surface
    assert text[mention.start:mention.end] == surface


@pytest.mark.parametrize("text, of", [
    ("They held six hours of talks.", "talks"),
    ("The leaders held a two-day visit.", "visit"),
    ("It was a 12-hour search.", "search"),
    ("The talks lasted six hours.", None),
])
def test_quantities_what_is_counted(text, of):
    assert only(text).attrs["of"] == of


@pytest.mark.parametrize("text", [
    "The 2019 deal collapsed.",
    "COVID-19 cases fell.",
    "The G7 summit opened.",
    "One official said the plan failed.",
    "It ranked No. 3.",
    "Talks began at 10.",
    "The Witcher Season 1 Episode 7 Recap",  # labels of one of a series count nothing
    "The Witcher: episode 7 recap",
    "Malaysia Airlines Flight 370 vanished.",
    "1986 year net includes a gain from the sale of real estate.",  # a singular "year" after a year names it
    "",
])
def test_quantities_not_counts(text):
    assert find_quantities(text) == []


@pytest.mark.parametrize("text, found", [
    ("Nearly five months have passed since the rift.", False),
    ("Two days after the vote, he resigned.", False),
    ("Three weeks later the talks resumed.", False),
    ("They talked for six hours before agreeing.", True),
    ("A 12-hour search after the storm found them.", True),
])
def test_quantities_gaps_between_events_are_not_durations(text, found):
    assert bool(find_quantities(text)) is found


def test_quantities_skip_spans():
    assert find_quantities("It was the first visit in five years.", skip=[(23, 36)]) == []


@pytest.mark.parametrize("mod, expected", [
    ("", (10, 10)),
    ("nearly", (9, 10)),
    ("about", (8.5, 11.5)),
    ("more than", (10, math.inf)),
    ("up to", (0, 10)),
])
def test_quantities_tolerance(mod, expected):
    assert tolerance(10, mod) == pytest.approx(expected)


@pytest.mark.parametrize("text, value", [
    ("six", 6), ("twenty-five", 25), ("a dozen", 12), ("2.5 million", 2.5e6), ("1,200", 1200),
    ("three hundred", 300), ("two thousand five hundred", 2500), ("banana", None), ("", None),
])
def test_quantities_parse_number(text, value):
    assert parse_number(text) == value


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_quantities_arbitrary_text_never_raises(text):
    for mention in find_quantities(text):
        assert 0 <= mention.start <= mention.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.from_regex(r"(nearly |about |more than |\$|€)?([0-9]{1,3}(,[0-9]{3})*(\.[0-9]+)?|six|a|twenty-one)"
                     r"[ -]?(million|bn|%|hours?|people|day)?", fullmatch=True))
def test_quantities_number_like_text_never_raises(text):
    find_quantities(f"They counted {text} in all.")


@pytest.mark.parametrize("text, kept", [
    ("He was paid $US1 million ($1.52 million) last year.", [(1e6, "usd")]),
    ("It cost US$1 million (A$1.52 million).", [(1e6, "usd")]),
    ("The bill came to £3 million ( $4.1 million ) in all.", [(3e6, "gbp")]),
])
def test_quantities_bracketed_conversion_is_one_amount(text, kept):
    """A money amount in brackets right after another converts it: one amount, not a second estimate."""
    assert [(m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == kept


@pytest.mark.parametrize("text, kept", [
    ("Sales were $5 million (up 3%) in May.", [(5e6, "usd"), (3, "percent")]),  # the bracket holds no amount
    ("Costs were $5 million ($4 million last year) overall.", [(5e6, "usd"), (4e6, "usd")]),  # an amount of its own
    ("It paid $5 million, and 40 people ($3 million) came.", [(5e6, "usd"), (40, "people"), (3e6, "usd")]),
])
def test_quantities_bracketed_amount_that_is_no_conversion_stays(text, kept):
    assert [(m.quantity.value, m.quantity.unit) for m in find_quantities(text)] == kept


@pytest.mark.parametrize("text, unit", [("They paid $A20 million.", "aud"), ("They paid $US20 million.", "usd"),
                                        ("They paid US$20 million.", "usd"), ("They paid AU$20 million.", "aud")])
def test_quantities_currency_letters_either_side_of_the_symbol(text, unit):
    assert only(text).quantity.unit == unit


@pytest.mark.parametrize("text, counts", [
    ("The quake, which struck at 1353 (1023 GMT), was felt in Oman and the UAE.", []),
    ("It hit at 17:06 (1336 GMT) on Sunday and killed 12 people.", ["12 people"]),
])
def test_a_clock_time_with_its_time_zone_is_no_count(text, counts):
    """"1023 GMT" is a time of day; the count beside it (the counter-example) is still read."""
    assert [str(m.quantity) for m in find_quantities(text)] == counts


@pytest.mark.parametrize("text, value", [
    ("The Category 4 hurricane made landfall.", 4),  # a classification stays a figure: two categories disagree
    ("Section 230 shields 26 words.", 26),  # only the label's own number is no count
    ("On the day 3 people died, the town mourned.", 3),  # a lower-case common noun is no label
])
def test_quantities_after_a_label_still_counted(text, value):
    assert [q.quantity.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize("text", [
    "Ireland have finished runners-up since the old Five Nations became Six in 2000.",
    "The men from the Emerald Isle have been Six Nations runners-up.",
    "Leaders of the Group of Seven met in Canada.",
    "Officials said Five Guys restaurants closed.",
])
def test_a_capitalised_number_word_inside_a_name_counts_nothing(text):
    """"Five Nations" / "Six Nations" was flagged as a count of nations that differs."""
    assert [m for m in find_quantities(text) if m.text.split()[0].lower() in ("five", "six", "seven")] == []


@pytest.mark.parametrize("text, count", [
    ("Fifteen people died in the fire.", "Fifteen people"),  # a sentence's first word
    ("He said: Five people were hurt.", "Five people"),  # a clause's first word
    ("Police Arrest Five Suspects In Raid", "Five Suspects"),  # a title-case headline capitalises every word
    ("Rescuers found the Five missing climbers alive.", "Five missing"),  # no capitalised neighbour
])
def test_capitalised_counts_outside_names_are_still_read(text, count):
    assert count in [m.text for m in find_quantities(text)]
