/* Every page. The Content-Security-Policy allows no inline script, so behaviour lives here. */
(function () {
  "use strict";

  // Forms in which someone has typed or chosen something not yet sent.
  var unsaved = new Set();
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (form && !event.target.matches("[data-autosubmit]")) { unsaved.add(form); }
  });
  document.addEventListener("submit", function (event) { unsaved.delete(event.target); });

  // A select marked data-autosubmit (a list filter) submits its form when changed, unless another form
  // on the page holds unsent input: reloading would lose it, so the form's own button is shown instead.
  // A <noscript> button does the same without JavaScript.
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (!(field.matches && field.matches("[data-autosubmit]") && field.form)) { return; }
    var others = Array.from(unsaved).filter(function (form) { return form !== field.form; });
    if (others.length === 0) {
      field.form.submit();
      return;
    }
    var noscript = field.form.querySelector("noscript");
    if (noscript && !field.form.querySelector("button[type=submit]")) {
      noscript.insertAdjacentHTML("afterend", noscript.textContent);
    }
  });

  // The header on a phone: the menu folds behind one button.
  var header = document.querySelector(".site-header");
  var toggle = header && header.querySelector(".menu-toggle");
  if (toggle) {
    header.classList.add("foldable");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  // The "More" menu closes as a drop-down does: on Escape (the focus back on its summary) or a click elsewhere.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = document.querySelector("details.nav-more[open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", function (event) {
    var menu = document.querySelector("details.nav-more[open]");
    if (menu && !menu.contains(event.target)) { menu.open = false; }
  });

  // A table that scrolls sideways can be scrolled from the keyboard once it is focusable.
  function focusableScrollers() {
    document.querySelectorAll("table.list, table.calendar").forEach(function (table) {
      if (table.scrollWidth > table.clientWidth + 1) {
        if (!table.hasAttribute("tabindex")) { table.setAttribute("tabindex", "0"); }
      } else if (table.getAttribute("tabindex") === "0") {
        table.removeAttribute("tabindex");
      }
    });
  }
  focusableScrollers();
  window.addEventListener("resize", focusableScrollers);

  // After a refused submit the error summary takes the focus, so a keyboard or screen-reader user
  // starts from the list of what to fix; each of its links moves the focus to its field.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (field) {
      event.preventDefault();
      var details = field.closest("details");
      if (details) { details.open = true; }
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  });
})();
