// The desk's pages in the Wagtail admin. Every form works without this script; it only saves reloads.
(function () {
  "use strict";

  // Canned responses: insert the chosen text into the reply box at the cursor.
  document.querySelectorAll("[data-support-canned]").forEach(function (select) {
    select.addEventListener("change", function () {
      var template = document.getElementById("canned-response-" + select.value);
      var box = select.form.querySelector("textarea[name=body]");
      if (!template || !box) return;
      var text = template.content.textContent;
      var start = box.selectionStart || 0;
      var end = box.selectionEnd || 0;
      box.value = box.value.slice(0, start) + text + box.value.slice(end);
      box.focus();
      box.setSelectionRange(start + text.length, start + text.length);
      select.value = "";
    });
  });

  // Checklist: tick and untick with a fetch POST (CSRF token from the form), no page reload.
  document.querySelectorAll("[data-support-checklist-toggle]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = form.querySelector("button");
      button.disabled = true;
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { Accept: "application/json", "X-Requested-With": "XMLHttpRequest" },
        credentials: "same-origin",
      })
        .then(function (response) {
          return response.json().then(function (data) {
            if (!response.ok) throw new Error(data.error || "Could not update the item.");
            return data;
          });
        })
        .then(function (item) {
          var row = form.closest(".support-checklist__item");
          row.classList.toggle("support-checklist__item--done", item.is_done);
          button.setAttribute("aria-pressed", item.is_done ? "true" : "false");
          button.title = item.is_done ? "Mark as not done" : "Mark as done";
          form.querySelector("input[name=is_done]").value = item.is_done ? "" : "on";
          form.querySelector("[data-support-done]").textContent = item.is_done ? item.done_by + ", " + item.done_at : "";
        })
        .catch(function (error) {
          window.alert(error.message);
        })
        .finally(function () {
          button.disabled = false;
        });
    });
  });

  // Status: the resolution summary only matters when resolving.
  document.querySelectorAll("[data-support-status-form]").forEach(function (form) {
    var select = form.querySelector("select[name=status]");
    var summary = form.querySelector("[data-support-resolution]");
    function update() {
      summary.hidden = select.value !== "resolved";
    }
    select.addEventListener("change", update);
    update();
  });

  // Bulk actions: show the inputs of the chosen action, select all, count the selection.
  var bulk = document.querySelector("[data-support-bulk]");
  if (bulk) {
    var action = bulk.querySelector("[data-support-bulk-action]");
    var count = bulk.querySelector("[data-support-bulk-count]");
    var boxes = function () {
      return document.querySelectorAll('input[name=tickets][form="' + bulk.id + '"]');
    };
    var showInputs = function () {
      bulk.querySelectorAll("[data-support-bulk-for]").forEach(function (input) {
        var shown = input.getAttribute("data-support-bulk-for") === action.value;
        input.hidden = !shown;
        input.disabled = !shown;
      });
    };
    var updateCount = function () {
      var selected = Array.prototype.filter.call(boxes(), function (box) {
        return box.checked;
      }).length;
      count.textContent = selected ? selected + " selected" : "No tickets selected";
    };
    action.addEventListener("change", showInputs);
    document.addEventListener("change", function (event) {
      if (event.target.matches("[data-support-select-all]")) {
        boxes().forEach(function (box) {
          box.checked = event.target.checked;
        });
      }
      updateCount();
    });
    showInputs();
    updateCount();
  }
})();
