/**
 * A bad configuration stops the real `psr serve` before it listens: exit 1, and stderr names
 * the key and where it came from (config file and line, environment variable, or flag).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { configFile } from './helpers/psr-process.js';

function serve(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 90_000 }, (_err, stdout, stderr) =>
      resolve({ code: child.exitCode, stdout, stderr }),
    );
  });
}

test('config errors stop psr serve with exit 1 naming the key and where it came from', async (t) => {
  const cases: Array<{ name: string; args: string[]; env: Record<string, string>; want: RegExp[] }> = [
    { name: 'file', args: ['--config', configFile('bad.yaml', 'port: 80\ncache:\n  ttlSeconds: 0\n')], env: {}, want: [/bad\.yaml:3: cache\.ttlSeconds must be >= 1/] },
    { name: 'unknown key', args: ['--config', configFile('typo.json', '{\n  "ratelimit": {}\n}')], env: {}, want: [/typo\.json:2: ratelimit is not a known setting/] },
    { name: 'PSR_CONFIG, two problems', args: [], env: { PSR_CONFIG: configFile('two.yaml', 'workers: 0\nlog:\n  level: loud\n') }, want: [/two\.yaml:1: workers must be >= 1/, /two\.yaml:3: log\.level must be one of/] },
    { name: 'environment', args: [], env: { REDIS_URL: 'localhost:6379' }, want: [/env REDIS_URL: redis\.url must be a redis:\/\/ or rediss:\/\/ URL/] },
    { name: 'flag', args: ['--workers', 'many'], env: {}, want: [/flag --workers: must be an integer/] },
  ];
  // started together: each is a whole Node start-up, and they are independent
  const results = await Promise.all(cases.map((c) => serve(c.args, c.env)));
  for (const [i, c] of cases.entries()) {
    await t.test(c.name, () => {
      const r = results[i]!;
      assert.equal(r.code, 1, r.stderr);
      for (const re of c.want) assert.match(r.stderr, re);
      assert.doesNotMatch(r.stdout, /listening/);
    });
  }
});
