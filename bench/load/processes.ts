/**
 * psr and the mock upstream as separate processes (`psr serve`, `psr mock-upstream`), so load
 * clients, server and upstream do not share one event loop, and the server's own RSS can be
 * read from /proc. Used by the load and soak benches and test/reliability-load.test.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../src/core/paths.js';

/** A running child process that printed its URL. */
export interface Child {
  url: string;
  pid: number;
  /** Resident set size of the process, MiB (from /proc; NaN where /proc is missing). */
  rssMiB(): number;
  stop(): Promise<void>;
}

/** RSS of `pid` in MiB. */
export function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

function launch(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<Child> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-2000)));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`psr ${args[0]} did not start in 60 s: ${err}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({
        url: m[1]!, pid: child.pid!, rssMiB: () => rssOf(child.pid!),
        stop: () => new Promise<void>((r) => {
          if (child.exitCode !== null) return r();
          child.once('exit', () => r());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
      });
    });
    child.once('exit', (code) => reject(new Error(`psr ${args[0]} exited ${code}: ${err}`)));
  });
}

/** `psr mock-upstream` on a free port; url is its base (no /v1). */
export function startMockProcess(): Promise<Child> {
  return launch(['mock-upstream', '--port', '0'], {}, /listening on (http:\/\/\S+?)\/v1/);
}

/** `psr serve` on a free port with `env` (e.g. UPSTREAM_URL); url is its base (no /v1). */
export function startPsrProcess(env: NodeJS.ProcessEnv): Promise<Child> {
  return launch(['serve', '--port', '0'], { PSR_CACHE: '0', LOG_LEVEL: 'warn', ...env }, /listening on (http:\/\/\S+?)\/v1/);
}

/** GET the mock's counters. */
export async function mockStats(mock: Child): Promise<{ requests: number; active: number; completed: number; aborted: number }> {
  return (await (await fetch(`${mock.url}/mock/stats`)).json()) as { requests: number; active: number; completed: number; aborted: number };
}
