// Polls the process's own /api/dashboard every second and redraws; no build step, no framework.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const colours = { outcomes: "#2f6fdf", analysed: "#2aa876", recorded: "#e0902f" };
  let chart = null, chartSeries = "";

  function text(value) { return value === null || value === undefined ? "" : String(value); }

  function cell(row, value, className) {
    const td = row.insertCell();
    td.textContent = text(value);
    if (className) td.className = className;
    return td;
  }

  function fillCounts(table, counts) {
    table.replaceChildren();
    const entries = Object.entries(counts || {}).sort((a, b) => b[1] - a[1]);
    if (entries.length === 0) { cell(table.insertRow(), "none yet", "muted"); return; }
    for (const [key, count] of entries) {
      const row = table.insertRow();
      row.dataset.key = key;
      cell(row, key);
      cell(row, count, "num");
    }
  }

  function fillRows(table, items, columns) {
    const body = table.tBodies[0];
    body.replaceChildren();
    if (items.length === 0) { cell(body.insertRow(), "none yet", "muted"); return; }
    for (const item of items) {
      const row = body.insertRow();
      for (const [value, className] of columns(item)) {
        const td = cell(row, value, className);
        if (className === "id") td.title = text(value);
      }
    }
  }

  function seconds(value) {
    if (value === undefined) return "–";
    return value < 0.001 ? (value * 1e6).toFixed(0) + " µs" : value < 1 ? (value * 1e3).toFixed(1) + " ms" : value.toFixed(2) + " s";
  }

  function drawChart(snapshot) {
    const names = Object.keys(snapshot.perSecond).sort();
    if (names.length === 0) return;
    const times = snapshot.perSecond[names[0]].map((_, i) => snapshot.seriesStart + i);
    const data = [times, ...names.map((n) => snapshot.perSecond[n])];
    if (!chart || chartSeries !== names.join()) {
      if (chart) chart.destroy();
      chartSeries = names.join();
      const width = Math.max(320, $("chart").clientWidth || 800);
      chart = new uPlot({
        width, height: 220,
        series: [{}, ...names.map((n) => ({ label: n, stroke: colours[n] || "#666", width: 2 }))],
        axes: [{}, { label: "per second" }],
      }, data, $("chart"));
    } else {
      chart.setData(data);
    }
  }

  function render(response) {
    $("role").textContent = `role ${response.role} · ${response.transport}`;
    $("off").hidden = response.metrics;
    const s = response.snapshot;
    if (!s) return;
    $("updated").textContent = "updated " + new Date(s.now).toLocaleTimeString();
    const g = s.gauges;
    const gauge = (name) => (name in g ? String(g[name]) : "–");
    $("inbox").textContent = gauge("newspipeline.inbox.files");
    $("oldest").textContent = g["newspipeline.inbox.files"] > 0 ? "oldest " + seconds(g["newspipeline.inbox.oldest_age"]) : "";
    $("processing").textContent = gauge("newspipeline.processing.files");
    $("index").textContent = gauge("newspipeline.dedup.index.size");
    $("boilerplate").textContent = gauge("newspipeline.boilerplate.lines");
    $("latency").textContent = Object.entries(s.meanSeconds).map(([k, v]) => `${k} ${seconds(v)}`).join(" · ") || "none yet";
    // A role without the watcher has no outcomes: it shows what its own step counted.
    fillCounts($("outcomes"), Object.keys(s.outcomes).length ? s.outcomes : Object.keys(s.sink).length ? s.sink : s.worker);
    fillCounts($("categories"), s.categories);
    const stories = $("stories");
    stories.replaceChildren();
    if (s.stories.length === 0) cell(stories.insertRow(), "no copies yet", "muted");
    for (const story of s.stories) {
      const row = stories.insertRow();
      cell(row, story.title);
      cell(row, story.copies + (story.copies === 1 ? " copy" : " copies"), "num");
    }
    fillRows($("articles"), s.articles, (a) => [[a.title], [a.source], [a.category], [a.status], [a.storyId.slice(0, 12), "id"]]);
    fillRows($("failures"), s.failures, (f) => [[f.fileName], [f.stage], [f.reason]]);
    drawChart(s);
  }

  // With Http:AccessToken set, open the page as /?access_token=TOKEN: the data it polls asks for the token.
  const token = new URLSearchParams(location.search).get("access_token");

  async function poll() {
    try {
      const response = await fetch("api/dashboard", { cache: "no-store", headers: token ? { Authorization: "Bearer " + token } : {} });
      if (response.ok) render(await response.json());
    } catch (e) {
      $("updated").textContent = "not reachable: " + e.message;
    }
    setTimeout(poll, 1000);
  }
  poll();
})();
