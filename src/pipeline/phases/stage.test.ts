import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { phasesStage, type PhaseOptions } from './stage.js';

const req = (n = 1): GenerateRequest => ({ model: 'm', input: { kind: 'chat', messages: [{ role: 'user', content: 'What is 2+2?' }] }, n, stop: [], sampling: {}, extra: {} });
const r = (text: string, choice = 0): EngineEvent => ({ type: 'reasoning', choice, text });
const c = (text: string, choice = 0): EngineEvent => ({ type: 'content', choice, text });
const fin = (choice = 0): EngineEvent => ({ type: 'finish', choice, reason: 'stop' });

async function run(opts: PhaseOptions, input: EngineEvent[], n = 1): Promise<EngineEvent[]> {
  async function* src(): AsyncIterable<EngineEvent> {
    yield* input;
  }
  const out: EngineEvent[] = [];
  for await (const ev of phasesStage(opts)(src(), req(n))) out.push(ev);
  return out;
}

/** A compact trace: P:phase[:text] for phases, R:/C: for text, the type otherwise. */
const trace = (evs: EngineEvent[]) =>
  evs.map((e) => (e.type === 'phase' ? `P:${e.phase}${e.text ? `:${e.text}` : ''}` : e.type === 'reasoning' ? `R:${e.text}` : e.type === 'content' ? `C:${e.text}` : e.type));

const REASONING = [r('The user asks for 2+2. '), r('Adding 2 and 2 gives 4. '), r('Therefore, the answer is 4.')];
const ANSWER = [c('The answer'), c(' is 4.'), fin()];
const PROMPT = 'P:prompt_summary:Question: What is 2+2?\n';
const FINAL = 'P:reasoning_summary:The user asks for 2+2. Adding 2 and 2 gives 4. Therefore, the answer is 4.\n';

test('phases: summarize (default) — prompt summary, reasoning summary instead of raw reasoning, then the answer', async () => {
  const out = await run({}, [...REASONING, ...ANSWER]);
  assert.deepEqual(trace(out), [PROMPT, 'P:reasoning_summary', FINAL, 'P:final_output', 'C:The answer', 'C: is 4.', 'finish']);
});

test('phases: forward — raw reasoning, no reasoning summaries; both — raw and summaries', async () => {
  assert.deepEqual(trace(await run({ rawReasoning: 'forward' }, [...REASONING, ...ANSWER])), [
    PROMPT, 'P:reasoning_summary', 'R:The user asks for 2+2. ', 'R:Adding 2 and 2 gives 4. ', 'R:Therefore, the answer is 4.', 'P:final_output', 'C:The answer', 'C: is 4.', 'finish',
  ]);
  const both = trace(await run({ rawReasoning: 'both' }, [...REASONING, ...ANSWER]));
  assert.deepEqual(both.slice(5, 7), ['P:reasoning_summary:\nThe user asks for 2+2. Adding 2 and 2 gives 4. Therefore, the answer is 4.\n', 'P:final_output']);
});

test('phases: progressive summaries while reasoning, cut at sentence ends', async () => {
  const out = trace(await run({ everyChars: 30 }, [r('Step one adds the units. Step two '), r('carries the 1 to the tens. Then '), r('we are done'), ...ANSWER]));
  assert.deepEqual(out.slice(0, 4), [PROMPT, 'P:reasoning_summary', 'P:reasoning_summary:Step one adds the units.\n', 'P:reasoning_summary:Step two carries the 1 to the tens.\n']);
  assert.equal(out[4], 'P:reasoning_summary:Step one adds the units. Step two carries the 1 to the tens. Then we are done\n');
  assert.equal(out[5], 'P:final_output');
});

test('phases: no reasoning — no reasoning phase at all', async () => {
  assert.deepEqual(trace(await run({}, ANSWER)), [PROMPT, 'P:final_output', 'C:The answer', 'C: is 4.', 'finish']);
});

test('phases: reasoning that never reaches an answer still gets its summary before finish; tool calls start the output', async () => {
  assert.deepEqual(trace(await run({}, [r('Thinking hard.'), fin()])), [PROMPT, 'P:reasoning_summary', 'P:reasoning_summary:Thinking hard.\n', 'finish']);
  const tool: EngineEvent = { type: 'tool_call', choice: 0, index: 0, id: 'c1', name: 'f', argumentsDelta: '{}' };
  assert.deepEqual(trace(await run({ promptSummary: false }, [r('Need a tool.'), tool, fin()])), ['P:reasoning_summary', 'P:reasoning_summary:Need a tool.\n', 'P:final_output', 'tool_call', 'finish']);
});

test('phases: each choice has its own phases; usage passes through', async () => {
  const usage: EngineEvent = { type: 'usage', promptTokens: 1, completionTokens: 1 };
  const out = await run({}, [r('A thinks.', 0), c('B says.', 1), c('A says.', 0), fin(0), fin(1), usage], 2);
  assert.deepEqual(out.map((e) => `${'choice' in e ? e.choice : '-'}${trace([e])[0]}`), [
    `0${PROMPT}`, `1${PROMPT}`, '0P:reasoning_summary', '1P:final_output', '1C:B says.', '0P:reasoning_summary:A thinks.\n', '0P:final_output', '0C:A says.', '0finish', '1finish', '-usage',
  ]);
});

/** A source that hands out events only when the test releases them. */
function gated() {
  const queue: Array<(ev: EngineEvent | null) => void> = [];
  const waiting: Array<EngineEvent | null> = [];
  let started = false;
  let pulls = 0;
  const release = (ev: EngineEvent | null) => (queue.length ? queue.shift()!(ev) : waiting.push(ev));
  async function* src(): AsyncIterable<EngineEvent> {
    started = true;
    for (;;) {
      pulls++;
      const ev = waiting.length ? waiting.shift()! : await new Promise<EngineEvent | null>((res) => queue.push(res));
      if (ev === null) return;
      yield ev;
    }
  }
  return { src, release, state: () => ({ started, pulls }) };
}

test('phases: the prompt summary comes before the upstream’s first event, with the upstream already started', async () => {
  const g = gated();
  const it = phasesStage({})(g.src(), req())[Symbol.asyncIterator]();
  const first = await it.next();
  assert.deepEqual(trace([first.value]), [PROMPT]);
  assert.deepEqual(g.state(), { started: true, pulls: 1 }, 'upstream was asked for its first event, not awaited');
  g.release(null);
  assert.equal((await it.next()).done, true);
});

test('phases: answer chunks are not buffered — each is yielded before the upstream produces the next', async () => {
  const g = gated();
  const it = phasesStage({})(g.src(), req())[Symbol.asyncIterator]();
  await it.next(); // prompt summary
  g.release(c('first'));
  assert.deepEqual(trace([(await it.next()).value, (await it.next()).value]), ['P:final_output', 'C:first']);
  assert.equal(g.state().pulls, 1, 'the chunk went out before the upstream was even asked for the next one');
  g.release(c('second'));
  assert.deepEqual(trace([(await it.next()).value]), ['C:second']);
  await it.return?.();
});

test('phases: a model summarizer writes the final summary; slow or failing ones fall back to extractive', async () => {
  const input = [...REASONING, ...ANSWER];
  const model = await run({ summarizer: async (text) => `Model: ${text.length} chars` }, input);
  const chars = REASONING.map((e) => (e.type === 'reasoning' ? e.text : '')).join('').length;
  assert.equal(trace(model)[2], `P:reasoning_summary:Model: ${chars} chars\n`);
  let aborted = false;
  const slow = (_t: string, signal: AbortSignal) => new Promise<string>((res) => signal.addEventListener('abort', () => ((aborted = true), res('too late'))));
  assert.equal(trace(await run({ summarizer: slow, summarizerTimeoutMs: 20 }, input))[2], FINAL);
  assert.equal(aborted, true, 'the losing summarizer is told to stop');
  assert.equal(trace(await run({ summarizer: async () => Promise.reject(new Error('down')) }, input))[2], FINAL);
  assert.equal(trace(await run({ summarizer: async () => '  ' }, input))[2], FINAL);
});
