/* PK editor: keyboard handling of the inline row forms (htmx does the requests).
 * Enter saves a row (native form submit, also from a textarea unless Shift is held), Escape cancels,
 * a cancelled new row is removed and focus goes back to its "add" button; after a save the focus
 * lands on the saved row's "Ubah" button so keyboard users keep their place. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    var form = event.target.closest && event.target.closest("form[data-row-form]");
    if (!form) { return; }
    if (event.key === "Escape") {
      var cancel = form.querySelector("[data-cancel]");
      if (cancel) { event.preventDefault(); cancel.click(); }
    } else if (event.key === "Enter" && event.target.tagName === "TEXTAREA" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-remove-closest]");
    if (!button) { return; }
    var row = button.closest(button.getAttribute("data-remove-closest"));
    var back = document.querySelector(button.getAttribute("data-return-focus") || "");
    if (row) { row.remove(); }
    if (back) { back.focus(); }
  });
  // A row form that came back with errors: put the focus on the first box at fault, after htmx's autofocus.
  document.addEventListener("htmx:afterSettle", function (event) {
    var elt = event.target && event.target.isConnected ? event.target : document;
    var invalid = elt.querySelector && elt.querySelector("form[data-row-form] [aria-invalid='true']");
    if (!invalid) { return; }
    var details = invalid.closest("details");
    if (details) { details.open = true; }
    window.setTimeout(function () { invalid.focus(); }, 0);
  });
  document.addEventListener("htmx:load", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.querySelector) { return; }
    var saved = elt.matches("[data-just-saved]") ? elt : elt.querySelector("[data-just-saved]");
    if (!saved) { return; }
    saved.removeAttribute("data-just-saved");
    var edit = saved.querySelector(".js-edit");
    if (edit) { edit.focus(); }
  });
})();
