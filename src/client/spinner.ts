/** A one-line spinner on stderr while waiting for the first byte; does nothing off a TTY. */

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** Something that can be started and stopped; stop() is safe to call twice. */
export interface Spinner {
  start(text: string): void;
  stop(): void;
}

/** A spinner writing to `stream` when it is a TTY (and `enabled`). */
export function createSpinner(stream: NodeJS.WriteStream, enabled = stream.isTTY === true): Spinner {
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  return {
    start(text) {
      if (!enabled || timer) return;
      const draw = (): void => {
        stream.write(`\r${FRAMES[frame++ % FRAMES.length]} ${text}\x1b[K`);
      };
      draw();
      timer = setInterval(draw, 80);
      // never keep the process alive just to spin
      timer.unref();
    },
    stop() {
      if (!timer) return;
      clearInterval(timer);
      timer = undefined;
      stream.write('\r\x1b[K');
    },
  };
}
