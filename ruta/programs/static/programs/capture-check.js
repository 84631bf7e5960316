/*
 * The capture form's live check.
 *
 * As the user types (debounced), post the whole form to the server's check
 * (data-check-url: the same checks a submit runs, nothing saved) and show
 * each goal's messages in its row's live region. The messages are the
 * server's, so they read exactly as a submit's. Without this script, or if a
 * check fails, the form works as before: the submit runs the same checks.
 * Loaded from a file with no inline handlers (CSP script-src 'self').
 */
(function () {
  "use strict";

  var DELAY_MS = 300;
  var form = document.querySelector("form[data-check-url]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-check-url");
  var timer = null;
  var controller = null;
  var sent = 0;

  function csrfToken() {
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // Replace a region's messages; leave it untouched when they did not change,
  // so screen readers do not announce the same messages again.
  function show(region, messages) {
    var shown = messages.join("\n");
    if (region.getAttribute("data-shown") === shown) {
      return;
    }
    region.setAttribute("data-shown", shown);
    region.textContent = "";
    if (!messages.length) {
      return;
    }
    var list = document.createElement("ul");
    list.className = "errorlist";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    region.appendChild(list);
  }

  function render(answer) {
    var goals = answer.goals || {};
    form.querySelectorAll("[data-check-goal]").forEach(function (region) {
      // The row's errors from the last submit are now stale: the region
      // holds the current ones.
      var row = region.closest("tr");
      if (row) {
        row.querySelectorAll("td > .errorlist").forEach(function (old) {
          old.remove();
        });
      }
      show(region, goals[region.getAttribute("data-check-goal")] || []);
    });
    // Mark the fields the form refuses, as a submit's messages under them do.
    var invalid = answer.invalid || [];
    form.querySelectorAll("input[name], textarea[name]").forEach(function (field) {
      if (invalid.indexOf(field.name) >= 0) {
        field.setAttribute("aria-invalid", "true");
      } else {
        field.removeAttribute("aria-invalid");
      }
    });
    var general = form.querySelector("[data-check-general]");
    if (general) {
      show(general, answer.general || []);
    }
  }

  function check() {
    timer = null;
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    var mine = ++sent;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("check failed: " + response.status);
        }
        return response.json();
      })
      .then(function (answer) {
        if (mine === sent) {
          render(answer);
        }
      })
      .catch(function () {
        // Aborted by newer typing, offline or signed out: the submit checks.
      });
  }

  function schedule() {
    if (timer !== null) {
      window.clearTimeout(timer);
    }
    timer = window.setTimeout(check, DELAY_MS);
  }

  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", function () {
    if (timer !== null) {
      window.clearTimeout(timer);
      timer = null;
    }
    if (controller) {
      controller.abort();
    }
  });
})();
