"""segment: sentences with exact offsets, never across line breaks, entities inside the sentence."""

from __future__ import annotations

import pytest

from factcheck.records import Article, Sentence
from factcheck.segment import Segmenter

TEXT = ("Harbour Authority Reopens Port\n\nThe port reopened on Thursday after the storm. "
        "Officials in Rotterdam said 40 ships were waiting.\nA third paragraph ends here.")


@pytest.fixture(scope="module")
def segmenter():
    return Segmenter()


def test_segment_offsets_point_into_article(segmenter):
    article = Article(id="port", text=TEXT)
    sentences = segmenter.segment([article])["port"]
    assert [s.text for s in sentences] == [
        "Harbour Authority Reopens Port",
        "The port reopened on Thursday after the storm.",
        "Officials in Rotterdam said 40 ships were waiting.",
        "A third paragraph ends here.",
    ]
    for i, s in enumerate(sentences):
        assert article.text[s.start:s.end] == s.text
        assert s.index == i and s.article_id == "port"
        assert s.id == Sentence.make_id("port", s.text)


def test_segment_entities_are_sentence_relative(segmenter):
    sentences = segmenter.segment([Article(id="p", text=TEXT)])["p"]
    third = sentences[2]
    assert any(e.text == "Rotterdam" for e in third.entities)
    for e in third.entities:
        assert third.text[e.start:e.end] == e.text


def test_segment_ids_stable_across_runs_and_whitespace(segmenter):
    a = segmenter.segment([Article(id="x", text="The vote passed.  It was close.")])["x"]
    b = segmenter.segment([Article(id="x", text="Intro line\nThe vote passed. It was close.")])["x"]
    assert a[0].id == b[1].id and a[1].id == b[2].id


@pytest.mark.parametrize("text", ["", "\n\n\n", "— … —", "   "])
def test_segment_no_sentences_in_empty_or_symbol_text(segmenter, text):
    assert segmenter.segment([Article(id="e", text=text or " ")])["e"] == []


def test_segment_falls_back_without_spacy_model():
    seg = Segmenter(model="no_such_spacy_model_installed")
    sentences = seg.segment([Article(id="f", text="First one here. Second one there.")])["f"]
    assert [s.text for s in sentences] == ["First one here.", "Second one there."]
    assert all(s.entities == () for s in sentences)


@pytest.mark.parametrize("line, expected", [
    ('"Is it fair?" he asked.', 1),  # lower case after the mark: the sentence goes on
    ("“Why would he not do it?” she said on Monday.", 1),
    # a quotation of two sentences stays two (the extractor gives both one speaker)
    ("“He wants to run the nation like he’s running his business? God help us,” Mr. Bloomberg said.", 2),
    # counter-examples: real sentence ends
    ("Who will pay? Mexico will. Is it fair?", 3),
    ("“We will fight.” Then the crowd left. Is it fair? “No,” he said.", 4),
])
def test_segment_question_marks_inside_one_quotation(segmenter, line, expected):
    sentences = segmenter.segment([Article(id="q", text=line)])["q"]
    assert len(sentences) == expected, [s.text for s in sentences]
    for s in sentences:  # offsets still point into the article
        assert line[s.start:s.end] == s.text


@pytest.mark.parametrize("line", [
    "Police Chief La'Ron Singletary resigned along with Rochester Police Department Dep. Chief Joseph Morabito and "
    "Dep. Chief Mark Simmons, according to a press release.",
    '"I will be fine for telling the truth," Lt. Col. Alexander Vindman testified in November.',
    "Flanked by Republican Sens. Tom Cotton and David Perdue, President Trump unveiled the plan.",
])
def test_no_sentence_ends_on_a_title_before_a_name(segmenter, line):
    """The sentencer cuts after "Dep." or "Sens.": the name would start a sentence of its own under the next title
    ("Chief Joseph Morabito" read as a chief, not a deputy chief)."""
    sentences = segmenter.segment([Article(id="t", text=line)])["t"]
    assert [s.text for s in sentences] == [line]


def test_a_title_opening_a_sentence_keeps_its_stop(segmenter):
    """ "Lt. Col. Alexander Vindman" opening a sentence: the sentencer cut "Lt" from ". Col. ...", and the name was
    read under the title "Col." against another outlet's "Lt. Col."."""
    line = ("He feared it would undermine national security. Lt. Col. Alexander Vindman, a top Ukraine expert, "
            "listened. Cuomo said he would go in 14 days. Lt. Gov. Kathy Hochul will be sworn in.")
    texts = [s.text for s in segmenter.segment([Article(id="v", text=line)])["v"]]
    assert texts == ["He feared it would undermine national security.",
                     "Lt. Col. Alexander Vindman, a top Ukraine expert, listened.",
                     "Cuomo said he would go in 14 days.", "Lt. Gov. Kathy Hochul will be sworn in."]


def test_abbreviations_that_do_end_sentences_still_end_them(segmenter):
    """Counter-example: "Jr." (like a street's "St." or a state's "Calif.") also closes sentences."""
    line = "The award went to Martin Luther King Jr. He accepted it on Monday."
    assert len(segmenter.segment([Article(id="j", text=line)])["j"]) == 2


def test_a_closing_mark_after_a_stray_space_stays_with_its_sentence(segmenter):
    """'... without a fight. "' : cut off, the mark was no sentence and was dropped, and the quotation stayed open
    over the next sentences ("IMF chief Dominique Strauss-Kahn warned ..." read as quoted words)."""
    from factcheck.extract import quote_continuations

    text = ('"These people are losing their future, "said Yiannis Panagopoulos.\n'
            '"The country cannot surrender without a fight. "\n'
            "IMF chief Dominique Strauss-Kahn warned that the crisis could spread.")
    sentences = segmenter.segment([Article(id="m", text=text)])["m"]
    assert [s.text for s in sentences][1] == '"The country cannot surrender without a fight. "'
    assert quote_continuations(sentences) == set()
