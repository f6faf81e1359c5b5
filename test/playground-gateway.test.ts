/**
 * The playground against psr as a reasoning gateway over the real mock upstream, in headless
 * Chromium: the three phases of a real <think> stream, and Stop aborting the request up to the
 * upstream (the mock counts it as aborted).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startGatewayPsr, until } from './client-harness.js';
import type { PsrStack } from './helpers/psr-stack.js';

// generous for a loaded 2-core CI machine; every wait is on a condition
const WAIT = 60_000;
let stack: PsrStack;
let browser: Browser;

before(async () => {
  stack = await startGatewayPsr(60);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: WAIT });
});
after(async () => {
  await browser?.close();
  await stack?.close();
});

async function ask(text: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(WAIT);
  await page.goto(stack.url + '/');
  await page.locator('#model option[value="mock-reasoner"]').waitFor({ state: 'attached' });
  await page.selectOption('#model', 'mock-reasoner');
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
  return page;
}

test('a real reasoning stream shows prompt summary, reasoning and the answer', async () => {
  const page = await ask('What is 2+2?');
  const turn = page.locator('.turn.assistant').last();
  await turn.and(page.locator(':not(.streaming)')).waitFor();
  assert.match((await turn.locator('.prompt-summary p').textContent()) ?? '', /What is 2\+2\?/);
  assert.match((await turn.locator('.reasoning-summary').textContent()) ?? '', /Adding 2 and 2 gives 4/);
  assert.match((await turn.locator('.reasoning-raw').textContent()) ?? '', /2 \+ 2 = 4/);
  assert.equal(await turn.locator('.final-output .content').textContent(), 'The answer is 4.');
  assert.match((await turn.locator('.stats').textContent()) ?? '', /TTFT \d+ ms · [\d.]+ tok\/s/);
  await page.close();
});

test('Stop mid-stream aborts the request up to the upstream', async () => {
  const before = stack.mock.stats().aborted;
  const page = await ask('What is 2+2?');
  await page.locator('.turn.assistant .reasoning-raw', { hasText: 'The user' }).waitFor({ state: 'attached' });
  await page.click('#stop');
  await page.locator('#status', { hasText: 'Stopped.' }).waitFor();
  assert.equal(await page.locator('.turn.assistant .final-output .content').textContent(), '');
  await until(() => stack.mock.stats().aborted === before + 1, 'the upstream request to be aborted');
  await page.close();
});
