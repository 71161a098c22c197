// Article page: hovering or focusing a highlight shows its fact and marks it in the side list.
(function () {
  "use strict";
  var tip = document.getElementById("fact-tip");
  var active = null;
  function show(mark) {
    if (active) { active.classList.remove("active"); }
    var item = document.getElementById("fact-" + mark.dataset.fact);
    if (item) { item.classList.add("active"); active = item; }
    tip.textContent = mark.dataset.label;  // text, never HTML
    tip.hidden = false;
  }
  function hide() { tip.hidden = true; if (active) { active.classList.remove("active"); active = null; } }
  document.querySelectorAll("mark.hl").forEach(function (mark) {
    mark.addEventListener("mouseenter", function () { show(mark); });
    mark.addEventListener("focus", function () { show(mark); });
    mark.addEventListener("mouseleave", hide);
    mark.addEventListener("blur", hide);
    mark.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        var item = document.getElementById("fact-" + mark.dataset.fact);
        var link = item && item.querySelector("a");
        if (link) { link.focus(); }
      }
    });
  });
})();
