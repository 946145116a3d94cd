// The console's browsing pages: the lake (/lake), Kafka's topics (/topics, /topics/<topic>) and the registry's subjects
// (/schemas, /schemas/<subject>), drawn from the console's JSON endpoints. No other origin is contacted.
"use strict";

const content = document.getElementById("content");
const params = new URLSearchParams(location.search);

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json().catch(() => ({ error: "not JSON" }));
  if (!response.ok) throw new Error(body.error || path + " answered " + response.status);
  return body;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined) return;
    if (k === "class") e.className = v; else if (k.startsWith("data-")) e.setAttribute(k, v); else e[k] = v;
  });
  children.flat().forEach(c => e.appendChild(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? "-" : String(c))));
  return e;
}

function table(id, headers, rows) {
  return el("table", { id }, el("thead", {}, el("tr", {}, headers.map(h => el("th", { class: h.text ? "text" : null }, h.name || h)))),
      el("tbody", {}, rows));
}

function td(value, cls) {
  return el("td", { class: cls }, value);
}

function link(href, text) {
  return el("a", { href }, text);
}

function bytes(n) {
  if (n === null || n === undefined) return "-";
  return n < 1024 ? n + " B" : n < 1048576 ? (n / 1024).toFixed(1) + " KiB" : (n / 1048576).toFixed(1) + " MiB";
}

function heading(text) {
  content.appendChild(el("h2", {}, text));
}

// ---- lake -------------------------------------------------------------------------------------------------------

async function lake() {
  const path = params.get("path") || "";
  const token = params.get("token");
  const page = await getJson("/api/lake?path=" + encodeURIComponent(path) + (token ? "&token=" + encodeURIComponent(token) : ""));
  heading("Lake: s3://" + page.bucket + "/" + page.path);
  const crumbs = el("p", { id: "lake-path" }, link("/lake", page.bucket));
  let acc = "";
  page.path.split("/").filter(p => p).forEach(part => {
    acc += part + "/";
    crumbs.appendChild(document.createTextNode(" / "));
    crumbs.appendChild(link("/lake?path=" + encodeURIComponent(acc), part));
  });
  content.appendChild(crumbs);
  const rows = page.prefixes.map(p => el("tr", { "data-prefix": p },
      td(link("/lake?path=" + encodeURIComponent(p), p.substring(page.path.length)), "text"), td("folder"), td("-"), td("-")));
  page.objects.forEach(o => rows.push(el("tr", { "data-key": o.key },
      td(o.name, "text"), td(bytes(o.size)), td(o.lastModified), td(link("/api/lake/object?key=" + encodeURIComponent(o.key), "download")))));
  content.appendChild(table("lake-entries", [{ name: "name", text: true }, "size", "last modified", ""], rows));
  const more = el("p", {});
  if (token) more.appendChild(link("/lake?path=" + encodeURIComponent(page.path), "first page"));
  if (page.nextToken) {
    more.appendChild(document.createTextNode(" "));
    more.appendChild(el("a", { id: "next-page", href: "/lake?path=" + encodeURIComponent(page.path) + "&token=" + encodeURIComponent(page.nextToken) }, "next page"));
  }
  content.appendChild(more);
  if (page.deltaTable) await deltaTable(page.path);
}

async function deltaTable(path) {
  const version = params.get("version");
  const t = await getJson("/api/lake/table?path=" + encodeURIComponent(path) + (version ? "&version=" + version : ""));
  heading("Delta table " + t.table + " at version " + t.version + (t.version === t.latestVersion ? " (latest)" : " of " + t.latestVersion));
  content.appendChild(el("p", { class: "note" }, t.versionCount + " versions in the log"
      + (t.versionsShown < t.versionCount ? ", the newest " + t.versionsShown + " shown" : "")
      + (t.checkpoints.length ? "; checkpoints at " + t.checkpoints.join(", ") : "; no checkpoint yet")));
  content.appendChild(el("h3", {}, "Versions"));
  content.appendChild(table("delta-versions", ["version", { name: "timestamp", text: true }, { name: "operation", text: true },
      "files +", "files -", { name: "metrics", text: true }], t.versions.map(v => el("tr", { "data-version": v.version },
      td(link("/lake?path=" + encodeURIComponent(path) + "&version=" + v.version, v.version)), td(v.timestamp, "text"),
      td(v.operation, "text"), td(v.filesAdded), td(v.filesRemoved),
      td(Object.entries(v.operationMetrics).map(([k, m]) => k + "=" + m).join(" "), "text")))));
  if (t.stateNote) {
    content.appendChild(el("p", { id: "delta-state-note" }, t.stateNote));
  } else {
    content.appendChild(el("h3", {}, "Schema"));
    content.appendChild(table("delta-schema", [{ name: "column", text: true }, { name: "type", text: true }, "nullable"],
        t.schema.map(f => el("tr", { "data-column": f.name }, td(f.name, "text"), td(f.type, "text"), td(f.nullable)))));
  }
  content.appendChild(el("h3", {}, "Preview"));
  content.appendChild(await preview(t.preview.rows));
  content.appendChild(el("p", { id: "delta-preview", class: "note" }, "More rows, or any query, at this version: ",
      el("code", {}, t.preview.sql)));
  if (!t.stateNote) {
    content.appendChild(el("h3", {}, "Live files: " + t.fileCount + ", " + bytes(t.totalBytes)));
    content.appendChild(table("delta-files", [{ name: "path", text: true }, "size", { name: "written", text: true }, "deletion vector"],
        t.files.slice(0, 200).map(f => el("tr", {}, td(link("/api/lake/object?key=" + encodeURIComponent(path + decodeURIComponent(f.path)), f.path), "text"),
            td(bytes(f.size)), td(f.modificationTime, "text"), td(f.deletionVector ? "yes" : "")))));
  }
}

// Up to 100 rows of the table at the version shown (`url`: /api/lake/preview?path=&version=), read by the lakehouse job
// (the console has no Parquet reader): one cell per column of the header (a null has no field in a row's JSON); when
// the job does not run, what to start instead.
async function preview(url) {
  const box = el("div", { id: "preview" });
  try {
    const p = await getJson(url);
    box.appendChild(el("p", { class: "note", id: "preview-note" }, p.rows.length + " rows of version " + p.version
        + " (read by the lakehouse job)" + (p.note ? "; " + p.note : "")));
    box.appendChild(table("preview-rows", p.columns.map(c => ({ name: c, text: true })),
        p.rows.map(r => el("tr", {}, p.columns.map(c => {
          const v = r[c] === undefined || r[c] === null ? null : typeof r[c] === "object" ? JSON.stringify(r[c]) : r[c];
          const cell = td(v, "text preview-cell");
          cell.title = v === null ? "null" : String(v);
          return cell;
        })))));
  } catch (e) {
    box.appendChild(el("p", { class: "note", id: "preview-unavailable" }, "No preview: " + e.message));
  }
  return box;
}

// ---- topics -----------------------------------------------------------------------------------------------------

async function topics() {
  const list = await getJson("/api/topics");
  heading("Topics");
  const rows = [];
  list.forEach(t => t.partitions.forEach(p => rows.push(el("tr", { "data-topic": t.topic, "data-partition": p.partition },
      td(link("/topics/" + encodeURIComponent(t.topic) + "?partition=" + p.partition, t.topic), "text"), td(p.partition), td(p.begin), td(p.end),
      td(p.consumers.map(c => c.query + ": " + c.consumed + " (lag " + c.lag + ")").join("; ") || "-", "text")))));
  content.appendChild(table("topics", [{ name: "topic", text: true }, "partition", "begin", "end",
      { name: "read by the lake (next offset, lag)", text: true }], rows));
  content.appendChild(el("p", { class: "note" }, "The lake's offsets are those of each streaming query's newest committed"
      + " batch (its checkpoint on the lake)."));
}

async function topic(name) {
  const partition = params.get("partition") || "0";
  const from = params.get("from");
  const last = params.get("last") || "20";
  const query = "?partition=" + partition + (from ? "&from=" + from : "&last=" + last);
  const page = await getJson("/api/topics/" + encodeURIComponent(name) + query);
  heading("Topic " + page.topic + ", partition " + page.partition + (from ? ", from offset " + from : ", the last " + last));
  const rows = page.messages.map(m => el("tr", { class: m.poison ? "poison" : null, "data-offset": m.offset,
      "data-lsn": m.lsn, "data-poison": m.poison ? "true" : "false" },
      td(m.offset), td(m.timestamp >= 0 ? new Date(m.timestamp).toISOString() : "-", "text"), td(m.poison ? "poison" : m.op), td(m.key, "text"),
      td(m.lsn, "text"), td(m.schemaId), td(m.schemaVersion),
      td(m.poison ? m.poison + " | bytes " + m.rawHex : m.before, "text"), td(m.poison ? "" : m.after, "text")));
  content.appendChild(table("messages", ["offset", { name: "time", text: true }, "op", { name: "key", text: true },
      { name: "LSN", text: true }, "schema id", "version", { name: "before", text: true }, { name: "after", text: true }], rows));
  const first = page.messages.length ? page.messages[0].offset : null;
  const nav = el("p", {});
  if (first !== null) nav.appendChild(link("?partition=" + partition + "&from=" + Math.max(0, first - Number(last)), "older"));
  nav.appendChild(document.createTextNode(" "));
  nav.appendChild(link("?partition=" + partition + "&last=" + last, "newest"));
  content.appendChild(nav);
}

// ---- schemas ----------------------------------------------------------------------------------------------------

async function schemas() {
  const registry = await getJson("/api/registry");
  heading("Schemas (global compatibility " + registry.compatibility + ")");
  content.appendChild(table("subjects", [{ name: "subject", text: true }, "versions", "compatibility"],
      registry.subjects.map(s => el("tr", { "data-subject": s.subject },
          td(link("/schemas/" + encodeURIComponent(s.subject), s.subject), "text"), td(s.versions.join(", ")), td(s.compatibility)))));
}

async function schema(name) {
  const from = params.get("from");
  const to = params.get("to");
  const s = await getJson("/api/schemas/" + encodeURIComponent(name) + "?" + (from ? "from=" + from + "&" : "") + (to ? "to=" + to : ""));
  heading("Subject " + s.subject + " (compatibility " + s.compatibility + ")");
  content.appendChild(table("schema-versions", ["version", "schema id", ""], s.versions.map(v => el("tr", { "data-version": v.version },
      td(v.version), td(v.id), td(v.version === s.to ? "shown" : link("?from=" + s.to + "&to=" + v.version, "compare with " + s.to))))));
  content.appendChild(el("h3", { id: "schema-diff-title" }, s.from ? "Version " + s.from + " -> version " + s.to : "Version " + s.to));
  content.appendChild(table("schema-diff", [{ name: "field", text: true }, { name: "version " + s.from, text: true },
      { name: "version " + s.to, text: true }, "change"], s.fields.map(f => el("tr", { class: f.change, "data-change": f.change, "data-field": f.path },
      td(f.path, "text"), td(f.from, "text"), td(f.to, "text"), td(f.change)))));
}

// ---- page -------------------------------------------------------------------------------------------------------

async function show() {
  await showSparkUiLink();
  const parts = location.pathname.split("/").filter(p => p).map(decodeURIComponent);
  try {
    if (parts[0] === "lake") await lake();
    else if (parts[0] === "topics" && parts.length > 1) await topic(parts[1]);
    else if (parts[0] === "topics") await topics();
    else if (parts[0] === "schemas" && parts.length > 1) await schema(parts[1]);
    else await schemas();
    document.getElementById("updated").textContent = "read " + new Date().toLocaleTimeString();
  } catch (e) {
    content.appendChild(el("p", { class: "error", id: "error" }, e.message));
    document.getElementById("updated").textContent = "not read";
  }
  document.body.dataset.loaded = "true";
}

show();
