/**
 * `psr tools`: look inside function calling from the terminal — list the tool-call parsers,
 * parse model text into tool calls, check a tools module, and see how the symbolic engine
 * would match and fill a tool for a request.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ToolChoice, ToolDefinition } from '../../core/types.js';
import { planToolUse, rankTools } from '../../engines/symbolic/tools/index.js';
import { createToolCallParser, toolCallParsers } from '../../pipeline/tools/registry.js';
import { loadToolsModule } from '../../tools/load-tools-module.js';
import { toolDefinitions } from '../../tools/tool-set.js';
import { validateToolFields } from '../../tools/validate-tools.js';

/** One-line summary for `psr --help`. */
export const summary = 'function calling: list parsers, parse model text into tool calls, check a tools module, try symbolic tool matching';

const HELP = `usage:
  psr tools parsers                              the tool-call parser names
  psr tools parse --parser <name> [file|-]       parse model text (a file or stdin) into content + tool_calls (JSON)
  psr tools check <module>                       load a tools module (.js/.mjs/.ts) and print its OpenAI tools list
  psr tools match "<request>" --tools <file>     how the symbolic engine answers: tool scores and the plan
        [--choice auto|required|none|<name>] [--now 2026-01-31T09:00:00Z]
        <file> is a tools module or a JSON file holding an OpenAI "tools" array
`;

const OPTIONS = { parser: { type: 'string' }, tools: { type: 'string' }, choice: { type: 'string' }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

/** Entry point: 0 on success, 1 on a failed check, 2 on bad usage. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true });
  const [sub, arg] = positionals;
  if (values.help || !sub) {
    process.stdout.write(HELP);
    return sub || values.help ? 0 : 2;
  }
  try {
    if (sub === 'parsers') return print(toolCallParsers.list());
    if (sub === 'parse') return print(parseText(values.parser ?? 'hermes', readInput(arg)));
    if (sub === 'check') return print(toolDefinitions(await loadToolsModule(need(arg, 'a module path'))));
    if (sub === 'match') return print(await match(need(arg, 'a request'), need(values.tools, '--tools <file>'), values.choice, values.now));
  } catch (err) {
    process.stderr.write(`psr tools ${sub}: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  process.stderr.write(`psr tools: unknown subcommand '${sub}'\n\n${HELP}`);
  return 2;
}

function need(value: string | undefined, what: string): string {
  if (!value) throw new Error(`missing ${what}`);
  return value;
}

function print(value: unknown): number {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  return 0;
}

function readInput(path: string | undefined): string {
  return readFileSync(path === undefined || path === '-' ? 0 : path, 'utf8');
}

/** Parse a whole text with a named parser, as the tool-call stage would. */
function parseText(parser: string, text: string): { content: string; tool_calls: unknown[] } {
  const p = createToolCallParser(parser);
  const outs = [p.push(text), p.finish()];
  return {
    content: outs.map((o) => o.content).join(''),
    tool_calls: outs.flatMap((o) => o.calls).map((c, i) => ({ index: i, type: 'function', function: { name: c.name, arguments: c.arguments }, ...(c.truncated ? { truncated: true } : {}) })),
  };
}

async function loadDefinitions(file: string): Promise<ToolDefinition[]> {
  if (file.endsWith('.json')) return validateToolFields({ tools: JSON.parse(readFileSync(file, 'utf8')) as unknown }).tools ?? [];
  return toolDefinitions(await loadToolsModule(file));
}

async function match(text: string, file: string, choice: string | undefined, now: string | undefined): Promise<unknown> {
  const tools = await loadDefinitions(file);
  const toolChoice: ToolChoice = !choice || ['auto', 'required', 'none'].includes(choice) ? ((choice ?? 'auto') as ToolChoice) : { type: 'function', function: { name: choice } };
  const req = { model: 'psr-symbolic', input: { kind: 'chat' as const, messages: [{ role: 'user' as const, content: text }] }, n: 1, stop: [], sampling: {}, extra: {}, tools, toolChoice };
  const scores = rankTools(text, tools).map((m) => ({ tool: m.tool.function.name, score: m.score, fits: m.fits, matched: m.matched }));
  return { scores, plan: planToolUse(req, now ? { now: new Date(now) } : {}) };
}
