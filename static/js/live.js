// « En direct »: fetch the updates changed since the newest one shown, every ~20 s.
// Corrections and deletions apply in place; new updates wait behind a « N nouvelles mises à jour »
// button so that the reader's scroll never jumps. The fragment is page-cached and revalidated by
// ETag (a 304 costs nothing). Without JavaScript the page is complete: a reload shows everything.
(function () {
  "use strict";
  var feed = document.querySelector(".live-feed[data-live-url]");
  if (!feed || !window.fetch || !window.DOMParser) {
    return;
  }
  var list = feed.querySelector(".live-updates");
  var button = feed.querySelector(".live-feed__new");
  var status = feed.querySelector(".live-feed__status");
  var url = feed.getAttribute("data-live-url");
  var seq = parseInt(feed.getAttribute("data-live-seq"), 10) || 0;
  var delay = Math.max(1, parseInt(feed.getAttribute("data-live-poll"), 10) || 20) * 1000;
  var pending = [];
  var timer = null;

  function label(count) {
    return count === 1 ? "1 nouvelle mise à jour" : count + " nouvelles mises à jour";
  }

  function showButton() {
    button.hidden = pending.length === 0;
    button.textContent = label(pending.length);
  }

  function apply(item) {
    var existing = document.getElementById(item.id);
    var deleted = item.getAttribute("data-deleted") === "1";
    pending = pending.filter(function (other) {
      return other.id !== item.id;
    });
    if (existing) {
      if (deleted) {
        existing.remove();
      } else {
        existing.replaceWith(item);
      }
    } else if (!deleted) {
      pending.push(item);
    }
  }

  function reveal() {
    // Newest first: the pending items came newest first from each fetch, older fetches last.
    pending.sort(function (a, b) {
      return parseInt(b.getAttribute("data-seq"), 10) - parseInt(a.getAttribute("data-seq"), 10);
    });
    var empty = list.querySelector(".empty");
    if (empty) {
      empty.remove();
    }
    for (var index = pending.length - 1; index >= 0; index -= 1) {
      list.insertBefore(pending[index], list.firstChild);
    }
    var count = pending.length;
    pending = [];
    showButton();
    status.textContent = count ? label(count) + " affichée" + (count === 1 ? "" : "s") + "." : "";
  }

  function stop(message) {
    window.clearTimeout(timer);
    timer = null;
    feed.removeAttribute("data-live-url");
    status.textContent = message;
  }

  function poll() {
    if (document.hidden) {
      timer = window.setTimeout(poll, delay);
      return;
    }
    fetch(url + "?depuis=" + seq, { cache: "no-cache", credentials: "same-origin" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html) {
          var fragment = new DOMParser().parseFromString(html, "text/html").querySelector(".live-updates");
          if (fragment) {
            Array.prototype.slice.call(fragment.children).forEach(apply);
            seq = Math.max(seq, parseInt(fragment.getAttribute("data-seq"), 10) || 0);
            showButton();
            if (fragment.getAttribute("data-state") !== "en_cours") {
              stop("Le direct est terminé.");
              return;
            }
          }
        }
        timer = window.setTimeout(poll, delay);
      })
      .catch(function () {
        timer = window.setTimeout(poll, delay * 2);
      });
  }

  button.addEventListener("click", reveal);
  timer = window.setTimeout(poll, delay);
})();
