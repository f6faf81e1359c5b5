/** Loading tool modules in each accepted shape, from JS and TS, and rejecting bad ones. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadToolsModule, toolsFromModule } from './load-tools-module.js';

const here = fileURLToPath(new URL('./fixtures/', import.meta.url));
const ctx = { name: 'x', toolCallId: 'call_1' };

test('each module shape loads into a tool set that runs', async () => {
  const obj = await loadToolsModule('tools-object.mjs', here);
  assert.deepEqual(Object.keys(obj), ['add']);
  assert.deepEqual(await obj.add.run({ a: 2, b: 3 } as never, ctx), { sum: 5 });
  const list = await loadToolsModule('tools-list.ts', here);
  assert.equal(list.echo.description, 'Echo text');
  assert.equal(await list.echo.run({ text: 'hi' } as never, ctx), 'hi');
  const named = await loadToolsModule(here + 'tools-named.mjs');
  assert.deepEqual(Object.keys(named), ['now']);
});

test('bad modules fail with a message naming the file and tool', async () => {
  await assert.rejects(loadToolsModule('missing.mjs', here), /tools module not found/);
  await assert.rejects(loadToolsModule('tools-bad.mjs', here), /tools-bad\.mjs: tool 'bad name': Invalid 'tools\[0\]\.function\.name'/);
  assert.throws(() => toolsFromModule({ default: { a: { description: 'no run' } } }), /tool 'a' has no run function/);
  assert.throws(() => toolsFromModule({ default: [{ run: () => 1 }] }), /tools\[0\] has no name/);
  assert.throws(() => toolsFromModule({ x: 1 }), /exports no tools/);
});
