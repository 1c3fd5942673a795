// Timeline page: events over time, coloured by PLOVER type. Reads the API
// URL from #timeline's data-api (the page's filters), builds DOM nodes for
// every label so that article text is never parsed as HTML.
(function () {
  "use strict";
  var box = document.getElementById("timeline");
  if (!box || typeof vis === "undefined") return;

  function text(s) {
    var span = document.createElement("span");
    span.textContent = s;
    return span;
  }

  function itemOf(ev) {
    var d = ev.date || "";
    var start = d.length === 4 ? d + "-07-01" : d.length === 7 ? d + "-15" : d;
    return {
      id: ev.id,
      start: start,
      content: text(ev.event),
      title: text((ev.date || "") + " " + (ev.summary || ev.event)),
      className: "type-item t-" + ev.event,
      type: "box"
    };
  }

  fetch(box.dataset.api + (box.dataset.api.indexOf("?") < 0 ? "?" : "&") + "limit=5000", {headers: {Accept: "application/json"}})
    .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
    .then(function (page) {
      var items = page.items.filter(function (ev) { return ev.date; }).map(itemOf);
      box.dataset.items = String(items.length);
      if (items.length === 0) {
        box.appendChild(text(box.dataset.empty || ""));
        box.dataset.ready = "1";
        return;
      }
      var timeline = new vis.Timeline(box, new vis.DataSet(items), {
        stack: true, zoomable: true, zoomKey: "", maxHeight: 600, minHeight: 200,
        tooltip: {followMouse: true}, margin: {item: 4}, orientation: "top"
      });
      timeline.on("select", function (props) {
        if (props.items.length === 1) {
          window.location.href = "/events/" + encodeURIComponent(props.items[0]);
        }
      });
      var zoom = function (id, fn) {
        var b = document.getElementById(id);
        if (b) b.addEventListener("click", fn);
      };
      zoom("zoom-in", function () { timeline.zoomIn(0.5); });
      zoom("zoom-out", function () { timeline.zoomOut(0.5); });
      zoom("zoom-fit", function () { timeline.fit(); });
      timeline.once("changed", function () { box.dataset.ready = "1"; });
      window.sukienTimeline = timeline;
    })
    .catch(function (err) {
      box.appendChild(text("⚠ " + err));
      box.dataset.ready = "error";
    });
})();
