/* Partner impressions (partners/views.py, partner_impressions): when half of an « Ils nous font
   confiance » block has been on screen, one request says which logos were shown. The page itself
   stays cached; the request carries no cookie and nothing about the reader, and the server counts a
   visitor once per partner, placement and day. Without JavaScript nothing is counted. */
(function () {
  "use strict";
  function send(block) {
    var url = block.getAttribute("data-impressions-url");
    if (!url || block.hasAttribute("data-impressions-sent")) return;
    block.setAttribute("data-impressions-sent", "");
    if (window.fetch) {
      window.fetch(url, { method: "POST", credentials: "omit", keepalive: true, mode: "same-origin" }).catch(function () {});
    }
  }
  function watch() {
    var blocks = document.querySelectorAll("[data-impressions-url]:not([data-impressions-sent])");
    if (!("IntersectionObserver" in window)) {
      Array.prototype.forEach.call(blocks, send);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          send(entry.target);
        }
      });
    }, { threshold: 0.5 });
    Array.prototype.forEach.call(blocks, function (block) { observer.observe(block); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", watch);
  } else {
    watch();
  }
})();
