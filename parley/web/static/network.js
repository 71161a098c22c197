// Network: Cytoscape.js graph; clicking (or Enter on) an edge lists its incidents beside it.
(function () {
  "use strict";
  var el = document.getElementById("graph");
  var panel = document.getElementById("edge-panel");
  if (!el || typeof cytoscape === "undefined") { return; }
  var colours = { verbal_cooperation: "#1a7f37", material_cooperation: "#0b57d0",
                  verbal_conflict: "#b35c00", material_conflict: "#b3261e" };
  var styles = { verbal_cooperation: "solid", material_cooperation: "solid",
                 verbal_conflict: "dashed", material_conflict: "dotted" };
  var basis = el.dataset.basis;
  var listPath = basis === "incidents" ? "/api/timeline.json" : "/api/events.json";
  var pagePath = basis === "incidents" ? "/timeline" : "/events";

  function text(tag, value, cls) {
    var node = document.createElement(tag);
    node.textContent = value == null ? "" : String(value);
    if (cls) { node.className = cls; }
    return node;
  }

  function listEdge(edge, names) {
    var params = new URLSearchParams(el.dataset.filters || "");
    params.set("source", edge.source); params.set("target", edge.target);
    if (edge.quad) { params.set("quad", edge.quad); }
    params.set("_size", "50");
    panel.replaceChildren(text("h2", (names[edge.source] || edge.source) + " → " + (names[edge.target] || edge.target)),
                          text("p", edge.quad + " · " + edge.weight, "muted"));
    fetch(listPath + "?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var ol = document.createElement("ol");
        ol.id = "edge-incidents";
        (data.rows || []).forEach(function (r) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = basis === "incidents" ? "/incidents/" + encodeURIComponent(r.id) : "/events/" + encodeURIComponent(r.id);
          a.textContent = r.type + " (" + r.status + ") " + (r.date_value || "");
          li.appendChild(a);
          li.appendChild(text("div", r.first_evidence || r.evidence || "", "muted"));
          ol.appendChild(li);
        });
        panel.appendChild(ol);
        params.delete("_size");
        var more = document.createElement("a");
        more.href = pagePath + "?" + params.toString();
        more.textContent = "Open as a list";
        panel.appendChild(more);
      });
  }

  fetch(el.dataset.src, { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json(); })
    .then(function (net) {
      var names = {};
      var maxA = 1;
      net.nodes.forEach(function (n) { names[n.id] = n.name; maxA = Math.max(maxA, n.activity); });
      var elements = net.nodes.map(function (n) {
        return { data: { id: n.id, label: n.name, size: 14 + 36 * Math.sqrt(n.activity / maxA) } };
      }).concat(net.edges.map(function (e) {
        return { data: { id: e.id, source: e.source, target: e.target, quad: e.quad, weight: e.weight,
                         width: 1 + Math.min(8, Math.log2(1 + e.weight)) } };
      }));
      var cy = cytoscape({
        container: el, elements: elements, wheelSensitivity: 0.3,
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
        style: [
          { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)",
            "font-size": 10, "background-color": "#8a8f98", color: "#1d1d1f", "text-valign": "bottom" } },
          { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", "target-arrow-shape": "triangle",
            "line-color": function (e) { return colours[e.data("quad")] || "#888"; },
            "target-arrow-color": function (e) { return colours[e.data("quad")] || "#888"; },
            "line-style": function (e) { return styles[e.data("quad")] || "solid"; } } },
          { selector: "edge:selected", style: { "overlay-opacity": 0.2, "overlay-color": "#f0b400" } }
        ]
      });
      window.parleyGraph = cy;  // for tests and the console
      var byId = {};
      net.edges.forEach(function (e) { byId[e.id] = e; });
      cy.on("tap", "edge", function (ev) { listEdge(byId[ev.target.id()], names); });
      cy.on("tap", "node", function (ev) { window.location.href = "/actors/" + encodeURIComponent(ev.target.id()); });
      // keyboard: the edge table's links open the same panel
      document.querySelectorAll("a.edge-link").forEach(function (a) {
        a.addEventListener("click", function (ev) {
          var edge = byId[a.dataset.edge];
          if (edge) { ev.preventDefault(); listEdge(edge, names); panel.focus && panel.focus(); }
        });
      });
    });
})();
