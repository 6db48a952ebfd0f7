// The browser console of `msgsim serve`. Server-sent events (/api/events)
// say that something changed; the JSON API (/api/...) is the truth the page
// renders. Texts always go through textContent, never innerHTML.
"use strict";

const page = {
  channels: [],
  personas: [],
  persona: null,   // the persona id the customer view shows
  session: null,   // the session id the agent view shows
  seat: null,
};

const $ = (id) => document.getElementById(id);

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined) made.textContent = text;
  return made;
}

function clock(seconds) {
  const s = Math.floor(seconds);
  const pad = (n) => String(n).padStart(2, "0");
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

async function api(method, path, body) {
  const options = { method, headers: {} };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    return { ok: false, status: 0, data: { error: "the session is not reachable" } };
  }
  let data = null;
  try { data = await response.json(); } catch (error) { data = null; }
  return { ok: response.ok, status: response.status, data };
}

function showError(where, result) {
  $(where).textContent = result && !result.ok && result.data && result.data.error ? result.data.error : "";
}

// ---- session state ---------------------------------------------------------

async function loadState() {
  const result = await api("GET", "/api/state");
  if (!result.ok) return;
  const state = result.data;
  $("scenario-name").textContent = state.scenario;
  $("sim-time").textContent = `t = ${clock(state.time_s)} of ${clock(state.end_s)} at ${state.speed}x`;
  if (page.channels.length === 0) renderChannels(state.channels, state.queues);
  page.personas = state.personas;
  renderPersonaChoices();
  page.seat = state.seat;
  renderSeat();
}

function renderChannels(channels, queues) {
  page.channels = channels;
  const select = $("customer-channel");
  select.replaceChildren();
  for (const channel of channels) {
    const option = element("option", "", `${channel.id} (${channel.type})`);
    option.value = channel.id;
    select.append(option);
  }
  const transfer = $("transfer-queue");
  transfer.replaceChildren();
  for (const queue of queues) {
    const option = element("option", "", queue);
    option.value = queue;
    transfer.append(option);
  }
  renderRules();
}

function renderRules() {
  const channel = page.channels.find((c) => c.id === $("customer-channel").value);
  $("channel-rules").textContent = channel ? channel.rules : "";
}

// ---- customer view ---------------------------------------------------------

function renderPersonaChoices() {
  const select = $("persona-select");
  const chosen = page.persona;
  select.replaceChildren();
  if (page.personas.length === 0) select.append(element("option", "", "(none yet)"));
  for (const persona of page.personas) {
    const label = `#${persona.id} ${persona.channel} ${persona.address}${persona.outsider ? " (own webhooks)" : ""}`;
    const option = element("option", "", label);
    option.value = String(persona.id);
    select.append(option);
  }
  if (chosen !== null) select.value = String(chosen);
  // "as": a new person, or the person of an earlier persona (another channel).
  const person = $("persona-person");
  const keep = person.value;
  person.replaceChildren(element("option", "", "a new person"));
  person.firstChild.value = "";
  for (const persona of page.personas) {
    if (persona.outsider) continue;
    const option = element("option", "", `the person of #${persona.id} (${persona.channel})`);
    option.value = String(persona.id);
    person.append(option);
  }
  person.value = keep;
}

async function loadPersona() {
  if (page.persona === null) return;
  const result = await api("GET", `/api/personas/${page.persona}`);
  if (!result.ok) return showError("customer-error", result);
  renderPersona(result.data);
}

function renderPersona(persona) {
  $("persona-info").textContent = `Persona #${persona.id} on ${persona.channel} (${persona.type}) as ${persona.address}`;
  const log = $("customer-log");
  log.replaceChildren();
  for (const item of persona.items) {
    if (item.kind === "agent_joined") {
      log.append(element("div", "item agent_joined", `An agent joined (t = ${clock(item.at_s)})`));
      continue;
    }
    const line = element("div", `item ${item.kind}`);
    line.append(element("div", "text", item.text));
    line.append(element("div", "meta", `${item.kind === "sent" ? "you" : "business"} · ${clock(item.at_s)}`));
    log.append(line);
  }
  log.scrollTop = log.scrollHeight;
}

async function newPersona() {
  const body = { channel: $("customer-channel").value };
  if ($("persona-person").value !== "") body.same_person_as = Number($("persona-person").value);
  const result = await api("POST", "/api/personas", body);
  showError("customer-error", result);
  if (!result.ok) return;
  page.persona = result.data.id;
  page.personas.push(result.data);
  renderPersonaChoices();
  renderPersona(result.data);
}

async function customerSend(event) {
  event.preventDefault();
  const text = $("customer-text").value;
  if (page.persona === null) {
    $("customer-error").textContent = "Create a persona first.";
    return;
  }
  const result = await api("POST", `/api/personas/${page.persona}/messages`, { text });
  showError("customer-error", result);
  if (!result.ok) return;
  $("customer-text").value = "";
  renderPersona(result.data);
}

// ---- agent view ------------------------------------------------------------

async function loadSeat() {
  const result = await api("GET", "/api/seat");
  if (!result.ok) {
    page.seat = null;
    renderSeat();
    return;
  }
  page.seat = result.data;
  renderSeat();
}

// The seat's shift as one line: where it stands and what comes next.
function shiftLine(shift) {
  if (!shift) return "No shift: online whenever you are.";
  const now = shift.status === null ? "before the shift" : (shift.status === "online" ? "on shift" : `off shift (${shift.status})`);
  const next = shift.next === null ? "no further change" :
    `${shift.next.status === "online" ? "shift starts" : "shift sets you " + shift.next.status} at ${clock(shift.next.at_s)}`;
  return `Shift: ${now}; ${next}.`;
}

function renderSeat() {
  const seat = page.seat;
  if (!seat) {
    $("seat-name").textContent = "(no seat in this session)";
    return;
  }
  $("seat-name").textContent = seat.agent;
  if (document.activeElement !== $("seat-presence")) $("seat-presence").value = seat.presence;
  $("seat-capacity").textContent = `capacity in use ${seat.used} of ${seat.capacity}`;
  $("seat-shift").textContent = shiftLine(seat.shift);
  const offers = $("offers");
  offers.replaceChildren();
  if (seat.offers.length === 0) offers.append(element("p", "empty", "No offers."));
  for (const offer of seat.offers) {
    const row = element("div", "offer");
    row.dataset.work = offer.work;
    row.append(element("span", "", `Work ${offer.work}: session ${offer.session} on ${offer.channel} (${offer.queue})`));
    const accept = element("button", "accept", "Accept");
    accept.type = "button";
    accept.addEventListener("click", () => answerOffer(offer.work, offer.session, "accept"));
    const decline = element("button", "decline", "Decline");
    decline.type = "button";
    decline.addEventListener("click", () => answerOffer(offer.work, offer.session, "decline"));
    row.append(accept, decline);
    offers.append(row);
  }
  const sessions = $("sessions");
  sessions.replaceChildren();
  if (seat.sessions.length === 0) sessions.append(element("p", "empty", "No sessions in hand."));
  for (const held of seat.sessions) {
    const tab = element("div", `session-tab${held.session === page.session ? " selected" : ""}`);
    tab.dataset.session = held.session;
    tab.append(element("strong", "", `#${held.session}`));
    tab.append(element("span", "", `${held.channel} ${held.customer} (${held.status})`));
    tab.append(element("span", "last", held.last));
    tab.addEventListener("click", () => openSession(held.session));
    sessions.append(tab);
  }
}

async function answerOffer(work, session, answer) {
  const result = await api("POST", `/api/seat/offers/${work}/${answer}`);
  showError("agent-error", result);
  if (!result.ok) return;
  page.seat = result.data;
  renderSeat();
  if (answer === "accept") openSession(session);
}

async function openSession(session) {
  page.session = session;
  renderSeat();
  await loadConversation();
}

async function loadConversation() {
  if (page.session === null) return;
  const result = await api("GET", `/api/seat/sessions/${page.session}`);
  if (!result.ok) return showError("agent-error", result);
  renderConversation(result.data);
}

function entryLine(entry) {
  const line = element("div", `entry ${entry.direction}`);
  line.append(element("div", "text", entry.text));
  const who = entry.direction === "customer" ? "customer" : entry.agent || "automated";
  const code = entry.error_code ? ` (error ${entry.error_code})` : "";
  const delivery = entry.delivery ? ` · ${entry.delivery}${code}` : "";
  line.append(element("div", "meta", `${who} · ${clock(entry.at_s)}${delivery}`));
  return line;
}

function renderConversation(view) {
  $("conversation-title").textContent =
    `Session ${view.session} on ${view.channel} (${view.type}) with ${view.customer}: ${view.status}`;
  const log = $("conversation-log");
  log.replaceChildren();
  // The contact's other sessions (any channel): earlier ones above, ones that
  // began meanwhile (an opt-out exchange) where they happened.
  const lines = [];
  for (const other of view.history) {
    const block = element("div", "history");
    block.append(element("div", "history-title",
      `Session ${other.session} on ${other.channel} with ${other.customer} (${other.status})`));
    for (const entry of other.entries) block.append(entryLine(entry));
    if (other.created_s < view.created_s) {
      log.append(block);
    } else {
      lines.push({ at: other.created_s, node: block });
    }
  }
  // The session's messages and the sends the console refused, in time order.
  for (const entry of view.entries) lines.push({ at: entry.at_s, node: entryLine(entry) });
  for (const refusal of view.refusals) {
    const node = element("div", "refusal");
    node.append(element("div", "text", `Not sent: "${refusal.text}"`));
    node.append(element("div", "meta", `refused: ${refusal.reason} · ${clock(refusal.at_s)}`));
    lines.push({ at: refusal.at_s, node });
  }
  lines.sort((a, b) => a.at - b.at);
  for (const line of lines) log.append(line.node);
  log.scrollTop = log.scrollHeight;
}

async function agentSend(event) {
  event.preventDefault();
  if (page.session === null) {
    $("agent-error").textContent = "Open a session first.";
    return;
  }
  const text = $("agent-text").value;
  const result = await api("POST", `/api/seat/sessions/${page.session}/messages`, { text });
  showError("agent-error", result);
  if (result.ok || (result.data && result.data.refused)) $("agent-text").value = "";
  await loadConversation();
}

async function sessionAction(action, body) {
  if (page.session === null) return;
  const result = await api("POST", `/api/seat/sessions/${page.session}/${action}`, body);
  showError("agent-error", result);
  if (!result.ok) return;
  page.seat = result.data;
  renderSeat();
  await loadConversation();
}

async function setPresence() {
  const result = await api("POST", "/api/seat/presence", { status: $("seat-presence").value });
  showError("agent-error", result);
  if (!result.ok) return;
  page.seat = result.data;
  renderSeat();
}

// ---- supervisor view -------------------------------------------------------

function fillTable(id, rows, classOf) {
  const body = $(id).querySelector("tbody");
  body.replaceChildren();
  for (const row of rows) {
    const tr = element("tr", classOf ? classOf(row) : "");
    for (const cell of row.cells) tr.append(element("td", "", String(cell)));
    body.append(tr);
  }
}

function fixed(value, digits) { return Number(value).toFixed(digits); }

function renderSupervisor(view) {
  $("sim-time").textContent = `t = ${clock(view.time_s)}`;
  fillTable("queues", view.queues.map((q) => ({ cells: [q.id, q.backlog] })));
  const routing = view.latency.routing_s;
  const live = view.latency.live_ms;
  fillTable("latency", [
    { cells: ["routing (s, simulated)", routing.count, fixed(routing.p50, 1), fixed(routing.p90, 1),
              fixed(routing.p95, 1), fixed(routing.p99, 1)] },
    { cells: ["message to decision (ms, wall)", live.count, fixed(live.p50, 0), fixed(live.p90, 0),
              fixed(live.p95, 0), fixed(live.p99, 0)] },
  ]);
  const consent = view.consent;
  $("consent-counts").textContent = `opt-outs ${consent.opt_outs}, opt-ins ${consent.opt_ins}, refused by consent ` +
    `${consent.refused_consent}, by channel rules ${consent.refused_rules}, by providers ${consent.refused_provider}`;
  const events = $("consent-events");
  events.replaceChildren();
  for (const event of consent.events.slice().reverse()) events.append(consentLine(event));
  fillTable("agents", view.agents.map((a) => ({ seat: a.seat, cells: [a.id + (a.seat ? " (you)" : ""), a.presence,
    `${a.used} / ${a.capacity}`] })), (row) => (row.seat ? "seat" : ""));
  fillTable("channels", view.channels.map((c) => ({ cells: [c.id, c.inbound, c.outbound, c.webhooks_ok,
    c.webhooks_refused, c.send_calls_ok, c.send_calls_refused, c.send_calls_failed + c.send_calls_pending] })));
}

function consentLine(event) {
  const who = event.agent ? ` by ${event.agent}` : "";
  const session = event.session !== null ? ` session ${event.session}` : "";
  return element("li", event.kind, `${clock(event.at_s)} ${event.kind} on ${event.channel}${session}${who}: ${event.detail}`);
}

async function loadSupervisor() {
  const result = await api("GET", "/api/supervisor");
  if (result.ok) renderSupervisor(result.data);
}

// ---- live updates ----------------------------------------------------------

function connectEvents() {
  const events = new EventSource("/api/events");
  events.onopen = () => {
    $("status").textContent = "live";
    $("status").className = "status live";
    loadState();
    loadSupervisor();
  };
  events.onerror = () => {
    $("status").textContent = "disconnected";
    $("status").className = "status down";
  };
  events.addEventListener("persona", (message) => {
    const event = JSON.parse(message.data);
    if (event.persona === page.persona) loadPersona();
    if (!page.personas.some((p) => p.id === event.persona)) loadState();
  });
  events.addEventListener("seat", (message) => {
    const event = JSON.parse(message.data);
    if (event.kind === "shift") {
      $("session-banner").textContent = event.applied ?
        `Your shift set you ${event.status}.` :
        "Your shift starts: set yourself online when you are ready.";
    }
    loadSeat();
    if (page.session !== null && event.session === page.session) loadConversation();
  });
  events.addEventListener("supervisor", (message) => renderSupervisor(JSON.parse(message.data)));
  events.addEventListener("consent", (message) => {
    $("consent-events").prepend(consentLine(JSON.parse(message.data)));
    if (page.session !== null) loadConversation();
  });
  events.addEventListener("session", (message) => {
    const event = JSON.parse(message.data);
    $("session-banner").textContent = `Session ${event.state} at t = ${clock(event.time_s || 0)}`;
  });
}

function start() {
  $("customer-channel").addEventListener("change", renderRules);
  $("new-persona").addEventListener("click", newPersona);
  $("persona-select").addEventListener("change", () => {
    const value = $("persona-select").value;
    page.persona = value === "" ? null : Number(value);
    loadPersona();
  });
  $("customer-form").addEventListener("submit", customerSend);
  $("agent-form").addEventListener("submit", agentSend);
  $("seat-presence").addEventListener("change", setPresence);
  $("transfer").addEventListener("click", () => sessionAction("transfer", { queue: $("transfer-queue").value }));
  $("mark-inactive").addEventListener("click", () => sessionAction("inactive"));
  $("end-session").addEventListener("click", () => sessionAction("end"));
  loadState();
  connectEvents();
  // The clock and persona list move without events too.
  setInterval(loadState, 5000);
}

start();
