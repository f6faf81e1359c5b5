/**
 * Terminal colour: on when the stream is a TTY, off under NO_COLOR or TERM=dumb, forced with
 * FORCE_COLOR (which wins, as in Node's own util.inspect). One colour per phase.
 */
import type { TextSection } from './events.js';

/** Everything that gets a label and a colour. */
export type Label = TextSection | 'tool' | 'tool_result' | 'proof';

/** Styling functions; all are identity when colour is off. */
export interface Style {
  readonly colour: boolean;
  section(section: Label, text: string): string;
  label(section: Label): string;
  dim(text: string): string;
  error(text: string): string;
  ok(text: string): string;
}

/** Whether to colour output for a stream, given the environment. */
export function wantsColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

const SGR: Record<Label, string> = {
  prompt_summary: '36', // cyan
  reasoning_summary: '33', // yellow
  reasoning: '2', // dim: the model's own thinking, secondary to the answer
  content: '32', // green
  tool: '35', // magenta
  tool_result: '35',
  proof: '34', // blue
};

const LABEL: Record<Label, string> = {
  prompt_summary: 'prompt summary',
  reasoning_summary: 'reasoning summary',
  reasoning: 'reasoning',
  content: 'answer',
  tool: 'tool call',
  tool_result: 'tool result',
  proof: 'proof',
};

/** A Style that colours when `colour` is true and is plain text otherwise. */
export function createStyle(colour: boolean): Style {
  const paint = (code: string, text: string): string => (colour ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    colour,
    section: (section, text) => paint(SGR[section], text),
    label: (section) => (colour ? paint(`1;${SGR[section]}`, `${LABEL[section]} ▸ `) : `[${LABEL[section]}] `),
    dim: (text) => paint('2', text),
    error: (text) => paint('31', text),
    ok: (text) => paint('32', text),
  };
}
