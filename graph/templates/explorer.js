// govkg explorer: search, filters, side panel.  Every string from a report is put into the page
// with textContent or as a text tooltip, never as markup.
(function () {
  "use strict";
  var D = GOVKG_DATA;
  var byId = {};
  D.nodes.forEach(function (n) { byId[n.id] = n; });
  var classOn = {};
  D.classes.forEach(function (c) { classOn[c.top] = true; });
  var scopeNodes = null;  // null: every node; else a set of node ids
  var showIsolated = false;  // nodes without a drawn relation are hidden until the switch is on
  var LABEL_PX = 14;  // areas and hubs keep labels of this size on screen at every zoom
  var connected = {};
  D.edges.forEach(function (e) { connected[e.from] = true; connected[e.to] = true; });
  var landmarks = D.nodes.filter(function (n) { return n.landmark; }).map(function (n) { return n.id; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function edgeLabel(e) { return e.kinds.length ? e.kinds.join(", ") : e.predicate; }

  var nodes = new vis.DataSet(D.nodes.map(function (n) {
    var v = {id: n.id, label: n.label, value: 1 + n.degree, shape: "dot", color: D.colors[n.top],
             title: n.label + "\n" + n.cls + (n.aliases.length ? "\n" + n.aliases.join(" / ") : "")};
    if (n.landmark) { v.font = {size: LABEL_PX, strokeWidth: 3, strokeColor: "#ffffff"}; }
    if (n.x !== undefined) { v.x = n.x; v.y = n.y; }
    return v;
  }));
  var edges = new vis.DataSet(D.edges.map(function (e, i) {
    return {id: "e" + i, from: e.from, to: e.to, label: edgeLabel(e), arrows: "to",
            title: edgeLabel(e) + (e.evidence.length ? "\n" + e.evidence[0].sentence : "")};
  }));
  function visible(id) {
    var n = byId[id];
    return n && classOn[n.top] && (scopeNodes === null || scopeNodes.has(id)) && (showIsolated || connected[id] === true);
  }
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return visible(n.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return visible(e.from) && visible(e.to); }});
  var container = document.getElementById("network");
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, D.options);
  // areas and hubs: a font that stays LABEL_PX on screen, so they are read at overview zoom
  var lastScale = null;
  function scaleLandmarks() {
    var scale = network.getScale();
    if (!landmarks.length || (lastScale !== null && Math.abs(scale - lastScale) < 1e-3 * lastScale)) { return; }
    lastScale = scale;
    var size = Math.max(LABEL_PX, LABEL_PX / scale);
    nodes.update(landmarks.map(function (id) { return {id: id, font: {size: size, strokeWidth: 3 * size / LABEL_PX, strokeColor: "#ffffff"}}; }));
  }
  var settled = false, pending = null;
  function settle() {
    if (settled) { return; }
    settled = true;
    network.setOptions({physics: false});
    if (pending !== null) { network.focus(pending, {scale: 1.5, animation: false}); pending = null; }
    scaleLandmarks();
    document.body.setAttribute("data-settled", "1");
  }
  network.once("stabilizationIterationsDone", settle);
  network.on("zoom", scaleLandmarks);
  network.on("beforeDrawing", function () { if (settled) { scaleLandmarks(); } });  // zoom from code (moveTo, fit) too
  network.on("afterDrawing", function () {
    var scale = network.getScale();
    document.body.setAttribute("data-drawn", String(nodeView.length));
    document.body.setAttribute("data-scale", scale.toFixed(4));
    // the smallest landmark label on screen, in pixels (vis-network skips labels under 5)
    var px = landmarks.filter(visible).map(function (id) {
      var b = network.body.nodes[id];
      return b ? b.options.font.size * scale : 0;
    });
    document.body.setAttribute("data-landmark-px", px.length ? Math.min.apply(null, px).toFixed(1) : "");
    var sel = network.getSelectedNodes();
    if (sel.length === 1 && network.body.nodes[sel[0]]) {
      var at = network.canvasToDOM(network.getPositions([sel[0]])[sel[0]]);
      var dx = at.x - container.clientWidth / 2, dy = at.y - container.clientHeight / 2;
      document.body.setAttribute("data-selected-offset", Math.round(Math.sqrt(dx * dx + dy * dy)).toString());
    }
  });
  // a small graph may be drawn before the handler is attached; draw once more from a timer
  setTimeout(function () { network.redraw(); }, 0);

  // ---- class filter and legend
  var classBox = document.getElementById("classes");
  D.classes.forEach(function (c) {
    var id = "cls-" + c.top;
    var wrap = el("div", {"class": "form-check"});
    var box = el("input", {"class": "form-check-input", type: "checkbox", id: id});
    box.checked = true;
    box.addEventListener("change", function () { classOn[c.top] = box.checked; refresh(); });
    var label = el("label", {"class": "form-check-label", "for": id});
    var sw = el("span", {"class": "swatch"});
    sw.style.background = c.color;
    label.appendChild(sw);
    label.appendChild(document.createTextNode(c.zh + " " + c.top + " (" + c.count + ")"));
    wrap.appendChild(box);
    wrap.appendChild(label);
    classBox.appendChild(wrap);
  });

  // ---- report / area filter
  var scope = document.getElementById("scope");
  scope.appendChild(el("option", {value: ""}, "全部 All"));
  var areaGroup = el("optgroup", {label: "地区 Area"});
  D.areas.forEach(function (a) { areaGroup.appendChild(el("option", {value: "area:" + a.name}, a.name)); });
  if (D.areas.length) { scope.appendChild(areaGroup); }
  var reportGroup = el("optgroup", {label: "报告 Report"});
  D.reports.forEach(function (r) {
    reportGroup.appendChild(el("option", {value: "report:" + r.id}, r.id + (r.area ? " — " + r.area : "")));
  });
  if (D.reports.length) { scope.appendChild(reportGroup); }
  scope.addEventListener("change", function () {
    var v = scope.value;
    if (!v) { scopeNodes = null; } else {
      var ids = v.indexOf("area:") === 0
        ? D.reports.filter(function (r) { return r.area === v.slice(5); }).map(function (r) { return r.id; })
        : [v.slice(7)];
      scopeNodes = new Set(D.nodes.filter(function (n) {
        return n.reports.some(function (r) { return ids.indexOf(r) >= 0; });
      }).map(function (n) { return n.id; }));
    }
    refresh();
  });

  var isolatedBox = document.getElementById("isolated");
  var isolatedCount = D.nodes.filter(function (n) { return !connected[n.id]; }).length;
  document.getElementById("isolatedCount").textContent = "(" + isolatedCount + ")";
  isolatedBox.addEventListener("change", function () { showIsolated = isolatedBox.checked; refresh(); });

  document.getElementById("edgeLabels").addEventListener("change", function (ev) {
    var on = ev.target.checked;
    edges.update(D.edges.map(function (e, i) { return {id: "e" + i, label: on ? edgeLabel(e) : ""}; }));
  });

  function refresh() {
    nodeView.refresh();
    edgeView.refresh();
    // D.mentioned: the entities the reports mention, as `govkg build` counts them
    document.getElementById("stats").textContent =
      D.mentioned + " 个实体 entities · 显示 shown " + nodeView.length + " / " + D.nodes.length + " 个节点 nodes · " +
      edgeView.length + " 条边 edges";
  }

  // ---- search over labels and aliases
  var search = document.getElementById("search");
  var results = document.getElementById("results");
  function matches(q) {
    q = q.trim().toLowerCase();
    if (!q) { return []; }
    var exact = [], part = [];
    D.nodes.forEach(function (n) {
      var names = [n.label].concat(n.aliases).map(function (s) { return s.toLowerCase(); });
      if (names.indexOf(q) >= 0) { exact.push(n); }
      else if (names.some(function (s) { return s.indexOf(q) >= 0; })) { part.push(n); }
    });
    part.sort(function (a, b) { return b.degree - a.degree; });
    return exact.concat(part).slice(0, 20);
  }
  function showResults() {
    results.textContent = "";
    matches(search.value).forEach(function (n) {
      var item = el("a", {"class": "list-group-item list-group-item-action"});
      var sw = el("span", {"class": "swatch"});
      sw.style.background = D.colors[n.top];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(n.label));
      if (n.aliases.length) { item.appendChild(el("span", {"class": "text-secondary"}, " " + n.aliases.join(" / "))); }
      item.addEventListener("click", function () { select(n.id, true); });
      results.appendChild(item);
    });
  }
  search.addEventListener("input", showResults);
  search.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var m = matches(search.value); if (m.length) { select(m[0].id, true); } }
  });

  // ---- side panel
  var panel = document.getElementById("panel");
  function section(title) { return el("div", {"class": "fw-semibold mt-3 mb-1"}, title); }
  function sentence(ev) {
    var box = el("div", {"class": "evidence"});
    box.appendChild(el("div", {"class": "text-secondary small"}, ev.report));
    var p = el("div");
    var s = ev.sentence;
    p.appendChild(document.createTextNode(s.slice(0, ev.start)));
    p.appendChild(el("mark", {}, s.slice(ev.start, ev.end)));
    p.appendChild(document.createTextNode(s.slice(ev.end)));
    box.appendChild(p);
    return box;
  }
  function relationLine(other, text) {
    var line = el("div", {"class": "rel"}, text);
    line.addEventListener("click", function () { select(other, true); });
    return line;
  }
  function factLine(ev) {  // the statement a sentence states: its kind, status and phase
    var parts = [ev.kind || ""];
    if (ev.status) { parts.push(D.statusNames[ev.status] || ev.status); }
    if (ev.phase) { parts.push(D.phaseNames[ev.phase] || ev.phase); }
    return el("div", {"class": "fact"}, parts.filter(Boolean).join(" · "));
  }
  function relationBlock(e, id) {
    var other = e.from === id ? e.to : e.from;
    var name = byId[other] ? byId[other].label : other;
    var box = el("div", {"class": "relation"});
    box.appendChild(relationLine(other, e.from === id ? "→ " + edgeLabel(e) + " " + name : "← " + name + " " + edgeLabel(e)));
    var tags = e.statuses.map(function (s) { return D.statusNames[s] || s; })
      .concat(e.phases.map(function (p) { return D.phaseNames[p] || p; }));
    if (tags.length) { box.appendChild(el("div", {"class": "fact status"}, tags.join(" · "))); }
    e.evidence.forEach(function (ev) {
      var s = sentence(ev);
      s.insertBefore(factLine(ev), s.firstChild);
      box.appendChild(s);
    });
    return box;
  }
  function select(id, move) {
    var n = byId[id];
    if (!n) { return; }
    if (!visible(id)) {  // show it even when a filter hides it
      classOn[n.top] = true;
      document.getElementById("cls-" + n.top).checked = true;
      scope.value = ""; scopeNodes = null;
      if (!connected[id]) { showIsolated = true; document.getElementById("isolated").checked = true; }
      refresh();
    }
    network.selectNodes([id]);
    if (move) { network.focus(id, {scale: 1.2, animation: false}); }
    panel.className = "";
    panel.textContent = "";
    panel.appendChild(el("h5", {"class": "mb-1"}, n.label));
    var badge = el("span", {"class": "badge text-bg-light border"}, D.classNames[n.top] + " · " + n.cls);
    panel.appendChild(badge);
    panel.appendChild(el("div", {"class": "text-secondary small mt-1 text-break"}, n.id));
    if (n.aliases.length) {
      panel.appendChild(section("别名 Aliases"));
      panel.appendChild(el("div", {}, n.aliases.join(" / ")));
    }
    panel.appendChild(section("报告 Reports (" + n.reports.length + ")"));
    panel.appendChild(el("div", {"class": "small"}, n.reports.join(", ") || "—"));
    if (n.timeline) {  // told by reports of several years: its story, year by year
      panel.appendChild(section("历年 Timeline"));
      n.timeline.forEach(function (t) {
        var box = el("div", {"class": "evidence timeline"});
        box.appendChild(el("div", {"class": "fw-semibold small"}, t.year + " · " + t.report));
        box.appendChild(el("div", {"class": "small"}, t.facts.join("; ")));
        box.appendChild(el("div", {"class": "text-secondary small"}, t.sentence));
        panel.appendChild(box);
      });
    }
    var rels = D.edges.filter(function (e) { return e.from === id || e.to === id; });
    if (rels.length) {  // each relation, its status and phase, and the sentences that state it under it
      panel.appendChild(section("关系 Relations (" + rels.length + ")"));
      var list = el("div", {id: "relations"});
      rels.slice(0, 60).forEach(function (e) { list.appendChild(relationBlock(e, id)); });
      panel.appendChild(list);
    }
    if (n.evidence.length) {
      panel.appendChild(section("原文 Evidence"));
      n.evidence.forEach(function (ev) { panel.appendChild(sentence(ev)); });
    }
    document.body.setAttribute("data-selected", id);
    address(id);
  }
  function address(id) {  // the address names the node shown, so it can be shared or reloaded
    var hash = "#node=" + encodeURIComponent(id);
    if (window.location.hash === hash) { return; }
    try { window.history.replaceState(null, "", hash); } catch (e) { window.location.hash = hash; }
  }
  network.on("click", function (params) { if (params.nodes.length) { select(params.nodes[0], false); } });
  window.addEventListener("hashchange", function () {
    var h = /^#node=(.+)$/.exec(window.location.hash);
    if (h) { try { select(decodeURIComponent(h[1]), true); } catch (e) { /* a bad escape selects nothing */ } }
  });

  refresh();
  var m = /^#node=(.+)$/.exec(window.location.hash);
  var wanted = null;
  if (m) {
    try { wanted = decodeURIComponent(m[1]); } catch (e) { wanted = null; }  // a bad escape (%E0%A4%A) selects nothing
  }
  if (wanted !== null && byId[wanted]) {
    select(wanted, false);
    if (settled) { network.focus(wanted, {scale: 1.5, animation: false}); } else { pending = wanted; }  // after the layout's fit
  }
  if (!D.options.physics || D.options.physics.enabled === false) { settle(); }
  window.govkgExplorer = {network: network, select: select};  // for the console and the browser tests
  document.body.setAttribute("data-ready", "1");
})();
