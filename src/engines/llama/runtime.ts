/**
 * The one node-llama-cpp runtime per process. It only ever uses the prebuilt binaries that npm
 * installed: `build: 'never'` forbids compiling or downloading anything at run time.
 */
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';

/** Runtime options: GPU use is off unless asked for, so results match across machines. */
export interface LlamaRuntimeOptions {
  gpu?: 'auto' | false;
}

let pending: Promise<Llama> | undefined;

/** Load (once) the native llama.cpp bindings. */
export function llamaRuntime(opts: LlamaRuntimeOptions = {}): Promise<Llama> {
  pending ??= getLlama({
    build: 'never',
    gpu: opts.gpu ?? false,
    progressLogs: false,
    logLevel: LlamaLogLevel.error,
    // llama.cpp logs through this; keep its chatter out of psr's stdout
    logger: (level, message) => {
      if (level === LlamaLogLevel.error || level === LlamaLogLevel.fatal) process.stderr.write(`[llama] ${message}\n`);
    },
  }).catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}
