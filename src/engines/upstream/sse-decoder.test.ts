import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSse, type SseEvent } from './sse-decoder.js';

const cases: Array<{ name: string; input: string; expect: SseEvent[] }> = [
  { name: 'two events', input: 'data: {"a":1}\n\ndata: {"b":2}\n\n', expect: [{ data: '{"a":1}' }, { data: '{"b":2}' }] },
  { name: 'crlf', input: 'data: x\r\n\r\ndata: y\r\n\r\n', expect: [{ data: 'x' }, { data: 'y' }] },
  { name: 'lone cr', input: 'data: x\r\rdata: y\r\r', expect: [{ data: 'x' }, { data: 'y' }] },
  { name: 'comments and unknown fields', input: ': ping\nid: 3\nretry: 5\ndata: x\n\n', expect: [{ data: 'x' }] },
  { name: 'named event', input: 'event: error\ndata: {"error":{}}\n\n', expect: [{ event: 'error', data: '{"error":{}}' }] },
  { name: 'multi-line data', input: 'data: a\ndata: b\n\n', expect: [{ data: 'a\nb' }] },
  { name: 'no trailing blank line', input: 'data: x\n\ndata: [DONE]', expect: [{ data: 'x' }, { data: '[DONE]' }] },
  { name: 'no space after colon', input: 'data:x\n\n', expect: [{ data: 'x' }] },
  { name: 'utf-8 multibyte', input: 'data: héllo 🌍\n\n', expect: [{ data: 'héllo 🌍' }] },
  { name: 'garbage line', input: 'garbage\ndata: x\n\n', expect: [{ data: 'x' }] },
  { name: 'field names that only start like ours', input: 'database: 1\nevents: 2\ndata\nevent\ndata: x\n\n', expect: [{ data: '\nx', event: '' }] },
  { name: 'leading BOM dropped once', input: '\uFEFFdata: \uFEFFx\n\n', expect: [{ data: '\uFEFFx' }] },
  { name: 'multibyte at chunk ends', input: 'data: é\n\ndata: ü€\r\n\r\ndata: 🌍', expect: [{ data: 'é' }, { data: 'ü€' }, { data: '🌍' }] },
];

async function collect(parts: Uint8Array[]): Promise<SseEvent[]> {
  async function* gen() {
    yield* parts;
  }
  const out: SseEvent[] = [];
  for await (const ev of decodeSse(gen())) out.push(ev);
  return out;
}

test('decodeSse: whole input and split at every byte boundary (two and three pieces)', async () => {
  for (const c of cases) {
    const bytes = new TextEncoder().encode(c.input);
    assert.deepEqual(await collect([bytes]), c.expect, c.name);
    for (let i = 0; i <= bytes.length; i++) {
      assert.deepEqual(await collect([bytes.slice(0, i), bytes.slice(i)]), c.expect, `${c.name} split at ${i}`);
      const j = Math.min(bytes.length, i + 3);
      assert.deepEqual(await collect([bytes.slice(0, i), bytes.slice(i, j), bytes.slice(j)]), c.expect, `${c.name} split at ${i},${j}`);
    }
    assert.deepEqual(await collect([...bytes].map((b) => Uint8Array.of(b))), c.expect, `${c.name} byte by byte`);
  }
});
