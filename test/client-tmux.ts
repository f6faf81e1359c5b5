/** A program in a real pseudo-terminal: tmux on a private socket, driven by send-keys. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Occurrences of `needle` in `text`. */
export const count = (text: string, needle: string): number => text.split(needle).length - 1;

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

  /** Whether the pane's process has exited, and its status ('' until tmux has reaped it). */
  exit(name: string): { dead: boolean; status: string } {
    const [dead, status] = this.run('list-panes', '-t', name, '-F', '#{pane_dead} #{pane_dead_status}').trim().split(' ');
    return { dead: dead === '1' && (status ?? '') !== '', status: status ?? '' };
  }

  /** Wait until `pred(screen)` holds; fails showing the screen when it never does. */
  async waitFor(name: string, pred: (s: string) => boolean, what: string, ms = 20_000): Promise<string> {
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
