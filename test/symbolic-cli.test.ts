// psr ask and psr serve --kb as a user runs them: real processes, real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
function psr(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

test('psr ask answers from the starter knowledge and --explain shows the proof tree', () => {
  const r = psr(['ask', '--explain', 'Is Alice a person?', '--kb', 'src/engines/symbolic/fixtures/org.yaml']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Yes: Alice is a person\./);
  assert.match(r.stdout, /— proof —/);
  assert.match(r.stdout, /Alice — type → engineer/);
  const unknown = psr(['ask', 'What is the airspeed of an unladen swallow?']);
  assert.equal(unknown.status, 3);
  assert.match(unknown.stdout, /I don't know/);
});

test('a malformed knowledge file stops psr ask and psr serve with its file, line and column', () => {
  const dir = mkdtempSync(join(tmpdir(), 'psr-kb-'));
  const bad = join(dir, 'bad.ttl');
  writeFileSync(bad, '@prefix : <http://x/> .\n:a :b :c .\n:d :e \n');
  try {
    const ask = psr(['ask', 'What is a?', '--kb', bad]);
    assert.equal(ask.status, 1);
    assert.match(ask.stderr, /bad\.ttl:[34]:\d+: /);
    const serve = psr(['serve', '--port', '0', '--kb', bad]);
    assert.notEqual(serve.status, 0);
    assert.match(serve.stderr, /bad\.ttl:[34]:\d+: /);
    assert.doesNotMatch(serve.stdout, /listening/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
