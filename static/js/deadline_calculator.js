// The deadline calculator: show only the regions of the chosen rule's country and the chosen
// rule's own variants (options carry data-country / data-rule; see policies.forms.TaggedSelect).
(function () {
  "use strict";
  function keep(select, attribute, wanted) {
    if (!select) { return; }
    var firstShown = null;
    for (var i = 0; i < select.options.length; i++) {
      var option = select.options[i];
      var tag = option.getAttribute(attribute);
      var show = !tag || !wanted || tag === wanted;
      option.hidden = !show;
      option.disabled = !show;
      if (show && firstShown === null && option.value) { firstShown = option; }
    }
    var current = select.options[select.selectedIndex];
    if (current && current.hidden) {
      if (select.options[0] && !select.options[0].value) { select.selectedIndex = 0; }
      else if (firstShown) { firstShown.selected = true; }
    }
  }
  function sync() {
    var rule = document.getElementById("id_rule");
    if (!rule) { return; }
    var chosen = rule.options[rule.selectedIndex];
    var country = chosen ? chosen.getAttribute("data-country") : "";
    var region = document.getElementById("id_region");
    var countries = region ? Array.prototype.map.call(region.options, function (o) { return o.getAttribute("data-country"); }) : [];
    keep(region, "data-country", countries.indexOf(country) >= 0 ? country : "");
    keep(document.getElementById("id_variant"), "data-rule", rule.value);
  }
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "id_rule") { sync(); }
  });
  document.addEventListener("DOMContentLoaded", sync);
})();
