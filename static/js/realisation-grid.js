/* Entry grid of a realisation report: keyboard navigation between the value boxes.
   Enter and arrow down move to the next indicator's value, arrow up to the previous one (the change
   is saved by htmx on leaving the box). Pages work without this script. */
(function () {
  "use strict";
  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll("[data-grid] input[data-value]:not(:disabled)"));
  }
  function move(from, step) {
    var list = boxes();
    var next = list[list.indexOf(from) + step];
    if (next) {
      next.focus();
      next.select();
    }
    return !!next;
  }
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!el.matches || !el.matches("[data-grid] input[data-value]")) { return; }
    if (event.key === "Enter" || (event.key === "ArrowDown" && !event.altKey)) {
      event.preventDefault();
      if (!move(el, 1)) { el.blur(); }
    } else if (event.key === "ArrowUp" && !event.altKey) {
      event.preventDefault();
      move(el, -1);
    }
  });
  // A row being saved shows it; a failed request says so next to the box (in Indonesian).
  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form.rg-row");
    var status = form && form.querySelector(".rg-status");
    if (status) {
      status.innerHTML = "";
      var p = document.createElement("span");
      p.className = "rg-err";
      p.setAttribute("role", "alert");
      var grid = form.closest("[data-grid]");
      p.textContent = (event.detail.xhr.status === 403 ? grid.dataset.msgForbidden : grid.dataset.msgFailed) +
        " (" + event.detail.xhr.status + ")";
      status.appendChild(p);
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form.rg-row");
    var status = form && form.querySelector(".rg-status");
    if (status) { status.textContent = form.closest("[data-grid]").dataset.msgOffline; }
  });
})();
