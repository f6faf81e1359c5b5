/**
 * Extractors for text kinds: places, people, e-mail addresses, URLs, search queries, message
 * bodies and titles. They take only words the user actually wrote.
 */
import type { ParamInfo } from './classify.js';
import { findAfter, type Mention } from './entities.js';
import type { RequestContext } from './request-context.js';
import { STOPWORDS } from './text.js';

const PLACE_PREPS = ['in', 'at', 'for', 'near', 'around', 'of', 'to'];
const PERSON_PREPS = ['to', 'for', 'with', 'from', 'by', 'invite', 'call', 'email', 'message', 'tell', 'ask'];
const QUERY_CUE = /\b(?:search|look(?:\s+up)?|find|google|query|lookup|about|for|regarding)\s+(?:the\s+web\s+for\s+|for\s+|up\s+)?(.+)$/i;
const MESSAGE_CUE = /(?:\b(?:saying|says|that says|which says|telling (?:him|her|them)|with (?:the )?message|message)\s*:?\s*|:\s*)(.+)$/i;
const TITLE_CUE = /\b(?:subject|titled|called|named|title)\s*:?\s+(.+?)(?=\s+\b(?:saying|that says|with the message|on|at|for|tomorrow|today)\b|$)/i;

const VAGUE = new Set(['something', 'anything', 'stuff', 'things', 'it', 'this', 'that', 'them', 'web', 'internet', 'online']);

const clean = (s: string) => s.trim().replace(/^["“']|["”'.!?,;]+$/g, '').trim();

/** A place: "from X" for an origin, "to X" for a destination, else "in/at/for X", else a free name. */
export function extractLocation(ctx: RequestContext, p: ParamInfo): string | undefined {
  const names = ctx.free(ctx.names);
  const preps = p.role === 'origin' ? ['from'] : p.role === 'destination' ? ['to', 'into'] : PLACE_PREPS;
  const m = findAfter(ctx.text, preps, names) ?? (p.role ? null : names[0] ?? null);
  return m && ctx.isFree(m) ? ctx.take(m).text : undefined;
}

/** A person or other proper name: after "to/for/with…", else the first free name. */
export function extractPerson(ctx: RequestContext): string | undefined {
  const names = ctx.free(ctx.names);
  const m = names.find((n) => n.before && PERSON_PREPS.includes(n.before)) ?? names[0];
  return m ? ctx.take(m).text : undefined;
}

/** An e-mail address, or for a recipient without one, nothing (never made up). */
export function extractEmail(ctx: RequestContext): string | undefined {
  const m = ctx.free(ctx.emails)[0];
  return m ? ctx.take(m).text : undefined;
}

/** A URL. */
export function extractUrl(ctx: RequestContext): string | undefined {
  const m = ctx.free(ctx.urls)[0];
  return m ? ctx.take(m).text : undefined;
}

function quoted(ctx: RequestContext): Mention | undefined {
  return ctx.free(ctx.quoted)[0];
}

/** A search query: quoted text, else what follows "search for / look up / about…". */
export function extractQuery(ctx: RequestContext): string | undefined {
  const q = quoted(ctx);
  if (q) return ctx.take(q).text;
  const m = QUERY_CUE.exec(ctx.text);
  if (!m) return undefined;
  const text = clean(m[1].replace(/\s*\b(?:please|for me|thanks?)\b\s*$/i, ''));
  // "search something" names no topic: ask rather than search for the word "something".
  const words = text.toLowerCase().split(/\s+/).filter((w) => w && !STOPWORDS.has(w) && !VAGUE.has(w));
  return words.length ? text : undefined;
}

/** A message body: quoted text, else what follows "saying / message: / :". */
export function extractMessage(ctx: RequestContext): string | undefined {
  const m = MESSAGE_CUE.exec(ctx.text);
  if (m && clean(m[1])) {
    const start = ctx.text.length - m[1].length;
    ctx.take({ start, end: ctx.text.length });
    return clean(m[1]);
  }
  const q = quoted(ctx);
  return q ? ctx.take(q).text : undefined;
}

/** A title or subject: quoted text, else what follows "subject / titled / called". */
export function extractTitle(ctx: RequestContext): string | undefined {
  const q = quoted(ctx);
  if (q) return ctx.take(q).text;
  const m = TITLE_CUE.exec(ctx.text);
  return m && clean(m[1]) ? clean(m[1]) : undefined;
}

/** Anything else that is a string: quoted text, else a free proper name or code ("AAPL"). */
export function extractOther(ctx: RequestContext): string | undefined {
  const q = quoted(ctx);
  if (q) return ctx.take(q).text;
  const m = ctx.free(ctx.names)[0];
  return m ? ctx.take(m).text : undefined;
}
