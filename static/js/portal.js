/* SAKIP Portal: small progressive enhancements. Pages work without JavaScript. */
(function () {
  "use strict";
  // Confirmation before destructive actions: <form data-confirm="Hapus unit ini?">
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var message = form.getAttribute && form.getAttribute("data-confirm");
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  // htmx: also confirm on hx- requests that carry data-confirm on the trigger element.
  document.addEventListener("htmx:confirm", function (event) {
    var el = event.detail.elt;
    var message = el && el.getAttribute("data-confirm");
    if (message) {
      event.preventDefault();
      if (window.confirm(message)) { event.detail.issueRequest(true); }
    }
  });
  // Auto-submit filter forms when a select changes: <form data-autosubmit>
  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-autosubmit") && event.target.tagName === "SELECT") { form.requestSubmit(); }
  });
})();
