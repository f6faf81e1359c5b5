/**
 * The playground in headless Chromium (Debian's, through playwright-core) against a real psr:
 * send a prompt and see the three phases, the answer, the proof tree and the latency line; stop a
 * stream mid-way with the button and with Esc; tool calls; keyboard-only use with labels and
 * visible focus; a screenshot in test-output/playground.png. Playwright gives each launch a
 * fresh temporary profile (it refuses --user-data-dir with launch()).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, startScriptedPsr } from './client-harness.js';

const OUT = new URL('../test-output/', import.meta.url).pathname;
// generous for a loaded 2-core CI machine; every wait is on a condition
const WAIT = 60_000;
let server: { url: string; close: () => Promise<void> };
let browser: Browser;

before(async () => {
  server = await startScriptedPsr();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: WAIT });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 860 } });
  page.setDefaultTimeout(WAIT);
  await page.goto(server.url + '/');
  await page.locator('#model option').first().waitFor({ state: 'attached' });
  return page;
}

async function sendPrompt(page: Page, model: string, text: string): Promise<void> {
  await page.selectOption('#model', model);
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
}

const lastTurn = (page: Page) => page.locator('.turn.assistant').last();

test('a prompt shows prompt summary, reasoning (collapsible), answer, proof tree and latency', async () => {
  const page = await open();
  assert.deepEqual(await page.locator('#model option').allTextContents(), ['scripted-phased', 'scripted-slow', 'scripted-plain', 'scripted-tools']);
  await page.fill('#system', 'Be brief.');
  await page.fill('#temperature', '0.3');
  await page.fill('#max-tokens', '200');
  await page.selectOption('#reasoning-effort', 'low');
  await sendPrompt(page, 'scripted-phased', 'What is six times seven?');
  const turn = lastTurn(page);
  await turn.and(page.locator(':not(.streaming)')).waitFor();
  assert.equal(await turn.locator('.prompt-summary p').textContent(), 'The user asks: What is six times seven?');
  const reasoning = turn.locator('details.reasoning');
  assert.equal(await reasoning.getAttribute('open'), null, 'reasoning starts collapsed');
  assert.equal(await reasoning.locator('.reasoning-summary').textContent(), 'Considered one rule and two facts.');
  assert.equal(await reasoning.locator('.reasoning-raw').isVisible(), false);
  await reasoning.locator('summary').click();
  assert.equal(await reasoning.locator('.reasoning-raw').textContent(), 'Let me think step by step.');
  assert.equal(await turn.locator('.final-output .content').textContent(), 'Answer for turn 1: forty-two.');
  await turn.locator('details.proof summary').click();
  assert.deepEqual(await turn.locator('.tree .label').allTextContents(), ['answer(42)', 'fact(a)', 'fact(b)', 'axiom(b)']);
  assert.match((await turn.locator('.stats').textContent()) ?? '', /^TTFT \d+ ms · [\d.]+ tok\/s · \d+ prompt \+ \d+ completion tokens · total [\d.]+ m?s$/);
  assert.match((await page.locator('#status').textContent()) ?? '', /^Answer complete in/);
  mkdirSync(OUT, { recursive: true });
  await page.screenshot({ path: OUT + 'playground.png', fullPage: true });
  await page.close();
});

test('Stop and Esc cut a slow stream mid-way; the conversation goes on', async () => {
  const page = await open();
  await sendPrompt(page, 'scripted-slow', 'count slowly');
  const content = lastTurn(page).locator('.final-output .content');
  // (locators, not waitForFunction: the page's CSP forbids the eval that a string predicate needs)
  await content.filter({ hasText: 'turn 1: one' }).waitFor();
  assert.equal(await page.locator('#stop').isEnabled(), true);
  await page.click('#stop');
  await page.locator('#status', { hasText: 'Stopped.' }).waitFor();
  const cut = (await content.textContent()) ?? '';
  assert.equal(cut.includes('twenty'), false);
  assert.match((await lastTurn(page).locator('.stats').textContent()) ?? '', /^stopped/);
  assert.equal(await page.locator('#send').isEnabled(), true);
  assert.equal(await page.locator('#stop').isEnabled(), false);
  await page.waitForTimeout(600);
  assert.equal(await content.textContent(), cut, 'nothing arrives after Stop');

  await sendPrompt(page, 'scripted-slow', 'again');
  await page.locator('.turn.assistant').nth(1).locator('.content', { hasText: 'turn 1: one' }).waitFor();
  await page.keyboard.press('Escape');
  await page.locator('#status', { hasText: 'Stopped.' }).waitFor();
  // both stopped exchanges were dropped from the conversation
  await sendPrompt(page, 'scripted-phased', 'and now?');
  await lastTurn(page).locator('.final-output .content', { hasText: 'Answer for turn 1: forty-two.' }).waitFor();
  await page.close();
});

test('tool calls are shown with their arguments', async () => {
  const page = await open();
  await sendPrompt(page, 'scripted-tools', 'what is 2+3?');
  await lastTurn(page).and(page.locator(':not(.streaming)')).waitFor();
  assert.equal(await lastTurn(page).locator('.tools li').textContent(), 'add({"a":2,"b":3})');
  await page.close();
});

test('keyboard only: labelled fields in tab order, visible focus, Shift+Enter newline, Enter sends', async () => {
  const page = await open();
  // (browser-side code as strings: this project's TypeScript has no DOM types)
  const unlabelled = await page.evaluate<string[]>(`[...document.querySelectorAll('input, select, textarea')].filter((el) => el.labels.length === 0).map((el) => el.id)`);
  assert.deepEqual(unlabelled, []);
  assert.equal(await page.getAttribute('#status', 'aria-live'), 'polite');
  const order: string[] = [];
  for (let i = 0; i < 9; i++) {
    await page.keyboard.press('Tab');
    order.push(await page.evaluate<string>(`document.activeElement?.id || document.activeElement?.className || ''`));
  }
  assert.deepEqual(order, ['skip', 'new-chat', 'model', 'system', 'temperature', 'max-tokens', 'reasoning-effort', 'api-key', 'message']);
  assert.equal(await page.evaluate<string>(`getComputedStyle(document.activeElement).outlineStyle`), 'solid', 'focus is visible');
  await page.keyboard.type('first line');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  assert.equal(await page.inputValue('#message'), 'first line\nsecond line');
  await page.keyboard.press('Enter');
  await lastTurn(page).and(page.locator(':not(.streaming)')).waitFor();
  assert.equal(await page.locator('.turn.user p').textContent(), 'first line\nsecond line');
  assert.equal(await page.evaluate<string>(`document.activeElement?.id`), 'message', 'focus returns to the message box');
  await page.close();
});
