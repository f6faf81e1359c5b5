/**
 * Scanning plain content for the start of a tool call without ever showing part of it:
 * text that might be the beginning of a marker, and the whitespace just before it, is held
 * back until the next piece decides.
 */

/** Result of scanning the held buffer in content mode. */
export interface MarkerScan {
  /** Text that is certainly content. */
  content: string;
  /** Text to keep: starts at the marker when `found`, else a possible marker prefix. */
  rest: string;
  /** Whether a whole marker starts `rest`. */
  found: boolean;
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `markers`. */
export function partialMarkerLength(text: string, markers: readonly string[]): number {
  let best = 0;
  for (const m of markers) {
    for (let len = Math.min(m.length - 1, text.length); len > best; len--) {
      if (text.endsWith(m.slice(0, len))) {
        best = len;
        break;
      }
    }
  }
  return best;
}

/** Index just past the trailing whitespace run's start: `text.slice(0, i)` has no trailing space. */
function trailingSpaceStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/**
 * Split `buf` into emit-now content and held text. Whitespace directly before a marker is
 * dropped (it separates prose from the call); at `final` nothing is held.
 */
export function scanForMarker(buf: string, markers: readonly string[], final: boolean): MarkerScan {
  let at = -1;
  for (const m of markers) {
    const i = buf.indexOf(m);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at >= 0) return { content: buf.slice(0, trailingSpaceStart(buf, at)), rest: buf.slice(at), found: true };
  if (final) return { content: buf, rest: '', found: false };
  const hold = trailingSpaceStart(buf, buf.length - partialMarkerLength(buf, markers));
  return { content: buf.slice(0, hold), rest: buf.slice(hold), found: false };
}

/**
 * After a call, drop the whitespace and the optional closing tag that follow it. Returns the
 * remaining text, or null while the text so far could still be (part of) that closing tag.
 */
export function skipAfterCall(buf: string, closeTag: string | null, final: boolean): string | null {
  const text = buf.replace(/^\s+/, '');
  if (closeTag === null) return text === '' && !final ? null : text;
  if (text.startsWith(closeTag)) return skipAfterCall(text.slice(closeTag.length), null, final);
  if (!final && closeTag.startsWith(text)) return null;
  return text;
}
