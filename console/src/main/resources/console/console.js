// The Tributary console: reads the console's JSON endpoints every 5 s and draws them. No other origin is contacted.
"use strict";

const ORDER = ["postgres", "simulator", "cdc-engine", "kafka", "schema-registry", "lakehouse-job", "s3"];
const charts = {};

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  if (!response.ok) throw new Error(path + " answered " + response.status);
  return response.json();
}

function text(value) {
  return value === null || value === undefined ? "-" : String(value);
}

function cell(row, value) {
  const td = document.createElement("td");
  td.textContent = text(value);
  row.appendChild(td);
}

function drawPipeline(status) {
  const box = document.getElementById("pipeline");
  box.replaceChildren();
  const services = [...status.services].sort((a, b) => rank(a.name) - rank(b.name));
  services.forEach((s, i) => {
    if (i > 0) {
      const arrow = document.createElement("span");
      arrow.className = "arrow";
      arrow.textContent = "\u2192";
      box.appendChild(arrow);
    }
    const div = document.createElement("div");
    const ok = s.state === "healthy" || s.state === "running";
    div.className = "service " + (ok ? "ok" : "bad");
    div.dataset.service = s.name;
    const name = document.createElement("b");
    name.textContent = s.name;
    div.appendChild(name);
    div.appendChild(document.createTextNode(s.state + (s.paused ? " (paused)" : "") + " | pid " + text(s.pid)
        + " | restarts " + s.restarts));
    if (s.failure) div.appendChild(document.createTextNode(" | " + s.failure));
    div.title = s.detail || "";
    box.appendChild(div);
  });
  const parked = document.getElementById("parked");
  parked.textContent = status.parkedTables.length === 0 ? "" : "Parked: " + status.parkedTables
      .map(p => p.table + " by " + p.stage + " (" + p.reason + "); " + p.fix).join("; ");
}

function rank(name) {
  const i = ORDER.indexOf(name);
  return i < 0 ? ORDER.length : i;
}

function drawCharts(series) {
  document.querySelectorAll(".chart").forEach(div => {
    const key = div.dataset.series;
    const values = series[key];
    const points = values.filter(v => v !== null).length;
    div.dataset.points = String(points);
    const data = [series.t, values];
    if (!charts[key]) {
      const title = document.createElement("h3");
      title.textContent = div.dataset.title;
      div.appendChild(title);
      charts[key] = new uPlot({
        width: 420, height: 160,
        series: [{}, { label: key, stroke: "#2a6fb0", width: 2, spanGaps: false }],
        axes: [{}, { size: 50 }],
        legend: { show: false },
      }, data, div);
    } else {
      charts[key].setData(data);
    }
  });
}

function drawTables(tables) {
  const body = document.querySelector("#tables tbody");
  body.replaceChildren();
  tables.forEach(t => {
    const row = document.createElement("tr");
    row.dataset.table = t.table;
    [t.table, t.postgres, t.captured, t.bronze, t.merged, t.silverAtReconcile].forEach(v => cell(row, v));
    body.appendChild(row);
  });
}

function drawReconcile(result) {
  const box = document.getElementById("reconcile");
  const r = result.report;
  if (!r) {
    box.textContent = "no reconcile yet on this data dir";
    return;
  }
  box.replaceChildren();
  const verdict = document.createElement("p");
  verdict.className = r.equal ? "equal" : "differs";
  verdict.textContent = (r.equal ? "the lake equals PostgreSQL" : "the lake does not equal PostgreSQL")
      + " at LSN " + text(r.snapshotLsn) + " (" + text(r.outcome) + ")";
  box.appendChild(verdict);
  const table = document.createElement("table");
  const head = document.createElement("tr");
  ["table", "postgres", "silver", "missing", "extra", "differing", "result"].forEach(h => {
    const th = document.createElement("th");
    th.textContent = h;
    head.appendChild(th);
  });
  table.appendChild(head);
  (r.tables || []).forEach(t => {
    const row = document.createElement("tr");
    [t.table, t.postgresRows, t.silverRows, t.missing, t.extra, t.differing, t.equal ? "equal" : "differs"]
        .forEach(v => cell(row, v));
    table.appendChild(row);
  });
  box.appendChild(table);
}

function drawRegistry(registry) {
  const box = document.getElementById("registry");
  if (!registry.reachable) {
    box.textContent = "the schema registry does not answer";
    return;
  }
  box.replaceChildren();
  const p = document.createElement("p");
  p.textContent = "global compatibility " + text(registry.compatibility) + ", " + registry.subjects.length + " subjects";
  box.appendChild(p);
  const table = document.createElement("table");
  registry.subjects.forEach(s => {
    const row = document.createElement("tr");
    [s.subject, "versions " + s.versions.join(", "), s.compatibility].forEach(v => cell(row, v));
    table.appendChild(row);
  });
  box.appendChild(table);
}

function drawQuarantineAndChaos(quarantine, chaos) {
  const box = document.getElementById("quarantine");
  box.textContent = "Quarantined records since the lakehouse job started: " + text(quarantine.quarantined) + ". "
      + quarantine.where + ". The records with their reasons: ";
  const page = document.createElement("a");
  page.id = "quarantine-page";
  page.href = quarantine.page;
  page.textContent = "the quarantine table's preview";
  box.appendChild(page);
  document.getElementById("chaos").textContent = chaos.summary ? "Last chaos run: " + chaos.summary : "No chaos run yet.";
}

async function refresh() {
  try {
    const [status, series, tables, reconcile, registry, quarantine, chaos] = await Promise.all(
        ["/api/status", "/api/series", "/api/tables", "/api/reconcile", "/api/registry", "/api/quarantine", "/api/chaos"]
            .map(getJson));
    drawPipeline(status);
    drawCharts(series);
    drawTables(tables);
    drawReconcile(reconcile);
    drawRegistry(registry);
    drawQuarantineAndChaos(quarantine, chaos);
    document.getElementById("updated").textContent = "updated " + new Date().toLocaleTimeString();
    document.body.dataset.loaded = "true";
  } catch (e) {
    document.getElementById("updated").textContent = "not updated: " + e.message;
  }
}

document.getElementById("reconcile-action").addEventListener("submit", async event => {
  event.preventDefault();
  const token = document.getElementById("token").value;
  const headers = token ? { Authorization: "Bearer " + token } : {};
  const response = await fetch("/api/actions/reconcile", { method: "POST", headers });
  const body = await response.json();
  const result = document.getElementById("action-result");
  result.dataset.status = String(response.status);
  result.textContent = response.ok ? body.message : "refused (" + response.status + "): " + body.error;
});

showSparkUiLink();
refresh();
setInterval(refresh, 5000);
