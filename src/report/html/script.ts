/**
 * The report's behaviour, inlined as plain ES2017 (no build step, no library):
 * filters by severity and table, clicking a finding outlines its cells,
 * hovering a highlighted cell shows its findings. Without script the page still
 * reads: every finding is listed and flagged cells carry a title tooltip.
 */
export const SCRIPT = String.raw`
(function () {
  'use strict';
  var ORDER = { info: 0, rounding: 1, warning: 2, error: 3 };
  var SEVS = ['error', 'warning', 'rounding', 'info'];
  var RANK = { term: 0, disagrees: 1, culprit: 2 };
  var ROLES = ['culprit', 'disagrees', 'term'];
  var doc = document;
  var sevBoxes = Array.prototype.slice.call(doc.querySelectorAll('.filters input[data-sev]'));
  var tableSel = doc.getElementById('table-filter');
  var shown = doc.getElementById('shown');
  var tip = doc.getElementById('tip');
  function all(sel, root) { return Array.prototype.slice.call((root || doc).querySelectorAll(sel)); }
  function cssq(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'); }

  function enabled() {
    var on = {};
    sevBoxes.forEach(function (b) { on[b.getAttribute('data-sev')] = b.checked; });
    return on;
  }

  function apply() {
    var on = enabled();
    var t = tableSel ? tableSel.value : '';
    var total = 0, visible = 0;
    all('li.finding').forEach(function (li) {
      total++;
      var tables = (li.getAttribute('data-tables') || '').split(' ');
      var vis = !!on[li.getAttribute('data-sev')] && (t === '' || tables.indexOf(t) >= 0);
      li.hidden = !vis;
      if (vis) visible++;
    });
    all('section.tbl').forEach(function (s) { s.hidden = t !== '' && s.getAttribute('data-table') !== t; });
    all('nav.toc a').forEach(function (a) { a.hidden = t !== '' && a.getAttribute('data-table') !== t; });
    all('td.flag').forEach(function (td) {
      // The strongest role among the shown findings, then the highest severity (as src/report/roles.ts).
      var top = null, role = null;
      (td.getAttribute('data-marks') || '').split(' ').forEach(function (m) {
        var s = m.split(':')[0], r = m.split(':')[1];
        if (!on[s]) return;
        if (top === null || RANK[r] > RANK[role] || (RANK[r] === RANK[role] && ORDER[s] > ORDER[top])) { top = s; role = r; }
      });
      SEVS.forEach(function (s) { td.classList.toggle('sev-' + s, s === top); });
      ROLES.forEach(function (r) { td.classList.toggle('role-' + r, r === role); });
    });
    all('figure.chart g.bar').forEach(function (g) { g.classList.toggle('active', g.getAttribute('data-table') === t); });
    if (shown) shown.textContent = shown.getAttribute('data-label') + ' ' + visible + ' / ' + total;
  }

  function clearSelection() {
    all('td.outlined').forEach(function (td) { td.classList.remove('outlined'); });
    all('li.finding.selected').forEach(function (li) { li.classList.remove('selected'); });
  }

  /** Outlines the cells (keys like "03支出总表!D7") of one finding and scrolls to the first. */
  function select(li, keys) {
    clearSelection();
    li.classList.add('selected');
    var file = li.closest('section.file');
    var first = null;
    keys.forEach(function (k) {
      all('td[data-cell="' + cssq(k) + '"]', file).forEach(function (td) {
        var sec = td.closest('section.tbl');
        if (sec && sec.hidden && tableSel) { tableSel.value = ''; apply(); }
        td.classList.add('outlined');
        if (!first) first = td;
      });
    });
    if (first) {
      first.scrollIntoView({ block: 'center', inline: 'center' });
      first.focus({ preventScroll: true });
    }
  }

  function cellsOf(li) {
    try { return JSON.parse(li.getAttribute('data-cells') || '[]'); } catch (e) { return []; }
  }

  // A batch page: each file's section is stored gzip'd (data-gz) and rendered when opened.
  function renderSection(sec) {
    var z = sec && sec.getAttribute('data-gz');
    if (!z) return Promise.resolve(sec);
    sec.removeAttribute('data-gz');
    var bin = atob(z), bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(function (html) {
      var body = sec.querySelector('.lazy-body');
      body.innerHTML = html;
      initTips(body);
      apply();
      return sec;
    });
  }
  function openFile(id) {
    var sec = id && doc.getElementById(id);
    if (!sec) return;
    renderSection(sec).then(function () { sec.scrollIntoView({ block: 'start' }); });
  }

  doc.addEventListener('click', function (ev) {
    var target = ev.target;
    var opener = target.closest && target.closest('.open-file');
    if (opener) {
      ev.preventDefault();
      openFile(opener.getAttribute('data-open'));
      return;
    }
    var loc = target.closest && target.closest('a.loc');
    if (loc) {
      ev.preventDefault();
      select(loc.closest('li.finding, li.fix'), [loc.getAttribute('data-target')]);
      return;
    }
    var li = target.closest && target.closest('li.finding');
    if (li) { select(li, cellsOf(li)); return; }
    var td = target.closest && target.closest('td.flag');
    if (td) {
      // From a cell back to its (first visible) finding.
      var file = td.closest('section.file');
      var ids = (td.getAttribute('data-f') || '').split(' ');
      for (var i = 0; i < ids.length; i++) {
        var f = file.querySelector('li.finding[data-i="' + ids[i] + '"]');
        if (f && !f.hidden) {
          clearSelection();
          f.classList.add('selected');
          td.classList.add('outlined');
          f.scrollIntoView({ block: 'center' });
          break;
        }
      }
      return;
    }
    var bar = target.closest && target.closest('figure.chart g.bar');
    if (bar && tableSel) {
      var id = bar.getAttribute('data-table');
      var has = all('option', tableSel).some(function (o) { return o.value === id; });
      tableSel.value = tableSel.value === id || !has ? '' : id;
      apply();
    }
  });

  doc.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') { clearSelection(); return; }
    var li = ev.target.closest && ev.target.closest('li.finding');
    if (li && ev.target === li && (ev.key === 'Enter' || ev.key === ' ')) {
      ev.preventDefault();
      select(li, cellsOf(li));
    }
  });

  // Hovering a flagged cell: a tooltip listing its findings (the title attribute is the no-script fallback).
  function initTips(root) {
    all('td.flag', root).forEach(function (td) {
      td.setAttribute('data-tip', td.getAttribute('title') || '');
      td.removeAttribute('title');
    });
  }
  initTips(doc);
  function showTip(td) {
    if (!tip) return;
    tip.textContent = td.getAttribute('data-tip');
    tip.hidden = false;
    var r = td.getBoundingClientRect();
    var x = window.scrollX + r.left;
    var maxX = window.scrollX + doc.documentElement.clientWidth - tip.offsetWidth - 8;
    tip.style.left = Math.max(window.scrollX + 4, Math.min(x, maxX)) + 'px';
    tip.style.top = (window.scrollY + r.bottom + 4) + 'px';
  }
  function hideTip() { if (tip) tip.hidden = true; }
  doc.addEventListener('mouseover', function (ev) {
    var td = ev.target.closest && ev.target.closest('td.flag');
    if (td) showTip(td); else hideTip();
  });
  doc.addEventListener('focusin', function (ev) {
    if (ev.target.matches && ev.target.matches('td.flag')) showTip(ev.target); else hideTip();
  });
  window.addEventListener('scroll', hideTip, true);

  sevBoxes.forEach(function (b) { b.addEventListener('change', apply); });
  if (tableSel) tableSel.addEventListener('change', apply);
  apply();
  if (/^#file-\d+$/.test(location.hash)) openFile(location.hash.slice(1));
})();
`;
