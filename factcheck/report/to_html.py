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


_CSS = """
:root{--fg:#1d2330;--muted:#5f6b7a;--line:#dde3ea;--bg:#f6f8fa;--mark:#ffe066;--diff:#ffe9a8}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:#fff}
header{padding:18px 28px 8px;border-bottom:1px solid var(--line);background:var(--bg)}
h1{margin:0 0 4px;font-size:22px}
main{padding:12px 28px 40px}
.muted{color:var(--muted);font-size:13px}
.cards{display:flex;gap:12px;flex-wrap:wrap;margin:8px 0 4px}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;min-width:130px;background:#fff}
.card .n{font-size:20px;font-weight:600}
details{margin:6px 0}summary{cursor:pointer;color:var(--muted)}
table.mini{border-collapse:collapse;font-size:13px;margin:6px 0}table.mini td,table.mini th{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left}
.r{text-align:right}.nw{white-space:nowrap}
.controls{position:sticky;top:0;z-index:2;background:#fff;padding:10px 0;border-bottom:1px solid var(--line);display:flex;gap:18px;align-items:center}
select{font:inherit;padding:3px 6px;border:1px solid #b8c2cc;border-radius:6px;background:#fff}
#discrepancies{width:100%;border-collapse:collapse;table-layout:fixed;margin-top:8px}
#discrepancies th{white-space:nowrap;text-align:left;font-size:13px;color:var(--muted);font-weight:600;padding:6px 8px;border-bottom:2px solid var(--line)}
#discrepancies th:nth-child(1){width:125px}#discrepancies th:nth-child(2){width:120px}#discrepancies th:nth-child(3){width:110px}
#discrepancies td{vertical-align:top;padding:8px}
tbody.item{border-bottom:1px solid var(--line)}tbody.item:nth-of-type(even){background:#fbfcfd}
tbody[hidden]{display:none}
tr.detail td{padding-top:0;font-size:14px}
th button{font:inherit;color:inherit;background:none;border:0;padding:0;cursor:pointer;font-weight:600}
.conf .num{font-weight:600;font-size:16px;display:block}
.bar{display:block;height:5px;background:var(--line);border-radius:3px;margin-top:4px;width:80px}.bar span{display:block;height:100%;background:#d9480f;border-radius:3px}
.badge{display:inline-block;border-radius:10px;padding:1px 9px;font-size:12.5px;background:#e9ecef;white-space:nowrap}
.k-date{background:#dbe4ff}.k-number{background:#d3f9d8}.k-duration{background:#fff3bf}.k-since{background:#ffe8cc}
.k-role{background:#f3d9fa}.k-quote{background:#e3fafc}.k-contradiction{background:#ffe3e3}
.s-new{background:#1c7ed6;color:#fff}.s-open{background:#f59f00;color:#fff}.s-confirmed{background:#c92a2a;color:#fff}
.s-dismissed,.s-retired{background:#adb5bd;color:#fff}
.side .art{font-size:13px;margin-bottom:4px}.ab{display:inline-block;font-weight:700;color:var(--muted);margin-right:2px}
blockquote{margin:0;padding:6px 10px;border-left:3px solid var(--line);background:var(--bg);border-radius:0 6px 6px 0}
mark.span{background:var(--mark);padding:0 2px;border-radius:3px;font-weight:600}mark.diff{background:var(--diff);padding:0 1px;border-radius:3px}
.val{font-size:13px;margin-top:4px;color:var(--muted)}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--bg);padding:0 3px;border-radius:3px;color:var(--fg)}
.expl{margin-bottom:3px;font-weight:500}
.empty{padding:24px;text-align:center;color:var(--muted);font-size:16px}
@media print{.controls{position:static}select{border:0}}
"""

# Filters and sort live in the URL hash (#kind=date&status=new&sort=asc) so a filtered view can
# be bookmarked or sent to a colleague.
_JS = """
(function () {
  var table = document.getElementById('discrepancies');
  var items = Array.prototype.filter.call(table.tBodies, function (b) { return b.classList.contains('item'); });
  var heads = {};
  Array.prototype.forEach.call(table.tBodies, function (b) { if (b.classList.contains('story')) heads[b.dataset.story] = b; });
  var kind = document.getElementById('filter-kind'), status = document.getElementById('filter-status');
  var shown = document.getElementById('shown'), empty = document.getElementById('empty');
  var th = document.getElementById('th-confidence'), arrow = document.getElementById('arrow');
  var dir = 'desc';
  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) { select.value = value; return; }
  }
  var params = new URLSearchParams(location.hash.slice(1));
  choose(kind, params.get('kind') || ''); choose(status, params.get('status') || '');
  if (params.get('sort') === 'asc') dir = 'asc';
  function apply() {
    var k = kind.value, s = status.value, n = 0, sign = dir === 'asc' ? 1 : -1;
    var placed = {};
    for (var key in heads) heads[key].hidden = true;
    // Story by story (most confident story first), then by confidence inside a story.
    items.slice().sort(function (x, y) {
      return (x.dataset.rank - y.dataset.rank) || sign * (x.dataset.confidence - y.dataset.confidence)
        || (x.dataset.order - y.dataset.order);
    }).forEach(function (b) {
      var head = heads[b.dataset.story];
      if (head && !placed[b.dataset.story]) { table.appendChild(head); placed[b.dataset.story] = 1; }
      table.appendChild(b);
      var ok = (!k || b.dataset.kind === k) && (!s || b.dataset.status === s);
      b.hidden = !ok; if (ok) n++;
      if (ok && head) head.hidden = false;
    });
    shown.textContent = 'Showing ' + n + ' of ' + items.length + ' discrepancies';
    empty.hidden = n > 0;
    th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
    arrow.textContent = dir === 'asc' ? '\\u25B2' : '\\u25BC';
    var p = new URLSearchParams();
    if (k) p.set('kind', k); if (s) p.set('status', s); if (dir === 'asc') p.set('sort', 'asc');
    try { history.replaceState(null, '', p.toString() ? '#' + p.toString() : location.pathname); } catch (e) {}
    document.body.setAttribute('data-ready', '1');
  }
  kind.addEventListener('change', apply); status.addEventListener('change', apply);
  document.getElementById('sort-confidence').addEventListener('click', function () {
    dir = dir === 'asc' ? 'desc' : 'asc'; apply();
  });
  apply();
})();
"""
