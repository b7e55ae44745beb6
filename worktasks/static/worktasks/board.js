// The task board: drag a card to another column, or use the status menu on the card.
// Both post to the card's move form with fetch; a refused move puts the card back and says why.
// Without JavaScript the menu is a normal form post.
(function () {
  "use strict";
  const board = document.querySelector("[data-board]");
  if (!board) return;
  const message = document.querySelector("[data-board-message]");
  let dragged = null;

  function say(text, isError) {
    message.textContent = text;
    message.classList.toggle("is-error", Boolean(isError));
  }

  function updateCounts() {
    board.querySelectorAll("[data-column]").forEach(function (column) {
      column.querySelector("[data-count]").textContent = column.querySelectorAll("[data-task]").length;
    });
  }

  function refreshMenu(card, allowed) {
    const select = card.querySelector("select[name=status]");
    select.innerHTML = "";
    const first = document.createElement("option");
    first.value = "";
    first.textContent = "Move to…";
    select.appendChild(first);
    allowed.forEach(function (status) {
      const option = document.createElement("option");
      option.value = status.value;
      option.textContent = status.label;
      select.appendChild(option);
    });
  }

  async function move(card, toStatus, reason) {
    const form = card.querySelector("[data-move-form]");
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.append("status", toStatus);
    body.append("reason", reason || "");
    const from = card.parentElement;
    const nextSibling = card.nextElementSibling;
    const target = board.querySelector('[data-column="' + toStatus + '"] [data-dropzone]');
    if (target) target.prepend(card);  // optimistic; put back below if refused
    let data = null;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: body,
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      data = await response.json().catch(function () { return { ok: false, error: "The server refused the move (" + response.status + ")." }; });
    } catch (error) {
      data = { ok: false, error: "Could not reach the server; the task was not moved." };
    }
    if (data.ok) {
      card.dataset.status = data.status;
      refreshMenu(card, data.allowed || []);
      const blocked = card.querySelector(".task-card__blocked");
      if (blocked && data.status !== "blocked") blocked.remove();
      say("“" + card.dataset.title + "” is now " + data.status_label + ".", false);
    } else {
      from.insertBefore(card, nextSibling);
      card.classList.add("is-refused");
      setTimeout(function () { card.classList.remove("is-refused"); }, 400);
      say("“" + card.dataset.title + "” was not moved: " + data.error, true);
    }
    updateCounts();
    return data.ok;
  }

  function reasonFor(toStatus, card) {
    if (toStatus !== "blocked") return "";
    const reason = window.prompt("What is “" + card.dataset.title + "” blocked on?");
    return reason === null ? null : reason;
  }

  board.addEventListener("dragstart", function (event) {
    const card = event.target.closest("[data-task]");
    if (!card) return;
    dragged = card;
    card.classList.add("is-dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", card.dataset.task);
  });
  board.addEventListener("dragend", function () {
    if (dragged) dragged.classList.remove("is-dragging");
    board.querySelectorAll(".is-drop-target").forEach(function (el) { el.classList.remove("is-drop-target"); });
    dragged = null;
  });
  board.addEventListener("dragover", function (event) {
    const column = event.target.closest("[data-column]");
    if (!column || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
    board.querySelectorAll(".is-drop-target").forEach(function (el) { if (el !== column) el.classList.remove("is-drop-target"); });
    column.classList.add("is-drop-target");
  });
  board.addEventListener("drop", function (event) {
    const column = event.target.closest("[data-column]");
    if (!column || !dragged) return;
    event.preventDefault();
    column.classList.remove("is-drop-target");
    const card = dragged;
    const toStatus = column.dataset.column;
    if (toStatus === card.dataset.status) return;
    const reason = reasonFor(toStatus, card);
    if (reason === null) { say("Move cancelled.", false); return; }
    move(card, toStatus, reason);
  });

  // The status menu: same endpoint; the reason box shows when Blocked is chosen.
  board.addEventListener("change", function (event) {
    if (event.target.name !== "status") return;
    const form = event.target.closest("[data-move-form]");
    form.classList.toggle("needs-reason", event.target.value === "blocked");
  });
  board.addEventListener("submit", function (event) {
    const form = event.target.closest("[data-move-form]");
    if (!form) return;
    event.preventDefault();
    const card = form.closest("[data-task]");
    const toStatus = form.querySelector("select[name=status]").value;
    if (!toStatus) { say("Choose a status to move “" + card.dataset.title + "” to.", true); return; }
    const reason = form.querySelector("input[name=reason]").value;
    move(card, toStatus, reason).then(function (ok) {
      if (ok) {
        form.classList.remove("needs-reason");
        form.querySelector("input[name=reason]").value = "";
        const link = card.querySelector("a");
        if (link) link.focus();
      }
    });
  });
})();
