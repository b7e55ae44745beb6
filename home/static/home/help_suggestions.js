// While a customer types a ticket's title, show help articles that may answer it.
// "This answered my question" posts to the server (counted per article) and drops the ticket.
(function () {
  "use strict";
  var panel = document.querySelector("[data-help-suggestions]");
  var title = document.getElementById("id_title");
  if (!panel || !title || !window.fetch) return;
  var list = panel.querySelector("[data-help-suggestions-list]");
  var endpoint = panel.getAttribute("data-endpoint");
  var answeredUrl = panel.getAttribute("data-answered-url");
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  var lastQuery = "";
  var controller = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function render(results) {
    list.textContent = "";
    panel.hidden = results.length === 0;
    results.forEach(function (article) {
      var item = el("li", { "class": "help-suggestion mb-3" });
      item.appendChild(el("a", { href: article.url, target: "_blank", rel: "noopener" }, article.title));
      if (article.summary) item.appendChild(el("p", { "class": "small text-muted mb-1" }, article.summary));
      var form = el("form", { method: "post", action: answeredUrl });
      form.appendChild(el("input", { type: "hidden", name: "csrfmiddlewaretoken", value: csrf ? csrf.value : "" }));
      form.appendChild(el("input", { type: "hidden", name: "article", value: String(article.id) }));
      form.appendChild(el("button", { type: "submit", "class": "btn btn-sm btn-outline-success" }, "This answered my question"));
      item.appendChild(form);
      list.appendChild(item);
    });
  }

  function lookUp() {
    var query = title.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 3) { render([]); return; }
    if (controller) controller.abort();
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "?q=" + encodeURIComponent(query), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { render(data.results || []); })
      .catch(function () { /* aborted or offline: keep what is shown */ });
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(lookUp, 250);
  });
  lookUp();
})();
