"""Report dict -> one self-contained HTML file an editor opens in any browser, offline.

Input: the same dict the JSON report holds (``{"version": 1, "articles": [...], "stats": {...},
"discrepancies": [...]}``). Output: a single file with inline CSS and JS: no network, no fonts.
Discrepancies come story by story, each story under a heading row (title, date span, articles).
Rows are rendered here, in Python, with every value escaped, so the page reads fine even with
scripts off; the script only filters (kind, status), sorts by confidence and counts.

>>> import tempfile, pathlib
>>> out = write_html(pathlib.Path(tempfile.mkdtemp()) / "report.html", {"version": 1, "discrepancies": []})
>>> out.read_text().startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from ..common import atomic_write_text
from .common import review_line
from .html_assets import CSS as _CSS
from .html_assets import JS as _JS

__all__ = ["render_html", "write_html"]

STATUS_ORDER = ("new", "open", "confirmed", "dismissed", "retired")
_WORD = re.compile(r"\S+")
_PUNCT = ".,;:!?\"'()[]“”‘’«»"


def _e(value: Any) -> str:
    return escape("" if value is None else str(value), quote=True)


def _valid_span(span: Any, text: str) -> tuple[int, int] | None:
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(text):
        return None
    return start, end


def _diff_ranges(text: str, other: str) -> list[tuple[int, int]]:
    """Char ranges of the words in ``text`` that differ from ``other`` (case and punctuation aside).

    Used when the judge gave no span (an NLI-only contradiction). Near-unrelated sentences get
    no marks at all: highlighting every word tells the editor nothing.
    """
    words = list(_WORD.finditer(text))
    norm = [w.group().strip(_PUNCT).lower() for w in words]
    other_norm = [w.strip(_PUNCT).lower() for w in _WORD.findall(other)]
    matcher = difflib.SequenceMatcher(None, norm, other_norm, autojunk=False)
    if not words or matcher.ratio() < 0.25:
        return []
    ranges = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete") and i2 > i1:
            ranges.append((words[i1].start(), words[i2 - 1].end()))
    return ranges


def _highlight(text: str, span: Any, other: str) -> str:
    exact = _valid_span(span, text)
    ranges = [exact] if exact else _diff_ranges(text, other)
    css = "span" if exact else "diff"
    out, pos = [], 0
    for start, end in ranges:
        out.append(_e(text[pos:start]))
        out.append(f'<mark class="{css}">{_e(text[start:end])}</mark>')
        pos = end
    out.append(_e(text[pos:]))
    return "".join(out)


def _fmt_conf(value: Any) -> tuple[float, str]:
    try:
        conf = float(value)
    except (TypeError, ValueError):
        return 0.0, "?"
    return conf, f"{conf:.2f}"


def _published(meta: dict[str, Any]) -> str | None:
    """The publication date, marked "(inferred)" when guessed from the text, as report.md does."""
    if not meta.get("published"):
        return None
    return str(meta["published"]) + (" (inferred)" if meta.get("published_inferred") else "")


def _review_actions(d: dict[str, Any], did: str, review_url: str | None) -> str:
    """What the editor can do next: a link to the review server when served, else the CLI commands.

    A reviewed item shows its decision (who, when, why) instead of commands it no longer needs.
    """
    done = review_line(d)
    parts = [f' · review: <span class="reviewed">{_e(done)}</span>'] if done else []
    if review_url is not None:
        parts.append(f' · <a class="review-link" href="{_e(review_url.rstrip("/"))}/flags/{_e(did)}">review in the browser</a>')
    elif d.get("status") not in ("confirmed", "dismissed"):
        parts.append(f' · review: <code>factcheck review confirm {_e(did)}</code> or'
                     f' <code>factcheck review dismiss {_e(did)} --note "why"</code>')
    return "".join(parts)


def _side(side: dict[str, Any], other: dict[str, Any], articles: dict[str, dict[str, Any]], label: str) -> str:
    text = str(side.get("sentence") or "")
    article_id = str(side.get("article") or "")
    meta = articles.get(article_id, {})
    title = meta.get("title") or article_id or "(unknown article)"
    bits = [b for b in (meta.get("source"), _published(meta)) if b]
    value = side.get("value")
    return (
        f'<td class="side"><div class="art"><span class="ab">{label}</span> '
        f'<strong title="{_e(meta.get("path") or article_id)}">{_e(title)}</strong>'
        + "".join(f' <span class="muted nw">{"· " if i else ""}{_e(b)}</span>' for i, b in enumerate(bits))
        + f'</div><blockquote>{_highlight(text, side.get("span"), str(other.get("sentence") or ""))}</blockquote>'
        + (f'<div class="val">value: <code>{_e(value)}</code></div>' if value not in (None, "") else "")
        + "</td>"
    )


def _story_head(story: dict[str, Any], count: int, rank: int, articles: dict[str, dict[str, Any]]) -> str:
    """A heading row for one story: title, date span and articles; its discrepancies follow."""
    span = story.get("start") or "undated"
    if story.get("end") and story.get("end") != story.get("start"):
        span = f"{span} – {story['end']}"
    names = ", ".join(_e((articles.get(a) or {}).get("title") or a) for a in story.get("articles") or [])
    return (f'<tbody class="story" data-story="{_e(story.get("id"))}" data-rank="{rank}"><tr><td colspan="5">'
            f'<h2>Story: {_e(story.get("title") or story.get("id"))} <span class="muted">({count})</span></h2>'
            f'<div class="muted"><code>{_e(story.get("id"))}</code> · {_e(span)} · '
            f'{len(story.get("articles") or [])} articles: {names}</div></td></tr></tbody>')


def _grouped(discrepancies: list[dict[str, Any]], stories: list[dict[str, Any]], articles: dict[str, dict[str, Any]]
             ) -> tuple[list[dict[str, Any]], str]:
    """Discrepancies ordered story by story (the story with the most confident flag first), plus the story rows."""
    known = {str(s.get("id")): s for s in stories if isinstance(s, dict)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for d in discrepancies:
        groups.setdefault(str(d.get("story")) if str(d.get("story")) in known else "", []).append(d)
    ranked = sorted(groups, key=lambda k: -max(_fmt_conf(d.get("confidence"))[0] for d in groups[k]))
    ordered, heads = [], []
    for rank, key in enumerate(ranked):
        for d in groups[key]:
            ordered.append(dict(d, _rank=rank))
        if key:
            heads.append(_story_head(known[key], len(groups[key]), rank, articles))
    return ordered, "".join(heads)


def _rows(discrepancies: list[dict[str, Any]], articles: dict[str, dict[str, Any]], review_url: str | None) -> str:
    out = []
    for order, d in enumerate(discrepancies):
        a, b = d.get("a") or {}, d.get("b") or {}
        conf, conf_text = _fmt_conf(d.get("confidence"))
        kind, status, did = str(d.get("kind") or ""), str(d.get("status") or ""), str(d.get("id") or "")
        extra = [f"first seen {_e(d['first_seen'])}"] if d.get("first_seen") else []
        if d.get("cluster") not in (None, ""):
            extra.append(f"cluster {_e(d['cluster'])}")
        out.append(
            f'<tbody class="item" id="d-{_e(did)}" data-kind="{_e(kind)}" data-status="{_e(status)}"'
            f' data-confidence="{conf:.6f}" data-order="{order}" data-story="{_e(d.get("story") or "")}"'
            f' data-rank="{_e(d.get("_rank", 0))}">'
            f'<tr><td class="conf"><span class="num">{conf_text}</span>'
            f'<span class="bar"><span style="width:{max(0.0, min(conf, 1.0)) * 100:.0f}%"></span></span></td>'
            f'<td><span class="badge kind k-{_e(kind)}">{_e(kind)}</span></td>'
            f'<td><span class="badge st s-{_e(status)}">{_e(status)}</span></td>'
            f"{_side(a, b, articles, 'A')}{_side(b, a, articles, 'B')}</tr>"
            f'<tr class="detail"><td colspan="5"><div class="expl">{_e(d.get("explanation"))}</div>'
            f'<div class="muted">id <code class="did">{_e(did)}</code>'
            + "".join(f" · {x}" for x in extra)
            + _review_actions(d, did, review_url)
            + "</div></td></tr></tbody>"
        )
    return "".join(out)


def _chips(counts: Counter[str], css: str, order: tuple[str, ...] = ()) -> str:
    if not counts:
        return '<span class="muted">none</span>'
    keys = [k for k in order if k in counts] + [k for k, _ in counts.most_common() if k not in order]
    return " ".join(f'<span class="badge {css}-{_e(k)}">{_e(k)} <b>{counts[k]}</b></span>' for k in keys)


def _options(counts: Counter[str], order: tuple[str, ...] = ()) -> str:
    keys = [k for k in order if k in counts] + sorted(k for k in counts if k not in order)
    return "".join(f'<option value="{_e(k)}">{_e(k)} ({counts[k]})</option>' for k in keys)


def _summary(report: dict[str, Any], discrepancies: list[dict[str, Any]]) -> str:
    stats = report.get("stats") or {}
    articles = report.get("articles") or []
    kinds = Counter(str(d.get("kind") or "") for d in discrepancies)
    statuses = Counter(str(d.get("status") or "") for d in discrepancies)
    review = stats.get("review") if isinstance(stats.get("review"), dict) else {}
    cards = [
        ("Articles", len(articles)),
        ("Sentences", stats.get("sentences", "–")),
        ("Pairs compared", f"{stats.get('candidate_pairs', '–')} of {stats.get('exhaustive_pairs', '–')}"),
        ("NLI pairs", f"{stats.get('nli_pairs', '–')} ({stats.get('nli_pairs_cached', 0)} cached)"),
        ("Discrepancies", len(discrepancies)),
    ]
    html = ['<section class="cards">']
    html += [f'<div class="card"><div class="n">{_e(v)}</div><div class="muted">{_e(k)}</div></div>' for k, v in cards]
    html.append("</section>")
    html.append(f'<p>By kind: {_chips(kinds, "k")}</p><p>By status: {_chips(statuses, "s", STATUS_ORDER)}')
    # Reviewed-away counts: from stats["review"] (store.stats()) or top-level stats["dismissed"].
    hidden = {k: review.get(k) or stats.get(k) for k in ("dismissed", "retired")}
    hidden = {k: n for k, n in hidden.items() if isinstance(n, int) and n > 0}
    if hidden:
        html.append(' <span class="muted">(not shown: ' + ", ".join(f"{n} {_e(k)}" for k, n in hidden.items()) + ")</span>")
    html.append("</p>")
    gone = [d for d in report.get("dismissed") or [] if isinstance(d, dict)]
    if gone:
        rows = "".join(
            f"<tr><td><code>{_e(d.get('id'))}</code></td><td>{_e(d.get('kind'))}</td><td>{_e(d.get('a_article'))} · "
            f"{_e(d.get('b_article'))}</td><td>{_e(d.get('reviewer'))}</td><td>{_e(d.get('note'))}</td></tr>"
            for d in gone
        )
        html.append(f'<details id="dismissed"><summary>Dismissed by reviewers ({len(gone)})</summary><table class=mini>'
                    f"<tr><th>id</th><th>kind</th><th>articles</th><th>by</th><th>note</th></tr>{rows}</table></details>")
    seconds = stats.get("seconds") or {}
    if seconds:
        rows = "".join(f"<tr><td>{_e(k)}</td><td class=r>{float(v):.1f} s</td></tr>" for k, v in seconds.items())
        html.append(f"<details><summary>Timings</summary><table class=mini>{rows}</table></details>")
    if articles:
        rows = "".join(
            f"<tr><td><code>{_e(a.get('id'))}</code></td><td>{_e(a.get('title'))}</td><td>{_e(a.get('source'))}</td>"
            f"<td>{_e(_published(a))}</td><td class=r>{_e(a.get('sentences'))}</td><td>{_e(a.get('path'))}</td></tr>"
            for a in articles
        )
        html.append(
            f"<details><summary>Articles ({len(articles)})</summary><table class=mini><tr><th>id</th><th>title</th>"
            f"<th>source</th><th>published</th><th>sentences</th><th>path</th></tr>{rows}</table></details>"
        )
    return "".join(html)


def _claims_section(discrepancies: list[dict[str, Any]], articles: dict[str, dict[str, Any]]) -> str:
    """Each claim group once: its variants side by side with their outlets, then its sentences."""
    from .claims_view import claim_views, outlet, variants_line

    if not discrepancies:
        return ""
    out = ['<section id="claims"><h2>Claims</h2>']
    for number, view in enumerate(claim_views(discrepancies, articles), 1):
        kinds = ", ".join(str(k) for k in view["kinds"])
        ids = " ".join(f'<a href="#d-{_e(d.get("id"))}"><code>{_e(d.get("id"))}</code></a>' for d in view["pairs"])
        out.append(f'<article class="claim" id="claim-{_e(view["claim"])}"><h3>Claim {number}: {_e(kinds)} '
                   f'<span class="muted">· confidence {view["confidence"]:.2f}</span></h3>')
        if view["variants"]:
            out.append(f'<p class="variants"><strong>{_e(variants_line(view))}</strong></p>')
        out.append("<ul>")
        for sentence in view["sentences"]:
            name = outlet(articles.get(str(sentence.get("article"))), str(sentence.get("article")))
            text = str(sentence.get("sentence") or "")
            out.append(f'<li><span class="muted">{_e(name)}:</span> {_highlight(text, sentence.get("span"), "")}</li>')
        out.append(f'</ul><p class="muted">pairs: {ids}</p></article>')
    out.append("</section>")
    return "".join(out)


def render_html(report: dict[str, Any], review_url: str | None = None) -> str:
    """The whole page as a string (``write_html`` puts it on disk safely).

    ``review_url``: the ``factcheck serve`` address this page is served from; each item then
    links to its review page instead of showing CLI commands.
    """
    discrepancies = [d for d in report.get("discrepancies") or [] if isinstance(d, dict)]
    articles = {str(a.get("id")): a for a in report.get("articles") or [] if isinstance(a, dict)}
    kinds = Counter(str(d.get("kind") or "") for d in discrepancies)
    statuses = Counter(str(d.get("status") or "") for d in discrepancies)
    subtitle = f"generated {_e(report.get('generated') or '?')} · NLI model: {_e(report.get('nli_model') or 'none (typed facts only)')}"
    ordered, heads = _grouped(discrepancies, report.get("stories") or [], articles)
    body = heads + _rows(ordered, articles, review_url)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>factcheck report</title><style>{_CSS}</style></head>
<body data-ready="0">
<header><h1>factcheck report</h1><p class="muted">{subtitle}</p>{_serve_hint(review_url)}</header>
<main>
{_summary(report, discrepancies)}
{_claims_section(discrepancies, articles)}
<h2>Every disagreeing sentence pair</h2>
<section class="controls" id="controls">
<label>Kind <select id="filter-kind"><option value="">all</option>{_options(kinds)}</select></label>
<label>Status <select id="filter-status"><option value="">all</option>{_options(statuses, STATUS_ORDER)}</select></label>
<span id="shown" class="muted">{len(discrepancies)} discrepancies</span>
</section>
<table id="discrepancies">
<thead><tr><th id="th-confidence" aria-sort="descending"><button type="button" id="sort-confidence" title="sort by confidence">Confidence <span id="arrow">▼</span></button></th>
<th>Kind</th><th>Status</th><th>Article A</th><th>Article B</th></tr></thead>
{body}
</table>
<p id="empty" class="empty"{"" if not discrepancies else " hidden"}>{"No discrepancies to review: nothing new or open." if not discrepancies else "No discrepancies match these filters."}</p>
</main>
<script>{_JS}</script>
</body></html>
"""


def _serve_hint(review_url: str | None) -> str:
    if review_url is not None:
        return f'<p class="muted"><a href="{_e(review_url)}">Review these flags in the browser</a></p>'
    return '<p class="muted">Review in the browser: run <code>factcheck serve</code> and open http://127.0.0.1:8000/</p>'


def write_html(path: str | Path, report: dict[str, Any]) -> Path:
    """Render ``report`` to ``path`` via a temp file in the same folder and ``os.replace``."""
    page = render_html(report)
    return atomic_write_text(path, page)
