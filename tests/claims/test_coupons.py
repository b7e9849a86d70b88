"""claims: a bond's coupon ("the 7-1/2 pct Treasury bond") names the security; it is one claim only with a coupon."""

from __future__ import annotations

import pytest

from factcheck.claim_lines import is_coupon
from factcheck.claims import ClaimsConfig

from .helpers import claim_groups, reads_number_as

COUPON = "The key U.S. 7-1/2 pct Treasury bond due 2016 was 95.26 in late Tokyo trade as Treasury rates rose."
YIELD = "Eurodollar bonds fell in Tokyo trade as rates on U.S. Treasuries rose almost to eight pct."


def test_a_coupon_and_a_rate_of_the_day_are_two_measures():
    assert claim_groups([("a", COUPON), ("b", YIELD)]) == []
    assert len(claim_groups([("a", COUPON), ("b", YIELD)], config=ClaimsConfig(coupons_apart=False))) == 1


def test_two_coupons_of_one_bond_are_still_compared():
    other = "The key U.S. 7-3/4 pct Treasury bond due 2016 was 95.26 in late Tokyo trade as Treasury rates rose."
    assert len(claim_groups([("a", COUPON), ("b", other)])) == 1


@pytest.mark.parametrize("text, coupon", [
    ("The key U.S. 7-1/2 pct Treasury bond due 2016 fell.", True),
    ("It sold a 5% note due 2030.", True),
    ("The company issued 9-1/4 pct debentures.", True),
    ("Rates on Treasuries rose to eight pct.", False),
    ("Unemployment fell to 4% in May.", False),
])
def test_is_coupon(text, coupon):
    assert reads_number_as(is_coupon, text) is coupon
