/** `psr chat --health`: a /health body printed as an indented outline, status first. */
import type { Style } from './style.js';

/** True when the server says it is healthy (HTTP 2xx and no `status`/`ok` saying otherwise). */
export function isHealthy(status: number, body: unknown): boolean {
  if (status < 200 || status >= 300) return false;
  if (typeof body !== 'object' || body === null) return true;
  const b = body as Record<string, unknown>;
  if (b.ok === false) return false;
  return typeof b.status !== 'string' || /^(ok|healthy|up|pass|degraded)$/i.test(b.status);
}

/** The health report as lines of text. */
export function formatHealth(url: string, status: number, body: unknown, style: Style): string {
  const healthy = isHealthy(status, body);
  const head = healthy ? style.ok('● healthy') : style.error('● unhealthy');
  const lines = [`${head} ${style.dim(`${url} (HTTP ${status})`)}`];
  outline(body, '  ', lines, style);
  return lines.join('\n') + '\n';
}

function outline(value: unknown, indent: string, lines: string[], style: Style, depth = 0): void {
  if (typeof value !== 'object' || value === null) {
    if (value !== undefined && value !== '') lines.push(indent + String(value));
    return;
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    if (typeof v === 'object' && v !== null && depth < 6) {
      lines.push(`${indent}${style.dim(key + ':')}`);
      outline(v, indent + '  ', lines, style, depth + 1);
    } else {
      lines.push(`${indent}${style.dim(key + ':')} ${scalar(v, style)}`);
    }
  }
}

function scalar(v: unknown, style: Style): string {
  if (v === true) return style.ok('true');
  if (v === false) return style.error('false');
  return typeof v === 'string' ? v : JSON.stringify(v);
}
