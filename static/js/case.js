/* Cases pages: the employee picker and the trends charts. No build step. */
(function () {
  "use strict";

  // A field that applies only to some choices of another (data-shown-with="category",
  // data-shown-for="discrimination harassment") is shown, with its label, help and errors, only for those.
  // Without JavaScript it stays in view; a field with an error stays in view too.
  function followChoice(field) {
    var other = field.form && field.form.elements.namedItem(field.dataset.shownWith);
    if (!other) { return; }
    var wanted = field.dataset.shownFor.split(" ");
    var shown = wanted.indexOf(other.value) !== -1 || field.getAttribute("aria-invalid") === "true";
    var parts = [field, field.form.querySelector('label[for="' + field.id + '"]'),
      document.getElementById(field.id + "_helptext"), document.getElementById(field.id + "_error")];
    parts.forEach(function (part) { if (part) { part.hidden = !shown; } });
  }
  document.querySelectorAll("[data-shown-with]").forEach(function (field) {
    followChoice(field);
    var other = field.form && field.form.elements.namedItem(field.dataset.shownWith);
    if (other) { other.addEventListener("change", function () { followChoice(field); }); }
  });

  // Picker: a chosen search result moves up to the chosen list, so a new search keeps it.
  document.addEventListener("change", function (event) {
    var input = event.target;
    var results = input.closest(".picker-results");
    if (results) {
      var picker = results.closest("[data-picker]");
      var chosen = picker.querySelector(".picker-selected");
      if (input.checked) {
        if (picker.dataset.multiple !== "1") { chosen.innerHTML = ""; }
        if (!chosen.querySelector('input[value="' + input.value + '"]')) {
          var label = input.closest("label");
          label.classList.add("chip");
          chosen.appendChild(label);
        }
        results.innerHTML = "";
        var search = picker.querySelector("input[type=search]");
        search.value = "";
        search.focus();
      }
      return;
    }
    var chip = input.closest(".picker-selected .chip");
    if (chip && !input.checked) { chip.remove(); }
  });

  // Enter in a picker's search box searches, and Enter on a search result picks it (as Space does);
  // neither may submit the whole form.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") { return; }
    if (event.target.matches("[data-picker] input[type=search]")) {
      event.preventDefault();
    } else if (event.target.matches(".picker-results input")) {
      event.preventDefault();
      event.target.click();
    }
  });

  // Case page: jumps land below the sticky header, whose height changes with the window.
  var caseHeader = document.querySelector(".case-header");
  function measureHeader() {
    var sticky = getComputedStyle(caseHeader).position === "sticky";
    document.documentElement.style.setProperty("--case-header-height", (sticky ? caseHeader.offsetHeight : 0) + "px");
  }
  if (caseHeader) {
    measureHeader();
    window.addEventListener("resize", measureHeader);
  }

  // A link to an action (the header's actions menu, a refusal's summary) opens the action's form and
  // puts the focus where the user types; the menu closes behind it.
  function openTarget(id) {
    var target = id && document.getElementById(id);
    if (!target) { return false; }
    var details = target.matches("details.action") ? target : target.closest("details.action");
    if (details && !details.open) { details.open = true; }
    var focus = target.matches("input, select, textarea, button") ? target : details && details.querySelector("summary");
    target.scrollIntoView({ block: "start" });
    if (focus) { focus.focus({ preventScroll: true }); }
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest(".case-menu a[href^='#'], .error-summary a[href^='#']");
    if (!link) { return; }
    if (openTarget(link.getAttribute("href").slice(1))) {
      event.preventDefault();
      history.replaceState(null, "", link.getAttribute("href"));
    }
    var menu = link.closest("details.case-menu");
    if (menu) { menu.open = false; }
  });
  if (location.hash.indexOf("#action-") === 0) { openTarget(location.hash.slice(1)); }

  // The actions menu closes with Escape (focus back on its button) or a click elsewhere.
  document.addEventListener("keydown", function (event) {
    var menu = event.key === "Escape" && document.querySelector("details.case-menu[open]");
    if (menu) { menu.open = false; menu.querySelector("summary").focus(); }
  });
  document.addEventListener("click", function (event) {
    var menu = document.querySelector("details.case-menu[open]");
    if (menu && !menu.contains(event.target)) { menu.open = false; }
  });

  // A refused action: its summary at the top takes the focus, so it is read out and seen first.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  // A palette that tells up to ten series apart (sanctions stacked per department).
  var PALETTE = ["#1f4e79", "#2f7d5b", "#b35c00", "#b3261e", "#7a4fb3", "#2c7aa0", "#a05a2c", "#5b6577",
                 "#c9a227", "#d16ba5"];

  // Wrap a long label into lines of about `width` characters, so an axis never clips it.
  function wrap(label, width) {
    var lines = [], line = "";
    String(label).split(/\s+/).forEach(function (word) {
      if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
      else { line = line ? line + " " + word : word; }
    });
    if (line) { lines.push(line); }
    return lines.length > 1 ? lines : String(label);
  }

  // Trends: charts fed by json_script blocks named in data-chart; the table behind each
  // chart holds the same numbers for anyone who cannot see the canvas. They count cases, so
  // they are drawn at once, never caught growing through 2.4 cases (no animation, which also
  // spares those who ask for reduced motion); ticks are whole numbers; months are joined by
  // straight lines, since there is nothing between two months to curve through.
  var LINE_HEIGHT = 15;  // a 12px tick label line (Chart.js' default font), in pixels
  if (window.Chart) {
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.chart);
      if (!source) { return; }
      var data = JSON.parse(source.textContent);
      var stacked = Boolean(data.stacked);
      var line = data.type === "line";
      var datasets = data.datasets;
      datasets.forEach(function (set, i) {
        var colour = PALETTE[i % PALETTE.length];
        set.backgroundColor = colour;
        if (line) { set.borderColor = colour; set.tension = 0; }
      });
      var horizontal = canvas.dataset.horizontal === "1";
      var narrow = canvas.parentNode.clientWidth < 500;
      var labels = line ? data.labels : data.labels.map(function (label) {
        return wrap(label, horizontal && !narrow ? 28 : 16);
      });
      var legend = datasets.length > 1;
      var options = {
        responsive: true,
        animation: false,
        // On a phone a wide chart would be a thin strip under its rotated month or department names.
        aspectRatio: narrow ? 1 : (stacked || line ? 2.6 : 1.6),
        indexAxis: horizontal ? "y" : "x",
        layout: { padding: { left: 4 } },
        plugins: { legend: { display: legend } },
        scales: {}
      };
      var counts = { beginAtZero: true, ticks: { precision: 0 }, stacked: stacked };
      var categories = { stacked: stacked, ticks: { autoSkip: line } };
      options.scales = horizontal ? { x: counts, y: categories } : { x: categories, y: counts };
      if (horizontal) {
        // A bar per category, each as tall as its label's lines, so no two labels overprint:
        // the chart grows with the number of bars instead of squeezing them into a fixed shape.
        var rows = labels.reduce(function (sum, label) {
          return sum + Math.max(32, [].concat(label).length * LINE_HEIGHT + 12);
        }, 0);
        var box = document.createElement("div");
        box.className = "chart-box";
        box.style.height = (rows + 40 + (legend ? 32 : 0)) + "px";
        canvas.parentNode.insertBefore(box, canvas);
        box.appendChild(canvas);
        options.maintainAspectRatio = false;
      }
      new window.Chart(canvas, {
        type: line ? "line" : "bar",
        data: { labels: labels, datasets: datasets },
        options: options
      });
    });
  }
})();
