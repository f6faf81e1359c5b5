// Streams one chat completion from an OpenAI-compatible server and calls `on(event)` for each
// piece: {type:'phase'|'text'|'tool_call'|'finish'|'usage'|'proof'|'error'}. The browser twin of
// src/client/chunk-reader.ts: psr phases ride on a top-level `phase` field, summaries in
// `delta.reasoning_content`; reasoning also arrives as `delta.reasoning`; proofs as `meta.proof`.

const SUMMARIES = new Set(['prompt_summary', 'reasoning_summary']);

/** Yield SSE messages {event, data} from a fetch body, whatever the chunk boundaries. */
async function* sse(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  let event = '';
  let data = [];
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += value;
      const lines = buf.split(/\r\n|\r|\n/);
      // the last piece may be half a line (or the \r of a \r\n): keep it for the next read
      buf = lines.pop();
      for (const line of lines) {
        if (line === '') {
          if (data.length) yield { event: event || 'message', data: data.join('\n') };
          event = '';
          data = [];
        } else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        else if (line.startsWith('event:')) event = line.slice(6).trim();
      }
    }
    if (buf.startsWith('data:')) data.push(buf.slice(5).replace(/^ /, ''));
    if (data.length) yield { event: event || 'message', data: data.join('\n') };
  } finally {
    reader.cancel().catch(() => {});
  }
}

function proofOf(o) {
  return o?.meta?.proof ?? o?.proof ?? o?.psr?.proof;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** Longest suffix of `text` that is a prefix of `tag` (text that may be a split tag). */
function partial(text, tag) {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) if (tag.startsWith(text.slice(-n))) return n;
  return 0;
}

/**
 * Servers without a reasoning parser leave `<think>…</think>` at the start of the content:
 * route it to reasoning, only when the answer starts with it, tags split anywhere. Returns
 * {push(text), flush()}; calls on({type:"text", section, text}).
 */
export function inlineThink(on) {
  let mode = 'start';
  let held = '';
  const emit = (section, text) => text && on({ type: 'text', section, text });
  return {
    push(text) {
      held += text;
      if (mode === 'start') {
        const lead = held.trimStart();
        if (lead.length < OPEN.length && OPEN.startsWith(lead)) return;
        mode = lead.startsWith(OPEN) ? 'reasoning' : 'content';
        if (mode === 'reasoning') held = lead.slice(OPEN.length);
      }
      if (mode === 'reasoning') {
        const end = held.indexOf(CLOSE);
        const cut = end >= 0 ? end : held.length - partial(held, CLOSE);
        emit('reasoning', held.slice(0, cut));
        if (end < 0) return void (held = held.slice(cut));
        mode = 'content';
        held = held.slice(end + CLOSE.length);
      }
      emit('content', held);
      held = '';
    },
    flush() {
      emit(mode === 'reasoning' ? 'reasoning' : 'content', held);
      held = '';
      mode = 'content';
    },
  };
}

/** Interpret one parsed chunk into events. */
function read(json, state, on) {
  if (typeof json.phase === 'string' && json.phase !== state.phase) {
    state.phase = json.phase;
    on({ type: 'phase', phase: json.phase });
  }
  const summary = SUMMARIES.has(json.phase) ? json.phase : undefined;
  const choice = (json.choices || []).find((c) => (c.index ?? 0) === 0);
  const delta = choice?.delta || {};
  const reasoning = delta.reasoning_content || delta.reasoning;
  if (reasoning) on({ type: 'text', section: summary || 'reasoning', text: reasoning });
  if (delta.content && summary) on({ type: 'text', section: summary, text: delta.content });
  else if (delta.content) state.think.push(delta.content);
  if (delta.tool_calls || choice?.finish_reason) state.think.flush();
  for (const call of delta.tool_calls || []) {
    on({ type: 'tool_call', index: call.index ?? 0, name: call.function?.name, args: call.function?.arguments || '' });
  }
  if (choice?.finish_reason) on({ type: 'finish', reason: choice.finish_reason });
  const proof = proofOf(json) ?? proofOf(choice);
  if (proof) on({ type: 'proof', proof });
  if (json.usage) on({ type: 'usage', usage: json.usage });
}

async function errorMessage(res) {
  const text = await res.text();
  try {
    return JSON.parse(text).error?.message || text;
  } catch {
    return text || `HTTP ${res.status}`;
  }
}

/** POST body to `${base}chat/completions` with stream:true; resolves when the stream ends. */
export async function streamChat(base, body, headers, signal, on) {
  const res = await fetch(`${base}chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
    signal,
  });
  if (!res.ok) return on({ type: 'error', message: `${await errorMessage(res)} (HTTP ${res.status})` });
  on({ type: 'open' });
  const state = { phase: undefined, think: inlineThink(on) };
  try {
    await readAll(res.body, state, on);
  } finally {
    state.think.flush();
  }
}

async function readAll(body, state, on) {
  for await (const msg of sse(body)) {
    if (msg.data === '[DONE]') return;
    let json;
    try {
      json = JSON.parse(msg.data);
    } catch {
      continue;
    }
    if (msg.event === 'error' || json.error) return on({ type: 'error', message: json.error?.message || msg.data });
    if (msg.event === 'phase') {
      if (json.phase && json.phase !== state.phase) on({ type: 'phase', phase: (state.phase = json.phase) });
      continue;
    }
    read(json, state, on);
  }
}
