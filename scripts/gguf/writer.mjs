// A minimal GGUF v3 writer: header, typed metadata key/values, tensor infos, aligned F32 data.
// Layout (little-endian throughout): "GGUF" u32 version, u64 tensor count, u64 kv count,
// kvs, tensor infos, padding to `general.alignment`, then each tensor at an aligned offset.

/** GGUF metadata value type ids (the numbering is fixed by the format). */
export const T = { U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STRING: 8, ARRAY: 9, U64: 10, I64: 11, F64: 12 };

/** ggml tensor type id for float32 data. */
export const GGML_TYPE_F32 = 0;

const ALIGNMENT = 32;

// Grows a byte buffer as values are appended, so sizes need not be computed up front.
class ByteSink {
  #buf = Buffer.alloc(1 << 16);
  #len = 0;

  #room(n) {
    if (this.#len + n <= this.#buf.length) return;
    const next = Buffer.alloc(Math.max(this.#buf.length * 2, this.#len + n));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }
  u32(v) { this.#room(4); this.#buf.writeUInt32LE(v, this.#len); this.#len += 4; }
  i32(v) { this.#room(4); this.#buf.writeInt32LE(v, this.#len); this.#len += 4; }
  u64(v) { this.#room(8); this.#buf.writeBigUInt64LE(BigInt(v), this.#len); this.#len += 8; }
  f32(v) { this.#room(4); this.#buf.writeFloatLE(v, this.#len); this.#len += 4; }
  u8(v) { this.#room(1); this.#buf.writeUInt8(v, this.#len); this.#len += 1; }
  bytes(b) { this.#room(b.length); b.copy(this.#buf, this.#len); this.#len += b.length; }
  str(s) { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.bytes(b); }
  pad(align) { const r = this.#len % align; if (r) this.bytes(Buffer.alloc(align - r)); }
  get length() { return this.#len; }
  result() { return this.#buf.subarray(0, this.#len); }
}

// Scalars are written by type; arrays are { type: T.ARRAY, of: <elem type>, values: [...] }.
function writeValue(sink, type, value) {
  switch (type) {
    case T.U8: return sink.u8(value);
    case T.U32: return sink.u32(value);
    case T.I32: return sink.i32(value);
    case T.U64: return sink.u64(value);
    case T.F32: return sink.f32(value);
    case T.BOOL: return sink.u8(value ? 1 : 0);
    case T.STRING: return sink.str(value);
    default: throw new Error(`gguf writer: unsupported value type ${type}`);
  }
}

/**
 * Serialize a GGUF v3 file.
 * @param {Array<{key: string, type: number, value: unknown, of?: number}>} kvs metadata
 * @param {Array<{name: string, dims: number[], data: Float32Array}>} tensors dims are ne0-first (fastest first)
 * @returns {Buffer}
 */
export function encodeGguf(kvs, tensors) {
  const sink = new ByteSink();
  sink.bytes(Buffer.from('GGUF', 'latin1'));
  sink.u32(3);
  sink.u64(tensors.length);
  sink.u64(kvs.length);
  for (const kv of kvs) {
    sink.str(kv.key);
    sink.u32(kv.type);
    if (kv.type !== T.ARRAY) { writeValue(sink, kv.type, kv.value); continue; }
    sink.u32(kv.of);
    sink.u64(kv.value.length);
    for (const v of kv.value) writeValue(sink, kv.of, v);
  }
  let offset = 0;
  const offsets = [];
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`gguf writer: ${t.name} has ${t.data.length} values, dims say ${count}`);
    sink.str(t.name);
    sink.u32(t.dims.length);
    for (const d of t.dims) sink.u64(d);
    sink.u32(GGML_TYPE_F32);
    sink.u64(offset);
    offsets.push(offset);
    offset += Math.ceil((count * 4) / ALIGNMENT) * ALIGNMENT;
  }
  sink.pad(ALIGNMENT);
  for (const t of tensors) {
    sink.bytes(Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
    sink.pad(ALIGNMENT);
  }
  return sink.result();
}
