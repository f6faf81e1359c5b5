/**
 * Stop sequences applied centrally for engines that can't: content is cut at the earliest
 * match, even when a sequence spans chunks, and the choice finishes with "stop". Text that
 * could be the start of a stop sequence is held back until the next chunk decides it.
 */
import type { StageRun } from './fused-stream.js';
import { syncStage, type Stage } from './stage.js';

interface ChoiceState {
  held: string;
  done: boolean;
}

/** Length of the longest suffix of `text` that is a proper prefix of one of `stops`. */
function heldSuffixLength(text: string, stops: string[]): number {
  let best = 0;
  for (const stop of stops) {
    const max = Math.min(stop.length - 1, text.length);
    for (let k = max; k > best; k--) {
      if (text.endsWith(stop.slice(0, k))) {
        best = k;
        break;
      }
    }
  }
  return best;
}

function earliestMatch(text: string, stops: string[]): number {
  let at = -1;
  for (const stop of stops) {
    const i = text.indexOf(stop);
    if (i !== -1 && (at === -1 || i < at)) at = i;
  }
  return at;
}

/** The stop-sequence run for `stops` (non-empty) over a request with `n` choices. */
function stopRun(stops: string[], n: number): StageRun {
  const states = new Map<number, ChoiceState>();
  let finished = 0;
  return {
    push(ev, out) {
      if (ev.type === 'usage') return void out.push(ev);
      let st = states.get(ev.choice);
      if (st === undefined) states.set(ev.choice, (st = { held: '', done: false }));
      if (st.done) return;
      if (ev.type === 'finish') {
        if (st.held) out.push({ type: 'content', choice: ev.choice, text: st.held });
        st.done = true;
        finished++;
        out.push(ev);
      } else if (ev.type === 'content') {
        const text = st.held + ev.text;
        const at = earliestMatch(text, stops);
        if (at !== -1) {
          if (at > 0) out.push({ type: 'content', choice: ev.choice, text: text.slice(0, at) });
          out.push({ type: 'finish', choice: ev.choice, reason: 'stop' });
          st.done = true;
          // Every choice cut: stop pulling, so the engine stops generating (its finally runs).
          return ++finished >= n;
        }
        const hold = heldSuffixLength(text, stops);
        st.held = text.slice(text.length - hold);
        if (hold < text.length) out.push({ ...ev, text: text.slice(0, text.length - hold) });
      } else {
        out.push(ev);
      }
    },
    end(out) {
      for (const [choice, st] of states) if (!st.done && st.held) out.push({ type: 'content', choice, text: st.held });
    },
  };
}

/** The stop-sequence stage; a no-op when the request has no stop sequences. */
export const stopSequences: Stage = syncStage('stopSequences', (req) => {
  const stops = req.stop.filter((s) => s.length > 0);
  return stops.length === 0 ? undefined : stopRun(stops, req.n);
});
