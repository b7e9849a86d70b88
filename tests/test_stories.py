"""Story stage: grouping, stable ids across runs, editor corrections, dates of undated articles.

Articles are written for these tests: two bridge closures in two towns years apart share their
vocabulary but not their people, places or dates.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest

from factcheck.pipeline import Checker
from factcheck.records import DateSpan, Fact, Kind
from factcheck.settings import Settings
from factcheck.store import Store
from factcheck.stories import ArticleProfile, StoryClusterer
from factcheck.story_features import entity_key
from factcheck.story_dates import infer_range

NORTHVALE_1 = {"id": "nv-herald", "published": "2024-03-11", "source": "Herald", "title": "Harbor Street bridge to close",
               "text": "Northvale Mayor Ellen Park said on Monday that the Harbor Street bridge will close for repairs "
                       "on March 18.\n\nThe bridge will reopen on Friday, Park told the Northvale council. "
                       "Engineers from Calloway Works found cracks in two steel beams."}
NORTHVALE_2 = {"id": "nv-post", "published": "2024-03-12", "source": "Post", "title": "Northvale shuts its harbour crossing",
               "text": "Drivers in Northvale will lose the Harbor Street crossing from March 18, the mayor's office "
                       "announced.\n\nEllen Park blamed cracked beams that Calloway Works inspectors spotted last "
                       "month. Traffic will be sent over the Quay Road bridge."}
EASTON = {"id": "easton-daily", "published": "2021-08-02", "source": "Daily", "title": "Mill Road bridge to close",
          "text": "Easton Governor Luis Ortega said on Monday that the Mill Road bridge will close for repairs on "
                  "August 9.\n\nThe bridge will reopen on Friday, Ortega told the Easton assembly. Engineers from "
                  "Brightline found cracks in two steel beams."}
NORTHVALE_UNDATED = {"id": "nv-radio", "source": "Radio", "title": "Harbor Street bridge closing",
                     "text": "Northvale Mayor Ellen Park confirmed the Harbor Street bridge will close for repairs on "
                             "March 18.\n\nThe bridge will reopen on Saturday, Park told the Northvale council."}

SETTINGS = Settings(nli_model=None, quiet=True)


def _run(make_corpus, rows, db=None, settings=SETTINGS):
    corpus = make_corpus({"news.jsonl": rows})
    if db is None:
        return Checker(settings).run([corpus])
    with Store.open(db) as store:
        return Checker(settings).run([corpus], store=store)


def _story_of(report, article_id):
    return next(s["id"] for s in report["stories"] if article_id in s["articles"])


def test_stories_shared_vocabulary_other_entities_and_dates_kept_apart_same_story_joined(make_corpus):
    report = _run(make_corpus, [NORTHVALE_1, EASTON, NORTHVALE_2]).report
    assert _story_of(report, "nv-herald") == _story_of(report, "nv-post")  # other wording, same story
    assert _story_of(report, "easton-daily") != _story_of(report, "nv-herald")
    assert report["version"] == 2 and len(report["stories"]) == 2
    assert all(d["story"] == _story_of(report, d["a"]["article"]) for d in report["discrepancies"])
    # Inside one story only: no pair, so no flag, between Easton and Northvale.
    assert not [d for d in report["discrepancies"] if {d["a"]["article"], d["b"]["article"]} >= {"easton-daily"}]


def test_stories_across_stories_compares_everything(make_corpus):
    """The story boundary alone: the claims stage is off, since its own rules keep two towns' facts apart too
    (two subjects, articles three years apart)."""
    pairing = SETTINGS.replace(claims=False)
    inside = _run(make_corpus, [NORTHVALE_1, EASTON], settings=pairing).stats
    across = _run(make_corpus, [NORTHVALE_1, EASTON], settings=pairing.replace(across_stories=True)).stats
    assert inside["candidate_pairs"] == 0 < across["candidate_pairs"]
    with_claims = _run(make_corpus, [NORTHVALE_1, EASTON], settings=SETTINGS.replace(across_stories=True)).stats
    assert with_claims["candidate_pairs"] == 0


def test_stories_second_run_article_joins_story_with_stable_id(make_corpus, tmp_path):
    db = tmp_path / "fc.sqlite"
    first = _run(make_corpus, [NORTHVALE_1, EASTON], db).report
    second = _run(make_corpus, [NORTHVALE_1, EASTON, NORTHVALE_2], db).report
    assert _story_of(second, "nv-post") == _story_of(first, "nv-herald") == _story_of(second, "nv-herald")
    assert _story_of(second, "easton-daily") == _story_of(first, "easton-daily")
    first_seen = {s["id"]: s["first_seen"] for s in first["stories"]}
    assert all(s["first_seen"] == first_seen[s["id"]] for s in second["stories"])


def test_stories_merge_and_move_survive_a_rerun(make_corpus, tmp_path):
    db = tmp_path / "fc.sqlite"
    first = _run(make_corpus, [NORTHVALE_1, NORTHVALE_2, EASTON], db).report
    northvale, easton = _story_of(first, "nv-herald"), _story_of(first, "easton-daily")
    with Store.open(db) as store:
        assert store.move_article("nv-post", easton, note="test") == northvale
    moved = _run(make_corpus, [NORTHVALE_1, NORTHVALE_2, EASTON], db).report
    assert _story_of(moved, "nv-post") == easton and _story_of(moved, "nv-herald") == northvale
    with Store.open(db) as store:
        store.merge_stories(northvale, easton)
        assert [s["id"] for s in store.list_stories()] == [northvale]
    merged = _run(make_corpus, [NORTHVALE_1, NORTHVALE_2, EASTON], db).report
    assert [s["id"] for s in merged["stories"]] == [northvale]
    assert set(merged["stories"][0]["articles"]) == {"nv-herald", "nv-post", "easton-daily"}


def test_stories_split_keeps_articles_apart_on_rerun(make_corpus, tmp_path):
    db = tmp_path / "fc.sqlite"
    first = _run(make_corpus, [NORTHVALE_1, NORTHVALE_2], db).report
    story = _story_of(first, "nv-herald")
    with Store.open(db) as store:
        new_id = store.split_story(story, ["nv-post"])
    again = _run(make_corpus, [NORTHVALE_1, NORTHVALE_2], db).report
    assert _story_of(again, "nv-post") == new_id != _story_of(again, "nv-herald") == story


def test_stories_undated_article_gets_range_and_lower_confidence(make_corpus):
    settings = SETTINGS.replace(min_confidence=0.0)
    undated = _run(make_corpus, [NORTHVALE_1, NORTHVALE_UNDATED], settings=settings).report
    radio = next(a for a in undated["articles"] if a["id"] == "nv-radio")
    assert radio["published_inferred"] and radio["published_range"] == ["2024-03-04", "2024-03-17"]
    dated = _run(make_corpus, [NORTHVALE_1, {**NORTHVALE_UNDATED, "published": radio["published"]}],
                 settings=settings).report

    def reopen(report):
        return next(d for d in report["discrepancies"] if "Saturday" in d["a"]["sentence"] + d["b"]["sentence"]
                    and d["kind"] == "date")

    assert "inferred" in reopen(undated)["explanation"] and "inferred" not in reopen(dated)["explanation"]
    assert reopen(undated)["confidence"] < reopen(dated)["confidence"]


def _fact(text: str, span: DateSpan, anchor: str, tense: str | None) -> Fact:
    return Fact("s", Kind.DATE, 0, len(text), text, span, True, {"anchor": anchor, "tense": tense})


@pytest.mark.parametrize("facts, story, expected", [
    ([], [dt.date(2024, 3, 11), dt.date(2024, 3, 13)], (dt.date(2024, 3, 4), dt.date(2024, 3, 20), dt.date(2024, 3, 12))),
    ([], [], None),  # nothing to go on: no guess
    # A past full date is a lower bound; an upcoming year-less date an upper bound; the text outranks the story.
    ([_fact("May 2, 2022", DateSpan(dt.date(2022, 5, 2), dt.date(2022, 5, 2)), "absolute", "past"),
      _fact("April 10", DateSpan(None, None, "day", (4, 10, 10)), "unanchored", "future")],
     [dt.date(2023, 9, 1)], (dt.date(2023, 3, 11), dt.date(2023, 4, 9), dt.date(2023, 4, 9))),
    ([_fact("April 10", DateSpan(None, None, "day", (4, 10, 10)), "unanchored", "future")],
     [dt.date(2023, 4, 1)], (dt.date(2023, 3, 25), dt.date(2023, 4, 8), dt.date(2023, 4, 1))),
])
def test_story_dates_infer_range(facts, story, expected):
    assert infer_range(facts, story, margin_days=7) == expected


@pytest.mark.parametrize("label, text, key", [
    ("PERSON", "President Barack Obama's", "person:obama"),
    ("GPE", "the United States", "place:united states"),
    ("ORG", "Pentagon", "org:pentagon"),
    ("DATE", "7", None),
])
def test_stories_entity_key(label, text, key):
    assert entity_key(label, text) == key


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_methods_split_on_entities_and_time(method):
    same = np.array([1.0, 0.0], dtype=np.float32)
    profiles = [ArticleProfile("a", same, ("person:park",) * 2, dt.date(2024, 3, 11)),
                ArticleProfile("b", same, ("person:park",), dt.date(2024, 3, 12)),
                ArticleProfile("c", same, ("person:ortega",), dt.date(2024, 3, 12)),
                ArticleProfile("d", same, ("person:park",), dt.date(2021, 8, 2))]
    # raw similarity (local scaling off): four articles are too few for a neighbourhood
    groups = StoryClusterer(threshold=0.75, entity_weight=0.4, method=method, local_scaling=0.0).fit_predict(profiles)
    assert sorted(sorted(g) for g in groups) == [["a", "b"], ["c"], ["d"]]


def _profiles_with_cosines(gram: np.ndarray) -> list[ArticleProfile]:
    """Unit vectors whose pairwise cosines are exactly ``gram`` (rows of its Cholesky factor)."""
    vectors = np.linalg.cholesky(gram).astype(np.float32)
    return [ArticleProfile(f"{i}", v, (), None) for i, v in enumerate(vectors)]


def test_stories_local_scaling_splits_a_dense_topic_and_joins_an_isolated_story():
    # Articles 0-1 and 2-3: two stories of one running topic (cosine 0.9 inside, 0.7 across);
    # 4-5: an isolated story its outlets word differently (cosine 0.45), unlike everything else.
    gram = np.eye(6)
    gram[:4, :4] = 0.7
    for a, b, cos in ((0, 1, 0.9), (2, 3, 0.9), (4, 5, 0.45)):
        gram[a, b] = gram[b, a] = cos
    np.fill_diagonal(gram, 1.0)
    profiles = _profiles_with_cosines(gram)
    wanted = [["0", "1"], ["2", "3"], ["4", "5"]]
    for threshold in np.arange(0.3, 0.95, 0.05):  # no single raw threshold gets all three
        raw = StoryClusterer(threshold=float(threshold), entity_weight=0.0, local_scaling=0.0)
        assert sorted(sorted(g) for g in raw.fit_predict(profiles)) != wanted
    scaled = StoryClusterer(entity_weight=0.0, local_scaling=0.75, local_neighbours=1, local_threshold=0.1)
    assert sorted(sorted(g) for g in scaled.fit_predict(profiles)) == wanted
    # the scaling itself: sim - 0.75 * (r_a + r_b) / 2 with r = the nearest other article's similarity
    sim = gram.astype(np.float32).copy()
    nearest = np.array([0.9, 0.9, 0.9, 0.9, 0.45, 0.45], dtype=np.float32)
    expected = gram - 0.75 * (nearest[:, None] + nearest[None, :]) / 2
    off_diagonal = ~np.eye(6, dtype=bool)
    assert np.allclose(scaled.locally_scaled(sim)[off_diagonal], expected[off_diagonal], atol=1e-6)


# Wire earnings notices: the company is named only in the all-capitals title, the body is a template.
HALVERSON_NET = {"id": "halverson-wire", "published": "1987-03-02", "source": "Wire",
                 "title": "HALVERSON MILLS INC <HVM> 4TH QTR NET",
                 "text": "Shr 34 cts vs 29 cts\n\nNet 807,000 vs 702,000\n\nRevs 12.1 mln vs 11.4 mln\n\n"
                         "Year\n\nShr 1.19 dlrs vs 1.02 dlrs\n\nNet 2,858,000 vs 2,431,000"}
DORRANCE_NET = {"id": "dorrance-wire", "published": "1987-03-02", "source": "Wire",
                "title": "DORRANCE BANCSHARES CORP <DRB> 4TH QTR NET",
                "text": "Shr 41 cts vs 29 cts\n\nNet 912,000 vs 702,000\n\nRevs 14.8 mln vs 11.4 mln\n\n"
                        "Year\n\nShr 1.52 dlrs vs 1.02 dlrs\n\nNet 3,104,000 vs 2,431,000"}
HALVERSON_PROSE = {"id": "halverson-gazette", "published": "1987-03-03", "source": "Gazette",
                   "title": "Halverson Mills Inc. profit climbs in fourth quarter",
                   "text": "Halverson Mills Inc said its fourth-quarter net income rose to 807,000 dlrs, or 34 cts a "
                           "share, from 702,000 dlrs, or 29 cts, a year earlier.\n\nRevenues of the Halverson Mills "
                           "textile business rose to 12.1 mln dlrs from 11.4 mln."}
# Two near-copy tables are closer than the default 0.2 can part on its own (a kept story's centroid is not:
# test_stories_kept_story_remembers_title_subjects); 0.5 keeps this test about what the titles say.
SUBJECTS = SETTINGS.replace(story_subject_penalty=0.5)


def test_stories_title_subjects_from_capitals_title(nlp):
    from factcheck.story_features import title_entities, title_subjects

    halverson, dorrance, prose = (title_subjects(e) for e in title_entities(
        nlp, [HALVERSON_NET["title"], DORRANCE_NET["title"], HALVERSON_PROSE["title"]]))
    assert "halverson" in halverson and "dorrance" in dorrance and "halverson" in prose
    assert not halverson & dorrance and "inc" not in halverson and "corp" not in dorrance


def test_stories_templated_notices_of_different_companies_kept_apart_same_company_joined(make_corpus):
    """The body tables are near copies; only the title says whose figures they are."""
    report = _run(make_corpus, [HALVERSON_NET, DORRANCE_NET, HALVERSON_PROSE], settings=SUBJECTS).report
    assert _story_of(report, "halverson-wire") != _story_of(report, "dorrance-wire")
    assert _story_of(report, "halverson-wire") == _story_of(report, "halverson-gazette")
    assert not [d for d in report["discrepancies"] if "dorrance-wire" in {d["a"]["article"], d["b"]["article"]}]
    # Without the penalty the two tables are one story: the penalty is what keeps them apart.
    plain = _run(make_corpus, [HALVERSON_NET, DORRANCE_NET], settings=SETTINGS.replace(story_subject_penalty=0.0)).report
    assert _story_of(plain, "halverson-wire") == _story_of(plain, "dorrance-wire")


def test_stories_subjects_differ_needs_one_template():
    from factcheck.story_features import subjects_differ, title_keys

    titles = {"halverson": ("HALVERSON MILLS INC <HVM> 4TH QTR NET", {"halverson", "mills"}),
              "dorrance": ("DORRANCE BANCSHARES CORP <DRB> 4TH QTR NET", {"dorrance", "bancshares"}),
              "pelosi": ("Pelosi sends impeachment articles to the Senate", {"pelosi"}),
              "mcconnell": ("McConnell sets rules for the trial of the president", {"mcconnell"})}
    subjects = [frozenset(s) for _, s in titles.values()]
    keys = [title_keys(t) for t, _ in titles.values()]
    assert "title:hvm" not in keys[0] and "title:inc" not in keys[0] and "title:qtr" in keys[0]  # tickers, legal forms out
    differ = subjects_differ(subjects, subjects, keys, keys, 0.75)
    assert differ[0, 1] and differ[1, 0]  # one template ("qtr net"), two companies
    assert not differ[2, 3] and not differ[0, 2]  # other subjects in other words: one story told two ways
    assert subjects_differ(subjects, subjects, keys, keys, 0.0)[2, 3]  # 0: any disjoint subjects


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_subject_template_splits_same_template_joins_outlets_in_their_own_words(method):
    from factcheck.story_features import title_keys

    wire, politics = np.array([1.0, 0.0], dtype=np.float32), np.array([0.0, 1.0], dtype=np.float32)
    day = dt.date(2024, 3, 11)

    def profile(article_id, vector, title, subjects):
        return ArticleProfile(article_id, vector, (), day, subjects=frozenset(subjects), periods=title_keys(title))

    profiles = [profile("halverson", wire, "HALVERSON MILLS INC <HVM> 4TH QTR NET", {"halverson", "mills"}),
                profile("dorrance", wire, "DORRANCE BANCSHARES CORP <DRB> 4TH QTR NET", {"dorrance", "bancshares"}),
                profile("left", politics, "Pelosi sends impeachment articles to the Senate", {"pelosi"}),
                profile("right", politics, "McConnell sets the rules of the impeachment trial", {"mcconnell"})]
    gated = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0, subject_penalty=0.5,
                           subject_template=0.75)
    groups = [set(g) for g in gated.fit_predict(profiles)]
    assert {"halverson"} in groups and {"dorrance"} in groups  # the two companies' notices are apart
    assert any({"left", "right"} <= g for g in groups)  # one story, two outlets' headlines: joined
    ungated = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0, subject_penalty=0.5)
    assert not any({"left", "right"} <= set(g) for g in ungated.fit_predict(profiles))


def test_stories_kept_story_remembers_title_subjects(make_corpus, tmp_path):
    """The store keeps a story's title subjects: a nightly notice of another company opens its own story."""
    # A full-strength penalty (a cannot-link): one table against a one-table centroid is a near copy.
    for settings, apart in ((SETTINGS.replace(story_subject_penalty=1.0), True), (SETTINGS, True),
                            (SETTINGS.replace(story_subject_penalty=0.0), False)):
        db = tmp_path / f"fc-{apart}.sqlite"
        # Two articles: a one-article run has nothing to compare and stops before the story stage.
        first = _run(make_corpus, [HALVERSON_NET, HALVERSON_PROSE], db, settings).report
        second = _run(make_corpus, [HALVERSON_NET, HALVERSON_PROSE, DORRANCE_NET], db, settings).report
        assert _story_of(second, "halverson-wire") == _story_of(first, "halverson-wire")
        assert (_story_of(second, "dorrance-wire") != _story_of(first, "halverson-wire")) is apart


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_subject_penalty_splits_disjoint_titles_only(method):
    same = np.array([1.0, 0.0], dtype=np.float32)
    day = dt.date(2024, 3, 11)
    profiles = [ArticleProfile("a", same, (), day, subjects=frozenset({"halverson"})),
                ArticleProfile("b", same, (), day, subjects=frozenset({"halverson", "mills"})),
                ArticleProfile("c", same, (), day, subjects=frozenset({"dorrance"})),
                ArticleProfile("d", same, (), day)]  # names no one: no penalty either way
    clusterer = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0, subject_penalty=0.5)
    groups = sorted(sorted(g) for g in clusterer.fit_predict(profiles))
    assert ["c"] in groups and any({"a", "b"} <= set(g) for g in groups)
    assert StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0).fit_predict(profiles) == [["a", "b", "c", "d"]]


def test_stories_clustering_errors_counts_joined_and_apart_pairs_by_cause():
    from factcheck.tools.eval_stories import clustering_errors

    def row(i, cluster, published=None, title=None):
        return {"id": i, "cluster": cluster, "dataset": "d", "published": published, "title": title, "text": i}

    rows = [row("a1", "A", "2021-06-03", "Jobless claims fall"), row("a2", "A", "2021-06-03", "Unemployment figures drop"),
            row("b1", "B", "2021-10-14", "Jobless claims fall further"), row("c1", "C", None, "Budget unveiled"),
            row("d1", "D", "2021-06-05", "Senate vote"), row("d2", "D", "2021-06-05", "Senate vote fails")]
    groups = [["a1", "b1", "c1"], ["a2"], ["d1", "d2"]]
    errors = clustering_errors(groups, rows, window_days=7)["d"]
    # a1-b1: both dated, 133 days apart; a1-c1 and b1-c1: c1 has no date.
    assert errors["joined_pairs"] == {"dated_far": 1, "undated": 2}
    assert errors["apart_pairs"] == {"titles_disjoint": 1}  # a1 / a2 share no title word
    assert errors["split_stories"] == 1 and errors["mixed_stories"] == 1


def test_stories_tree_scores_cuts_match_fit_predict():
    """The eval's one-dendrogram grid scores the partitions the clusterer itself makes at each cut."""
    from factcheck.tools.eval_stories import score, tree_scores

    rng = np.random.default_rng(7)
    centres = rng.normal(size=(4, 16))
    profiles, rows = [], []
    for i in range(24):
        story = i % 4
        vector = centres[story] + rng.normal(scale=0.6 + 0.1 * story, size=16)
        profiles.append(ArticleProfile(f"a{i}", (vector / np.linalg.norm(vector)).astype(np.float32),
                                       (f"org:maker{story}",) * (i % 2), dt.date(2024, 1, 1 + story * 9)))
        rows.append({"id": f"a{i}", "cluster": f"s{story}", "dataset": "d"})
    clusterer = StoryClusterer()
    cuts = (0.05, 0.175, 0.3)
    trials = tree_scores(clusterer, profiles, rows, cuts)
    assert [t for t, _ in trials] == list(cuts)
    for cut, scores in trials:
        expected = score(StoryClusterer(local_threshold=cut).fit_predict(profiles), rows)
        assert scores == expected
    assert len({s["overall"]["f1"] for _, s in trials}) > 1  # the cuts give different partitions


def test_stories_period_keys_months_and_years_from_title_and_lead():
    from factcheck.story_features import period_keys

    assert period_keys("US adds 224,000 jobs in June", "Hiring rebounded.") == {"month:june", "figure:2.2e+05"}
    assert period_keys(None, "The economy added 379,000 jobs in February 2021, the Labor Department said.") == {
        "month:february", "year:2021", "figure:3.8e+05"}
    assert period_keys("Jobs report", "x" * 400 + " in June") == frozenset()  # past the lead: not what it reports
    assert period_keys("Lawmakers may vote", "They may decide.") == frozenset()  # 'may' the verb
    assert period_keys("Claims due May 5", "") == {"month:may", "day:may-5"}  # ... but with a day it is the month


def test_stories_period_keys_days_and_figures():
    """Days in any month spelling; figures of a thousand or more, however written, at two significant digits."""
    from factcheck.story_features import period_keys

    assert period_keys("Claims rise", "in the week ended Feb. 14, the department said") == {"month:february",
                                                                                          "day:feb-14"}
    assert period_keys("Claims", "in the week ending 14 March 2021") == {"month:march", "year:2021"}  # no 'Month day'
    assert period_keys("Claims at 719K", "") == period_keys("719,000 file claims", "")
    assert period_keys("2.123 million claims", "") == period_keys("Claims hit 2.1M", "") == {"figure:2.1e+06"}
    assert period_keys("Deal worth $8.3 bln", "") == {"figure:8.3e+09"}
    assert period_keys("12 killed, 3.5 pct", "in 2019 and 1,5 errors") == {"year:2019"}  # small numbers, years: none


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_period_penalty_splits_reports_of_different_months_only(method):
    from factcheck.story_features import periods_disjoint

    same = np.array([1.0, 0.0], dtype=np.float32)
    profiles = [ArticleProfile("june-a", same, (), None, periods=frozenset({"month:june"})),
                ArticleProfile("june-b", same, (), None, periods=frozenset({"month:june", "year:2019"})),
                ArticleProfile("february", same, (), None, periods=frozenset({"month:february"})),
                ArticleProfile("year-only", same, (), None, periods=frozenset({"year:2021"}))]  # no month to differ on
    groups = sorted(sorted(g) for g in StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0,
                                                      period_penalty=0.5).fit_predict(profiles))
    assert any({"june-a", "june-b"} <= set(g) for g in groups)
    assert not any({"june-a", "february"} <= set(g) for g in groups)
    assert not any({"june-b", "year-only"} <= set(g) for g in groups)  # 2019 vs 2021
    plain = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0).fit_predict(profiles)
    assert sorted(map(sorted, plain)) == [["february", "june-a", "june-b", "year-only"]]
    # Months and years are compared apart: 'June' and '2021' do not contradict each other.
    assert not periods_disjoint([frozenset({"month:june"})], [frozenset({"year:2021"})])[0, 0]


JOBS_JUNE = {"id": "jobs-june", "published": None, "source": "Wire", "title": "US economy adds 224,000 jobs in June",
             "text": "Employers added 224,000 jobs in June, the Labor Department said on Friday, as hiring "
                     "rebounded.\n\nThe unemployment rate rose to 3.7 percent."}
JOBS_FEBRUARY = {"id": "jobs-february", "published": None, "source": "Wire",
                 "title": "US economy adds 379,000 jobs in February",
                 "text": "Employers added 379,000 jobs in February, the Labor Department said on Friday, as hiring "
                         "rebounded.\n\nThe unemployment rate fell to 6.2 percent."}


def test_stories_kept_story_remembers_periods(make_corpus, tmp_path):
    """The store keeps a story's periods: next month's report opens its own story on a nightly run."""
    june_2 = {**JOBS_JUNE, "id": "jobs-june-2", "source": "Gazette", "title": "Hiring rebounds in June",
              "text": "The US economy created 224,000 jobs in June, government figures showed on Friday.\n\n"
                      "Unemployment edged up to 3.7 percent as more people looked for work."}
    for settings, apart in ((SETTINGS.replace(story_period_penalty=1.0), True),
                            (SETTINGS.replace(story_period_penalty=0.0, story_undated_period_penalty=0.0), False)):
        db = tmp_path / f"fc-{apart}.sqlite"
        first = _run(make_corpus, [JOBS_JUNE, june_2], db, settings).report
        second = _run(make_corpus, [JOBS_JUNE, june_2, JOBS_FEBRUARY], db, settings).report
        assert _story_of(second, "jobs-june") == _story_of(first, "jobs-june")
        assert (_story_of(second, "jobs-february") != _story_of(first, "jobs-june")) is apart


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_undated_period_penalty_splits_undated_reports_only(method):
    """Undated reports of one running topic naming different months are kept apart (no date to do it); two
    dated outlets disagreeing on the month of one event (Mattis leaving "on January 1" vs "at the end of
    February", same week) stay one story; undated outlets naming the same month still join."""
    same = np.array([1.0, 0.0], dtype=np.float32)
    day = dt.date(2018, 12, 21)
    undated = [ArticleProfile("june-a", same, (), None, periods=frozenset({"month:june"})),
               ArticleProfile("june-b", same, (), None, periods=frozenset({"month:june", "year:2019"})),
               ArticleProfile("february", same, (), None, periods=frozenset({"month:february"}))]
    dated = [ArticleProfile("mattis-a", same, (), day, periods=frozenset({"month:january"})),
             ArticleProfile("mattis-b", same, (), day, periods=frozenset({"month:february"}))]

    def groups(profiles, **penalties):
        clusterer = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0, **penalties)
        return sorted(sorted(g) for g in clusterer.fit_predict(profiles))

    assert groups(undated, undated_period_penalty=0.5) == [["february"], ["june-a", "june-b"]]
    assert groups(dated, undated_period_penalty=0.5) == [["mattis-a", "mattis-b"]]  # dated: not this penalty's
    assert groups(dated, period_penalty=0.5) == [["mattis-a"], ["mattis-b"]]  # what the general one would do
    assert groups(undated) == [["february", "june-a", "june-b"]]  # off: one story, as before
    # One undated side is enough: its date is missing, so the pair has no time signal.
    mixed = [dated[0], replace(dated[1], published=None)]
    assert groups(mixed, undated_period_penalty=0.5) == [["mattis-a"], ["mattis-b"]]
    # Months only: undated outlets of one event dated a day apart, or naming other background years, stay one story.
    datelines = [ArticleProfile("may-2", same, (), None, periods=frozenset({"month:may", "day:may-2", "year:2013"})),
                 ArticleProfile("may-3", same, (), None, periods=frozenset({"month:may", "day:may-3", "year:2000"}))]
    assert groups(datelines, undated_period_penalty=0.5) == [["may-2", "may-3"]]


def test_stories_undated_period_penalty_is_the_larger_not_the_sum():
    """With both penalties on, an undated pair loses the larger; a dated pair the general one alone."""
    from factcheck.stories import _undated

    same = np.array([[1.0, 0.0]], dtype=np.float32)
    june, february = [frozenset({"month:june"})], [frozenset({"month:february"})]
    clusterer = StoryClusterer(entity_weight=0.0, period_penalty=0.1, undated_period_penalty=0.3)
    ents = clusterer._features(same, [["x"]], np.ones(2**15, dtype=np.float32))[1]
    undated = clusterer.similarity(same, ents, [None], same, ents, [None], pa=june, pb=february)
    dated = clusterer.similarity(same, ents, [(1, 1)], same, ents, [(1, 1)], pa=june, pb=february)
    assert undated[0, 0] == pytest.approx(1.0 - 0.3) and dated[0, 0] == pytest.approx(1.0 - 0.1)
    assert _undated([None, (1, 1)], [(1, 1)]).tolist() == [[True], [False]]


def test_stories_kept_story_undated_period_penalty(make_corpus, tmp_path):
    """A nightly run: next month's undated report does not join the kept undated story of June."""
    june_2 = {**JOBS_JUNE, "id": "jobs-june-2", "source": "Gazette", "title": "Hiring rebounds in June",
              "text": "The US economy created 224,000 jobs in June, government figures showed on Friday.\n\n"
                      "Unemployment edged up to 3.7 percent as more people looked for work."}
    for penalty, apart in ((1.0, True), (0.0, False)):
        settings = SETTINGS.replace(story_undated_period_penalty=penalty)
        db = tmp_path / f"fc-undated-{apart}.sqlite"
        first = _run(make_corpus, [JOBS_JUNE, june_2], db, settings).report
        second = _run(make_corpus, [JOBS_JUNE, june_2, JOBS_FEBRUARY], db, settings).report
        assert _story_of(second, "jobs-june") == _story_of(first, "jobs-june")
        assert (_story_of(second, "jobs-february") != _story_of(first, "jobs-june")) is apart


def test_stories_periods_disjoint_days_kinds_apart():
    """Day keys conflict only with day keys: 'Feb 14' vs 'Feb 21' differ, 'Feb 14' vs 'February' do not."""
    from factcheck.story_features import figures_disjoint, periods_disjoint

    feb14, feb21 = frozenset({"month:february", "day:feb-14"}), frozenset({"month:february", "day:feb-21"})
    assert periods_disjoint([feb14], [feb21])[0, 0]
    assert not periods_disjoint([feb14], [frozenset({"month:february"})])[0, 0]
    assert not figures_disjoint([feb14], [feb21])[0, 0]  # no figures on either side: nothing to contradict
    claims = [frozenset({"figure:7.8e+05"}), frozenset({"figure:5.8e+05", "figure:7.7e+05"}),
              frozenset({"figure:7.8e+05", "figure:8.3e+05"})]
    assert figures_disjoint(claims, claims).tolist() == [[False, True, False], [True, False, True],
                                                          [False, True, False]]


@pytest.mark.parametrize("method", ["agglomerative", "online"])
def test_stories_figure_penalty_splits_weeks_but_joins_outlets(method):
    """Two weeks' claims reports split on their headline figures; one week told by three outlets stays one
    story although one outlet leads with another figure too (the counter-example: only a shared figure joins)."""
    same = np.array([1.0, 0.0], dtype=np.float32)
    week = [ArticleProfile("w1-a", same, (), None, periods=frozenset({"figure:7.8e+05"})),
            ArticleProfile("w1-b", same, (), None, periods=frozenset({"figure:7.8e+05", "figure:3e+04"})),
            ArticleProfile("w1-c", same, (), None, periods=frozenset())]  # leads with no figure: no conflict
    other = [ArticleProfile("w2-a", same, (), None, periods=frozenset({"figure:5.8e+05"}))]
    clusterer = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0, figure_penalty=0.5)
    groups = [set(g) for g in clusterer.fit_predict(week + other)]
    assert {"w1-a", "w1-b"} <= next(g for g in groups if "w1-a" in g)
    assert not any({"w1-a", "w2-a"} <= g for g in groups)
    plain = StoryClusterer(threshold=0.75, entity_weight=0.0, method=method, local_scaling=0.0)
    assert len(plain.fit_predict(week + other)) == 1


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_average_linkage_labels_is_scikit_learns_partition(seed):
    """The memory-lean cut gives AgglomerativeClustering's partition, ties at the threshold included."""
    from scipy.spatial.distance import squareform
    from sklearn.cluster import AgglomerativeClustering

    from factcheck.stories import average_linkage_labels

    rng = np.random.default_rng(seed)
    points = rng.normal(size=(60, 3)).astype(np.float32)
    distance = np.round(np.linalg.norm(points[:, None] - points[None], axis=2), 1).astype(np.float32)  # many ties
    for threshold in (0.0, 0.5, 1.0, 1.5, 3.0, 99.0):
        expected = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                           distance_threshold=threshold).fit_predict(distance)
        got = average_linkage_labels(squareform(distance, checks=False).astype(np.float64), threshold)
        assert _partition(got) == _partition(expected)


def _partition(labels) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(i)
    return {frozenset(g) for g in groups.values()}


def test_similarity_built_in_row_blocks_equals_one_block(monkeypatch):
    """Rows built a few at a time (memory) give every value the whole-matrix expression gives."""
    import factcheck.stories as stories

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(7, 8)).astype(np.float32)
    days = [dt.date(2024, 3, 1) + dt.timedelta(days=int(d)) for d in rng.integers(0, 30, 7)]
    profiles = [ArticleProfile(f"{i}", v / np.linalg.norm(v), (f"org:{i % 3}",), days[i] if i % 4 else None,
                               subjects=frozenset({f"s{i % 2}"}), periods=frozenset({f"figure:{i % 3}", "title:net"}))
                for i, v in enumerate(vectors)]
    clusterer = StoryClusterer(subject_penalty=0.2, subject_template=0.5, period_penalty=0.1, figure_penalty=0.1)
    idf = stories._idf([p.bag for p in profiles])
    vecs, ents = clusterer._features(vectors, [p.bag for p in profiles], idf)
    spans = [stories._span(p.published, p.published) for p in profiles]
    args = (vecs, ents, spans, vecs, ents, spans, [p.subjects for p in profiles], [p.subjects for p in profiles],
            [p.periods for p in profiles], [p.periods for p in profiles])
    whole = clusterer.similarity(*args)
    monkeypatch.setattr(stories, "SIMILARITY_ROWS", 2)
    np.testing.assert_array_equal(clusterer.similarity(*args), whole)
    penalised = (whole < (1 - clusterer.entity_weight) * (vecs @ vecs.T) + clusterer.entity_weight * (ents @ ents.T).toarray() - 1e-6)
    assert penalised.any()  # the penalties took part


def test_subject_index_agrees_with_subjects_differ_past_its_first_capacity():
    """The online method's inverted index answers as the batch comparison does, for more stories
    than its arrays first hold (they grow by doubling)."""
    from factcheck.story_features import SubjectIndex, subjects_differ, title_keys

    index = SubjectIndex()
    companies = [f"firm{i}" for i in range(150)]
    stories_subjects, stories_keys = [], []
    for i, company in enumerate(companies):
        subjects = frozenset() if i % 10 == 0 else frozenset({company})
        keys = title_keys(f"{company} 4th qtr net" if i % 3 else f"{company} sees higher sales")
        index.grow(i, subjects, keys)
        stories_subjects.append(subjects)
        stories_keys.append(keys)
    probe_subjects, probe_keys = frozenset({"firm7"}), title_keys("firm7 4th qtr net")
    expected = subjects_differ([probe_subjects], stories_subjects, [probe_keys], stories_keys, 0.75)[0]
    got = index.differ(probe_subjects, probe_keys, 0.75)
    assert len(got) == 150 and got.tolist() == expected.tolist()
    assert got.sum() > 50 and not got[7] and not got[10]  # other firms' 'qtr net' titles differ; firm7 and unnamed do not
