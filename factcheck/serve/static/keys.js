// Keyboard shortcuts for the review pages: j/n next, k/p previous, c confirm, d dismiss, Enter open.
(function () {
  function typing(e) {
    var t = e.target;
    return t && (t.tagName === 'TEXTAREA' || t.tagName === 'INPUT' || t.tagName === 'SELECT');
  }
  function go(id) { var a = document.getElementById(id); if (a) location.href = a.href; }
  function click(id) { var b = document.getElementById(id); if (b) b.click(); }

  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.flag'));
  var current = -1;
  function select(i) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, i));
    rows.forEach(function (r, j) { r.classList.toggle('selected', j === current); });
    rows[current].scrollIntoView({block: 'nearest'});
  }
  rows.forEach(function (r, i) {
    r.addEventListener('click', function (e) { if (e.target.tagName !== 'A') location.href = r.dataset.href; });
  });

  document.addEventListener('keydown', function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (typing(e)) {
      if (e.key === 'Escape') e.target.blur();
      return;
    }
    var key = e.key;
    if (document.body.classList.contains('page-list')) {
      if (key === 'j' || key === 'n' || key === 'ArrowDown') { select(current + 1); e.preventDefault(); }
      else if (key === 'k' || key === 'p' || key === 'ArrowUp') { select(current - 1); e.preventDefault(); }
      else if (key === 'Enter' && current >= 0) location.href = rows[current].dataset.href;
      return;
    }
    if (key === 'j' || key === 'n') go('next');
    else if (key === 'k' || key === 'p') go('prev');
    else if (key === 'c') click('confirm');
    else if (key === 'd') {
      var note = document.getElementById('note');
      if (note && !note.value.trim()) { note.focus(); e.preventDefault(); } else click('dismiss');
    }
  });
})();
