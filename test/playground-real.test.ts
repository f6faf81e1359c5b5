/**
 * The playground and `psr chat` against the real `psr serve` process (default config: the
 * psycho-symbolic engine; `--mock` with API keys: also the simulated reasoning LLM), in headless
 * Chromium: a symbolic answer with its proof tree, the key field unlocking a keyed server, the
 * three phases from mock-reasoner, and the CLI's --json with the proof.
 * Screenshot (1280×800, proof open): test-output/playground-real.png.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './client-harness.js';
import { spawnPsr, type PsrProcess } from './helpers/psr-process.js';

const ROOT = new URL('..', import.meta.url).pathname;
const OUT = new URL('../test-output/', import.meta.url).pathname;
const QUESTION = 'What are JWT security vulnerabilities?';
// generous for a loaded 2-core CI machine; every wait is on a condition, never a sleep
const WAIT = 60_000;
let plain: PsrProcess;
let mock: PsrProcess;
const KEY = 'sk-playground-test-key';
let browser: Browser;

before(async () => {
  [plain, mock, browser] = await Promise.all([
    spawnPsr(),
    // (two servers, not three: each start is seconds of CPU on a 2-core machine)
    spawnPsr({ args: ['--mock'], env: { PSR_API_KEYS: KEY } }),
    chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: WAIT }),
  ]);
});
after(async () => {
  await browser?.close();
  await Promise.all([plain?.stop(), mock?.stop()]);
});

async function ask(url: string, model: string, text: string, key?: string): Promise<{ page: Page; turn: Locator }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(WAIT);
  await page.goto(url + '/');
  if (key) {
    // the page is public; the API needs the key, typed into its field (a change reloads the models)
    await page.locator('#status', { hasText: 'Could not list models' }).waitFor();
    assert.equal(await page.locator('#model option').count(), 0);
    await page.fill('#api-key', key);
    await page.press('#api-key', 'Tab');
  }
  await page.locator(`#model option[value="${model}"]`).waitFor({ state: 'attached' });
  await page.selectOption('#model', model);
  await page.fill('#message', text);
  await page.press('#message', 'Enter');
  const turn = page.locator('.turn.assistant').last();
  await turn.and(page.locator(':not(.streaming)')).waitFor();
  return { page, turn };
}

test('default psr serve: the symbolic engine answers in the playground with a proof tree', async () => {
  const { page, turn } = await ask(plain.url, 'psycho-symbolic-v1', QUESTION);
  assert.deepEqual(await page.locator('#model option').allTextContents(), ['psycho-symbolic-v1', 'psycho-symbolic-v1-fast'], 'chat models only');
  assert.equal((await turn.locator('.prompt-summary p').textContent())?.trim(), `Question: ${QUESTION}`);
  assert.match((await turn.locator('.final-output .content').textContent()) ?? '', /JWT[\s\S]*algorithm confusion/);
  const reasoning = turn.locator('details.reasoning');
  assert.notEqual(((await reasoning.locator('.reasoning-summary').textContent()) ?? '').trim(), '');
  await reasoning.locator('summary').click();
  assert.match((await reasoning.locator('.reasoning-raw').textContent()) ?? '', /Linked: "JWT"/);
  await turn.locator('details.proof summary').click();
  const labels = await turn.locator('.tree .label').allTextContents();
  // (content checks stay loose: the starter knowledge base grows)
  assert.match(labels[0] ?? '', /JWT/);
  assert.ok(labels.some((l) => /JWT .*algorithm confusion/.test(l)), labels.join(' | '));
  assert.match((await turn.locator('.tree .detail').first().textContent()) ?? '', /security\.ttl/);
  assert.match((await turn.locator('.stats').textContent()) ?? '', /^TTFT \d+ ms · ([\d.]+ tok\/s|sent at once) · \d+ prompt \+ \d+ completion tokens · total/);
  assert.equal(await page.locator('.error').count(), 0);
  mkdirSync(OUT, { recursive: true });
  // the transcript scrolls, not the page: header and composer stay in view
  await turn.locator('.stats').scrollIntoViewIfNeeded();
  assert.equal(await page.evaluate<number>('window.scrollY'), 0);
  assert.equal(await page.locator('#message').isVisible(), true);
  await page.screenshot({ path: OUT + 'playground-real.png' });
  await page.close();
});

test('psr serve --mock with API keys: the key field unlocks the models; mock-reasoner shows the three phases', async () => {
  const { page, turn } = await ask(mock.url, 'mock-reasoner', QUESTION, KEY);
  const models = await page.locator('#model option').allTextContents();
  assert.ok(models.includes('mock-reasoner') && models.includes('psycho-symbolic-v1'), models.join());
  assert.deepEqual(models.filter((m) => /embed/.test(m)), [], 'no embedding models (mock-embed, psycho-symbolic-embed-v1)');
  for (const box of ['.prompt-summary', 'details.reasoning', '.final-output']) assert.equal(await turn.locator(box).isVisible(), true, box);
  assert.equal((await turn.locator('.prompt-summary p').textContent())?.trim(), `Question: ${QUESTION}`);
  assert.match((await turn.locator('.reasoning-summary').textContent()) ?? '', /\w+ \w+/);
  assert.match((await turn.locator('.final-output .content').textContent()) ?? '', /\w+ \w+/);
  assert.equal(await turn.locator('details.proof').isVisible(), false, 'no proof from an LLM');
  await page.screenshot({ path: OUT + 'playground-real-mock.png' });
  await page.close();
});

function chat(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chat', ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), WAIT);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end();
  });
}

test('psr chat --json against psr serve: the symbolic answer with its proof and phases', async () => {
  const run = await chat(['--url', plain.url, '--prompt', QUESTION, '--json']);
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as { model: string; content: string; proof: Array<{ label: string; children: unknown[] }>; phase_order: string[]; finish_reason: string };
  assert.equal(out.model, 'psycho-symbolic-v1', 'the first listed model is the default');
  assert.match(out.content, /algorithm confusion/);
  assert.match(out.proof[0]?.label ?? '', /JWT/);
  assert.ok((out.proof[0]?.children.length ?? 0) >= 3, JSON.stringify(out.proof));
  assert.deepEqual(out.phase_order, ['prompt_summary', 'reasoning_summary', 'final_output']);
  assert.equal(out.finish_reason, 'stop');
});
