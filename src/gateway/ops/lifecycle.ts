/**
 * The Node server's life: request, header and idle timeouts from the config, and the graceful
 * shutdown — stop accepting, let running streams finish until the deadline, then end the rest
 * with an SSE error event (see Drain) and close.
 */
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PsrConfig } from '../../config.js';
import type { Drain } from './drain.js';

/** Where shutdown progress is reported (pino fits). */
export interface ShutdownLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * Set the timeouts: requestMs bounds receiving a request (not streaming the answer), headersMs
 * receiving its headers, keepAliveMs how long an idle connection stays open.
 */
export function applyTimeouts(server: Server, t: PsrConfig['timeouts']): void {
  server.requestTimeout = t.requestMs;
  // Node requires headersTimeout <= requestTimeout unless the latter is off
  server.headersTimeout = t.requestMs > 0 ? Math.min(t.headersMs, t.requestMs) : t.headersMs;
  server.keepAliveTimeout = t.keepAliveMs;
}

/**
 * Close `app` gracefully: no new connections, running generations get `graceMs` to finish,
 * then are ended with `shutting_down`; sockets still open a second later are destroyed.
 * @example process.once('SIGTERM', () => gracefulClose(app, ops.drain, cfg.shutdown.graceMs, log))
 */
export async function gracefulClose(app: FastifyInstance, drain: Drain, graceMs: number, log?: ShutdownLog): Promise<void> {
  log?.info({ running: drain.active, graceMs }, 'shutting down: no new connections, waiting for running responses');
  let force: NodeJS.Timeout | undefined;
  const deadline = setTimeout(() => {
    const cut = drain.expire();
    if (cut > 0) log?.warn({ cut }, 'shutdown deadline reached: ended running streams with an error event');
    force = setTimeout(() => app.server.closeAllConnections(), 1000);
  }, graceMs);
  // keep-alive connections that go idle once their response is done would hold close() open
  const reap = setInterval(() => app.server.closeIdleConnections(), 100);
  try {
    await app.close();
  } finally {
    clearInterval(reap);
    clearTimeout(deadline);
    clearTimeout(force);
  }
}
