import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSse, type SseMessage } from './sse.js';

async function* pieces(parts: string[]): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield new TextEncoder().encode(p);
}

async function decodeAll(parts: string[]): Promise<SseMessage[]> {
  const out: SseMessage[] = [];
  for await (const m of decodeSse(pieces(parts))) out.push(m);
  return out;
}

const cases: Array<{ name: string; wire: string; want: SseMessage[] }> = [
  { name: 'one data frame', wire: 'data: {"a":1}\n\n', want: [{ event: 'message', data: '{"a":1}' }] },
  { name: 'CRLF endings', wire: 'data: x\r\n\r\ndata: y\r\n\r\n', want: [{ event: 'message', data: 'x' }, { event: 'message', data: 'y' }] },
  { name: 'lone CR endings', wire: 'data: x\r\rdata: y\r\r', want: [{ event: 'message', data: 'x' }, { event: 'message', data: 'y' }] },
  { name: 'named event and id', wire: 'event: phase\nid: 7\ndata: {"phase":"p"}\n\n', want: [{ event: 'phase', data: '{"phase":"p"}', id: '7' }] },
  { name: 'multi-line data joined', wire: 'data: a\ndata: b\n\n', want: [{ event: 'message', data: 'a\nb' }] },
  { name: 'comments ignored', wire: ': keep-alive\n\ndata: z\n\n', want: [{ event: 'message', data: 'z' }] },
  { name: 'no space after colon', wire: 'data:[DONE]\n\n', want: [{ event: 'message', data: '[DONE]' }] },
  { name: 'unterminated last frame', wire: 'data: tail', want: [{ event: 'message', data: 'tail' }] },
  { name: 'multi-byte text', wire: 'data: héllo ✓ 𝄞\n\n', want: [{ event: 'message', data: 'héllo ✓ 𝄞' }] },
];

for (const c of cases) {
  test(`sse: ${c.name}, whole and split at every byte`, async () => {
    assert.deepEqual(await decodeAll([c.wire]), c.want);
    const bytes = new TextEncoder().encode(c.wire);
    for (let i = 1; i < bytes.length; i++) {
      const got: SseMessage[] = [];
      async function* two(): AsyncGenerator<Uint8Array> {
        yield bytes.slice(0, i);
        yield bytes.slice(i);
      }
      for await (const m of decodeSse(two())) got.push(m);
      assert.deepEqual(got, c.want, `split at byte ${i}`);
    }
  });
}
