"""Report dict -> report.md: what an editor reads first in the morning.

Summary first (articles, sentences, counts by kind and status), then a table of stories, then
each story with discrepancies: its title, date span and articles, then its discrepancies by
status, grouped by claim (the fact they are about), most confident first: every variant once
with its outlets, each sentence quoted once, then one line per disagreeing pair with its id,
its review and why.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from ..common import markdown_cell
from .common import review_line
from .claims_view import claim_views, variants_line

STATUS_ORDER = ("new", "open", "confirmed")
STATUS_TITLES = {"new": "New since the last run", "open": "Still open", "confirmed": "Confirmed"}


_cell = markdown_cell


def _quote(sentence: str, span: list[int] | None) -> str:
    text = sentence.replace("\n", " ")
    if span and 0 <= span[0] < span[1] <= len(text):
        text = f"{text[:span[0]]}**{text[span[0]:span[1]]}**{text[span[1]:]}"
    return "> " + text


def _article_line(article: dict | None, article_id: str) -> str:
    if not article:
        return f"`{article_id}`"
    parts = [f"**{article['title']}**" if article.get("title") else f"`{article_id}`"]
    if article.get("source"):
        parts.append(article["source"])
    if article.get("published"):
        parts.append(article["published"] + (" (inferred)" if article.get("published_inferred") else ""))
    if article.get("title"):
        parts.append(f"`{article_id}`")
    return " · ".join(parts)


def render_markdown(report: dict) -> str:
    articles = {a["id"]: a for a in report["articles"]}
    items = report["discrepancies"]
    stats = report.get("stats", {})
    lines = [f"# Fact-consistency report{': ' + report['corpus'] if report.get('corpus') else ''}", ""]
    lines.append(f"Generated {report['generated']} · NLI model: {report['nli_model'] or 'none (typed facts only)'}")
    lines.append("")
    by_kind = Counter(d["kind"] for d in items)
    by_status = Counter(d.get("status", "new") for d in items)
    lines += ["## Summary", "", "| | |", "|---|---:|"]
    lines.append(f"| Articles | {len(report['articles'])} |")
    lines.append(f"| Sentences | {stats.get('sentences', sum(a['sentences'] for a in report['articles']))} |")
    if "candidate_pairs" in stats:
        lines.append(f"| Sentence pairs compared | {stats['candidate_pairs']:,} of {stats.get('exhaustive_pairs', 0):,} cross-article pairs |")
    lines.append(f"| Discrepancies | {len(items)} |")
    for status in STATUS_ORDER:
        if by_status.get(status):
            lines.append(f"| — {STATUS_TITLES[status].lower()} | {by_status[status]} |")
    for kind, count in sorted(by_kind.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"| — kind `{kind}` | {count} |")
    if stats.get("dismissed"):
        lines.append(f"| Dismissed by reviewers (not shown) | {stats['dismissed']} |")
    lines.append("")
    if report.get("skipped"):
        lines += ["<details><summary>Skipped input</summary>", ""]
        lines += [f"- {_cell(s)}" for s in report["skipped"]]
        lines += ["", "</details>", ""]
    if not items:
        lines += ["No discrepancies found.", ""]
        return "\n".join(lines + _dismissed(report))

    lines += ["## Articles", "", "| id | title | source | published | sentences |", "|---|---|---|---|---:|"]
    for a in report["articles"]:
        published = (a["published"] or "unknown") + (" (inferred)" if a.get("published_inferred") else "")
        if a.get("published_range"):
            published += f" (range {a['published_range'][0]} – {a['published_range'][1]})"
        lines.append(f"| `{_cell(a['id'])}` | {_cell(a['title'])} | {_cell(a['source'])} | {published} | {a['sentences']} |")
    lines.append("")

    stories = {st["id"]: st for st in report.get("stories") or []}
    by_story: dict[str | None, list[dict]] = defaultdict(list)
    for d in items:
        by_story[d.get("story") if d.get("story") in stories else None].append(d)
    if stories:
        lines += _story_table(report["stories"], by_story)
    for story_id, members in sorted(by_story.items(), key=lambda kv: -max(d["confidence"] for d in kv[1])):
        lines += _story_heading(stories.get(story_id) if story_id else None, articles, len(members))
        lines += _discrepancies(members, articles)
    return "\n".join(lines + _dismissed(report))


def _span(story: dict) -> str:
    if not story.get("start"):
        return "undated"
    return story["start"] if story["start"] == story.get("end") else f"{story['start']} – {story['end']}"


def _story_table(stories: list[dict], by_story: dict) -> list[str]:
    """Every story of two or more articles, with its discrepancy count; single-article stories are counted."""
    shown = [st for st in stories if len(st["articles"]) > 1 or by_story.get(st["id"])]
    lines = [f"## Stories ({len(stories)}: {len(stories) - len(shown)} single-article stories not listed)", "",
             "| story | title | articles | dates | discrepancies |", "|---|---|---:|---|---:|"]
    for st in sorted(shown, key=lambda st: (-len(by_story.get(st["id"], [])), -len(st["articles"]), st["id"])):
        lines.append(f"| `{st['id']}` | {_cell(st.get('title'))} | {len(st['articles'])} | {_span(st)} | "
                     f"{len(by_story.get(st['id'], []))} |")
    return lines + [""]


def _story_heading(story: dict | None, articles: dict, count: int) -> list[str]:
    if story is None:
        return [f"## Discrepancies outside any story ({count})", ""]
    lines = [f"## Story: {_cell(story.get('title') or story['id'])} ({count})", "",
             f"`{story['id']}` · {_span(story)} · first seen {story.get('first_seen') or '—'}", ""]
    lines += [f"- {_article_line(articles.get(a), a)}" for a in story["articles"]]
    return lines + [""]


def _discrepancies(items: list[dict], articles: dict) -> list[str]:
    lines: list[str] = []
    for status in STATUS_ORDER:
        group = [d for d in items if d.get("status", "new") == status]
        if not group:
            continue
        lines += [f"### {STATUS_TITLES[status]} ({len(group)})", ""]
        for number, view in enumerate(claim_views(group, articles), 1):
            lines += _claim_lines(number, view, articles)
    return lines


def _claim_lines(number: int, view: dict, articles: dict) -> list[str]:
    """One claim group: its variants side by side, each sentence once, then one line per disagreeing pair."""
    kinds = ", ".join(str(k) for k in view["kinds"])
    lines = [f"#### Claim {number}: {kinds} · confidence {view['confidence']:.2f}", ""]
    if view["variants"]:
        lines += [f"**Variants:** {_cell(variants_line(view))}", ""]
    for s in view["sentences"]:
        lines += [_article_line(articles.get(s["article"]), s["article"]), "", _quote(s["sentence"], s.get("span")), ""]
    for d in view["pairs"]:
        seen = f" · first seen {d['first_seen']}" if d.get("first_seen") else ""
        review = f" · review: {_cell(review_line(d))}" if review_line(d) else ""
        lines.append(f"- `{d['id']}` · {d['kind']} · {d['confidence']:.2f}: {d['explanation']}{seen}{review}")
    lines.append("")
    return lines



def _dismissed(report: dict) -> list[str]:
    """Flags found again but dismissed by a reviewer: not shown above, listed with who and why."""
    rows = report.get("dismissed") or []
    if not rows:
        return []
    lines = [f"## Dismissed by reviewers ({len(rows)})", "", "| id | kind | articles | by | note |", "|---|---|---|---|---|"]
    for d in rows:
        lines.append(f"| `{d['id']}` | {d['kind']} | `{_cell(d['a_article'])}` · `{_cell(d['b_article'])}` | "
                     f"{_cell(d.get('reviewer'))} | {_cell(d.get('note'))} |")
    return lines + [""]
