/**
 * A real psr server (createApp + the playground plugin) on 127.0.0.1:0 for the client and
 * playground tests, with a scripted engine that emits every phase, reasoning, a proof and the
 * answer word by word at a chosen pace — so the tests see exactly what the server renders.
 */
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApp } from '../src/api/app.js';
import type { Engine, EngineEvent, GenerateRequest, ModelCard } from '../src/core/types.js';
import { phasesStage } from '../src/pipeline/phases/stage.js';
import { reasoningStage } from '../src/pipeline/reasoning/stage.js';
import { startStack, type PsrStack } from './helpers/psr-stack.js';

/** Wait until `check()` holds, polling every 50 ms; bounded by `ms` (generous: CI is a loaded 2-core machine). */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** Flags for Debian's headless Chromium in CI containers (no sandbox, GPU, network chatter). */
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Milliseconds between answer words per model. */
const PACE: Record<string, number> = { 'scripted-phased': 15, 'scripted-slow': 250, 'scripted-plain': 5, 'scripted-tools': 5 };

function lastUser(req: GenerateRequest): { text: string; turn: number } {
  if (req.input.kind !== 'chat') return { text: req.input.prompt, turn: 1 };
  const users = req.input.messages.filter((m) => m.role === 'user');
  const content = users.at(-1)?.content;
  return { text: typeof content === 'string' ? content : '', turn: users.length };
}

/** Calls `add` first; once a tool result is in the conversation, reports it. */
function* toolTurn(req: GenerateRequest): Iterable<EngineEvent> {
  const messages = req.input.kind === 'chat' ? req.input.messages : [];
  const result = messages.filter((m) => m.role === 'tool').at(-1);
  if (result) {
    yield { type: 'content', choice: 0, text: `The tool said ${String(result.content)}.` };
    yield { type: 'finish', choice: 0, reason: 'stop' };
    return;
  }
  yield { type: 'tool_call', choice: 0, index: 0, id: 'call_add', name: 'add', argumentsDelta: '{"a":2,' };
  yield { type: 'tool_call', choice: 0, index: 0, argumentsDelta: '"b":3}' };
  yield { type: 'finish', choice: 0, reason: 'tool_calls' };
}

/** Emits prompt summary → reasoning → reasoning summary → final output → proof. */
export class ScriptedEngine implements Engine {
  readonly name = 'scripted';

  models(): ModelCard[] {
    return Object.keys(PACE).map((id) => ({ id, ownedBy: 'psr-tests' }));
  }

  async health(): Promise<{ ok: boolean }> {
    return { ok: true };
  }

  async *generate(req: GenerateRequest, signal: AbortSignal): AsyncIterable<EngineEvent> {
    const { text, turn } = lastUser(req);
    const pace = PACE[req.model] ?? 10;
    if (req.model === 'scripted-tools') return yield* toolTurn(req);
    const plain = req.model === 'scripted-plain';
    if (!plain) {
      yield { type: 'phase', choice: 0, phase: 'prompt_summary', text: `The user asks: ${text}` };
      yield { type: 'reasoning', choice: 0, text: 'Let me think step by step.' };
      yield { type: 'phase', choice: 0, phase: 'reasoning_summary', text: 'Considered one rule and two facts.' };
      yield { type: 'phase', choice: 0, phase: 'final_output' };
    }
    const words = `Answer for turn ${turn}: ${req.model === 'scripted-slow' ? 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty.' : 'forty-two.'}`.split(' ');
    for (const [i, word] of words.entries()) {
      await sleep(pace, undefined, { signal });
      yield { type: 'content', choice: 0, text: (i > 0 ? ' ' : '') + word };
    }
    if (!plain) {
      const proof = { label: 'answer(42)', kind: 'rule', detail: 'r1', children: [{ label: 'fact(a)' }, { label: 'fact(b)', children: [{ label: 'axiom(b)' }] }] };
      yield { type: 'meta', choice: 0, key: 'proof', value: proof };
    }
    yield { type: 'finish', choice: 0, reason: 'stop' };
  }
}

/** A listening psr with the scripted engine and the playground; close() when done. */
export async function startScriptedPsr(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = await createApp({ engines: [new ScriptedEngine()] }); // createApp serves the playground by default
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/**
 * psr as a reasoning gateway (think-tag splitter + phased streaming, raw reasoning and summaries)
 * over the real mock upstream, with the playground; `tokenDelayMs` slows the mock's tokens.
 */
export async function startGatewayPsr(tokenDelayMs = 0): Promise<PsrStack> {
  return startStack({
    mock: { modes: { tokenDelayMs } },
    app: {
      pipeline: { before: [reasoningStage('think_tags')], after: [phasesStage({ rawReasoning: 'both' })] },
    },
  });
}

/** The output of one `psr chat` run. */
export interface ChatRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run `psr chat ...args` as a child process with piped output (plain unless `env` asks for colour);
 * colour and key variables from the test's own environment are not inherited.
 */
export function runChat(args: string[], env: Record<string, string> = {}, stdin = ''): Promise<ChatRun> {
  return new Promise((resolve, reject) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['NO_COLOR', 'FORCE_COLOR', 'PSR_API_KEY', 'OPENAI_API_KEY']) delete childEnv[k];
    Object.assign(childEnv, env);
    const root = new URL('..', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'chat', ...args], { cwd: root, env: childEnv, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
