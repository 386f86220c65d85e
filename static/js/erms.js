/* Every page. The Content-Security-Policy allows no inline script, so behaviour lives here. */
(function () {
  "use strict";

  // A select marked data-autosubmit (the language switch, list filters) submits its form when changed;
  // a <noscript> button does the same without JavaScript.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.submit();
    }
  });
})();
