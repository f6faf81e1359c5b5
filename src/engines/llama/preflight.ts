/**
 * Check a GGUF file before llama.cpp loads it, so a bad file gets a reason a person can act on
 * ("truncated", "not a GGUF file") instead of llama.cpp's bare "Failed to load model".
 */
import { open, stat } from 'node:fs/promises';
import { readGgufFileInfo } from 'node-llama-cpp';

/** Throw an Error with a clear reason when the file cannot be a loadable GGUF model. */
export async function preflightGguf(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new Error('the file does not exist or is not a regular file');
  await checkHeader(path, info.size);
  let parsed;
  try {
    parsed = await withTimeout(readGgufFileInfo(path, { readTensorInfo: true, ignoreKeys: [] }), 10_000);
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`not a readable GGUF file (${why}); the file may be truncated or corrupt`);
  }
  const tensors = parsed.tensorInfo ?? [];
  if (!tensors.length) throw new Error('the GGUF file holds no tensors');
  const last = tensors.reduce((a, b) => (Number(b.fileOffset) > Number(a.fileOffset) ? b : a));
  if (Number(last.fileOffset) >= info.size) {
    throw new Error(`the file is truncated: tensor ${last.name ? `'${last.name}'` : `#${tensors.length}`} starts at byte ${last.fileOffset} but the file has ${info.size} bytes`);
  }
}

// node-llama-cpp's reader trusts the counts in the header and can wait forever on garbage;
// the fixed 24-byte header is cheap to check first.
async function checkHeader(path: string, size: number): Promise<void> {
  if (size < 24) throw new Error(`not a GGUF file: only ${size} bytes`);
  const fh = await open(path, 'r');
  const head = Buffer.alloc(24);
  try {
    await fh.read(head, 0, 24, 0);
  } finally {
    await fh.close();
  }
  if (head.toString('latin1', 0, 4) !== 'GGUF') throw new Error('not a GGUF file: the magic bytes are not "GGUF"');
  const version = head.readUInt32LE(4);
  if (version !== 2 && version !== 3) throw new Error(`unsupported GGUF version ${version} (expected 2 or 3); the file may be corrupt`);
  const tensors = head.readBigUInt64LE(8);
  const kvs = head.readBigUInt64LE(16);
  if (tensors > BigInt(size) || kvs > BigInt(size)) throw new Error(`the GGUF header is corrupt: it claims ${tensors} tensors and ${kvs} metadata entries in ${size} bytes`);
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`reading the GGUF metadata took over ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
