/* LKE worksheet: small enhancements; the page works without this script.
   - the evidence form shows only the input of the chosen kind (file, PK, realisation, link);
   - a failed save says so next to the answer (in Indonesian, from data-* on the worksheet). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  function sync(form) {
    var checked = form.querySelector("input[name=kind]:checked");
    var kind = checked ? checked.value : "file";
    Array.prototype.forEach.call(form.querySelectorAll(".lke-ev-k"), function (el) {
      el.classList.toggle("is-on", el.classList.contains("lke-ev-k-" + kind));
    });
  }
  function syncAll(root) {
    Array.prototype.forEach.call((root || document).querySelectorAll(".lke-ev-form"), sync);
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "kind" && event.target.form) { sync(event.target.form); }
  });
  document.addEventListener("DOMContentLoaded", function () { syncAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { syncAll(event.target); });
  function status(elt) {
    var form = elt && elt.closest && elt.closest("form");
    return form && form.querySelector(".lke-status");
  }
  document.addEventListener("htmx:responseError", function (event) {
    var box = status(event.detail.elt);
    var sheet = document.querySelector("[data-worksheet]");
    if (!box || !sheet) { return; }
    var code = event.detail.xhr.status;
    box.innerHTML = "";
    var span = document.createElement("span");
    span.className = "lke-err";
    span.setAttribute("role", "alert");
    span.textContent = (code === 403 ? sheet.dataset.msgForbidden : sheet.dataset.msgFailed) + " (" + code + ")";
    box.appendChild(span);
  });
  document.addEventListener("htmx:sendError", function (event) {
    var box = status(event.detail.elt);
    var sheet = document.querySelector("[data-worksheet]");
    if (box && sheet) { box.textContent = sheet.dataset.msgOffline; }
  });
})();
