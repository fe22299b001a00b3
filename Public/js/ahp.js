// Recomputes the consistency ratio of the AHP grid while judgments are typed: principal
// eigenvector by power iteration, CI = (λmax − n)/(n − 1), CR = CI / RI, and the judgment that
// departs most from w_i/w_j. The same method as the server, which stays the authority.
(function () {
  var grid = document.getElementById("ahp-grid");
  var live = document.getElementById("ahp-live");
  if (!grid || !live) { return; }
  var n = parseInt(grid.getAttribute("data-size"), 10);
  var ri = grid.getAttribute("data-ri").split(",").map(Number);
  var threshold = Number(grid.getAttribute("data-threshold"));
  var names = Array.prototype.map.call(grid.querySelectorAll("thead th"), function (th) { return th.textContent; }).slice(1);

  function parse(text) {
    var parts = String(text).trim().split("/");
    var v = parts.length === 2 ? Number(parts[0]) / Number(parts[1]) : Number(parts[0]);
    return parts[0] !== "" && isFinite(v) && v > 0 ? v : null;
  }
  function format(v) {
    if (Math.abs(v - Math.round(v)) < 1e-9) { return String(Math.round(v)); }
    var inv = 1 / v;
    if (Math.abs(inv - Math.round(inv)) < 1e-6) { return "1/" + Math.round(inv); }
    return v.toPrecision(3);
  }
  function fill(template, args) {
    return template.replace(/\{(\d)\}/g, function (_, k) { return args[Number(k)]; });
  }

  function update() {
    var a = [];
    for (var i = 0; i < n; i++) { a.push([]); for (var j = 0; j < n; j++) { a[i].push(1); } }
    var ok = true;
    grid.querySelectorAll("input[data-row]").forEach(function (input) {
      var i = Number(input.getAttribute("data-row")), j = Number(input.getAttribute("data-column"));
      var v = parse(input.value);
      var mirror = grid.querySelector("[data-mirror='" + input.name + "']");
      if (v === null) { ok = false; if (mirror) { mirror.textContent = ""; } return; }
      a[i][j] = v; a[j][i] = 1 / v;
      if (mirror) { mirror.textContent = format(1 / v); }
    });
    live.hidden = false;
    if (!ok) { live.textContent = live.getAttribute("data-invalid"); live.className = "fail"; return; }
    var w = [];
    for (var k = 0; k < n; k++) { w.push(1 / n); }
    for (var it = 0; it < 10000; it++) {
      var next = a.map(function (row) { return row.reduce(function (s, x, j) { return s + x * w[j]; }, 0); });
      var sum = next.reduce(function (s, x) { return s + x; }, 0);
      next = next.map(function (x) { return x / sum; });
      var change = Math.max.apply(null, next.map(function (x, j) { return Math.abs(x - w[j]); }));
      w = next;
      if (change < 1e-13) { break; }
    }
    var aw = a.map(function (row) { return row.reduce(function (s, x, j) { return s + x * w[j]; }, 0); });
    var lambda = aw.reduce(function (s, x, j) { return s + x / w[j]; }, 0) / n;
    var ci = n > 2 ? Math.max(lambda - n, 0) / (n - 1) : 0;
    var cr = ri[n - 1] > 0 ? ci / ri[n - 1] : 0;
    var text = "CR = " + cr.toFixed(4) + " ";
    grid.querySelectorAll(".revisit").forEach(function (cell) { cell.classList.remove("revisit"); });
    if (cr < threshold) {
      live.className = "pass";
      live.textContent = text + "✓ " + live.getAttribute("data-consistent");
      return;
    }
    var worst = null;
    for (var r = 0; r < n; r++) {
      for (var c = r + 1; c < n; c++) {
        var e = a[r][c] * w[c] / w[r];
        var dev = Math.max(e, 1 / e);
        if (dev > (worst ? worst.dev : 1 + 1e-12)) { worst = { r: r, c: c, dev: dev }; }
      }
    }
    live.className = "fail";
    live.textContent = text + "✗ " + live.getAttribute("data-inconsistent");
    if (worst) {
      var input = grid.querySelector("input[name='a_" + worst.r + "_" + worst.c + "']");
      if (input) { input.parentNode.classList.add("revisit"); }
      live.textContent += " " + fill(live.getAttribute("data-revisit"),
        [names[worst.r], names[worst.c], format(a[worst.r][worst.c]), (w[worst.r] / w[worst.c]).toFixed(2)]);
    }
  }

  grid.addEventListener("input", update);
  update();
})();
