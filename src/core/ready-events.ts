/** Reading the events a stream already holds without a promise each (see ReadyEvents in types.ts), and the shared end-of-stream result. */
import type { EngineEvent, ReadyEvents } from './types.js';

/**
 * The held event of `it` if it offers them, else undefined (then await `it.next()`).
 * @example for (let ev = takeReady(it); ev !== undefined; ev = takeReady(it)) use(ev)
 */
export function takeReady(it: AsyncIterator<EngineEvent>): EngineEvent | undefined {
  const ready = it as Partial<ReadyEvents>;
  return typeof ready.takeReady === 'function' ? ready.takeReady() : undefined;
}

/** The result of an iterator that is done; one shared frozen object, so ending allocates nothing. */
export const DONE: IteratorReturnResult<undefined> = Object.freeze({ done: true, value: undefined });
