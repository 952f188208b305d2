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
  // The header picker's options carry each device's name and label.
  function radio(id) {
    var options = document.querySelectorAll("[data-device-options] [data-value]");
    for (var i = 0; i < options.length; i++) if (options[i].getAttribute("data-value") === id) return options[i];
    return null;
  }
  HC.deviceName = function (id) { var r = radio(id); return (r && r.getAttribute("data-name")) || id || ""; };
  HC.deviceLabel = function (id) { var r = radio(id); return (r && r.getAttribute("data-label")) || HC.deviceName(id); };
})();
