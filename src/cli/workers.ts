/**
 * `psr serve --workers N`: a node:cluster primary that forks N workers sharing the listening
 * port (each runs the whole server; cache, rate limits and usage are shared through Redis when
 * REDIS_URL is set). The primary restarts workers that crash, and on SIGTERM/SIGINT forwards
 * SIGTERM so every worker shuts down gracefully, then exits when they have.
 */
import cluster, { type Worker } from 'node:cluster';

/** Options for {@link runPrimary}. */
export interface PrimaryOptions {
  workers: number;
  /** A worker's shutdown deadline; the primary kills workers still alive 5 s after it. */
  graceMs: number;
  /** Progress lines (stderr by default). */
  say?: (line: string) => void;
}

// a worker that dies this soon after starting is crash-looping: wait before replacing it
const QUICK_DEATH_MS = 2000;
const RESTART_DELAY_MS = 1000;

function waitForSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(sig);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

function allExited(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (Object.keys(cluster.workers ?? {}).length > 0) return;
      cluster.off('exit', check);
      resolve();
    };
    cluster.on('exit', check);
    check();
  });
}

/**
 * Supervise `workers` copies of this process until a signal, then shut them down gracefully.
 * Resolves with the exit code (0 after a clean shutdown).
 * @example if (cfg.workers > 1 && cluster.isPrimary) return runPrimary({ workers: cfg.workers, graceMs: cfg.shutdown.graceMs })
 */
export async function runPrimary(opts: PrimaryOptions): Promise<number> {
  const say = opts.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = new Map<Worker, number>();
  let stopping = false;
  const fork = () => started.set(cluster.fork(), Date.now());
  cluster.on('exit', (worker, code, signal) => {
    const age = Date.now() - (started.get(worker) ?? 0);
    started.delete(worker);
    if (stopping) return;
    say(`psr: worker ${worker.process.pid} exited (${signal ?? `code ${code}`}); starting a new one`);
    if (age < QUICK_DEATH_MS) setTimeout(() => stopping || fork(), RESTART_DELAY_MS);
    else fork();
  });
  for (let i = 0; i < opts.workers; i++) fork();
  say(`psr: primary ${process.pid} running ${opts.workers} workers`);
  const sig = await waitForSignal();
  stopping = true;
  say(`psr: ${sig}: shutting down ${Object.keys(cluster.workers ?? {}).length} workers gracefully`);
  for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  const kill = setTimeout(() => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
  }, opts.graceMs + 5000);
  await allExited();
  clearTimeout(kill);
  return 0;
}
