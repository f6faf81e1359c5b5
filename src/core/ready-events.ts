/** Reading the events a stream already holds without a promise each (see ReadyEvents in types.ts). */
import type { EngineEvent, ReadyEvents } from './types.js';

/**
 * The held event of `it` if it offers them, else undefined (then await `it.next()`).
 * @example for (let ev = takeReady(it); ev !== undefined; ev = takeReady(it)) use(ev)
 */
export function takeReady(it: AsyncIterator<EngineEvent>): EngineEvent | undefined {
  const ready = it as Partial<ReadyEvents>;
  return typeof ready.takeReady === 'function' ? ready.takeReady() : undefined;
}
