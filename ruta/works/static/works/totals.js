/*
 * The explorer's totals of a large selection, shown once summed.
 *
 * A selection of more works than a page sums at once is summed by the
 * queue; its section names, in data-totals, the address that answers 202
 * while the sums are on their way and the selection's part of the page
 * once they are there. This asks it every few seconds (as its Retry-After
 * says) and puts the answer in place: the count line, a status, is updated
 * in place so that a screen reader says it. Without this script, the
 * section's link reloads the page. Loaded from a file with no inline
 * handlers (CSP script-src 'self').
 */
(function () {
  "use strict";

  var section = document.querySelector("[data-totals]");
  var holder = document.getElementById("seleccion");
  if (!section || !holder || !window.fetch || !window.DOMParser) {
    return;
  }
  var address = section.getAttribute("data-totals");
  var asked = 0;
  var MOST_ASKS = 90;

  function show(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var count = page.getElementById("conteo");
    var totals = page.querySelector("section.totals");
    var shownCount = document.getElementById("conteo");
    if (count && shownCount) {
      shownCount.textContent = count.textContent;
    }
    if (totals) {
      section.replaceWith(document.importNode(totals, true));
    } else {
      section.remove();
    }
  }

  function ask() {
    asked += 1;
    fetch(address, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 200) {
          return response.text().then(show);
        }
        if (response.status === 202 && asked < MOST_ASKS) {
          var wait = parseInt(response.headers.get("Retry-After"), 10) || 2;
          window.setTimeout(ask, wait * 1000);
        }
        return null;
      })
      .catch(function () {
        if (asked < MOST_ASKS) {
          window.setTimeout(ask, 5000);
        }
      });
  }

  window.setTimeout(ask, 1500);
})();
