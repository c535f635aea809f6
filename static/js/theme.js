/* Theme: light or dark, following the system unless the reader chose one (kept in localStorage,
   never in a cookie: the server never learns it). Loaded in <head> without defer, so the saved
   choice applies before the first paint (no flash of the wrong theme); the toggle is wired once
   the page is parsed. No inline script: CSP stays `script-src 'self'`. */
(function () {
  "use strict";
  var KEY = "newsroom-theme";
  var root = document.documentElement;
  function saved() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function systemDark() {
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  }
  function current() {
    var choice = saved();
    if (choice === "dark" || choice === "light") return choice;
    return systemDark() ? "dark" : "light";
  }
  function apply(theme) {
    root.setAttribute("data-theme", theme);
    var button = document.getElementById("theme-toggle");
    if (button) {
      var dark = theme === "dark";
      button.querySelector(".theme-toggle__label").textContent = dark ? "Passer au thème clair" : "Passer au thème sombre";
    }
  }
  var choice = saved();
  if (choice === "dark" || choice === "light") root.setAttribute("data-theme", choice);
  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("theme-toggle");
    if (!button) return;
    button.hidden = false;
    apply(current());
    button.addEventListener("click", function () {
      var next = current() === "dark" ? "light" : "dark";
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: this page only */ }
      apply(next);
    });
  });
})();
