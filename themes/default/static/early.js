/* Applies the reader's device before first paint (render-blocking, keep tiny).
   Order: ?device= (remembered), saved choice, detected from the browser.
   Sets <html data-device data-device-source> and adds the hiding rules for
   that device to style.css through the CSSOM (the CSP forbids inline styles). */
(function () {
  var root = document.documentElement, KEY = "helpcentre.device";
  var known = (root.getAttribute("data-device-ids") || "").split(" ");
  function ok(id) { return !!id && /^[a-z0-9-]+$/.test(id) && known.indexOf(id) >= 0; }
  function detect() {
    var ua = navigator.userAgent || "";
    if (/iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1)) return "ios";
    if (/Android/.test(ua)) return "android";
    if (/Macintosh|Mac OS X/.test(ua)) return "macos";
    if (/Windows/.test(ua)) return "windows";
    var p = (navigator.userAgentData && navigator.userAgentData.platform) || "";
    return { Android: "android", macOS: "macos", Windows: "windows", Linux: "linux" }[p] || (/Linux/.test(ua) ? "linux" : null);
  }
  // Rules for device X: hide other devices' sections (unless opened) where the
  // article has X; show the matching status, notice, toggles; list X first.
  function rules(x) {
    var h = 'html[data-device="' + x + '"] ', has = '.article[data-section-devices~="' + x + '"] ';
    var other = ':not([data-devices~="' + x + '"])';
    return "@media all{" +
      h + has + ".device-section" + other + ":not(.hc-open){display:none}" +
      h + has + ".section-toc li[data-devices]" + other + "{display:none}" +
      h + has + ".also-available{display:block}" +
      h + '.article[data-section-devices="' + x + '"] .also-available{display:none}' +
      h + '.also-available [data-show-device="' + x + '"]{display:none}' +
      h + '.article[data-section-devices]:not([data-section-devices=""])' + ':not([data-section-devices~="' + x + '"]) .device-notice{display:block}' +
      h + '.article[data-section-devices=""][data-devices]:not([data-devices=""])' + other + " .device-notice{display:block}" +
      h + ".label-all{display:none}" + h + '.label-device[data-for="' + x + '"]{display:inline}' +
      h + '[data-step-count]:not(:has([data-for="' + x + '"])) .label-all{display:inline}' +
      h + has + ".section-toc:not(:has(li:not([data-devices]))){display:none}" +
      h + '.card[data-devices~="' + x + '"]{order:-1}' +
      h + ".only-toggle{display:flex}" +
      'html[data-device-only][data-device="' + x + '"] .card:not([data-devices=""])' + other + "{display:none}" +
      h + '.device-count[data-device="' + x + '"]{font-weight:700;border-color:currentColor}' +
      "@media print{" + h + has + ".device-section" + other + "{display:none}}" +
      "}";
  }
  // Styles that only make sense with scripts on (menus, folded intros).
  root.classList.add("hc-js");
  // A screenshot that fails to load shows its alt text and a note instead
  // of an empty frame. Error events do not bubble, so this listens in the
  // capture phase, from the start, to see failures before app.js runs.
  document.addEventListener("error", function (e) {
    var img = e.target;
    if (img && img.tagName === "IMG" && img.closest) shotFailed(img);
  }, true);
  function shotFailed(img) {
    var figure = img.closest("figure.shot");
    if (!figure || figure.classList.contains("shot-failed")) return;
    var holder = img.closest("[data-shot-unavailable]");
    var note = document.createElement("p");
    note.className = "shot-unavailable";
    var strong = document.createElement("strong");
    strong.textContent = (holder && holder.getAttribute("data-shot-unavailable")) || "Screenshot unavailable";
    note.appendChild(strong);
    if (img.alt) note.appendChild(document.createTextNode(" " + img.alt));
    figure.classList.add("shot-failed");
    figure.appendChild(note);
  }
  var applied = null;
  function sheet() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) if (/\/style\.[^\/]*css$/.test(links[i].getAttribute("href") || "")) return links[i];
    return null;
  }
  // Replaces the device rules; a no-op (all sections shown) if the sheet is not there.
  function apply(x) {
    var link = sheet(), s = link && link.sheet;
    if (!link) return;
    if (!s) { link.addEventListener("load", function () { apply(x); }); return; }
    try {
      if (applied) { for (var i = s.cssRules.length - 1; i >= 0; i--) if (s.cssRules[i] === applied) s.deleteRule(i); applied = null; }
      if (x) applied = s.cssRules[s.insertRule(rules(x), s.cssRules.length)];
    } catch (e) { /* keep every section visible */ }
  }
  function set(x, source) {
    if (x) { root.setAttribute("data-device", x); root.setAttribute("data-device-source", source); }
    else { root.removeAttribute("data-device"); root.removeAttribute("data-device-source"); }
    apply(x);
  }
  var id = null, source = null, saved = null, param = null;
  try { param = new URLSearchParams(location.search).get("device"); } catch (e) {}
  try { saved = localStorage.getItem(KEY); } catch (e) {}
  if (param && (param === "all" || ok(param))) {
    id = param; source = "url";
    try { localStorage.setItem(KEY, param); } catch (e) {}
  } else if (saved === "all" || ok(saved)) { id = saved; source = "saved"; }
  else { id = detect(); source = "detected"; }
  try { if (localStorage.getItem("helpcentre.device-only") === "1") root.setAttribute("data-device-only", ""); } catch (e) {}
  set(ok(id) ? id : null, source);
  window.HC = window.HC || {};
  window.HC._early = { key: KEY, set: set, detect: detect, known: known, ok: ok, shotFailed: shotFailed };
})();
