/**
 * The deployment files, checked for what the issue requires (there is no Docker engine here;
 * nginx itself is exercised in ops-nginx.test.ts): compose services and the 512M limit,
 * a multi-stage non-root Dockerfile, and nginx accepting the config.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../src/core/paths.js';
import { templateNginxConf } from './helpers/nginx.js';

test('docker-compose.yml: psr + redis + nginx, 512M limit, Redis wired, nginx.conf mounted', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'));
  assert.deepEqual(Object.keys(compose.services).sort(), ['nginx', 'psr', 'redis']);
  const psr = compose.services.psr;
  assert.equal(psr.deploy.resources.limits.memory, '512M');
  assert.ok(psr.environment.includes('REDIS_URL=redis://redis:6379'));
  for (const v of ['PORT', 'CACHE_SIZE', 'MAX_TOKENS', 'ENABLE_STREAMING']) assert.ok(psr.environment.some((e: string) => e.startsWith(`${v}=`)), v);
  assert.ok(compose.services.nginx.volumes.includes('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro'));
});

test('Dockerfile: multi-stage on node:20-slim, runs as a non-root user', () => {
  const text = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
  const froms = text.split('\n').filter((l) => l.startsWith('FROM '));
  assert.ok(froms.length >= 2, 'multi-stage');
  assert.ok(froms.every((l) => l.startsWith('FROM node:20-slim')));
  assert.match(text, /^USER node$/m);
  assert.match(text, /^CMD \["node", "bin\/psr.js", "serve"\]$/m);
});

test('nginx -t accepts deploy/nginx.conf (templated for loopback)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-nginx-t-'));
  try {
    const conf = templateNginxConf(readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8'), { port: 18080, upstreamPort: 13000, dir });
    writeFileSync(join(dir, 'nginx.conf'), conf);
    const r = spawnSync('/usr/sbin/nginx', ['-t', '-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    for (const d of ['proxy_buffering off', 'proxy_cache off', 'proxy_read_timeout 3600s', 'proxy_http_version 1.1', 'keepalive 64']) assert.ok(conf.includes(d), d);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
