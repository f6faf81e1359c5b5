/**
 * Run Debian's nginx with the project's own deploy/nginx.conf, templated for a test: listen on
 * a free loopback port, proxy to the test's upstream port, keep pid/logs/temp files in a temp
 * dir. Only lines marked `# templated` are rewritten; a missing one fails loudly so the config
 * and this helper cannot drift apart. CI installs nginx (.ci/run); a missing binary fails too.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../../src/core/paths.js';
import { freePort, waitForPort } from './redis-server.js';

/** A running nginx. */
export interface NginxServer {
  port: number;
  url: string;
  /** The error log so far (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

const NGINX = '/usr/sbin/nginx';

/** deploy/nginx.conf with the test's ports and paths. */
export function templateNginxConf(conf: string, o: { port: number; upstreamPort: number; dir: string }): string {
  const rules: Array<[RegExp, string]> = [
    [/^pid .*# templated$/m, `pid ${o.dir}/nginx.pid;`],
    [/^error_log .*# templated$/m, `error_log ${o.dir}/error.log warn;`],
    [/^(\s*)access_log .*# templated$/m, `$1access_log ${o.dir}/access.log;`],
    [/^(\s*)client_body_temp_path .*# templated$/m, `$1client_body_temp_path ${o.dir}/body;`],
    [/^(\s*)proxy_temp_path .*# templated$/m, `$1proxy_temp_path ${o.dir}/proxy;\n$1fastcgi_temp_path ${o.dir}/fastcgi;\n$1uwsgi_temp_path ${o.dir}/uwsgi;\n$1scgi_temp_path ${o.dir}/scgi;`],
    [/^(\s*)server psr:3000;.*# templated$/m, `$1server 127.0.0.1:${o.upstreamPort};`],
    [/^(\s*)listen 80;.*# templated$/m, `$1listen 127.0.0.1:${o.port};`],
  ];
  let out = conf;
  for (const [re, replacement] of rules) {
    if (!re.test(out)) throw new Error(`deploy/nginx.conf no longer has a line matching ${re}; update test/helpers/nginx.ts`);
    out = out.replace(re, replacement);
  }
  return out;
}

/** Start nginx in front of 127.0.0.1:`upstreamPort`. */
export async function startNginx(opts: { upstreamPort: number }): Promise<NginxServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'psr-nginx-'));
  chmodSync(dir, 0o755); // workers may run as an unprivileged user when started as root
  const conf = templateNginxConf(readFileSync(join(ROOT, 'deploy/nginx.conf'), 'utf8'), { port, upstreamPort: opts.upstreamPort, dir });
  writeFileSync(join(dir, 'nginx.conf'), conf);
  const child = spawn(NGINX, ['-e', join(dir, 'error.log'), '-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const failed = new Promise<never>((_, reject) => {
    child.once('error', (err) => reject(new Error(`cannot start ${NGINX} (CI installs nginx via .ci/run): ${err.message}`)));
    child.once('exit', (code) => reject(new Error(`nginx exited with ${code}: ${stderr}${readLog(dir)}`)));
  });
  failed.catch(() => {});
  await Promise.race([waitForPort(port), failed]);
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    errors: () => stderr + readLog(dir),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLog(dir: string): string {
  try {
    return readFileSync(join(dir, 'error.log'), 'utf8');
  } catch {
    return '';
  }
}
