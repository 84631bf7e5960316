/*
 * "Use my location" on the problem report form.
 *
 * Shown only when the browser can locate the phone: the button fills the
 * form's latitude and longitude with the position the person allows, and
 * says what happened in a live region. Without this script, or if the
 * person says no, the fields are typed by hand as before. Loaded from a file
 * with no inline handlers (CSP script-src 'self').
 */
(function () {
  "use strict";

  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  var holder = document.querySelector("[data-locate]");
  if (!latitude || !longitude || !holder || !navigator.geolocation) {
    return;
  }
  var button = document.createElement("button");
  button.type = "button";
  button.textContent = holder.getAttribute("data-label");
  var status = document.createElement("p");
  status.setAttribute("role", "status");
  status.className = "muted";
  holder.appendChild(button);
  holder.appendChild(status);
  holder.hidden = false;

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = holder.getAttribute("data-asking");
    navigator.geolocation.getCurrentPosition(
      function (position) {
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        status.textContent = holder.getAttribute("data-done");
        button.disabled = false;
      },
      function () {
        status.textContent = holder.getAttribute("data-failed");
        button.disabled = false;
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
    );
  });
})();
