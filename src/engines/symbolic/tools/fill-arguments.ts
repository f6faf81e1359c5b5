/**
 * Fills a tool's arguments from the user's request by the tool's JSON schema: enums, booleans,
 * dates, times, numbers with units, currencies, languages, places, people, e-mails, URLs,
 * queries, messages and nested objects. A required value that the request does not contain is
 * never invented: it is listed in `missing` so the engine can ask for it.
 */
import { argumentErrors } from './args-schema.js';
import { classify, type ParamInfo } from './classify.js';
import { extractBoolean, extractCurrency, extractDate, extractEnum, extractLanguage, extractNumber, extractTime } from './extract-values.js';
import { extractEmail, extractLocation, extractMessage, extractOther, extractPerson, extractQuery, extractTitle, extractUrl } from './extract-text.js';
import { RequestContext } from './request-context.js';

/** Options for {@link fillArguments}. */
export interface FillOptions {
  /** The moment relative dates are resolved against (default: now). */
  now?: Date;
}

/** Arguments found, and the required parameters (dotted paths for nested ones) still missing. */
export interface FillResult {
  args: Record<string, unknown>;
  missing: string[];
}

// Specific kinds first, so a date's digits are not read as a number and a quoted title is not a query.
const ORDER: ParamInfo['kind'][] = ['enum', 'enum_array', 'boolean', 'date', 'datetime', 'time', 'email', 'url', 'currency', 'language', 'number', 'title', 'message', 'location', 'person', 'other', 'query', 'object'];

/**
 * Fill arguments for a parameters schema from `userText`.
 * @example fillArguments('weather in Paris in celsius', weatherSchema) // { args: { location: 'Paris', unit: 'celsius' }, missing: [] }
 */
export function fillArguments(userText: string, parameters: Record<string, unknown> | undefined, opts: FillOptions = {}): FillResult {
  const ctx = new RequestContext(userText, opts.now ?? new Date());
  const result = fillObject(ctx, parameters ?? {}, '');
  for (const err of argumentErrors(parameters, result.args)) {
    // Drop a value the schema rejects rather than send it; a required one becomes missing.
    const key = err.instancePath.split('/')[1];
    if (key && key in result.args) {
      delete result.args[key];
      if (requiredOf(parameters ?? {}).includes(key) && !result.missing.includes(key)) result.missing.push(key);
    }
  }
  return result;
}

function requiredOf(schema: Record<string, unknown>): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((x): x is string => typeof x === 'string') : [];
}

function fillObject(ctx: RequestContext, schema: Record<string, unknown>, prefix: string): FillResult {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = requiredOf(schema);
  const infos = Object.entries(props).map(([name, s]) => classify(name, s ?? {}));
  infos.sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const args: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const p of infos) {
    if (p.kind === 'object') {
      const inner = fillObject(ctx, p.schema, `${prefix}${p.name}.`);
      const found = Object.keys(inner.args).length > 0;
      if (required.includes(p.name)) {
        args[p.name] = inner.args;
        missing.push(...inner.missing);
      } else if (found && inner.missing.length === 0) args[p.name] = inner.args;
      continue;
    }
    const value = extract(ctx, p) ?? (required.includes(p.name) ? p.schema.default : undefined);
    if (value !== undefined) args[p.name] = value;
    else if (required.includes(p.name)) missing.push(`${prefix}${p.name}`);
  }
  const order = Object.keys(props);
  return { args: Object.fromEntries(Object.entries(args).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b))), missing: missing.sort((a, b) => order.indexOf(a.split('.')[0]) - order.indexOf(b.split('.')[0])) };
}

function extract(ctx: RequestContext, p: ParamInfo): unknown {
  switch (p.kind) {
    case 'enum':
      return extractEnum(ctx, p.schema.enum as unknown[]);
    case 'enum_array': {
      const values = ((p.schema.items as Record<string, unknown>).enum as unknown[]).filter((v) => extractEnum(ctx, [v]) !== undefined);
      return values.length ? values : undefined;
    }
    case 'boolean': return extractBoolean(ctx, p);
    case 'date': return extractDate(ctx, p, false);
    case 'datetime': return extractDate(ctx, p, true);
    case 'time': return extractTime(ctx);
    case 'email': return extractEmail(ctx);
    case 'url': return extractUrl(ctx);
    case 'currency': return extractCurrency(ctx, p);
    case 'language': return extractLanguage(ctx, p);
    case 'number': return extractNumber(ctx, p);
    case 'location': return extractLocation(ctx, p);
    case 'person': return extractPerson(ctx);
    case 'query': return extractQuery(ctx);
    case 'message': return extractMessage(ctx);
    case 'title': return extractTitle(ctx);
    default: return extractOther(ctx);
  }
}
