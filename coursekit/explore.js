/* coursekit explorables: figures a reader moves, on a static page (no kernel, no network).
   Defines window.ckExplore once per page; ckExplore.init(id) wires one explorable. Each
   explorable reads its controls (input[data-param], select[data-param]), computes, writes every
   value it shows into an <output data-key> (text rounded, data-value at full precision, for
   the browser test to compare with kltools) and redraws its SVG. */
(function () {
  if (window.ckExplore) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var LOG2E = Math.LOG2E;

  function log2(x) { return Math.log(x) * LOG2E; }
  function plogp(p) { return p > 0 ? p * log2(p) : 0; }
  function entropy(p) { var s = 0; p.forEach(function (x) { s -= plogp(x); }); return s; }
  // One outcome's term p log2(p/q) of D(P||Q): 0 where p = 0, +inf where q = 0 < p.
  function klTerm(p, q) { if (p === 0) { return 0; } return q === 0 ? Infinity : p * log2(p / q); }
  function kl(p, q) {
    var s = 0;
    for (var i = 0; i < p.length; i++) { s += klTerm(p[i], q[i]); }
    return Math.max(s, 0);
  }
  function normalize(w) { var s = w.reduce(function (a, b) { return a + b; }, 0); return w.map(function (x) { return x / s; }); }
  function sigmoid(z) { return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)); }
  function softplus(z) { return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))); }
  function fmt(v, digits) {
    if (v === Infinity) { return "∞"; }
    var s = v.toFixed(digits);
    return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
  }

  function el(parent, name, attrs, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    parent.appendChild(node);
    return node;
  }
  function clear(svg) {
    Array.from(svg.childNodes).forEach(function (n) { if (n.nodeName !== "defs") { svg.removeChild(n); } });
  }
  function hatch(svg, id) {
    if (svg.querySelector("#" + id)) { return "url(#" + id + ")"; }
    var defs = svg.querySelector("defs") || el(svg, "defs");
    var pat = el(defs, "pattern", {id: id, width: 6, height: 6, patternUnits: "userSpaceOnUse",
                                    patternTransform: "rotate(45)"});
    el(pat, "rect", {width: 6, height: 6, fill: "#fff"});
    el(pat, "line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#D55E00", "stroke-width": 3});
    return "url(#" + id + ")";
  }
  // A vertical bar chart: groups of bars with value labels; styles[i] fills series i.
  function bars(svg, box, labels, series, styles, top, names) {
    var n = labels.length, k = series.length, gw = box.w / n, bw = (gw - 16) / k;
    var y0 = box.y + box.h, scale = box.h / top;
    el(svg, "line", {x1: box.x, y1: y0, x2: box.x + box.w, y2: y0, stroke: "#000"});
    for (var i = 0; i < n; i++) {
      for (var j = 0; j < k; j++) {
        var v = series[j][i], h = Math.min(v, top) * scale, x = box.x + i * gw + 8 + j * bw;
        el(svg, "rect", {x: x, y: y0 - h, width: bw - 2, height: h, fill: styles[j],
                         stroke: "#000", "stroke-width": 1});
        el(svg, "text", {x: x + bw / 2 - 1, y: y0 - h - 4, "text-anchor": "middle"}, fmt(v, 2));
      }
      el(svg, "text", {x: box.x + i * gw + gw / 2, y: y0 + 16, "text-anchor": "middle"}, labels[i]);
    }
    if (names) {
      names.forEach(function (name, j) {
        var x = box.x + j * 90;
        el(svg, "rect", {x: x, y: box.y - 26, width: 14, height: 14, fill: styles[j], stroke: "#000"});
        el(svg, "text", {x: x + 18, y: box.y - 14}, name);
      });
    }
  }
  // A line plot of f over [x0, x1] in a box; the parts above top are left out, not flattened.
  function curve(svg, box, f, x0, x1, top, dash) {
    var runs = [[]];
    for (var i = 0; i <= 200; i++) {
      var x = x0 + (x1 - x0) * i / 200, y = f(x);
      if (isFinite(y) && y <= top) {
        runs[runs.length - 1].push((box.x + box.w * i / 200).toFixed(1) + "," +
                                   (box.y + box.h - box.h * y / top).toFixed(1));
      } else if (runs[runs.length - 1].length) {
        runs.push([]);
      }
    }
    runs.filter(function (r) { return r.length > 1; }).forEach(function (r) {
      el(svg, "polyline", {points: r.join(" "), fill: "none", stroke: dash ? "#D55E00" : "#0072B2",
                           "stroke-width": 2.5, "stroke-dasharray": dash ? "7 4" : "none"});
    });
  }
  function axes(svg, box, xlabel, ylabel, xticks, yticks, x0, x1, top) {
    var y0 = box.y + box.h;
    el(svg, "line", {x1: box.x, y1: y0, x2: box.x + box.w, y2: y0, stroke: "#000"});
    el(svg, "line", {x1: box.x, y1: box.y, x2: box.x, y2: y0, stroke: "#000"});
    xticks.forEach(function (t) {
      var x = box.x + box.w * (t - x0) / (x1 - x0);
      el(svg, "line", {x1: x, y1: y0, x2: x, y2: y0 + 5, stroke: "#000"});
      el(svg, "text", {x: x, y: y0 + 19, "text-anchor": "middle"}, String(t));
    });
    yticks.forEach(function (t) {
      var y = y0 - box.h * t / top;
      el(svg, "line", {x1: box.x - 5, y1: y, x2: box.x, y2: y, stroke: "#000"});
      el(svg, "text", {x: box.x - 8, y: y + 5, "text-anchor": "end"}, String(t));
    });
    el(svg, "text", {x: box.x + box.w / 2, y: y0 + 38, "text-anchor": "middle"}, xlabel);
    el(svg, "text", {x: 14, y: box.y + box.h / 2, "text-anchor": "middle",
                     transform: "rotate(-90 14 " + (box.y + box.h / 2) + ")"}, ylabel);
  }
  function marker(svg, box, x, x0, x1) {
    var px = box.x + box.w * (x - x0) / (x1 - x0);
    el(svg, "line", {x1: px, y1: box.y, x2: px, y2: box.y + box.h, stroke: "#000",
                     "stroke-dasharray": "2 3"});
  }

  var KINDS = {
    surprise: function (v, cfg, svg) {
      var p = v.p;
      var out = {p: p, i_heads: -log2(p), i_tails: -log2(1 - p), h: entropy([p, 1 - p])};
      var box = {x: 60, y: 30, w: 390, h: 150};
      axes(svg, box, "p = probability of heads", "bits", [0, 0.25, 0.5, 0.75, 1], [0, 1, 2, 3, 4], 0, 1, 4);
      curve(svg, box, function (x) { return entropy([x, 1 - x]); }, 0, 1, 4, false);
      curve(svg, box, function (x) { return -log2(x); }, 0, 1, 4, true);
      marker(svg, box, p, 0, 1);
      el(svg, "text", {x: 250, y: 22}, "— H(p)    - - −log₂ p (heads)");
      return out;
    },
    kl: function (v, cfg, svg) {
      var p = normalize([v.p0, v.p1, v.p2]), q = normalize([v.q0, v.q1, v.q2]);
      var out = {d_pq: kl(p, q), d_qp: kl(q, p)};
      var terms = p.map(function (pi, i) { return klTerm(pi, q[i]); });
      terms.forEach(function (t, i) { out["t" + i] = t; });
      p.forEach(function (x, i) { out["p" + i] = x; out["q" + i] = q[i]; });
      bars(svg, {x: 20, y: 40, w: 220, h: 140}, cfg.labels, [p, q], ["#0072B2", hatch(svg, "h-" + cfg.id)], 1, ["P", "Q"]);
      var box = {x: 280, y: 40, w: 190, h: 140}, mid = box.y + box.h / 2, top = 1.5;
      el(svg, "text", {x: box.x, y: 28}, "p log₂(p/q), bits");
      el(svg, "line", {x1: box.x, y1: mid, x2: box.x + box.w, y2: mid, stroke: "#000"});
      terms.forEach(function (t, i) {
        var gw = box.w / 3, h = Math.max(-top, Math.min(t, top)) * (box.h / 2) / top;
        var x = box.x + i * gw + 10, c = x + (gw - 20) / 2;
        el(svg, "rect", {x: x, y: h >= 0 ? mid - h : mid, width: gw - 20, height: Math.abs(h),
                         fill: "#555", stroke: "#000"});
        el(svg, "text", {x: c, y: h >= 0 ? mid - h - 4 : mid - h + 16, "text-anchor": "middle"}, fmt(t, 2));
        el(svg, "text", {x: c, y: box.y + box.h + 16, "text-anchor": "middle"}, cfg.labels[i]);
      });
      return out;
    },
    cross_entropy: function (v, cfg, svg) {
      var p = cfg.p, q = normalize([v.q0, v.q1, v.q2]);
      var out = {h_p: entropy(p), d_pq: kl(p, q)};
      out.h_pq = out.h_p + out.d_pq;
      q.forEach(function (x, i) { out["q" + i] = x; });
      bars(svg, {x: 20, y: 40, w: 220, h: 140}, cfg.labels, [p, q], ["#0072B2", hatch(svg, "h-" + cfg.id)], 1, ["P", "Q"]);
      var box = {x: 330, y: 40, w: 70, h: 140}, top = 4, scale = box.h / top, y0 = box.y + box.h;
      var hp = out.h_p * scale, d = Math.min(out.d_pq, top - out.h_p) * scale;
      el(svg, "rect", {x: box.x, y: y0 - hp, width: box.w, height: hp, fill: "#0072B2", stroke: "#000"});
      el(svg, "rect", {x: box.x, y: y0 - hp - d, width: box.w, height: d, fill: hatch(svg, "h-" + cfg.id), stroke: "#000"});
      el(svg, "text", {x: box.x - 6, y: y0 - hp / 2, "text-anchor": "end"}, "H(P)");
      el(svg, "text", {x: box.x - 6, y: y0 - hp - d / 2 + 5, "text-anchor": "end"}, "D(P‖Q)");
      el(svg, "text", {x: box.x + box.w / 2, y: y0 - hp - d - 6, "text-anchor": "middle"}, "H(P,Q) = " + fmt(out.h_pq, 3));
      el(svg, "line", {x1: box.x - 2, y1: y0, x2: box.x + box.w + 2, y2: y0, stroke: "#000"});
      el(svg, "text", {x: box.x + box.w / 2, y: y0 + 16, "text-anchor": "middle"}, "bits");
      return out;
    },
    mutual_information: function (v, cfg, svg) {
      var a = v.a, e = v.e;
      var joint = [[(1 - a) * (1 - e), (1 - a) * e], [a * e, a * (1 - e)]];
      var px = [1 - a, a], py = [joint[0][0] + joint[1][0], joint[0][1] + joint[1][1]];
      var flat = [joint[0][0], joint[0][1], joint[1][0], joint[1][1]];
      var out = {hx: entropy(px), hy: entropy(py), hxy: entropy(flat)};
      out.mi = Math.max(out.hx + out.hy - out.hxy, 0);
      out.hx_given_y = out.hxy - out.hy;
      out.hy_given_x = out.hxy - out.hx;
      flat.forEach(function (x, i) { out["j" + i] = x; });
      var cell = 58, x0 = 70, y0 = 40;
      el(svg, "text", {x: x0 + cell / 2, y: 32, "text-anchor": "middle"}, "y = 0");
      el(svg, "text", {x: x0 + 1.5 * cell, y: 32, "text-anchor": "middle"}, "y = 1");
      for (var i = 0; i < 2; i++) {
        el(svg, "text", {x: x0 - 8, y: y0 + i * cell + cell / 2 + 5, "text-anchor": "end"}, "x = " + i);
        for (var j = 0; j < 2; j++) {
          var g = Math.round(255 * (1 - joint[i][j]));
          el(svg, "rect", {x: x0 + j * cell, y: y0 + i * cell, width: cell, height: cell,
                           fill: "rgb(" + g + "," + g + "," + g + ")", stroke: "#000"});
          el(svg, "text", {x: x0 + j * cell + cell / 2, y: y0 + i * cell + cell / 2 + 5, "text-anchor": "middle",
                           fill: joint[i][j] > 0.45 ? "#fff" : "#000"}, fmt(joint[i][j], 2));
        }
      }
      var box = {x: 230, y: 60, w: 240}, unit = box.w / 2, y = box.y;
      var seg = [[out.hx_given_y, "#0072B2", "H(X|Y)"], [out.mi, "#555", "I(X;Y)"], [out.hy_given_x, hatch(svg, "h-" + cfg.id), "H(Y|X)"]];
      var x = box.x;
      seg.forEach(function (s, k) {
        var w = s[0] * unit;
        el(svg, "rect", {x: x, y: y, width: w, height: 30, fill: s[1], stroke: "#000"});
        el(svg, "text", {x: x + w / 2, y: y + 30 + 18 + 18 * k, "text-anchor": "middle"}, s[2] + " " + fmt(s[0], 2));
        x += w;
      });
      el(svg, "text", {x: box.x, y: y - 10}, "H(X,Y) = " + fmt(out.hxy, 3) + " bits");
      return out;
    },
    logistic_loss: function (v, cfg, svg) {
      var z = v.z, y = v.y;
      var out = {prob: sigmoid(z), loss: softplus(z) - y * z, grad: sigmoid(z) - y};
      var box = {x: 60, y: 30, w: 390, h: 150}, top = 8;
      axes(svg, box, "logit z", "nats", [-10, -5, 0, 5, 10], [0, 2, 4, 6, 8], -10, 10, top);
      curve(svg, box, function (x) { return softplus(x) - y * x; }, -10, 10, top, false);
      marker(svg, box, Math.max(-10, Math.min(10, z)), -10, 10);
      if (Math.abs(z) <= 10 && out.loss <= top) {
        // The tangent at z: its slope is the gradient.
        var sx = box.w / 20, sy = box.h / top, cx = box.x + (z + 10) * sx, cy = box.y + box.h - out.loss * sy;
        var dx = 2.5;
        el(svg, "line", {x1: cx - dx * sx, y1: cy + out.grad * dx * sy, x2: cx + dx * sx,
                         y2: cy - out.grad * dx * sy, stroke: "#D55E00", "stroke-width": 2.5,
                         "stroke-dasharray": "7 4"});
      }
      el(svg, "text", {x: 90, y: 22}, "— loss for y = " + y + "    - - tangent: slope = gradient");
      return out;
    },
    softmax_temperature: function (v, cfg, svg) {
      var t = Math.pow(10, v.log10_t), z = cfg.logits.map(function (x) { return x / t; });
      var m = Math.max.apply(null, z), ex = z.map(function (x) { return Math.exp(x - m); });
      var s = ex.reduce(function (a, b) { return a + b; }, 0), q = ex.map(function (x) { return x / s; });
      var out = {t: t, entropy: entropy(q) / LOG2E, loss: -(z[cfg.label] - m - Math.log(s))};
      q.forEach(function (x, i) { out["q" + i] = x; });
      var styles = q.map(function (_, i) { return i === cfg.label ? hatch(svg, "h-" + cfg.id) : "#0072B2"; });
      var box = {x: 40, y: 40, w: 420, h: 140}, gw = box.w / q.length, y0 = box.y + box.h;
      el(svg, "line", {x1: box.x, y1: y0, x2: box.x + box.w, y2: y0, stroke: "#000"});
      q.forEach(function (x, i) {
        var h = x * box.h, bx = box.x + i * gw + 12;
        el(svg, "rect", {x: bx, y: y0 - h, width: gw - 24, height: h, fill: styles[i], stroke: "#000"});
        el(svg, "text", {x: bx + (gw - 24) / 2, y: y0 - h - 4, "text-anchor": "middle"}, fmt(x, 3));
        el(svg, "text", {x: bx + (gw - 24) / 2, y: y0 + 16, "text-anchor": "middle"},
           cfg.names[i] + (i === cfg.label ? " (true)" : ""));
      });
      el(svg, "text", {x: box.x, y: 24}, "softmax(z / T): probability of each class");
      return out;
    }
  };

  function read(root) {
    var v = {};
    root.querySelectorAll("[data-param]").forEach(function (c) { v[c.dataset.param] = parseFloat(c.value); });
    return v;
  }
  function update(root) {
    var cfg = JSON.parse(root.dataset.config), svg = root.querySelector("svg.ckx-plot");
    cfg.id = root.id;
    var v = read(root);
    // A distribution given by weights needs one positive weight: the control
    // just moved goes back to 1 rather than leave the distribution undefined.
    ["p", "q"].forEach(function (name) {
      var group = root.querySelectorAll('[data-param^="' + name + '"][data-weight]');
      var total = 0;
      group.forEach(function (c) { total += parseFloat(c.value); });
      if (group.length && total === 0) { group[0].value = 1; v = read(root); }
    });
    root.querySelectorAll("[data-param]").forEach(function (c) {
      if (c.type === "range") { c.setAttribute("aria-valuetext", c.dataset.name + " = " + c.value); }
    });
    clear(svg);
    var out = KINDS[root.dataset.kind](v, cfg, svg);
    root.querySelectorAll("output[data-key]").forEach(function (o) {
      var x = out[o.dataset.key];
      o.dataset.value = String(x);
      o.textContent = fmt(x, parseInt(o.dataset.digits, 10));
    });
    var shown = root.querySelector(".ckx-values");
    if (shown) { shown.dataset.values = JSON.stringify(out, function (k, x) { return x === Infinity ? "inf" : x; }); }
  }
  window.ckExplore = {
    kinds: Object.keys(KINDS),
    ready: [],
    init: function (id) {
      var root = document.getElementById(id);
      if (!root || root.dataset.ready) { return; }
      root.addEventListener("input", function () { update(root); });
      root.addEventListener("change", function () { update(root); });
      update(root);
      root.dataset.ready = "1";
      window.ckExplore.ready.push([id, performance.now()]);
    }
  };
})();
