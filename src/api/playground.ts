/**
 * The web playground (web/) served at `/`: a page, a few ES modules and a stylesheet, read once
 * at start, with strong ETags, a strict same-origin CSP (nothing comes from a CDN) and caching
 * that never serves a stale page: HTML and unversioned assets revalidate; `?v=<hash>` URLs,
 * which the page uses, are immutable.
 *
 * @example
 * await app.register(playgroundPlugin, { enabled: config.playground !== false });
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ROOT } from '../core/paths.js';

/** Options for playgroundPlugin. */
export interface PlaygroundOptions {
  /** Serve the playground (default true); false registers nothing, so `/` is a 404. */
  enabled?: boolean;
  /** Folder holding index.html and its assets (default `<package root>/web`). */
  dir?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
};

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer, type: string): Asset {
  return { body, type, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Read the servable files of `dir` and the page with its asset URLs versioned. */
export function loadPlayground(dir: string): { page: Asset; assets: Map<string, Asset>; version: string } {
  const assets = new Map<string, Asset>();
  const all = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const type = TYPES[extname(name)];
    if (!type || name === 'index.html') continue;
    const body = readFileSync(join(dir, name));
    all.update(name).update(body);
    assets.set(name, asset(body, type));
  }
  const version = all.digest('hex').slice(0, 12);
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replaceAll('__VERSION__', version);
  return { page: asset(Buffer.from(html), TYPES['.html']!), assets, version };
}

function send(req: FastifyRequest, reply: FastifyReply, file: Asset, cacheControl: string): FastifyReply {
  reply
    .header('content-type', file.type)
    .header('cache-control', cacheControl)
    .header('etag', file.etag)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer');
  if (file.type.startsWith('text/html')) reply.header('content-security-policy', CSP);
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.send(file.body);
}

/** Fastify plugin serving the playground page at `/` and its assets at `/playground/<file>`. */
export const playgroundPlugin: FastifyPluginAsync<PlaygroundOptions> = async function playgroundPlugin(app, opts) {
  if (opts.enabled === false) return;
  const { page, assets, version } = loadPlayground(opts.dir ?? join(ROOT, 'web'));
  const index = (req: FastifyRequest, reply: FastifyReply): FastifyReply => send(req, reply, page, 'no-cache');
  app.get('/', index);
  app.get('/playground', (_req, reply) => reply.redirect('/', 301));
  app.get('/playground/', index);
  app.get<{ Params: { file: string }; Querystring: { v?: string } }>('/playground/:file', (req, reply) => {
    const file = assets.get(req.params.file);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    const immutable = req.query.v === version;
    return send(req, reply, file, immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
  });
};
