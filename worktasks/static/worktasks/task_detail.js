// Tick checklist items without reloading the page; the form posts normally without JavaScript.
(function () {
  "use strict";
  const list = document.querySelector("[data-checklist]");
  if (!list) return;
  const count = document.querySelector("[data-checklist-count]");
  list.addEventListener("change", async function (event) {
    if (!event.target.matches("[data-checkbox]")) return;
    const checkbox = event.target;
    const form = checkbox.closest("[data-checklist-toggle]");
    const body = new FormData(form);
    body.set("is_done", checkbox.checked ? "on" : "");
    checkbox.disabled = true;
    try {
      const response = await fetch(form.action, { method: "POST", body: body, headers: { Accept: "application/json" }, credentials: "same-origin" });
      const data = await response.json();
      if (!data.ok) throw new Error(data.error || "refused");
      checkbox.checked = data.is_done;
      form.querySelector("[name=is_done]").value = data.is_done ? "" : "on";
      checkbox.nextElementSibling.classList.toggle("task-checklist__done", data.is_done);
      if (count) count.textContent = data.done + "/" + data.total;
    } catch (error) {
      checkbox.checked = !checkbox.checked;
      window.alert("The item was not changed: " + error.message);
    } finally {
      checkbox.disabled = false;
    }
  });
})();
