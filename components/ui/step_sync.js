// Keeps a presenter window and an audience window of the same browser on the same step, and reads a clicker.
//
// Each window mounts this with its role, its step, the app's key map and where each move leads from each step.
// A key press moves this window (a trigger to its server) and, on a BroadcastChannel, the other window at the
// same moment; a step drawn for another reason (a button, Back or Forward) is announced once it is drawn. A follower (another device, or a
// follow link) never joins the channel, so it can move nobody. T (or the presenter's theme button) reloads the
// audience window on its own address in the other theme (light or projector), which the server worked out. Everything drawn here is app text, set with
// textContent: no data is ever written as markup.

const CHANNEL = "kursk-briefing-steps";
const memory = { step: null, blank: false, channel: null, overlay: null, audienceTheme: null };

function typingInto(target) {
  const tag = (target && target.tagName) || "";
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
}

function blankOverlay() {
  if (!memory.overlay) {
    const cover = document.createElement("div");
    cover.setAttribute("data-testid", "audienceBlank");
    cover.style.cssText = "position:fixed;inset:0;background:#000;z-index:1000000;display:none;cursor:none";
    document.body.appendChild(cover);
    memory.overlay = cover;
  }
  return memory.overlay;
}

function showBlank(blank) {
  memory.blank = blank;
  blankOverlay().style.display = blank ? "block" : "none";
}

function channel() {
  if (!memory.channel && typeof BroadcastChannel !== "undefined") {
    memory.channel = new BroadcastChannel(CHANNEL);
  }
  return memory.channel;
}

function clock(startedMs, label) {
  const tick = () => {
    const whole = Math.max(0, Math.floor((Date.now() - startedMs) / 1000));
    const h = Math.floor(whole / 3600);
    const m = Math.floor((whole % 3600) / 60);
    const s = String(whole % 60).padStart(2, "0");
    label.textContent = "Elapsed " + (h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`);
  };
  tick();
  return setInterval(tick, 1000);
}

function statusLine(parent, data) {
  const line = document.createElement("div");
  line.className = "sync-status";
  const elapsed = document.createElement("span");
  elapsed.setAttribute("data-testid", "presenterElapsed");
  const linked = document.createElement("span");
  linked.setAttribute("data-testid", "audienceLink");
  line.append(elapsed, linked);
  parent.appendChild(line);
  return { line, elapsed, linked };
}

function openButton(parent, url) {
  const button = document.createElement("button");
  button.type = "button";
  button.textContent = "Open the audience window";
  button.onclick = () => window.open(url, "kursk-audience", "popup,width=1280,height=720");
  parent.appendChild(button);
  return button;
}

function themeLabel() {
  return memory.audienceTheme === "projector"
    ? "Audience screen: back to the light theme (T)"
    : "Audience screen: projector theme (T)";
}

function themeButton(parent) {
  const button = document.createElement("button");
  button.type = "button";
  button.setAttribute("data-testid", "audienceThemeButton");
  button.textContent = themeLabel();
  button.onclick = () => toggleTheme();
  parent.appendChild(button);
  return button;
}

// The latest mount's data and triggers: the window's listeners are installed once and always read these, so a
// redraw (which may or may not clean up the previous mount) never leaves two listeners answering one key.
const live = { data: null, goTo: null, measure: null, nodes: [], timers: [], status: null, themeButton: null };
let installed = false;

function role() {
  return live.data ? live.data.role : null;
}

function bus() {
  return role() === "presenter" || role() === "audience" ? channel() : null;
}

function ask(move) {
  const target = (live.data.moves[String(memory.step)] || {})[move];
  if (target === undefined || target === memory.step) return;
  memory.step = target;
  if (bus()) bus().postMessage({ kind: "step", step: target });
  live.goTo(target);
}

function toggleBlank() {
  if (role() === "audience") showBlank(!memory.blank);
  if (bus()) bus().postMessage({ kind: "blank" });
}

function switchTheme() {
  if (live.data && live.data.themeUrl) window.location.replace(live.data.themeUrl);
}

function toggleTheme() {
  if (role() !== "presenter") switchTheme();
  else if (bus()) bus().postMessage({ kind: "theme" });
}

function heardAudience(theme) {
  if (theme) memory.audienceTheme = theme;
  if (live.status) {
    live.status.linked.textContent = " · audience window open" + (theme ? ` (${theme} theme)` : "");
  }
  if (live.themeButton) live.themeButton.textContent = themeLabel();
}

function onKey(event) {
  if (!live.data || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
  const move = live.data.keys[event.key];
  if (!move) return;
  event.preventDefault();
  if (move === "blank") toggleBlank();
  else if (move === "theme") toggleTheme();
  else ask(move);
}

function onMessage(event) {
  const message = event.data || {};
  const here = role();
  if (!live.data || !bus()) return;
  if (message.kind === "step" && message.step !== memory.step && live.data.steps.includes(message.step)) {
    memory.step = message.step;
    live.goTo(message.step);
  } else if (message.kind === "blank" && here === "audience") {
    showBlank(!memory.blank);
  } else if (message.kind === "theme" && here === "audience") {
    switchTheme();
  } else if (message.kind === "hello" && here === "presenter") {
    bus().postMessage({ kind: "step", step: memory.step });
  } else if (message.kind === "hello" && here === "audience") {
    bus().postMessage({ kind: "here", theme: live.data.theme });
  }
  const fromAudience = message.kind === "here" || (message.kind === "hello" && message.role === "audience");
  if (fromAudience && here === "presenter") heardAudience(message.theme);
}

// Streamlit opens a step on another page in two history pushes: the new query on the old page's path, then the
// new page's path with that query. The second one replaces the first here, so Back and Forward move one step
// per press (a push that changes the query, or the path of an entry not written this way a moment ago, stays a
// push).
const HALF_WAY_MS = 5000;
const halfWay = { href: null, at: 0 };
function oneEntryPerStep() {
  const push = window.history.pushState.bind(window.history);
  const replace = window.history.replaceState.bind(window.history);
  window.history.pushState = (state, title, url) => {
    const target = new URL(url === undefined || url === null ? window.location.href : url, window.location.href);
    const pathOnly = target.search === window.location.search && target.pathname !== window.location.pathname;
    if (pathOnly && halfWay.href === window.location.href && Date.now() - halfWay.at < HALF_WAY_MS) {
      halfWay.href = null;
      return replace(state, title, url);
    }
    const queryOnly = target.pathname === window.location.pathname && target.search !== window.location.search;
    const result = push(state, title, url);
    halfWay.href = queryOnly ? window.location.href : null;
    halfWay.at = Date.now();
    return result;
  };
  window.addEventListener("popstate", () => { halfWay.href = null; });
}

let resizeTimer = null;
function onResize() {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => live.measure && live.measure(), 300);
}

function install() {
  installed = true;
  window.addEventListener("keydown", onKey);
  window.addEventListener("resize", onResize);
  oneEntryPerStep();
  if (bus()) bus().addEventListener("message", onMessage);
}

function clear(timers, nodes) {
  timers.forEach(clearInterval);
  nodes.forEach((node) => node.remove());
}

export default function (component) {
  const { data, parentElement, setTriggerValue, setStateValue } = component;
  live.data = data;
  live.goTo = (step) => setTriggerValue("goto", step);
  live.measure = data.measure ? () => setStateValue("viewport", [window.innerWidth, window.innerHeight]) : null;
  if (!installed) install();
  clear(live.timers, live.nodes);
  live.timers = [];
  live.nodes = [];
  live.status = null;
  live.themeButton = null;
  if (data.role === "presenter") {
    live.status = statusLine(parentElement, data);
    const opener = openButton(parentElement, data.audienceUrl);
    live.themeButton = themeButton(parentElement);
    live.nodes.push(live.status.line, opener, live.themeButton);
    if (memory.audienceTheme) heardAudience(memory.audienceTheme);
    live.timers.push(clock(Date.now() - data.elapsedS * 1000, live.status.elapsed));
  } else {
    blankOverlay();
  }
  // A first draw asks who else is open (the presenter answers with its step); a later draw of another step
  // (a button, Back or Forward) tells the other window.
  if (memory.step === null) {
    memory.step = data.step;
    if (bus()) bus().postMessage({ kind: "hello", role: data.role, theme: data.theme });
  } else if (memory.step !== data.step) {
    memory.step = data.step;
    if (bus()) bus().postMessage({ kind: "step", step: data.step });
  }
  const last = data.viewport || [];
  if (live.measure && (last[0] !== window.innerWidth || last[1] !== window.innerHeight)) live.measure();
  const [timers, nodes] = [live.timers, live.nodes];
  return () => clear(timers, nodes);
}
