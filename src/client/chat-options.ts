/** `psr chat` options: parsed once with node:util parseArgs, validated, with their help text. */
import { parseArgs } from 'node:util';

/** The reasoning efforts the OpenAI API accepts. */
export const REASONING_EFFORTS = ['none', 'minimal', 'low', 'medium', 'high'] as const;

/** Validated `psr chat` options. */
export interface ChatOptions {
  url: string;
  model?: string;
  prompt?: string;
  system?: string;
  interactive: boolean;
  health: boolean;
  verbose: boolean;
  quiet: boolean;
  json: boolean;
  apiKey?: string;
  temperature?: number;
  maxTokens?: number;
  reasoningEffort?: string;
  tools?: string;
  help: boolean;
}

/** The help text. */
export const CHAT_USAGE = `usage: psr chat [options]

Talk to psr (or any OpenAI-compatible server) from the terminal.

  --url <url>              server, with or without /v1 (default http://localhost:3000)
  --model <id>             model (default: the first one GET /v1/models lists)
  -p, --prompt <text>      ask once and exit ("-" or no prompt with piped stdin: read stdin)
  -s, --system <text>      system prompt
  -i, --interactive        a REPL that keeps the conversation (/help inside)
  --health                 print GET /health and exit (exit code 1 when not healthy)
  -v, --verbose            phase transitions and timings (ttfb, ttft, tokens/s, total) on stderr
  -q, --quiet              print the answer only (no summaries, reasoning or proofs)
  --json                   one JSON object per answer: content, reasoning, phases, usage, timings
  --api-key <key>          bearer token (default $PSR_API_KEY, then $OPENAI_API_KEY)
  --temperature <t>        sampling temperature
  --max-tokens <n>         answer length limit
  --reasoning-effort <e>   ${REASONING_EFFORTS.join(' | ')}
  --tools <module>         a module exporting tools to offer and run
  -h, --help               this help

Colour follows the terminal: off when stdout is not a TTY or NO_COLOR is set, on with FORCE_COLOR.
History of the interactive mode: ~/.psr_history (or $PSR_HISTORY_FILE).
`;

/** Parse and validate argv; throws an Error with a user-facing message on bad input. */
export function parseChatArgs(args: string[], env: NodeJS.ProcessEnv = process.env): ChatOptions {
  const { values } = parseArgs({
    args,
    allowPositionals: false,
    options: {
      url: { type: 'string', default: 'http://localhost:3000' },
      model: { type: 'string' },
      prompt: { type: 'string', short: 'p' },
      system: { type: 'string', short: 's' },
      interactive: { type: 'boolean', short: 'i', default: false },
      health: { type: 'boolean', default: false },
      verbose: { type: 'boolean', short: 'v', default: false },
      quiet: { type: 'boolean', short: 'q', default: false },
      json: { type: 'boolean', default: false },
      'api-key': { type: 'string' },
      temperature: { type: 'string' },
      'max-tokens': { type: 'string' },
      'reasoning-effort': { type: 'string' },
      tools: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const effort = values['reasoning-effort'];
  if (effort !== undefined && !(REASONING_EFFORTS as readonly string[]).includes(effort)) {
    throw new Error(`--reasoning-effort must be one of ${REASONING_EFFORTS.join(', ')}; got '${effort}'`);
  }
  const apiKey = values['api-key'] ?? (env.PSR_API_KEY || undefined) ?? (env.OPENAI_API_KEY || undefined);
  return {
    url: values.url ?? 'http://localhost:3000',
    ...(values.model ? { model: values.model } : {}),
    ...(values.prompt !== undefined ? { prompt: values.prompt } : {}),
    ...(values.system ? { system: values.system } : {}),
    interactive: values.interactive === true,
    health: values.health === true,
    verbose: values.verbose === true,
    quiet: values.quiet === true,
    json: values.json === true,
    ...(apiKey ? { apiKey } : {}),
    ...optionalNumber('temperature', values.temperature, 0, 2, false),
    ...optionalNumber('maxTokens', values['max-tokens'], 1, Number.MAX_SAFE_INTEGER, true),
    ...(effort ? { reasoningEffort: effort } : {}),
    ...(values.tools ? { tools: values.tools } : {}),
    help: values.help === true,
  };
}

function optionalNumber(key: string, raw: string | undefined, min: number, max: number, integer: boolean): Record<string, number> {
  if (raw === undefined) return {};
  const n = Number(raw);
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  if (raw.trim() === '' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`${flag} must be ${integer ? 'an integer' : 'a number'} from ${min}${max < 1e9 ? ` to ${max}` : ''}; got '${raw}'`);
  }
  return { [key]: n };
}
