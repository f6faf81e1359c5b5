/**
 * `psr <command> [...args]`: each command is a module in ./commands/<name>.ts exporting
 * `run(args: string[]): Promise<number | void>` and a one-line `summary`.
 */
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** What every command module exports. */
export interface CommandModule {
  summary: string;
  run(args: string[]): Promise<number | void>;
}

const commandsDir = dirname(fileURLToPath(import.meta.url)) + '/commands';
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

function commandNames(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(ext) && !f.endsWith(`.test${ext}`) && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -ext.length))
    .sort();
}

async function load(name: string): Promise<CommandModule> {
  return (await import(pathToFileURL(`${commandsDir}/${name}${ext}`).href)) as CommandModule;
}

async function usage(): Promise<void> {
  const lines = ['usage: psr <command> [options]', '', 'commands:'];
  for (const name of commandNames()) lines.push(`  ${name.padEnd(16)} ${(await load(name)).summary}`);
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await usage();
    return name ? 0 : 1;
  }
  if (!commandNames().includes(name)) {
    process.stderr.write(`psr: unknown command '${name}'; known: ${commandNames().join(', ')}\n`);
    return 2;
  }
  const code = await (await load(name)).run(args);
  return typeof code === 'number' ? code : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`psr: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
