/* Consent facades (templates/blocks/embed.html): the provider's player is created only when the
   reader clicks « Charger la vidéo ». Before that the page holds no iframe and asks the provider
   for nothing. Without JavaScript the button stays hidden and the plain link remains. */
(function () {
  "use strict";
  function load(facade) {
    var src = facade.getAttribute("data-embed-src");
    if (!src) return;
    var frame = document.createElement("iframe");
    frame.src = src;
    frame.title = facade.getAttribute("data-embed-title") || "Contenu intégré";
    frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
    frame.setAttribute("allowfullscreen", "");
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    var holder = document.createElement("div");
    holder.className = "embed__frame";
    holder.appendChild(frame);
    facade.replaceWith(holder);
    frame.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    var facades = document.querySelectorAll(".embed__facade[data-embed-src]");
    Array.prototype.forEach.call(facades, function (facade) {
      var button = facade.querySelector(".embed__load");
      if (!button) return;
      button.hidden = false;
      button.addEventListener("click", function () { load(facade); });
    });
  });
})();
