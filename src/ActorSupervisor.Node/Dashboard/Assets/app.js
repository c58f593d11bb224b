// The node's dashboard: plain JavaScript over the management API (docs/api.md), no build step.
// The token lives in sessionStorage (this tab only); every request sends it as Authorization: Bearer, the
// event and log streams included (fetch streaming, since EventSource cannot send headers).
"use strict";

const TOKEN_KEY = "asv.token";
const API = "/api/v1";
const LOG_LINES_KEPT = 500;
const HISTORY_LIMIT = 2000;
const RECONNECT_DELAY_MS = 1000;

const view = document.getElementById("view");
const banner = document.getElementById("banner");
const signOut = document.getElementById("sign-out");
let page = null; // the current page's cleanup: { stop() }

// ---- API access -------------------------------------------------------------------------------------------

class Unauthorized extends Error {}

function token() { return sessionStorage.getItem(TOKEN_KEY); }

async function api(path, options = {}) {
  const response = await fetch(path, {
    ...options,
    headers: { ...(options.headers || {}), Authorization: "Bearer " + token() },
  });
  if (response.status === 401) {
    sessionStorage.removeItem(TOKEN_KEY);
    throw new Unauthorized("the node refused the token");
  }
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { const error = await response.json(); message = error.message || message; } catch { /* not an ApiError body */ }
    throw new Error(message);
  }
  return response.status === 204 ? null : response.json();
}

// Reads a text/event-stream response with fetch and calls onEvent({ id, event, data }) per event, reconnecting
// with Last-Event-ID after a drop until signal aborts. A 401 ends it and shows the login form.
async function stream(url, onEvent, signal) {
  let lastId = null;
  while (!signal.aborted) {
    try {
      const headers = { Authorization: "Bearer " + token(), Accept: "text/event-stream" };
      if (lastId !== null) headers["Last-Event-ID"] = lastId;
      const response = await fetch(url, { headers, signal });
      if (response.status === 401) { sessionStorage.removeItem(TOKEN_KEY); route(); return; }
      if (!response.ok) throw new Error("stream answered " + response.status);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const item = { id: null, event: "message", data: "" };
          for (const line of block.split("\n")) {
            if (line.startsWith(":")) continue; // keepalive comment
            const colon = line.indexOf(":");
            const field = colon < 0 ? line : line.slice(0, colon);
            const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
            if (field === "id") item.id = text;
            else if (field === "event") item.event = text;
            else if (field === "data") item.data += (item.data ? "\n" : "") + text;
          }
          if (item.data) {
            if (item.id !== null) lastId = item.id;
            onEvent(item);
          }
        }
      }
    } catch (e) {
      if (signal.aborted) return;
    }
    await sleep(RECONNECT_DELAY_MS);
  }
}

function sleep(ms) { return new Promise(resolve => setTimeout(resolve, ms)); }

// ---- small helpers ----------------------------------------------------------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function showError(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

function duration(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return s + "s";
  if (s < 3600) return Math.floor(s / 60) + "m" + String(s % 60).padStart(2, "0") + "s";
  if (s < 86400) return Math.floor(s / 3600) + "h" + String(Math.floor(s % 3600 / 60)).padStart(2, "0") + "m";
  return Math.floor(s / 86400) + "d" + Math.floor(s % 86400 / 3600) + "h";
}

function clock(time) { return new Date(time).toLocaleTimeString([], { hour12: false }); }

function uptime(c) {
  return c.state === "running" && c.startedAt ? duration(Date.now() - Date.parse(c.startedAt)) : "";
}

function badge(kind, text) { return text ? el("span", { class: kind + " " + text }, text) : el("span", { class: "muted" }, "—"); }

// Sets a cell's content only when its value changed, so an unchanged cell keeps its nodes.
function setCell(cell, value, make = () => value ?? "") {
  const key = String(value ?? "");
  if (cell.dataset.value === key) return;
  cell.dataset.value = key;
  cell.replaceChildren(make());
}

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

const confirmDialog = document.getElementById("confirm");

// Resolves true when the operator confirms; destructive actions go through it.
function confirmAction(text) {
  document.getElementById("confirm-text").textContent = text;
  confirmDialog.returnValue = "";
  confirmDialog.showModal();
  return new Promise(resolve => confirmDialog.addEventListener("close", () => resolve(confirmDialog.returnValue === "ok"), { once: true }));
}

const ACTIONS = {
  start: { destructive: false },
  stop: { destructive: true, question: name => `Stop ${name}? Its restart policy will not restart it.` },
  restart: { destructive: true, question: name => `Restart ${name}? The workload is stopped and started again.` },
  remove: { destructive: true, question: name => `Remove ${name}? A running workload is killed, and its history is deleted.` },
};

async function act(verb, container, after) {
  const action = ACTIONS[verb];
  if (action.destructive && !(await confirmAction(action.question(container.name)))) return;
  try {
    const path = API + "/containers/" + encodeURIComponent(container.id);
    if (verb === "remove") await api(path + "?force=true", { method: "DELETE" });
    else await api(path + "/" + verb, { method: "POST" });
    showError("");
    after(verb);
  } catch (e) {
    handle(e);
  }
}

function actionButtons(container, after) {
  return el("div", { class: "actions" },
    Object.keys(ACTIONS).map(verb => el("button", {
      type: "button", "data-action": verb, class: ACTIONS[verb].destructive ? "danger" : null,
      disabled: verb === "start" && container.state === "running",
      onclick: () => act(verb, container, after),
    }, verb)));
}

function handle(e) {
  if (e instanceof Unauthorized) route();
  else showError(e.message);
}

// ---- login ------------------------------------------------------------------------------------------------

function loginPage() {
  const input = el("input", { type: "password", id: "token", autocomplete: "current-password", required: true });
  const error = el("p", { id: "login-error", class: "muted" });
  const form = el("form", { id: "login" },
    el("h1", {}, "Sign in"),
    el("label", { for: "token" }, "API token"),
    input,
    el("p", { class: "muted" }, "The node's token: actor-supervisor.node.api.token, or the file <data-dir>/api.token. It is kept in this tab only."),
    error,
    el("button", { type: "submit" }, "Sign in"));
  form.addEventListener("submit", async event => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    try {
      await api(API + "/node");
      route();
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      error.textContent = e instanceof Unauthorized ? "The node does not accept this token." : e.message;
    }
  });
  view.replaceChildren(form);
  input.focus();
  return { stop() {} };
}

// ---- containers list --------------------------------------------------------------------------------------

function listPage() {
  const controller = new AbortController();
  let containers = [];
  let showAll = true;
  const body = el("tbody");
  const cluster = el("div", { id: "cluster" });
  const toggle = el("input", { type: "checkbox", id: "show-all", checked: true, onchange: () => { showAll = toggle.checked; refresh(); } });
  view.replaceChildren(
    el("section", {},
      el("h1", {}, "Containers"),
      el("label", { class: "muted" }, toggle, " show stopped ones too"),
      el("table", { id: "containers" },
        el("thead", {}, el("tr", {}, ["Name", "State", "Health", "Restarts", "Uptime", "Exit", "Node", "Runtime", ""].map(h => el("th", {}, h)))),
        body)),
    cluster);

  // Rows are kept per container id and changed in place: rebuilding them on every refresh (each event causes
  // one) replaced the link or button under the pointer, and a click that raced a refresh was lost.
  const rows = new Map();
  const empty = el("tr", {}, el("td", { colspan: 9, class: "muted" }, "No containers."));

  function row(c) {
    let r = rows.get(c.id);
    if (!r) {
      r = {
        state: el("td"), health: el("td"), restarts: el("td", { class: "num restarts" }), uptime: el("td", { class: "num uptime" }),
        exit: el("td", { class: "num" }), node: el("td"), runtime: el("td"), actions: actionButtons(c, refresh),
      };
      r.tr = el("tr", { "data-name": c.name },
        el("td", {}, el("a", { href: "#/containers/" + encodeURIComponent(c.name) }, c.name)),
        r.state, r.health, r.restarts, r.uptime, r.exit, r.node, r.runtime, el("td", {}, r.actions));
      rows.set(c.id, r);
    }
    setCell(r.state, c.state, () => badge("state", c.state));
    setCell(r.health, c.health, () => badge("health", c.health));
    setCell(r.restarts, c.restartCount);
    setCell(r.uptime, uptime(c));
    setCell(r.exit, c.state === "running" || c.exitCode === undefined ? "" : c.exitCode);
    setCell(r.node, c.node);
    setCell(r.runtime, c.runtime);
    r.actions.querySelector("[data-action=start]").disabled = c.state === "running";
    return r.tr;
  }

  function render() {
    const shown = containers.length === 0 ? [empty] : containers.map(row);
    const ids = new Set(containers.map(c => c.id));
    for (const id of [...rows.keys()]) if (!ids.has(id)) rows.delete(id);
    // Moves only what is out of place, so a row that stays where it was is never detached.
    shown.forEach((tr, i) => { if (body.children[i] !== tr) body.insertBefore(tr, body.children[i] || null); });
    while (body.children.length > shown.length) body.lastChild.remove();
  }

  async function refresh() {
    try {
      containers = await api(API + "/containers" + (showAll ? "?all=true" : ""));
      render();
      showNode();
    } catch (e) { handle(e); }
  }

  async function refreshCluster() {
    try {
      const members = await api(API + "/cluster/members");
      if (members.members.length < 2) { cluster.replaceChildren(); return; }
      const shards = await api(API + "/cluster/shards").catch(() => null);
      cluster.replaceChildren(clusterSection(members, shards));
    } catch (e) { handle(e); }
  }

  const later = debounce(refresh, 200);
  refresh();
  refreshCluster();
  stream(API + "/events", () => later(), controller.signal);
  const ticker = setInterval(() => {
    for (const c of containers) { const r = rows.get(c.id); if (r) setCell(r.uptime, uptime(c)); }
  }, 1000);
  const clusterTicker = setInterval(refreshCluster, 5000);
  return { stop() { controller.abort(); clearInterval(ticker); clearInterval(clusterTicker); } };
}

function clusterSection(view, shards) {
  return el("section", {},
    el("h2", {}, `Cluster: ${view.members.length} members, leader ${view.leader || "none"}`),
    el("table", { id: "members" },
      el("thead", {}, el("tr", {}, ["Node", "Status", "Reachable", "API", "Shards", "Containers", "Roles"].map(h => el("th", {}, h)))),
      el("tbody", {}, view.members.map(m => el("tr", {},
        el("td", {}, m.nodeId + (m.nodeId === view.self ? " (this node)" : "") + (m.leader ? " ★" : "")),
        el("td", {}, m.status),
        el("td", {}, m.unreachable ? "unreachable" : "yes"),
        el("td", {}, el("a", { href: m.address + "/" }, m.address)), // that member's own dashboard
        el("td", { class: "num" }, m.shards),
        el("td", { class: "num containers" }, m.containers),
        el("td", {}, (m.roles || []).join(", ")))))),
    shards ? el("p", { id: "shards", class: "muted" }, `${shards.shards.length} of ${shards.shardCount} shards allocated: `,
      shards.shards.map(s => `${s.shardId}→${s.owner || "?"}${s.status === "active" ? "" : " (" + s.status + ")"}`).join(", ")) : null);
}

// ---- one container ----------------------------------------------------------------------------------------

function containerPage(name) {
  const controller = new AbortController();
  let info = null;
  let history = [];
  let windowMs = 0; // 0 = the whole history
  const summary = el("div");
  const plot = el("div", { id: "timeline" });
  const events = el("tbody");
  const health = el("div", { id: "health-log" });
  const logs = el("pre", { class: "logs", id: "logs" });
  const zoom = el("select", { id: "zoom", onchange: () => { windowMs = Number(zoom.value); drawTimeline(); } },
    [["all", 0], ["last hour", 3600e3], ["last 10 minutes", 600e3], ["last minute", 60e3]].map(([t, v]) => el("option", { value: v }, t)));

  view.replaceChildren(
    el("p", {}, el("a", { href: "#/" }, "← containers")),
    el("section", {}, summary),
    el("section", {}, el("h2", {}, "Timeline ", zoom), plot, legend()),
    el("section", {}, el("h2", {}, "Logs (following)"), logs),
    el("section", {}, el("h2", {}, "Health log"), health),
    el("section", {}, el("h2", {}, "Events"),
      el("table", { id: "events" }, el("thead", {}, el("tr", {}, ["Time", "Event", "Why"].map(h => el("th", {}, h)))), events)));

  function drawSummary() {
    if (!info) return;
    const spec = info.spec || {};
    summary.replaceChildren(
      el("h1", {}, info.name, " ", badge("state", info.state), " ", info.health ? badge("health", info.health.status) : ""),
      el("dl", {},
        el("dt", {}, "Id"), el("dd", {}, info.id.slice(0, 12)),
        el("dt", {}, "Command"), el("dd", {}, spec.image || spec.cmd || (spec.command || []).join(" ")),
        el("dt", {}, "Restart policy"), el("dd", {}, spec.restart || "no"),
        el("dt", {}, "Restarts"), el("dd", { id: "restart-count" }, info.restartCount),
        el("dt", {}, "Uptime"), el("dd", { id: "uptime" }, uptime(info) || "—"),
        el("dt", {}, "Last exit"), el("dd", {}, info.exitCode === undefined ? "—" : info.exitCode + (info.oomKilled ? " (OOM killed)" : "")),
        el("dt", {}, "Next restart"), el("dd", {}, info.nextRestartAt ? clock(info.nextRestartAt) : "—"),
        el("dt", {}, "Node"), el("dd", {}, info.node),
        info.error ? [el("dt", {}, "Error"), el("dd", {}, info.error)] : null),
      actionButtons(info, verb => verb === "remove" ? (location.hash = "#/") : refresh()));
    health.replaceChildren(info.health && info.health.log.length
      ? el("table", {}, el("thead", {}, el("tr", {}, ["Start", "Took", "Exit", "Output"].map(h => el("th", {}, h)))),
          el("tbody", {}, info.health.log.map(r => el("tr", {},
            el("td", {}, clock(r.start)), el("td", { class: "num" }, (Date.parse(r.end) - Date.parse(r.start)) + "ms"),
            el("td", { class: "num" }, r.exitCode), el("td", {}, el("code", {}, r.output))))))
      : el("p", { class: "muted" }, info.health ? "No probe has run yet." : "No health check."));
  }

  function drawEvents() {
    events.replaceChildren(...history.slice(-200).reverse().map(e => el("tr", {},
      el("td", { class: "num" }, clock(e.time)), el("td", {}, e.type), el("td", {}, e.why))));
  }

  function drawTimeline() { plot.replaceChildren(timeline(history, info, windowMs)); }

  async function refresh() {
    try {
      info = await api(API + "/containers/" + encodeURIComponent(name));
      drawSummary();
      drawTimeline();
    } catch (e) { handle(e); }
  }

  async function load() {
    try {
      info = await api(API + "/containers/" + encodeURIComponent(name));
      history = await api(API + "/containers/" + encodeURIComponent(info.id) + "/history?limit=" + HISTORY_LIMIT);
    } catch (e) { handle(e); return; }
    drawSummary(); drawTimeline(); drawEvents();
    const after = history.length ? history[history.length - 1].offset : 0;
    const later = debounce(refresh, 150);
    stream(`${API}/events?since=${after}&filter=container=${encodeURIComponent(info.id)}`, item => {
      const event = JSON.parse(item.data);
      if (history.length && event.seq <= history[history.length - 1].seq) return;
      history.push(event);
      if (history.length > HISTORY_LIMIT) history.shift();
      drawTimeline(); drawEvents(); later();
    }, controller.signal);
    stream(`${API}/containers/${encodeURIComponent(info.id)}/logs?follow=true&tail=200`, item => {
      const line = JSON.parse(item.data);
      const stick = logs.scrollTop + logs.clientHeight >= logs.scrollHeight - 4;
      logs.append(el("span", { class: line.stream }, clock(line.time) + " " + line.text + "\n"));
      while (logs.childNodes.length > LOG_LINES_KEPT) logs.firstChild.remove();
      if (stick) logs.scrollTop = logs.scrollHeight;
    }, controller.signal);
  }

  load();
  const ticker = setInterval(() => {
    if (!info || info.state !== "running") return;
    const node = document.getElementById("uptime");
    if (node) node.textContent = uptime(info);
    drawTimeline(); // the current run's bar grows with the clock
  }, 1000);
  return { stop() { controller.abort(); clearInterval(ticker); } };
}

function legend() {
  const item = (cls, text) => el("span", {}, el("i", { class: "swatch-" + cls }), text); // classes: the CSP allows no inline style
  return el("p", { class: "legend muted" }, item("ok", "running / healthy"), item("warn", "restart delay (to scale)"),
    item("bad", "exit (code) / unhealthy"), item("oom", "OOM kill"));
}

// The history drawn to scale: one lane for runs (start→exit bars, restart delays between an exit and the policy's
// start, exits with their codes, OOM kills, stops) and one for health. Each mark's title tells the event's why.
function timeline(history, info, windowMs) {
  const W = 1000, LEFT = 60, RIGHT = 10, RUN_Y = 20, LANE_H = 34, HEALTH_Y = 70, AXIS_Y = 112;
  const now = Date.now();
  const times = history.map(e => Date.parse(e.time));
  let t1 = Math.max(now, ...(info && info.nextRestartAt ? [Date.parse(info.nextRestartAt)] : []));
  let t0 = times.length ? times[0] : now - 60e3;
  if (windowMs > 0) t0 = Math.max(t0, t1 - windowMs);
  if (t1 - t0 < 1000) t0 = t1 - 1000;
  const x = t => LEFT + (Math.min(Math.max(t, t0), t1) - t0) / (t1 - t0) * (W - LEFT - RIGHT);
  const root = svg("svg", { class: "timeline", viewBox: `0 0 ${W} 125`, role: "img", "aria-label": "container timeline" });
  root.append(svg("rect", { class: "lane", x: LEFT, y: RUN_Y, width: W - LEFT - RIGHT, height: LANE_H }),
    svg("rect", { class: "lane", x: LEFT, y: HEALTH_Y, width: W - LEFT - RIGHT, height: 16 }),
    svg("text", { x: 4, y: RUN_Y + 20 }, "runs"), svg("text", { x: 4, y: HEALTH_Y + 12 }, "health"));
  for (let i = 0; i <= 5; i++) {
    const t = t0 + (t1 - t0) * i / 5, px = x(t);
    root.append(svg("line", { class: "tick", x1: px, x2: px, y1: RUN_Y - 4, y2: AXIS_Y - 8 }),
      svg("text", { x: px, y: AXIS_Y + 4, "text-anchor": i === 0 ? "start" : i === 5 ? "end" : "middle" }, clock(t)));
  }
  const mark = (cls, t, y, h, w, e) => {
    const r = svg("rect", { class: cls, x: x(t) - w / 2, y, width: w, height: h, "data-kind": e.type, "data-seq": e.seq });
    r.append(svg("title", {}, `${clock(e.time)} ${e.type}: ${e.why}`));
    root.append(r);
    return r;
  };
  let runStart = null, exitAt = null, healthStart = null, healthStatus = null;
  const closeHealth = t => {
    if (healthStatus && healthStart !== null && t > t0)
      root.append(svg("rect", { class: "h-" + healthStatus, x: x(healthStart), y: HEALTH_Y + 2, width: Math.max(1, x(t) - x(healthStart)), height: 12 }));
  };
  for (let i = 0; i < history.length; i++) {
    const e = history[i], t = times[i], a = e.attributes || {};
    switch (e.type) {
      case "start":
        if (exitAt !== null && a.trigger === "policy") {
          const d = svg("rect", { class: "delay", x: x(exitAt), y: RUN_Y + 22, width: Math.max(1, x(t) - x(exitAt)), height: 10, "data-kind": "delay" });
          d.append(svg("title", {}, `restart delay ${a.delay || ""} (backoff ${a.backoff || "?"}), attempt ${a.attempt || "?"}`));
          root.append(d);
        }
        runStart = t; exitAt = null;
        healthStart = null; healthStatus = null;
        mark("start", t, RUN_Y, LANE_H, 2, e);
        break;
      case "die":
        if (runStart !== null) root.append(svg("rect", { class: "run", x: x(runStart), y: RUN_Y + 4, width: Math.max(1, x(t) - x(runStart)), height: 14 }));
        runStart = null; exitAt = t;
        closeHealth(t); healthStatus = null;
        mark("die", t, RUN_Y, 18, 3, e);
        if (windowMs === 0 || t >= t0) root.append(svg("text", { class: "code", x: x(t) + 2, y: RUN_Y - 2 }, a.exitCode ?? ""));
        break;
      case "oom":
        mark("oom", t, RUN_Y - 6, LANE_H + 6, 4, e);
        break;
      case "stop": case "kill": case "pause": case "unpause": case "restart": case "gave_up": case "create":
        mark(e.type === "kill" ? "kill" : "stop", t, RUN_Y + LANE_H - 6, 6, 4, e);
        break;
      case "health_status":
        closeHealth(t);
        healthStart = t; healthStatus = a.status;
        mark("h-" + a.status, t, HEALTH_Y, 16, 2, e);
        break;
    }
  }
  if (runStart !== null) root.append(svg("rect", { class: "run", x: x(runStart), y: RUN_Y + 4, width: Math.max(1, x(now) - x(runStart)), height: 14 }));
  if (healthStatus) closeHealth(now);
  if (info && info.nextRestartAt && exitAt !== null) {
    const p = svg("rect", { class: "pending", x: x(exitAt), y: RUN_Y + 22, width: Math.max(1, x(Date.parse(info.nextRestartAt)) - x(exitAt)), height: 10, "data-kind": "pending" });
    p.append(svg("title", {}, "restart pending at " + clock(info.nextRestartAt)));
    root.append(p);
  }
  return root;
}

// ---- routing ----------------------------------------------------------------------------------------------

async function route() {
  if (page) page.stop();
  showError("");
  const signedIn = !!token();
  signOut.hidden = !signedIn;
  if (!signedIn) { document.getElementById("node-info").textContent = ""; page = loginPage(); return; }
  const match = location.hash.match(/^#\/containers\/(.+)$/);
  page = match ? containerPage(decodeURIComponent(match[1])) : listPage();
  await showNode();
}

async function showNode() {
  try {
    const node = await api(API + "/node");
    document.getElementById("node-info").textContent = `${node.nodeId} · ${node.mode} · v${node.version} · ${node.running}/${node.containers} running`;
  } catch (e) { handle(e); }
}

signOut.addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); route(); });
window.addEventListener("hashchange", route);
route();
