/**
 * Turning the playground off: config file `playground: false`, PSR_PLAYGROUND=0 and
 * `psr serve --no-playground` (flags > environment > file), checked in the loader and on the
 * real `psr serve` process, where / is then a 404 and the API still answers.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig, type ConfigFlags } from '../src/config.js';
import { configFile, spawnPsr } from './helpers/psr-process.js';

const OFF = configFile('psr.yaml', 'playground: false\n');
const ON = configFile('psr.json', '{ "playground": true }\n');

const cases: Array<{ name: string; env: Record<string, string>; flags: ConfigFlags; want: boolean }> = [
  { name: 'default', env: {}, flags: {}, want: true },
  { name: 'file off', env: {}, flags: { config: OFF }, want: false },
  { name: 'env off', env: { PSR_PLAYGROUND: '0' }, flags: {}, want: false },
  { name: 'env off over file on', env: { PSR_PLAYGROUND: 'false' }, flags: { config: ON }, want: false },
  { name: 'env on over file off', env: { PSR_PLAYGROUND: '1' }, flags: { config: OFF }, want: true },
  { name: '--no-playground over env', env: { PSR_PLAYGROUND: 'yes' }, flags: { playground: false }, want: false },
  { name: '--playground over file and env', env: { PSR_PLAYGROUND: 'off' }, flags: { config: OFF, playground: true }, want: true },
];
for (const c of cases) {
  test(`loadConfig playground: ${c.name}`, () => {
    assert.equal(loadConfig(c.env, c.flags).playground, c.want);
  });
}

test('a bad PSR_PLAYGROUND names the variable', () => {
  assert.throws(() => loadConfig({ PSR_PLAYGROUND: 'maybe' }), (err: unknown) => err instanceof ConfigError && /PSR_PLAYGROUND/.test(err.message));
});

// (PSR_PLAYGROUND reaches the same config key as these two: the loader table above covers it)
const servers: Array<{ name: string; args: string[]; env?: Record<string, string>; page: number }> = [
  { name: 'psr serve --no-playground', args: ['--no-playground'], page: 404 },
  { name: 'psr serve --config (playground: false)', args: ['--config', OFF], page: 404 },
];
for (const s of servers) {
  test(`${s.name}: / is ${s.page}, the API answers`, async () => {
    const psr = await spawnPsr({ args: s.args, env: s.env });
    try {
      assert.equal((await fetch(`${psr.url}/`)).status, s.page);
      assert.equal((await fetch(`${psr.url}/playground/app.js`)).status, s.page);
      assert.equal((await fetch(`${psr.url}/v1/models`)).status, 200);
    } finally {
      await psr.stop();
    }
  });
}
