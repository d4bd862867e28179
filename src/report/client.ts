// The page's only script (allowed by its hash in the CSP). Plain ES5 in a raw string: the page must
// not depend on a bundler, and the exact text is what the hash covers. It never builds markup from
// article text: sentences are read and written with textContent; innerHTML only ever gets numbers.
// The trigram similarity below mirrors src/report/similarity.ts (test/browser.test.ts compares them).

export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var FLOOR = 0.35, TOP = 0.8;
  var doc = document;
  var all = function (root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
  var state = readHash();

  function readHash() {
    var s = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var p = kv.indexOf('=');
      try { s[p < 0 ? kv : kv.slice(0, p)] = p < 0 ? '' : decodeURIComponent(kv.slice(p + 1)); } catch (e) { /* a hand-edited hash */ }
    });
    return s;
  }
  function writeHash() {
    var parts = [];
    Object.keys(state).sort().forEach(function (k) {
      if (state[k] !== undefined && state[k] !== null && state[k] !== '') parts.push(k + '=' + encodeURIComponent(state[k]));
    });
    history.replaceState(null, '', location.href.split('#')[0] + (parts.length ? '#' + parts.join('&') : ''));
  }
  function fold(text) { return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase(); }

  // Character trigrams, as in similarity.ts: lower case, non-letters/digits as one space, padded.
  function trigrams(text) {
    var t = ' ' + text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim() + ' ';
    var m = new Map();
    for (var i = 0; i + 3 <= t.length; i++) { var g = t.slice(i, i + 3); m.set(g, (m.get(g) || 0) + 1); }
    var norm = 0;
    m.forEach(function (v) { norm += v * v; });
    return { m: m, norm: Math.sqrt(norm) };
  }
  function cosine(a, b) {
    if (!a.norm || !b.norm) return 0;
    var small = a.m.size <= b.m.size ? a : b, large = small === a ? b : a, dot = 0;
    small.m.forEach(function (v, g) { dot += v * (large.m.get(g) || 0); });
    return dot / (a.norm * b.norm);
  }
  // Pale yellow (at the floor) to dark blue (identical), the same scale on every map.
  var STOPS = [[255, 237, 160], [65, 182, 196], [37, 52, 148]];
  function color(t) {
    t = Math.max(0, Math.min(1, t)) * (STOPS.length - 1);
    var k = Math.min(STOPS.length - 2, Math.floor(t)), f = t - k, out = [];
    for (var c = 0; c < 3; c++) out.push(Math.round(STOPS[k][c] + (STOPS[k + 1][c] - STOPS[k][c]) * f));
    return 'rgb(' + out.join(',') + ')';
  }
  function el(tag, cls, text) {
    var e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var dialog = doc.getElementById('ctx');
  var dialogBody = doc.getElementById('ctx-body');
  var sections = all(doc, 'section.story');
  var controllers = sections.map(function (section, k) { return storyController(section, k); });

  function storyController(section, k) {
    var articles = all(section, 'article.doc');
    var names = articles.map(function (a) { return a.getAttribute('data-name') || ''; });
    var segs = articles.map(function (a) {
      return all(a, 'li.seg').map(function (li) {
        var fr = li.querySelector('.fr');
        return { li: li, kind: li.getAttribute('data-kind'), fr: fr ? fr.textContent : '', vec: null };
      });
    });
    var facts = all(section, '.fact');
    var factOutlets = facts.map(function (f) { return (f.getAttribute('data-outlets') || '').split(' ').filter(Boolean).map(Number); });
    var texts = facts.map(function (f) { return fold(f.textContent); });
    var pairsEl = section.querySelector('script.pairs');
    var pairs = pairsEl ? JSON.parse(pairsEl.textContent) : [];
    var controls = section.querySelector('.controls');
    var q = section.querySelector('input.search');
    var min = section.querySelector('select.min-outlets');
    var grade = section.querySelector('select.grade');
    var en = section.querySelector('input.show-en');
    var flaggedOnly = section.querySelector('input.flagged-only');
    var boxes = all(section, 'input.outlet-filter');
    var shown = section.querySelector('.facts-shown');
    if (controls) controls.hidden = false;

    function applyFilters() {
      var needle = fold((q && q.value || '').trim());
      var words = needle ? needle.split(/\s+/) : [];
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return Number(b.value); });
      var m = min ? Number(min.value) : 1, g = grade ? grade.value : '', count = 0;
      facts.forEach(function (f, i) {
        var os = factOutlets[i];
        var keep = os.length >= m &&
          (!g || f.getAttribute('data-grade') === g) &&
          (!flaggedOnly || !flaggedOnly.checked || f.hasAttribute('data-flagged')) &&
          ticked.every(function (o) { return os.indexOf(o) >= 0; }) &&
          words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        f.classList.toggle('filtered', !keep);
        if (keep) count++;
      });
      all(section, 'details.only').forEach(function (d) {
        var visible = all(d, '.fact:not(.filtered)').length;
        d.classList.toggle('filtered', visible === 0);
        var n = d.querySelector('.match-count');
        var total = all(d, '.fact').length;
        if (n) n.textContent = visible === total ? '' : ' (' + visible + ' match)';
        if (words.length && visible) d.open = true;
      });
      all(section, '.more-members').forEach(function (d) { if (words.length) d.open = true; });
      if (shown) shown.textContent = count + ' of ' + facts.length + ' facts shown';
      if (en) doc.body.classList.toggle('hide-en', !en.checked);
    }
    function saveFilters() {
      state.q = q && q.value.trim() ? q.value.trim() : undefined;
      var ticked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      state.o = ticked.length ? ticked.join(',') : undefined;
      state.min = min && min.value !== '1' ? min.value : undefined;
      state.g = grade && grade.value ? grade.value : undefined;
      state.en = en && !en.checked ? '0' : undefined;
      state.fl = flaggedOnly && flaggedOnly.checked ? '1' : undefined;
      writeHash();
      applyFilters();
    }
    function loadFilters() {
      if (q) q.value = state.q || '';
      var ticked = (state.o || '').split(',');
      boxes.forEach(function (b) { b.checked = ticked.indexOf(b.value) >= 0; });
      if (min) min.value = state.min || '1';
      if (min && !min.value) min.value = '1';
      if (grade) grade.value = state.g || '';
      if (en) en.checked = state.en !== '0';
      if (flaggedOnly) flaggedOnly.checked = state.fl === '1';
      applyFilters();
    }
    [q, min, grade, en, flaggedOnly].concat(boxes).forEach(function (input) {
      if (input) input.addEventListener(input === q ? 'input' : 'change', saveFilters);
    });
    var form = section.querySelector('form.controls');
    if (form) form.addEventListener('submit', function (e) { e.preventDefault(); });

    // Click-to-context: the sentence's article in a dialog, the sentence marked, its neighbours near it.
    function openContext(o, i) {
      var article = articles[o];
      if (!article || !dialog) return;
      var copy = article.cloneNode(true);
      copy.hidden = false;
      all(copy, 'li.seg').forEach(function (li) {
        var d = Math.abs(Number(li.getAttribute('data-i')) - i);
        li.classList.toggle('hit', d === 0);
        li.classList.toggle('near', d > 0 && d <= 2);
        li.removeAttribute('id');
      });
      dialogBody.textContent = '';
      dialogBody.appendChild(copy);
      if (!dialog.open) dialog.showModal();
      var hit = copy.querySelector('li.hit');
      if (hit) { hit.setAttribute('tabindex', '-1'); hit.scrollIntoView({ block: 'center' }); hit.focus({ preventScroll: true }); }
      state.ctx = o + '.' + i;
      writeHash();
    }
    section.addEventListener('click', function (e) {
      // In-page jumps scroll without touching the hash, which holds the view.
      var jump = e.target.closest && e.target.closest('nav.jump a');
      if (jump) {
        e.preventDefault();
        var target = doc.getElementById(jump.getAttribute('href').slice(1));
        if (target) target.scrollIntoView();
        return;
      }
      var a = e.target.closest && e.target.closest('a.ctx');
      if (!a) return;
      e.preventDefault();
      openContext(Number(a.getAttribute('data-o')), Number(a.getAttribute('data-i')));
    });

    // Similarity: a versions × versions overview, then the map of one pair, built on demand.
    var sim = section.querySelector('.sim');
    var selA = sim && sim.querySelector('select.pair-a');
    var selB = sim && sim.querySelector('select.pair-b');
    var mapBox = sim && sim.querySelector('.pair-map');
    var detail = sim && sim.querySelector('.pair-detail');
    var keptByPair = {};
    pairs.forEach(function (p) {
      var key = Math.min(p[0], p[2]) + '.' + Math.max(p[0], p[2]);
      (keptByPair[key] = keptByPair[key] || []).push(p);
    });
    function shared(i, j) {
      var n = 0;
      factOutlets.forEach(function (os) { if (os.indexOf(i) >= 0 && os.indexOf(j) >= 0) n++; });
      return n;
    }
    function factsOf(i) { return factOutlets.filter(function (os) { return os.indexOf(i) >= 0; }).length; }
    function overview() {
      var box = sim && sim.querySelector('.overview');
      var n = names.length;
      if (!box || n < 2) return;
      if (n > 80) { box.textContent = n + ' versions: pick a pair below.'; return; }
      var counts = names.map(function (_, i) { return factsOf(i); });
      var table = el('table', 'matrix');
      var head = el('tr');
      head.appendChild(el('th', '', ''));
      names.forEach(function (name, j) { var th = el('th', 'col', name); th.title = name; head.appendChild(th); });
      table.appendChild(el('thead')).appendChild(head);
      var body = table.appendChild(el('tbody'));
      names.forEach(function (name, i) {
        var tr = body.appendChild(el('tr'));
        var th = tr.appendChild(el('th', 'row', name));
        th.title = name;
        names.forEach(function (other, j) {
          var td = tr.appendChild(el('td'));
          if (i === j) { td.className = 'self'; td.textContent = counts[i]; td.title = name + ': ' + counts[i] + ' facts'; return; }
          var s = shared(i, j), kept = (keptByPair[Math.min(i, j) + '.' + Math.max(i, j)] || []).length;
          var cover = s / Math.max(1, Math.min(counts[i], counts[j]));
          var b = td.appendChild(el('button', 'cell', String(s)));
          b.type = 'button';
          b.setAttribute('aria-label', name + ' × ' + other + ': ' + s + ' shared facts (' + Math.round(cover * 100) + '% of the smaller), ' + kept + ' aligned pairs');
          b.title = b.getAttribute('aria-label');
          b.setAttribute('data-a', Math.min(i, j)); b.setAttribute('data-b', Math.max(i, j));
          b.classList.add('c' + Math.min(4, Math.floor(cover * 5)));
          b.addEventListener('click', function () { choosePair(Math.min(i, j), Math.max(i, j), true); });
        });
      });
      box.textContent = '';
      box.appendChild(table);
    }
    function vec(o, i) { var s = segs[o][i]; if (!s.vec) s.vec = trigrams(s.fr); return s.vec; }
    var current = null;
    function choosePair(a, b, focus) {
      if (!mapBox || a === b || !segs[a] || !segs[b]) return;
      if (a > b) { var t = a; a = b; b = t; }
      selA.value = String(a); selB.value = String(b);
      all(sim, 'button.cell').forEach(function (c) { c.classList.toggle('on', Number(c.getAttribute('data-a')) === a && Number(c.getAttribute('data-b')) === b); });
      var rows = segs[a], cols = segs[b], scores = [], kept = {};
      (keptByPair[a + '.' + b] || []).forEach(function (p) {
        var r = p[0] === a ? p[1] : p[3], c = p[0] === a ? p[3] : p[1];
        kept[r + '.' + c] = p;
      });
      var cell = Math.max(7, Math.min(18, Math.floor((Math.max(200, mapBox.clientWidth) - 40) / Math.max(1, cols.length))));
      var M = 30, w = M + cols.length * cell + 2, h = M + rows.length * cell + 2, parts = [];
      parts.push('<rect class="bg" x="' + M + '" y="' + M + '" width="' + cols.length * cell + '" height="' + rows.length * cell + '"/>');
      rows.forEach(function (s, i) { if (s.kind === 'boilerplate') parts.push('<rect class="bp" x="' + M + '" y="' + (M + i * cell) + '" width="' + cols.length * cell + '" height="' + cell + '"/>'); });
      cols.forEach(function (s, j) { if (s.kind === 'boilerplate') parts.push('<rect class="bp" x="' + (M + j * cell) + '" y="' + M + '" width="' + cell + '" height="' + rows.length * cell + '"/>'); });
      var candidates = 0;
      for (var i = 0; i < rows.length; i++) {
        scores.push([]);
        for (var j = 0; j < cols.length; j++) {
          var v = cosine(vec(a, i), vec(b, j));
          scores[i].push(v);
          if (v >= FLOOR) {
            candidates++;
            parts.push('<rect class="sim-cell" x="' + (M + j * cell) + '" y="' + (M + i * cell) + '" width="' + cell + '" height="' + cell + '" fill="' + color((v - FLOOR) / (TOP - FLOOR)) + '"/>');
          }
        }
      }
      Object.keys(kept).forEach(function (key) {
        var rc = key.split('.').map(Number);
        parts.push('<rect class="kept" x="' + (M + rc[1] * cell + 1) + '" y="' + (M + rc[0] * cell + 1) + '" width="' + (cell - 2) + '" height="' + (cell - 2) + '"/>');
      });
      for (var t2 = 0; t2 < Math.max(rows.length, cols.length); t2 += 5) {
        if (t2 < cols.length) parts.push('<text x="' + (M + t2 * cell + cell / 2) + '" y="' + (M - 6) + '" text-anchor="middle">' + t2 + '</text>');
        if (t2 < rows.length) parts.push('<text x="' + (M - 4) + '" y="' + (M + t2 * cell + cell / 2 + 3) + '" text-anchor="end">' + t2 + '</text>');
      }
      parts.push('<rect class="cursor" x="0" y="0" width="' + cell + '" height="' + cell + '"/>');
      mapBox.innerHTML = '<svg class="map" tabindex="0" role="application" width="' + w + '" height="' + h + '" viewBox="0 0 ' + w + ' ' + h + '">' + parts.join('') + '</svg>';
      var svg = mapBox.firstChild;
      svg.setAttribute('aria-label', 'Similarity map ' + names[a] + ' (rows) × ' + names[b] + ' (columns): ' + candidates + ' sentence pairs above ' + FLOOR + ', ' + Object.keys(kept).length + ' kept by the aligner outlined. Arrow keys move, N jumps to the next kept pair.');
      var cap = sim.querySelector('.pair-caption');
      if (cap) cap.textContent = names[a] + ' (rows, ' + rows.length + ' sentences) × ' + names[b] + ' (columns, ' + cols.length + '): ' + candidates + ' candidate pairs with similarity ≥ ' + FLOOR + ', ' + Object.keys(kept).length + ' kept pairs outlined.';
      current = { a: a, b: b, rows: rows, cols: cols, scores: scores, kept: kept, cell: cell, M: M, svg: svg, i: 0, j: 0 };
      var keys = Object.keys(kept).map(function (k2) { return k2.split('.').map(Number); }).sort(function (x, y) { return x[0] - y[0] || x[1] - y[1]; });
      current.keptList = keys;
      svg.addEventListener('keydown', onKey);
      svg.addEventListener('click', onPoint);
      var start = (state.cell || '').split('.').map(Number);
      if (state.pair === a + '.' + b && start.length === 2 && start[0] < rows.length && start[1] < cols.length) select(start[0], start[1], false);
      else if (keys.length) select(keys[0][0], keys[0][1], false);
      else select(0, 0, false);
      state.pair = a + '.' + b;
      writeHash();
      if (focus) svg.focus();
    }
    function select(i, j, save) {
      var c = current;
      if (!c || !c.rows.length || !c.cols.length) { if (detail) detail.textContent = 'No sentences on one side.'; return; }
      i = Math.max(0, Math.min(c.rows.length - 1, i)); j = Math.max(0, Math.min(c.cols.length - 1, j));
      c.i = i; c.j = j;
      var cur = c.svg.querySelector('.cursor');
      cur.setAttribute('x', c.M + j * c.cell); cur.setAttribute('y', c.M + i * c.cell);
      var p = c.kept[i + '.' + j];
      detail.textContent = '';
      var head = detail.appendChild(el('p', 'pair-head'));
      head.textContent = names[c.a] + ' #' + i + ' ↔ ' + names[c.b] + ' #' + j + ' · similarity ' + c.scores[i][j].toFixed(2) +
        (p ? ' · kept by the aligner (score ' + p[4].toFixed(3) + ', grade ' + p[5] + ')' : ' · not kept');
      [[c.a, i, c.rows[i]], [c.b, j, c.cols[j]]].forEach(function (side) {
        var line = detail.appendChild(el('p', 'pair-side' + (side[2].kind === 'boilerplate' ? ' bp' : '')));
        line.appendChild(el('span', 'who', names[side[0]] + ' '));
        var link = line.appendChild(el('a', 'ctx', side[2].fr));
        link.href = '#';
        link.setAttribute('data-o', side[0]); link.setAttribute('data-i', side[1]);
      });
      if (save) { state.cell = i + '.' + j; writeHash(); }
    }
    function onKey(e) {
      var c = current; if (!c) return;
      var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], PageUp: [-5, 0], PageDown: [5, 0] };
      if (moves[e.key]) { select(c.i + moves[e.key][0], c.j + moves[e.key][1], true); e.preventDefault(); return; }
      if (e.key === 'Home') { select(c.i, 0, true); e.preventDefault(); return; }
      if (e.key === 'End') { select(c.i, c.cols.length - 1, true); e.preventDefault(); return; }
      if (e.key === 'n' || e.key === 'N') { nextKept(); e.preventDefault(); }
    }
    function nextKept() {
      var c = current; if (!c || !c.keptList.length) return;
      var next = c.keptList.filter(function (k2) { return k2[0] > c.i || (k2[0] === c.i && k2[1] > c.j); })[0] || c.keptList[0];
      select(next[0], next[1], true);
    }
    function onPoint(e) {
      var c = current, box = c.svg.getBoundingClientRect(), vb = c.svg.viewBox.baseVal;
      var x = (e.clientX - box.left) * vb.width / box.width, y = (e.clientY - box.top) * vb.height / box.height;
      var j = Math.floor((x - c.M) / c.cell), i = Math.floor((y - c.M) / c.cell);
      if (i >= 0 && j >= 0 && i < c.rows.length && j < c.cols.length) select(i, j, true);
      c.svg.focus();
    }
    if (sim) {
      [selA, selB].forEach(function (s) { s.addEventListener('change', function () { state.cell = undefined; choosePair(Number(selA.value), Number(selB.value), false); }); });
      var nextBtn = sim.querySelector('button.next-kept');
      if (nextBtn) nextBtn.addEventListener('click', nextKept);
      sim.hidden = false;
    }
    var built = false;
    function show() {
      if (!built) {
        built = true;
        overview();
        var p = (state.pair || '').split('.').map(Number);
        if (p.length === 2 && p[0] !== p[1] && segs[p[0]] && segs[p[1]]) choosePair(p[0], p[1], false);
        else if (names.length > 1) choosePair(0, 1, false);
      }
      loadFilters();
      var ctx = (state.ctx || '').split('.').map(Number);
      if (ctx.length === 2 && articles[ctx[0]]) openContext(ctx[0], ctx[1]);
    }
    return { show: show };
  }

  if (dialog) {
    var close = doc.getElementById('ctx-close');
    if (close) close.addEventListener('click', function () { dialog.close(); });
    dialog.addEventListener('close', function () { state.ctx = undefined; writeHash(); });
  }

  // Several stories: the index first; a story's section when the hash names it. Long indexes are paged.
  var index = doc.getElementById('stories');
  var PAGE = 50;
  function showIndexPage() {
    if (!index) return;
    var rows = all(index, 'tbody tr'), needle = fold((state.sq || '').trim()), page = Number(state.page || 0);
    var matching = rows.filter(function (r) { return !needle || fold(r.textContent).indexOf(needle) >= 0; });
    var pages = Math.max(1, Math.ceil(matching.length / PAGE));
    page = Math.max(0, Math.min(pages - 1, page));
    rows.forEach(function (r) { r.hidden = true; });
    matching.slice(page * PAGE, page * PAGE + PAGE).forEach(function (r) { r.hidden = false; });
    var info = index.querySelector('.page-info');
    if (info) info.textContent = matching.length + ' stories · page ' + (page + 1) + ' of ' + pages;
    var prev = index.querySelector('button.prev'), next = index.querySelector('button.next');
    if (prev) prev.disabled = page === 0;
    if (next) next.disabled = page >= pages - 1;
  }
  if (index) {
    var pager = index.querySelector('.pager');
    if (pager) pager.hidden = false;
    var sq = index.querySelector('input.story-search');
    if (sq) { sq.value = state.sq || ''; sq.addEventListener('input', function () { state.sq = sq.value.trim() || undefined; state.page = undefined; writeHash(); showIndexPage(); }); }
    index.querySelector('button.prev').addEventListener('click', function () { state.page = String(Math.max(0, Number(state.page || 0) - 1)); writeHash(); showIndexPage(); });
    index.querySelector('button.next').addEventListener('click', function () { state.page = String(Number(state.page || 0) + 1); writeHash(); showIndexPage(); });
  }
  function route() {
    var k = sections.length === 1 && !index ? 0 : (state.story === undefined ? -1 : Number(state.story));
    sections.forEach(function (s, i) { s.hidden = i !== k; });
    if (index) { index.hidden = k >= 0; showIndexPage(); }
    if (controllers[k]) controllers[k].show();
  }
  window.addEventListener('hashchange', function () { state = readHash(); if (dialog && dialog.open && !state.ctx) dialog.close(); route(); });
  doc.body.classList.add('js');
  route();
  // For the benchmark (scripts/bench-report.ts): when the interactive views are built.
  if (window.performance && performance.mark) performance.mark('fralign-ready');
})();
`;
