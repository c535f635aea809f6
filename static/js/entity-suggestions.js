// « Entités repérées dans le texte »: one click links a known entity, or creates and links a new
// one, then reloads the editor on the new draft. Plain JavaScript, no inline handler (CSP).
(function () {
  "use strict";

  function csrfToken() {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  document.addEventListener("click", async function (event) {
    const button = event.target.closest("[data-entity-action]");
    if (!button) return;
    const panel = button.closest("[data-entity-suggestions]");
    const status = panel.querySelector(".entity-suggestions__status");
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
      const data = await response.json();
      if (!response.ok) throw new Error(data.error || "Erreur");
      status.textContent = data.message;
      window.location.reload();
    } catch (error) {
      status.textContent = error.message;
      button.disabled = false;
    }
  });
})();
