/**
 * JSON helpers for model text: find where a JSON value ends while it is still streaming,
 * complete a value the model left unfinished, and turn raw arguments into a JSON object text.
 */

/** Where a JSON scan stopped, so a growing buffer is scanned once, not again per piece. */
export interface JsonScanState {
  pos: number;
  depth: number;
  inString: boolean;
  /** Where the value ended once found, else -1. */
  end: number;
}

/** A fresh scan of the JSON value starting at `start`. */
export function jsonScanState(start: number): JsonScanState {
  return { pos: start, depth: 0, inString: false, end: -1 };
}

/**
 * Continue scanning: the index just past the JSON object or array, or -1 while it is still
 * open. `text` is either the whole buffer (base 0) or only the piece that starts at offset
 * `base` — feeding pieces avoids re-reading (and re-flattening) a long buffer on every push.
 * Strings and escapes are respected; indexes are absolute.
 */
export function continueJsonScan(text: string, st: JsonScanState, base = 0): number {
  if (st.end >= 0) return st.end;
  let i = st.pos - base;
  for (; i < text.length; i++) {
    const c = text[i];
    if (st.inString) {
      if (c === '\\') i++;
      else if (c === '"') st.inString = false;
      continue;
    }
    if (c === '"') st.inString = true;
    else if (c === '{' || c === '[') st.depth++;
    else if (c === '}' || c === ']') {
      st.depth--;
      if (st.depth === 0) {
        st.pos = st.end = base + i + 1;
        return st.end;
      }
    }
  }
  // An escape at the very end leaves i one past the text: the next piece resumes after it.
  st.pos = base + i;
  return -1;
}

/** The index just past the JSON object or array starting at `start`, or -1 while it is open. */
export function findJsonEnd(text: string, start: number): number {
  return continueJsonScan(text, jsonScanState(start));
}

/** Parse JSON, or undefined when it does not parse. */
export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Best-effort completion of JSON cut off mid-way (a model stopped at max_tokens) or written
 * with trailing commas: close the open string and brackets, drop dangling commas and keys.
 * Returns the parsed value, or undefined when it still does not parse.
 */
export function repairJson(text: string): unknown {
  const direct = tryParse(text);
  if (direct !== undefined) return direct;
  const closers: string[] = [];
  let inString = false;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    out += c;
    if (inString) {
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') closers.push('}');
    else if (c === '[') closers.push(']');
    else if (c === '}' || c === ']') closers.pop();
  }
  if (inString) out += '"';
  // A dangling `"key":` or `,` before the closers cannot be completed honestly: drop it.
  out = out.replace(/([{,])\s*"(?:[^"\\]|\\.)*"\s*:?\s*$/, '$1').replace(/[,:]\s*$/, '');
  out = out.replace(/,(\s*[}\]])/g, '$1');
  return tryParse(out + closers.reverse().join('').replace(/,(\s*[}\]])/g, '$1'));
}

/** True for a plain JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Arguments as compact JSON object text. Rules, so clients can always `JSON.parse` them:
 * an object (or a string holding one) is kept; invalid JSON is repaired when it can be;
 * any other value, or text that will not parse, is wrapped as `{"input": …}` (as the Reframr
 * seed does). `truncated` tells whether a repair was needed.
 */
export function normalizeArguments(raw: unknown): { json: string; repaired: boolean } {
  if (raw === undefined || raw === null) return { json: '{}', repaired: false };
  if (typeof raw !== 'string') return { json: JSON.stringify(isObject(raw) ? raw : { input: raw }), repaired: false };
  const text = raw.trim();
  if (text === '') return { json: '{}', repaired: false };
  const parsed = tryParse(text);
  if (parsed !== undefined) return normalizeArguments(typeof parsed === 'string' ? { input: parsed } : parsed);
  const repaired = repairJson(text);
  if (isObject(repaired)) return { json: JSON.stringify(repaired), repaired: true };
  return { json: JSON.stringify({ input: text }), repaired: false };
}
