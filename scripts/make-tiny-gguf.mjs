#!/usr/bin/env node
// Writes a tiny llama-architecture GGUF (random seeded F32 weights, a ~600-token SPM vocabulary,
// a ChatML-like Jinja chat template) so the llama engine's tests and benchmark run the real
// node-llama-cpp loading and generation path without downloading a model.
// Usage: node scripts/make-tiny-gguf.mjs [out.gguf] [--seed N]   (default models/tiny.gguf)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeGguf, T } from './gguf/writer.mjs';
import { buildTinyVocab, SPECIAL, TokenType } from './gguf/tiny-vocab.mjs';

const HP = { ctx: 1024, embd: 64, layers: 2, ff: 128, heads: 4, headsKv: 2 };
const HEAD_DIM = HP.embd / HP.heads;

// Not the model's default system prompt on purpose: the template differs from plain ChatML, so
// node-llama-cpp has to render it with its Jinja engine rather than a built-in wrapper.
const CHAT_TEMPLATE = [
  "{%- if messages[0]['role'] != 'system' -%}{{ '<|im_start|>system\\nYou are a tiny test model.<|im_end|>\\n' }}{%- endif -%}",
  "{%- for message in messages -%}",
  "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}",
  "{%- endfor -%}",
  "{%- if add_generation_prompt -%}{{ '<|im_start|>assistant\\n' }}{%- endif -%}",
].join('');

// mulberry32 + Box-Muller: a small seeded normal generator, so the same seed gives the same file.
function normalSource(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform() || 1e-12)) * Math.cos(2 * Math.PI * uniform());
}

function matrix(rand, cols, rows, std) {
  const data = new Float32Array(cols * rows);
  for (let i = 0; i < data.length; i++) data[i] = rand() * std;
  return data;
}

// Dimension 0 of every embedding is a large constant, so after the final RMS norm it dominates;
// output.weight's column 0 then acts as a per-token bias that keeps control tokens (EOS,
// <|im_end|>) and raw bytes unlikely, and the random model keeps writing words until max_tokens.
function embeddings(rand, types) {
  const embd = matrix(rand, HP.embd, types.length, 1);
  for (let t = 0; t < types.length; t++) embd[t * HP.embd] = 4;
  return embd;
}

function outputHead(rand, types) {
  const out = matrix(rand, HP.embd, types.length, 0.5);
  const bias = { [TokenType.NORMAL]: 1, [TokenType.BYTE]: -2 };
  for (let t = 0; t < types.length; t++) out[t * HP.embd] = bias[types[t]] ?? -8;
  return out;
}

function tensors(rand, types) {
  const ones = () => new Float32Array(HP.embd).fill(1);
  const kv = HEAD_DIM * HP.headsKv;
  const w = 1 / Math.sqrt(HP.embd);
  const list = [{ name: 'token_embd.weight', dims: [HP.embd, types.length], data: embeddings(rand, types) }];
  for (let l = 0; l < HP.layers; l++) {
    const p = `blk.${l}.`;
    list.push(
      { name: `${p}attn_norm.weight`, dims: [HP.embd], data: ones() },
      { name: `${p}attn_q.weight`, dims: [HP.embd, HP.embd], data: matrix(rand, HP.embd, HP.embd, w) },
      { name: `${p}attn_k.weight`, dims: [HP.embd, kv], data: matrix(rand, HP.embd, kv, w) },
      { name: `${p}attn_v.weight`, dims: [HP.embd, kv], data: matrix(rand, HP.embd, kv, w) },
      { name: `${p}attn_output.weight`, dims: [HP.embd, HP.embd], data: matrix(rand, HP.embd, HP.embd, w) },
      { name: `${p}ffn_norm.weight`, dims: [HP.embd], data: ones() },
      { name: `${p}ffn_gate.weight`, dims: [HP.embd, HP.ff], data: matrix(rand, HP.embd, HP.ff, w) },
      { name: `${p}ffn_up.weight`, dims: [HP.embd, HP.ff], data: matrix(rand, HP.embd, HP.ff, w) },
      { name: `${p}ffn_down.weight`, dims: [HP.ff, HP.embd], data: matrix(rand, HP.ff, HP.embd, 1 / Math.sqrt(HP.ff)) },
    );
  }
  list.push(
    { name: 'output_norm.weight', dims: [HP.embd], data: ones() },
    { name: 'output.weight', dims: [HP.embd, types.length], data: outputHead(rand, types) },
  );
  return list;
}

function metadata(vocab) {
  const u32 = (key, value) => ({ key, type: T.U32, value });
  return [
    { key: 'general.architecture', type: T.STRING, value: 'llama' },
    { key: 'general.name', type: T.STRING, value: 'psr-tiny-llama' },
    u32('general.alignment', 32),
    u32('general.file_type', 0),
    u32('llama.context_length', HP.ctx),
    u32('llama.embedding_length', HP.embd),
    u32('llama.block_count', HP.layers),
    u32('llama.feed_forward_length', HP.ff),
    u32('llama.attention.head_count', HP.heads),
    u32('llama.attention.head_count_kv', HP.headsKv),
    u32('llama.rope.dimension_count', HEAD_DIM),
    u32('llama.vocab_size', vocab.tokens.length),
    { key: 'llama.attention.layer_norm_rms_epsilon', type: T.F32, value: 1e-5 },
    { key: 'llama.rope.freq_base', type: T.F32, value: 10000 },
    { key: 'tokenizer.ggml.model', type: T.STRING, value: 'llama' },
    { key: 'tokenizer.ggml.tokens', type: T.ARRAY, of: T.STRING, value: vocab.tokens },
    { key: 'tokenizer.ggml.scores', type: T.ARRAY, of: T.F32, value: vocab.scores },
    { key: 'tokenizer.ggml.token_type', type: T.ARRAY, of: T.I32, value: vocab.types },
    u32('tokenizer.ggml.bos_token_id', SPECIAL.bos),
    u32('tokenizer.ggml.eos_token_id', SPECIAL.eos),
    u32('tokenizer.ggml.eot_token_id', SPECIAL.imEnd),
    u32('tokenizer.ggml.unknown_token_id', SPECIAL.unk),
    { key: 'tokenizer.ggml.add_bos_token', type: T.BOOL, value: true },
    { key: 'tokenizer.ggml.add_eos_token', type: T.BOOL, value: false },
    { key: 'tokenizer.chat_template', type: T.STRING, value: CHAT_TEMPLATE },
  ];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { seed: { type: 'string', default: '7' } } });
const out = resolve(positionals[0] ?? new URL('../models/tiny.gguf', import.meta.url).pathname);
const vocab = buildTinyVocab();
const bytes = encodeGguf(metadata(vocab), tensors(normalSource(Number(values.seed)), vocab.types));
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);
console.log(`wrote ${out} (${(bytes.length / 1024).toFixed(0)} KB, ${vocab.tokens.length} tokens)`);
