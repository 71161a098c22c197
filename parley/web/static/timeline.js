// Timeline chart: one dot per incident on a time axis, coloured and shaped by quad class.
(function () {
  "use strict";
  var el = document.getElementById("timeline-chart");
  if (!el || typeof d3 === "undefined") { return; }
  var shapes = { verbal_cooperation: d3.symbolCircle, material_cooperation: d3.symbolSquare,
                 verbal_conflict: d3.symbolTriangle, material_conflict: d3.symbolCross };
  var colours = { verbal_cooperation: "#1a7f37", material_cooperation: "#0b57d0",
                  verbal_conflict: "#b35c00", material_conflict: "#b3261e" };
  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      var rows = (data.rows || []).map(function (r) {
        return { id: r.id, type: r.type, quad: r.quad, status: r.status,
                 when: new Date(r.date_earliest || r.first_published || NaN) };
      }).filter(function (r) { return !isNaN(r.when); });
      if (!rows.length) { return; }
      var w = el.clientWidth || 800, h = el.clientHeight || 140, m = 24;
      var svg = d3.select(el).append("svg").attr("viewBox", "0 0 " + w + " " + h);
      var x = d3.scaleTime().domain(d3.extent(rows, function (r) { return r.when; })).nice().range([m, w - m]);
      var types = Array.from(new Set(rows.map(function (r) { return r.type; }))).sort();
      var y = d3.scalePoint().domain(types).range([m / 2, h - m - 4]).padding(0.5);
      svg.append("g").attr("transform", "translate(0," + (h - m) + ")").call(d3.axisBottom(x).ticks(6));
      svg.append("g").selectAll("path").data(rows).join("path")
        .attr("transform", function (r) { return "translate(" + x(r.when) + "," + y(r.type) + ")"; })
        .attr("d", function (r) { return d3.symbol(shapes[r.quad] || d3.symbolCircle, 40)(); })
        .attr("fill", function (r) { return r.status === "planned" ? "none" : (colours[r.quad] || "#555"); })
        .attr("stroke", function (r) { return colours[r.quad] || "#555"; })
        .append("title").text(function (r) { return r.type + " (" + r.status + ") " + r.when.toISOString().slice(0, 10); });
    })
    .catch(function () { /* the list below is the content; the chart is an extra */ });
})();
