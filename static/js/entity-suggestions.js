// « Entités repérées dans le texte »: one click links a known entity, or creates and links a new
// one, then reloads the editor on the new draft. Plain JavaScript, no inline handler (CSP).
(function () {
  "use strict";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  // The editor's fields as a string, to notice edits that a reload would throw away.
  function formState(form) {
    if (!form) return "";
    const pairs = [];
    for (const [name, value] of new FormData(form).entries()) {
      if (name === "csrfmiddlewaretoken" || typeof value !== "string") continue;
      pairs.push(name + "=" + value);
    }
    return pairs.join("&");
  }

  const panel = document.querySelector("[data-entity-suggestions]");
  if (!panel) return;
  const form = panel.closest("form");
  let savedState = null;
  // Wagtail finishes building its widgets after load; take the reference state then.
  window.addEventListener("load", function () {
    window.setTimeout(function () {
      savedState = formState(form);
    }, 500);
  });

  panel.addEventListener("click", async function (event) {
    const button = event.target.closest("[data-entity-action]");
    if (!button) return;
    const status = panel.querySelector(".entity-suggestions__status");
    if (savedState !== null && formState(form) !== savedState) {
      status.textContent = "Enregistrez d’abord vos modifications (brouillon), puis liez l’entité.";
      return;
    }
    const body = new URLSearchParams();
    if (button.dataset.name) body.set("name", button.dataset.name);
    if (button.dataset.kind) body.set("kind", button.dataset.kind);
    button.disabled = true;
    status.textContent = "Enregistrement…";
    try {
      const response = await fetch(button.dataset.url, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
        credentials: "same-origin",
      });
      const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
      const data = isJson ? await response.json() : {};
      if (!response.ok) {
        throw new Error(data.error || "Erreur du serveur (" + response.status + ") : rechargez la page et réessayez.");
      }
      status.textContent = data.message;
      window.location.reload();
    } catch (error) {
      status.textContent = error.message;
      button.disabled = false;
    }
  });
})();
