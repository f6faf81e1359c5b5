/**
 * The tiny GGUF writer (`npm run make-tiny-gguf`): a valid GGUF v3 file that node-llama-cpp's own
 * parser reads back with llama metadata, tokenizer, chat template and correctly shaped tensors,
 * reproducible for a seed, and a few hundred KB.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { readGgufFileInfo } from 'node-llama-cpp';

const dir = mkdtempSync(join(tmpdir(), 'psr-gguf-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function make(name: string, ...args: string[]): string {
  const file = join(dir, name);
  execFileSync(process.execPath, ['scripts/make-tiny-gguf.mjs', file, ...args]);
  return file;
}

describe('make-tiny-gguf', () => {
  it('writes a GGUF v3 llama model node-llama-cpp can parse', async () => {
    const file = make('a.gguf');
    const size = statSync(file).size;
    assert.ok(size > 100_000 && size < 1_000_000, `${size} bytes`);
    const info = await readGgufFileInfo(file);
    assert.equal(info.version, 3);
    const md = info.metadata as unknown as Record<string, Record<string, unknown>>;
    assert.equal(md.general.architecture, 'llama');
    const llama = md.llama as { embedding_length: number; block_count: number; attention: { head_count: number; head_count_kv: number } };
    const tok = md.tokenizer as { ggml: { model: string; tokens: string[]; scores: number[]; token_type: number[] }; chat_template: string };
    assert.equal(tok.ggml.model, 'llama');
    assert.ok(tok.ggml.tokens.length >= 300);
    assert.equal(tok.ggml.scores.length, tok.ggml.tokens.length);
    assert.equal(tok.ggml.token_type.length, tok.ggml.tokens.length);
    assert.match(tok.chat_template, /add_generation_prompt/);
    const byName = new Map((info.tensorInfo ?? []).map((t) => [t.name, t.dimensions.map(Number)]));
    assert.equal(byName.size, 3 + 9 * llama.block_count);
    const e = llama.embedding_length;
    const kv = (e / llama.attention.head_count) * llama.attention.head_count_kv;
    const shapes: Array<[string, number[]]> = [
      ['token_embd.weight', [e, tok.ggml.tokens.length]],
      ['output.weight', [e, tok.ggml.tokens.length]],
      ['output_norm.weight', [e]],
      ['blk.0.attn_q.weight', [e, e]],
      ['blk.0.attn_k.weight', [e, kv]],
      ['blk.1.attn_v.weight', [e, kv]],
    ];
    for (const [name, dims] of shapes) assert.deepEqual(byName.get(name), dims, name);
    for (const t of info.tensorInfo ?? []) assert.equal(Number(t.offset) % 32, 0, `${t.name} is 32-byte aligned`);
  });

  it('is reproducible for a seed and differs across seeds', () => {
    const a = readFileSync(make('s1.gguf', '--seed', '11'));
    const b = readFileSync(make('s2.gguf', '--seed', '11'));
    const c = readFileSync(make('s3.gguf', '--seed', '12'));
    assert.ok(a.equals(b));
    assert.ok(!a.equals(c));
  });
});
