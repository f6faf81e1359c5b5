import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { EngineEvent, GenerateRequest } from '../../core/types.js';
import { joinPieces, PieceList, type ReasoningPiece } from './parser.js';
import { createReasoningParser, splitReasoning, type ReasoningSpec } from './registry.js';
import { reasoningStage } from './stage.js';

interface Case {
  name: string;
  spec: string | ReasoningSpec;
  text: string;
  reasoning: string;
  content: string;
}

const MAGISTRAL: ReasoningSpec = { parser: 'think_tags', open: ['[THINK]', '<think>'], close: ['[/THINK]', '</think>'] };

/** ONE table: every case runs whole, split at every boundary, char by char, through the stage. */
const CASES: Case[] = [
  { name: 'think block then answer', spec: 'think_tags', text: '<think>2+2 is 4.</think>\n\nThe answer is 4.', reasoning: '2+2 is 4.', content: 'The answer is 4.' },
  { name: 'no markers: all content', spec: 'think_tags', text: 'Hello world, no thinking.', reasoning: '', content: 'Hello world, no thinking.' },
  { name: 'several blocks', spec: 'think_tags', text: '<think>a</think>x<think>b</think>y', reasoning: 'ab', content: 'xy' },
  { name: 'reasoning open at end of stream', spec: 'think_tags', text: '<think>still thinking <', reasoning: 'still thinking <', content: '' },
  { name: 'partial open tag at end is content', spec: 'think_tags', text: 'answer <thi', reasoning: '', content: 'answer <thi' },
  { name: 'angle brackets that are not tags', spec: 'think_tags', text: 'a < b and <b>bold</b> <thinking>', reasoning: '', content: 'a < b and <b>bold</b> <thinking>' },
  { name: 'content before the block is kept', spec: 'think_tags', text: 'Hi.<think>hmm</think>Bye.', reasoning: 'hmm', content: 'Hi.Bye.' },
  { name: 'empty block', spec: 'think_tags', text: '<think></think>Just the answer.', reasoning: '', content: 'Just the answer.' },
  { name: 'starts in reasoning (R1 distill)', spec: { parser: 'think_tags', startsInReasoning: true }, text: 'I reason.\n</think>\n\nAnswer.', reasoning: 'I reason.\n', content: 'Answer.' },
  { name: 'starts in reasoning, open tag repeated', spec: { parser: 'think_tags', startsInReasoning: true }, text: '\n<think>\nI reason.</think>Answer.', reasoning: 'I reason.', content: 'Answer.' },
  { name: 'starts in reasoning, never closed', spec: { parser: 'think_tags', startsInReasoning: true }, text: 'just thinking </thi', reasoning: 'just thinking </thi', content: '' },
  { name: 'starts in reasoning, lone <', spec: { parser: 'think_tags', startsInReasoning: true }, text: '<', reasoning: '<', content: '' },
  { name: 'reasoning tags', spec: 'reasoning_tags', text: '<reasoning>r1</reasoning>c1<think>x</think>', reasoning: 'r1', content: 'c1<think>x</think>' },
  { name: 'magistral markers by config', spec: MAGISTRAL, text: '[THINK]plan[/THINK]Done.', reasoning: 'plan', content: 'Done.' },
  { name: 'auto: leading think block stripped', spec: 'auto', text: '  \n<think>r</think>c', reasoning: 'r', content: 'c' },
  { name: 'auto: later think tags are text', spec: 'auto', text: 'Use <think>x</think> tags.', reasoning: '', content: 'Use <think>x</think> tags.' },
  { name: 'auto: leading whitespace of plain text kept', spec: 'auto', text: '\n\n Hello', reasoning: '', content: '\n\n Hello' },
  { name: 'auto: <thinking> is not <think>', spec: 'auto', text: '<thinking about it>', reasoning: '', content: '<thinking about it>' },
  { name: 'auto: only a prefix at end', spec: 'auto', text: ' <thin', reasoning: '', content: ' <thin' },
  { name: 'auto: second block stays text', spec: 'auto', text: '<think>a</think>b<think>c</think>', reasoning: 'a', content: 'b<think>c</think>' },
  { name: 'natural language: end marker is the answer', spec: 'natural_language', text: 'Let me think. 2+2=4. The answer is 4.', reasoning: 'Let me think. 2+2=4. ', content: 'The answer is 4.' },
  { name: 'natural language: Therefore', spec: 'natural_language', text: "Let's analyze this: x=2. Therefore, y=3.", reasoning: "Let's analyze this: x=2. ", content: 'Therefore, y=3.' },
  { name: 'natural language: no opener means no reasoning', spec: 'natural_language', text: 'The sky is blue. Let me think.', reasoning: '', content: 'The sky is blue. Let me think.' },
  { name: 'natural language: never concluded', spec: 'natural_language', text: 'Let me think about', reasoning: 'Let me think about', content: '' },
  { name: 'field leaves text alone', spec: 'field', text: '<think>x</think>y', reasoning: '', content: '<think>x</think>y' },
  { name: 'none leaves text alone', spec: 'none', text: '<think>x</think>y', reasoning: '', content: '<think>x</think>y' },
  { name: 'non-ASCII split inside surrogate pairs', spec: 'think_tags', text: '<think>日本🙂</think>答え🙂', reasoning: '日本🙂', content: '答え🙂' },
];

/** Run a parser over chunks; return the merged piece sequence. */
function runParser(spec: string | ReasoningSpec, chunks: string[]): ReasoningPiece[] {
  const parser = createReasoningParser(spec);
  const out = new PieceList();
  for (const piece of [...chunks.flatMap((c) => parser.push(c)), ...parser.finish()]) out.add(piece.kind, piece.text);
  return out.pieces;
}

const REQ = { model: 'm', input: { kind: 'text', prompt: '' }, n: 1, stop: [], sampling: {}, extra: {} } as GenerateRequest;

async function collect(events: AsyncIterable<EngineEvent>): Promise<EngineEvent[]> {
  const out: EngineEvent[] = [];
  for await (const ev of events) out.push(ev);
  return out;
}

async function* source(evs: EngineEvent[]): AsyncIterable<EngineEvent> {
  for (const ev of evs) yield ev;
}

/** Run the stage over chunks; return the merged piece sequence and what followed the last piece. */
async function runStage(spec: string | ReasoningSpec, chunks: string[]): Promise<{ pieces: ReasoningPiece[]; tail: string[] }> {
  const input: EngineEvent[] = [...chunks.map((text) => ({ type: 'content' as const, choice: 0, text })), { type: 'finish', choice: 0, reason: 'stop' }];
  const out = new PieceList();
  const tail: string[] = [];
  for (const ev of await collect(reasoningStage(spec)(source(input), REQ))) {
    if (ev.type === 'content' || ev.type === 'reasoning') {
      assert.equal(tail.length, 0, 'text after finish');
      assert.notEqual(ev.text, '', 'empty text event');
      out.add(ev.type, ev.text);
    } else tail.push(ev.type);
  }
  return { pieces: out.pieces, tail };
}

function splits(text: string): string[][] {
  const out: string[][] = [[text], [...text]];
  for (let i = 1; i < text.length; i++) out.push([text.slice(0, i), text.slice(i)]);
  return out;
}

for (const c of CASES) {
  test(`reasoning case: ${c.name}`, async () => {
    assert.deepEqual(splitReasoning(c.spec, c.text), { reasoning: c.reasoning, content: c.content });
    const whole = runParser(c.spec, [c.text]);
    for (const chunks of splits(c.text)) {
      assert.deepEqual(runParser(c.spec, chunks), whole, `parser split ${JSON.stringify(chunks)}`);
      const streamed = await runStage(c.spec, chunks);
      assert.deepEqual(streamed.pieces, whole, `stage split ${JSON.stringify(chunks)}`);
      assert.deepEqual(streamed.tail, ['finish']);
    }
  });
}

test('reasoning: random splits into many chunks agree with the whole text', () => {
  fc.assert(
    fc.property(fc.constantFrom(...CASES), fc.array(fc.nat(), { maxLength: 8 }), (c, cuts) => {
      const points = [...new Set(cuts.map((x) => x % (c.text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...points].map((p, i, all) => c.text.slice(p, all[i + 1] ?? c.text.length));
      assert.deepEqual(runParser(c.spec, chunks), runParser(c.spec, [c.text]));
    }),
    { numRuns: 500 },
  );
});

test('reasoning: unknown parser names list the known ones; vLLM names are aliases', () => {
  assert.throws(() => reasoningStage('xml'), /unknown reasoning parser 'xml'; known: think_tags, reasoning_tags, auto, natural_language, field, none, deepseek_r1, qwen3, mistral/);
  assert.deepEqual(splitReasoning('deepseek_r1', 'r</think>c'), { reasoning: 'r', content: 'c' });
  assert.deepEqual(splitReasoning('mistral', '[THINK]r[/THINK]c'), { reasoning: 'r', content: 'c' });
});

// Text built from the characters that make up markers, so near-misses are common.
const MARKERISH = fc.array(fc.constantFrom('<', '>', '/', 'think', 'th', 'ink', ' ', '\n', 'a', '</think>', '<think>'), { maxLength: 12 }).map((a) => a.join(''));

test('reasoning: auto never strips text unless the output starts with <think>', () => {
  fc.assert(
    fc.property(MARKERISH, fc.array(fc.nat(), { maxLength: 5 }), (text, cuts) => {
      fc.pre(!text.trimStart().startsWith('<think>'));
      const points = [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
      assert.deepEqual(runParser('auto', chunks), text ? [{ kind: 'content', text }] : []);
    }),
    { numRuns: 2000 },
  );
});

test('reasoning: think_tags on generated blocks gives exactly the blocks back, however the text is cut', () => {
  // Segment text from characters that cannot spell a marker but include its pieces.
  const segment = fc.array(fc.constantFrom('a', ' ', '\n', '<', '>', '/', 't', 'h'), { maxLength: 6 }).map((a) => a.join(''));
  fc.assert(
    fc.property(segment, fc.array(fc.tuple(segment, segment), { maxLength: 4 }), fc.array(fc.nat(), { maxLength: 6 }), (lead, blocks, cuts) => {
      const text = lead + blocks.map(([r, c]) => `<think>${r}</think>${c}`).join('');
      const want = {
        reasoning: blocks.map(([r]) => r.trimStart()).join(''),
        content: lead + blocks.map(([, c]) => c.trimStart()).join(''),
      };
      const points = [...new Set(cuts.map((x) => x % (text.length + 1)))].sort((a, b) => a - b);
      const chunks = [0, ...points].map((p, i, all) => text.slice(p, all[i + 1] ?? text.length));
      const parser = createReasoningParser('think_tags');
      assert.deepEqual(joinPieces([...chunks.flatMap((ch) => parser.push(ch)), ...parser.finish()]), want);
    }),
    { numRuns: 2000 },
  );
});
