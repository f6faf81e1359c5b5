// The psr playground: pick a model, set parameters, chat with streaming phases. Talks to the
// same server that served the page (relative `v1/`), so it also works behind a path prefix.
import { streamChat } from './stream.js';
import { assistantTurn, userTurn } from './view.js';

const API = new URL('v1/', document.baseURI).href;
const $ = (id) => document.getElementById(id);
const form = $('composer');
const input = $('message');
const send = $('send');
const stop = $('stop');
const status = $('status');
const log = $('transcript');
const fields = ['model', 'system', 'temperature', 'max-tokens', 'reasoning-effort'];
let messages = [];
let controller = null;

function headers() {
  const key = $('api-key').value.trim();
  return key ? { authorization: `Bearer ${key}` } : {};
}

function say(text) {
  status.textContent = text;
}

// psr lists `capabilities`; for other servers an embedding model is told by its name
const canChat = (m) => (Array.isArray(m.capabilities) ? m.capabilities.includes('chat') : !/embed/i.test(m.id));

async function loadModels() {
  const select = $('model');
  const saved = localStorage.getItem('psr.model');
  try {
    const res = await fetch(`${API}models`, { headers: headers() });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const ids = (await res.json()).data.filter(canChat).map((m) => m.id);
    select.replaceChildren(...ids.map((id) => new Option(id, id)));
    if (ids.includes(saved)) select.value = saved;
    say(`${ids.length} model${ids.length === 1 ? '' : 's'} available.`);
  } catch (err) {
    say(`Could not list models: ${err.message}`);
  }
}

function body() {
  const b = { model: $('model').value, messages: [...messages] };
  const system = $('system').value.trim();
  if (system) b.messages.unshift({ role: 'system', content: system });
  const t = $('temperature').value;
  const max = $('max-tokens').value;
  const effort = $('reasoning-effort').value;
  if (t !== '') b.temperature = Number(t);
  if (max !== '') b.max_tokens = Number(max);
  if (effort) b.reasoning_effort = effort;
  return b;
}

function busy(on) {
  send.disabled = on;
  stop.disabled = !on;
  form.setAttribute('aria-busy', String(on));
}

// Follow the answer while the reader is at the bottom; scrolling up to read stops that.
let pinned = true;
let queued = false;
log.addEventListener('scroll', () => (pinned = log.scrollHeight - log.scrollTop - log.clientHeight < 40));
function follow() {
  if (!pinned || queued) return;
  queued = true;
  requestAnimationFrame(() => {
    queued = false;
    log.scrollTop = log.scrollHeight;
  });
}

/** The stream listener for one answer: fills the turn and records what the history needs. */
function listener(turn, seen, since) {
  return (e) => {
    if (e.type === 'phase') say(`Streaming: ${e.phase.replace('_', ' ')}…`);
    else if (e.type === 'text') {
      if (e.section === 'reasoning' || e.section === 'content') {
        seen.ttft ??= since();
        seen.deltas++;
      }
      if (e.section === 'content') seen.content += e.text;
      turn.text(e.section, e.text);
    } else if (e.type === 'tool_call') {
      turn.toolCall(e);
      const c = (seen.calls[e.index] ??= { id: `call_${e.index}`, type: 'function', function: { name: '', arguments: '' } });
      c.function.name += e.name || '';
      c.function.arguments += e.args;
    } else if (e.type === 'proof') turn.proof(e.proof);
    else if (e.type === 'usage') seen.usage = e.usage;
    else if (e.type === 'error') seen.error = e.message;
    follow();
  };
}

async function ask(text) {
  messages.push({ role: 'user', content: text });
  log.append(userTurn(text));
  const turn = assistantTurn();
  log.append(turn.el);
  pinned = true;
  follow();
  const started = performance.now();
  const since = () => performance.now() - started;
  const seen = { ttft: undefined, usage: undefined, error: undefined, content: '', calls: [], deltas: 0 };
  controller = new AbortController();
  busy(true);
  say('Waiting for the model…');
  const on = listener(turn, seen, since);
  let stopped = false;
  try {
    await streamChat(API, body(), headers(), controller.signal, on);
  } catch (err) {
    if (err.name === 'AbortError') stopped = true;
    else seen.error = err.message;
  }
  const total = since();
  turn.finish({ status: stopped ? 'stopped' : 'done', usage: seen.usage, deltas: seen.deltas, ttft: seen.ttft, total, error: seen.error });
  follow();
  if (stopped || seen.error) messages.pop();
  else messages.push({ role: 'assistant', content: seen.content || null, ...(seen.calls.length ? { tool_calls: seen.calls } : {}) });
  say(stopped ? 'Stopped.' : seen.error ? `Error: ${seen.error}` : `Answer complete in ${(total / 1000).toFixed(2)} s.`);
  controller = null;
  busy(false);
  input.focus();
}

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text || controller) return;
  input.value = '';
  ask(text);
});

input.addEventListener('keydown', (ev) => {
  if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    form.requestSubmit();
  }
});

document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape' && controller) {
    ev.preventDefault();
    controller.abort();
  }
});

stop.addEventListener('click', () => controller?.abort());

$('new-chat').addEventListener('click', () => {
  controller?.abort();
  messages = [];
  log.replaceChildren();
  say('New conversation.');
  input.focus();
});

for (const id of fields) {
  const el = $(id);
  const saved = localStorage.getItem(`psr.${id}`);
  if (saved !== null && id !== 'model') el.value = saved;
  el.addEventListener('change', () => localStorage.setItem(`psr.${id}`, el.value));
}
$('api-key').value = sessionStorage.getItem('psr.api-key') || '';
$('api-key').addEventListener('change', (ev) => {
  sessionStorage.setItem('psr.api-key', ev.target.value);
  loadModels();
});

busy(false);
loadModels();
