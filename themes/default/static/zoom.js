/* Screenshot zoom: a click, tap or Enter on a screenshot link (a.zoom)
   opens the full-size original in the page's zoom dialog
   (div.zoom-view[data-zoom-view]); a click or Enter on the image toggles
   1x/2x (the dialog scrolls natively, so pinch and pan work too); Escape,
   the Close button or a click on the backdrop closes it and returns focus
   to the link. No dependencies; without the dialog, links open the file. */
(function () {
  "use strict";
  var view = document.querySelector("[data-zoom-view]");
  if (!view) return;
  var img = view.querySelector("[data-zoom-img]");
  var close = view.querySelector("[data-zoom-close]");
  if (!img || !close) return;
  var opener = null;

  img.setAttribute("tabindex", "0");
  img.setAttribute("role", "button");
  img.setAttribute("aria-pressed", "false");
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
    setZoom(false);
    img.alt = label(link);
    var w = link.getAttribute("data-width");
    var h = link.getAttribute("data-height");
    if (w && h) {
      img.width = parseInt(w, 10);
      img.height = parseInt(h, 10);
    } else {
      img.removeAttribute("width");
      img.removeAttribute("height");
    }
    img.src = link.href;
    view.setAttribute("aria-label", img.alt + ", full size");
    view.hidden = false;
    document.body.classList.add("zoom-open");
    close.focus();
  }

  function shut() {
    if (view.hidden) return;
    view.hidden = true;
    setZoom(false);
    img.removeAttribute("src");
    document.body.classList.remove("zoom-open");
    if (opener) opener.focus();
    opener = null;
  }

  /* 2x of the fitted size; the dialog's own overflow scrolling pans. */
  function setZoom(on, x, y) {
    if (on) {
      var rect = img.getBoundingClientRect();
      var fx = x === undefined ? 0.5 : (x - rect.left) / rect.width;
      var fy = y === undefined ? 0.5 : (y - rect.top) / rect.height;
      img.style.width = rect.width * 2 + "px";
      img.style.height = rect.height * 2 + "px";
      view.classList.add("is-zoomed");
      view.scrollLeft = img.offsetLeft + rect.width * 2 * fx - view.clientWidth / 2;
      view.scrollTop = img.offsetTop + rect.height * 2 * fy - view.clientHeight / 2;
    } else {
      img.style.width = "";
      img.style.height = "";
      view.classList.remove("is-zoomed");
    }
    img.setAttribute("aria-pressed", on ? "true" : "false");
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var link = event.target.closest ? event.target.closest("a.zoom") : null;
    if (!link) return;
    event.preventDefault();
    open(link);
  });

  close.addEventListener("click", shut);

  img.addEventListener("click", function (event) {
    event.stopPropagation();
    setZoom(!view.classList.contains("is-zoomed"), event.clientX, event.clientY);
  });

  view.addEventListener("click", function (event) {
    if (event.target === view) shut();
  });

  view.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") {
      event.preventDefault();
      shut();
    } else if ((event.key === "Enter" || event.key === " ") && event.target === img) {
      event.preventDefault();
      setZoom(!view.classList.contains("is-zoomed"));
    } else if (event.key === "Tab") {
      /* Keep focus inside the dialog: Close <-> image. */
      event.preventDefault();
      (document.activeElement === close ? img : close).focus();
    }
  });
})();
