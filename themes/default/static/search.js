/* helpcentre search client: dependency-free, no build step.
 * Loads search/manifest.json, then only the dictionary and postings chunks a
 * query needs, and the fragment files holding the results shown. The Rust
 * build does the stemming; the client maps typed words to index terms
 * through the dictionary, with prefix matching on the last word and typo
 * tolerance. Ranking works on sorted id lists (typed arrays), so its cost
 * follows the postings involved, not the size of the site. */
(function () {
  'use strict';
  var doc = document;
  var root = doc.documentElement;
  var HC = window.HC || null;
  var base = (HC && HC.base) || root.getAttribute('data-base') || '/';
  if (base.charAt(base.length - 1) !== '/') base += '/';
  var dir = base + 'search/';
  var B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  var DIGIT = new Int8Array(128).fill(-1);
  for (var d = 0; d < 64; d++) DIGIT[B64.charCodeAt(d)] = d;
  var KINDS = [['device', 'Device'], ['provider', 'Provider'], ['product', 'Product']];
  var has = Object.prototype.hasOwnProperty;

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
  // Base-64 varints (see chunks.rs push_varint) from position `at` of `s`,
  // passed to `each(value)`; stops after `max` values.
  function varints(s, each, max) {
    var i = 0, n = 0;
    while (i < s.length && n < max) {
      var v = 0, mul = 1, c;
      do { c = DIGIT[s.charCodeAt(i++)]; v += (c & 31) * mul; mul *= 32; } while (c >= 32 && i < s.length);
      i = each(v, i) || i;
      n++;
    }
  }

  // Per-record facets from the meta table (provider/product ranges,
  // device masks, freshness) and where each record's fragment is.
  function setup(m, meta) {
    var n = m.records, i, j, k;
    var devices = meta.devices.length, words = Math.max(1, Math.ceil(devices / 32));
    var idx = { m: m, n: n, stop: {}, prov: new Int16Array(n).fill(-1), prod: new Int16Array(n).fill(-1),
      words: words, mask: new Uint32Array(n * words), fresh: new Uint8Array(n), meta: meta, postings: {},
      scratch: new Float64Array(n) };
    for (var lang in m.stop) m.stop[lang].forEach(function (w) { idx.stop[w] = 1; });
    function fill(list, arr, at) {
      list.forEach(function (entry, v) {
        var r = entry[at];
        for (j = 0; j + 1 < r.length; j += 2) for (i = r[j]; i < r[j + 1] && i < n; i++) arr[i] = v;
      });
    }
    fill(meta.providers, idx.prov, 2);
    fill(meta.products, idx.prod, 3);
    // The reader's language (the page's) ranks first; -1 when unknown.
    idx.lang = new Int16Array(n).fill(-1);
    fill(meta.languages || [], idx.lang, 1);
    var asked = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('lang') : null;
    var page = typeof document !== 'undefined' && document.documentElement ? document.documentElement.lang : '';
    var mine = (asked || page || '').toLowerCase().split('-')[0];
    idx.mine = (meta.languages || []).findIndex(function (l) { return l[0].toLowerCase().split('-')[0] === mine; });
    for (i = 0; i < n; i++) {
      for (j = 0; j < meta.dw; j++) {
        var six = DIGIT[meta.dm.charCodeAt(i * meta.dw + j)];
        for (k = 0; k < 6; k++) if (six & (1 << k)) { var bit = j * 6 + k; idx.mask[i * words + (bit >> 5)] |= 1 << (bit & 31); }
      }
      idx.fresh[i] = Math.max(0, DIGIT[meta.fresh.charCodeAt(i)]);
    }
    var starts = [0];
    varints(m.fragments.counts, function (c) { starts.push(starts[starts.length - 1] + c); }, Infinity);
    idx.starts = Int32Array.from(starts);
    return idx;
  }

  // ---- analysis (mirrors src/search/analysis.rs) ---------------------
  function fold(s) { return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(); }
  function words(s) { return fold(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  // Index of the last entry of sorted `arr` (via `key`) that is <= `value`; -1 if none.
  function floor(arr, value, key) {
    var lo = 0, hi = arr.length - 1, at = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (key(arr[mid]) <= value) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at;
  }
  function first(e) { return e[0]; }
  function self(e) { return e; }
  function termsOf(surface, spec) {
    return (Array.isArray(spec) ? spec : [spec]).map(function (t) {
      return typeof t === 'number' ? surface.slice(0, t) : t;
    });
  }
  // A dictionary chunk's words, sorted, computed once.
  function keys(chunk) { return chunk.keys || (chunk.keys = Object.keys(chunk.w).sort()); }

  // Restricted edit distance (a swap of neighbours counts once), or
  // max + 1 as soon as it is certain to exceed `max`. Rows are reused.
  var rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];
  function distance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    if (b.length + 1 > rows[0].length) rows = rows.map(function () { return new Int32Array(b.length + 1); });
    var prev2 = rows[0], prev = rows[1], cur = rows[2], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur[0] = i;
      var best = i, ca = a.charCodeAt(i - 1);
      for (j = 1; j <= b.length; j++) {
        var cb = b.charCodeAt(j - 1);
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
        if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > max) return max + 1;
      var t = prev2; prev2 = prev; prev = cur; cur = t;
    }
    return prev[b.length];
  }

  // Candidate terms of one typed word: term -> weight; surfaces to highlight.
  function candidates(idx, word, prefix) {
    var dict = idx.m.dict, at = floor(dict, word, first), paths = [];
    if (at < 0) at = 0;
    if (!dict.length) return Promise.resolve({ terms: {}, surfaces: [] });
    paths.push(dict[at][1]);
    if (prefix) {
      for (var k = at + 1; k < dict.length && paths.length < 3 && dict[k][0].lastIndexOf(word, 0) === 0; k++) paths.push(dict[k][1]);
    }
    return Promise.all(paths.map(load)).then(function (chunks) {
      var started = performance.now(), terms = {}, surfaces = [word], exact = false, i;
      function add(surface, spec, weight) {
        termsOf(surface, spec).forEach(function (t) { if (!(terms[t] >= weight)) terms[t] = weight; });
        if (surfaces.indexOf(surface) < 0) surfaces.push(surface);
      }
      var own = chunks[0].w;
      if (has.call(own, word)) { add(word, own[word], 1); exact = true; }
      if (prefix && word.length >= 2) {
        var found = [];
        chunks.forEach(function (c) {
          var list = keys(c);
          // Words starting with `word` sort right after it.
          for (i = floor(list, word, self) + 1; i < list.length && list[i].lastIndexOf(word, 0) === 0; i++) found.push([list[i], c.w[list[i]]]);
        });
        found.sort(function (a, b) { return a[0].length - b[0].length; }).slice(0, 40).forEach(function (f) { add(f[0], f[1], 0.8); });
        if (found.length) exact = true;
      }
      if (!exact && word.length >= 5) {
        var max = word.length >= 9 ? 2 : 1, list = keys(chunks[0]), c0 = word.charAt(0);
        for (i = floor(list, c0, self) + (has.call(own, c0) ? 0 : 1); i < list.length && list[i].charAt(0) === c0; i++) {
          var e = distance(word, list[i], max);
          if (e <= max) add(list[i], own[list[i]], e === 1 ? 0.6 : 0.45);
        }
      }
      return { terms: terms, surfaces: surfaces, ms: performance.now() - started };
    });
  }

  // A term's postings, decoded once: ids ascending, scores.
  function postings(idx, term) {
    if (has.call(idx.postings, term)) return Promise.resolve(idx.postings[term]);
    var table = idx.m.terms, at = floor(table, term, first);
    if (at < 0) return Promise.resolve(null);
    return load(table[at][1]).then(function (chunk) {
      var entry = has.call(chunk.t, term) ? chunk.t[term] : null;
      if (!entry) return (idx.postings[term] = null);
      var s = entry[1], ids = new Int32Array(s.length >> 1), scores = new Float64Array(ids.length), n = 0, prev = -1;
      varints(s, function (gap, i) {
        prev += gap + 1;
        ids[n] = prev;
        scores[n++] = entry[0] * DIGIT[s.charCodeAt(i)] / 63;
        return i + 1;
      }, Infinity);
      return (idx.postings[term] = { ids: ids.subarray(0, n), scores: scores.subarray(0, n) });
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
      // Query time: matching words and ranking, not waiting for chunks.
      var started = performance.now();
      var result = rank(idx, clauses);
      result.ms = performance.now() - started + cands.reduce(function (sum, c) { return sum + (c.ms || 0); }, 0);
      result.highlight = highlight;
      result.idx = idx;
      return result;
    });
  }

  // Sorted-list algebra. A list is { ids: Int32Array ascending, scores }.
  var EMPTY = { ids: new Int32Array(0), scores: new Float64Array(0) };
  // Records matching any term of a candidate set, scored by its best term.
  function setList(idx, set) {
    var terms = Object.keys(set).filter(function (t) { return idx.postings[t]; }), k, p;
    if (!terms.length) return EMPTY;
    if (terms.length === 1) {
      p = idx.postings[terms[0]];
      var w = set[terms[0]], sc = new Float64Array(p.ids.length);
      for (k = 0; k < sc.length; k++) sc[k] = p.scores[k] * w;
      return { ids: p.ids, scores: sc };
    }
    var scratch = idx.scratch, touched = [];
    terms.forEach(function (t) {
      p = idx.postings[t];
      var w = set[t];
      for (k = 0; k < p.ids.length; k++) {
        var id = p.ids[k], s = p.scores[k] * w;
        if (!scratch[id]) touched.push(id);
        if (s > scratch[id]) scratch[id] = s;
      }
    });
    var ids = Int32Array.from(touched).sort(), scores = new Float64Array(ids.length);
    for (k = 0; k < ids.length; k++) { scores[k] = scratch[ids[k]]; scratch[ids[k]] = 0; }
    return { ids: ids, scores: scores };
  }
  // Records in both lists, scores summed.
  function both(a, b) {
    var n = Math.min(a.ids.length, b.ids.length), ids = new Int32Array(n), scores = new Float64Array(n), i = 0, j = 0, k = 0;
    while (i < a.ids.length && j < b.ids.length) {
      var x = a.ids[i], y = b.ids[j];
      if (x < y) i++; else if (y < x) j++;
      else { ids[k] = x; scores[k++] = a.scores[i++] + b.scores[j++]; }
    }
    return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) };
  }
  // Records in either list; scores combined by `sum` (else the best).
  function either(a, b, sum) {
    var n = a.ids.length + b.ids.length, ids = new Int32Array(n), scores = new Float64Array(n), i = 0, j = 0, k = 0;
    while (i < a.ids.length || j < b.ids.length) {
      var x = i < a.ids.length ? a.ids[i] : Infinity, y = j < b.ids.length ? b.ids[j] : Infinity;
      if (x < y) { ids[k] = x; scores[k++] = a.scores[i++]; }
      else if (y < x) { ids[k] = y; scores[k++] = b.scores[j++]; }
      else { ids[k] = x; scores[k++] = sum ? a.scores[i++] + b.scores[j++] : Math.max(a.scores[i++], b.scores[j++]); }
    }
    return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) };
  }
  function rank(idx, clauses) {
    var lists = clauses.map(function (alts) {
      return alts.map(function (sets) {
        return sets.map(function (set) { return setList(idx, set); }).reduce(both);
      }).reduce(function (a, b) { return either(a, b, false); });
    });
    var all = lists.reduce(both), partial = false;
    if (!all.ids.length && lists.length > 1) {
      all = lists.reduce(function (a, b) { return either(a, b, true); });
      partial = all.ids.length > 0;
    }
    return { ids: order(idx, all), partial: partial };
  }
  // Ids by score, then freshness, then id, through one numeric sort of
  // packed keys (much faster than sorting with a comparator).
  function order(idx, list) {
    var n = list.ids.length, top = 0, k;
    for (k = 0; k < n; k++) if (list.scores[k] > top) top = list.scores[k];
    var idSpan = Math.pow(2, Math.ceil(Math.log2(idx.n + 1)));
    var scale = Math.min(65536, Math.floor(Math.pow(2, 52) / (64 * idSpan * (top + 1))));
    var keys = new Float64Array(n);
    for (k = 0; k < n; k++) {
      var id = list.ids[k];
      keys[k] = -(Math.round(list.scores[k] * scale) * 64 + idx.fresh[id]) * idSpan + id;
    }
    keys.sort();
    var ids = new Int32Array(n), at = 0, pass;
    // Two passes keep the order within each group: the reader's language, then the rest.
    for (pass = 0; pass < 2; pass++) {
      for (k = 0; k < n; k++) {
        var rid = ((keys[k] % idSpan) + idSpan) % idSpan;
        if ((idx.mine >= 0 && idx.lang[rid] === idx.mine) === (pass === 0)) ids[at++] = rid;
      }
    }
    return ids;
  }

  // ---- facets --------------------------------------------------------
  function facetValues(idx, kind) {
    var meta = idx.meta;
    return kind === 'device' ? meta.devices : kind === 'provider' ? meta.providers : meta.products;
  }
  // Filtered ids and, per kind, value -> count with the other kinds applied.
  // A record without devices is for every device.
  function facet(idx, ids, filters) {
    var sel = {}, counts = {};
    KINDS.forEach(function (k) {
      var values = facetValues(idx, k[0]);
      sel[k[0]] = filters[k[0]].length ? values.map(function (v) { return filters[k[0]].indexOf(v[0]) >= 0; }) : null;
      counts[k[0]] = new Int32Array(values.length);
    });
    var devices = facetValues(idx, 'device').length, words = idx.words, mask = idx.mask, shown = [], i, b, w;
    for (i = 0; i < ids.length; i++) {
      var id = ids[i], pv = idx.prov[id], pd = idx.prod[id], at = id * words, all = true;
      for (w = 0; w < words; w++) if (mask[at + w]) all = false;
      var okProv = !sel.provider || (pv >= 0 && sel.provider[pv]);
      var okProd = !sel.product || (pd >= 0 && sel.product[pd]);
      var okDev = !sel.device || all;
      for (b = 0; b < devices && !okDev; b++) okDev = sel.device[b] && (mask[at + (b >> 5)] & (1 << (b & 31))) !== 0;
      if (okProd && okDev && pv >= 0) counts.provider[pv]++;
      if (okProv && okDev && pd >= 0) counts.product[pd]++;
      if (okProv && okProd) for (b = 0; b < devices; b++) if (all || (mask[at + (b >> 5)] & (1 << (b & 31)))) counts.device[b]++;
      if (okProv && okProd && okDev) shown.push(id);
    }
    var out = {};
    KINDS.forEach(function (k) {
      out[k[0]] = facetValues(idx, k[0]).map(function (v, at) { return [v[0], v[1], counts[k[0]][at]]; });
    });
    return { ids: shown, counts: out };
  }

  // ---- rendering -----------------------------------------------------
  // The display fields of record `id`, from the fragment file holding it.
  function fragment(idx, id) {
    var file = floor(idx.starts, id, self);
    return load(idx.m.fragments.folder + file + '.json').then(function (list) { return list[id - idx.starts[file]]; });
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
      return Promise.all(Array.prototype.slice.call(ids, 0, 6).map(function (id) { return fragment(res.idx, id); })).then(function (frags) {
        if (mine !== seq) return;
        var items = frags.map(function (f, i) {
          var where = f.heading ? ' <span class="suggestion-section">' + highlight(f.heading, res.highlight) + '</span>' : '';
          return '<li role="option" id="search-option-' + i + '" aria-selected="false" data-href="' + esc(href(f.url)) + '">' +
            '<span class="suggestion-title">' + highlight(f.title, res.highlight) + '</span>' + where + '</li>';
        });
        items.push('<li role="option" id="search-option-all" aria-selected="false" class="suggestion-all" data-href="' +
          esc(base + 'search/?q=' + encodeURIComponent(q.trim())) + '">' +
          (frags.length ? 'All results for “' + esc(q.trim()) + '”' : 'No suggestions; search for “' + esc(q.trim()) + '”') + '</li>');
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
    // Options hold no links (no interactive content inside an option).
    list.addEventListener('click', function (e) {
      var opt = e.target.closest && e.target.closest('[role=option]');
      if (opt) window.location.href = opt.getAttribute('data-href');
    });
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

  // For tests and benchmarks: run a query and return ranked record ids
  // (with facet counts when `filters` are given); a record's display fields.
  window.HCSearch = {
    query: function (q, prefix, filters) {
      return query(q, !!prefix).then(function (r) {
        var out = { ids: Array.from(r.ids), ms: r.ms, partial: r.partial };
        if (filters) {
          var started = performance.now(), f = facet(r.idx, r.ids, filters);
          out.facetMs = performance.now() - started;
          out.shown = f.ids;
          out.counts = f.counts;
        }
        return out;
      });
    },
    fragment: function (id) { return manifest().then(function (idx) { return fragment(idx, id); }); }
  };
})();
