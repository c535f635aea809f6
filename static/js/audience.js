// « Les plus lus »: count this read (one beacon, no cookie, nothing stored in the browser) and
// fill the box with the fragment the server keeps for a few minutes. Our own origin only.
(function () {
  "use strict";
  var script = document.currentScript;
  var article = script && script.getAttribute("data-article");
  if (article && /^\d+$/.test(article) && navigator.sendBeacon) {
    navigator.sendBeacon("/audience/vu/" + article + "/");
  }
  var box = document.querySelector("[data-most-read]");
  if (!box || !window.fetch) {
    return;
  }
  fetch("/audience/plus-lus/", { credentials: "omit" })
    .then(function (response) { return response.ok ? response.text() : ""; })
    .then(function (html) {
      if (html.trim()) {
        box.innerHTML = html;
        box.hidden = false;
      }
    })
    .catch(function () {});
})();
