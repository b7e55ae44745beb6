// The task table: "select all" for the bulk form, and show only the inputs the chosen bulk action needs.
(function () {
  "use strict";
  const all = document.querySelector("[data-select-all]");
  if (all) {
    all.addEventListener("change", function () {
      document.querySelectorAll('input[name="task"][form="bulk-form"]').forEach(function (box) { box.checked = all.checked; });
    });
  }
  const action = document.querySelector("[data-bulk-action]");
  if (!action) return;
  function show() {
    document.querySelectorAll("[data-bulk-field]").forEach(function (field) {
      field.hidden = field.dataset.bulkField !== action.value;
    });
  }
  action.addEventListener("change", show);
  show();
})();
