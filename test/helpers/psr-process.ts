/**
 * `psr serve` as a real child process (node --import tsx src/cli/main.ts serve …), the way an
 * operator runs it: config file, environment, signals, exit code, logs on stdout/stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A running `psr serve`. */
export interface PsrProcess {
  child: ChildProcess;
  /** Base URL, e.g. http://127.0.0.1:41234 (no /v1). */
  url: string;
  port: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit status. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal (SIGTERM by default) and wait for the exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Options for {@link spawnPsr}. */
export interface SpawnPsrOptions {
  args?: string[];
  env?: Record<string, string>;
  /** How many `psr listening on` lines to wait for (one per worker). */
  listening?: number;
  timeoutMs?: number;
}

const ROOT = new URL('../..', import.meta.url).pathname;

/** Write a config file (YAML or JSON by extension) into a fresh temp dir; returns its path. */
export function configFile(name: string, text: string): string {
  const p = join(mkdtempSync(join(tmpdir(), 'psr-serve-')), name);
  writeFileSync(p, text);
  return p;
}

/**
 * Start `psr serve --port 0 …` with only PATH and `env` in its environment and wait until it
 * listens (rejects with its output if it exits first or takes longer than `timeoutMs`).
 */
export async function spawnPsr(opts: SpawnPsrOptions = {}): Promise<PsrProcess> {
  const args = ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...(opts.args ?? [])];
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const want = opts.listening ?? 1;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(`psr did not listen within ${opts.timeoutMs ?? 120_000} ms`), opts.timeoutMs ?? 120_000);
    function fail(why: string): void {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}\nstdout:\n${out}\nstderr:\n${err}`));
    }
    const check = () => {
      const lines = [...out.matchAll(/psr listening on (http:\/\/[^\s]+)\/v1/g)];
      if (lines.length < want) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve(lines[0]![1]!);
    };
    child.stdout!.on('data', check);
    void exited.then((s) => fail(`psr exited (${s.code ?? s.signal}) before listening`));
  });
  return {
    child,
    url,
    port: Number(new URL(url).port),
    stdout: () => out,
    stderr: () => err,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** POST JSON to a psr endpoint. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
