"""The report page's stylesheet and script, inlined by ``to_html`` so ``report.html`` is one self-contained file.

Apart from the renderer because they are assets, not logic: changing a colour should not touch
the code that builds the page.
"""

CSS = """
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
JS = """
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
