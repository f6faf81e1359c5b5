/**
 * max_tokens applied centrally for engines that can't: reasoning and content tokens of a
 * choice are counted with core/tokens (so the limit is approximate for engines with a real
 * tokenizer); the text that crosses the limit is cut and the choice finishes with "length".
 */
import { countTokens, tokenize } from '../core/tokens.js';
import type { EngineEvent, GenerateRequest } from '../core/types.js';

interface ChoiceState {
  used: number;
  done: boolean;
}

/** The max-tokens stage; a no-op when the request sets no limit. */
export async function* maxTokens(events: AsyncIterable<EngineEvent>, req: GenerateRequest): AsyncIterable<EngineEvent> {
  const limit = req.maxTokens;
  if (limit === undefined) return yield* events;
  const states = new Map<number, ChoiceState>();
  let finished = 0;
  for await (const ev of events) {
    if (ev.type === 'usage') {
      yield ev;
      continue;
    }
    let st = states.get(ev.choice);
    if (st === undefined) states.set(ev.choice, (st = { used: 0, done: false }));
    if (st.done) continue;
    if (ev.type === 'finish') {
      st.done = true;
      finished++;
      yield ev;
      continue;
    }
    if (ev.type !== 'content' && ev.type !== 'reasoning') {
      yield ev;
      continue;
    }
    const n = countTokens(ev.text);
    if (st.used + n <= limit) {
      st.used += n;
      yield ev;
      continue;
    }
    const room = limit - st.used;
    if (room > 0) yield { ...ev, text: tokenize(ev.text).slice(0, room).join('') };
    st.used = limit;
    st.done = true;
    yield { type: 'finish', choice: ev.choice, reason: 'length' };
    if (++finished >= req.n) return;
  }
}
