// Network page: actors as nodes, interactions as edges weighted by count
// and coloured by quad class. Clicking an edge lists its events in
// #edge-events, built with DOM calls so that no text is parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("network");
  var panel = document.getElementById("edge-events");
  if (!box || typeof vis === "undefined") return;

  var colours = {cooperative: "#1f8a4c", conflictual: "#c2412d"};

  function el(tag, text, attrs) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    return e;
  }

  function showEdge(edge, labels) {
    panel.replaceChildren();
    panel.appendChild(el("h2", labels[edge.from] + " – " + labels[edge.to]));
    panel.appendChild(el("p", edge.count + " " + (box.dataset.eventsLabel || "events"), {"class": "hint"}));
    var ul = el("ul", "", {"class": "edge-event-list"});
    edge.events.forEach(function (ev) {
      var li = el("li");
      li.appendChild(el("a", (ev.date || "—") + " " + ev.event, {href: "/events/" + encodeURIComponent(ev.id)}));
      li.appendChild(el("div", ev.summary, {"class": "small"}));
      ul.appendChild(li);
    });
    panel.appendChild(ul);
  }

  fetch(box.dataset.api, {headers: {Accept: "application/json"}})
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (g) {
      box.dataset.nodes = String(g.nodes.length);
      box.dataset.edges = String(g.edges.length);
      if (g.nodes.length === 0) {
        box.appendChild(el("p", box.dataset.empty || "", {"class": "empty"}));
        box.dataset.ready = "1";
        return;
      }
      var labels = {};
      var nodes = g.nodes.map(function (n) {
        labels[n.id] = n.label;
        return {id: n.id, label: n.label, value: n.events,
          shape: n.kind === "country" ? "dot" : "diamond",
          color: n.kind === "country" ? "#2a6fdb" : "#8a5cd1", font: {size: 14}};
      });
      var byID = {};
      var edges = g.edges.map(function (e) {
        byID[e.id] = e;
        return {id: e.id, from: e.from, to: e.to, value: e.count, label: String(e.count),
          color: {color: colours[e.class], highlight: colours[e.class]},
          smooth: {type: e.class === "cooperative" ? "curvedCW" : "curvedCCW", roundness: 0.15},
          font: {size: 11, strokeWidth: 3}};
      });
      var network = new vis.Network(box, {nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}, {
        nodes: {scaling: {min: 8, max: 40}},
        edges: {scaling: {min: 1, max: 12}, selectionWidth: 2},
        layout: {randomSeed: 7}, // the same picture on every load
        physics: {stabilization: {iterations: 200}, barnesHut: {springLength: 160}},
        interaction: {hover: true, tooltipDelay: 150}
      });
      network.on("click", function (params) {
        if (params.nodes.length === 1) {
          window.location.href = "/actors/" + encodeURIComponent(params.nodes[0]);
        } else if (params.edges.length === 1 && byID[params.edges[0]]) {
          showEdge(byID[params.edges[0]], labels);
        }
      });
      network.once("stabilizationIterationsDone", function () { box.dataset.ready = "1"; });
      setTimeout(function () { box.dataset.ready = "1"; }, 4000);
      window.sukienNetwork = network;
    })
    .catch(function (err) {
      box.appendChild(el("p", "⚠ " + err, {"class": "error"}));
      box.dataset.ready = "error";
    });
})();
