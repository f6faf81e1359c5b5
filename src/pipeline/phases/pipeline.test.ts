import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { resolveModelConfig } from '../../gateway/model-config.js';
import { reasoningStage } from '../reasoning/stage.js';
import { pipe } from '../stage.js';
import { phasesStage } from './stage.js';

const REQ: GenerateRequest = { model: 'deepseek-r1:7b', input: { kind: 'chat', messages: [{ role: 'user', content: 'What is 6*7?' }] }, n: 1, stop: [], sampling: {}, extra: {} };

/** An R1-distill stream as Ollama/llama.cpp send it: no opening tag, the close tag split across tokens. */
const TOKENS = ['Okay', ', 6 times 7', ' is 42.', ' Therefore the', ' product is 42.\n</', 'think', '>\n\n', 'The answer', ' is **42**.'];

async function collect(events: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

async function* upstream(): AsyncIterable<EngineEvent> {
  for (const text of TOKENS) yield { type: 'content', choice: 0, text };
  yield { type: 'finish', choice: 0, reason: 'stop' };
}

test('pipeline: reasoning splitter then phases, configured from the model id', async () => {
  const cfg = resolveModelConfig(REQ.model);
  const out = await collect(pipe(upstream(), REQ, reasoningStage(cfg.reasoning), phasesStage({ rawReasoning: 'both' })));
  const phases = out.filter((e) => e.type === 'phase').map((e) => (e.type === 'phase' ? e.phase : ''));
  assert.deepEqual(phases, ['prompt_summary', 'reasoning_summary', 'reasoning_summary', 'final_output']);
  const text = (type: 'reasoning' | 'content') => out.map((e) => (e.type === type ? e.text : '')).join('');
  assert.equal(text('reasoning'), 'Okay, 6 times 7 is 42. Therefore the product is 42.\n');
  assert.equal(text('content'), 'The answer is **42**.');
  assert.equal(out.at(-1)?.type, 'finish');
  const summary = out.find((e) => e.type === 'phase' && e.phase === 'reasoning_summary' && e.text);
  assert.deepEqual(summary, { type: 'phase', choice: 0, phase: 'reasoning_summary', text: 'Okay, 6 times 7 is 42. Therefore the product is 42.\n' });
});
