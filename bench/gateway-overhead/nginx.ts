/**
 * nginx as the near-free upstream: /json/v1/chat/completions returns a fixed completion,
 * /sse/v1/chat/completions a fixed event stream. Runs from a temp prefix, in the foreground.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_BODY, SSE_BODY } from './fixtures.js';

// nginx `return` takes a quoted string; escape what the config parser would interpret.
function quote(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$/g, '${dollar}')}'`;
}

// Each base path lists its own model, so psr's two targets on this one nginx serve one model each.
function models(id: string): string {
  return JSON.stringify({ object: 'list', data: [{ id, object: 'model', created: 1, owned_by: 'bench' }] });
}

function conf(dir: string, port: number): string {
  return `
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  geo $dollar { default "$"; }
  server {
    listen 127.0.0.1:${port};
    location = /json/v1/chat/completions { default_type application/json; return 200 ${quote(JSON_BODY)}; }
    location = /sse/v1/chat/completions { default_type text/event-stream; return 200 ${quote(SSE_BODY)}; }
    location = /json/v1/models { default_type application/json; return 200 '${models('bench-json')}'; }
    location = /sse/v1/models { default_type application/json; return 200 '${models('bench-sse')}'; }
    location ~ /v1/models$ { default_type application/json; return 200 '${models('bench-model')}'; }
  }
}
`;
}

/** Start nginx on `port`; resolves once it answers. */
export async function startNginx(port: number): Promise<{ url: string; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'psr-bench-nginx-'));
  mkdirSync(join(dir, 'logs'));
  writeFileSync(join(dir, 'nginx.conf'), conf(dir, port));
  const child: ChildProcess = spawn('/usr/sbin/nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/json/v1/models`)).ok) return { url, stop: () => child.kill('SIGTERM') };
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`nginx did not start; see ${dir}/error.log`);
}
