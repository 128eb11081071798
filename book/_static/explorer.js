/* α explorer: gradient descent on the lecture's data, run and drawn in the browser.
 *
 * Reads window.GD_DATA (written at build time by _ext/explorer_data.py from gdlesson)
 * and wires the controls of the #gd-explorer block in book/07_alpha_explorer.md.
 * The loop is the lecture's (gdlesson.train): loss and gradient at the current W,
 * then W ← W − α·grad, in float64. Plain JavaScript, no dependencies.
 */
(function () {
  "use strict";

  var D = window.GD_DATA;
  var root = document.getElementById("gd-explorer");
  if (!root) return;
  if (!D) {
    root.querySelector(".gd-noscript").textContent =
      "데이터 파일(explorer-data.js)을 읽지 못해 탐험기를 시작할 수 없습니다.";
    return;
  }

  var SVGNS = "http://www.w3.org/2000/svg";
  var ALPHA_MIN = 1e-4, ALPHA_MAX = 1.2e-2;      // the slider's range (log scale)
  var EPOCHS_MAX = 100;                           // the epochs slider's range: 1 ~ EPOCHS_MAX
  var STEPS = 400;                               // slider positions: 1.2 % apart in α
  var BOX = [-6, 11];                            // w0 and w1 range of the contour view
  var x = D.x, y = D.y, n = x.length;
  var lamMin = D.eigenvalues[0], lamMax = D.eigenvalues[1];
  var alphaStar = D.alpha_critical;

  function $(id) { return document.getElementById(id); }
  var ui = {
    alphaRange: $("gd-alpha-range"), alpha: $("gd-alpha"),
    epochsRange: $("gd-epochs-range"), epochs: $("gd-epochs"),
    w0: $("gd-w0"), w1: $("gd-w1"), reset: $("gd-reset"),
    toExercise: $("gd-to-exercise"),
    what: $("gd-what"), regime: $("gd-regime"), status: $("gd-status"),
    fit: $("gd-fit-plot"), loss: $("gd-loss-plot"), contour: $("gd-contour-plot")
  };
  var state = {
    alpha: D.defaults.alpha, epochs: D.defaults.epochs,
    w0: D.defaults.What[0], w1: D.defaults.What[1]
  };

  /* ---------- the computation ---------- */

  // SSE loss Σ(y − w0 − w1·x)².
  function sse(w0, w1) {
    var s = 0;
    for (var i = 0; i < n; i++) { var r = y[i] - w0 - w1 * x[i]; s += r * r; }
    return s;
  }

  // Gradient descent as gdlesson.train runs it (float64 here). losses holds L_0 … L_E,
  // the loss of each Ŵ_k in path (k = updates done), like History.losses. A run stops
  // in the epoch where a loss or Ŵ becomes inf/nan, as gdlesson's loop does.
  function descend(alpha, epochs, w0, w1) {
    var losses = [], path = [[w0, w1]], stoppedAt = null, last = NaN;
    for (var epoch = 1; epoch <= epochs; epoch++) {
      var loss = 0, g0 = 0, g1 = 0;
      for (var i = 0; i < n; i++) {
        var r = y[i] - w0 - w1 * x[i];
        loss += r * r; g0 -= 2 * r; g1 -= 2 * r * x[i];
      }
      var n0 = w0 - alpha * g0, n1 = w1 - alpha * g1;
      if (!isFinite(loss) || !isFinite(n0) || !isFinite(n1)) { stoppedAt = epoch; last = loss; break; }
      losses.push(loss);
      w0 = n0; w1 = n1;
      path.push([w0, w1]);
    }
    if (stoppedAt === null) last = sse(w0, w1);
    losses.push(last);
    var run = { losses: losses, path: path, stoppedAt: stoppedAt, W: [w0, w1], loss: last };
    run.risingAt = risingAt(losses);
    run.divergedAt = divergedAt(losses, stoppedAt, path.length);
    return run;
  }

  // The two words of gdlesson.training, with its tolerance: 다시 커짐 — a loss above the
  // smallest earlier one by more than RISE_RTOL; 발산 — a loss above the first, or inf/nan.
  function risingAt(L) {
    var lowest = L[0];
    for (var k = 1; k < L.length; k++) {
      if (!isFinite(L[k]) || L[k] > lowest * (1 + D.words.rise_rtol)) return k;
      lowest = Math.min(lowest, L[k]);
    }
    return null;
  }
  function divergedAt(L, stoppedAt, rows) {
    for (var k = 1; k < L.length; k++) if (!isFinite(L[k]) || L[k] > L[0]) return k;
    return stoppedAt !== null ? rows : null;
  }

  /* ---------- number formatting ---------- */

  function fmt(v) {               // 4 decimals; exponent form for huge values
    if (!isFinite(v)) return isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    return Math.abs(v) < 1e6 ? v.toFixed(4) : v.toExponential(4);
  }
  // Python's format(v, f".{p}g"), so that the sentences match gdlesson's History.status().
  function fmtG(v, p) {
    if (!isFinite(v)) return isNaN(v) ? "nan" : (v > 0 ? "inf" : "-inf");
    if (v === 0) return "0";
    var exp = Number(v.toExponential(p - 1).split("e")[1]);
    var strip = function (s) { return s.indexOf(".") < 0 ? s : s.replace(/0+$/, "").replace(/\.$/, ""); };
    if (exp < -4 || exp >= p) {
      var parts = v.toExponential(p - 1).split("e");
      var e = Number(parts[1]);
      return strip(parts[0]) + "e" + (e < 0 ? "-" : "+") + (Math.abs(e) < 10 ? "0" : "") + Math.abs(e);
    }
    return strip(v.toFixed(Math.max(0, p - 1 - exp)));
  }
  function fmtAlpha(a) { return String(Number(a.toPrecision(4))); }

  /* ---------- SVG helpers ---------- */

  function el(name, attrs, parent, text) {
    var node = document.createElementNS(SVGNS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function r2(v) { return Math.round(v * 100) / 100; }

  // A plot frame: viewBox size, margins, data ranges; sx/sy map data to pixels.
  function frame(svg, w, h, m, xr, yr, logY) {
    clear(svg);
    svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    var f = { svg: svg, x0: m[3], x1: w - m[1], y0: m[0], y1: h - m[2], xr: xr, yr: yr, logY: logY };
    var ty = function (v) { return logY ? Math.log10(v) : v; };
    f.sx = function (v) { return f.x0 + (v - xr[0]) / (xr[1] - xr[0]) * (f.x1 - f.x0); };
    f.sy = function (v) { return f.y1 - (ty(v) - ty(yr[0])) / (ty(yr[1]) - ty(yr[0])) * (f.y1 - f.y0); };
    var clipId = svg.id + "-clip";
    el("rect", { x: f.x0, y: f.y0, width: f.x1 - f.x0, height: f.y1 - f.y0 },
       el("clipPath", { id: clipId }, el("defs", {}, svg)));
    el("rect", { x: f.x0, y: f.y0, width: f.x1 - f.x0, height: f.y1 - f.y0, "class": "gd-area" }, svg);
    f.axes = el("g", { "class": "gd-axes" }, svg);
    f.plot = el("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    return f;
  }

  // Round tick values covering [lo, hi], about `count` of them.
  function niceTicks(lo, hi, count) {
    var raw = (hi - lo) / count, mag = Math.pow(10, Math.floor(Math.log10(raw))), e = raw / mag;
    var step = mag * (e >= 7.5 ? 10 : e >= 3.5 ? 5 : e >= 1.5 ? 2 : 1), out = [];
    for (var v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9 && out.length < 50; v += step)
      out.push(Number(v.toPrecision(12)));
    return out;
  }

  // Tick marks, grid lines and labels; log axes are labelled 10ⁿ.
  function axes(f, xTicks, yTicks, xLabel, yLabel) {
    xTicks.forEach(function (t) {
      var px = r2(f.sx(t));
      el("line", { x1: px, x2: px, y1: f.y0, y2: f.y1, "class": "gd-grid" }, f.axes);
      el("text", { x: px, y: f.y1 + 14, "class": "gd-tick", "text-anchor": "middle" }, f.axes, String(t));
    });
    yTicks.forEach(function (t) {
      var py = r2(f.sy(t));
      el("line", { x1: f.x0, x2: f.x1, y1: py, y2: py, "class": "gd-grid" }, f.axes);
      var label = el("text", { x: f.x0 - 4, y: py + 4, "class": "gd-tick", "text-anchor": "end" }, f.axes,
                     f.logY ? "10" : String(t));
      if (f.logY) el("tspan", { dy: -6, "font-size": "0.75em" }, label, String(Math.round(Math.log10(t))));
    });
    el("text", { x: (f.x0 + f.x1) / 2, y: f.y1 + 30, "class": "gd-label", "text-anchor": "middle" }, f.axes, xLabel);
    el("text", { x: 12, y: (f.y0 + f.y1) / 2, "class": "gd-label", "text-anchor": "middle",
                 transform: "rotate(-90 12 " + (f.y0 + f.y1) / 2 + ")" }, f.axes, yLabel);
  }

  // Liang–Barsky: the part of segment p–q inside the frame's data ranges, or null.
  // Done in data coordinates so that far-away (diverged) points never reach the SVG.
  function clipSegment(f, p, q) {
    var t0 = 0, t1 = 1, dx = q[0] - p[0], dy = q[1] - p[1];
    if (!isFinite(dx) || !isFinite(dy)) return null;     // beyond float64: nothing to draw
    var checks = [[-dx, p[0] - f.xr[0]], [dx, f.xr[1] - p[0]], [-dy, p[1] - f.yr[0]], [dy, f.yr[1] - p[1]]];
    for (var i = 0; i < 4; i++) {
      var a = checks[i][0], b = checks[i][1];
      if (a === 0) { if (b < 0) return null; continue; }
      var t = b / a;
      if (a < 0) { if (t > t1) return null; if (t > t0) t0 = t; }
      else { if (t < t0) return null; if (t < t1) t1 = t; }
    }
    return [[p[0] + t0 * dx, p[1] + t0 * dy], [p[0] + t1 * dx, p[1] + t1 * dy]];
  }
  function inside(f, p) { return p[0] >= f.xr[0] && p[0] <= f.xr[1] && p[1] >= f.yr[0] && p[1] <= f.yr[1]; }

  // SVG path data of a polyline, clipped to the frame (several pieces if it leaves and returns).
  function clippedPath(f, points) {
    var d = "", last = null;
    for (var i = 1; i < points.length; i++) {
      var s = clipSegment(f, points[i - 1], points[i]);
      if (!s) { last = null; continue; }
      var a = [r2(f.sx(s[0][0])), r2(f.sy(s[0][1]))], b = [r2(f.sx(s[1][0])), r2(f.sy(s[1][1]))];
      if (!last || last[0] !== a[0] || last[1] !== a[1]) d += "M" + a[0] + " " + a[1];
      d += "L" + b[0] + " " + b[1];
      last = b;
    }
    return d;
  }

  function star(cx, cy, r) {     // five-pointed star as polygon points
    var pts = [];
    for (var k = 0; k < 10; k++) {
      var a = -Math.PI / 2 + k * Math.PI / 5, rr = k % 2 ? r * 0.45 : r;
      pts.push(r2(cx + rr * Math.cos(a)) + "," + r2(cy + rr * Math.sin(a)));
    }
    return pts.join(" ");
  }

  /* ---------- (나) data and fitted line ---------- */

  var xr = [Math.min.apply(null, x) - 0.3, Math.max.apply(null, x) + 0.3];
  var yr = [Math.min.apply(null, y) - 2, Math.max.apply(null, y) + 2];
  var fitFrame = frame(ui.fit, 320, 260, [10, 10, 40, 44], xr, yr, false);
  axes(fitFrame, niceTicks(xr[0], xr[1], 5), niceTicks(yr[0], yr[1], 5), "x", "y");
  var points = el("g", { "class": "gd-data" }, fitFrame.plot);
  for (var i = 0; i < n; i++)
    el("circle", { cx: r2(fitFrame.sx(x[i])), cy: r2(fitFrame.sy(y[i])), r: 2.4 }, points);
  var fitLine = el("path", { id: "gd-fit", "class": "gd-fit" }, fitFrame.plot);

  function drawFit(run) {
    var W = run.W, a = [xr[0], W[0] + W[1] * xr[0]], b = [xr[1], W[0] + W[1] * xr[1]];
    fitLine.setAttribute("d", clippedPath(fitFrame, [a, b]));
  }

  /* ---------- (가) contours of the loss and the path of Ŵ ---------- */

  // loss(W) = loss(Ŵ_ols) + (W − Ŵ_ols)ᵀ XᵀX (W − Ŵ_ols): its level sets are ellipses around
  // the least-squares point with axes along the eigenvectors of XᵀX, semi-axes √(Δ/λ).
  var sx1 = 0, sxx = 0;
  for (i = 0; i < n; i++) { sx1 += x[i]; sxx += x[i] * x[i]; }
  var theta = 0.5 * Math.atan2(2 * sx1, n - sxx);   // direction of λ_max's eigenvector
  var ols = D.W_ols, lossMin = sse(ols[0], ols[1]);
  // a square plot area (266 × 266), so that w0 and w1 have the same unit length
  var cFrame = frame(ui.contour, 320, 316, [10, 10, 40, 44], BOX, BOX, false);
  axes(cFrame, niceTicks(BOX[0], BOX[1], 4), niceTicks(BOX[0], BOX[1], 4), "w0", "w1");
  var unit = (cFrame.x1 - cFrame.x0) / (BOX[1] - BOX[0]);
  var corners = [[BOX[0], BOX[0]], [BOX[0], BOX[1]], [BOX[1], BOX[0]], [BOX[1], BOX[1]]];
  var excess = Math.max.apply(null, corners.map(function (c) { return sse(c[0], c[1]) - lossMin; }));
  var levels = el("g", { "class": "gd-levels" }, cFrame.plot);
  for (var k = 0; k < 12; k++) {            // each level: (loss − minimum) halves
    var delta = excess * Math.pow(0.5, k), cx = r2(cFrame.sx(ols[0])), cy = r2(cFrame.sy(ols[1]));
    el("ellipse", { cx: cx, cy: cy, rx: r2(unit * Math.sqrt(delta / lamMax)),
                    ry: r2(unit * Math.sqrt(delta / lamMin)),
                    transform: "rotate(" + r2(-theta * 180 / Math.PI) + " " + cx + " " + cy + ")" }, levels);
  }
  var pathLine = el("path", { id: "gd-path", "class": "gd-path" }, cFrame.plot);
  var pathDots = el("g", { "class": "gd-dots" }, cFrame.plot);
  el("path", { "class": "gd-ols", d: "M-5 -5L5 5M-5 5L5 -5",
               transform: "translate(" + r2(cFrame.sx(ols[0])) + " " + r2(cFrame.sy(ols[1])) + ")" }, cFrame.plot);
  el("polygon", { "class": "gd-true", points: star(cFrame.sx(D.W_true[0]), cFrame.sy(D.W_true[1]), 8) }, cFrame.plot);
  var outNote = el("text", { x: cFrame.x1 - 6, y: cFrame.y0 + 16, "text-anchor": "end", "class": "gd-out" }, ui.contour);

  function drawPath(run) {
    pathLine.setAttribute("d", clippedPath(cFrame, run.path));
    clear(pathDots);
    run.path.forEach(function (p, j) {
      if (!inside(cFrame, p)) return;
      var last = j === run.path.length - 1;
      el("circle", { cx: r2(cFrame.sx(p[0])), cy: r2(cFrame.sy(p[1])), r: j === 0 || last ? 4.5 : 2.2,
                     "class": j === 0 ? "gd-start" : last ? "gd-end" : "" }, pathDots);
    });
    outNote.textContent = inside(cFrame, run.W) ? "" : "Ŵ가 그림 범위 밖으로 나감";
  }

  /* ---------- (다) loss by epoch ---------- */

  function drawLoss(run) {
    var L = run.losses.filter(isFinite), last = Math.max(run.losses.length - 1, 1);
    var lo = Math.max(Math.min.apply(null, L), 1e-300), hi = Math.max.apply(null, L);
    var logY = hi / lo > 100;               // many decades: log scale
    // decades p0..p1 of the log axis; the top stays finite even for losses near 1e308
    var p0 = Math.floor(Math.log10(lo)), p1 = Math.min(Math.ceil(Math.log10(hi)), 308);
    var yRange = logY ? [Math.pow(10, p0), Math.min(Math.pow(10, Math.ceil(Math.log10(hi))), Number.MAX_VALUE)]
                      : [Math.max(0, lo - 0.1 * (hi - lo) - 1), Math.min(hi + 0.1 * (hi - lo) + 1, Number.MAX_VALUE)];
    var f = frame(ui.loss, 320, 260, [10, 10, 40, 52], [0, last], yRange, logY);
    var yTicks;
    if (logY) {
      var every = Math.max(1, Math.ceil((p1 - p0) / 6));
      yTicks = [];
      for (var p = p0; p <= p1; p += every) yTicks.push(Math.pow(10, p));
    } else {
      yTicks = niceTicks(yRange[0], yRange[1], 5);
    }
    axes(f, niceTicks(0, last, 5).filter(function (t) { return t === Math.round(t); }), yTicks,
         "업데이트 횟수 k", logY ? "loss (로그 눈금)" : "loss");
    var pts = [];
    run.losses.forEach(function (v, k) { if (isFinite(v)) pts.push([k, v]); });
    var d = pts.map(function (q, j) { return (j ? "L" : "M") + r2(f.sx(q[0])) + " " + r2(f.sy(q[1])); }).join("");
    el("path", { id: "gd-loss-line", "class": "gd-lossline", d: d }, f.plot);
    pts.forEach(function (q) { el("circle", { cx: r2(f.sx(q[0])), cy: r2(f.sy(q[1])), r: 2 }, f.plot); });
    if (run.risingAt !== null && isFinite(run.losses[run.risingAt]))
      el("circle", { cx: r2(f.sx(run.risingAt)), cy: r2(f.sy(run.losses[run.risingAt])), r: 6,
                     "class": "gd-rising" }, f.plot);
    if (run.divergedAt !== null && run.divergedAt <= last)
      el("line", { x1: r2(f.sx(run.divergedAt)), x2: r2(f.sx(run.divergedAt)), y1: f.y0, y2: f.y1,
                   "class": "gd-diverged" }, f.plot);
  }

  /* ---------- text read-outs ---------- */

  function describe(run) {
    var a = state.alpha, updates = run.path.length - 1;
    ui.what.textContent = updates + "번 업데이트한 뒤 Ŵ = [" + fmt(run.W[0]) + ", " + fmt(run.W[1]) +
      "], loss = " + fmt(run.loss);
    ui.what.setAttribute("data-w0", run.W[0]);
    ui.what.setAttribute("data-w1", run.W[1]);
    ui.what.setAttribute("data-loss", run.loss);

    // per-epoch factor of the error along the gentle and the steep eigen-direction
    var gMin = Math.abs(1 - 2 * a * lamMin), gMax = Math.abs(1 - 2 * a * lamMax);
    var where, how;
    if (Math.abs(a / alphaStar - 1) < 1e-9) {
      where = "α* 와 같습니다";
      how = "가파른 방향의 지그재그가 줄지도 커지지도 않습니다.";
    } else if (a < alphaStar) {
      where = "α* 보다 작습니다";
      how = a > alphaStar / 2 ? "지그재그로 움직이지만 반복하면 최소점으로 수렴합니다."
                              : "반복하면 최소점으로 수렴합니다.";
    } else {
      where = "α* 보다 큽니다";
      how = "지그재그의 폭이 매번 커져서, 반복을 계속하면 발산합니다.";
    }
    ui.regime.textContent = "α = " + fmtAlpha(a) + ": " + where + " (α* = 1/λ_max = " +
      alphaStar.toFixed(6) + "). " + how + " 한 epoch마다 오차에 곱해지는 배율 |1 − 2αλ|: " +
      gMin.toFixed(3) + " (완만한 방향), " + gMax.toFixed(3) + " (가파른 방향).";
    ui.regime.className = a > alphaStar * (1 + 1e-9) ? "gd-regime gd-above" : "gd-regime";

    ui.status.textContent = status(run);
    ui.status.className = run.risingAt !== null ? "gd-status gd-bad" : "gd-status";
    ui.status.setAttribute("data-outcome", run.divergedAt !== null ? D.words.diverged :
                           run.risingAt !== null ? D.words.unstable : D.words.decreasing);
    // 연습 5.3 (2), (3): this α and this run's outcome (option 1-3, in the exercise's order)
    var outcome = [D.words.decreasing, D.words.unstable, D.words.diverged]
      .indexOf(ui.status.getAttribute("data-outcome")) + 1;
    ui.toExercise.href = "05_learning_rate.html?ex5_3.2=" + encodeURIComponent(fmtG(a, 6)) +
      "&ex5_3.3=" + outcome + "#ex-5-3";
  }

  // The sentence gdlesson's History.status() gives for the same run.
  function status(run) {
    var head = "α = " + fmtG(state.alpha, 6) + ", " + (run.path.length - 1) + "/" + state.epochs + " epoch";
    var first = run.losses[0].toFixed(2);
    var W = "Ŵ = [" + run.W[0].toFixed(4) + ", " + run.W[1].toFixed(4) + "]";
    if (run.stoppedAt !== null)
      return head + ": 업데이트 " + run.divergedAt + "번 뒤 loss가 처음 값(" + first + ")을 넘어 " +
             "발산했고, epoch " + run.stoppedAt + "에서 값이 inf/nan이 되어 계산을 멈췄습니다.";
    if (run.divergedAt !== null)
      return head + ": 업데이트 " + run.divergedAt + "번 뒤 loss(" + fmtG(run.losses[run.divergedAt], 4) +
             ")가 처음 값(" + first + ")을 넘었습니다 → 발산.";
    if (run.risingAt !== null)
      return head + ": 업데이트 " + run.risingAt + "번 뒤부터 loss가 다시 커지고 있습니다 → 불안정 " +
             "(아직 처음 값보다는 작지만, 반복할수록 커져 발산합니다). " + W;
    return head + ": loss가 계속 줄었습니다 (" + first + " → " + run.loss.toFixed(2) + "). " + W;
  }

  /* ---------- controls ---------- */

  var L0 = Math.log10(ALPHA_MIN), L1 = Math.log10(ALPHA_MAX);
  function alphaToPos(a) { return Math.round((Math.log10(a) - L0) / (L1 - L0) * STEPS); }
  function posToAlpha(p) { return Number(Math.pow(10, L0 + p / STEPS * (L1 - L0)).toPrecision(3)); }

  // A lecture α is drawn in its own colour (the same as in the figures and players).
  function showAlphaColor(a) {
    var color = null;
    Object.keys(D.alpha_colors).forEach(function (k) { if (Number(k) === a) color = D.alpha_colors[k]; });
    root.classList.toggle("gd-has-alpha", color !== null);
    if (color) root.style.setProperty("--gd-alpha", color); else root.style.removeProperty("--gd-alpha");
  }

  function update() {
    var run = descend(state.alpha, state.epochs, state.w0, state.w1);
    showAlphaColor(state.alpha);
    drawFit(run); drawPath(run); drawLoss(run); describe(run);
    ui.alphaRange.setAttribute("aria-valuetext", "α = " + fmtAlpha(state.alpha));
    root.querySelectorAll("[data-alpha]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(presetAlpha(b) === state.alpha));
    });
  }

  // Set α from any control and show it in the others (`from` is the control that changed).
  function setAlpha(a, from) {
    state.alpha = Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, a));
    if (from !== ui.alphaRange) ui.alphaRange.value = alphaToPos(state.alpha);
    if (from !== ui.alpha) ui.alpha.value = fmtAlpha(state.alpha);
    update();
  }
  function setEpochs(e, from) {
    state.epochs = Math.min(EPOCHS_MAX, Math.max(1, Math.round(e)));
    if (from !== ui.epochsRange) ui.epochsRange.value = state.epochs;
    if (from !== ui.epochs) ui.epochs.value = state.epochs;
    update();
  }
  function presetAlpha(b) {
    var v = b.getAttribute("data-alpha");
    return v === "critical" ? alphaStar : v === "best" ? D.alpha_best : Number(v);
  }

  ui.alphaRange.min = 0; ui.alphaRange.max = STEPS; ui.alphaRange.step = 1;
  ui.alphaRange.addEventListener("input", function () { setAlpha(posToAlpha(+ui.alphaRange.value), ui.alphaRange); });
  ui.alpha.min = ALPHA_MIN; ui.alpha.max = ALPHA_MAX;
  ui.epochsRange.min = ui.epochs.min = 1; ui.epochsRange.max = ui.epochs.max = EPOCHS_MAX;
  // the labels say the ranges these constants set
  document.querySelector(".gd-range[data-range='alpha']").textContent = ", " + ALPHA_MIN + " ~ " + ALPHA_MAX;
  document.querySelector(".gd-range[data-range='epochs']").textContent = " (1 ~ " + EPOCHS_MAX + ")";
  ui.alpha.addEventListener("input", function () {
    var a = parseFloat(ui.alpha.value);           // ignore half-typed values until they are in range
    if (a >= ALPHA_MIN && a <= ALPHA_MAX) setAlpha(a, ui.alpha);
  });
  ui.alpha.addEventListener("change", function () {
    var a = parseFloat(ui.alpha.value);
    setAlpha(isFinite(a) ? a : state.alpha);
  });
  ui.alpha.addEventListener("keydown", function (e) {   // ↑/↓ move one slider step (Shift: ten)
    if (e.key !== "ArrowUp" && e.key !== "ArrowDown") return;
    e.preventDefault();
    var step = (e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? 10 : 1);
    setAlpha(posToAlpha(Math.min(STEPS, Math.max(0, alphaToPos(state.alpha) + step))));
  });
  root.querySelectorAll("[data-alpha]").forEach(function (b) {
    if (b.getAttribute("data-alpha") === "critical") b.textContent = "α* = " + fmtAlpha(alphaStar);
    if (b.getAttribute("data-alpha") === "best") b.textContent = "가장 빠른 α = " + fmtAlpha(D.alpha_best);
    b.addEventListener("click", function () { setAlpha(presetAlpha(b)); });
  });
  ui.epochsRange.addEventListener("input", function () { setEpochs(+ui.epochsRange.value, ui.epochsRange); });
  ui.epochs.addEventListener("input", function () {
    var e = parseInt(ui.epochs.value, 10);
    if (e >= 1 && e <= EPOCHS_MAX) setEpochs(e, ui.epochs);
  });
  ui.epochs.addEventListener("change", function () {
    var e = parseInt(ui.epochs.value, 10);
    setEpochs(isFinite(e) ? e : state.epochs);
  });
  [ui.w0, ui.w1].forEach(function (input, j) {
    input.addEventListener("input", function () {
      var v = parseFloat(input.value);
      if (!isFinite(v)) return;
      if (j === 0) state.w0 = v; else state.w1 = v;
      update();
    });
  });
  ui.reset.addEventListener("click", function () {
    state.w0 = D.defaults.What[0]; state.w1 = D.defaults.What[1];
    ui.w0.value = state.w0; ui.w1.value = state.w1;
    state.epochs = D.defaults.epochs;
    ui.epochsRange.value = ui.epochs.value = state.epochs;
    setAlpha(D.defaults.alpha);
  });
  root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });

  ui.w0.value = state.w0; ui.w1.value = state.w1;
  ui.epochsRange.value = ui.epochs.value = state.epochs;
  root.classList.add("gd-ready");
  setAlpha(state.alpha);
})();
