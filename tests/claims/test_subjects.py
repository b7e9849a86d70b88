"""claims: facts of two articles about two different subjects (neither names the other's) are two facts."""

from __future__ import annotations

import pytest

from factcheck.claim_subjects import ArticleSubjects, subject_key
from factcheck.claims import ClaimsConfig
from factcheck.records import Entity, Kind, Sentence

from .helpers import claim_groups


def _sentence(article: str, text: str, names: dict[str, str]) -> Sentence:
    """A sentence whose entities are the ``names`` (text -> label) found in it, as spaCy's NER would give them."""
    entities = tuple(Entity(label, text.index(name), text.index(name) + len(name), name)
                     for name, label in names.items() if name in text)
    return Sentence(Sentence.make_id(article, text), article, 0, 0, len(text), text, entities)


def _groups(articles, config=None, kind=Kind.NUMBER):
    """``articles``: (article id, [sentence texts]) with the entity names of every sentence in ``NAMES``."""
    return claim_groups([_sentence(a, t, NAMES) for a, texts in articles for t in texts], None, config, kind)


NAMES = {"Chock Full O'Nuts Corp": "ORG", "Chock Full O'Nuts": "ORG", "Stanley Interiors Corp": "ORG",
         "Stanley Interiors": "ORG", "Drexel Burnham Lambert": "ORG", "Moody's": "ORG",
         "Congressional Budget Office": "ORG", "CBO": "ORG", "Mnuchin": "PERSON", "Steven Mnuchin": "PERSON",
         "U.S.": "GPE", "United States": "GPE", "Mueller": "PERSON", "Robert Mueller": "PERSON",
         "William Barr": "PERSON", "Barr": "PERSON"}
CONVERTIBLE = "The debentures are convertible into the company's common stock at {} dlrs per share."
CHOCK = ("chock", ["Chock Full O'Nuts Corp is raising 60 mln dlrs through an offering of debentures.",
                   "Chock Full O'Nuts said Drexel Burnham Lambert will manage the offering.",
                   CONVERTIBLE.format("10.75")])
STANLEY = ("stanley", ["Stanley Interiors Corp is raising 25 mln dlrs through an offering of debentures.",
                       "Stanley Interiors said Drexel Burnham Lambert will manage it, rated B by Moody's.",
                       CONVERTIBLE.format("14.06")])


def test_two_companies_templated_notices_are_two_facts():
    """Each article names its own company most (more than the shared underwriter) and never the other."""
    assert _groups([CHOCK, STANLEY]) == []
    price_ids = {Sentence.make_id(a, CONVERTIBLE.format(v)) for a, v in (("chock", "10.75"), ("stanley", "14.06"))}
    assert any(set(g.sentence_ids) == price_ids for g in _groups([CHOCK, STANLEY], ClaimsConfig(subjects_apart=False)))


def test_near_identical_sentences_of_two_subjects_are_no_claim_for_the_nli_model():
    assert _groups([CHOCK, STANLEY], kind=None) == []
    assert _groups([CHOCK, STANLEY], ClaimsConfig(subjects_apart=False), kind=None) != []


def test_one_company_in_two_articles_is_one_subject():
    other_outlet = ("chock2", ["Chock Full O'Nuts is selling debentures via Drexel Burnham Lambert.",
                               CONVERTIBLE.format("10.25")])
    assert any(g.articles == 2 for g in _groups([CHOCK, other_outlet]))


def test_two_outlets_leading_with_different_people_stay_one_story_when_one_names_the_other():
    """Counter-example: one outlet leads with Mueller, the other with Barr; the first names Barr once."""
    a = ("a", ["Robert Mueller's report runs 448 pages, Mueller's office said.",
               "Mueller found no conspiracy; William Barr released it on Thursday."])
    b = ("b", ["William Barr released the report, which runs 400 pages.", "Barr spoke before the release."])
    assert any(g.articles == 2 for g in _groups([a, b]))


def test_acronyms_and_a_countrys_usual_names_are_mentions():
    a = ("a", ["The Congressional Budget Office said the deficit reached 984 billion dollars in 2019.",
               "The Congressional Budget Office expects more."])
    b = ("b", ["The deficit hit 779 billion dollars in 2019, the CBO said; Steven Mnuchin disagreed.",
               "Mnuchin said the United States would grow."])
    assert any(g.articles == 2 for g in _groups([a, b]))
    subjects = ArticleSubjects([_sentence("x", "The U.S. economy grew 2 percent.", NAMES),
                                _sentence("y", "The United States economy grew 3 percent.", NAMES)])
    assert not subjects.apart("x", "y")


def test_articles_without_names_are_never_apart():
    """Without NER (or names) nothing is known of the subjects: the rule stays silent."""
    subjects = ArticleSubjects([Sentence("1", "x", 0, 0, 10, "Sales rose 5 percent."),
                                Sentence("2", "y", 0, 0, 10, "Sales rose 7 percent.")])
    assert subjects.main("x") == frozenset()
    assert not subjects.apart("x", "y")


def test_the_pronoun_us_is_no_mention_of_the_united_states():
    subjects = ArticleSubjects([_sentence("x", "The U.S. economy grew 2 percent, U.S. data showed.", NAMES),
                                _sentence("y", "Stanley Interiors told us sales grew.", NAMES)])
    assert subjects.main("x") == frozenset({"u.s."})
    assert subjects.apart("x", "y")


@pytest.mark.parametrize("label, text, key", [
    ("PERSON", "Inspector Dave Gaskin", "gaskin"),
    ("ORG", "Chock Full O'Nuts Corp", "chock full o'nuts"),
    ("ORG", "Moody's", "moody"),
    ("GPE", "U.S.", "u.s."),
    ("ORG", "Drb> 4Th Qtr", None),  # markup and digits: NER noise
    ("DATE", "Friday", None),
    ("ORG", "Co", None),
])
def test_subject_key(label, text, key):
    assert subject_key(label, text) == key
