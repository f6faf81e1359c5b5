// DOM for one conversation turn. Text is only ever inserted as text nodes (never HTML), and
// streamed text is appended with appendData so long answers stay linear.

/** Create an element with attributes and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') el.className = v;
    else if (k === 'hidden') el.hidden = v;
    else el.setAttribute(k, v);
  }
  el.append(...children);
  return el;
}

/** A user's message in the transcript. */
export function userTurn(text) {
  return h('article', { class: 'turn user', 'aria-label': 'You' }, h('p', { class: 'content' }, text));
}

const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

function proofTree(nodes) {
  const ul = h('ul', {});
  for (const node of Array.isArray(nodes) ? nodes : [nodes]) {
    if (typeof node === 'string') node = { label: node };
    if (!node || typeof node.label !== 'string') continue;
    const li = h('li', {}, h('span', { class: 'label' }, node.label));
    if (node.kind) li.append(' ', h('span', { class: 'kind' }, node.kind));
    // the symbolic engine sends source and confidence rather than a detail
    const conf = typeof node.confidence === 'number' && node.confidence < 1 ? `confidence ${node.confidence.toFixed(2)}` : '';
    const detail = node.detail || [node.source, conf].filter(Boolean).join(' · ');
    if (detail) li.append(' ', h('span', { class: 'detail' }, detail));
    if (node.children?.length) li.append(proofTree(node.children));
    ul.append(li);
  }
  return ul;
}

/** An assistant turn that fills in as events stream; `finish()` adds the usage line. */
export function assistantTurn() {
  const text = () => document.createTextNode('');
  const prompt = text();
  const summary = text();
  const raw = text();
  const answer = text();
  const promptBox = h('section', { class: 'phase prompt-summary', hidden: true }, h('h3', {}, 'Prompt summary'), h('p', {}, prompt));
  const reasoningBox = h('details', { class: 'phase reasoning', hidden: true },
    h('summary', {}, h('span', { class: 'phase-label' }, 'Reasoning'), ' ', h('span', { class: 'reasoning-summary' }, summary)),
    h('pre', { class: 'reasoning-raw' }, raw));
  const tools = h('ol', {});
  const toolBox = h('section', { class: 'tools', hidden: true }, h('h3', {}, 'Tool calls'), tools);
  const answerBox = h('section', { class: 'phase final-output' }, h('h3', {}, 'Answer'), h('div', { class: 'content' }, answer));
  const proofBox = h('details', { class: 'proof', hidden: true }, h('summary', {}, 'Proof'));
  const stats = h('footer', { class: 'stats' });
  const el = h('article', { class: 'turn assistant streaming', 'aria-label': 'Assistant', 'aria-busy': 'true' },
    promptBox, reasoningBox, toolBox, answerBox, proofBox, stats);
  const calls = [];
  const sinks = { prompt_summary: [prompt, promptBox], reasoning_summary: [summary, reasoningBox], reasoning: [raw, reasoningBox], content: [answer, answerBox] };
  return {
    el,
    text(section, chunk) {
      const [node, box] = sinks[section];
      // summaries may begin with a separator newline
      if (!node.length) chunk = chunk.replace(/^\s*\n/, '');
      if (!chunk) return;
      node.appendData(chunk);
      box.hidden = false;
    },
    toolCall({ index, name, args }) {
      toolBox.hidden = false;
      if (!calls[index]) {
        calls[index] = { name: text(), args: text() };
        tools.append(h('li', {}, h('code', {}, calls[index].name, '(', calls[index].args, ')')));
      }
      if (name) calls[index].name.appendData(name);
      calls[index].args.appendData(args);
    },
    proof(nodes) {
      // plain nested lists: screen readers announce their nesting, and role=tree would promise arrow keys
      proofBox.replaceChildren(h('summary', {}, 'Proof'), h('div', { 'aria-label': 'Proof tree', class: 'tree' }, proofTree(nodes)));
      proofBox.hidden = false;
    },
    /** Close the turn: `{ status, usage, deltas, ttft, total, error }`. */
    finish({ status, usage, deltas, ttft, total, error }) {
      el.classList.remove('streaming');
      el.setAttribute('aria-busy', 'false');
      if (!answer.length && !answerBox.hidden && !calls.length) answerBox.hidden = status === 'stopped';
      const parts = [];
      if (status === 'stopped') parts.push('stopped');
      if (error) el.append(h('p', { class: 'error', role: 'alert' }, error));
      if (ttft !== undefined) parts.push(`TTFT ${fmtMs(ttft)}`);
      // without usage (a stopped stream) the rate is estimated from the deltas received
      const tokens = usage?.completion_tokens ?? deltas;
      const est = usage ? '' : '~';
      // under 50 ms the tokens came as one burst (an engine that computes, then sends): no rate
      if (tokens > 1 && ttft !== undefined && total - ttft >= 50) parts.push(`${est}${((tokens - 1) / ((total - ttft) / 1000)).toFixed(1)} tok/s`);
      else if (tokens > 1 && ttft !== undefined) parts.push('sent at once');
      if (usage) parts.push(`${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens`);
      if (total !== undefined) parts.push(`total ${fmtMs(total)}`);
      stats.textContent = parts.join(' · ');
    },
  };
}
