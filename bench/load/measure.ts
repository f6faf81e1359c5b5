/**
 * Shared by the load, soak and disconnect benches: a real GC (exposed at run time, no flag
 * needed), memory and machine figures, and a Markdown table printer.
 */
import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gcFn: (() => void) | undefined;

/** Run a full GC: `--expose-gc` set at run time, then `gc` taken from a fresh context. */
export function forceGc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
}

/** heapUsed and RSS in MiB after a few full GCs (let finalizers and closed sockets settle between). */
export async function settledMemory(): Promise<{ heapMiB: number; rssMiB: number }> {
  for (let i = 0; i < 4; i++) {
    forceGc();
    await new Promise((r) => setTimeout(r, 50));
  }
  const m = process.memoryUsage();
  return { heapMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 };
}

/** The machine as a one-line note: cores, memory, load averages right now, Node version. */
export function machine(): string {
  const l = loadavg().map((x) => x.toFixed(2)).join(' / ');
  return `${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} free), load avg ${l} (1/5/15 min), Node ${process.version}`;
}

/** A Markdown table. */
export function table(head: string[], rows: Array<Array<string | number>>): string {
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Round to `d` decimals for tables. */
export function fix(n: number, d = 1): string {
  return n.toFixed(d);
}
