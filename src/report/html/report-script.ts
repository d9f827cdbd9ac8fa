// The script of an HTML report (issue 16), inline like everything in the file: on load it reads
// the report's `data-report` JSON blocks and draws, as plain SVG, the timeline (one lane per
// application with its pending-queue and idle-worker series, one per worker process, SMSvcHost,
// the exact Error/Warning counts per bucket, the sampled sessions; zoom with the buttons or the
// wheel, pan by dragging; hover a mark for its event, click it for its `explain` text) and a
// session's journey as a sequence diagram (the first 4031 by default, any sampled session by
// ActivityId or session id). It uses no library and fetches nothing. Plain ES2019 in a string:
// the browser test (test/report/html-report.browser.test.ts) is what checks it.

/** The report's JavaScript. */
export const reportScript = String.raw`
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  var meta = null;
  var end = null;
  var journeys = [];
  var marks = [];
  var blocks = document.querySelectorAll('script[type="application/json"][data-report]');
  for (var b = 0; b < blocks.length; b++) {
    var value = JSON.parse(blocks[b].textContent);
    var kind = blocks[b].getAttribute('data-report');
    if (kind === 'meta') meta = value;
    else if (kind === 'end') end = value;
    else if (kind === 'journey') journeys.push(value);
    else if (kind === 'marks') marks = marks.concat(value);
  }
  if (meta === null || end === null) return;
  var explanations = end.explanations;
  var journeyBySession = new Map();
  journeys.forEach(function (j) { journeyBySession.set(j.sessionId, j); });

  function svg(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) if (attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(node);
    return node;
  }
  function svgText(parent, x, y, text, attrs) {
    var a = attrs || {};
    a.x = x; a.y = y;
    var node = svg('text', a, parent);
    node.textContent = text;
    return node;
  }
  function h(tag, attrs, text, parent) {
    var node = document.createElement(tag);
    for (var k in attrs) if (attrs[k] !== undefined) node.setAttribute(k, String(attrs[k]));
    if (text !== undefined && text !== null) node.textContent = text;
    if (parent) parent.appendChild(node);
    return node;
  }
  function ms(value) {
    if (value < 1) return (Math.round(value * 1000) / 1000) + ' ms';
    if (value < 10000) return (Math.round(value * 100) / 100) + ' ms';
    return (Math.round(value / 10) / 100) + ' s';
  }
  function label(r) { return r.log ? 'Event Log ' + r.id + ' ' + r.name : r.id + ' ' + r.name; }
  function keyValues(parent, object) {
    var grid = h('div', { class: 'kv' }, null, parent);
    Object.keys(object || {}).forEach(function (k) {
      var v = object[k];
      h('span', { class: 'k' }, k, grid);
      h('span', { class: 'v' }, typeof v === 'string' ? v : JSON.stringify(v), grid);
    });
    return grid;
  }

  // ---- Timeline -------------------------------------------------------------------------
  var W = 1000;
  var LEFT = 170;
  var RIGHT = 12;
  var full = [0, Math.max(end.endMs, 1)];
  var view = [full[0], full[1]];
  var container = document.getElementById('timeline');
  var tooltip = document.getElementById('tooltip');
  var details = document.getElementById('mark-details');
  var selectedSeq = null;
  var selectedSession = null;

  var workerLane = new Map();
  end.workers.forEach(function (w) { workerLane.set(w.workerId, w); });
  var apps = meta.apps.slice();
  Object.keys(end.series).forEach(function (a) { if (apps.indexOf(a) < 0) apps.push(a); });
  function laneOf(r) {
    var n = r.annotations;
    if (n.workerId !== undefined && workerLane.has(n.workerId)) return 'worker:' + n.workerId;
    var app = n.app;
    if (app === undefined && n.sessionId !== undefined && journeyBySession.has(n.sessionId)) app = journeyBySession.get(n.sessionId).app;
    if (typeof app === 'string' && apps.indexOf(app) >= 0) return 'app:' + app;
    return 'smsvchost';
  }
  var lanes = [];
  var timedFaults = meta.faults.filter(function (f) { return f.atMs !== undefined || f.fromMs !== undefined; });
  // Two rows of labels when there are several: faults close together wrote their labels over
  // each other (user report).
  if (timedFaults.length > 0) lanes.push({ id: 'faults', title: 'faults', height: timedFaults.length > 1 ? 46 : 30 });
  apps.forEach(function (a) { lanes.push({ id: 'app:' + a, title: 'app ' + a, sub: 'queue ▬ idle ▭', height: 72, app: a }); });
  // Many worker processes (a long run that recycles or loses workers) get thin lanes.
  var compact = end.workers.length > 12;
  end.workers.forEach(function (w) {
    var name = 'worker ' + w.workerId + (w.pid === null ? '' : ' pid ' + w.pid);
    lanes.push({ id: 'worker:' + w.workerId, title: compact && w.app !== null ? name + ' (' + w.app + ')' : name, sub: compact || w.app === null ? '' : w.app, height: compact ? 18 : 34, worker: w });
  });
  lanes.push({ id: 'smsvchost', title: 'SMSvcHost', sub: 'listener, WAS', height: 30 });
  if (Object.keys(end.errors).length > 0) lanes.push({ id: 'density', title: 'Errors, Warnings', sub: 'per bucket, exact', height: 40 });
  if (journeys.length > 0) lanes.push({ id: 'sessions', title: 'sessions', sub: journeys.length + ' sampled', height: 14 + Math.min(8, journeys.length) * 7 });

  function x(t) { return LEFT + ((t - view[0]) / (view[1] - view[0])) * (W - LEFT - RIGHT); }
  function visible(t) { return t >= view[0] && t <= view[1]; }
  function niceStep(span) {
    var raw = span / 8;
    var p = Math.pow(10, Math.floor(Math.log10(raw)));
    var m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }

  function seriesPath(data, top, height, maxValue, closed) {
    var points = [];
    var step = data.bucketMs;
    for (var i = 0; i < data.values.length; i++) {
      var t0 = i * step;
      var t1 = t0 + step;
      if (t1 < view[0] || t0 > view[1]) continue;
      var y = top + height - (data.values[i] / maxValue) * height;
      points.push([x(Math.max(t0, view[0])), y], [x(Math.min(t1, view[1])), y]);
    }
    if (points.length === 0) return '';
    var d = (closed ? 'M' + points[0][0].toFixed(1) + ',' + (top + height) + ' L' : 'M') +
      points.map(function (p) { return p[0].toFixed(1) + ',' + p[1].toFixed(1); }).join(' L');
    if (closed) d += ' L' + points[points.length - 1][0].toFixed(1) + ',' + (top + height) + ' Z';
    return d;
  }

  function drawMark(parent, r, cx, cy) {
    var cls = 'mark level-' + r.level.toLowerCase() + (r.log ? ' log' : '') + (r.key === 'etw:4031' ? ' mark-4031' : '') + (r.seq === selectedSeq ? ' selected' : '');
    var s = r.key === 'etw:4031' ? 7 : 5;
    var shape;
    if (r.log) shape = svg('rect', { x: cx - s + 1, y: cy - s + 1, width: 2 * s - 2, height: 2 * s - 2 }, parent);
    else if (r.level === 'Warning') shape = svg('path', { d: 'M' + cx + ',' + (cy - s) + ' L' + (cx + s) + ',' + cy + ' L' + cx + ',' + (cy + s) + ' L' + (cx - s) + ',' + cy + ' Z' }, parent);
    else shape = svg('path', { d: 'M' + cx + ',' + (cy - s) + ' L' + (cx + s) + ',' + (cy + s * 0.8) + ' L' + (cx - s) + ',' + (cy + s * 0.8) + ' Z' }, parent);
    shape.setAttribute('class', cls);
    shape.setAttribute('tabindex', '0');
    shape.setAttribute('role', 'button');
    shape.setAttribute('aria-label', label(r) + ' at ' + ms(r.atMs));
    shape.setAttribute('data-key', r.key);
    shape.setAttribute('data-seq', String(r.seq));
    shape.addEventListener('mouseenter', function (e) { showTooltip(r, e.clientX, e.clientY); });
    shape.addEventListener('focus', function () { var b = shape.getBoundingClientRect(); showTooltip(r, b.right, b.bottom); });
    shape.addEventListener('mouseleave', hideTooltip);
    shape.addEventListener('blur', hideTooltip);
    shape.addEventListener('click', function () { selectMark(r); });
    shape.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); selectMark(r); } });
  }

  function render() {
    container.textContent = '';
    var height = 24;
    lanes.forEach(function (l) { l.top = height; height += l.height + 4; });
    height += 4;
    var root = svg('svg', { viewBox: '0 0 ' + W + ' ' + height, role: 'group', 'aria-label': 'Timeline from ' + ms(view[0]) + ' to ' + ms(view[1]) + ' of virtual time' }, container);
    var step = niceStep(view[1] - view[0]);
    for (var t = Math.ceil(view[0] / step) * step; t <= view[1]; t += step) {
      svg('line', { class: 'grid', x1: x(t), x2: x(t), y1: 18, y2: height }, root);
      svgText(root, x(t), 13, ms(t), { 'text-anchor': 'middle', class: 'muted axis-label' });
    }
    var byLane = new Map();
    marks.forEach(function (r) {
      if (!visible(r.atMs)) return;
      var id = laneOf(r);
      if (!byLane.has(id)) byLane.set(id, []);
      byLane.get(id).push(r);
    });
    lanes.forEach(function (l) {
      var g = svg('g', { class: 'lane', 'data-lane': l.id }, root);
      svg('rect', { class: 'lane-bg', x: 0, y: l.top, width: W, height: l.height }, g);
      svgText(g, 6, l.top + (l.height < 20 ? 13 : 14), l.title, { class: 'lane-label' });
      if (l.sub) svgText(g, 6, l.top + 27, l.sub, { class: 'muted' });
      if (l.id === 'faults') {
        // Each label goes on the first row where it starts after the one before it ends; one
        // that fits on no row is left to its mark's tooltip.
        var rowEnds = [];
        var rows = l.height >= 46 ? 2 : 1;
        var label = function (mark, at, text) {
          svg('title', {}, mark).textContent = text;
          for (var r = 0; r < rows; r++) {
            if (rowEnds[r] !== undefined && rowEnds[r] + 6 > at) continue;
            var node = svgText(g, at, l.top + 19 + r * 15, text, { class: 'fault-label' });
            rowEnds[r] = at + (typeof node.getComputedTextLength === 'function' ? node.getComputedTextLength() : text.length * 7);
            return;
          }
        };
        var startOf = function (f) { return f.atMs !== undefined ? f.atMs : f.fromMs; };
        timedFaults.slice().sort(function (a, b) { return startOf(a) - startOf(b); }).forEach(function (f) {
          var name = f.kind + (f.target ? ' ' + f.target : '');
          if (f.atMs !== undefined && visible(f.atMs)) {
            var line = svg('line', { class: 'fault-line', x1: x(f.atMs), x2: x(f.atMs), y1: l.top, y2: height }, g);
            label(line, x(f.atMs) + 4, name + ' at ' + ms(f.atMs));
          } else if (f.fromMs !== undefined) {
            var from = Math.max(f.fromMs, view[0]);
            var to = Math.min(f.toMs === undefined ? view[1] : f.toMs, view[1]);
            if (to > from) {
              var span = svg('rect', { class: 'fault-span', x: x(from), y: l.top + 2, width: x(to) - x(from), height: l.height - 4 }, g);
              label(span, x(from) + 4, name);
            }
          }
        });
      }
      if (l.app !== undefined && end.series[l.app]) {
        var s = end.series[l.app];
        var max = Math.max(1, Math.max.apply(null, s.queue.values.concat(s.idle.values)));
        var area = seriesPath(s.queue, l.top + 30, l.height - 34, max, true);
        if (area) svg('path', { class: 'area-queue series-queue', d: area }, g);
        var idleArea = seriesPath(s.idle, l.top + 30, l.height - 34, max, true);
        if (idleArea) svg('path', { class: 'area-idle series-idle', d: idleArea }, g);
        svgText(g, W - RIGHT - 2, l.top + 12, 'peak ' + max, { 'text-anchor': 'end', class: 'muted' });
      }
      if (l.worker !== undefined) {
        var w = l.worker;
        var a = Math.max(w.firstMs, view[0]);
        var z = Math.min(w.lastMs, view[1]);
        var inset = l.height < 20 ? 4 : 8;
        if (z >= a) svg('rect', { class: 'worker-bar', x: x(a), y: l.top + inset, width: Math.max(2, x(z) - x(a)), height: l.height - 2 * inset }, g);
        var ticks = [['registered', w.registeredMs], ['failed', w.failedMs], ['unregistered', w.unregisteredMs]];
        ticks.forEach(function (pair) {
          pair[1].forEach(function (tt) {
            if (visible(tt)) svg('line', { class: 'tick tick-' + pair[0], x1: x(tt), x2: x(tt), y1: l.top + 4, y2: l.top + l.height - 4 }, g).appendChild(svg('title', {})).textContent = pair[0] + ' at ' + ms(tt);
          });
        });
        if (w.lastMs < end.endMs && visible(w.lastMs)) {
          svg('line', { class: 'tick tick-exit', x1: x(w.lastMs), x2: x(w.lastMs), y1: l.top + 2, y2: l.top + l.height - 2 }, g).appendChild(svg('title', {})).textContent = 'last seen at ' + ms(w.lastMs);
        }
      }
      if (l.id === 'density') {
        var keys = Object.keys(end.errors);
        var first = end.errors[keys[0]];
        var bucket = first.bucketMs;
        var n = 0;
        keys.forEach(function (k) { n = Math.max(n, end.errors[k].values.length); });
        // Three stacks, each in its level's colour: 4031, the other Errors (and Criticals), Warnings.
        var totals4031 = [];
        var totalsError = [];
        var totalsWarning = [];
        for (var i = 0; i < n; i++) {
          var f4031 = 0;
          var error = 0;
          var warning = 0;
          keys.forEach(function (k) {
            var v = end.errors[k].values[i] || 0;
            if (k === 'etw:4031') f4031 += v;
            else if (end.errorLevels[k] === 'Warning') warning += v;
            else error += v;
          });
          totals4031.push(f4031);
          totalsError.push(error);
          totalsWarning.push(warning);
        }
        var peak = Math.max(1, Math.max.apply(null, totals4031.map(function (v, j) { return v + totalsError[j] + totalsWarning[j]; })));
        for (var j = 0; j < n; j++) {
          var t0 = j * bucket;
          var t1 = t0 + bucket;
          if (t1 < view[0] || t0 > view[1] || totals4031[j] + totalsError[j] + totalsWarning[j] === 0) continue;
          var x0 = x(Math.max(t0, view[0]));
          var bw = Math.max(3, x(Math.min(t1, view[1])) - x0);
          var stackTop = l.top + l.height - 2;
          [
            ['density-4031', totals4031[j], ' × 4031'],
            ['density-error', totalsError[j], totalsError[j] === 1 ? ' other Error record' : ' other Error records'],
            ['density-warning', totalsWarning[j], totalsWarning[j] === 1 ? ' Warning record' : ' Warning records'],
          ].forEach(function (stack) {
            if (stack[1] === 0) return;
            var hs = (stack[1] / peak) * (l.height - 6);
            stackTop -= hs;
            svg('rect', { class: stack[0], x: x0, y: stackTop, width: bw, height: hs }, g).appendChild(svg('title', {})).textContent = stack[1] + stack[2] + ' from ' + ms(t0) + ' to ' + ms(t1);
          });
        }
      }
      if (l.id === 'sessions') {
        var rows = [];
        journeys.forEach(function (jn) {
          if (jn.atMs < view[0] || jn.arrivedAtMs > view[1]) return;
          var row = 0;
          while (row < rows.length && rows[row] > jn.arrivedAtMs) row++;
          if (row >= 8) row = 7;
          rows[row] = jn.atMs;
          var bx = x(Math.max(jn.arrivedAtMs, view[0]));
          var bar = svg('rect', { class: 'session-bar outcome-' + jn.outcome + (jn.sessionId === selectedSession ? ' selected' : ''), x: bx, y: l.top + 8 + row * 7, width: Math.max(2, x(Math.min(jn.atMs, view[1])) - bx), height: 5, tabindex: 0, role: 'button', 'data-session': jn.sessionId, 'aria-label': 'session ' + jn.sessionId + ', ' + jn.outcome }, g);
          svg('title', {}, bar).textContent = 'session ' + jn.sessionId + ': ' + jn.outcome + ', ' + ms(jn.arrivedAtMs) + ' to ' + ms(jn.atMs);
          bar.addEventListener('click', function () { showJourney(jn); });
        });
      }
      (byLane.get(l.id) || []).forEach(function (r, k) {
        drawMark(g, r, x(r.atMs), l.top + l.height / 2 + ((k % 3) - 1) * 3);
      });
    });
    document.getElementById('timeline-range').textContent = ms(view[0]) + ' – ' + ms(view[1]);
  }

  function zoom(factor, center) {
    var c = center === undefined ? (view[0] + view[1]) / 2 : center;
    var span = Math.min(full[1] - full[0], Math.max(0.01, (view[1] - view[0]) * factor));
    var a = c - (c - view[0]) * (span / (view[1] - view[0]));
    a = Math.max(full[0], Math.min(a, full[1] - span));
    view = [a, a + span];
    render();
  }
  document.getElementById('zoom-in').addEventListener('click', function () { zoom(0.5); });
  document.getElementById('zoom-out').addEventListener('click', function () { zoom(2); });
  document.getElementById('zoom-reset').addEventListener('click', function () { view = [full[0], full[1]]; render(); });
  function timeAt(clientX) {
    var box = container.getBoundingClientRect();
    var px = ((clientX - box.left) / box.width) * W;
    return view[0] + ((px - LEFT) / (W - LEFT - RIGHT)) * (view[1] - view[0]);
  }
  // Ctrl+wheel (and a touchpad pinch, which sets ctrlKey) zooms; a plain wheel scrolls the page.
  container.addEventListener('wheel', function (e) {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    zoom(e.deltaY < 0 ? 0.8 : 1.25, Math.max(view[0], Math.min(view[1], timeAt(e.clientX))));
  }, { passive: false });
  var drag = null;
  container.addEventListener('pointerdown', function (e) { if (e.target.tagName === 'svg' || e.target.classList.contains('lane-bg')) drag = { x: e.clientX, view: view.slice() }; });
  window.addEventListener('pointerup', function () { drag = null; });
  window.addEventListener('pointermove', function (e) {
    if (drag === null) return;
    var box = container.getBoundingClientRect();
    var dt = ((e.clientX - drag.x) / box.width) * W / (W - LEFT - RIGHT) * (drag.view[1] - drag.view[0]);
    var span = drag.view[1] - drag.view[0];
    var a = Math.max(full[0], Math.min(drag.view[0] - dt, full[1] - span));
    view = [a, a + span];
    render();
  });

  function showTooltip(r, cx, cy) {
    tooltip.textContent = '';
    h('strong', {}, label(r), tooltip);
    h('div', {}, ms(r.atMs) + ', ' + r.level + (r.log ? ', System log' : ''), tooltip);
    h('div', {}, r.message, tooltip);
    if (r.payload) { h('div', { class: 'note' }, 'payload', tooltip); keyValues(tooltip, r.payload); }
    h('div', { class: 'note' }, 'annotations', tooltip);
    keyValues(tooltip, r.annotations);
    tooltip.hidden = false;
    tooltip.style.left = Math.min(cx + 12, window.innerWidth - 470) + 'px';
    tooltip.style.top = (cy + 12) + 'px';
  }
  function hideTooltip() { tooltip.hidden = true; }

  function selectMark(r) {
    selectedSeq = r.seq;
    details.textContent = '';
    details.hidden = false;
    h('h3', {}, label(r) + ' at ' + ms(r.atMs), details);
    h('p', {}, r.message, details);
    if (r.activityId) h('p', { class: 'note' }, 'ActivityId ' + r.activityId, details);
    if (r.payload) { h('div', { class: 'note' }, 'payload', details); keyValues(details, r.payload); }
    h('div', { class: 'note' }, 'annotations (what the simulator knows beyond ETW)', details);
    keyValues(details, r.annotations);
    var explanation = explanations[r.key];
    if (explanation) {
      h('h4', {}, 'dispatchsim explain ' + r.id, details);
      h('pre', { class: 'explain' }, explanation.text, details);
    }
    var session = r.annotations.sessionId;
    if (session !== undefined && journeyBySession.has(session)) {
      var button = h('button', { type: 'button', id: 'mark-journey' }, 'Show the journey of session ' + session, details);
      button.addEventListener('click', function () { showJourney(journeyBySession.get(session)); document.getElementById('journey-section').scrollIntoView(); });
    } else if (session !== undefined) {
      h('p', { class: 'note' }, 'Session ' + session + ' is not among the ' + journeys.length + ' sampled journeys.', details);
    }
    render();
  }

  // ---- Journey --------------------------------------------------------------------------
  var select = document.getElementById('journey-select');
  var journeyBox = document.getElementById('journey');
  var journeyMessage = document.getElementById('journey-message');
  journeys.forEach(function (jn, index) {
    var failure = jn.records.filter(function (r) { return r.key === 'etw:4031'; })[0];
    h('option', { value: String(index) }, 'session ' + jn.sessionId + ' · ' + jn.outcome + (failure ? ' · 4031 at ' + ms(failure.atMs) : '') + (jn.activityId ? ' · ' + jn.activityId : ''), select);
  });
  select.addEventListener('change', function () { showJourney(journeys[Number(select.value)]); });
  function findJourney(text) {
    var needle = text.trim().toLowerCase();
    if (needle === '') return undefined;
    return journeys.filter(function (jn) {
      return (jn.activityId !== null && jn.activityId.toLowerCase() === needle) || String(jn.sessionId) === needle;
    })[0];
  }
  document.getElementById('journey-find').addEventListener('submit', function (e) {
    e.preventDefault();
    var text = document.getElementById('activity-input').value;
    var found = findJourney(text);
    if (found) { journeyMessage.textContent = ''; showJourney(found); }
    else journeyMessage.textContent = 'No sampled session has ActivityId or session id ' + JSON.stringify(text.trim()) + ' (the report keeps ' + journeys.length + ' of ' + end.sessionsEnded + ' sessions).';
  });

  function showJourney(jn) {
    selectedSession = jn.sessionId;
    select.value = String(journeys.indexOf(jn));
    journeyBox.textContent = '';
    var facts = { session: String(jn.sessionId), client: jn.clientId + ', attempt ' + jn.attempt, ActivityId: jn.activityId || '(none)', via: jn.via, app: jn.app || '(not routed)', outcome: jn.outcome, reason: jn.reason, time: ms(jn.arrivedAtMs) + ' to ' + ms(jn.atMs) };
    keyValues(journeyBox, facts).id = 'journey-facts';
    var lifelines = meta.lifelines;
    var colW = 130;
    var rowH = 30;
    var steps = jn.records;
    var width = 20 + lifelines.length * colW;
    var height = 50 + (steps.length + 2) * rowH;
    var d = svg('svg', { id: 'journey-diagram', viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img', 'aria-label': 'Sequence diagram of session ' + jn.sessionId }, journeyBox);
    var defs = svg('defs', {}, d);
    var marker = svg('marker', { id: 'arrowhead', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    svg('path', { d: 'M0,0 L10,5 L0,10 Z' }, marker);
    function cx(lane) { return 10 + lifelines.indexOf(lane) * colW + colW / 2; }
    lifelines.forEach(function (lane) {
      svg('line', { class: 'lifeline', x1: cx(lane), x2: cx(lane), y1: 34, y2: height - 4 }, d);
      svg('rect', { class: 'head', x: cx(lane) - colW / 2 + 6, y: 4, width: colW - 12, height: 26, rx: 4 }, d);
      svgText(d, cx(lane), 21, lane, { 'text-anchor': 'middle', class: 'lifeline-label' });
    });
    var from = 'Client';
    var y = 50;
    function arrow(a, bLane, text, cls, title) {
      var x1 = cx(a);
      var x2 = cx(bLane);
      var g = svg('g', { class: 'step' }, d);
      if (x1 === x2) svg('path', { class: 'arrow ' + cls, d: 'M' + x1 + ',' + (y - 8) + ' h 24 v 12 h -22' }, g);
      else svg('line', { class: 'arrow ' + cls, x1: x1, x2: x2 + (x2 > x1 ? -2 : 2), y1: y, y2: y }, g);
      svgText(g, Math.min(x1, x2) + 6, y - 5, text, { class: 'arrow-label' });
      svg('title', {}, g).textContent = title;
      y += rowH;
    }
    arrow('Client', 'Listener', ms(jn.arrivedAtMs) + ' connects', 'client', 'The client opens a connection to ' + jn.via);
    from = 'Listener';
    steps.forEach(function (r) {
      arrow(from, r.lane, ms(r.atMs) + ' ' + label(r), 'level-' + r.level.toLowerCase() + (r.log ? ' log' : ''), r.message);
      if (!r.log) from = r.lane;
    });
    arrow(from, 'Client', ms(jn.atMs) + ' client: ' + jn.client.result + (jn.client.fault ? ' ' + jn.client.fault : ''), 'client', jn.client.message || 'ok');

    var list = h('ol', { id: 'journey-steps' }, null, journeyBox);
    steps.forEach(function (r) {
      var li = h('li', { class: 'journey-step level-' + r.level.toLowerCase(), 'data-key': r.key }, null, list);
      h('span', { class: 'when' }, ms(r.atMs) + ' ', li);
      h('span', { class: 'what' }, label(r), li);
      h('span', { class: 'lane' }, ' (' + r.lane + (r.log ? ', the Event Log entry it caused' : '') + ')', li);
      h('div', {}, r.message, li);
      var explanation = explanations[r.key];
      if (explanation) {
        h('div', { class: 'summary' }, explanation.summary, li);
        var more = h('details', {}, null, li);
        h('summary', {}, 'explain ' + r.id, more);
        h('pre', { class: 'explain' }, explanation.text, more);
      }
    });
    var seen = h('li', { class: 'journey-step journey-client' }, null, list);
    h('span', { class: 'when' }, ms(jn.atMs) + ' ', seen);
    h('span', {}, 'What the client saw: ' + jn.client.result + (jn.client.fault ? ' (' + jn.client.fault + ')' : '') + (jn.client.exception ? ', ' + jn.client.exception : ''), seen);
    if (jn.client.message) h('div', { class: 'quote' }, jn.client.message, seen);
    render();
  }

  var note = document.getElementById('timeline-note');
  var markTotal = Object.keys(end.markCounts).reduce(function (a, k) { return a + end.markCounts[k]; }, 0);
  note.textContent = 'Marks: ' + marks.length + ' of ' + markTotal + ' Error and Warning records' + (marks.length < markTotal ? ' (sampled; the Errors, Warnings lane counts them all)' : '') + '. Hover a mark for its event, click it for its explanation; zoom with the buttons or Ctrl+scroll, drag to pan.';
  render();
  var firstFailure = journeys.filter(function (jn) { return jn.outcome === 'dispatch-failed'; })[0] ||
    journeys.filter(function (jn) { return jn.records.some(function (r) { return r.level === 'Error'; }); })[0] || journeys[0];
  if (firstFailure) showJourney(firstFailure);
  else journeyMessage.textContent = 'No session ended in this run.';
  document.body.setAttribute('data-ready', 'true');
})();
`;
