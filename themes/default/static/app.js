/* The device filter's behaviour after load (deferred). Hiding itself is done
   by CSS rules that early.js adds before first paint; this file wires the
   picker, the "Also available for" control, step anchors into collapsed
   sections, the listings' "only" toggle and printing. */
(function () {
  var HC = window.HC;
  if (!HC || !HC.setDevice) return;
  var root = document.documentElement;
  function all(sel, el) { return Array.prototype.slice.call((el || document).querySelectorAll(sel)); }
  function devicesOf(el) { return (el.getAttribute("data-devices") || "").split(" ").filter(Boolean); }

  // Header picker: "Change" opens the radio choices; picking one applies it.
  var picker = document.querySelector("[data-device-picker]");
  var form = picker && picker.querySelector("form[data-device-choices]");
  var change = picker && picker.querySelector("[data-device-change]");
  function syncPicker() {
    var current = HC.device() || "all";
    all("input[name=device]", form).forEach(function (r) { r.checked = r.value === current; });
  }
  if (form && change) {
    change.setAttribute("role", "button");
    change.setAttribute("aria-expanded", "false");
    change.addEventListener("click", function (e) {
      e.preventDefault();
      var open = form.hidden;
      form.hidden = !open;
      change.setAttribute("aria-expanded", String(open));
      if (open) { syncPicker(); var r = form.querySelector("input:checked") || form.querySelector("input"); if (r) r.focus(); }
    });
    form.addEventListener("change", function (e) {
      if (e.target && e.target.name === "device") {
        HC.setDevice(e.target.value);
        form.hidden = true;
        change.setAttribute("aria-expanded", "false");
        change.focus();
      }
    });
    form.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { form.hidden = true; change.setAttribute("aria-expanded", "false"); change.focus(); }
    });
    syncPicker();
  }

  // Article: reveal other devices' sections on request.
  function sectionFor(el) { return el && el.closest ? el.closest(".device-section") : null; }
  function hiddenSection(section) { return section && getComputedStyle(section).display === "none"; }
  function open(section) { if (section) section.classList.add("hc-open"); }
  all("[data-show-device]").forEach(function (button) {
    button.addEventListener("click", function () {
      var id = button.getAttribute("data-show-device"), first = null;
      all(".device-section").forEach(function (s) {
        if (devicesOf(s).indexOf(id) >= 0) { open(s); first = first || s; }
      });
      button.setAttribute("aria-expanded", "true");
      if (first) {
        first.scrollIntoView({ block: "start" });
        var h = first.querySelector("h2");
        if (h) { h.setAttribute("tabindex", "-1"); h.focus({ preventScroll: true }); }
      }
    });
  });

  // A link to a step (#macos-step-2) or section inside a collapsed section opens it.
  function followHash() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var section = target.classList.contains("device-section") ? target : sectionFor(target);
    if (hiddenSection(section)) { open(section); target.scrollIntoView({ block: "start" }); }
  }
  window.addEventListener("hashchange", followHash);
  followHash();

  // Listings: articles for the chosen device first (CSS orders them before
  // paint; moving the nodes keeps reading and tab order the same as shown).
  function orderListings() {
    var id = HC.device();
    all(".article-list").forEach(function (list) {
      var cards = all(":scope > li.card", list);
      if (!list._hcOrder) list._hcOrder = cards.slice();
      var original = list._hcOrder;
      var first = original.filter(function (c) { return id && devicesOf(c).indexOf(id) >= 0; });
      var rest = original.filter(function (c) { return first.indexOf(c) < 0; });
      first.concat(rest).forEach(function (c) { list.appendChild(c); });
    });
  }
  all("input[data-only-device]").forEach(function (box) {
    box.checked = root.hasAttribute("data-device-only");
    box.addEventListener("change", function () {
      all("input[data-only-device]").forEach(function (b) { b.checked = box.checked; });
      if (box.checked) root.setAttribute("data-device-only", ""); else root.removeAttribute("data-device-only");
      try { localStorage.setItem("helpcentre.device-only", box.checked ? "1" : "0"); } catch (e) {}
    });
  });
  all(".only-toggle").forEach(function (label) { label.hidden = false; });

  // The device index ("Change" without JavaScript leads there): picking a
  // device there also makes it the choice on every page.
  all("a[data-device-link]").forEach(function (a) {
    a.addEventListener("click", function () { HC.setDevice(a.getAttribute("data-device-link")); });
  });

  // Print the screenshots too: lazy images may not have loaded yet.
  window.addEventListener("beforeprint", function () {
    all("img[loading=lazy]").forEach(function (img) { img.loading = "eager"; });
  });

  HC.onDevice(function () {
    all(".hc-open").forEach(function (s) { s.classList.remove("hc-open"); });
    all("[data-show-device]").forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    orderListings();
    syncPicker();
  });
  orderListings();
})();
