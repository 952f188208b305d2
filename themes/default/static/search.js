/* helpcentre search client: dependency-free, no build step.
 * Loads search/manifest.json, then only the dictionary and postings chunks a
 * query needs, and one small fragment per result shown. The Rust build does
 * the stemming; the client maps typed words to index terms through the
 * dictionary, with prefix matching on the last word and typo tolerance. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var HC = window.HC || null;
  var base = (HC && HC.base) || root.getAttribute('data-base') || '/';
  if (base.charAt(base.length - 1) !== '/') base += '/';
  var dir = base + 'search/';
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = {};
  for (var d = 0; d < 64; d++) DIGIT[B64.charAt(d)] = d;
  var KINDS = [['device', 'Device'], ['provider', 'Provider'], ['product', 'Product']];

  // ---- loading -------------------------------------------------------
  var files = {};
  function load(path) {
    if (!files[path]) {
      files[path] = fetch(dir + path).then(function (r) {
        if (!r.ok) throw new Error('search file ' + path + ': HTTP ' + r.status);
        return r.json();
      });
      files[path].catch(function () { delete files[path]; });
    }
    return files[path];
  }
  var ready = null;
  function manifest() {
    if (!ready) {
      ready = load('manifest.json').then(function (m) {
        return load(m.meta).then(function (meta) { return setup(m, meta); });
      });
      ready.catch(function () { ready = null; });
    }
    return ready;
  }

  // Per-record facets from the meta table: provider/product ranges, device
  // masks, freshness.
  function setup(m, meta) {
    var n = m.records, i, j;
    var idx = { m: m, n: n, stop: {}, prov: new Int16Array(n).fill(-1), prod: new Int16Array(n).fill(-1),
      mask: new Float64Array(n), fresh: new Uint8Array(n), meta: meta, postings: {} };
    m.stop.forEach(function (w) { idx.stop[w] = 1; });
    function fill(list, arr, at) {
      list.forEach(function (entry, k) {
        var r = entry[at];
        for (j = 0; j + 1 < r.length; j += 2) for (i = r[j]; i < r[j + 1] && i < n; i++) arr[i] = k;
      });
    }
    fill(meta.providers, idx.prov, 2);
    fill(meta.products, idx.prod, 3);
    for (i = 0; i < n; i++) {
      var mask = 0;
      for (j = 0; j < meta.dw; j++) mask += DIGIT[meta.dm.charAt(i * meta.dw + j)] * Math.pow(64, j);
      idx.mask[i] = mask;
      idx.fresh[i] = DIGIT[meta.fresh.charAt(i)] || 0;
    }
    return idx;
  }

  // ---- analysis (mirrors src/search/analysis.rs) ---------------------
  function fold(s) { return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(); }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  // The table entry (first key, file) whose range holds `key`.
  function locate(table, key) {
    var lo = 0, hi = table.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (table[mid][0] <= key) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return table.length ? at : -1;
  }
  function termsOf(surface, spec) {
    return (Array.isArray(spec) ? spec : [spec]).map(function (t) {
      return typeof t === 'number' ? surface.slice(0, t) : t;
    });
  }
  // Restricted edit distance (a swap of neighbours counts once), or
  // max + 1 as soon as it is certain to exceed `max`.
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (prev2 && i > 1 && j > 1 && a.charAt(i - 1) === b.charAt(j - 2) && a.charAt(i - 2) === b.charAt(j - 1)) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      prev2 = prev; prev = cur;
    }
    return prev[b.length];
  }

  // Candidate terms of one typed word: term -> weight; surfaces to highlight.
  function candidates(idx, word, prefix) {
    var dict = idx.m.dict, at = locate(dict, word), paths = [];
    if (at < 0) return Promise.resolve({ terms: {}, surfaces: [] });
    paths.push(dict[at][1]);
    if (prefix) {
      for (var k = at + 1; k < dict.length && paths.length < 3 && dict[k][0].lastIndexOf(word, 0) === 0; k++) paths.push(dict[k][1]);
    }
    return Promise.all(paths.map(load)).then(function (chunks) {
      var terms = {}, surfaces = [word], exact = false;
      function add(surface, spec, weight) {
        termsOf(surface, spec).forEach(function (t) { if (!(terms[t] >= weight)) terms[t] = weight; });
        if (surfaces.indexOf(surface) < 0) surfaces.push(surface);
      }
      var own = chunks[0].w;
      if (Object.prototype.hasOwnProperty.call(own, word)) { add(word, own[word], 1); exact = true; }
      if (prefix && word.length >= 2) {
        var found = [];
        chunks.forEach(function (c) {
          for (var s in c.w) if (s !== word && s.lastIndexOf(word, 0) === 0) found.push(s);
        });
        found.sort(function (a, b) { return a.length - b.length; }).slice(0, 40).forEach(function (s) {
          var c = chunks.find(function (ch) { return Object.prototype.hasOwnProperty.call(ch.w, s); });
          add(s, c.w[s], 0.8);
        });
        if (found.length) exact = true;
      }
      if (!exact && word.length >= 5) {
        var max = word.length >= 9 ? 2 : 1;
        for (var s2 in own) {
          if (s2.charAt(0) !== word.charAt(0)) continue;
          var e = distance(word, s2, max);
          if (e <= max) add(s2, own[s2], e === 1 ? 0.6 : 0.45);
        }
      }
      return { terms: terms, surfaces: surfaces };
    });
  }

  function postings(idx, term) {
    if (idx.postings[term]) return Promise.resolve(idx.postings[term]);
    var table = idx.m.terms, at = locate(table, term);
    if (at < 0) return Promise.resolve(null);
    return load(table[at][1]).then(function (chunk) {
      var entry = chunk.t[term];
      if (!entry) return null;
      var s = entry[1], ids = [], scores = [], i = 0, prev = -1;
      while (i < s.length) {
        var v = 0, mul = 1, c;
        do { c = DIGIT[s.charAt(i++)]; v += (c & 31) * mul; mul *= 32; } while (c >= 32 && i < s.length);
        prev += v + 1;
        ids.push(prev);
        scores.push(entry[0] * DIGIT[s.charAt(i++)] / 63);
      }
      return (idx.postings[term] = { ids: ids, scores: scores });
    });
  }

  // ---- querying ------------------------------------------------------
  // A query is a list of clauses that must all match (AND). A clause is a
  // list of alternatives (the typed words, or a synonym's words); an
  // alternative is a list of candidate sets, one per word, all required.
  function query(text, prefix) {
    return manifest().then(function (idx) {
      var raw = words(text), typed = raw.filter(function (w) { return !idx.stop[w]; });
      if (!typed.length) typed = raw.slice(-1);
      var open = prefix && !/\s$/.test(text);
      return Promise.all(typed.map(function (w, i) { return candidates(idx, w, open && i === typed.length - 1); }))
        .then(function (cands) { return plan(idx, typed, cands); });
    });
  }

  function plan(idx, typed, cands) {
    var stems = typed.map(function (w, i) {
      var exact = Object.keys(cands[i].terms).filter(function (t) { return cands[i].terms[t] === 1; });
      return exact[0] || w;
    });
    var clauses = [], i = 0, highlight = [];
    cands.forEach(function (c) { highlight = highlight.concat(c.surfaces); });
    while (i < typed.length) {
      var best = null;
      idx.m.syn.forEach(function (s) {
        var from = s[0];
        if (from.length > (best ? best[0].length : 0) && from.every(function (t, k) { return stems[i + k] === t; })) best = s;
      });
      var span = best ? best[0].length : 1;
      var alts = [cands.slice(i, i + span).map(function (c) { return c.terms; })];
      if (best) best[1].forEach(function (phrase) {
        alts.push(phrase.map(function (t) { var o = {}; o[t] = 0.9; return o; }));
        highlight = highlight.concat(phrase);
      });
      clauses.push(alts);
      i += span;
    }
    var needed = {};
    clauses.forEach(function (alts) { alts.forEach(function (sets) { sets.forEach(function (set) { for (var t in set) needed[t] = 1; }); }); });
    return Promise.all(Object.keys(needed).map(function (t) { return postings(idx, t); })).then(function () {
      var started = performance.now();
      var result = rank(idx, clauses);
      result.ms = performance.now() - started;
      result.highlight = highlight;
      result.idx = idx;
      return result;
    });
  }

  // Best score per record for a candidate set (max over its terms); 0 = no match.
  function setScores(idx, set) {
    var out = new Float64Array(idx.n);
    for (var t in set) {
      var p = idx.postings[t];
      if (!p) continue;
      for (var k = 0; k < p.ids.length; k++) {
        var s = p.scores[k] * set[t], id = p.ids[k];
        if (s > out[id]) out[id] = s;
      }
    }
    return out;
  }
  // Sum of the arrays' scores for records in all of them (AND) or any (OR).
  function combine(n, arrays, all) {
    var out = new Float64Array(n);
    arrays.forEach(function (a, k) {
      for (var i = 0; i < n; i++) {
        if (all && k > 0 && !out[i]) continue;
        if (all && !a[i]) out[i] = 0; else out[i] += a[i];
      }
    });
    return out;
  }
  function rank(idx, clauses) {
    var n = idx.n;
    var clauseScores = clauses.map(function (alts) {
      var best = new Float64Array(n);
      alts.forEach(function (sets) {
        var s = combine(n, sets.map(function (set) { return setScores(idx, set); }), true);
        for (var i = 0; i < n; i++) if (s[i] > best[i]) best[i] = s[i];
      });
      return best;
    });
    var scores = combine(n, clauseScores, true), partial = false, ids = [], i;
    for (i = 0; i < n; i++) if (scores[i] > 0) ids.push(i);
    if (!ids.length && clauseScores.length > 1) {
      scores = combine(n, clauseScores, false);
      for (i = 0; i < n; i++) if (scores[i] > 0) ids.push(i);
      partial = ids.length > 0;
    }
    ids.sort(function (a, b) { return (scores[b] - scores[a]) || (idx.fresh[b] - idx.fresh[a]) || (a - b); });
    return { ids: ids, scores: scores, partial: partial };
  }

  // ---- facets --------------------------------------------------------
  function facetValues(idx, kind) {
    var meta = idx.meta;
    return kind === 'device' ? meta.devices : kind === 'provider' ? meta.providers : meta.products;
  }
  function passes(idx, id, kind, selected) {
    if (!selected.length) return true;
    var list = facetValues(idx, kind);
    if (kind === 'device') {
      var mask = idx.mask[id];
      if (!mask) return true; // a record for every device
      return selected.some(function (v) {
        var bit = list.findIndex(function (e) { return e[0] === v; });
        return bit >= 0 && Math.floor(mask / Math.pow(2, bit)) % 2 === 1;
      });
    }
    var at = kind === 'provider' ? idx.prov[id] : idx.prod[id];
    return at >= 0 && selected.indexOf(list[at][0]) >= 0;
  }
  // Filtered ids and, per kind, value -> count with the other kinds applied.
  function facet(idx, ids, filters) {
    var counts = {};
    KINDS.forEach(function (k) {
      var kind = k[0];
      var others = ids.filter(function (id) {
        return KINDS.every(function (o) { return o[0] === kind || passes(idx, id, o[0], filters[o[0]]); });
      });
      counts[kind] = facetValues(idx, kind).map(function (v) {
        return [v[0], v[1], others.filter(function (id) { return passes(idx, id, kind, [v[0]]); }).length];
      });
    });
    var shown = ids.filter(function (id) {
      return KINDS.every(function (o) { return passes(idx, id, o[0], filters[o[0]]); });
    });
    return { ids: shown, counts: counts };
  }

  // ---- rendering -----------------------------------------------------
  var fragments = {};
  function fragment(idx, id) {
    var key = idx.m.fragments + id + '.json?v=' + idx.m.version;
    return fragments[key] || (fragments[key] = load(key));
  }
  function esc(s) {
    return HC && HC.escapeHtml ? HC.escapeHtml(String(s)) : String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  function hit(token, marks) {
    var f = fold(token);
    return f.length > 0 && marks.some(function (m) { return f === m || (m.length >= 3 && f.lastIndexOf(m, 0) === 0); });
  }
  // Escaped text with matching words wrapped in <mark>.
  function highlight(text, marks) {
    return String(text || '').split(/([\p{L}\p{N}]+)/u).map(function (part, i) {
      return i % 2 && hit(part, marks) ? '<mark>' + esc(part) + '</mark>' : esc(part);
    }).join('');
  }
  // About 180 characters of the excerpt around the first match.
  function window180(text, marks) {
    var parts = String(text || '').split(/([\p{L}\p{N}]+)/u), pos = 0, first = -1;
    for (var i = 0; i < parts.length; i++) {
      if (i % 2 && hit(parts[i], marks)) { first = pos; break; }
      pos += parts[i].length;
    }
    if (first < 60 || text.length <= 180) return text.length > 180 ? text.slice(0, text.lastIndexOf(' ', 180)) + '…' : text;
    var start = text.indexOf(' ', first - 60) + 1;
    var end = text.lastIndexOf(' ', start + 180);
    return '…' + text.slice(start, end > start ? end : start + 180) + (end < text.length ? '…' : '');
  }
  function href(url) { return base.replace(/\/$/, '') + url; }
  function deviceName(idx, id) {
    if (HC && HC.deviceName) { var n = HC.deviceName(id); if (n) return n; }
    var e = idx.meta.devices.find(function (d) { return d[0] === id; });
    return e ? e[1] : id;
  }

  function readerDevice() {
    var id = null;
    try { id = HC && HC.device ? HC.device() : window.localStorage.getItem('helpcentre.device'); } catch (e) { id = null; }
    return id && id !== 'all' ? id : null;
  }

  // ---- header box: suggestions (ARIA combobox) -----------------------
  var input = doc.getElementById('search-input');
  var list = doc.getElementById('search-suggestions');
  var page = doc.querySelector('[data-search-page]');
  var active = -1, timer = 0, seq = 0;

  function options() { return list ? list.querySelectorAll('[role=option]') : []; }
  function close() {
    if (!list || !input) return;
    list.hidden = true;
    list.innerHTML = '';
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }
  function move(to) {
    var opts = options();
    if (!opts.length) return;
    active = (to + opts.length) % opts.length;
    for (var i = 0; i < opts.length; i++) opts[i].setAttribute('aria-selected', i === active ? 'true' : 'false');
    input.setAttribute('aria-activedescendant', opts[active].id);
  }
  function suggest() {
    var q = input.value, mine = ++seq;
    if (q.trim().length < 2) { close(); return; }
    query(q, true).then(function (res) {
      var device = readerDevice();
      var ids = device ? facet(res.idx, res.ids, { device: [device], provider: [], product: [] }).ids : res.ids;
      if (!ids.length) ids = res.ids;
      return Promise.all(ids.slice(0, 6).map(function (id) { return fragment(res.idx, id); })).then(function (frags) {
        if (mine !== seq) return;
        var items = frags.map(function (f, i) {
          var where = f.heading ? ' <span class="suggestion-section">' + highlight(f.heading, res.highlight) + '</span>' : '';
          return '<li role="option" id="search-option-' + i + '" aria-selected="false" data-href="' + esc(href(f.url)) + '">' +
            '<a href="' + esc(href(f.url)) + '" tabindex="-1"><span class="suggestion-title">' + highlight(f.title, res.highlight) + '</span>' + where + '</a></li>';
        });
        items.push('<li role="option" id="search-option-all" aria-selected="false" class="suggestion-all" data-href="' +
          esc(base + 'search/?q=' + encodeURIComponent(q.trim())) + '"><a href="' + esc(base + 'search/?q=' + encodeURIComponent(q.trim())) +
          '" tabindex="-1">' + (frags.length ? 'All results for “' + esc(q.trim()) + '”' : 'No suggestions; search for “' + esc(q.trim()) + '”') + '</a></li>');
        list.innerHTML = items.join('');
        list.hidden = false;
        active = -1;
        input.setAttribute('aria-expanded', 'true');
        input.removeAttribute('aria-activedescendant');
      });
    }).catch(function () { if (mine === seq) close(); });
  }
  if (input && list && !page) {
    input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(suggest, 60); });
    input.addEventListener('keydown', function (e) {
      if (e.key === 'ArrowDown') { e.preventDefault(); if (list.hidden) suggest(); else move(active + 1); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); move(active - 1); }
      else if (e.key === 'Escape') { if (!list.hidden) { e.preventDefault(); close(); } }
      else if (e.key === 'Enter' && active >= 0) {
        var opt = options()[active];
        if (opt) { e.preventDefault(); window.location.href = opt.getAttribute('data-href'); }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    list.addEventListener('mousedown', function (e) { e.preventDefault(); });
  }

  // ---- results page --------------------------------------------------
  var state = { q: '', filters: { device: [], provider: [], product: [] }, shown: 20, res: null };
  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    state.q = params.get('q') || '';
    KINDS.forEach(function (k) {
      state.filters[k[0]] = params.getAll(k[0]).join(',').split(',').filter(Boolean);
    });
    if (!params.has('device')) {
      var device = readerDevice();
      if (device) state.filters.device = [device];
    }
  }
  function writeUrl() {
    var params = new URLSearchParams();
    if (state.q) params.set('q', state.q);
    KINDS.forEach(function (k) { if (state.filters[k[0]].length) params.set(k[0], state.filters[k[0]].join(',')); });
    var qs = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (qs ? '?' + qs : ''));
  }
  function status(text, total) {
    var el = page.querySelector('[data-search-status]');
    if (!el) return;
    el.textContent = text;
    if (total === undefined) el.removeAttribute('data-total'); else el.setAttribute('data-total', total);
  }
  function run() {
    var mine = ++seq;
    if (!state.q.trim()) {
      status('Type in the search box above to find articles.');
      page.querySelector('[data-results]').innerHTML = '';
      page.querySelector('[data-facets]').innerHTML = '';
      return;
    }
    status('Searching…');
    query(state.q, false).then(function (res) {
      if (mine !== seq) return;
      state.res = res;
      state.shown = 20;
      show();
    }).catch(function () { if (mine === seq) status('Search is not available right now.'); });
  }
  function show() {
    var res = state.res, idx = res.idx, f = facet(idx, res.ids, state.filters), mine = seq;
    // Drop filter values this index does not know (stale shared links).
    var facetsEl = page.querySelector('[data-facets]');
    facetsEl.innerHTML = KINDS.map(function (k) {
      var values = f.counts[k[0]].filter(function (v) { return v[2] > 0 || state.filters[k[0]].indexOf(v[0]) >= 0; });
      if (!values.length) return '';
      return '<fieldset class="facet" data-facet="' + k[0] + '"><legend>' + k[1] + '</legend>' + values.map(function (v) {
        var name = k[0] === 'device' ? deviceName(idx, v[0]) : v[1];
        return '<label><input type="checkbox" name="' + k[0] + '" value="' + esc(v[0]) + '"' +
          (state.filters[k[0]].indexOf(v[0]) >= 0 ? ' checked' : '') + '> ' + esc(name) +
          ' <span class="facet-count" data-count="' + v[2] + '">' + v[2] + '</span></label>';
      }).join('') + '</fieldset>';
    }).join('');
    var total = f.ids.length, q = state.q.trim();
    status(total ? total + (total === 1 ? ' result' : ' results') + ' for “' + q + '”' + (res.partial ? ' (no article has every word; showing the closest)' : '')
      : 'No results for “' + q + '”' + (res.ids.length ? ' with these filters.' : '.'), total);
    var ids = f.ids.slice(0, state.shown);
    page.querySelector('[data-results]').setAttribute('aria-busy', 'true');
    Promise.all(ids.map(function (id) { return fragment(idx, id); })).then(function (frags) {
      if (mine !== seq) return;
      var html = frags.map(function (fr, i) {
        var devices = (fr.devices || []).map(function (dv) { return '<span class="device-badge">' + esc(deviceName(idx, dv)) + '</span>'; }).join(' ');
        return '<li class="result" data-record="' + ids[i] + '"><a class="result-link" href="' + esc(href(fr.url)) + '">' +
          '<span class="result-title">' + highlight(fr.title, res.highlight) + '</span>' +
          (fr.heading ? ' <span class="result-section">' + highlight(fr.heading, res.highlight) + '</span>' : '') + '</a>' +
          '<p class="result-meta">' + esc((fr.breadcrumb || []).join(' › ')) + (devices ? ' ' + devices : '') +
          (fr.updated ? ' · <time datetime="' + esc(fr.updated) + '">' + esc(fr.updated) + '</time>' : '') + '</p>' +
          '<p class="result-excerpt">' + highlight(window180(fr.excerpt || '', res.highlight), res.highlight) + '</p></li>';
      }).join('');
      var results = page.querySelector('[data-results]');
      results.innerHTML = html;
      results.setAttribute('aria-busy', 'false');
      var more = page.querySelector('[data-search-more]');
      if (more) more.remove();
      if (total > state.shown) {
        results.insertAdjacentHTML('afterend', '<button type="button" class="search-more" data-search-more>Show more results</button>');
      }
    }).catch(function () { if (mine === seq) status('Search is not available right now.'); });
  }
  if (page) {
    readUrl();
    if (input) {
      input.value = state.q;
      input.addEventListener('input', function () {
        clearTimeout(timer);
        timer = setTimeout(function () { state.q = input.value; writeUrl(); run(); }, 150);
      });
      if (input.form) input.form.addEventListener('submit', function (e) {
        e.preventDefault(); clearTimeout(timer); state.q = input.value; writeUrl(); run();
      });
    }
    page.addEventListener('change', function (e) {
      var t = e.target;
      if (!t || t.type !== 'checkbox') return;
      var sel = state.filters[t.name];
      if (!sel) return;
      if (t.checked) { if (sel.indexOf(t.value) < 0) sel.push(t.value); } else state.filters[t.name] = sel.filter(function (v) { return v !== t.value; });
      writeUrl();
      if (state.res) { ++seq; state.shown = 20; show(); }
    });
    page.addEventListener('click', function (e) {
      if (e.target && e.target.hasAttribute && e.target.hasAttribute('data-search-more') && state.res) { ++seq; state.shown += 20; show(); }
    });
    if (HC && HC.onDevice) HC.onDevice(function (id) {
      state.filters.device = id && id !== 'all' ? [id] : [];
      writeUrl();
      if (state.res) { ++seq; show(); }
    });
    run();
  }

  // For tests and benchmarks: run a query and return ranked record ids.
  window.HCSearch = {
    query: function (q, prefix) {
      return query(q, !!prefix).then(function (r) { return { ids: r.ids, ms: r.ms, partial: r.partial }; });
    }
  };
})();
