/**
 * max_tokens applied centrally for engines that can't: reasoning and content tokens of a
 * choice are counted with core/tokens (so the limit is approximate for engines with a real
 * tokenizer); the text that crosses the limit is cut and the choice finishes with "length".
 */
import { countTokens, tokenize } from '../core/tokens.js';
import type { StageRun } from './fused-stream.js';
import { syncStage, type Stage } from './stage.js';

interface ChoiceState {
  used: number;
  done: boolean;
}

/** The max-tokens run for `limit` over a request with `n` choices. */
function maxTokensRun(limit: number, n: number): StageRun {
  const states = new Map<number, ChoiceState>();
  let finished = 0;
  return {
    push(ev, out) {
      if (ev.type === 'usage') return void out.push(ev);
      let st = states.get(ev.choice);
      if (st === undefined) states.set(ev.choice, (st = { used: 0, done: false }));
      if (st.done) return;
      if (ev.type === 'finish') {
        st.done = true;
        finished++;
        return void out.push(ev);
      }
      if (ev.type !== 'content' && ev.type !== 'reasoning') return void out.push(ev);
      const count = countTokens(ev.text);
      if (st.used + count <= limit) {
        st.used += count;
        return void out.push(ev);
      }
      const room = limit - st.used;
      if (room > 0) out.push({ ...ev, text: tokenize(ev.text).slice(0, room).join('') });
      st.used = limit;
      st.done = true;
      out.push({ type: 'finish', choice: ev.choice, reason: 'length' });
      return ++finished >= n;
    },
  };
}

/** The max-tokens stage; a no-op when the request sets no limit. */
export const maxTokens: Stage = syncStage('maxTokens', (req) => (req.maxTokens === undefined ? undefined : maxTokensRun(req.maxTokens, req.n)));
