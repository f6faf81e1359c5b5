/**
 * What the simulated reasoning model "thinks" and answers: simple arithmetic, a few canned
 * patterns, otherwise a generic answer that echoes the topic. Deterministic for (prompt, seed).
 */

/** A reasoning trace and the final answer for one choice. */
export interface MockAnswer {
  reasoning: string;
  answer: string;
}

const OPS: Record<string, { name: string; verb: string; fn: (a: number, b: number) => number }> = {
  '+': { name: 'sum', verb: 'Adding', fn: (a, b) => a + b },
  '-': { name: 'difference', verb: 'Subtracting', fn: (a, b) => a - b },
  '*': { name: 'product', verb: 'Multiplying', fn: (a, b) => a * b },
  x: { name: 'product', verb: 'Multiplying', fn: (a, b) => a * b },
  '×': { name: 'product', verb: 'Multiplying', fn: (a, b) => a * b },
  '/': { name: 'quotient', verb: 'Dividing', fn: (a, b) => a / b },
};

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

function arithmetic(prompt: string): MockAnswer | undefined {
  const m = /(-?\d+(?:\.\d+)?)\s*([+\-*x×/])\s*(-?\d+(?:\.\d+)?)/.exec(prompt);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  const op = OPS[m[2]!]!;
  if (op.name === 'quotient' && b === 0) {
    return { reasoning: `The user asks me to divide ${fmt(a)} by zero. Division by zero is undefined.`, answer: 'Division by zero is undefined.' };
  }
  const r = op.fn(a, b);
  return {
    reasoning: `The user asks for the ${op.name} of ${fmt(a)} and ${fmt(b)}. ${op.verb} ${fmt(a)} and ${fmt(b)} gives ${fmt(r)}. Let me double-check: ${fmt(a)} ${m[2]} ${fmt(b)} = ${fmt(r)}.`,
    answer: `The answer is ${fmt(r)}.`,
  };
}

const CANNED: Array<[RegExp, MockAnswer]> = [
  [/^\s*(hi|hello|hey)\b/i, { reasoning: 'The user greets me. I should greet them back and offer help.', answer: 'Hello! How can I help you today?' }],
  [/capital of france/i, { reasoning: 'The question is about the capital of France. France\'s capital city is Paris.', answer: 'The capital of France is Paris.' }],
  [/\bcount\b.*\bto (\d+)/i, { reasoning: 'The user wants me to count. I will list the numbers in order.', answer: '' }],
];

// FNV-1a: a stable hash so answers depend only on the prompt and the seed.
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const OPENERS = ['Here is a short answer', 'In brief', 'To put it simply', 'Put shortly'];

function topicOf(prompt: string): string {
  const words = prompt.replace(/[^\p{L}\p{N}\s'-]/gu, ' ').split(/\s+/).filter((w) => w.length > 3);
  return words.slice(-4).join(' ') || 'your question';
}

/** The reasoning and answer the mock model gives to `prompt`. */
export function mockAnswer(prompt: string, seed = 0): MockAnswer {
  const math = arithmetic(prompt);
  if (math) return math;
  for (const [re, canned] of CANNED) {
    const m = re.exec(prompt);
    if (!m) continue;
    if (canned.answer === '') {
      const to = Math.min(Number(m[2] ?? m[1]) || 5, 200);
      return { reasoning: canned.reasoning, answer: Array.from({ length: to }, (_, i) => String(i + 1)).join(', ') + '.' };
    }
    return canned;
  }
  const topic = topicOf(prompt);
  const opener = OPENERS[hash(`${prompt}\u0000${seed}`) % OPENERS.length]!;
  return {
    reasoning: `The user asks about ${topic}. I should give a brief, direct answer and mention what I am unsure about.`,
    answer: `${opener}: you asked about ${topic}. I am a simulated model, so this answer is a placeholder that stays the same for the same prompt and seed.`,
  };
}
