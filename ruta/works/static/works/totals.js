/*
 * The explorer's totals of a large selection, shown once summed.
 *
 * A selection of more works than a page sums at once is summed by the
 * queue; its section names, in data-totals, the address that answers 202
 * while the sums are on their way and the selection's part of the page
 * once they are there. This asks it, less often as time goes by (from what
 * Retry-After says up to half a minute), and puts the answer in place: the
 * count line, a status, is updated where it is, a status says the totals
 * arrived (data-ready), and focus that was in the section moves to its new
 * heading. If they do not come, the section says so (data-late). Without
 * this script, the section's link reloads the page. Loaded from a file with
 * no inline handlers (CSP script-src 'self').
 */
(function () {
  "use strict";

  var section = document.querySelector("[data-totals]");
  var holder = document.getElementById("seleccion");
  if (!section || !holder || !window.fetch || !window.DOMParser) {
    return;
  }
  var address = section.getAttribute("data-totals");
  var LONGEST_WAIT = 30;
  var GIVE_UP_AFTER = 10 * 60;
  var waited = 0;

  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  holder.appendChild(status);

  function show(html) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var count = page.getElementById("conteo");
    var totals = page.querySelector("section.totals");
    var shownCount = document.getElementById("conteo");
    var hadFocus = section.contains(document.activeElement);
    if (count && shownCount) {
      shownCount.textContent = count.textContent;
    }
    if (totals) {
      var placed = document.importNode(totals, true);
      section.replaceWith(placed);
      if (hadFocus) {
        placed.querySelector("h2").focus();
      }
    } else {
      section.remove();
    }
    status.textContent = section.getAttribute("data-ready");
  }

  function late() {
    var note = section.querySelector(".note");
    if (note) {
      note.textContent = section.getAttribute("data-late");
    }
  }

  function later(seconds) {
    var wait = Math.min(seconds, LONGEST_WAIT);
    if (waited + wait > GIVE_UP_AFTER) {
      late();
      return;
    }
    waited += wait;
    window.setTimeout(ask, wait * 1000);
  }

  function ask() {
    fetch(address, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status === 200) {
          return response.text().then(show);
        }
        if (response.status === 202) {
          var asked = parseInt(response.headers.get("Retry-After"), 10) || 2;
          later(Math.max(asked, Math.ceil(waited / 4)));
        } else {
          late();
        }
        return null;
      })
      .catch(function () {
        later(10);
      });
  }

  later(2);
})();
