/* Forms marked data-single-submit disable their submit button once sent, so a double click sends one
   request. The server refuses duplicates anyway (a one-time token); this only spares the round trip. */
(function () {
  "use strict";
  document.querySelectorAll("form[data-single-submit]").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("button[type=submit]").forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
        button.textContent = "Sending…";
      });
    });
  });
})();
