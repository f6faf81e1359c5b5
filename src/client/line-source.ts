/**
 * Where the REPL's lines come from. On a terminal: node:readline with line editing and history,
 * one interface per prompt, so that while an answer streams the terminal is ours and Ctrl-C
 * (a raw 0x03 byte) cancels the answer instead of killing the process. From a pipe: plain lines.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { createInterface, type Interface } from 'node:readline';

/** What asking for a line can give. `interrupt.empty` tells Ctrl-C at an empty prompt apart. */
export type LineResult = { kind: 'line'; text: string } | { kind: 'interrupt'; empty: boolean } | { kind: 'eof' };

/** A source of REPL lines. */
export interface LineSource {
  next(prompt: string): Promise<LineResult>;
  /** While an answer streams, call `onInterrupt` on Ctrl-C; returns the function that stops watching. */
  watchInterrupt(onInterrupt: () => void): () => void;
  close(): void;
}

const HISTORY_SIZE = 1000;

/** Lines of a history file, newest first (as readline wants them); missing file → none. */
export function loadHistory(file: string | undefined): string[] {
  if (!file) return [];
  try {
    return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').slice(-HISTORY_SIZE).reverse();
  } catch {
    return [];
  }
}

/** Append one entered line to the history file; a read-only home must not break the REPL. */
export function saveHistoryLine(file: string | undefined, line: string): void {
  if (!file || line.includes('\n')) return;
  try {
    appendFileSync(file, line + '\n', { mode: 0o600 });
  } catch {
    // history is a convenience
  }
}

/** A terminal line source with editing, history (newest first) and raw-mode Ctrl-C watching. */
export function ttyLineSource(input: NodeJS.ReadStream, output: NodeJS.WriteStream, history: string[]): LineSource {
  let past = history;
  // Between two readline interfaces the terminal is briefly cooked, and Ctrl-C there is a real
  // SIGINT: catch it and report it at the next prompt instead of dying.
  let pending = false;
  const onSignal = (): void => void (pending = true);
  process.on('SIGINT', onSignal);
  return {
    next(prompt) {
      if (pending) {
        pending = false;
        output.write('^C\n');
        return Promise.resolve({ kind: 'interrupt', empty: true });
      }
      return new Promise((resolve) => {
        const rl: Interface = createInterface({ input, output, terminal: true, history: past, historySize: HISTORY_SIZE, removeHistoryDuplicates: true });
        let settled = false;
        const done = (result: LineResult): void => {
          if (settled) return;
          settled = true;
          rl.close();
          resolve(result);
        };
        rl.on('history', (h: string[]) => (past = h));
        rl.on('line', (text) => done({ kind: 'line', text }));
        rl.on('SIGINT', () => {
          const empty = rl.line === '';
          output.write('^C\n');
          done({ kind: 'interrupt', empty });
        });
        rl.on('close', () => done({ kind: 'eof' }));
        rl.setPrompt(prompt);
        rl.prompt();
      });
    },
    watchInterrupt(onInterrupt) {
      const onData = (buf: Buffer): void => {
        if (buf.includes(3)) onInterrupt();
      };
      input.setRawMode(true);
      input.on('data', onData);
      input.resume();
      return () => {
        input.off('data', onData);
        input.setRawMode(false);
        input.pause();
      };
    },
    close() {
      process.off('SIGINT', onSignal);
      input.pause();
    },
  };
}

/** A line source over a pipe: no prompt echo, SIGINT cancels the current answer. */
export function pipeLineSource(input: NodeJS.ReadableStream): LineSource {
  const rl = createInterface({ input, terminal: false });
  const iterator = rl[Symbol.asyncIterator]();
  return {
    async next() {
      const r = await iterator.next();
      return r.done ? { kind: 'eof' } : { kind: 'line', text: r.value };
    },
    watchInterrupt(onInterrupt) {
      process.on('SIGINT', onInterrupt);
      return () => process.off('SIGINT', onInterrupt);
    },
    close() {
      rl.close();
    },
  };
}
