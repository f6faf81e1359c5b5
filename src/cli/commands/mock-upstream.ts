/** `psr mock-upstream`: a simulated reasoning LLM with an OpenAI-compatible API. */
import { parseArgs } from 'node:util';
import { MODE_HEADERS, REASONING_FORMATS, TOOL_FORMATS, type ReasoningFormat, type ToolFormat } from '../../mock-upstream/modes.js';
import { startMockUpstream } from '../../mock-upstream/server.js';

/** One-line description for `psr --help`. */
export const summary = 'run a simulated reasoning LLM (OpenAI-compatible, MOCK_PORT default 9000)';

const HELP = `usage: psr mock-upstream [--port N] [--host H] [--reasoning FORMAT] [--tool-format F] [--token-delay-ms N] [--api-key KEY]

A simulated reasoning model for trying psr without a model: chat, completions, embeddings and
models, streamed and not. It reasons in <think>…</think> and then answers ("What is 2+2?" →
"The answer is 4."); answers are deterministic for a prompt and seed. Models: mock-reasoner, mock-embed.

options (defaults for every request):
  --port N            listen port (default MOCK_PORT or 9000)
  --host H            listen address (default 127.0.0.1)
  --reasoning F       ${Object.keys(REASONING_FORMATS).join(' | ')} (default tags)
  --tool-format F     ${TOOL_FORMATS.join(' | ')} (default openai)
  --token-delay-ms N  delay between streamed tokens (default 0)
  --api-key KEY       require Authorization: Bearer KEY

per-request overrides (headers, or the same names in a "mock" body object, e.g.
{"mock": {"token_delay_ms": 20, "reasoning": "field-reasoning"}}, which gateways forward):
${Object.entries(MODE_HEADERS).map(([h, d]) => `  ${h.padEnd(24)} ${d}`).join('\n')}

GET /mock/stats returns {requests, active, completed, aborted}: aborted counts requests the
client cancelled before the response ended.
`;

/** Run the mock until SIGINT/SIGTERM. */
export async function run(args: string[]): Promise<number | void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      reasoning: { type: 'string' },
      'tool-format': { type: 'string' },
      'token-delay-ms': { type: 'string' },
      'api-key': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const reasoning = values.reasoning ?? 'tags';
  if (!(reasoning in REASONING_FORMATS)) throw new Error(`--reasoning must be one of ${Object.keys(REASONING_FORMATS).join(', ')}`);
  const toolFormat = values['tool-format'] ?? 'openai';
  if (!(TOOL_FORMATS as readonly string[]).includes(toolFormat)) throw new Error(`--tool-format must be one of ${TOOL_FORMATS.join(', ')}`);
  const port = Number(values.port ?? process.env.MOCK_PORT ?? 9000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port / MOCK_PORT must be a port number');
  const mock = await startMockUpstream({
    port,
    host: values.host,
    apiKey: values['api-key'],
    modes: { reasoning: reasoning as ReasoningFormat, toolFormat: toolFormat as ToolFormat, tokenDelayMs: Number(values['token-delay-ms'] ?? 0) },
  });
  process.stdout.write(`psr mock-upstream listening on ${mock.url}/v1\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await mock.close();
  return 0;
}
