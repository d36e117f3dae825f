(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("ryhti-data").textContent);
  var rows = data.rows, L = data.labels;
  var PAGE = 200;
  var table = document.getElementById("table");
  var state = { q: "", sev: { error: true, warning: true, info: true }, rule: "", file: null,
                col: null, dir: 1, page: 0, view: null, selected: null };

  // ---------- maps: pan, zoom, highlight ----------
  var maps = {};
  Array.prototype.forEach.call(document.querySelectorAll("svg.map"), function (svg) {
    var full = [0, 0, +svg.getAttribute("data-w"), +svg.getAttribute("data-h")];
    var m = { svg: svg, full: full, vb: full.slice() };
    maps[svg.id] = m;
    function apply() { svg.setAttribute("viewBox", m.vb.join(" ")); }
    m.apply = apply;
    function toMap(evt) {
      var r = svg.getBoundingClientRect();
      var s = Math.max(m.vb[2] / r.width, m.vb[3] / r.height);
      var ox = (r.width * s - m.vb[2]) / 2, oy = (r.height * s - m.vb[3]) / 2;
      return [m.vb[0] - ox + (evt.clientX - r.left) * s, m.vb[1] - oy + (evt.clientY - r.top) * s, s];
    }
    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var p = toMap(evt), k = evt.deltaY < 0 ? 0.8 : 1.25;
      var w = Math.min(Math.max(m.vb[2] * k, full[2] / 2000), full[2] * 4);
      k = w / m.vb[2];
      m.vb = [p[0] - (p[0] - m.vb[0]) * k, p[1] - (p[1] - m.vb[1]) * k, m.vb[2] * k, m.vb[3] * k];
      apply();
    }, { passive: false });
    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (evt) {
      drag = { x: evt.clientX, y: evt.clientY, vb: m.vb.slice(), s: toMap(evt)[2] };
      moved = false;
    });
    svg.addEventListener("pointermove", function (evt) {
      if (!drag) return;
      var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; svg.classList.add("dragging"); }
      if (moved) {
        m.vb = [drag.vb[0] - dx * drag.s, drag.vb[1] - dy * drag.s, drag.vb[2], drag.vb[3]];
        apply();
      }
    });
    function end() { drag = null; svg.classList.remove("dragging"); }
    svg.addEventListener("pointerup", end);
    svg.addEventListener("pointerleave", end);
    svg.addEventListener("click", function (evt) {
      if (moved) { moved = false; return; }
      var el = evt.target.closest ? evt.target.closest(".f") : null;
      if (el) { select(+el.getAttribute("data-row"), true, false); }
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll("button.reset"), function (b) {
    b.addEventListener("click", function () {
      var m = maps[b.getAttribute("data-map")];
      m.vb = m.full.slice(); m.apply();
    });
  });

  function zoomTo(el) {
    var svg = el.ownerSVGElement, m = maps[svg.id];
    var bb;
    try { bb = el.getBBox(); } catch (e) { return; }
    var minw = m.full[2] / 25;
    var w = Math.max(bb.width * 3, minw), h = Math.max(bb.height * 3, minw * m.full[3] / m.full[2]);
    m.vb = [bb.x + bb.width / 2 - w / 2, bb.y + bb.height / 2 - h / 2, w, h];
    m.apply();
  }

  function select(n, fromMap, zoom) {
    var prev = document.querySelector("svg.map .f.hl");
    if (prev) prev.classList.remove("hl");
    state.selected = n;
    var el = document.getElementById("f" + n);
    if (el) {
      el.classList.add("hl");
      el.parentNode.appendChild(el); // draw on top
      if (zoom) zoomTo(el);
      if (!fromMap) el.ownerSVGElement.scrollIntoView({ block: "nearest", behavior: "smooth" });
    }
    if (fromMap && table) {
      var pos = state.view ? state.view.indexOf(n) : -1;
      if (pos >= 0) { state.page = Math.floor(pos / PAGE); draw(); }
      var tr = table.querySelector('tr[data-row="' + n + '"]');
      if (tr) tr.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    markRow();
  }

  // ---------- table ----------
  if (!table) return;
  var tbody = table.tBodies[0];
  var q = document.getElementById("q"), ruleSel = document.getElementById("rule");
  var fileSel = document.getElementById("file");

  function filtered() {
    var out = [], needle = state.q.toLowerCase();
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (!state.sev[r[1]]) continue;
      if (state.rule && r[2] !== state.rule) continue;
      if (state.file !== null && r[7] !== state.file) continue;
      if (needle) {
        var hay = (r[2] + " " + r[3] + " " + r[4] + " " + r[5] + " " + r[6] + " " + r[7] + " " + r[10]).toLowerCase();
        if (hay.indexOf(needle) < 0) continue;
      }
      out.push(r[0]);
    }
    if (state.col !== null) {
      var c = state.col, d = state.dir;
      var rank = { error: 0, warning: 1, info: 2 };
      out.sort(function (a, b) {
        var x = rows[a][c], y = rows[b][c];
        if (c === 1) { x = rank[x]; y = rank[y]; }
        if (x < y) return -d;
        if (x > y) return d;
        return a - b;
      });
    }
    return out;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) td.className = cls;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function draw() {
    var view = state.view, start = state.page * PAGE;
    var frag = document.createDocumentFragment();
    for (var k = start; k < Math.min(view.length, start + PAGE); k++) {
      var r = rows[view[k]];
      var tr = document.createElement("tr");
      tr.className = "s-" + r[1];
      tr.setAttribute("data-row", r[0]);
      var sev = cell(tr, "");
      var tag = document.createElement("span"); tag.className = "sevtag"; tag.textContent = r[1];
      sev.appendChild(tag);
      cell(tr, r[2] + (r[3] && r[3] !== r[2] ? " (" + r[3] + ")" : ""));
      var msg = cell(tr, r[4]);
      if (r[10]) {
        var extra = document.createElement("div"); extra.className = "msg-extra"; extra.textContent = r[10];
        msg.appendChild(extra);
      }
      cell(tr, r[5]);
      cell(tr, r[6]);
      cell(tr, r[7] || L.no_file);
      cell(tr, L[r[8]] || r[8]);
      var mapCell = cell(tr, "");
      if (r[9]) {
        var a = document.createElement("a"); a.href = "#f" + r[0]; a.textContent = "◉";
        a.addEventListener("click", function (evt) { evt.preventDefault(); });
        mapCell.appendChild(a);
      }
      frag.appendChild(tr);
    }
    tbody.textContent = "";
    tbody.appendChild(frag);
    var pages = Math.max(1, Math.ceil(view.length / PAGE));
    document.getElementById("page").textContent = (state.page + 1) + " / " + pages;
    document.getElementById("prev").disabled = state.page === 0;
    document.getElementById("next").disabled = state.page >= pages - 1;
    document.getElementById("count").textContent =
      view.length.toLocaleString(L.locale) + " " + L.of + " " + rows.length.toLocaleString(L.locale) + " " + L.shown;
    markRow();
  }

  function markRow() {
    if (!tbody) return;
    var old = tbody.querySelector("tr.sel");
    if (old) old.classList.remove("sel");
    if (state.selected === null) return;
    var tr = tbody.querySelector('tr[data-row="' + state.selected + '"]');
    if (tr) tr.classList.add("sel");
  }

  function refresh() { state.view = filtered(); state.page = 0; draw(); }

  tbody.addEventListener("click", function (evt) {
    var tr = evt.target.closest("tr");
    if (!tr) return;
    select(+tr.getAttribute("data-row"), false, true);
  });
  var timer = null;
  q.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.q = q.value.trim(); refresh(); }, 150);
  });
  Array.prototype.forEach.call(document.querySelectorAll("input.sev"), function (box) {
    box.addEventListener("change", function () { state.sev[box.value] = box.checked; refresh(); });
  });
  ruleSel.addEventListener("change", function () { state.rule = ruleSel.value; refresh(); });
  if (fileSel) fileSel.addEventListener("change", function () {
    state.file = fileSel.selectedIndex === 0 ? null : fileSel.value; refresh();
  });
  Array.prototype.forEach.call(table.tHead.querySelectorAll("th[data-col]"), function (th) {
    th.addEventListener("click", function () {
      var c = +th.getAttribute("data-col");
      state.dir = state.col === c ? -state.dir : 1;
      state.col = c;
      Array.prototype.forEach.call(table.tHead.querySelectorAll("th"), function (o) { o.className = ""; });
      th.className = state.dir > 0 ? "asc" : "desc";
      refresh();
    });
  });
  document.getElementById("prev").addEventListener("click", function () { state.page--; draw(); });
  document.getElementById("next").addEventListener("click", function () { state.page++; draw(); });
  refresh();
  if (location.hash && /^#f\d+$/.test(location.hash)) select(+location.hash.slice(2), true, true);
})();
