/**
 * Check a GGUF file before llama.cpp loads it, so a bad file gets a reason a person can act on
 * ("truncated", "not a GGUF file") instead of llama.cpp's bare "Failed to load model".
 */
import { stat } from 'node:fs/promises';
import { readGgufFileInfo } from 'node-llama-cpp';

/** Throw an Error with a clear reason when the file cannot be a loadable GGUF model. */
export async function preflightGguf(path: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new Error('the file does not exist or is not a regular file');
  let parsed;
  try {
    parsed = await readGgufFileInfo(path, { readTensorInfo: true, ignoreKeys: [] });
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`not a readable GGUF file (${why}); the file may be truncated or corrupt`);
  }
  const tensors = parsed.tensorInfo ?? [];
  if (!tensors.length) throw new Error('the GGUF file holds no tensors');
  const last = tensors.reduce((a, b) => (Number(b.fileOffset) > Number(a.fileOffset) ? b : a));
  if (Number(last.fileOffset) >= info.size) {
    throw new Error(`the file is truncated: tensor '${last.name}' starts at byte ${last.fileOffset} but the file has ${info.size} bytes`);
  }
}
