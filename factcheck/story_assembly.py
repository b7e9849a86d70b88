"""Articles + sentence vectors -> Story records: the pipeline's glue around the stories stage.

Why apart from ``pipeline.py``: building a story (its profile, its most central article, its
title and date span, a publication range for undated members) is one concept; the pipeline
only calls it in its place in the stage order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from .records import Article, Fact, Sentence, Story, content_hash
from .settings import Settings


def clusterer_params(settings: Settings) -> dict[str, Any]:
    """The settings' story parameters as ``StoryClusterer`` keyword arguments (one mapping for the pipeline and
    for ``factcheck eval --stories``)."""
    return {"threshold": settings.story_threshold, "entity_weight": settings.story_entity_weight,
            "time_penalty": settings.story_time_penalty, "window_days": settings.story_window_days,
            "method": settings.story_method, "subject_penalty": settings.story_subject_penalty,
            "period_penalty": settings.story_period_penalty, "local_scaling": settings.story_local_scaling,
            "local_neighbours": settings.story_local_neighbours, "local_threshold": settings.story_local_threshold,
            "figure_penalty": settings.story_figure_penalty, "subject_template": settings.story_subject_template,
            "undated_period_penalty": settings.story_undated_period_penalty}


def assemble_stories(settings: Settings, embedder, segmenter, articles: list[Article], sentences: dict[str, list[Sentence]],
                     all_sentences: list[Sentence], vectors: np.ndarray, store, run_id: str
                     ) -> tuple[list[Story], list, dict[str, np.ndarray]]:
    """Articles -> stories: kept stories (and editors' placements) from the store first, then new ones."""
    from .stories import StoryClusterer, central_article

    s = settings
    title_ids = [content_hash("title", a.id, a.title) for a in articles if a.title]
    cached = store.cached_embeddings(embedder.name, title_ids) if store is not None and title_ids else {}
    profiles, new_titles = story_profiles(embedder, articles, sentences, all_sentences, vectors, cached,
                                          segmenter)
    kept, pinned = store.load_stories() if store is not None else ([], {})
    clusterer = StoryClusterer(**clusterer_params(s))
    states = clusterer.assign(profiles, kept, pinned)
    by_id = {a.id: a for a in articles}
    vector_of = {p.article_id: p.vector for p in profiles}
    stories = []
    for state in states:
        members = [a for a in state.articles if a in by_id]
        if not members:
            continue
        central = central_article(state, {a: vector_of[a] for a in members if a in vector_of})
        dates = [by_id[a].published for a in members if by_id[a].published and not by_id[a].published_inferred]
        title = by_id[central].title or lead(sentences.get(central, []))
        ordered = [central] + [a for a in members if a != central]
        stories.append(Story(id=state.id, title=title, articles=tuple(ordered), first_seen=state.first_seen or run_id,
                             start=min(dates) if dates else None, end=max(dates) if dates else None,
                             central=central))
    stories.sort(key=lambda x: (x.start or dt.date.min, x.id))
    return stories, profiles, new_titles

def date_undated(settings: Settings, articles: list[Article], stories: list[Story], sentences: dict[str, list[Sentence]],
                  facts: dict[str, list[Fact]]) -> dict[str, tuple[dt.date, dt.date, dt.date]]:
    """Article id -> (earliest, latest, point) for members without a metadata date; stories get ``inferred``."""
    from .story_dates import infer_range

    by_id = {a.id: a for a in articles}
    out: dict[str, tuple[dt.date, dt.date, dt.date]] = {}
    for i, story in enumerate(stories):
        dated = [by_id[a].published for a in story.articles if by_id[a].published and not by_id[a].published_inferred]
        found = []
        for article_id in story.articles:
            article = by_id[article_id]
            if article.published and not article.published_inferred:
                continue
            own = [f for x in sentences.get(article_id, []) for f in facts.get(x.id, [])]
            guess = infer_range(own, dated, settings.story_date_margin_days)
            if guess is not None:
                out[article_id] = guess
                found.append((article_id, guess[0], guess[1]))
        if found:
            stories[i] = replace(story, inferred=tuple(found))
    return out

def redated(article: Article, inferred: dict[str, tuple[dt.date, dt.date, dt.date]]) -> Article:
    if article.id not in inferred:
        return article
    return replace(article, published=inferred[article.id][2], published_inferred=True)


def lead(sentences: Sequence[Sentence]) -> str | None:
    """A title for an untitled article: its first sentence, cut short."""
    if not sentences:
        return None
    text = sentences[0].text
    return text if len(text) <= 90 else text[:87].rstrip() + "…"


def story_profiles(embedder, articles: Sequence[Article], sentences: dict[str, list[Sentence]],
                   all_sentences: Sequence[Sentence], vectors: np.ndarray, cached: dict[str, np.ndarray],
                   segmenter=None):
    """Article profiles for the story stage; titles are embedded like sentences (and cached like them),
    and ``segmenter`` (when given) names who each title is about.

    Returns (profiles, new title vectors keyed by pseudo-sentence id).
    """
    from .stories import profile_articles
    from .story_features import title_entities, title_subjects

    titles = [Sentence(id=content_hash("title", a.id, a.title), article_id=a.id, index=-1, start=0, end=0, text=a.title)
              for a in articles if a.title]
    title_rows = embedder.encode(titles, cached=cached) if titles else np.zeros((0, 0), dtype=np.float32)
    by_id = {s.id: v for s, v in zip(all_sentences, vectors)}
    subjects = ({t.article_id: title_subjects(ents) for t, ents in zip(titles, title_entities(segmenter.nlp_, (t.text for t in titles)))}
                if segmenter is not None else {})
    profiles = profile_articles(articles, sentences, by_id, {t.article_id: v for t, v in zip(titles, title_rows)},
                                subjects)
    return profiles, {t.id: v for t, v in zip(titles, title_rows) if t.id not in cached}
