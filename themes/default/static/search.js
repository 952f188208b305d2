/* helpcentre search client (dependency-free): see docs/search.md. Fetches
 * the manifest, then only the chunks and fragments a query needs. */
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
  // Base-64 varints (chunks.rs push_varint); `each` may return where to go on.
  function varints(s, each) {
    var i = 0;
    while (i < s.length) {
      var v = 0, mul = 1, c;
      do { c = DIGIT[s.charCodeAt(i++)]; v += (c & 31) * mul; mul *= 32; } while (c >= 32 && i < s.length);
      i = each(v, i) || i;
    }
  }
  function runs(s) {
    var starts = [0];
    varints(s, function (c) { starts.push(starts[starts.length - 1] + c); });
    return Int32Array.from(starts);
  }

  // Per-record facets, freshness, article and fragment; vocabulary by first term.
  function setup(m, meta) {
    var n = m.records, i, j, k;
    var devices = meta.devices.length, words = Math.max(1, Math.ceil(devices / 32));
    var idx = { m: m, n: n, stop: {}, fill: {}, prov: new Int16Array(n).fill(-1), prod: new Int16Array(n).fill(-1),
      words: words, mask: new Uint32Array(n * words), meta: meta, postings: {},
      scratch: new Float64Array(n), vocab: {} };
    idx.stopBy = {};
    for (var lang in m.stop) {
      idx.stopBy[lang] = {};
      m.stop[lang].forEach(function (w) { idx.stop[w] = 1; idx.stopBy[lang][w] = 1; });
    }
    (m.fill || []).forEach(function (w) { idx.fill[w] = 1; });
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
    idx.mine = languageAt(meta, mine);
    idx.mineCode = mine;
    for (i = 0; i < n; i++) {
      for (j = 0; j < meta.dw; j++) {
        var six = DIGIT[meta.dm.charCodeAt(i * meta.dw + j)];
        for (k = 0; k < 6; k++) if (six & (1 << k)) { var bit = j * 6 + k; idx.mask[i * words + (bit >> 5)] |= 1 << (bit & 31); }
      }
    }
    idx.starts = runs(m.fragments.counts);
    var art = idx.art = runs(meta.art || ''), nArt = idx.nArt = art.length - 1;
    idx.artOf = new Int32Array(n);
    for (i = 0; i < nArt; i++) for (j = art[i]; j < art[i + 1]; j++) idx.artOf[j] = i;
    idx.artScratch = new Float64Array(nArt);
    idx.fresh = new Uint8Array(nArt);
    for (i = 0; i < nArt; i++) idx.fresh[i] = Math.max(0, DIGIT[meta.fresh.charCodeAt(i)]);
    // Phrases by first term: [terms, alternatives (term lists)]. Phrases
    // that keep their stop words ("out of office") are matched apart, over
    // every word of the query.
    idx.stopVocab = {};
    function add(from, to) {
      var table = from.some(function (t) { return idx.stop[t]; }) ? idx.stopVocab : idx.vocab;
      (table[from[0]] = table[from[0]] || []).push([from, to]);
    }
    (m.syn || []).forEach(function (r) { add(r[0], r[1]); });
    (m.con || []).forEach(function (g) { g.forEach(function (p) { add(p, g.filter(function (o) { return o !== p; })); }); });
    return idx;
  }

  // Where language `code` ("fr") is in the index's languages; -1 if absent.
  function languageAt(meta, code) {
    return (meta.languages || []).findIndex(function (l) { return l[0].toLowerCase().split('-')[0] === code; });
  }
  // The language a query is written in (an index into the index's
  // languages), when its words say so: each of the query's stop words that
  // is not one of the page language's, and each typed word that only
  // articles of one other language hold, votes for that language ("port du
  // serveur sortant" is French on an English page). A tie or no vote keeps
  // the page's language.
  function queryLanguage(idx, raw, typed) {
    var mine = idx.stopBy[idx.mineCode] || {}, votes = {}, best = idx.mine, most = 0, tie = false, at;
    for (var lang in idx.stopBy) {
      at = languageAt(idx.meta, lang);
      if (at < 0 || lang === idx.mineCode) continue;
      votes[at] = raw.filter(function (w) { return idx.stopBy[lang][w] && !mine[w]; }).length;
    }
    typed.forEach(function (list) {
      var only = -2;
      for (var k = 0; k < list.ids.length && only !== -3; k++) {
        var l = idx.lang[list.ids[k]];
        only = only === -2 || only === l ? l : -3;
      }
      if (only >= 0 && only !== idx.mine) votes[only] = (votes[only] || 0) + 1;
    });
    for (at in votes) {
      if (votes[at] > most) { most = votes[at]; best = +at; tie = false; } else if (most > 0 && votes[at] === most) tie = true;
    }
    return tie ? idx.mine : best;
  }
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
  function starting(list, p) {
    var out = [], i = floor(list, p, self);
    if (i < 0 || list[i] !== p) i++;
    for (; i < list.length && list[i].lastIndexOf(p, 0) === 0; i++) out.push(list[i]);
    return out;
  }

  // Shortest unknown word read as the start of longer ones on the results page.
  var COMPLETE = 5;
  // Restricted edit distance (a swap counts once), or max + 1 once beyond max.
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

  // Candidate terms of a typed word (term -> weight), surfaces, correction.
  function candidates(idx, word, prefix) {
    var dict = idx.m.dict, at = floor(dict, word, first), paths = [];
    if (at < 0) at = 0;
    if (!dict.length) return Promise.resolve({ word: word, terms: {}, surfaces: [] });
    paths.push(dict[at][1]);
    // A long word may be the start of a longer one ("filezil"): its
    // completions can lie in the next chunks too.
    if (prefix || word.length >= COMPLETE) {
      for (var k = at + 1; k < dict.length && paths.length < 3 && dict[k][0].lastIndexOf(word, 0) === 0; k++) paths.push(dict[k][1]);
    }
    return Promise.all(paths.map(load)).then(function (chunks) {
      var started = performance.now(), terms = {}, surfaces = [word], exact = false, fixed = null, i;
      var own = chunks[0].w, list = keys(chunks[0]);
      function add(surface, spec, weight) {
        termsOf(surface, spec).forEach(function (t) { if (!(terms[t] >= weight)) terms[t] = weight; });
        if (surfaces.indexOf(surface) < 0) surfaces.push(surface);
      }
      if (has.call(own, word)) { add(word, own[word], 1); exact = true; }
      if (!exact) {
        // A word no article has: the word less an ending, as an article word's term.
        var stems = [word];
        (idx.m.end || []).forEach(function (e) {
          if (word.length - e.length >= 3 && word.slice(-e.length) === e) stems.push(word.slice(0, -e.length));
        });
        var shortest = stems.reduce(function (a, b) { return a.length <= b.length ? a : b; });
        starting(list, shortest).slice(0, 200).forEach(function (w) {
          var ts = termsOf(w, own[w]);
          if (ts.some(function (t) { return stems.indexOf(t) >= 0; })) { add(w, own[w], 0.95); exact = true; }
        });
      }
      if (prefix && word.length >= 2) {
        var found = [];
        chunks.forEach(function (c) {
          starting(keys(c), word).forEach(function (w) { if (w !== word) found.push([w, c.w[w]]); });
        });
        found.sort(function (a, b) { return a[0].length - b[0].length; }).slice(0, 40).forEach(function (f) { add(f[0], f[1], 0.8); });
        if (found.length) exact = true;
      } else if (!exact && word.length >= COMPLETE) {
        // A word no article has may be one typed in part: the words it
        // starts, shortest first. Misspellings are still looked for below.
        var more = [];
        chunks.forEach(function (c) {
          starting(keys(c), word).forEach(function (w) { more.push([w, c.w[w]]); });
        });
        more.sort(function (a, b) { return a[0].length - b[0].length; }).slice(0, 40).forEach(function (f) { add(f[0], f[1], 0.7); });
      }
      if (!exact && word.length >= 5) {
        var max = word.length >= 9 ? 2 : 1, c0 = word.charAt(0), best = max + 1;
        for (i = floor(list, c0, self) + (has.call(own, c0) ? 0 : 1); i < list.length && list[i].charAt(0) === c0; i++) {
          var e = distance(word, list[i], max);
          if (e <= max) {
            add(list[i], own[list[i]], e === 1 ? 0.6 : 0.45);
            if (e < best) { best = e; fixed = list[i]; }
          }
        }
      }
      return { word: word, terms: terms, surfaces: surfaces, fixed: fixed, ms: performance.now() - started };
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
      });
      return (idx.postings[term] = { ids: ids.subarray(0, n), scores: scores.subarray(0, n) });
    });
  }

  // A query: clauses (a typed word, or a concept phrase with its other
  // phrasings as alternatives); an alternative: candidate sets, all required.
  function query(text, prefix) {
    return manifest().then(function (idx) {
      var raw = words(text), at = [];
      raw.forEach(function (w, i) { if (!idx.stop[w]) at.push(i); });
      if (!at.length && raw.length) at = [raw.length - 1];
      var open = prefix && !/\s$/.test(text);
      return Promise.all(at.map(function (r, i) { return candidates(idx, raw[r], open && i === at.length - 1); }))
        .then(function (cands) {
          cands.forEach(function (c, i) { c.at = at[i]; });
          return plan(idx, cands, raw);
        });
    });
  }

  function best(set) {
    var top = null;
    for (var t in set) if (top === null || set[t] > set[top]) top = t;
    return top;
  }
  // Clauses of the phrases that keep their stop words, over every word of
  // the query (`raw`); the words they take are marked in `used`.
  function stopPhrases(idx, cands, raw, used) {
    var forms = raw.slice();
    cands.forEach(function (c) { forms[c.at] = best(c.terms) || c.word; });
    var clauses = [];
    for (var r = 0; r < raw.length; r++) {
      var span = 0, alts = [];
      (idx.stopVocab[forms[r]] || []).forEach(function (e) {
        var from = e[0];
        if (from.length < span || !from.every(function (t, k) { return forms[r + k] === t; })) return;
        if (from.length > span) { span = from.length; alts = []; }
        alts = alts.concat(e[1]);
      });
      if (!span || longer(idx, cands, r, r + span - 1)) continue;
      var own = {};
      own[forms.slice(r, r + span).join(' ')] = 1;
      var clause = { words: raw.slice(r, r + span), alts: [[own]] };
      alts.forEach(function (phrase) { var o = {}; o[phrase.join(' ')] = 0.9; clause.alts.push([o]); });
      clauses.push(clause);
      for (var k = r; k < r + span; k++) used[k] = 1;
      r += span - 1;
    }
    return clauses;
  }
  // Whether a phrase of the vocabulary without stop words starts at word
  // `from` of the query and reaches word `to` or beyond ("sign in required"
  // over "sign in").
  function longer(idx, cands, from, to) {
    var j = cands.findIndex(function (c) { return c.at === from; });
    if (j < 0) return false;
    var stems = cands.map(function (c) { return best(c.terms) || c.word; });
    return (idx.vocab[stems[j]] || []).some(function (e) {
      var f = e[0];
      return f.length > 1 && j + f.length <= cands.length && cands[j + f.length - 1].at >= to &&
        f.every(function (t, k) { return stems[j + k] === t; });
    });
  }
  function plan(idx, cands, raw) {
    var used = {}, clauses = stopPhrases(idx, cands, raw, used), i = 0, highlight = [];
    cands.forEach(function (c) { highlight = highlight.concat(c.surfaces); });
    clauses.forEach(function (c) { c.alts.forEach(function (sets) { for (var t in sets[0]) highlight = highlight.concat(t.split(' ').filter(function (w) { return !idx.stop[w]; })); }); });
    cands = cands.filter(function (c) { return !used[c.at]; });
    var stems = cands.map(function (c) { return best(c.terms) || c.word; });
    while (i < cands.length) {
      var span = 1, alts = [];
      (idx.vocab[stems[i]] || []).forEach(function (e) {
        var from = e[0];
        if (from.length < span || !from.every(function (t, k) { return stems[i + k] === t; })) return;
        if (from.length > span || !alts.length) { span = from.length; alts = []; }
        alts = alts.concat(e[1]);
      });
      var own = cands.slice(i, i + span);
      if (!alts.length && cands.length > 1 && idx.fill[own[0].word]) { i++; continue; }
      var clause = { words: own.map(function (c) { return c.word; }), alts: [own.map(function (c) { return c.terms; })] };
      if (span > 1) {
        // The phrase as typed (words together) beats its words apart.
        var o = {};
        o[stems.slice(i, i + span).join(' ')] = 1;
        clause.alts[0] = clause.alts[0].map(function (set) { var w = {}; for (var t in set) w[t] = set[t] * 0.7; return w; });
        clause.alts.unshift([o]);
      }
      // Another phrasing is one term: the index holds its words standing together.
      alts.forEach(function (phrase) {
        var o = {};
        o[phrase.join(' ')] = 0.9;
        clause.alts.push([o]);
        highlight = highlight.concat(phrase);
      });
      clauses.push(clause);
      i += span;
    }
    var needed = {};
    clauses.forEach(function (c) { c.alts.forEach(function (sets) { sets.forEach(function (set) { for (var t in set) needed[t] = 1; }); }); });
    return Promise.all(Object.keys(needed).map(function (t) { return postings(idx, t); })).then(function () {
      // Query time: matching words and ranking, not waiting for chunks.
      var started = performance.now();
      var result = rank(idx, clauses, raw);
      result.ms = performance.now() - started + cands.reduce(function (sum, c) { return sum + (c.ms || 0); }, 0);
      result.highlight = highlight;
      result.fixed = cands.filter(function (c) { return c.fixed; }).map(function (c) { return [c.word, c.fixed]; });
      result.idx = idx;
      return result;
    });
  }

  // Sorted-list algebra. A list is { ids: Int32Array ascending, scores }.
  var EMPTY = { ids: new Int32Array(0), scores: new Float64Array(0) };
  // Records matching a candidate set, scored by field strength (BM25F / idf).
  function setList(idx, set) {
    var terms = Object.keys(set).filter(function (t) { return idx.postings[t]; }), k, p, idf = 0, top = 0;
    var scratch = idx.scratch, touched = [];
    terms.forEach(function (t) {
      p = idx.postings[t];
      var w = set[t], df = p.ids.length, f = Math.log(1 + (idx.n - df + 0.5) / (df + 0.5));
      if (w > top || (w === top && f > idf)) { top = w; idf = f; }
      for (k = 0; k < p.ids.length; k++) {
        var id = p.ids[k], s = p.scores[k] / f * w;
        if (!scratch[id]) touched.push(id);
        if (s > scratch[id]) scratch[id] = s;
      }
    });
    var ids = Int32Array.from(touched).sort(), scores = new Float64Array(ids.length);
    for (k = 0; k < ids.length; k++) { scores[k] = scratch[ids[k]]; scratch[ids[k]] = 0; }
    return { ids: ids, scores: scores, idf: idf };
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
  function scaled(list, f) {
    var s = new Float64Array(list.scores.length);
    for (var k = 0; k < s.length; k++) s[k] = list.scores[k] * f;
    return { ids: list.ids, scores: s };
  }
  // Articles by the share of clauses they cover (weighted by the idf of the
  // reader's own word) times their summed scores (each clause: best section).
  function rank(idx, clauses, raw) {
    var known = [], dropped = [], typed = [];
    clauses.forEach(function (c) {
      var w = 0, list = c.alts.map(function (sets, i) {
        var parts = sets.map(function (set) { return setList(idx, set); }), idf = 0;
        parts.forEach(function (p) { idf += p.idf / sets.length; });
        var l = scaled(parts.reduce(both), 1 / sets.length);
        if (i === 0) typed.push(l);
        if (l.ids.length && (i === 0 || !w)) w = idf;
        return l;
      }).reduce(function (a, b) { return either(a, b, false); });
      if (list.ids.length) known.push([scaled(list, w), w]);
      else dropped = dropped.concat(c.words);
    });
    var total = 0, recs = EMPTY, artOf = idx.artOf, tmp = idx.artScratch;
    var score = new Float64Array(idx.nArt), cover = new Float64Array(idx.nArt), seen = [];
    known.forEach(function (kw) {
      var list = kw[0], touched = [], k, a;
      total += kw[1];
      recs = either(recs, list, true);
      for (k = 0; k < list.ids.length; k++) {
        a = artOf[list.ids[k]];
        if (!tmp[a]) touched.push(a);
        if (list.scores[k] > tmp[a]) tmp[a] = list.scores[k];
      }
      for (k = 0; k < touched.length; k++) {
        a = touched[k];
        if (!cover[a]) seen.push(a);
        score[a] += tmp[a]; cover[a] += kw[1]; tmp[a] = 0;
      }
    });
    // Every known word is required while some article has them all.
    var full = seen.filter(function (a) { return cover[a] / total > 0.999; });
    if (full.length) seen = full;
    var n = seen.length, keys = new Float64Array(n), span = Math.pow(2, Math.ceil(Math.log2(idx.nArt + 1))), top = 0, k;
    var finals = new Float64Array(n);
    for (k = 0; k < n; k++) {
      var a = seen[k], c = cover[a] / total;
      finals[k] = score[a] * c * c;
      if (finals[k] > top) top = finals[k];
    }
    // One numeric sort of packed keys: score, freshness, article.
    var scale = Math.min(65536, Math.floor(Math.pow(2, 52) / (64 * span * (top + 1))));
    for (k = 0; k < n; k++) keys[k] = -(Math.round(finals[k] * scale) * 64 + idx.fresh[seen[k]]) * span + seen[k];
    keys.sort();
    var sorted = new Int32Array(n), arts = new Int32Array(n), at = 0, pass;
    for (k = 0; k < n; k++) sorted[k] = ((keys[k] % span) + span) % span;
    // Two passes keep the order within each group: the query's language, then the rest.
    var lang = queryLanguage(idx, raw, typed);
    for (pass = 0; pass < 2; pass++) {
      for (k = 0; k < n; k++) {
        var art = sorted[k];
        if ((lang >= 0 && idx.lang[idx.art[art]] === lang) === (pass === 0)) arts[at++] = art;
      }
    }
    return { arts: arts, recs: recs, partial: n > 0 && !full.length, dropped: dropped };
  }

  function facetValues(idx, kind) {
    var meta = idx.meta;
    return kind === 'device' ? meta.devices : kind === 'provider' ? meta.providers : meta.products;
  }
  function hasDevice(idx, id, b) { return (idx.mask[id * idx.words + (b >> 5)] & (1 << (b & 31))) !== 0; }
  function anyDevice(idx, id) { for (var w = 0; w < idx.words; w++) if (idx.mask[id * idx.words + w]) return true; return false; }
  // A matching record's sections of article `a`: [id, score] best first.
  function sections(res, a) {
    var idx = res.idx, ids = res.recs.ids, out = [];
    for (var k = floor(ids, idx.art[a] - 1, self) + 1; k < ids.length && ids[k] < idx.art[a + 1]; k++) out.push([ids[k], res.recs.scores[k]]);
    return out.sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; });
  }
  // Articles passing the filters; per facet value, the articles it would
  // show. A section without devices is for every device.
  function facet(res, filters) {
    var idx = res.idx, sel = {}, counts = {}, W = idx.words, k, w, b;
    KINDS.forEach(function (kd) {
      var values = facetValues(idx, kd[0]);
      sel[kd[0]] = filters[kd[0]].length ? values.map(function (v) { return filters[kd[0]].indexOf(v[0]) >= 0; }) : null;
      counts[kd[0]] = new Int32Array(values.length);
    });
    var devices = facetValues(idx, 'device').length, want = new Uint32Array(W), every = new Uint32Array(W);
    for (b = 0; b < devices; b++) {
      every[b >> 5] |= 1 << (b & 31);
      if (sel.device && sel.device[b]) want[b >> 5] |= 1 << (b & 31);
    }
    var on = idx.on || (idx.on = new Uint32Array(idx.nArt * W)), fits = idx.fits || (idx.fits = new Uint8Array(idx.nArt));
    var ids = res.recs.ids, mask = idx.mask, artOf = idx.artOf;
    for (k = 0; k < ids.length; k++) {
      var id = ids[k], a = artOf[id], all = true;
      for (w = 0; w < W; w++) if (mask[id * W + w]) all = false;
      for (w = 0; w < W; w++) {
        var m = all ? every[w] : mask[id * W + w];
        on[a * W + w] |= m;
        if (m & want[w]) fits[a] = 1;
      }
      if (!sel.device) fits[a] = 1;
    }
    var shown = [];
    for (k = 0; k < res.arts.length; k++) {
      var art = res.arts[k], id0 = idx.art[art], pv = idx.prov[id0], pd = idx.prod[id0];
      var okProv = !sel.provider || (pv >= 0 && sel.provider[pv]);
      var okProd = !sel.product || (pd >= 0 && sel.product[pd]);
      if (okProd && fits[art] && pv >= 0) counts.provider[pv]++;
      if (okProv && fits[art] && pd >= 0) counts.product[pd]++;
      if (okProv && okProd) for (b = 0; b < devices; b++) if (on[art * W + (b >> 5)] & (1 << (b & 31))) counts.device[b]++;
      if (okProv && okProd && fits[art]) shown.push(art);
    }
    for (k = 0; k < ids.length; k++) {
      a = artOf[ids[k]];
      fits[a] = 0;
      for (w = 0; w < W; w++) on[a * W + w] = 0;
    }
    var out = {};
    KINDS.forEach(function (kd) {
      out[kd[0]] = facetValues(idx, kd[0]).map(function (v, at) { return [v[0], v[1], counts[kd[0]][at]]; });
    });
    return { arts: shown, counts: out, sel: sel.device };
  }
  // The matching sections of article `a` for the selected devices, best first.
  function secsFor(res, a, seld) {
    var idx = res.idx;
    return sections(res, a).filter(function (s) {
      if (!seld || !anyDevice(idx, s[0])) return true;
      for (var b = 0; b < seld.length; b++) if (seld[b] && hasDevice(idx, s[0], b)) return true;
      return false;
    });
  }

  // The display fields of record `id`, from the fragment file holding it.
  function fragment(idx, id) {
    var file = floor(idx.starts, id, self);
    return load(idx.m.fragments.folder + file + '.json').then(function (list) { var f = list[id - idx.starts[file]]; f.id = id; return f; });
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
    if (HC && HC.deviceLabel) { var n = HC.deviceLabel(id); if (n && n !== id) return n; }
    var e = idx.meta.devices.find(function (d) { return d[0] === id; });
    return e ? e[1] : id;
  }

  function readerDevice() {
    var id = null;
    try { id = HC && HC.device ? HC.device() : window.localStorage.getItem('helpcentre.device'); } catch (e) { id = null; }
    return id && id !== 'all' ? id : null;
  }

  // One result per article: its best section for `device`, up to 3 others.
  function articles(res, f, device, from, to) {
    var idx = res.idx;
    return Promise.all(f.arts.slice(from, to).map(function (a) {
      return Promise.all(secsFor(res, a, f.sel).slice(0, 6).map(function (s) { return fragment(idx, s[0]); })).then(function (frags) {
        var pick = device ? frags.findIndex(function (f) { return (f.devices || []).indexOf(device) >= 0; }) : -1;
        var main = frags[pick < 0 ? 0 : pick];
        return { article: a, url: main.url, title: main.title, breadcrumb: main.breadcrumb, updated: main.updated,
          section: main, excerpt: main.excerpt, subs: frags.filter(function (f) { return f !== main && f.heading; }).slice(0, 3) };
      });
    }));
  }
  function sectionLine(idx, f, cls, marks) {
    var dv = (f.devices || []).map(function (d) { return '<span class="device-badge">' + esc(deviceName(idx, d)) + '</span>'; }).join(' ');
    return '<a class="' + cls + '" href="' + esc(href(f.url)) + '">' + (dv ? dv + ' ' : '') + '<span>' + highlight(f.heading || '', marks) + '</span></a>';
  }

  // Header box: suggestions (ARIA combobox).
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
  function noFilters(device) { return { device: device ? [device] : [], provider: [], product: [] }; }
  function suggest() {
    var q = input.value, mine = ++seq;
    if (q.trim().length < 2) { close(); return; }
    query(q, true).then(function (res) {
      var device = readerDevice(), f = facet(res, noFilters(device));
      if (!f.arts.length) f = facet(res, noFilters(null));
      return articles(res, f, device, 0, 6).then(function (arts) {
        if (mine !== seq) return;
        var all = base + 'search/?q=' + encodeURIComponent(q.trim());
        // Options hold no links (no interactive content inside an option).
        var items = arts.map(function (r, i) {
          var where = r.section.heading ? ' <span class="suggestion-section">' + highlight(r.section.heading, res.highlight) + '</span>' : '';
          return '<li role="option" id="search-option-' + i + '" aria-selected="false" data-href="' + esc(href(r.url)) + '">' +
            '<span class="suggestion-title">' + highlight(r.title, res.highlight) + '</span>' + where + '</li>';
        });
        items.push('<li role="option" id="search-option-all" aria-selected="false" class="suggestion-all" data-href="' +
          esc(all) + '">' + (arts.length ? 'All results for “' + esc(q.trim()) + '”' : 'No suggestions; search for “' + esc(q.trim()) + '”') + '</li>');
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

  // Results page.
  var state = { q: '', filters: { device: [], provider: [], product: [] }, shown: 10, res: null };
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
    // An explicit empty device keeps the reader's device from coming back.
    if (!state.filters.device.length && readerDevice()) params.set('device', '');
    var qs = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (qs ? '?' + qs : ''));
  }
  function part(sel) { return page.querySelector(sel); }
  function status(text, total) {
    var el = part('[data-search-status]');
    if (!el) return;
    el.textContent = text;
    if (total === undefined) el.removeAttribute('data-total'); else el.setAttribute('data-total', total);
  }
  function quoted(ws) { return ws.map(function (w) { return '“' + esc(w) + '”'; }).join(', '); }
  function searchLink(q) { return '<a href="?q=' + esc(encodeURIComponent(q)) + '" data-search-link>' + esc(q) + '</a>'; }
  // What the reader typed that the search changed: dropped and corrected words.
  function notice(res) {
    var out = [], kept = words(state.q).filter(function (w) { return res.dropped.indexOf(w) < 0 && !res.idx.stop[w]; });
    if (res.dropped.length) out.push('<span data-dropped>No article mentions ' + quoted(res.dropped) + (kept.length ? '; showing results for “' + esc(kept.join(' ')) + '”' : '') + '.</span>');
    if (res.fixed.length) {
      var fixedQ = words(state.q).map(function (w) { var f = res.fixed.find(function (x) { return x[0] === w; }); return f ? f[1] : w; }).join(' ');
      out.push('<span data-did-you-mean>Did you mean ' + searchLink(fixedQ) + '?</span>');
    }
    return out.join(' ');
  }
  function run() {
    var mine = ++seq;
    if (!state.q.trim()) {
      status('Type in the search box above to find articles.');
      ['[data-results]', '[data-facets]', '[data-search-notice]', '[data-search-empty]'].forEach(function (s) { var el = part(s); if (el) el.innerHTML = ''; });
      return;
    }
    status('Searching…');
    query(state.q, false).then(function (res) {
      if (mine !== seq) return;
      state.res = res;
      state.shown = 10;
      show();
    }).catch(function () { if (mine === seq) status('Search is not available right now.'); });
  }
  // No results: newest articles for the device, support pages.
  function empty(res, filtered) {
    var idx = res.idx, device = state.filters.device[0] || readerDevice(), b = facetValues(idx, 'device').findIndex(function (v) { return v[0] === device; });
    var newest = [];
    for (var a = 0; a < idx.nArt; a++) {
      var ok = b < 0;
      for (var id = idx.art[a]; id < idx.art[a + 1] && !ok; id++) ok = !anyDevice(idx, id) || hasDevice(idx, id, b);
      if (ok) newest.push(a);
    }
    newest.sort(function (x, y) { return idx.fresh[y] - idx.fresh[x] || x - y; });
    var support = idx.meta.providers.filter(function (p) { return p[3] && (!state.filters.provider.length || state.filters.provider.indexOf(p[0]) >= 0); });
    return Promise.all(newest.slice(0, 5).map(function (a) { return fragment(idx, idx.art[a]); })).then(function (frags) {
      return (filtered ? '<p><button type="button" class="search-clear" data-search-clear>Search all devices and providers</button></p>' : '') +
        (frags.length ? '<h2>Newest articles' + (b >= 0 ? ' for ' + esc(deviceName(idx, device)) : '') + '</h2><ul class="search-newest" data-newest>' +
          frags.map(function (f) { return '<li><a href="' + esc(href(f.url.split('#')[0])) + '">' + esc(f.title) + '</a></li>'; }).join('') + '</ul>' : '') +
        (support.length ? '<p class="search-support" data-support>Still stuck? ' + support.map(function (p) {
          return '<a href="' + esc(p[3]) + '">Contact ' + esc(p[1]) + ' support</a>';
        }).join(' · ') + '</p>' : '');
    });
  }
  function show() {
    var res = state.res, idx = res.idx, f = facet(res, state.filters), mine = seq;
    var facetsEl = part('[data-facets]');
    facetsEl.innerHTML = KINDS.map(function (k) {
      var values = f.counts[k[0]].filter(function (v) { return v[2] > 0 || state.filters[k[0]].indexOf(v[0]) >= 0; });
      if (!values.length) return '';
      return '<fieldset class="facet" data-facet="' + k[0] + '"><legend>' + k[1] + '</legend>' + values.map(function (v) {
        var name = k[0] === 'device' ? deviceName(idx, v[0]) : v[1];
        return '<label><input type="checkbox" name="' + k[0] + '" value="' + esc(v[0]) + '"' +
          (state.filters[k[0]].indexOf(v[0]) >= 0 ? ' checked' : '') + '> ' + esc(name) +
          ' <span class="facet-count" data-count="' + v[2] + '">' + v[2] + '</span></label>';
      }).join('') + (state.filters[k[0]].length ? '<button type="button" class="facet-clear" data-facet-clear="' + k[0] + '">Clear</button>' : '') + '</fieldset>';
    }).join('');
    var total = f.arts.length, q = state.q.trim(), filtered = KINDS.some(function (k) { return state.filters[k[0]].length; });
    status(total ? total + (total === 1 ? ' article' : ' articles') + ' for “' + q + '”' + (res.partial ? ' (no article has every word; showing the closest)' : '')
      : 'No results for “' + q + '”' + (res.arts.length ? ' with these filters.' : '.'), total);
    var noticeEl = part('[data-search-notice]');
    if (noticeEl) noticeEl.innerHTML = notice(res);
    var results = part('[data-results]'), emptyEl = part('[data-search-empty]');
    results.setAttribute('aria-busy', 'true');
    var device = state.filters.device.length === 1 ? state.filters.device[0] : readerDevice();
    Promise.all([articles(res, f, device, 0, state.shown), total ? '' : empty(res, res.arts.length > 0)]).then(function (got) {
      if (mine !== seq) return;
      results.innerHTML = got[0].map(function (r) {
        var s = r.section;
        return '<li class="result" data-article="' + r.article + '" data-record="' + s.id + '"><a class="result-link" href="' + esc(href(r.url)) + '">' +
          '<span class="result-title">' + highlight(r.title, res.highlight) + '</span></a>' +
          (s.heading ? '<p class="result-section">' + sectionLine(idx, s, 'result-section-link', res.highlight) + '</p>' : '') +
          '<p class="result-meta">' + esc((r.breadcrumb || []).join(' › ')) +
          (r.updated ? ' · <time datetime="' + esc(r.updated) + '">' + esc(r.updated) + '</time>' : '') + '</p>' +
          '<p class="result-excerpt">' + highlight(window180(r.excerpt || '', res.highlight), res.highlight) + '</p>' +
          (r.subs.length ? '<ul class="result-subs">' + r.subs.map(function (x) { return '<li data-record="' + x.id + '">' + sectionLine(idx, x, 'result-sub', res.highlight) + '</li>'; }).join('') + '</ul>' : '') + '</li>';
      }).join('');
      if (emptyEl) emptyEl.innerHTML = got[1];
      results.setAttribute('aria-busy', 'false');
      var more = part('[data-search-more]');
      if (more) more.remove();
      if (total > state.shown) {
        results.insertAdjacentHTML('afterend', '<button type="button" class="search-more" data-search-more>Show more results</button>');
      }
    }).catch(function () { if (mine === seq) status('Search is not available right now.'); });
  }
  function refresh() { writeUrl(); if (state.res) { ++seq; state.shown = 10; show(); } }
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
      refresh();
    });
    page.addEventListener('click', function (e) {
      var t = e.target;
      if (!t || !t.hasAttribute) return;
      if (t.hasAttribute('data-search-more') && state.res) { ++seq; state.shown += 10; show(); }
      else if (t.hasAttribute('data-facet-clear')) { state.filters[t.getAttribute('data-facet-clear')] = []; refresh(); }
      else if (t.hasAttribute('data-search-clear')) { KINDS.forEach(function (k) { state.filters[k[0]] = []; }); refresh(); }
      else if (t.hasAttribute('data-search-link')) {
        e.preventDefault();
        state.q = t.textContent;
        if (input) input.value = state.q;
        writeUrl(); run();
      }
    });
    if (HC && HC.onDevice) HC.onDevice(function (id) {
      state.filters.device = id && id !== 'all' ? [id] : [];
      refresh();
    });
    run();
  }

  // For tests, benchmarks and the relevance evaluation.
  window.HCSearch = {
    // Ranked record ids, or with `filters` per-article facet counts.
    query: function (q, prefix, filters) {
      return query(q, !!prefix).then(function (r) {
        var out = { ms: r.ms, partial: r.partial, dropped: r.dropped, articles: r.arts.length };
        if (filters) {
          var started = performance.now(), f = facet(r, filters);
          out.facetMs = performance.now() - started;
          out.total = f.arts.length;
          out.counts = f.counts;
        } else {
          out.ids = [];
          facet(r, noFilters(null)).arts.forEach(function (a) { sections(r, a).forEach(function (s) { out.ids.push(s[0]); }); });
        }
        return out;
      });
    },
    // The results page's list: one entry per article, as shown.
    articles: function (q, filters, limit) {
      return query(q, false).then(function (r) {
        var f = facet(r, filters || noFilters(null)), device = filters && filters.device && filters.device[0];
        return articles(r, f, device || readerDevice(), 0, limit || 10).then(function (list) {
          return { articles: list, total: f.arts.length, counts: f.counts, partial: r.partial, dropped: r.dropped, fixed: r.fixed, ms: r.ms };
        });
      });
    },
    fragment: function (id) { return manifest().then(function (idx) { return fragment(idx, id); }); }
  };
})();
