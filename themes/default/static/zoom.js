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
