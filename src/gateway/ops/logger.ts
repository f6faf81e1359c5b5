/**
 * pino settings for `psr serve`: JSON lines at LOG_LEVEL, secrets redacted, and Fastify's own
 * per-request lines only with --log / PSR_LOG=1 (a busy server should not log every request
 * unless asked). Request bodies, and so prompts, are never logged unless `log.prompts` is set.
 */
import type { LoggerOptions } from 'pino';
import type { PsrConfig } from '../../config.js';
import { REDACT_PATHS } from '../auth/index.js';

// Fastify's messages for the start and end of every request.
const REQUEST_LINES = new Set(['incoming request', 'request completed']);

/**
 * The logger options for Fastify (and for psr's own pino before the app exists).
 * @example createApp({ logger: loggerOptions(cfg), … }); const log = pino(loggerOptions(cfg))
 */
export function loggerOptions(cfg: Pick<PsrConfig, 'log' | 'logRequests'>): LoggerOptions {
  const requests = cfg.logRequests;
  return {
    level: cfg.log.level,
    redact: { paths: [...REDACT_PATHS, 'req.headers.cookie', 'upstream.apiKey'], censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        if (!requests && typeof args[1] === 'string' && REQUEST_LINES.has(args[1])) return;
        method.apply(this, args);
      },
    },
  };
}
