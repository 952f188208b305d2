/* Shared client code (the device filter and the search client both use it):
   window.HC = { base, device(), setDevice(id|null), onDevice(fn),
   escapeHtml(s), deviceName(id), deviceLabel(id) }. */
(function () {
  var HC = window.HC = window.HC || {};
  var root = document.documentElement;
  var early = HC._early || null;
  var KEY = early ? early.key : "helpcentre.device";
  var listeners = [];
  HC.base = root.getAttribute("data-base") || "/";
  HC.device = function () { return root.getAttribute("data-device") || null; };
  HC.deviceSource = function () { return root.getAttribute("data-device-source") || null; };
  // Remembers the choice ("all" is remembered too, so detection stops).
  HC.setDevice = function (id) {
    var next = id && id !== "all" && (!early || early.ok(id)) ? id : null;
    try { localStorage.setItem(KEY, next || "all"); } catch (e) {}
    if (early) early.set(next, "saved");
    else if (next) root.setAttribute("data-device", next);
    else root.removeAttribute("data-device");
    for (var i = 0; i < listeners.length; i++) {
      try { listeners[i](next); } catch (e) { setTimeout(function () { throw e; }); }
    }
  };
  HC.onDevice = function (fn) { if (typeof fn === "function") listeners.push(fn); };
  HC.escapeHtml = function (s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  };
  // A device's name is its option's text in the header picker; its label
  // ("iPhone and iPad") is the picker's status line span for it.
  function find(selector, attribute, id) {
    var nodes = document.querySelectorAll(selector);
    for (var i = 0; i < nodes.length; i++) if (nodes[i].getAttribute(attribute) === id) return nodes[i];
    return null;
  }
  HC.deviceName = function (id) {
    var option = find("[data-device-options] [data-value]", "data-value", id);
    return (option && option.textContent.trim()) || id || "";
  };
  HC.deviceLabel = function (id) {
    var label = find("[data-device-status] .label-device", "data-for", id);
    return (label && label.textContent.trim()) || HC.deviceName(id);
  };
})();

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

  // Header picker: "Change" (a button) opens a listbox of devices. Arrow
  // keys, Home and End move the active option, Enter or Space apply it,
  // Escape closes without a change; focus returns to "Change".
  var picker = document.querySelector("[data-device-picker]");
  var panel = picker && picker.querySelector("[data-device-choices]");
  var list = picker && picker.querySelector("[data-device-options]");
  var change = picker && picker.querySelector("[data-device-change]");
  var changeLink = picker && picker.querySelector("[data-device-change-link]");
  var options = list ? all("[role=option]", list) : [];
  // Ids for aria-activedescendant, set here rather than written on every page.
  options.forEach(function (o) { o.id = o.id || "device-option-" + o.getAttribute("data-value"); });
  var active = -1;
  function syncPicker() {
    var current = HC.device() || "all";
    options.forEach(function (o) { o.setAttribute("aria-selected", String(o.getAttribute("data-value") === current)); });
  }
  function activate(i) {
    if (!options.length) return;
    active = (i + options.length) % options.length;
    options.forEach(function (o, j) { o.classList.toggle("is-active", j === active); });
    list.setAttribute("aria-activedescendant", options[active].id);
    options[active].scrollIntoView({ block: "nearest" });
  }
  function closePicker(focusButton) {
    if (panel.hidden) return;
    panel.hidden = true;
    change.setAttribute("aria-expanded", "false");
    list.removeAttribute("aria-activedescendant");
    if (focusButton) change.focus();
  }
  function openPicker() {
    syncPicker();
    panel.hidden = false;
    change.setAttribute("aria-expanded", "true");
    var selected = options.filter(function (o) { return o.getAttribute("aria-selected") === "true"; })[0];
    activate(Math.max(0, options.indexOf(selected)));
    list.focus();
  }
  function choose(option) {
    HC.setDevice(option.getAttribute("data-value"));
    closePicker(true);
  }
  if (panel && list && change) {
    change.hidden = false;
    if (changeLink) changeLink.hidden = true;
    change.addEventListener("click", function () { if (panel.hidden) openPicker(); else closePicker(false); });
    list.addEventListener("keydown", function (e) {
      var key = e.key;
      if (key === "ArrowDown" || key === "ArrowRight") activate(active + 1);
      else if (key === "ArrowUp" || key === "ArrowLeft") activate(active - 1);
      else if (key === "Home") activate(0);
      else if (key === "End") activate(options.length - 1);
      else if (key === "Enter" || key === " ") { if (options[active]) choose(options[active]); }
      else if (key === "Escape") closePicker(true);
      else return;
      e.preventDefault();
    });
    list.addEventListener("click", function (e) {
      var option = e.target.closest && e.target.closest("[role=option]");
      if (option) choose(option);
    });
    // Leaving the picker with Tab or a click elsewhere closes it.
    picker.addEventListener("focusout", function (e) {
      if (!picker.contains(e.relatedTarget)) closePicker(false);
    });
    document.addEventListener("click", function (e) {
      if (!picker.contains(e.target)) closePicker(false);
    });
    syncPicker();
  }

  // Phones: the provider list folds into a menu button.
  var menu = document.querySelector("[data-menu-button]");
  var nav = menu && document.getElementById(menu.getAttribute("aria-controls"));
  if (menu && nav) {
    var setMenu = function (open) {
      menu.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("is-open", open);
    };
    menu.addEventListener("click", function () { setMenu(menu.getAttribute("aria-expanded") !== "true"); });
    nav.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { setMenu(false); menu.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (!menu.contains(e.target) && !nav.contains(e.target)) setMenu(false);
    });
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

  // Long opening text is folded on phones (CSS); the button unfolds it.
  all("[data-lead-more]").forEach(function (button) {
    var lead = document.getElementById(button.getAttribute("aria-controls"));
    if (!lead) return;
    button.addEventListener("click", function () {
      lead.classList.add("is-unfolded");
      button.setAttribute("aria-expanded", "true");
      button.hidden = true;
      lead.setAttribute("tabindex", "-1");
      lead.focus({ preventScroll: true });
    });
  });

  // Screenshots: one that has not arrived after a while (a host that does
  // not answer) shows its alt text like a failed one until it loads.
  var early = HC._early;
  if (early && early.shotFailed) {
    all("figure.shot img").forEach(function (img) {
      if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) early.shotFailed(img);
    });
    document.addEventListener("load", function (e) {
      var img = e.target, figure = img && img.closest && img.tagName === "IMG" && img.closest("figure.shot-failed");
      if (!figure) return;
      figure.classList.remove("shot-failed");
      all(".shot-unavailable", figure).forEach(function (n) { n.remove(); });
    }, true);
    setTimeout(function () {
      all("figure.shot img").forEach(function (img) {
        var r = img.getBoundingClientRect();
        if (!img.complete && r.bottom > 0 && r.top < innerHeight * 2) early.shotFailed(img);
      });
    }, 8000);
  }

  // Code blocks: a copy button each; a live region announces "Copied".
  var body = document.querySelector(".article-body");
  var blocks = body ? all("pre", body) : [];
  if (blocks.length) {
    var copyLabel = body.getAttribute("data-copy-label") || "Copy";
    var copiedLabel = body.getAttribute("data-copied-label") || "Copied";
    var announce = document.createElement("p");
    announce.className = "visually-hidden";
    announce.setAttribute("role", "status");
    body.appendChild(announce);
    blocks.forEach(function (pre, i) {
      var wrap = document.createElement("div");
      wrap.className = "code-block";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      if (!pre.id) pre.id = "code-" + (i + 1);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = copyLabel;
      button.setAttribute("aria-describedby", pre.id);
      wrap.appendChild(button);
      // Keyboard users can scroll long lines too.
      if (pre.scrollWidth > pre.clientWidth) pre.setAttribute("tabindex", "0");
      button.addEventListener("click", function () {
        var text = pre.innerText.replace(/\n$/, "");
        copyText(text).then(function () {
          button.textContent = copiedLabel;
          announce.textContent = "";
          setTimeout(function () { announce.textContent = copiedLabel; }, 50);
          setTimeout(function () { button.textContent = copyLabel; }, 2000);
        });
      });
    });
  }
  function copyText(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      return navigator.clipboard.writeText(text).catch(function () { return legacyCopy(text); });
    }
    return legacyCopy(text);
  }
  function legacyCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) {}
    area.remove();
    return Promise.resolve();
  }

  // "Was this helpful?": Yes or No opens an optional comment; Send posts
  // the form to the endpoint and thanks the reader. Without scripts the
  // answer buttons post the form as it is.
  all("form[data-feedback]").forEach(function (form) {
    var answers = all("[data-feedback-answer]", form);
    var comment = form.querySelector("[data-feedback-comment]");
    var send = form.querySelector("[data-feedback-send]");
    var thanks = form.querySelector("[data-feedback-thanks]");
    var fields = form.querySelector("fieldset");
    var chosen = null;
    if (!answers.length || !comment || !send || !thanks || !fields) return;
    form.classList.add("is-enhanced");
    // Reading order with scripts: question, answers, comment, Send.
    send.parentNode.insertBefore(comment, send);
    comment.hidden = true;
    answers.forEach(function (b) {
      b.type = "button";
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", function () {
        chosen = b.value;
        answers.forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        comment.hidden = false;
        send.hidden = false;
      });
    });
    function fill() {
      var device = HC.device() || "";
      form.querySelector("[data-feedback-device]").value = device;
      // The section the reader was using: their device's first section.
      var shown = all(".article-body .device-section").filter(function (s) { return s.getClientRects().length > 0; });
      var section = shown.filter(function (s) { return device && devicesOf(s).indexOf(device) >= 0; })[0] || shown[0];
      form.querySelector("[data-feedback-section]").value = section ? section.id : "";
    }
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!chosen) return;
      fill();
      var data = new URLSearchParams(new FormData(form));
      data.set("answer", chosen);
      send.disabled = true;
      fetch(form.action, { method: "POST", mode: "no-cors", body: data, credentials: "omit" }).then(function () {
        fields.hidden = true;
        thanks.textContent = form.querySelector("[data-feedback-thanks-text]").textContent;
        form.classList.add("is-sent");
      }, function () {
        send.disabled = false;
        thanks.textContent = form.querySelector("[data-feedback-error-text]").textContent;
      });
    });
  });

  // 404: the support contact of the provider the missing page was under first.
  var supportList = document.querySelector("[data-support-list]");
  if (supportList) {
    var base = HC.base || "/";
    var rest = location.pathname.indexOf(base) === 0 ? location.pathname.slice(base.length) : location.pathname;
    var provider = rest.split("/")[0];
    var match = provider && supportList.querySelector('[data-support-provider="' + provider.replace(/[^a-z0-9_-]/gi, "") + '"]');
    var heading = supportList.querySelector("h2");
    if (match && heading) heading.parentNode.insertBefore(match, heading.nextSibling);
  }

  HC.onDevice(function () {
    all(".hc-open").forEach(function (s) { s.classList.remove("hc-open"); });
    all("[data-show-device]").forEach(function (b) { b.setAttribute("aria-expanded", "false"); });
    orderListings();
    syncPicker();
  });
  orderListings();
})();

/* Screenshot zoom: a click, tap or Enter on a screenshot link (a.zoom)
   opens the full-size original in the page's zoom dialog (a modal
   <dialog data-zoom-view>, so focus stays inside and Escape closes it);
   the image is a toggle button for 1x/2x (the dialog scrolls natively, so
   pinch and pan work too); Escape, Close or a click on the backdrop closes
   it and returns focus to the link. No dependencies; without the dialog,
   or for a screenshot that failed to load, the link opens the file. */
(function () {
  "use strict";
  var view = document.querySelector("[data-zoom-view]");
  if (!view || typeof view.showModal !== "function") return;
  var toggle = view.querySelector("[data-zoom-toggle]");
  var close = view.querySelector("[data-zoom-close]");
  if (!toggle || !close) return;
  var opener = null;
  var img = null;

  // A screenshot the page shows at its own file comes without a link (it
  // would only repeat the file's address): it gets one here, so every
  // screenshot opens the same way, by pointer or keyboard.
  var bare = document.querySelectorAll("figure.shot > img, figure.shot > picture");
  for (var b = 0; b < bare.length; b++) {
    var shown = bare[b];
    var image = shown.tagName === "IMG" ? shown : shown.querySelector("img");
    if (!image || !image.getAttribute("src")) continue;
    var made = document.createElement("a");
    made.className = "zoom";
    made.href = image.getAttribute("src");
    if (image.getAttribute("width") && image.getAttribute("height")) {
      made.setAttribute("data-width", image.getAttribute("width"));
      made.setAttribute("data-height", image.getAttribute("height"));
    }
    shown.parentNode.insertBefore(made, shown);
    made.appendChild(shown);
  }

  var links = document.querySelectorAll("a.zoom");
  for (var i = 0; i < links.length; i++) {
    links[i].setAttribute("aria-haspopup", "dialog");
  }

  function label(link) {
    var inner = link.querySelector("img");
    return inner && inner.alt ? inner.alt : "Screenshot";
  }

  function open(link) {
    opener = link;
    // The image exists only while the dialog is open: an <img> needs a src.
    img = document.createElement("img");
    img.setAttribute("data-zoom-img", "");
    img.alt = label(link);
    var w = link.getAttribute("data-width");
    var h = link.getAttribute("data-height");
    if (w && h) {
      img.width = parseInt(w, 10);
      img.height = parseInt(h, 10);
    }
    img.src = link.href;
    toggle.appendChild(img);
    setZoom(false);
    view.setAttribute("aria-label", img.alt + ", full size");
    view.showModal();
    document.body.classList.add("zoom-open");
    close.focus();
  }

  function shut() {
    if (view.open) view.close();
  }

  view.addEventListener("close", function () {
    setZoom(false);
    if (img) img.remove();
    img = null;
    document.body.classList.remove("zoom-open");
    if (opener) opener.focus();
    opener = null;
  });

  /* 2x of the fitted size; the dialog's own overflow scrolling pans. */
  function setZoom(on, x, y) {
    if (img && on) {
      var rect = img.getBoundingClientRect();
      var fx = x === undefined ? 0.5 : (x - rect.left) / rect.width;
      var fy = y === undefined ? 0.5 : (y - rect.top) / rect.height;
      img.style.width = rect.width * 2 + "px";
      img.style.height = rect.height * 2 + "px";
      view.classList.add("is-zoomed");
      view.scrollLeft = img.offsetLeft + rect.width * 2 * fx - view.clientWidth / 2;
      view.scrollTop = img.offsetTop + rect.height * 2 * fy - view.clientHeight / 2;
    } else {
      if (img) { img.style.width = ""; img.style.height = ""; }
      view.classList.remove("is-zoomed");
    }
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a.zoom") : null;
    if (!link || link.closest("figure.shot-failed")) return;
    event.preventDefault();
    open(link);
  });

  close.addEventListener("click", shut);

  toggle.addEventListener("click", function (event) {
    event.stopPropagation();
    var on = !view.classList.contains("is-zoomed");
    /* A keyboard "click" has no pointer position: zoom into the middle. */
    if (event.detail === 0) setZoom(on);
    else setZoom(on, event.clientX, event.clientY);
  });

  /* A click on the backdrop (the dialog box itself, outside its content). */
  view.addEventListener("click", function (event) {
    if (event.target === view) shut();
  });
})();
