/** A program in a real pseudo-terminal: tmux on a private socket, driven by send-keys. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Occurrences of `needle` in `text`. */
export const count = (text: string, needle: string): number => text.split(needle).length - 1;

/**
 * The exit of a process that has ended but not been reaped, from /proc (Linux). tmux 3.3a on a
 * loaded machine sometimes misses a pane's SIGCHLD: the program has exited (status 0) yet stays
 * a zombie and tmux never marks the pane dead, so a test waiting on tmux alone times out.
 */
function zombie(pid: string): { dead: true; status: string; signal: string } | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // after "pid (comm) ": field 3 is the state, field 52 the waitpid(2)-style exit code
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] !== 'Z' || fields[49] === undefined) return undefined;
  const code = Number(fields[49]);
  return (code & 0x7f) === 0 ? { dead: true, status: String((code >> 8) & 0xff), signal: '' } : { dead: true, status: '', signal: String(code & 0x7f) };
}

/** One tmux server (its own socket) holding named 120×40 sessions. */
export class Tmux {
  readonly #socket = `psr-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

  run(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.#socket, ...args], { encoding: 'utf8' });
  }

  /** Start `cmd` in `cwd`; the pane stays after exit so its status can be read. */
  start(name: string, cwd: string, cmd: string): void {
    // one tmux call, so the pane cannot exit before remain-on-exit is set
    this.run('new-session', '-d', '-s', name, '-x', '120', '-y', '40', '-c', cwd, cmd, ';', 'set-option', '-t', name, 'remain-on-exit', 'on');
  }

  keys(name: string, ...keys: string[]): void {
    this.run('send-keys', '-t', name, ...keys);
  }

  /** The whole scrollback, wrapped lines joined; with `escapes`, colours as SGR codes. */
  screen(name: string, escapes = false): string {
    return this.run('capture-pane', '-p', '-J', '-S', '-', ...(escapes ? ['-e'] : []), '-t', name);
  }

  /**
   * Whether the pane's process has exited: its exit status, or the signal that killed it (tmux
   * leaves the status empty then, so a test waiting for a status alone would wait forever).
   */
  exit(name: string): { dead: boolean; status: string; signal: string } {
    const [dead = '', status = '', signal = '', pid = ''] = this.run('list-panes', '-t', name, '-F', '#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}').trim().split(':');
    if (dead === '1' && (status !== '' || signal !== '')) return { dead: true, status, signal };
    return zombie(pid) ?? { dead: false, status, signal };
  }

  /** Wait until `pred(screen)` holds; fails showing the screen when it never does. */
  async waitFor(name: string, pred: (s: string) => boolean, what: string, ms = 45_000): Promise<string> {
    const end = Date.now() + ms;
    for (;;) {
      const s = this.screen(name);
      if (pred(s)) return s;
      if (Date.now() > end) assert.fail(`timed out waiting for ${what}; screen:\n${s}`);
      await sleep(100);
    }
  }

  close(): void {
    try {
      this.run('kill-server');
    } catch {
      // already gone
    }
  }
}
