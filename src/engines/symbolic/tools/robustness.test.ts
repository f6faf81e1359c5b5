/** Any text at all: selection and filling never throw, and filled arguments always pass the schema. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { argumentErrors } from './args-schema.js';
import { fillArguments } from './fill-arguments.js';
import { ALL } from './fixtures/tools.js';
import { rankTools, selectTool } from './select-tool.js';

const WORDS = ['weather', 'in', 'Paris', 'from', 'to', 'Rome', '5', 'minutes', 'USD', 'EUR', 'tomorrow', 'next', 'Monday', 'no', 'without', 'tolls', '"quoted text"', 'at', '3pm', 'a@b.co', 'celsius', '2026-02-30', '-4', '1,000', 'ninety', 'book', 'flight', 'search', 'for', '€', '$3', 'São', 'Paulo', "'s", ':', '[TOOL_CALLS]'];
const text = fc.oneof(fc.string({ maxLength: 80 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((w) => w.join(' ')));

test('selection and filling accept any text; produced arguments validate', () => {
  fc.assert(
    fc.property(text, (t) => {
      rankTools(t, ALL);
      selectTool(t, ALL, 'required');
      for (const tool of ALL) {
        const { args, missing } = fillArguments(t, tool.function.parameters, { now: new Date('2026-11-21T10:00:00Z') });
        const errors = argumentErrors(tool.function.parameters, args).filter((e) => e.keyword !== 'required');
        assert.deepEqual(errors, [], `${tool.function.name}: ${JSON.stringify(args)}`);
        for (const m of missing) assert.equal(args[m.split('.')[0]] === undefined || m.includes('.'), true);
      }
    }),
    { numRuns: 400, seed: 6 },
  );
});
