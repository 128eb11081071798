/* Back or reload puts the reader where they were. The scroll position a browser keeps was
   measured on a page whose sections below the first screen were laid out only as they came
   close (at an estimated height until then: site.css), while a page come back to is laid out
   whole (the inline script of _templates/layout.html), so the same position can be 600 px
   off. The page keeps instead which section was at the top of the window and where
   (sessionStorage), and puts it there again after loading (and while the page above it
   settles, until the reader moves). A page with #section in its
   address was laid out whole from the start: there the browser's own restoring is right.
   Deferred, so it runs before the load event it waits for. */
(function () {
  "use strict";
  var key = "gd-place:" + location.pathname;
  var arrival = performance.getEntriesByType("navigation")[0];
  addEventListener("pagehide", function () {
    var sections = document.querySelectorAll(".bd-article > section > section[id]");
    var top = Array.prototype.find.call(sections, function (s) { return s.getBoundingClientRect().bottom > 0; });
    if (location.hash || !top) return;
    try {
      sessionStorage.setItem(key, JSON.stringify([top.id, top.getBoundingClientRect().top]));
      history.scrollRestoration = "manual";
    } catch (error) { /* no storage (private browsing): the browser restores as it does */ }
  });
  var place = null;
  try {
    if (arrival && arrival.type !== "navigate" && !location.hash) place = JSON.parse(sessionStorage.getItem(key));
  } catch (error) { place = null; }
  if (!place) return;
  // put the section back, and keep it there while the page above it still settles (fonts,
  // figures), until the reader scrolls, taps or types, or for two seconds
  var section = null, until = 0;
  function restore() {
    if (section && Date.now() < until) scrollTo(0, section.getBoundingClientRect().top + scrollY - place[1]);
  }
  function stop() { until = 0; }
  addEventListener("load", function () {
    section = document.getElementById(place[0]);
    if (!section) return;
    until = Date.now() + 2000;
    restore();
    new ResizeObserver(restore).observe(document.querySelector(".bd-article") || document.body);
    ["wheel", "touchstart", "keydown", "pointerdown"].forEach(function (type) {
      addEventListener(type, stop, {once: true, passive: true});
    });
  });
})();
